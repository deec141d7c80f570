"""A sitemap index listing more sitemaps than a run takes: GOVCRAWL_SITEMAP_MAX_COUNT of them are fetched."""

from __future__ import annotations

from fault_crawl import Hostile
from hostile_site import SITEMAP_FANOUT, SITEMAPS_HOST


def test_sitemaps_per_site_are_capped(hostile: Hostile) -> None:
    crawl = hostile.crawl("manymaps")
    assert crawl.result.returncode == 0, crawl.result.stderr
    sitemaps = [url for _, url, _ in crawl.requests if url.endswith(".xml")]
    assert len(sitemaps) == 10  # the suite's GOVCRAWL_SITEMAP_MAX_COUNT: /sitemap.xml, wide.xml and 8 of its 30
    assert f"http://{SITEMAPS_HOST}/sitemaps/wide.xml" in sitemaps
    assert crawl.stats["govcrawl/sitemap/over_limit"] == SITEMAP_FANOUT - 8
