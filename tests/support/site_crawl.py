"""Shared by the spider tests of recorded sites: crawl a site over the replay server (``govcrawl crawl``
in a subprocess), read what it stored and the site's gold."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from conftest import SITES
from protego import Protego

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
TABLES = ("pages", "documents", "copies")


def gold(host: str) -> Any:
    """The recorded site's ``_gold.json``."""
    return json.loads((SITES / host / "_gold.json").read_text("utf-8"))


@dataclass
class Gold:
    """A recorded site's ``_gold.json`` (a list of link entries), sorted into what a crawl must and must not do."""

    host: str

    @cached_property
    def entries(self) -> list[dict[str, Any]]:
        return gold(self.host)

    @cached_property
    def reports(self) -> dict[str, dict[str, Any]]:
        """Report pages a crawl must store: reports that answer 200 and robots.txt allows."""
        return {g["url"]: g for g in self.entries if g["is_report"] and g["status"] == 200 and not g.get("disallowed")}

    @cached_property
    def not_reports(self) -> set[str]:
        return {g["url"] for g in self.entries if not g["is_report"]}

    @cached_property
    def dead(self) -> set[str]:
        return {g["url"] for g in self.entries if g["status"] != 200}

    @cached_property
    def disallowed(self) -> set[str]:
        return {g["url"] for g in self.entries if g.get("disallowed")}


@dataclass
class Crawl:
    """One crawl into a database: the process, the database and the requests it made."""

    result: subprocess.CompletedProcess[str]
    db: sqlite3.Connection
    db_file: Path
    requests: list[tuple[str, str]]
    """(method, URL) of every request the replay server answered for the crawled host."""

    @property
    def fetched(self) -> list[str]:
        return [url for _, url in self.requests]

    def stats(self) -> dict[str, Any]:
        """The stats of the database's latest run."""
        return json.loads(self.db.execute("select stats from runs order by id desc").fetchone()["stats"])

    def counts(self) -> list[int]:
        """Rows in the pages, documents and copies tables."""
        return [self.db.execute(f"select count(*) from {table}").fetchone()[0] for table in TABLES]

    def documents(self) -> dict[str, sqlite3.Row]:
        """Stored documents by the URL of their page."""
        rows = self.db.execute(
            """select pages.url, documents.title, documents.text, documents.year, documents.region,
                      copies.published_on, copies.relation
               from copies join pages on pages.id = copies.page_id join documents on documents.id = copies.document_id"""
        ).fetchall()
        return {row["url"]: row for row in rows}

    def copies(self) -> list[sqlite3.Row]:
        """Every stored copy (a document as one page shows it) with its page URL, in page order."""
        return self.db.execute(
            """select pages.url, copies.seg, copies.title_as_seen as title, copies.text, copies.region, copies.year,
                      copies.published_on, copies.truncated, copies.document_id
               from copies join pages on pages.id = copies.page_id order by pages.url, copies.seg"""
        ).fetchall()


def crawl(replay_server: Any, host: str, db_file: Path, *args: str) -> Crawl:
    """Run ``govcrawl crawl ARGS --replay … --db DB_FILE``; the requests it made for ``host``."""
    before = len(replay_server.requested(host))
    result = subprocess.run(
        [GOVCRAWL, "crawl", *args, "--replay", replay_server.url, "--db", str(db_file)],
        capture_output=True, text=True, timeout=180,
    )
    db = sqlite3.connect(db_file)
    db.row_factory = sqlite3.Row
    return Crawl(result, db, db_file, replay_server.requested(host)[before:])


def runs(replay_server: Any, site: str, host: str, db_file: Path, *extras: tuple[str, ...]) -> list[dict[str, Any]]:
    """Crawl ``site`` into ``db_file`` once per ``extras`` (arguments of each run): per run its
    ``stats`` (the runs row), ``urls`` requested for ``host``, ``documents`` table after it and ``stdout``."""
    out = []
    for extra in extras:
        run = crawl(replay_server, host, db_file, site, *extra)
        assert run.result.returncode == 0, run.result.stderr
        documents = [tuple(row) for row in run.db.execute("select * from documents order by id")]
        out.append({"stats": run.stats(), "urls": run.fetched, "documents": documents, "stdout": run.result.stdout})
        run.db.close()
    return out


def disallowed(host: str, urls: list[str]) -> list[str]:
    """URLs the host's recorded robots.txt forbids."""
    robots = Protego.parse((SITES / host / "robots.txt").read_text("utf-8"))
    return [u for u in urls if urlsplit(u).path != "/robots.txt" and not robots.can_fetch(u, "govcrawl")]


def documents_changed(stats: dict[str, Any]) -> int:
    """Documents a run added, found duplicate or updated (an unchanged site's second run: 0)."""
    return sum(int(stats.get(f"govcrawl/documents/{kind}", 0)) for kind in ("new", "duplicate", "updated"))


def recorded_bytes(host: str, *paths: str, headers: int = 512) -> int:
    """What answering ``paths`` of the recorded ``host`` downloads at most: the files' sizes
    plus ``headers`` bytes per response (the structural floor of a second run)."""
    return sum((SITES / host / path).stat().st_size + headers for path in paths)


def assert_documents_match_gold(documents: dict[str, sqlite3.Row], reports: dict[str, dict[str, Any]]) -> None:
    """Every stored document against the gold ``reports``: title, date, year, region, first and last line."""
    assert set(documents) == set(reports)
    for url, row in documents.items():
        expected = reports[url]
        lines = row["text"].splitlines()
        assert (row["title"], row["published_on"]) == (expected["title"], expected["published"]), url
        assert (row["year"], row["region"]) == (expected["year"], expected["region"]), url
        assert (lines[0], lines[-1]) == (expected["first_line"], expected["last_line"]), url
        assert len("".join(lines)) == expected["chars"], url  # nothing lost, nothing added
        assert row["relation"] == "canonical", url
