"""Incremental crawls of the recorded 温州市 portal: a second run fetches list pages only and
changes nothing; --refresh asks conditionally and keeps changed pages' history; --since."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import SITES
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.crawl.incremental import BEFORE_SINCE, CHANGED, FETCH, KNOWN, Incremental, ListedLink
from crawler.crawl.middlewares import ConditionalRequestMiddleware, NotModified
from crawler.store.db import Store
from crawler.store.rows import KnownPage, RawPage
from crawler.store.versions import STAGE_VERSIONS
from crawler.tools.replay import ReplayServer

HOST = "www.wenzhou.gov.cn"
GOLD: list[dict[str, Any]] = json.loads((SITES / HOST / "_gold.json").read_text("utf-8"))
REPORTS = {g["url"]: g for g in GOLD if g["is_report"] and g["status"] == 200}
DEAD = {g["url"] for g in GOLD if g["is_report"] and g["status"] != 200}
GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
EDITED = "https://www.wenzhou.gov.cn/art/2025/1/24/art_1229117804_59263418.html"
EDITED_FILE = "art/2025/1/24/art_1229117804_59263418.html"
OLD_LAST, NEW_LAST = "而努力奋斗！", "而团结奋斗！"


def crawl(replay_url: str, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GOVCRAWL, "crawl", "wenzhou", "--replay", replay_url, "--db", str(db), *extra],
        capture_output=True, text=True, timeout=180,
    )


def connect(db: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return connection


def run_stats(db: Path) -> list[dict[str, Any]]:
    with connect(db) as connection:
        return [json.loads(row["stats"]) for row in connection.execute("select stats from runs order by id")]


def documents(db: Path) -> list[dict[str, Any]]:
    with connect(db) as connection:
        return [dict(row) for row in connection.execute("select * from documents order by id")]


@pytest.fixture(scope="module")
def twice(replay_server: ReplayServer, tmp_path_factory: pytest.TempPathFactory):
    """Crawl the unchanged site twice into one database: (db, [results], [requests per run], [documents after each])."""
    db = tmp_path_factory.mktemp("incremental") / "govreports.db"
    results, requests, states = [], [], []
    for _ in range(2):
        before = len(replay_server.requested(HOST))
        results.append(crawl(replay_server.url, db))
        requests.append(replay_server.requested(HOST)[before:])
        states.append(documents(db))
    return db, results, requests, states


def test_second_run_downloads_at_most_5_percent(twice) -> None:
    db, results, _, _ = twice
    assert [r.returncode for r in results] == [0, 0], results[1].stderr
    first, second = run_stats(db)
    assert second["downloader/response_bytes"] <= 0.05 * first["downloader/response_bytes"]
    assert second["govcrawl/links/known"] == len(REPORTS) - 9  # 9 reports sit on list pages paging skipped
    assert second["govcrawl/paging/stopped_known"] == 1


def test_second_run_requests_list_pages_only(twice) -> None:
    _, _, requests, _ = twice
    second = [url for _, url in requests[1]]
    assert not set(second) & set(REPORTS), "fetched a stored report page again"
    assert set(second) - DEAD == {
        "https://www.wenzhou.gov.cn/robots.txt",
        "https://www.wenzhou.gov.cn/col/col1229117804/index.html",
        "https://www.wenzhou.gov.cn/col/col1229117851/index.html",
    }
    assert not [url for method, url in requests[1] if method == "POST"], "paged past a page of stored reports"


def test_second_run_changes_no_document(twice) -> None:
    db, results, _, states = twice
    assert states[0] == states[1]
    assert "0 new documents, 0 duplicates, 0 unchanged" in results[1].stdout
    assert "0 pages changed, 0 documents updated" in results[1].stdout
    with connect(db) as connection:
        assert connection.execute("select count(*) from pages").fetchone()[0] == len(REPORTS)


def test_refresh_asks_conditionally_and_gets_304s(twice, replay_url: str) -> None:
    db, _, _, states = twice
    result = crawl(replay_url, db, "--refresh")
    assert result.returncode == 0, result.stderr
    stats = run_stats(db)[-1]
    assert stats["govcrawl/pages/not_modified"] == len(REPORTS)
    assert stats.get("govcrawl/pages/stored", 0) == 0 and stats["govcrawl/errors"] == len(DEAD)
    assert f"{len(REPORTS)} not modified" in result.stdout
    assert documents(db) == states[1]


@pytest.fixture
def site_copy(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the recorded site under tmp_path (to edit between runs) and a replay server over it."""
    shutil.copytree(SITES / HOST, tmp_path / "sites" / HOST)
    server = ReplayServer(tmp_path / "sites")
    server.start()
    yield tmp_path / "sites" / HOST, server.url
    server.shutdown()
    server.server_close()


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), "utf-8")


def test_refresh_updates_a_changed_page_and_keeps_the_old_copy(site_copy, tmp_path: Path) -> None:
    root, url = site_copy
    db = tmp_path / "govreports.db"
    assert crawl(url, db).returncode == 0
    before = {row["id"]: row for row in documents(db)}
    edit(root / EDITED_FILE, OLD_LAST, NEW_LAST)
    result = crawl(url, db, "--refresh")
    assert result.returncode == 0, result.stderr
    assert "1 pages changed, 1 documents updated" in result.stdout
    with connect(db) as connection:
        versions = connection.execute(
            """select p.id, p.fetched_at, c.relation, c.text, c.document_id from pages p join copies c on c.page_id = p.id
               where p.url = ? order by p.id""", [EDITED],
        ).fetchall()
        assert [v["relation"] for v in versions] == ["superseded", "canonical"]
        assert versions[0]["text"].splitlines()[-1].endswith(OLD_LAST)
        assert versions[0]["fetched_at"] < versions[1]["fetched_at"] or versions[0]["id"] < versions[1]["id"]
        assert versions[0]["document_id"] == versions[1]["document_id"]
        document = connection.execute("select * from documents where id = ?", [versions[1]["document_id"]]).fetchone()
    assert document["text"].splitlines()[-1].endswith(NEW_LAST)
    assert document["best_copy_id"] != before[document["id"]]["best_copy_id"]
    after = {row["id"]: row for row in documents(db)}
    assert after.keys() == before.keys()
    assert [d for d in after if after[d] != before[d]] == [document["id"]]


