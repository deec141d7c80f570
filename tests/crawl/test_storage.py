"""The crawl's write batches (crawler/crawl/storage.py), on a real database file, with a clock the test moves."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from twisted.internet.task import Clock

from crawler.crawl.storage import StoreSession
from crawler.store.db import Store


def committed_sites(db: Path) -> list[str]:
    """What another connection sees: only committed rows."""
    connection = sqlite3.connect(db)
    try:
        return [row[0] for row in connection.execute("select site from runs order by id")]
    finally:
        connection.close()


def start_run(site: str) -> Any:
    return lambda store: store.start_run(site, "test")


def broken(store: Store) -> None:
    store.start_run("broken", "test")
    raise ValueError("a bug on one page")


def test_writes_wait_for_the_batch_and_a_failing_write_is_rolled_back_alone(tmp_path: Path) -> None:
    db = tmp_path / "govreports.db"
    clock = Clock()
    session = StoreSession(db, batch=10, seconds=0.5, clock=clock)
    results: list[int] = []
    failures: list[str] = []
    for operation in (start_run("a"), broken, start_run("b")):
        waiting = session.later(operation, result=True)
        assert waiting is not None
        waiting.addCallbacks(results.append, lambda failure: failures.append(str(failure.value)))
    assert committed_sites(db) == [] and results == []  # queued, not yet written
    clock.advance(0.5)
    assert committed_sites(db) == ["a", "b"]
    assert len(results) == 2 and results[0] < results[1]
    assert failures == ["a bug on one page"]
    session.store.close()


def test_a_full_batch_is_committed_without_waiting_for_the_clock(tmp_path: Path) -> None:
    db = tmp_path / "govreports.db"
    clock = Clock()
    session = StoreSession(db, batch=2, seconds=60, clock=clock)
    session.later(start_run("a"))
    assert committed_sites(db) == []
    session.later(start_run("b"))
    assert committed_sites(db) == ["a", "b"]
    assert not clock.getDelayedCalls()  # the timed flush was cancelled
    session.store.close()
