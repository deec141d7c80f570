"""The news spider crawls the recorded 丽水网 (gb2312-declared): channel pages, report articles, their later pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITES
from site_crawl import crawl, disallowed, documents_changed, gold, recorded_bytes, runs

from spiders.news import article_links, article_pages, channel_pages, listed_articles, next_channel_page

HOST = "www.lsnews.com.cn"
TRUTH = gold(HOST)
REPORTS = {p["url"]: p for p in TRUTH["pages"] if p["is_report"]}


@pytest.fixture(scope="module")
def portal(replay_server, tmp_path_factory):
    return crawl(replay_server, HOST, tmp_path_factory.mktemp("news") / "govreports.db", "lsnews")


def test_channel_and_article_helpers() -> None:
    channel = f"http://{HOST}/xsq/index.shtml"
    html = (SITES / HOST / "xsq/index.shtml").read_bytes().decode("gbk")
    assert [u for u, _ in article_links(html, channel)] == [f"http://{HOST}{stem}.shtml" for stem in TRUTH["list_pages"][0]["articles"]]
    assert channel_pages(html, channel) == [(f"http://{HOST}/xsq/index_2.shtml", 2)]
    article = f"http://{HOST}/system/2024/01/24/034118201.shtml"
    page = (SITES / HOST / "system/2024/01/24/034118201.shtml").read_bytes().decode("gbk")
    assert article_pages(page, article) == [f"http://{HOST}/system/2024/01/24/034118201_2.shtml"]  # not 相关新闻


def test_requests_channel_pages_report_articles_and_their_pages(portal) -> None:
    assert portal.result.returncode == 0, portal.result.stderr
    fetched = portal.fetched
    assert len(fetched) == len(set(fetched))
    assert set(fetched) == {f"http://{HOST}/robots.txt"} | {p["url"] for p in TRUTH["list_pages"]} | set(REPORTS)
    assert not disallowed(HOST, fetched)


def test_each_article_page_gives_its_part(portal) -> None:
    rows = portal.copies()
    assert sorted(r["url"] for r in rows) == sorted(REPORTS)
    assert {row[0] for row in portal.db.execute("select encoding from pages")} == {"gb18030"}
    for row in rows:
        page = REPORTS[row["url"]]
        lines = row["text"].splitlines()
        assert (row["title"], row["published_on"], row["region"], row["year"]) == (page["title"], page["published"], page["region"], page["year"])
        assert (lines[0], lines[-1]) == (page["first_line"], page["last_line"]), row["url"]
        assert "\ufffd" not in row["text"] and "来源" not in lines[-1] and "编辑：" not in row["text"]
    assert any(p["article_page"] == 2 for p in REPORTS.values())


def test_recrawl_adds_no_rows(portal, replay_server) -> None:
    before = portal.counts()
    again = crawl(replay_server, HOST, portal.db_file, "lsnews")
    assert again.result.returncode == 0, again.result.stderr
    assert again.counts() == before
    assert "0 new documents, 0 duplicates" in again.result.stdout


def test_channel_rows_carry_their_dates_and_the_next_page() -> None:
    channel = f"http://{HOST}/xsq/index.shtml"
    html = (SITES / HOST / "xsq/index.shtml").read_bytes().decode("gbk")
    assert [(a.url.rsplit("/", 1)[1], a.listed_on) for a in listed_articles(html, channel)][:2] == [
        ("034120556.shtml", "2024-01-26"), ("034118201.shtml", "2024-01-24")]
    assert next_channel_page(html, channel) == (f"http://{HOST}/xsq/index_2.shtml", 2)
    last = (SITES / HOST / "xsq/index_2.shtml").read_bytes().decode("gbk")
    assert next_channel_page(last, f"http://{HOST}/xsq/index_2.shtml") is None


def test_second_run_of_the_unchanged_portal_reads_one_channel_page(replay_server, tmp_path: Path) -> None:
    first, second = runs(replay_server, "lsnews", HOST, tmp_path / "govreports.db", (), ())
    assert f"http://{HOST}/system/2024/01/24/034118201_2.shtml" in first["urls"]
    # no stored article again, nor the later page of the two-page one (only its first page links it)
    assert second["urls"] == [f"http://{HOST}/robots.txt", f"http://{HOST}/xsq/index.shtml"]
    assert second["stats"]["govcrawl/paging/stopped_known"] == 1
    assert second["documents"] == first["documents"] and documents_changed(second["stats"]) == 0
    # Structural bound, not 5 %: robots.txt and the first channel page (2.4 KB) alone are 7.8 % of
    # the first run's 38 KB (5 short report pages).
    assert second["stats"]["downloader/response_bytes"] <= recorded_bytes(HOST, "robots.txt", "xsq/index.shtml")
    assert second["stats"]["downloader/response_bytes"] <= 0.08 * first["stats"]["downloader/response_bytes"]
