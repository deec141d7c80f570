"""The revisit schedule: a report corrected after its congress is picked up without ``--refresh``.

A copy of a recorded portal is served by its own replay server, so a test can edit a report
page the way a site does (a line 此件已根据大会审议意见修改 added). Time passing is simulated in the
database (fetch and publication dates moved), never waited for.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import SITES
from site_crawl import GOVCRAWL

from crawler.tools.replay import ReplayServer

HOST = "www.wenzhou.gov.cn"
CORRECTION = "（此件已根据大会审议意见修改）"


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[tuple[ReplayServer, Path]]:
    """A replay server over a copy of the recorded portal, and the copy's folder."""
    sites = tmp_path / "sites"
    shutil.copytree(SITES / HOST, sites / HOST)
    server = ReplayServer(sites)
    server.start()
    yield server, sites / HOST
    server.shutdown()
    server.server_close()


def crawl(server: ReplayServer, db: Path) -> dict[str, Any]:
    """``govcrawl crawl wenzhou`` (no --refresh); the run's stats."""
    result = subprocess.run([GOVCRAWL, "crawl", "wenzhou", "--replay", server.url, "--db", str(db)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    connection = sqlite3.connect(db)
    try:
        return json.loads(connection.execute("select stats from runs order by id desc limit 1").fetchone()[0])
    finally:
        connection.close()


def run_bytes(db: Path) -> list[int]:
    connection = sqlite3.connect(db)
    try:
        return [row[0] for row in connection.execute("select bytes from runs order by id")]
    finally:
        connection.close()


def sql(db: Path, statement: str, *params: Any) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(statement, params).fetchall()
        connection.commit()
        return rows
    finally:
        connection.close()


def ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).replace(microsecond=0).isoformat()


def correct(folder: Path, url: str, last_line: str) -> None:
    """Add the correction line after the report's last line, as the site does."""
    page = folder / urlsplit(url).path.lstrip("/")
    html = page.read_bytes().decode("utf-8")
    assert html.count(last_line) == 1
    page.write_bytes(html.replace(last_line, f"{last_line}</p><p>{CORRECTION}").encode("utf-8"))


def test_an_edited_report_is_picked_up_on_schedule(portal, tmp_path: Path) -> None:
    server, folder = portal
    db = tmp_path / "g.db"
    gold = [g for g in json.loads((folder / "_gold.json").read_text("utf-8")) if g["is_report"] and g["status"] == 200]
    edited = gold[0]

    first = crawl(server, db)
    assert first["govcrawl/pages/stored"] == len(gold)
    unchanged = crawl(server, db)  # right after: no report is due (all published long ago)
    assert unchanged.get("govcrawl/revisit/requested", 0) == 0
    assert run_bytes(db)[1] <= 0.05 * run_bytes(db)[0]  # an unchanged site: ≤ 5 % of the first crawl's bytes

    correct(folder, edited["url"], edited["last_line"])
    sql(db, "update pages set fetched_at = ?", ago(31))  # a month later
    month_later = crawl(server, db)

    assert month_later["govcrawl/revisit/requested"] == len(gold)
    assert month_later["govcrawl/pages/not_modified"] == len(gold) - 1
    assert (month_later["govcrawl/pages/changed"], month_later["govcrawl/documents/updated"]) == (1, 1)
    text = sql(db, """select d.text from documents d join copies c on c.id = d.best_copy_id
                      join pages p on p.id = c.page_id where p.url = ?""", edited["url"])
    assert [CORRECTION in row[0] for row in text] == [True]
    relations = sql(db, """select c.relation from copies c join pages p on p.id = c.page_id
                           where p.url = ? order by p.fetched_at""", edited["url"])
    assert relations == [("superseded",), ("canonical",)]  # the first version stays, as provenance

    assert crawl(server, db).get("govcrawl/revisit/requested", 0) == 0  # confirmed by the 304s: not due


def test_a_fresh_report_is_revalidated_on_every_run(portal, tmp_path: Path) -> None:
    server, folder = portal
    db = tmp_path / "g.db"
    crawl(server, db)
    fresh = sql(db, "select p.url from pages p join copies c on c.page_id = p.id order by p.url limit 1")[0][0]
    sql(db, "update copies set published_on = ? where page_id = (select id from pages where url = ?)", ago(10)[:10], fresh)
    for _ in range(2):
        stats = crawl(server, db)
        assert (stats["govcrawl/revisit/requested"], stats["govcrawl/pages/not_modified"]) == (1, 1)
