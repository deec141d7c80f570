"""The JCMS spider crawls the recorded 温州市 portal over HTTP into a temporary database."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import SITES
from site_crawl import crawl, gold

from spiders.jcms import read_paging, read_records

HOST = "www.wenzhou.gov.cn"
SITE = SITES / HOST
GOLD: list[dict[str, Any]] = gold(HOST)
REPORTS = {g["url"]: g for g in GOLD if g["is_report"] and g["status"] == 200}


@pytest.fixture(scope="module")
def crawled(replay_server, tmp_path_factory: pytest.TempPathFactory):
    """One crawl into a fresh database."""
    return crawl(replay_server, HOST, tmp_path_factory.mktemp("jcms") / "govreports.db", "wenzhou")


def test_column_page_records_and_paging() -> None:
    html = (SITE / "col" / "col1229117804" / "index.html").read_text("utf-8")
    records = read_records(html)
    assert len(records) == 10  # the broken <li style=<br/> record is skipped
    assert all(r.url.startswith("/art/") and r.title for r in records)
    paging = read_paging(html)
    assert paging is not None and paging.params["columnid"] == "1229117804"
    assert list(paging.later_groups()) == [(11, 20), (21, 30)]


def test_crawl_succeeds_and_summarises(crawled) -> None:
    assert crawled.result.returncode == 0, crawled.result.stderr
    assert "wenzhou: finished" in crawled.result.stdout
    assert f"{len(REPORTS)} new documents" in crawled.result.stdout


def test_stores_every_report_page_and_no_other(crawled) -> None:
    db = crawled.db
    stored = {row["url"] for row in db.execute("select url from pages")}
    assert stored == set(REPORTS)


def test_documents_carry_the_pages_fields(crawled) -> None:
    db = crawled.db
    rows = db.execute(
        """select pages.url, documents.title, documents.text, copies.published_on, copies.index_no,
                  copies.publisher, copies.written_on, copies.metadata, copies.relation
           from copies join pages on pages.id = copies.page_id join documents on documents.id = copies.document_id"""
    ).fetchall()
    assert len(rows) == len(REPORTS)
    for row in rows:
        gold = REPORTS[row["url"]]
        assert row["title"] == gold["title"]
        assert row["published_on"] == gold["published"]
        assert (row["index_no"], row["publisher"], row["written_on"]) == (gold["index_no"], gold["publisher"], gold["written_on"])
        assert json.loads(row["metadata"])["disclosure"] == gold["disclosure"]
        lines = row["text"].splitlines()
        assert (lines[0], lines[-1]) == (gold["first_line"], gold["last_line"]), row["url"]
        assert row["relation"] == "canonical"


def test_run_row_counts_what_happened(crawled) -> None:
    db = crawled.db
    run = db.execute("select * from runs").fetchone()
    stats = json.loads(run["stats"])
    not_reports = sum(1 for g in GOLD if not g["is_report"])
    dead = sum(1 for g in GOLD if g["is_report"] and g["status"] != 200)
    assert (run["site"], run["status"]) == ("wenzhou", "finished")
    assert stats["govcrawl/links/not_report"] == not_reports
    assert stats["govcrawl/errors"] == dead
    assert stats["govcrawl/documents/new"] == len(REPORTS)
    assert stats["downloader/request_method_count/POST"] == 2  # the two dataproxy.jsp pages


def test_recrawl_adds_no_rows(crawled, replay_server) -> None:
    before = crawled.counts()
    again = crawl(replay_server, HOST, crawled.db_file, "wenzhou")
    assert again.result.returncode == 0, again.result.stderr
    assert again.counts() == before
    # Incremental: stored reports are not fetched again (tests/crawl/test_incremental.py).
    assert "0 pages stored, 0 new documents, 0 duplicates, 0 unchanged" in again.result.stdout


def test_requests_only_what_it_needs(crawled) -> None:
    requests = crawled.requests
    fetched = crawled.fetched
    not_reports = {g["url"] for g in GOLD if not g["is_report"]}
    assert not not_reports & set(fetched), "fetched pages whose titles say they are not reports"
    assert len(fetched) == len(set(fetched)), "a URL was fetched twice in one run"
    assert set(REPORTS) <= set(fetched)
    posts = [url for method, url in requests if method == "POST"]
    pages = [dict(parse_qsl(urlsplit(url).query)) for url in posts]
    assert sorted((p["startrecord"], p["endrecord"], p["perpage"]) for p in pages) == [("11", "20", "10"), ("21", "30", "10")]
