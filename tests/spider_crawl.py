"""Helpers of the spider crawl tests: run `govcrawl crawl` on the replay server, read what was stored."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from protego import Protego

from conftest import SITES

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))


def gold(host: str) -> dict[str, Any]:
    """The site's ``_gold.json``."""
    return json.loads((SITES / host / "_gold.json").read_text("utf-8"))


def crawl(site: str, replay_url: str, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``govcrawl crawl SITE --replay URL --db DB [EXTRA…]``."""
    return subprocess.run([GOVCRAWL, "crawl", site, "--replay", replay_url, "--db", str(db), *extra], capture_output=True, text=True, timeout=180)


def crawled(replay_server: Any, site: str, host: str, db: Path) -> tuple[sqlite3.Connection, subprocess.CompletedProcess[str], list[tuple[str, str]]]:
    """(database, process, requests made for ``host``) of one crawl into ``db``."""
    before = len(replay_server.requested(host))
    result = crawl(site, replay_server.url, db)
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return connection, result, replay_server.requested(host)[before:]


def copies(db: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every stored copy (a document as one page shows it) with its page URL, in page order."""
    return db.execute(
        """select pages.url, copies.seg, copies.title_as_seen as title, copies.text, copies.region, copies.year,
                  copies.published_on, copies.truncated, copies.document_id
           from copies join pages on pages.id = copies.page_id order by pages.url, copies.seg"""
    ).fetchall()


def disallowed(host: str, urls: list[str]) -> list[str]:
    """URLs the host's recorded robots.txt forbids."""
    robots = Protego.parse((SITES / host / "robots.txt").read_text("utf-8"))
    return [u for u in urls if urlsplit(u).path != "/robots.txt" and not robots.can_fetch(u, "govcrawl")]


def runs(replay_server: Any, site: str, host: str, db: Path, *extras: tuple[str, ...]) -> list[dict[str, Any]]:
    """Crawl ``site`` into ``db`` once per ``extras`` (arguments of each run): per run its
    ``stats`` (the runs row), ``urls`` requested for ``host``, ``documents`` table after it and ``stdout``."""
    out = []
    for extra in extras:
        before = len(replay_server.requested(host))
        result = crawl(site, replay_server.url, db, *extra)
        assert result.returncode == 0, result.stderr
        with sqlite3.connect(db) as connection:
            stats = json.loads(connection.execute("select stats from runs order by id desc limit 1").fetchone()[0])
            documents = connection.execute("select * from documents order by id").fetchall()
        urls = [url for _, url in replay_server.requested(host)[before:]]
        out.append({"stats": stats, "urls": urls, "documents": documents, "stdout": result.stdout})
    return out


def documents_changed(stats: dict[str, Any]) -> int:
    """Documents a run added, found duplicate or updated (an unchanged site's second run: 0)."""
    return sum(int(stats.get(f"govcrawl/documents/{kind}", 0)) for kind in ("new", "duplicate", "updated"))


def recorded_bytes(host: str, *paths: str, headers: int = 512) -> int:
    """What answering ``paths`` of the recorded ``host`` downloads at most: the files' sizes
    plus ``headers`` bytes per response (the structural floor of a second run)."""
    return sum((SITES / host / path).stat().st_size + headers for path in paths)


def table_counts(db: sqlite3.Connection) -> list[int]:
    return [db.execute(f"select count(*) from {t}").fetchone()[0] for t in ("pages", "documents", "copies")]
