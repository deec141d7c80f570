"""``kill -9`` of a whole ``govcrawl crawl --all`` at any point, then a rerun: the same database as
an uninterrupted crawl, compared by content; and no request robots.txt forbids, resumed or not.

The crawl runs as a real process group (``--jobs`` at its default: several worker processes)
against a replay server that answers each request after a delay (``slow_server``: the session's
shared one stays fast). It is killed with SIGKILL, the whole group at once, when the database
holds a given number of pages, then run again to the end.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from processes import SlowReplayServer, count, forbidden_fetches, kill_group_when, snapshot
from site_crawl import GOVCRAWL


def crawl_command(replay_url: str, db: Path, *extra: str) -> list[str]:
    return [GOVCRAWL, "crawl", "--all", "--replay", replay_url, "--db", str(db), *extra]


@pytest.fixture(scope="module")
def uninterrupted(replay_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    db = tmp_path_factory.mktemp("whole") / "g.db"
    result = subprocess.run(crawl_command(replay_url, db), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return snapshot(db)


PAGES = "select count(*) from pages"
KILL_POINTS = {
    "listing": ("select count(*) from frontier", 1),  # list pages requested, nothing stored
    "10 pages": (PAGES, 10),
    "30 pages": (PAGES, 30),
    "50 pages": (PAGES, 50),
    "70 pages": (PAGES, 70),
}


@pytest.mark.parametrize("kill_point", list(KILL_POINTS))
def test_killed_crawl_resumes_to_the_same_database(slow_server, uninterrupted, tmp_path: Path, kill_point: str) -> None:
    db = tmp_path / "g.db"
    sql, at_least = KILL_POINTS[kill_point]
    first = len(slow_server.requests)
    process = subprocess.Popen(crawl_command(slow_server.url, db), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    kill_group_when(process, db, sql, at_least)
    assert process.returncode == -signal.SIGKILL
    assert count(db, PAGES) < len(uninterrupted["pages"]), "killed too late to show anything"
    time.sleep(SlowReplayServer.delay * 3)  # requests of the killed crawl still being answered

    rerun = subprocess.run(crawl_command(slow_server.url, db), capture_output=True, text=True, timeout=300)

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "resumed an interrupted run" in rerun.stdout
    assert "Traceback" not in rerun.stderr
    assert snapshot(db) == uninterrupted
    connection = sqlite3.connect(db)
    assert connection.execute("select count(*) - count(distinct url) from pages").fetchone()[0] == 0
    assert connection.execute("select count(*) from frontier").fetchone()[0] == 0  # a finished run leaves none
    unfinished = connection.execute("select site, status from runs where status not in ('finished', 'interrupted')")
    assert unfinished.fetchall() == []
    assert forbidden_fetches(slow_server.requests[first:]) == []


def test_no_resume_starts_afresh(slow_server, replay_url: str, tmp_path: Path) -> None:
    """A portal's interrupted run dropped: the fresh run skips the reports it stored and pages on
    past them. (Pages reached only through stored pages, such as a news article's second page,
    wait for ``--refresh``: that is what resuming avoids.)"""
    whole, db = tmp_path / "whole.db", tmp_path / "g.db"
    portal = [GOVCRAWL, "crawl", "wenzhou", "--db"]
    assert subprocess.run([*portal, str(whole), "--replay", replay_url], capture_output=True).returncode == 0
    process = subprocess.Popen([*portal, str(db), "--replay", slow_server.url], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    kill_group_when(process, db, PAGES, 5)
    rerun = subprocess.run([*portal, str(db), "--replay", slow_server.url, "--no-resume"],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "resumed" not in rerun.stdout
    assert snapshot(db) == snapshot(whole)
