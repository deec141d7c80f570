"""A site asking for a longer wait than a run may spend is deferred to the next run."""

from __future__ import annotations

from fault_crawl import Hostile
from hostile_site import DEFERRED_HOST


def test_a_long_retry_after_defers_the_site_to_the_next_run(hostile: Hostile) -> None:
    report_url = f"http://{DEFERRED_HOST}/art/2020/report.html"
    first = hostile.crawl("deferred")
    assert first.result.returncode == 0, first.result.stderr
    assert first.run["status"] == "deferred"
    reason = f"{DEFERRED_HOST} answered 429 asking to wait 7200 s (Retry-After), more than GOVCRAWL_RETRY_AFTER_MAX = 30 s"
    assert first.stats["govcrawl/deferred"] == reason
    assert [line for line in first.result.stderr.splitlines() if "deferring" in line] == [
        f"WARNING crawler.crawl.politeness: deferring the site to the next run: {reason}"
    ]
    assert report_url not in first.pages and len(first.fetched(report_url)) == 1
    second = hostile.crawl("deferred")
    assert second.run["status"] == "finished", second.result.stderr
    assert report_url in second.documents
