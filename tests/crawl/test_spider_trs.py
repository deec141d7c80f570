"""The TRS WCM spider crawls the recorded 江门市 portal (GB2312) over HTTP into a temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITES
from site_crawl import Gold, assert_documents_match_gold, crawl

from spiders.trs import Pager, next_list_page, read_pager

HOST = "www.jiangmen.gov.cn"
COLUMN = f"https://{HOST}/zwgk/ghjh/zfgzbg/"
GOLD = Gold(HOST)


def list_page(name: str) -> str:
    return (SITES / HOST / "zwgk" / "ghjh" / "zfgzbg" / name).read_bytes().decode("gbk")


@pytest.fixture(scope="module")
def crawled(replay_server, tmp_path_factory: pytest.TempPathFactory):
    return crawl(replay_server, HOST, tmp_path_factory.mktemp("trs") / "govreports.db", "jiangmen")


def test_pager_of_the_recorded_column() -> None:
    assert read_pager(list_page("index.html")) == Pager(count=3, current=0, name="index", ext="html")
    assert read_pager(list_page("index_2.html")) == Pager(count=3, current=2, name="index", ext="html")
    assert next_list_page(list_page("index.html"), COLUMN) == COLUMN + "index_1.html"
    assert next_list_page(list_page("index_1.html"), COLUMN + "index_1.html") == COLUMN + "index_2.html"
    assert next_list_page(list_page("index_2.html"), COLUMN + "index_2.html") is None
    assert next_list_page(list_page("index.html"), COLUMN, max_pages=1) is None


@pytest.mark.parametrize(
    ("script", "pager"),
    [
        ('createPageHTML(21, 0, "index", "html");', Pager(21, 0, "index", "html")),
        ("createPageHTML('page_div',5, 2,'index','shtml',96);", Pager(5, 2, "index", "shtml")),
        ("var countPage = 4//共多少页\nvar currentPage = 1;\ncreatePageHTML(countPage, currentPage, \"index\", \"html\");", Pager(4, 1)),
        ('createPage(34, 0, "index", "html");', Pager(34, 0)),
        ("function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){}", None),
    ],
)
def test_read_pager_variants(script: str, pager: Pager | None) -> None:
    assert read_pager(f"<html><body><script>{script}</script></body></html>") == pager


def test_pager_in_a_comment_or_text_is_not_a_pager() -> None:
    assert read_pager('<!-- createPageHTML(9, 0, "index", "html") --><p>createPageHTML(9, 0, "index", "html")</p>') is None


def test_pager_urls_skip_page_zero_and_the_current_page() -> None:
    assert Pager(4, 2).urls(COLUMN + "index_2.html") == [COLUMN + "index_1.html", COLUMN + "index_3.html"]


def test_crawl_succeeds_and_summarises(crawled) -> None:
    assert crawled.result.returncode == 0, crawled.result.stderr
    assert "jiangmen: finished" in crawled.result.stdout
    assert f"{len(GOLD.reports)} new documents" in crawled.result.stdout


def test_requests_list_pages_and_reports_only(crawled) -> None:
    fetched = crawled.fetched
    assert len(fetched) == len(set(fetched)), "a URL was fetched twice in one run"
    assert fetched[:2] == [f"https://{HOST}/robots.txt", COLUMN]
    assert {COLUMN + "index_1.html", COLUMN + "index_2.html"} <= set(fetched)
    assert not GOLD.not_reports & set(fetched), "fetched pages whose titles say they are not reports"
    assert not GOLD.disallowed & set(fetched), "fetched a page robots.txt disallows"
    assert set(fetched) == {f"https://{HOST}/robots.txt", COLUMN, COLUMN + "index_1.html", COLUMN + "index_2.html"} | set(GOLD.reports) | GOLD.dead


def test_stores_every_report_and_nothing_else(crawled) -> None:
    assert {row["url"] for row in crawled.db.execute("select url from pages")} == set(GOLD.reports)
    assert len(GOLD.reports) >= 8 and len({g["year"] for g in GOLD.reports.values()}) >= 5


def test_documents_match_the_gold(crawled) -> None:
    assert_documents_match_gold(crawled.documents(), GOLD.reports)


def test_gbk_pages_are_decoded_even_without_a_charset_header(crawled) -> None:
    body = (SITES / HOST / "zwgk/ghjh/zfgzbg/201902/t20190215_1703398.html").read_bytes()
    assert b"charset=gb2312" in body and "政府工作报告".encode("gbk") in body
    texts = "".join(row["text"] for row in crawled.documents().values())
    assert "\ufffd" not in texts and "各位代表" in texts


def test_run_row_counts_what_happened(crawled) -> None:
    stats = crawled.stats()
    assert stats["govcrawl/links/not_report"] == len(GOLD.not_reports)
    assert stats["govcrawl/errors"] == len(GOLD.dead)  # the dead link; robots.txt's refusal is no error
    assert stats["robotstxt/forbidden"] == len(GOLD.disallowed)
    assert stats["govcrawl/documents/new"] == len(GOLD.reports)


def test_recrawl_adds_no_rows(crawled, replay_server, tmp_path: Path) -> None:
    before = crawled.counts()
    again = crawl(replay_server, HOST, crawled.db_file, "jiangmen")
    assert again.result.returncode == 0, again.result.stderr
    assert again.counts() == before
    assert "0 new documents, 0 duplicates" in again.result.stdout
