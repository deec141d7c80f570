"""The 博达 VSB spider crawls the recorded 石屏县 site into a temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITES
from site_crawl import Gold, assert_documents_match_gold, crawl

from spiders.vsb import VsbSpider, column_key, list_pages, next_list_page

HOST = "www.shiping.gov.cn"
FIRST = f"https://{HOST}/zwgk/zfgzbg.htm"
GOLD = Gold(HOST)


def page(path: str) -> str:
    return (SITES / HOST / path.lstrip("/")).read_text("utf-8")


@pytest.fixture(scope="module")
def crawled(replay_server, tmp_path_factory: pytest.TempPathFactory):
    return crawl(replay_server, HOST, tmp_path_factory.mktemp("vsb") / "govreports.db", "shiping")


def test_static_pages_count_down() -> None:
    second, last = f"https://{HOST}/zwgk/zfgzbg/2.htm", f"https://{HOST}/zwgk/zfgzbg/1.htm"
    assert next_list_page(page("/zwgk/zfgzbg.htm"), FIRST) == second
    assert next_list_page(page("/zwgk/zfgzbg/2.htm"), second) == last
    assert next_list_page(page("/zwgk/zfgzbg/1.htm"), last) is None
    assert set(list_pages(page("/zwgk/zfgzbg/2.htm"), second)) == {FIRST, last}
    assert next_list_page(page("/zwgk/zfgzbg.htm"), FIRST, max_pages=1) is None


def test_next_page_by_number_when_the_pager_has_no_next_link() -> None:
    html = '<a href="zfgzbg/3.htm">2</a><a href="zfgzbg/2.htm">3</a><a href="zfgzbg/1.htm">4</a><a href="../info/1040/1.htm">x</a>'
    assert next_list_page(html, FIRST) == f"https://{HOST}/zwgk/zfgzbg/3.htm"


def test_list_jsp_pages() -> None:
    url = f"https://{HOST}/list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1040&totalpage=3&PAGENUM=1"
    html = (
        '<a href="list.jsp?totalpage=3&PAGENUM=2&urltype=tree.TreeTempUrl&wbtreeid=1040" class="Next">下页</a>'
        '<a href="list.jsp?totalpage=9&PAGENUM=2&urltype=tree.TreeTempUrl&wbtreeid=1099">下页</a>'
    )
    assert next_list_page(html, url) == f"https://{HOST}/list.jsp?PAGENUM=2&totalpage=3&urltype=tree.TreeTempUrl&wbtreeid=1040"
    assert column_key(url) == "list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1040"
    assert column_key(f"https://{HOST}/zwgk/zfgzbg/2.htm") == column_key(FIRST) == "/zwgk/zfgzbg"


def test_list_links_are_info_articles() -> None:
    links = VsbSpider.list_links(FIRST, page("/zwgk/zfgzbg.htm"))
    assert len(links) == 5 and all("/info/" in url for url, _ in links)
    assert (f"https://{HOST}/info/1040/25061.htm", "2025年石屏县政府工作报告") in links


def test_crawl_succeeds_and_summarises(crawled) -> None:
    assert crawled.result.returncode == 0, crawled.result.stderr
    assert "shiping: finished" in crawled.result.stdout
    assert f"{len(GOLD.reports)} new documents" in crawled.result.stdout


def test_requests_list_pages_and_reports_only(crawled) -> None:
    fetched = crawled.fetched
    assert len(fetched) == len(set(fetched)), "a URL was fetched twice in one run"
    lists = {FIRST, f"https://{HOST}/zwgk/zfgzbg/2.htm", f"https://{HOST}/zwgk/zfgzbg/1.htm"}
    assert set(fetched) == {f"https://{HOST}/robots.txt"} | lists | set(GOLD.reports) | GOLD.dead
    assert not (GOLD.not_reports | GOLD.disallowed) & set(fetched)


def test_stores_every_report_and_nothing_else(crawled) -> None:
    assert {row["url"] for row in crawled.db.execute("select url from pages")} == set(GOLD.reports)
    assert {g["region"] for g in GOLD.reports.values()} == {"石屏县", "红河哈尼族彝族自治州"}


def test_documents_match_the_gold(crawled) -> None:
    assert_documents_match_gold(crawled.documents(), GOLD.reports)


def test_run_row_counts_what_happened(crawled) -> None:
    stats = crawled.stats()
    assert stats["govcrawl/links/not_report"] == len(GOLD.not_reports)
    assert stats["govcrawl/errors"] == len(GOLD.dead)
    assert stats["robotstxt/forbidden"] == len(GOLD.disallowed)


def test_recrawl_adds_no_rows(crawled, replay_server, tmp_path: Path) -> None:
    before = crawled.counts()
    again = crawl(replay_server, HOST, crawled.db_file, "shiping")
    assert again.result.returncode == 0, again.result.stderr
    assert again.counts() == before
    assert "0 new documents, 0 duplicates" in again.result.stdout
