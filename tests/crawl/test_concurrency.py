"""Several crawl processes and readers on one database at once, and ``crawl --all --jobs N``.

Real processes side by side: three ``govcrawl crawl SITE`` on different sites while ``stats`` and
``export`` read the same database in a loop; nothing may fail with "database is locked", and the
database must hold what crawling the sites one after another stores.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from processes import count, kill_group_when, snapshot
from site_crawl import GOVCRAWL

from crawler.crawl.locks import SiteLock
from crawler.store.db import Store

SITES_SIDE_BY_SIDE = ("wenzhou", "jiangmen", "lishuiren")


def crawl(replay_url: str, db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([GOVCRAWL, "crawl", *args, "--replay", replay_url, "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_crawls_and_readers_side_by_side(replay_url: str, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    sequential = tmp_path / "one-by-one.db"
    for site in SITES_SIDE_BY_SIDE:
        done = crawl(replay_url, sequential, site)
        assert done.wait(timeout=120) == 0, done.stderr.read()  # type: ignore[union-attr]

    crawls = [crawl(replay_url, db, site) for site in SITES_SIDE_BY_SIDE]
    readers = []
    while any(c.poll() is None for c in crawls):
        for command in (["stats"], ["export", "--format", "jsonl", "--out", str(tmp_path / "out.jsonl")]):
            readers.append(subprocess.run([GOVCRAWL, *command, "--db", str(db)], capture_output=True, text=True))
    outputs = [(c.returncode, *c.communicate()) for c in crawls]

    for code, out, err in outputs:
        assert code == 0, out + err
        assert "locked" not in err and "Traceback" not in err, err
    for reader in readers:
        assert "locked" not in reader.stderr and "Traceback" not in reader.stderr, reader.stderr
    assert readers, "no reader ran while the crawls did"
    assert snapshot(db) == snapshot(sequential)
    connection = sqlite3.connect(db)
    statuses = connection.execute("select site, status, errors from runs order by site").fetchall()
    assert statuses == sorted((site, "finished", 1 if site != "lishuiren" else 0) for site in SITES_SIDE_BY_SIDE)


def test_jobs_crawl_in_worker_processes(replay_url: str, tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert crawl(replay_url, one, "--all", "--jobs", "1").wait(timeout=300) == 0
    run = crawl(replay_url, two, "--all", "--jobs", "2")
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, out + err
    assert snapshot(two) == snapshot(one)
    connection = sqlite3.connect(two)
    stats = [json.loads(row[0]) for row in connection.execute("select stats from runs")]
    assert len({s["govcrawl/process"] for s in stats}) == 2  # two workers, neither the parent
    assert os.getpid() not in {s["govcrawl/process"] for s in stats}
    assert {row[0] for row in connection.execute("select status from runs")} == {"finished"}
    summaries = [line for line in out.splitlines() if ": finished " in line]
    assert len(summaries) == connection.execute("select count(*) from runs").fetchone()[0]


ONE_BY_ONE = ["-s", "GOVCRAWL_WRITE_BATCH=1"]
"""Commit every write at once (crawler/crawl/storage.py): a 25-page site's pages come in one or two
batches by default, and the kill must land while the run is still going."""


def test_a_dead_crawls_run_is_closed_by_the_next_writer(slow_server, replay_url: str, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    killed = subprocess.Popen([GOVCRAWL, "crawl", "wenzhou", "--replay", slow_server.url, "--db", str(db), *ONE_BY_ONE],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    kill_group_when(killed, db, "select count(*) from pages", 3)
    assert count(db, "select count(*) from runs where status = 'running'") == 1

    other = crawl(replay_url, db, "jiangmen")
    assert other.wait(timeout=120) == 0

    connection = sqlite3.connect(db)
    rows = connection.execute("select site, status, exit_code, finished_at is not null from runs order by id").fetchall()
    assert rows == [("wenzhou", "interrupted", 3, 1), ("jiangmen", "finished", 0, 1)]


FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "jcms" / "longgang_2021"
OTHER_WRITERS = {
    "ingest": ["ingest", str(FIXTURE / "body.html"), "--url", "https://www.wenzhou.gov.cn/art/2021/1/1/art_1_1.html"],
    "reprocess": ["reprocess"],
}


@pytest.mark.parametrize("writer", sorted(OTHER_WRITERS))
def test_a_dead_crawls_run_is_closed_by_any_writer(writer: str, slow_server, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    killed = subprocess.Popen([GOVCRAWL, "crawl", "wenzhou", "--replay", slow_server.url, "--db", str(db), *ONE_BY_ONE],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    kill_group_when(killed, db, "select count(*) from pages", 3)
    assert count(db, "select count(*) from runs where status = 'running'") == 1

    done = subprocess.run([GOVCRAWL, *OTHER_WRITERS[writer], "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr

    rows = sqlite3.connect(db).execute(
        "select status, exit_code, finished_at is not null from runs where site = 'wenzhou'").fetchall()
    assert rows == [("interrupted", 3, 1)]


def test_a_run_of_a_site_a_live_process_holds_stays_running(replay_url: str, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    store = Store(db)
    run_id = store.start_run("wenzhou", "jcms")
    store.close()
    status = lambda: count(db, f"select count(*) from runs where id = {run_id} and status = 'running'")  # noqa: E731
    with SiteLock(db, "wenzhou"):  # held, as by the live crawl that runs it
        assert crawl(replay_url, db, "jiangmen").wait(timeout=120) == 0
        assert status() == 1
    assert crawl(replay_url, db, "jiangmen").wait(timeout=120) == 0
    assert status() == 0
