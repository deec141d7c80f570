"""A crawl of the hostile site: per fault class, what the run did, what it counted, what it stored."""

from __future__ import annotations

import pytest
from fault_crawl import Crawl, Hostile
from hostile_site import DROPPED, ERRORS, GATES, HOST, OFFSITE, RETRY_AFTER, SITEMAP_INDEX_CHAIN, cases, report

CASES = {case.name: case for case in cases()}


def test_the_run_finishes_with_every_fault_counted(first_crawl: Crawl) -> None:
    assert first_crawl.result.returncode == 0, first_crawl.result.stderr
    assert first_crawl.run["status"] == "finished"
    assert "Traceback" not in first_crawl.result.stderr
    assert first_crawl.stats["govcrawl/errors"] == len(ERRORS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_class_is_stored_or_not(first_crawl: Crawl, name: str) -> None:
    case = CASES[name]
    assert (case.url in first_crawl.pages) is case.stored
    if case.stored:
        text = first_crawl.documents[case.url]
        assert text.splitlines()[0] == report(case.year, 1200 if "gbk" in name else 3000)[1].splitlines()[0]
        assert "\ufffd" not in text


def test_pages_that_are_not_documents_are_counted_by_kind(first_crawl: Crawl) -> None:
    kinds = sorted(set(GATES.values()))
    assert {kind: first_crawl.stats.get(f"govcrawl/gate/{kind}") for kind in kinds} == {
        kind: list(GATES.values()).count(kind) for kind in kinds
    }
    # the 加速乐 answers were each asked again once with their cookie, as a browser would
    assert first_crawl.stats["govcrawl/gate/cookie_retries"] == 2
    assert len(first_crawl.fetched(CASES["challenge_521"].url)) == 2


def test_gbk_pages_labelled_utf8_or_not_labelled_are_read_as_gb18030(first_crawl: Crawl) -> None:
    for name in ("gbk_labelled_utf8", "gbk_unlabelled"):
        assert first_crawl.documents[CASES[name].url] .startswith(report(CASES[name].year, 1200)[1].splitlines()[0])
    assert first_crawl.stats["govcrawl/pages/encoding/gb18030"] == 2


@pytest.mark.parametrize("name", ERRORS)
def test_fetch_errors_are_logged_with_their_url(first_crawl: Crawl, name: str) -> None:
    lines = [line for line in first_crawl.result.stderr.splitlines() if CASES[name].url in line and "failed to fetch" in line]
    assert len(lines) == 1, first_crawl.result.stderr


def test_redirect_loop_names_its_chain(first_crawl: Crawl) -> None:
    loop = f"http://{HOST}/art/2017/a.html -> http://{HOST}/art/2017/b.html -> http://{HOST}/art/2017/a.html"
    assert loop in first_crawl.result.stderr


def test_redirects_off_the_site_are_not_followed(first_crawl: Crawl) -> None:
    asked = {url for _, url, _ in first_crawl.requests}
    assert not [url for url in asked if "elsewhere" in url or ":8080" in url]
    assert first_crawl.stats["govcrawl/offsite/filtered"] == len(OFFSITE)
    assert all(CASES[name].url in asked for name in OFFSITE)


@pytest.mark.parametrize("name", RETRY_AFTER)
def test_retry_after_is_waited_for(first_crawl: Crawl, name: str) -> None:
    first, second = first_crawl.fetched(CASES[name].url)
    assert second - first >= 1.0  # Retry-After: 1 (a lower bound, not a speed target)
    assert first_crawl.stats["govcrawl/retry_after/waits"] == len(RETRY_AFTER)


def test_sitemap_indexes_are_followed_three_levels_and_a_gzip_bomb_is_refused(first_crawl: Crawl) -> None:
    asked = {url for _, url, _ in first_crawl.requests}
    chain = [level for level in range(1, SITEMAP_INDEX_CHAIN + 2) if f"http://{HOST}/sitemaps/chain-{level}.xml" in asked]
    assert chain == [1, 2, 3]  # GOVCRAWL_SITEMAP_MAX_DEPTH
    assert first_crawl.stats["govcrawl/sitemap/too_deep"] == 1
    assert f"http://{HOST}/sitemaps/bomb.xml.gz" in asked
    assert first_crawl.stats["govcrawl/sitemap/too_large"] == 1  # unpacked no further than DOWNLOAD_MAXSIZE
    assert f"ignoring sitemap http://{HOST}/sitemaps/bomb.xml.gz" in first_crawl.result.stderr


@pytest.mark.parametrize("name", DROPPED)
def test_a_dropped_page_is_one_log_line(first_crawl: Crawl, name: str) -> None:
    lines = [line for line in first_crawl.result.stderr.splitlines() if CASES[name].url in line]
    assert len(lines) == 1 and "binary content" in lines[0], first_crawl.result.stderr[-2000:]
    assert len(first_crawl.result.stderr) < 20_000  # the 1 MB body is nowhere in the log


def test_no_network_outside_127_0_0_1(first_crawl: Crawl, second_crawl: Crawl) -> None:
    assert first_crawl.network == [] and second_crawl.network == []


def test_pages_that_were_not_documents_are_fetched_again_and_stored(hostile: Hostile, second_crawl: Crawl) -> None:
    assert second_crawl.result.returncode == 0, second_crawl.result.stderr
    for name in GATES:
        case = CASES[name]
        assert second_crawl.fetched(case.url), name
        assert second_crawl.documents[case.url].splitlines()[0] == report(case.year)[1].splitlines()[0]
    assert not second_crawl.fetched(CASES["report"].url)  # stored last run: known
    assert "govcrawl/gate/soft_404" not in second_crawl.stats
