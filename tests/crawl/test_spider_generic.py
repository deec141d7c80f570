"""The generic spider crawls the recorded 永州市地方志 site (no known CMS): sitemap, feed, links."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITES
from site_crawl import Gold, assert_documents_match_gold, crawl

from crawler.crawl.listing import Link
from spiders.generic import feed_items, feed_urls, is_navigation, is_report_link, page_titles, sitemap_entries

HOST = "dfz.yongzhou.gov.cn"
ROOT = f"https://{HOST}"
GOLD = Gold(HOST)
KEYWORDS = ("政府工作报告",)


def found_by(where: str) -> set[str]:
    return {g["url"] for g in GOLD.entries if where in g.get("found_by", ())}


# The configured crawl follows links to depth 2: the third list page and its report are beyond it.
REPORTS = {url: g for url, g in GOLD.reports.items() if url not in found_by("list3")}


@pytest.fixture(scope="module")
def crawled(replay_server, tmp_path_factory: pytest.TempPathFactory):
    """The configured site (detail_pattern, max_depth 2)."""
    return crawl(replay_server, HOST, tmp_path_factory.mktemp("generic") / "govreports.db", "yongzhou_dfz")


@pytest.fixture(scope="module")
def adhoc(replay_server, tmp_path_factory: pytest.TempPathFactory):
    """``govcrawl crawl --url``: no configuration entry, default depth 3, no URL patterns."""
    return crawl(replay_server, HOST, tmp_path_factory.mktemp("generic_url") / "govreports.db", "--url", f"{ROOT}/")


def test_sitemap_index_and_urlset() -> None:
    kind, urls = sitemap_entries((SITES / HOST / "sitemap_index.xml").read_bytes())
    assert (kind, urls) == ("sitemapindex", [f"{ROOT}/sitemap-posts.xml", f"{ROOT}/sitemap-pages.xml"])
    kind, urls = sitemap_entries((SITES / HOST / "sitemap-posts.xml").read_bytes())
    assert kind == "urlset" and found_by("sitemap") == set(urls)
    assert sitemap_entries(b"<html><body>not a sitemap</body></html>")[1] == []


def test_feed_announced_and_read() -> None:
    home = (SITES / HOST / "index.html").read_text("utf-8")
    assert feed_urls(home, f"{ROOT}/") == [f"{ROOT}/rss.xml"]
    items = feed_items((SITES / HOST / "rss.xml").read_bytes())
    assert {item.url for item in items} >= found_by("feed")
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>2024\xe5\xb9\xb4</title><link href="https://a.gov.cn/1.html"/></entry></feed>'
    assert feed_items(atom) == [Link("https://a.gov.cn/1.html", "2024年")]


def test_links_sorted_into_reports_articles_and_navigation() -> None:
    column = Link(f"{ROOT}/zfbg/", "政府工作报告")
    assert is_navigation(column) and not is_report_link(column, KEYWORDS)
    report = Link(f"{ROOT}/zfbg/2024/02/20/1201.html", "2024年永州市政府工作报告")
    assert is_report_link(report, KEYWORDS) and not is_navigation(report)
    assert is_report_link(Link(f"{ROOT}/zfbg/yongzhou.html", "2024年永州市政府工作报告"), KEYWORDS)
    news = Link(f"{ROOT}/fzdt/2024/03/12/2210.html", "市地方志编纂室召开2024年全市地方志工作会议")
    assert not is_navigation(news) and not is_report_link(news, KEYWORDS)
    assert is_navigation(Link(f"{ROOT}/zfbg/index_2.html", "下一页"))
    assert not is_report_link(Link(f"{ROOT}/zfbg/2024/02/22/1202.html", "2024年永州市政府工作报告解读"), KEYWORDS)


def test_page_titles() -> None:
    page = (SITES / HOST / "zfbg/2024/02/20/1201.html").read_text("utf-8")
    assert page_titles(page) == ["2024年永州市政府工作报告", "2024年永州市政府工作报告"]


def test_crawl_succeeds_and_summarises(crawled) -> None:
    assert crawled.result.returncode == 0, crawled.result.stderr
    assert "yongzhou_dfz: finished" in crawled.result.stdout
    assert f"{len(REPORTS)} new documents" in crawled.result.stdout


def test_reports_come_from_links_feed_and_sitemap(crawled) -> None:
    stored = {row["url"] for row in crawled.db.execute("select url from pages")}
    assert stored == set(REPORTS)
    only = lambda where: {g["url"] for g in REPORTS.values() if g["found_by"] == [where]}  # noqa: E731
    assert only("feed") and only("feed") <= stored
    assert only("sitemap") and only("sitemap") <= stored


def test_documents_match_the_gold(crawled) -> None:
    assert_documents_match_gold(crawled.documents(), REPORTS)


def test_requests(crawled) -> None:
    fetched = crawled.fetched
    assert len(fetched) == len(set(fetched)), "a URL was fetched twice in one run"
    assert fetched.count(f"{ROOT}/robots.txt") == 1  # read once, by the robots middleware, sitemaps included
    assert {f"{ROOT}/sitemap_index.xml", f"{ROOT}/sitemap-posts.xml", f"{ROOT}/sitemap.xml", f"{ROOT}/rss.xml"} <= set(fetched)
    assert {f"{ROOT}/zfbg/", f"{ROOT}/zfbg/index_2.html"} <= set(fetched)
    assert f"{ROOT}/zfbg/index_3.html" not in fetched, "max_depth 2: the third list page is too deep"
    assert not found_by("list3") & set(fetched)
    assert not GOLD.disallowed & set(fetched)
    news = {g["url"] for g in GOLD.entries if "/fzdt/" in g["url"] or "/njbz/" in g["url"]}
    assert not news & set(fetched), "detail_pattern: sitemap entries outside /zfbg/YYYY/ are not fetched"
    assert GOLD.dead <= set(fetched)


def test_run_row_counts_what_happened(crawled) -> None:
    stats = crawled.stats()
    assert stats["govcrawl/errors"] == len(GOLD.dead)
    assert stats["robotstxt/forbidden"] == len(GOLD.disallowed)
    assert stats["govcrawl/documents/new"] == len(REPORTS)


def test_recrawl_adds_no_rows(crawled, replay_server, tmp_path: Path) -> None:
    before = crawled.counts()
    again = crawl(replay_server, HOST, crawled.db_file, "yongzhou_dfz")
    assert again.result.returncode == 0, again.result.stderr
    assert again.counts() == before
    assert "0 new documents, 0 duplicates" in again.result.stdout


def test_crawl_url_without_configuration(adhoc) -> None:
    assert adhoc.result.returncode == 0, adhoc.result.stderr
    assert f"{HOST}: finished" in adhoc.result.stdout
    fetched = set(adhoc.fetched)
    assert len(adhoc.fetched) == len(fetched)
    # Depth 3 reaches the third list page and its report; the sitemap's articles are fetched
    # (no titles to judge them by) but only reports are stored.
    deep = found_by("list3")
    assert f"{ROOT}/zfbg/index_3.html" in fetched and deep <= fetched
    assert f"{ROOT}/fzdt/2024/03/12/2210.html" in fetched
    stored = {row["url"] for row in adhoc.db.execute("select url from pages")}
    assert stored == set(GOLD.reports)
    assert_documents_match_gold(adhoc.documents(), GOLD.reports)
    assert not GOLD.disallowed & fetched
    run = adhoc.db.execute("select site from runs").fetchone()
    assert run["site"] == HOST