def test_list_date_newer_than_stored_copy_refetches_it(site_copy, tmp_path: Path) -> None:
    root, url = site_copy
    db = tmp_path / "govreports.db"
    assert crawl(url, db).returncode == 0
    edit(root / EDITED_FILE, OLD_LAST, NEW_LAST)
    today = date.today().isoformat()
    edit(root / "col/col1229117804/index.html", "<span>2025-01-24</span>", f"<span>{today}</span>")
    result = crawl(url, db)
    assert result.returncode == 0, result.stderr
    stats = run_stats(db)[-1]
    assert stats["govcrawl/links/changed"] == 1
    assert stats["govcrawl/pages/stored"] == 1 and stats["govcrawl/pages/changed"] == 1
    assert stats["govcrawl/documents/updated"] == 1


def test_since_skips_older_reports_and_stops_paging(replay_server: ReplayServer, tmp_path: Path) -> None:
    db = tmp_path / "govreports.db"
    before = len(replay_server.requested(HOST))
    result = crawl(replay_server.url, db, "--since", "2023-01-01")
    assert result.returncode == 0, result.stderr
    requests = replay_server.requested(HOST)[before:]
    with connect(db) as connection:
        stored = {row[0] for row in connection.execute("select url from pages")}
    assert stored == {u for u, g in REPORTS.items() if g["published"] >= "2023-01-01"}
    assert len(stored) == 8
    assert [u.split("?")[1] for m, u in requests if m == "POST"] == ["endrecord=20&perpage=10&startrecord=11"]
    assert run_stats(db)[-1]["govcrawl/paging/stopped_since"] == 1


# --- the pieces --------------------------------------------------------------------------


def test_verdicts_and_stop_reasons(tmp_path: Path) -> None:
    incremental = Incremental(None, "x", since="2023-01-01")
    incremental._known = {"https://a/1": KnownPage("2024-01-05", "2025-06-01T00:00:00+00:00", True),
                          "https://a/4": KnownPage("2024-01-05", "2025-06-01T00:00:00+00:00", False)}
    assert incremental.verdict("https://a/2", "2024-02-01") == FETCH
    assert incremental.verdict("https://a/1", "2024-01-05") == KNOWN
    assert incremental.verdict("https://a/1", "2025-06-01") == CHANGED
    assert incremental.verdict("https://a/1", "2024-03-01") == KNOWN  # re-dated before we fetched it
    assert incremental.verdict("https://a/3", "2022-12-31") == BEFORE_SINCE
    assert incremental.stop_reason([ListedLink("https://a/1", True), ListedLink("https://a/9", False)]) == "known"
    assert incremental.stop_reason([ListedLink("https://a/2", True, "2024-01-01")]) is None
    assert incremental.stop_reason([ListedLink("https://a/9", False)]) is None  # no report link: no evidence
    assert incremental.verdict("https://a/4") == KNOWN  # stored by an interrupted run: not fetched again,
    assert incremental.stop_reason([ListedLink("https://a/4", True)]) is None  # but it does not stop paging
    assert incremental.stop_reason([ListedLink("https://a/2", True, "2022-01-01")]) == "since"
    newest_last = Incremental(None, "x", since="2023-01-01", stop_at_known=False)
    newest_last._known = incremental._known
    assert newest_last.stop_reason([ListedLink("https://a/1", True, "2022-01-01")]) is None
    refresh = Incremental(None, "x", refresh=True)
    refresh._known = incremental._known
    assert refresh.verdict("https://a/1") == FETCH and refresh.stop_reason([ListedLink("https://a/1", True)]) is None


def test_conditional_middleware_sends_validators_and_counts_304(tmp_path: Path) -> None:
    from scrapy import Request
    from scrapy.http import HtmlResponse, Response

    db = tmp_path / "govreports.db"
    store = Store(db)
    headers = {"ETag": '"abc"', "Last-Modified": "Tue, 03 Jun 2025 02:00:00 GMT"}
    store.save_page(RawPage("https://a/1", "x", 200, headers, b"<p>x</p>", "utf-8", "2025-06-03T02:00:00+00:00"), [], None, STAGE_VERSIONS)
    store.close()
    crawler = get_crawler(settings_dict={"GOVCRAWL_DB": str(db), "GOVCRAWL_STORE_ENABLED": True})
    middleware = build_from_crawler(ConditionalRequestMiddleware, crawler)
    crawler.stats.open_spider()
    middleware.spider_opened()
    known, other = Request("https://a/1"), Request("https://a/2")
    middleware.process_request(known)
    middleware.process_request(other)
    assert known.headers[b"If-None-Match"] == b'"abc"'
    assert known.headers[b"If-Modified-Since"] == b"Tue, 03 Jun 2025 02:00:00 GMT"
    assert b"If-None-Match" not in other.headers
    with pytest.raises(NotModified):
        middleware.process_response(known, Response("https://a/1", status=304, request=known))
    fresh = HtmlResponse("https://a/1", status=200, body=b"<p>y</p>", request=known)
    assert middleware.process_response(known, fresh) is fresh
    assert crawler.stats.get_value("govcrawl/pages/not_modified") == 1
    middleware.spider_closed()
