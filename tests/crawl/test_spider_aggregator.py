"""The aggregator spider stores the recorded 丽水招商引资网 column's list pages, several reports each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SITES
from site_crawl import crawl, disallowed, documents_changed, gold, runs

from crawler.tools.replay import ReplayServer
from spiders.aggregator import list_page_number, list_pages

HOST = "www.zhaoshangbao.net"
TRUTH = gold(HOST)
PAGES = {p["url"]: p for p in TRUTH["pages"]}
COLUMN = f"https://{HOST}/zhejiang/lishui/gzbg/"


@pytest.fixture(scope="module")
def column(replay_server, tmp_path_factory):
    return crawl(replay_server, HOST, tmp_path_factory.mktemp("agg") / "govreports.db", "zhaoshangbao-lishui")


def test_list_pages_of_the_column_only() -> None:
    html = (SITES / HOST / "zhejiang/lishui/gzbg/index.html").read_text("utf-8")
    assert list_pages(html, COLUMN, COLUMN) == [(COLUMN + "list_2.html", 2), (COLUMN + "list_3.html", 3)]
    assert list_pages('<a href="/zhejiang/wenzhou/gzbg/list_2.html">2</a>', COLUMN, COLUMN) == []
    assert [list_page_number(u, COLUMN) for u in (COLUMN + "list_3.html", COLUMN, f"https://{HOST}/zhejiang/list_3.html")] == [3, None, None]


def test_requests_only_the_list_pages(column) -> None:
    assert column.result.returncode == 0, column.result.stderr
    fetched = column.fetched
    assert fetched[0] == f"https://{HOST}/robots.txt"
    assert len(fetched) == len(set(fetched)) and set(fetched[1:]) == set(PAGES)  # no 阅读全文 detail pages
    assert not disallowed(HOST, fetched)


def test_each_list_page_yields_its_reports(column) -> None:
    rows = column.copies()
    assert len(PAGES) >= 3
    assert f"{sum(len(p['documents']) for p in PAGES.values())} new documents" in column.result.stdout
    for url, page in PAGES.items():
        found = [r for r in rows if r["url"] == url]
        assert len(found) == len(page["documents"]), url  # teaser and 招商项目 entries are not documents
        for row, doc in zip(found, page["documents"], strict=True):
            lines = row["text"].splitlines()
            assert (row["title"], row["published_on"], row["region"], row["year"]) == (doc["title"], doc["published"], doc["region"], doc["year"])
            assert (lines[0], lines[-1]) == (doc["first_line"], doc["last_line"]), (url, doc["title"])
            assert not any(w in row["text"] for w in ("浏览：", "招商热线", "阅读全文", "免责声明"))


def test_recrawl_adds_no_rows(column, replay_server) -> None:
    before = column.counts()
    again = crawl(replay_server, HOST, column.db_file, "zhaoshangbao-lishui")
    assert again.result.returncode == 0, again.result.stderr
    assert again.counts() == before
    assert "0 new documents, 0 duplicates" in again.result.stdout


# --- incremental: the list pages are the stored pages; a 304 ends paging -------------------

LIST_2, LIST_3 = COLUMN + "list_2.html", COLUMN + "list_3.html"


def test_second_run_stops_at_the_unchanged_first_page(replay_server, tmp_path: Path) -> None:
    first, second, refresh = runs(replay_server, "zhaoshangbao-lishui", HOST, tmp_path / "govreports.db", (), (), ("--refresh",))
    assert first["urls"][1:] == [COLUMN, LIST_2, LIST_3]  # one after another
    assert second["urls"] == [f"https://{HOST}/robots.txt", COLUMN]  # 304: neither page 2 nor 3 asked
    assert second["stats"]["govcrawl/pages/not_modified"] == 1 and second["stats"]["govcrawl/paging/stopped_not_modified"] == 1
    assert second["stats"]["downloader/response_bytes"] <= 0.05 * first["stats"]["downloader/response_bytes"]
    assert second["documents"] == first["documents"] and documents_changed(second["stats"]) == 0
    # --refresh asks every stored list page again, each answered 304: paging goes on by the stored pages
    assert refresh["urls"][1:] == [COLUMN, LIST_2, LIST_3]
    assert refresh["stats"]["govcrawl/pages/not_modified"] == 3 and "govcrawl/errors" not in refresh["stats"]
    assert refresh["documents"] == first["documents"]


def test_a_changed_first_page_is_stored_and_paging_stops_at_the_unchanged_second(tmp_path: Path) -> None:
    shutil.copytree(SITES / HOST, tmp_path / "sites" / HOST)
    server = ReplayServer(tmp_path / "sites")
    server.start()
    try:
        db = tmp_path / "govreports.db"
        first = runs(server, "zhaoshangbao-lishui", HOST, db, ())[0]
        index = tmp_path / "sites" / HOST / "zhejiang/lishui/gzbg/index.html"
        index.write_text(index.read_text("utf-8").replace("浏览：1682次", "浏览：1702次"), "utf-8")  # a hit counter ticked
        second = runs(server, "zhaoshangbao-lishui", HOST, db, ())[0]
    finally:
        server.shutdown()
        server.server_close()
    assert second["urls"] == [f"https://{HOST}/robots.txt", COLUMN, LIST_2]
    assert second["stats"]["govcrawl/pages/not_modified"] == 1 and second["stats"]["govcrawl/paging/stopped_not_modified"] == 1
    assert second["stats"]["govcrawl/pages/stored"] == 1  # the new version of page 1 (its copies point at the same documents)
    assert [d[:3] for d in second["documents"]] == [d[:3] for d in first["documents"]]  # id, title, text
