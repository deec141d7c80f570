"""What the repositories share: the stored page and save result, column sets, small helpers."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, NamedTuple

from sqlite_utils import Database
from sqlite_utils.db import Table


@dataclass(frozen=True)
class StageVersions:
    """The version of each stage that made a copy (stored in its ``*_version`` columns; this
    code's: `crawler.store.versions.STAGE_VERSIONS`)."""

    extract: str
    """The page types' (``copies.extractor_version``)."""
    clean: str
    metadata: str
    dedup: str

    def columns(self) -> dict[str, str]:
        """The ``copies`` columns that hold these versions."""
        return {column: getattr(self, stage) for stage, column in VERSION_COLUMNS.items()}


VERSION_COLUMNS = {
    "extract": "extractor_version", "clean": "clean_version", "metadata": "metadata_version", "dedup": "dedup_version",
}
"""Each stage's version column of ``copies``, in the order the stages run."""


CANONICAL = "merged_into is null and best_copy_id is not null"
"""SQL condition on ``documents``: a canonical document (not merged into another, with a copy left)."""


REPORT_FIELDS = {
    "year": int, "region": str, "region_code": str, "level": str, "speaker": str, "speaker_role": str,
    "meeting": str, "delivered_on": str,
}
"""Report metadata of a draft, kept on its copy and, from the best copy, on its document."""


BUSY_TIMEOUT_MS = 10_000
"""How long a connection waits for another process's lock before SQLite says "database is locked"."""
WRITE_ATTEMPTS = 5
"""Write transactions wait ``BUSY_TIMEOUT_MS`` for the lock this many times before failing."""


@contextmanager
def write(db: Database) -> Iterator[Database]:
    """A write transaction that takes the write lock first (``BEGIN IMMEDIATE``).

    A deferred transaction (sqlite-utils' ``atomic``) reads, then asks for the lock to write;
    when another process wrote in between, SQLite fails it at once with "database is locked",
    whatever the busy timeout (its snapshot is stale). Taking the lock at ``BEGIN`` waits up to
    the busy timeout instead, and the wait is retried. Nested blocks are savepoints."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            db.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as problem:
            if "locked" not in str(problem) or attempt == WRITE_ATTEMPTS:
                raise
            time.sleep(0.05 * attempt)
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        db.conn.rollback()  # a COMMIT that failed (a full disk) leaves the transaction open
        raise


def utc_now() -> str:
    """Current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def row_id(table: Table) -> int:
    """The rowid of the row ``table`` just inserted (sqlite-utils types ``last_pk`` as optional)."""
    assert table.last_pk is not None
    return int(table.last_pk)


def update_row(db: Database, table: str, row_id: int, values: dict[str, Any]) -> None:
    """``update table set … where id = ?`` (sqlite-utils' ``update`` costs a savepoint and
    a schema read per call: too slow for the rows dedup touches per copy)."""
    assignments = ", ".join(f"[{name}] = ?" for name in values)
    db.execute(f"update [{table}] set {assignments} where id = ?", [*values.values(), row_id])


@dataclass
class RawPage:
    """A fetched page as stored: the bytes compressed, keyed by URL and content hash."""

    url: str
    site: str
    status: int
    headers: dict[str, str]
    body: bytes
    encoding: str | None
    fetched_at: str
    final_url: str | None = None
    site_kind: str | None = None
    """official, news, mirror, forum, farm or aggregator (crawler/sites.toml): ranks its copies."""

    @cached_property
    def sha1(self) -> str:
        """SHA-1 of the body: with the URL, what identifies a stored version of a page."""
        return hashlib.sha1(self.body).hexdigest()

    def header(self, name: str) -> str | None:
        """A response header, whatever the case of its name."""
        return next((value for key, value in self.headers.items() if key.lower() == name.lower()), None)


class KnownPage(NamedTuple):
    """A stored URL as an incremental crawl sees it."""

    published_on: str | None
    """The latest published date of the latest version's copies."""
    fetched_at: str
    settled: bool
    """Stored by a run that finished, or before it: the site's lists were read past it. Pages an
    interrupted run stored (killed, or a site in a failed run) are not, until a run finishes."""


@dataclass
class SaveResult:
    """What storing one page did: how many of its copies made a new document, joined an
    existing one, or were already stored from an earlier fetch."""

    page_id: int
    new: int = 0
    duplicate: int = 0
    unchanged: int = 0
    changed: bool = False
    """The page is a new version (other bytes) of a URL stored before; the old version's copies
    stay as provenance, marked ``superseded``."""
    updated: int = 0
    """Documents that existed before and whose text or fields this page changed."""
