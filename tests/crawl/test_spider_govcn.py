"""The gov.cn spider crawls the recorded 中国政府网 地方政府工作报告 column into a temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITES
from site_crawl import Gold, assert_documents_match_gold, crawl

from spiders.govcn import ARTICLE_URL, GovcnSpider, list_pages, next_list_page, page_index

HOST = "www.gov.cn"
COLUMN = f"https://{HOST}/zhengce/dfzfgzbg/"
GOLD = Gold(HOST)


def list_page(name: str) -> str:
    return (SITES / HOST / "zhengce" / "dfzfgzbg" / name).read_text("utf-8")


@pytest.fixture(scope="module")
def crawled(replay_server, tmp_path_factory: pytest.TempPathFactory):
    return crawl(replay_server, HOST, tmp_path_factory.mktemp("govcn") / "govreports.db", "govcn")


def test_list_pages_of_the_recorded_column() -> None:
    assert list_pages(list_page("home.htm"), COLUMN + "home.htm") == [COLUMN + "home_1.htm", COLUMN + "home_2.htm"]
    assert next_list_page(list_page("home.htm"), COLUMN + "home.htm") == COLUMN + "home_1.htm"
    assert next_list_page(list_page("home_1.htm"), COLUMN + "home_1.htm") == COLUMN + "home_2.htm"
    assert next_list_page(list_page("home_2.htm"), COLUMN + "home_2.htm") is None
    assert next_list_page(list_page("home.htm"), COLUMN + "home.htm", max_pages=1) is None


def test_list_links_are_the_articles_with_their_titles() -> None:
    links = GovcnSpider.list_links(COLUMN + "home.htm", list_page("home.htm"))
    assert len(links) == 5 and all(ARTICLE_URL.search(url) for url, _ in links)
    assert (f"https://{HOST}/zhengce/2025-01/20/content_6999130.htm", "2025年广东省政府工作报告") in links


def test_page_index_and_pager_script() -> None:
    assert [page_index(COLUMN + n) for n in ("home.htm", "home_1.htm", "home_12.htm", "")] == [0, 1, 12, 0]
    html = '<script>createPageHTML(4, 1, "home", "htm");</script>'
    assert next_list_page(html, COLUMN + "home_1.htm") == COLUMN + "home_2.htm"
    assert list_pages('<a href="../zuixin/home_1.htm">其他栏目</a>', COLUMN + "home.htm") == []


def test_article_urls_of_gov_cn() -> None:
    for url in ("/zhengce/2024-01/29/content_6928731.htm", "/zhengce/content/2021-03/13/content_5592671.htm", "/zhengce/202403/content_6939153.htm"):
        assert ARTICLE_URL.search(url)
    assert not ARTICLE_URL.search("/zhengce/dfzfgzbg/home_1.htm")


def test_crawl_succeeds_and_summarises(crawled) -> None:
    assert crawled.result.returncode == 0, crawled.result.stderr
    assert "govcn: finished" in crawled.result.stdout
    assert f"{len(GOLD.reports)} new documents" in crawled.result.stdout


def test_requests_list_pages_and_reports_only(crawled) -> None:
    fetched = crawled.fetched
    assert len(fetched) == len(set(fetched)), "a URL was fetched twice in one run"
    lists = {COLUMN + "home.htm", COLUMN + "home_1.htm", COLUMN + "home_2.htm"}
    assert set(fetched) == {f"https://{HOST}/robots.txt"} | lists | set(GOLD.reports) | GOLD.dead
    assert not (GOLD.not_reports | GOLD.disallowed) & set(fetched)


def test_stores_every_report_and_nothing_else(crawled) -> None:
    assert {row["url"] for row in crawled.db.execute("select url from pages")} == set(GOLD.reports)
    assert {g["layout"] for g in GOLD.reports.values()} == {"news", "policy"}
    assert len({g["region"] for g in GOLD.reports.values()}) >= 6


def test_documents_match_the_gold(crawled) -> None:
    assert_documents_match_gold(crawled.documents(), GOLD.reports)


def test_run_row_counts_what_happened(crawled) -> None:
    stats = crawled.stats()
    assert stats["govcrawl/links/not_report"] == len(GOLD.not_reports)
    assert stats["govcrawl/errors"] == len(GOLD.dead)
    assert stats["robotstxt/forbidden"] == len(GOLD.disallowed)


def test_recrawl_adds_no_rows(crawled, replay_server, tmp_path: Path) -> None:
    before = crawled.counts()
    again = crawl(replay_server, HOST, crawled.db_file, "govcn")
    assert again.result.returncode == 0, again.result.stderr
    assert again.counts() == before
    assert "0 new documents, 0 duplicates" in again.result.stdout
