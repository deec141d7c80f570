"""Shared by the spider tests of recorded sites: crawl a site over the replay server, read its gold."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import SITES

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))


@dataclass
class Gold:
    """A recorded site's ``_gold.json``, sorted into what a crawl must and must not do."""

    host: str

    @property
    def entries(self) -> list[dict[str, Any]]:
        return json.loads((SITES / self.host / "_gold.json").read_text("utf-8"))

    @property
    def reports(self) -> dict[str, dict[str, Any]]:
        """Report pages a crawl must store: reports that answer 200 and robots.txt allows."""
        return {g["url"]: g for g in self.entries if g["is_report"] and g["status"] == 200 and not g.get("disallowed")}

    @property
    def not_reports(self) -> set[str]:
        return {g["url"] for g in self.entries if not g["is_report"]}

    @property
    def dead(self) -> set[str]:
        return {g["url"] for g in self.entries if g["status"] != 200}

    @property
    def disallowed(self) -> set[str]:
        return {g["url"] for g in self.entries if g.get("disallowed")}


@dataclass
class Crawl:
    """One crawl into a database: the process, the database and the requests it made."""

    result: subprocess.CompletedProcess[str]
    db: sqlite3.Connection
    db_file: Path
    requests: list[tuple[str, str]]

    @property
    def fetched(self) -> list[str]:
        return [url for _, url in self.requests]

    def stats(self) -> dict[str, Any]:
        return json.loads(self.db.execute("select stats from runs order by id desc").fetchone()["stats"])

    def counts(self) -> list[int]:
        return [self.db.execute(f"select count(*) from {t}").fetchone()[0] for t in ("pages", "documents", "copies")]

    def documents(self) -> dict[str, sqlite3.Row]:
        """Stored documents by the URL of their page."""
        rows = self.db.execute(
            """select pages.url, documents.title, documents.text, documents.year, documents.region,
                      copies.published_on, copies.relation
               from copies join pages on pages.id = copies.page_id join documents on documents.id = copies.document_id"""
        ).fetchall()
        return {row["url"]: row for row in rows}


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
