"""Opening a govcrawl database, and `Store`: its repositories over one connection.

Tables (see ARCHITECTURE.md): ``pages`` (raw responses, zlib), ``documents`` (one canonical
row per report), ``copies`` (one row per document found on a page: the provenance),
``runs`` (one row per crawl of a site), ``frontier``. All SQL of govcrawl lives in this
package: ``schema`` (migrations), ``pages``, ``corpus``, ``runs``, ``frontier`` (the writes
and lookups of each table group) and ``queries`` (the read side).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from crawler.dedup import fingerprints as dedup
from crawler.extract.items import Draft
from crawler.store.corpus import CorpusRepository
from crawler.store.frontier import FrontierRepository
from crawler.store.opening import NoDatabase, NotADatabase, check_version, first_read, has_govcrawl_tables
from crawler.store.pages import PagesRepository
from crawler.store.queries import Queries
from crawler.store.rows import BUSY_TIMEOUT_MS, RawPage, SaveResult, StageVersions, write
from crawler.store.runs import RunsRepository
from crawler.store.schema import migrations
from crawler.store.stored_copies import StoredCopiesRepository


def known_schema_version() -> int:
    """The schema version this code writes: the number of registered migrations."""
    return len(migrations.pending(Database(memory=True)))


class Store(PagesRepository, CorpusRepository, StoredCopiesRepository, RunsRepository, FrontierRepository, Queries):
    """A govcrawl database. ``Store(path)`` opens it for writing, creating or migrating the
    schema; `Store.read_only` opens an existing one without changing it (crawler/store/opening.py)."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        self.db = Database(path)
        try:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            found = first_read(path, lambda: self.db.execute("PRAGMA user_version").fetchone()[0])
            check_version(path, found, known_schema_version(), writing=True)
            self.db.enable_wal()
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA synchronous = NORMAL")  # WAL: commits stay atomic, without an fsync each
            if migrations.pending(self.db):
                with write(self.db):  # one process migrates; the others wait, then find nothing pending
                    migrations.apply(self.db)
                    self.db.execute(f"PRAGMA user_version = {self.schema_version}")
        except BaseException:
            self.db.close()
            raise
        self._updated_documents: set[int] = set()

    @classmethod
    def read_only(cls, path: str | Path) -> Store:
        """The existing store at ``path``, opened read-only: no file, schema or migration is
        created; `NoDatabase`, `NotADatabase`, `OldSchema` or `SchemaTooNew` when it cannot be read."""
        path = Path(path)
        if not path.is_file():
            raise NoDatabase(path)
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        store = cls.__new__(cls)
        store.db, store._updated_documents = Database(connection), set()
        try:
            store.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not first_read(path, lambda: has_govcrawl_tables(connection)):
                raise NotADatabase(path)
            check_version(path, connection.execute("PRAGMA user_version").fetchone()[0], known_schema_version(), writing=False)
        except BaseException:
            connection.close()
            raise
        return store

    @property
    def schema_version(self) -> int:
        """Number of applied migrations."""
        return len(migrations.applied(self.db))

    def close(self) -> None:
        self.db.close()

    # pages and their documents --------------------------------------------------------

    def save_page(
        self, page: RawPage, drafts: list[Draft], run_id: int | None, versions: StageVersions,
        fingerprints: list[dedup.Fingerprint] | None = None,
    ) -> SaveResult:
        """Store a page and every document drafted from it, in one transaction.

        ``fingerprints`` (one per draft, from ``dedup.fingerprint``) saves recomputing them."""
        if fingerprints is None or len(fingerprints) != len(drafts):
            fingerprints = [dedup.fingerprint(draft.text) for draft in drafts]
        self._updated_documents = set()
        with write(self.db):
            changed = self._page_id(page.url, page.sha1) is None and self._has_version(page.url)
            known_documents = self.db.execute("select coalesce(max(id), 0) from documents").fetchone()[0]
            result = SaveResult(self._upsert_page(page, run_id), changed=changed)
            for seg, (draft, fp) in enumerate(zip(drafts, fingerprints, strict=True)):
                outcome = self._save_copy(result.page_id, seg, draft, fp, page.fetched_at, versions)
                setattr(result, outcome, getattr(result, outcome) + 1)
            self._drop_stale_copies(result.page_id, len(drafts))
            self._supersede_old_versions(page.url, page.fetched_at)
            result.updated = sum(1 for d in self._updated_documents if d <= known_documents)
        return result
