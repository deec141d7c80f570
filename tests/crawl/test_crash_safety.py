"""A crawl killed with SIGKILL at any point loses and duplicates nothing; the rerun finishes the work.

The crawl runs as a real `govcrawl crawl` subprocess against a replay server that answers each
request after a delay (this module's own server: the session's shared one stays fast), is
killed when the database holds a given number of pages, and is run again. The result is
compared with an uninterrupted crawl of the same recorded site.
"""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SITES

from crawler.tools.replay import ReplayServer

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
HOST = "www.wenzhou.gov.cn"


class SlowReplayServer(ReplayServer):
    """The replay server, answering every request (tunnelled HTTPS ones too) after ``delay`` seconds."""

    delay = 0.15

    def log_request_line(self, method: str, url: str) -> None:
        time.sleep(self.delay)
        super().log_request_line(method, url)


@pytest.fixture(scope="module")
def slow_server() -> Iterator[SlowReplayServer]:
    server = SlowReplayServer(SITES)
    server.start()
    yield server
    server.shutdown()
    server.server_close()


def crawl_command(replay_url: str, db: Path) -> list[str]:
    return [GOVCRAWL, "crawl", "wenzhou", "--replay", replay_url, "--db", str(db)]


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What the database holds, independent of row ids and fetch times."""
    connection = sqlite3.connect(db)
    text_hash = lambda text: hashlib.sha1((text or "").encode()).hexdigest()  # noqa: E731
    connection.create_function("text_hash", 1, text_hash)
    queries = {
        "pages": "select url, sha1, status from pages",
        "copies": """select p.url, c.seg, text_hash(c.text), c.title_as_seen, c.published_on, c.relation
                     from copies c join pages p on p.id = c.page_id""",
        "documents": """select title, text_hash(text), year, region, region_code, level, published_on, merged_into is null
                        from documents""",
    }
    result = {name: sorted(connection.execute(sql).fetchall()) for name, sql in queries.items()}
    connection.close()
    return result


@pytest.fixture(scope="module")
def uninterrupted(replay_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    db = tmp_path_factory.mktemp("whole") / "g.db"
    result = subprocess.run(crawl_command(replay_url, db), capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return snapshot(db)


def count(db: Path, sql: str) -> int:
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute(sql).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.OperationalError:  # not created, or not migrated yet
        return 0


def kill_when(process: subprocess.Popen[str], db: Path, sql: str, at_least: int) -> int:
    """SIGKILL the crawl once ``sql`` counts ``at_least`` rows; the count at the kill."""
    deadline = time.monotonic() + 120
    while count(db, sql) < at_least:
        assert process.poll() is None, "the crawl ended before the kill point: make the server slower"
        assert time.monotonic() < deadline, "the crawl never reached the kill point"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return count(db, sql)


KILL_POINTS = {
    "listing": ("select count(*) from frontier", 1),  # list pages requested, nothing stored
    "early": ("select count(*) from pages", 5),
    "late": ("select count(*) from pages", 18),
}


@pytest.mark.parametrize("kill_point", list(KILL_POINTS))
def test_killed_crawl_resumes_to_the_same_database(slow_server, uninterrupted, tmp_path: Path, kill_point: str) -> None:
    db = tmp_path / "g.db"
    sql, at_least = KILL_POINTS[kill_point]
    process = subprocess.Popen(crawl_command(slow_server.url, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kill_when(process, db, sql, at_least)
    assert process.returncode == -signal.SIGKILL
    stored_before = count(db, "select count(*) from pages")
    assert stored_before < len(uninterrupted["pages"]), "killed too late to show anything"
    connection = sqlite3.connect(db)
    done_before = {row[0] for row in connection.execute("select url from frontier where done")}
    stored_urls = {row[0] for row in connection.execute("select url from pages")}
    time.sleep(SlowReplayServer.delay * 3)  # requests of the killed crawl still being answered
    first = len(slow_server.requested(HOST))

    rerun = subprocess.run(crawl_command(slow_server.url, db), capture_output=True, text=True, timeout=180)

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "resumed an interrupted run" in rerun.stdout
    assert snapshot(db) == uninterrupted
    assert connection.execute("select count(*) - count(distinct url) from pages").fetchone()[0] == 0
    assert connection.execute("select count(*) from frontier").fetchone()[0] == 0  # a finished run leaves none
    statuses = [row[0] for row in connection.execute("select status from runs order by id")]
    assert statuses == ["interrupted", "finished"]
    # The rerun fetches what was left: nothing the killed run had done (stored, or a list page
    # whose links were recorded). A page is marked done right after the store's commit: only a
    # kill between those two commits fetches a stored page again (the store keeps it once).
    refetched = [url for _, url in slow_server.requested(HOST)[first:]]
    assert not done_before & set(refetched)
    assert len(stored_urls & set(refetched)) <= 1
    articles = [url for url in refetched if "/art/" in url]
    assert len(articles) <= len(uninterrupted["pages"]) - stored_before + 1 + 1  # + the link answering 404, + the gap


def test_no_resume_starts_afresh(slow_server, uninterrupted, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    process = subprocess.Popen(crawl_command(slow_server.url, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kill_when(process, db, "select count(*) from pages", 5)
    rerun = subprocess.run([*crawl_command(slow_server.url, db), "--no-resume"], capture_output=True, text=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    assert "resumed" not in rerun.stdout
    assert snapshot(db) == uninterrupted
