"""The aggregator spider stores the recorded 丽水招商引资网 column's list pages, several reports each."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SITES
from spider_crawl import copies, crawl, crawled, disallowed, gold, table_counts
from spiders.aggregator import list_pages

HOST = "www.zhaoshangbao.net"
TRUTH = gold(HOST)
PAGES = {p["url"]: p for p in TRUTH["pages"]}
COLUMN = f"https://{HOST}/zhejiang/lishui/gzbg/"


@pytest.fixture(scope="module")
def column(replay_server, tmp_path_factory):
    return crawled(replay_server, "zhaoshangbao-lishui", HOST, tmp_path_factory.mktemp("agg") / "govreports.db")


def test_list_pages_of_the_column_only() -> None:
    html = (SITES / HOST / "zhejiang/lishui/gzbg/index.html").read_text("utf-8")
    assert list_pages(html, COLUMN, COLUMN) == [(COLUMN + "list_2.html", 2), (COLUMN + "list_3.html", 3)]
    assert list_pages('<a href="/zhejiang/wenzhou/gzbg/list_2.html">2</a>', COLUMN, COLUMN) == []


def test_requests_only_the_list_pages(column) -> None:
    _, result, requests = column
    assert result.returncode == 0, result.stderr
    fetched = [url for _, url in requests]
    assert fetched[0] == f"https://{HOST}/robots.txt"
    assert len(fetched) == len(set(fetched)) and set(fetched[1:]) == set(PAGES)  # no 阅读全文 detail pages
    assert not disallowed(HOST, fetched)


def test_each_list_page_yields_its_reports(column) -> None:
    db, result, _ = column
    rows = copies(db)
    assert len(PAGES) >= 3
    assert f"{sum(len(p['documents']) for p in PAGES.values())} new documents" in result.stdout
    for url, page in PAGES.items():
        found = [r for r in rows if r["url"] == url]
        assert len(found) == len(page["documents"]), url  # teaser and 招商项目 entries are not documents
        for row, doc in zip(found, page["documents"]):
            lines = row["text"].splitlines()
            assert (row["title"], row["published_on"], row["region"], row["year"]) == (doc["title"], doc["published"], doc["region"], doc["year"])
            assert (lines[0], lines[-1]) == (doc["first_line"], doc["last_line"]), (url, doc["title"])
            assert not any(w in row["text"] for w in ("浏览：", "招商热线", "阅读全文", "免责声明"))


def test_recrawl_adds_no_rows(column, replay_url: str) -> None:
    db, _, _ = column
    before = table_counts(db)
    again = crawl("zhaoshangbao-lishui", replay_url, Path(db.execute("pragma database_list").fetchone()["file"]))
    assert again.returncode == 0, again.stderr
    assert table_counts(db) == before
    assert "0 new documents, 0 duplicates" in again.stdout
