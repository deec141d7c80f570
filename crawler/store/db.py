"""The SQLite store: all SQL of govcrawl lives here.

Tables (see ARCHITECTURE.md): ``pages`` (raw responses, zlib), ``documents`` (one canonical
row per report), ``copies`` (one row per document found on a page: the provenance),
``runs`` (one row per crawl of a site). The schema is created and migrated by the
registered migrations below; ``PRAGMA user_version`` holds the schema version.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import Table
from sqlite_utils.migrations import Migrations

from crawler.dedup import fingerprints as dedup
from crawler.extract.items import Draft
from crawler.sites import load_sites
from crawler.store.health import ExitCode, run_columns

migrations = Migrations("govcrawl")
CANONICAL = "merged_into is null and best_copy_id is not null"
"""SQL condition on ``documents``: a canonical document (not merged into another, with a copy left)."""
NEAR_CANDIDATES = 50
"""At most this many documents sharing an LSH band with a copy are compared with it."""


@migrations()
def m001_initial(db: Database) -> None:
    """pages, documents, copies, runs."""
    db.table("runs").create(
        {"id": int, "site": str, "spider": str, "started_at": str, "finished_at": str, "status": str, "stats": str},
        pk="id",
    )
    db.table("pages").create(
        {
            "id": int, "url": str, "final_url": str, "site": str, "fetched_at": str, "status": int,
            "headers": str, "encoding": str, "body": bytes, "sha1": str, "etag": str,
            "last_modified": str, "run_id": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db.table("pages").create_index(["url", "sha1"], unique=True)
    db.table("pages").create_index(["site"])
    db.table("documents").create(
        {
            "id": int, "title": str, "text": str, "chars": int, "text_key": str, "year": int,
            "region": str, "region_code": str, "level": str, "kind": str, "speaker": str,
            "meeting": str, "delivered_on": str, "published_on": str, "best_copy_id": int,
            "first_seen": str, "updated_at": str,
        },
        pk="id",
    )
    db.table("documents").create_index(["text_key"])
    db.table("copies").create(
        {
            "id": int, "page_id": int, "seg": int, "document_id": int, "relation": str,
            "similarity": float, "seg_start": int, "seg_end": int, "title_as_seen": str,
            "text": str, "chars": int, "text_sha1": str, "published_on": str, "source_name": str,
            "index_no": str, "publisher": str, "written_on": str, "metadata": str,
            "truncated": int, "page_type": str, "extractor_version": str,
        },
        pk="id",
        foreign_keys=[("page_id", "pages", "id"), ("document_id", "documents", "id")],
    )
    db.table("copies").create_index(["page_id", "seg"], unique=True)
    db.table("copies").create_index(["document_id"])


@migrations()
def m002_dedup(db: Database) -> None:
    """Dedup state: the site kind of pages; each copy's fingerprint and report metadata;
    merged documents; LSH band keys and sentence fingerprints of canonical documents."""
    db.table("pages").add_column("site_kind", str)
    for site in load_sites().values():
        db.execute("update pages set site_kind = ? where site = ?", [site.kind, site.name])
    for name, kind in (*COPY_FINGERPRINT_COLUMNS.items(), *REPORT_FIELDS.items()):
        db.table("copies").add_column(name, kind)
    db.table("copies").create_index(["text_key"])
    db.table("documents").add_column("speaker_role", str)
    db.table("documents").add_column("merged_into", int)
    db.table("documents").create_index(["merged_into"])
    for table, column in (("lsh_bands", "band_key"), ("fingerprints", "hash")):
        db.execute(
            f"create table {table} ({column} integer not null, document_id integer not null "
            f"references documents(id), primary key ({column}, document_id)) without rowid"
        )
        db.execute(f"create index {table}_document on {table} (document_id)")
    db.execute("create table fingerprint_counts (hash integer primary key, documents integer not null)")
    _fingerprint_stored_copies(db)


def _fingerprint_stored_copies(db: Database) -> None:
    """Copies stored before dedup: their fingerprints, and their documents' index entries."""
    for copy_id, document_id, text in db.execute("select id, document_id, text from copies order by id").fetchall():
        fp = dedup.fingerprint(text or "")
        values = fp.to_blobs()
        db.execute(f"update copies set {', '.join(f'{k} = ?' for k in values)} where id = ?", [*values.values(), copy_id])
        if document_id is not None:
            index_copy(db, document_id, fp)


def index_copy(db: Database, document_id: int, fp: dedup.Fingerprint) -> None:
    """Add a copy's LSH band keys and sentence hashes to its document's fingerprints."""
    db.conn.executemany(
        "insert or ignore into lsh_bands (band_key, document_id) values (?, ?)",
        [(key, document_id) for key in fp.band_keys],
    )
    known = {
        row[0] for row in db.execute(
            "select hash from fingerprints where document_id = ? and hash in (select value from json_each(?))",
            [document_id, json.dumps(fp.sentences)],
        )
    }
    new = [(h, document_id) for h in fp.sentences if h not in known]
    db.conn.executemany("insert into fingerprints (hash, document_id) values (?, ?)", new)
    db.conn.executemany(
        "insert into fingerprint_counts (hash, documents) values (?, 1) "
        "on conflict (hash) do update set documents = documents + 1", [(h,) for h, _ in new],
    )


COPY_FINGERPRINT_COLUMNS = {"text_key": str, "norm_chars": int, "minhash": bytes, "sentences": bytes}
"""Columns of ``copies`` holding its ``dedup.Fingerprint``."""
REPORT_FIELDS = {
    "year": int, "region": str, "region_code": str, "level": str, "speaker": str, "speaker_role": str,
    "meeting": str, "delivered_on": str,
}
"""Report metadata of a draft, kept on its copy and, from the best copy, on its document."""


@migrations()
def m003_search(db: Database) -> None:
    """Full-text index over documents (title, text): FTS5, trigram tokenizer, kept in sync by
    triggers; the ``reports`` view (documents + site, url, truncated of their best copy) that
    `govcrawl browse` facets. A later ``transform()`` of documents must call
    ``create_document_search(db)`` again: SQLite drops triggers with their table."""
    db.execute(
        "create virtual table documents_fts using fts5(title, text, content=[documents], "
        "content_rowid=[id], tokenize='trigram')"
    )
    create_document_search(db)
    db.execute("insert into documents_fts (documents_fts) values ('rebuild')")
    db.execute(
        """create view reports as select documents.*, pages.site as site, pages.url as url,
           copies.truncated as truncated from documents
           left join copies on copies.id = documents.best_copy_id
           left join pages on pages.id = copies.page_id"""
    )


def create_document_search(db: Database) -> None:
    """(Re)create the triggers that keep ``documents_fts`` in step with ``documents``."""
    old = "insert into documents_fts (documents_fts, rowid, title, text) values ('delete', old.id, old.title, old.text);"
    new = "insert into documents_fts (rowid, title, text) values (new.id, new.title, new.text);"
    for name, event, body in (
        ("documents_fts_insert", "after insert on documents", new),
        ("documents_fts_delete", "after delete on documents", old),
        ("documents_fts_update", "after update of title, text on documents", old + new),
    ):
        db.execute(f"drop trigger if exists {name}")
        db.execute(f"create trigger {name} {event} begin {body} end")


@migrations()
def m004_frontier(db: Database) -> None:
    """The crawl frontier (every request a site's run scheduled, pending until its page is
    stored, so a killed run can be resumed) and the outcome columns of ``runs``."""
    db.execute(
        """create table frontier (site text not null, fingerprint text not null, run_id integer,
           url text not null, method text not null, callback text, request text not null,
           done integer not null default 0, added_at text not null, done_at text,
           primary key (site, fingerprint))"""
    )
    db.execute("create index frontier_site_done on frontier (site, done)")
    for name, kind in RUN_COLUMNS.items():
        db.table("runs").add_column(name, kind)


RUN_COLUMNS = {
    "responses": int, "pages_by_status": str, "bytes": int, "not_modified": int, "pages_stored": int,
    "documents_new": int, "documents_updated": int, "documents_duplicate": int, "documents_unchanged": int,
    "blocked": int, "errors": int, "resumed": int, "exit_code": int,
}
"""Columns of ``runs`` holding a run's outcome (``crawler.store.health.run_columns`` fills them from its stats)."""


def _row_id(table: Table) -> int:
    """The rowid of the row ``table`` just inserted (sqlite-utils types ``last_pk`` as optional)."""
    assert table.last_pk is not None
    return int(table.last_pk)


def utc_now() -> str:
    """Current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


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


class Store:
    """A govcrawl database; opening it creates or migrates the schema."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        self.db = Database(path)
        self.db.enable_wal()
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 10000")
        self.db.execute("PRAGMA synchronous = NORMAL")  # WAL: commits stay atomic, without an fsync each
        migrations.apply(self.db)
        self.db.execute(f"PRAGMA user_version = {self.schema_version}")
        self._updated_documents: set[int] = set()

    @classmethod
    def read_only(cls, path: str | Path) -> Store:
        """The existing store at ``path`` for lookups during a crawl: no migration, no writes."""
        store = cls.__new__(cls)
        store.db = Database(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False))
        store.db.execute("PRAGMA busy_timeout = 10000")
        store._updated_documents = set()
        return store

    @property
    def schema_version(self) -> int:
        """Number of applied migrations."""
        return len(migrations.applied(self.db))

    def close(self) -> None:
        self.db.close()

    # runs -----------------------------------------------------------------------------

    def start_run(self, site: str, spider: str) -> int:
        with self.db.atomic():
            table = self.db.table("runs").insert(
                {"site": site, "spider": spider, "started_at": utc_now(), "status": "running"}
            )
        return _row_id(table)

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with self.db.atomic():
            self.db.table("runs").update(
                run_id, {"finished_at": utc_now(), "status": status, "stats": json.dumps(stats, default=str),
                         **run_columns(stats, status)}
            )

    def run(self, run_id: int) -> dict[str, Any]:
        row = self.db.table("runs").get(run_id)
        return {**row, "stats": json.loads(row["stats"] or "{}")}

    # pages and their documents --------------------------------------------------------

    def save_page(
        self, page: RawPage, drafts: list[Draft], run_id: int | None, extractor_version: str,
        fingerprints: list[dedup.Fingerprint] | None = None,
    ) -> SaveResult:
        """Store a page and every document drafted from it, in one transaction.

        ``fingerprints`` (one per draft, from ``dedup.fingerprint``) saves recomputing them."""
        if fingerprints is None or len(fingerprints) != len(drafts):
            fingerprints = [dedup.fingerprint(draft.text) for draft in drafts]
        self._updated_documents = set()
        with self.db.atomic():
            changed = self._page_id(page.url, page.sha1) is None and self._has_version(page.url)
            known_documents = self.db.execute("select coalesce(max(id), 0) from documents").fetchone()[0]
            result = SaveResult(self._upsert_page(page, run_id), changed=changed)
            for seg, (draft, fp) in enumerate(zip(drafts, fingerprints, strict=True)):
                outcome = self._save_copy(result.page_id, seg, draft, fp, page.fetched_at, extractor_version)
                setattr(result, outcome, getattr(result, outcome) + 1)
            self._drop_stale_copies(result.page_id, len(drafts))
            self._supersede_old_versions(page.url, page.fetched_at)
            result.updated = sum(1 for d in self._updated_documents if d <= known_documents)
        return result

    def _has_version(self, url: str) -> bool:
        return self.db.execute("select 1 from pages where url = ? limit 1", [url]).fetchone() is not None

    def _supersede_old_versions(self, url: str, updated_at: str) -> None:
        """Copies of a URL's earlier page versions (older ``fetched_at``) stay as provenance with
        their fetch date, marked ``superseded``: their documents choose a best copy among the
        others. Not while the latest version holds no document (a page emptied by an error)."""
        latest = self.db.execute(
            "select id from pages where url = ? order by fetched_at desc, id desc limit 1", [url]
        ).fetchone()[0]
        if self.db.execute("select 1 from copies where page_id = ? limit 1", [latest]).fetchone() is None:
            return
        old = self.db.execute(
            """select c.id, c.document_id from copies c join pages p on p.id = c.page_id
               where p.url = ? and p.id != ? and c.relation is not 'superseded'""", [url, latest],
        ).fetchall()
        for copy_id, _ in old:
            self._update("copies", copy_id, {"relation": "superseded", "similarity": None})
        for document_id in sorted({d for _, d in old if d is not None}):
            self._refresh_document(document_id, updated_at)

    def _upsert_page(self, page: RawPage, run_id: int | None) -> int:
        row = {
            "url": page.url, "final_url": page.final_url, "site": page.site, "fetched_at": page.fetched_at,
            "status": page.status, "headers": json.dumps(page.headers, ensure_ascii=False),
            "encoding": page.encoding, "body": zlib.compress(page.body), "sha1": page.sha1,
            "etag": page.header("etag"), "last_modified": page.header("last-modified"), "run_id": run_id,
            "site_kind": page.site_kind,
        }
        existing = self._page_id(page.url, page.sha1)
        if existing is None:
            return _row_id(self.db.table("pages").insert(row))
        self.db.table("pages").update(existing, row)
        return existing

    def _page_id(self, url: str, sha1: str) -> int | None:
        found = self.db.execute("select id from pages where url = ? and sha1 = ?", [url, sha1]).fetchone()
        return found[0] if found else None

    # documents and copies: dedup ------------------------------------------------------

    def _save_copy(
        self, page_id: int, seg: int, draft: Draft, fp: dedup.Fingerprint, fetched_at: str, extractor_version: str,
    ) -> str:
        """Store the copy and file it under its document; say ``new``, ``duplicate`` or ``unchanged``."""
        row = self._copy_row(page_id, seg, draft, fp, extractor_version)
        existing = self.db.execute(
            "select id, document_id, text_key from copies where page_id = ? and seg = ?", [page_id, seg]
        ).fetchone()
        if existing is not None and existing[2] == fp.key and existing[1] is not None:
            self._update("copies", existing[0], row)
            self._refresh_document(existing[1], fetched_at)
            return "unchanged"
        if existing is not None:  # re-extracted into another text: it leaves its old document
            copy_id = existing[0]
            self._update("copies", copy_id, {**row, "document_id": None})
            if existing[1] is not None:
                self._reindex_document(existing[1])
                self._refresh_document(existing[1], fetched_at)
        else:
            copy_id = self.db.table("copies").insert(row).last_pk
        matches = self._find_documents(fp, draft)
        document_id = self._join(matches) if matches else self._create_document(copy_id, row, fetched_at)
        self._update("copies", copy_id, {"document_id": document_id})
        index_copy(self.db, document_id, fp)
        self._refresh_document(document_id, fetched_at)
        return "duplicate" if matches else "new"

    def _copy_row(
        self, page_id: int, seg: int, draft: Draft, fp: dedup.Fingerprint, extractor_version: str
    ) -> dict[str, Any]:
        return {
            "page_id": page_id, "seg": seg, "seg_start": draft.seg_start, "seg_end": draft.seg_end,
            "title_as_seen": draft.title, "text": draft.text, "chars": len(draft.text),
            "text_sha1": dedup.sha1(draft.text), "published_on": draft.published,
            "source_name": draft.source_name, "index_no": draft.metadata.get("index_no"),
            "publisher": draft.metadata.get("publisher"), "written_on": draft.metadata.get("written_on"),
            "metadata": json.dumps(draft.metadata, ensure_ascii=False, sort_keys=True),
            "truncated": int(draft.truncated), "page_type": draft.page_type,
            "extractor_version": extractor_version, **fp.to_blobs(),
            **{name: getattr(draft, name, None) for name in REPORT_FIELDS},
        }

    def _create_document(self, copy_id: int, copy: dict[str, Any], fetched_at: str) -> int:
        """A new document, made of its first copy."""
        fields = {name: copy[name] for name in ("text", "chars", "text_key", "published_on", *REPORT_FIELDS)}
        return _row_id(self.db.table("documents").insert({
            **fields, "title": copy["title_as_seen"], "best_copy_id": copy_id, "first_seen": fetched_at,
            "updated_at": fetched_at,
        }))

    def _find_documents(self, fp: dedup.Fingerprint, draft: Draft) -> dict[int, tuple[float, bool]]:
        """Documents this copy is the same report as (exact, near or contained): their score, and
        whether the match is strong enough to merge documents (not a few shared sentences)."""
        found = {
            row[0]: (1.0, True) for row in self.db.execute(
                "select distinct document_id from copies where text_key = ? and document_id is not null", [fp.key]
            )
        }
        for candidates in (self._near_documents(fp), self._containing_documents(fp, draft.title)):
            for document_id, match in candidates.items():
                if self._agrees(document_id, draft):
                    found[document_id] = max(match, found.get(document_id, (0.0, False)))
        return found

    def _agrees(self, document_id: int, other: Any) -> bool:
        """The document's year and region agree with ``other``'s where both are known."""
        mine = self._report_key(document_id)
        return all(dedup.agree(getattr(mine, name), getattr(other, name)) for name in ("year", "region", "region_code"))

    def _report_key(self, document_id: int) -> SimpleNamespace:
        row = self.db.execute("select year, region, region_code from documents where id = ?", [document_id]).fetchone()
        return SimpleNamespace(year=row[0], region=row[1], region_code=row[2])

    def _near_documents(self, fp: dedup.Fingerprint) -> dict[int, tuple[float, bool]]:
        """Documents sharing an LSH band with the copy and holding a copy of Jaccard ≥ threshold."""
        keys = fp.band_keys
        if not keys:
            return {}
        sql = """select document_id, minhash from copies where document_id in
                 (select distinct document_id from lsh_bands where band_key in (select value from json_each(?))
                  order by document_id limit ?)"""
        best: dict[int, float] = {}
        for document_id, signature in self.db.execute(sql, [json.dumps(keys), NEAR_CANDIDATES]):
            best[document_id] = max(best.get(document_id, 0.0), dedup.jaccard(fp.minhash, signature))
        return {d: (score, True) for d, score in best.items() if score >= dedup.NEAR_THRESHOLD}

    def _containing_documents(self, fp: dedup.Fingerprint, title: str) -> dict[int, tuple[float, bool]]:
        """Documents holding most of the copy's sentences, or most of whose sentences the copy
        holds (a full text arriving after its preview: it needs ``MIN_CONTAINED_DOCUMENT`` shared
        sentences, or a preview flagged truncated or titled like the copy); stock phrases do not count."""
        own = self._distinctive(fp.sentences)
        if len(own) < dedup.MIN_SHARED_SENTENCES:
            return {}
        shared = self.db.execute(
            """select document_id, count(*) from fingerprints where hash in (select value from json_each(?))
               group by document_id having count(*) >= ? order by document_id""",
            [json.dumps(own), dedup.MIN_SHARED_SENTENCES],
        ).fetchall()
        found = {}
        for document_id, count in shared:
            score = count / len(own)
            if score < dedup.CONTAINED_THRESHOLD and (
                count >= dedup.MIN_CONTAINED_DOCUMENT or self._vouched_preview(document_id, title)
            ):
                score = count / max(self._distinctive_count(document_id), count)
            if score >= dedup.CONTAINED_THRESHOLD:
                found[document_id] = (round(score, 4), count >= dedup.MIN_CONTAINED_DOCUMENT)
        return found

    def _vouched_preview(self, document_id: int, title: str) -> bool:
        """The document's best copy says it is a preview (truncated), or bears the copy's title."""
        row = self.db.execute(
            "select c.truncated, c.title_as_seen from documents d join copies c on c.id = d.best_copy_id where d.id = ?",
            [document_id],
        ).fetchone()
        return bool(row) and (bool(row[0]) or dedup.titles_agree(row[1], title))

    def _distinctive(self, hashes: tuple[int, ...]) -> list[int]:
        """The hashes that are not stock phrases (found in ``STOCK_DOCUMENTS`` documents or more)."""
        stock = {
            row[0] for row in self.db.execute(
                "select hash from fingerprint_counts where hash in (select value from json_each(?)) and documents >= ?",
                [json.dumps(hashes), dedup.STOCK_DOCUMENTS],
            )
        }
        return [h for h in hashes if h not in stock]

    def _distinctive_count(self, document_id: int) -> int:
        return self.db.execute(
            """select count(*) from fingerprints f join fingerprint_counts c on c.hash = f.hash
               where f.document_id = ? and c.documents < ?""", [document_id, dedup.STOCK_DOCUMENTS],
        ).fetchone()[0]

    def _join(self, matches: dict[int, tuple[float, bool]]) -> int:
        """The document a copy joins: of the best match and the strong matches agreeing with it,
        the oldest; the others are merged into it (their ids stay, marked ``merged_into``)."""
        best = min(matches, key=lambda d: (-matches[d][0], d))
        if not matches[best][1]:
            return best
        group = sorted(
            d for d in matches if d == best or (matches[d][1] and self._agrees(d, self._report_key(best)))
        )
        for other in group[1:]:
            self._merge(group[0], other)
        return group[0]

    def _merge(self, keep: int, other: int) -> None:
        """Move ``other``'s copies to ``keep`` and record ``other`` as merged into it."""
        moved = self._copy_fingerprints(other)
        self._unindex_document(other)
        self.db.execute("update copies set document_id = ? where document_id = ?", [keep, other])
        self.db.execute("update documents set merged_into = ? where merged_into = ? or id = ?", [keep, other, other])
        self.db.execute(
            "update documents set first_seen = min(first_seen, (select first_seen from documents where id = ?)) "
            "where id = ?", [other, keep],
        )
        for fp in moved:
            index_copy(self.db, keep, fp)

    def _copy_fingerprints(self, document_id: int) -> list[dedup.Fingerprint]:
        sql = "select text_key, norm_chars, minhash, sentences from copies where document_id = ? order by id"
        return [dedup.Fingerprint.from_row(dict(row)) for row in self.db.query(sql, [document_id])]

    def _unindex_document(self, document_id: int) -> None:
        """Drop a document's fingerprints (it was merged, or lost copies and is re-indexed)."""
        self.db.execute(
            "update fingerprint_counts set documents = documents - 1 "
            "where hash in (select hash from fingerprints where document_id = ?)", [document_id],
        )
        self.db.execute("delete from fingerprints where document_id = ?", [document_id])
        self.db.execute("delete from lsh_bands where document_id = ?", [document_id])

    def _reindex_document(self, document_id: int) -> None:
        self._unindex_document(document_id)
        for fp in self._copy_fingerprints(document_id):
            index_copy(self.db, document_id, fp)

    def _refresh_document(self, document_id: int, updated_at: str) -> None:
        """Choose the document's best copy, take its text and fields, relate the others to it."""
        sql = """select c.id, c.seg, c.truncated, c.norm_chars, c.published_on, c.relation, c.similarity,
                 c.text_key, c.minhash, c.sentences, p.url, p.site_kind from copies c
                 join pages p on p.id = c.page_id where c.document_id = ? and c.relation is not 'superseded'
                 order by c.id"""
        copies = [dict(row) for row in self.db.query(sql, [document_id])]
        if not copies:
            self._update("documents", document_id, {"best_copy_id": None, "updated_at": updated_at})
            return
        current = self.db.execute("select best_copy_id from documents where id = ?", [document_id]).fetchone()[0]
        ranked = dedup.ranked(copies, current)
        best_fp = dedup.Fingerprint.from_row(ranked[0])
        for copy in copies:
            is_best = copy is ranked[0]
            relation = ("canonical", 1.0) if is_best else dedup.relation(dedup.Fingerprint.from_row(copy), best_fp)
            if relation != (copy["relation"], copy["similarity"]):
                self._update("copies", copy["id"], {"relation": relation[0], "similarity": relation[1]})
        self._take_best_copy(document_id, [c["id"] for c in ranked], updated_at)

    def _take_best_copy(self, document_id: int, ranked_ids: list[int], updated_at: str) -> None:
        """Document fields from its best copy; a field the best copy lacks from the next that has it."""
        columns = ", ".join(["id", "title_as_seen", "text", "chars", "text_key", "published_on", *REPORT_FIELDS])
        sql = f"select {columns} from copies where id in (select value from json_each(?))"
        rows = {row["id"]: row for row in self.db.query(sql, [json.dumps(ranked_ids)])}
        best = rows[ranked_ids[0]]
        fields = {"title": best["title_as_seen"], "text": best["text"], "chars": best["chars"],
                  "text_key": best["text_key"], "best_copy_id": best["id"]}
        for name in ("published_on", *REPORT_FIELDS):
            fields[name] = next((rows[i][name] for i in ranked_ids if rows[i][name] is not None), None)
        names = ", ".join(fields)
        row = self.db.execute(f"select {names} from documents where id = ?", [document_id]).fetchone()
        current = dict(zip(fields, row, strict=True))
        changed = {key: value for key, value in fields.items() if current[key] != value}
        if changed.keys() - {"best_copy_id"}:
            self._updated_documents.add(document_id)  # counted by save_page (SaveResult.updated)
        if changed:
            self._update("documents", document_id, {**changed, "updated_at": updated_at})

    def _update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        """``update table set … where id = ?`` (sqlite-utils' ``update`` costs a savepoint and
        a schema read per call: too slow for the rows dedup touches per copy)."""
        assignments = ", ".join(f"[{name}] = ?" for name in values)
        self.db.execute(f"update [{table}] set {assignments} where id = ?", [*values.values(), row_id])

    def _drop_stale_copies(self, page_id: int, count: int) -> None:
        """A page re-extracted into fewer documents loses the surplus copies."""
        stale = [row[0] for row in self.db.execute(
            "select distinct document_id from copies where page_id = ? and seg >= ? and document_id is not null",
            [page_id, count],
        )]
        self.db.execute("delete from copies where page_id = ? and seg >= ?", [page_id, count])
        for document_id in stale:
            self._reindex_document(document_id)
            self._refresh_document(document_id, utc_now())

    # reading --------------------------------------------------------------------------

    def count(self, table: str) -> int:
        return self.db.table(table).count

    def documents(self) -> Iterator[dict[str, Any]]:
        """Canonical documents: not merged into another, with at least one copy."""
        yield from self.db.table("documents").rows_where(CANONICAL, order_by="id")

    def copies_of(self, document_id: int) -> list[dict[str, Any]]:
        sql = """select copies.*, pages.url, pages.site, pages.fetched_at from copies
                 join pages on pages.id = copies.page_id where document_id = ? order by copies.id"""
        return [dict(row) for row in self.db.query(sql, [document_id])]

    def groups(self, document_id: int | None = None, min_copies: int = 2) -> list[dict[str, Any]]:
        """Canonical documents with their copies (site, kind, url, relation, score) and the ids
        merged into them, to audit dedup; ``document_id`` may be a merged id."""
        if document_id is not None:
            row = self.db.execute("select coalesce(merged_into, id) from documents where id = ?", [document_id]).fetchone()
            ids = [row[0]] if row else []
        else:
            ids = [row[0] for row in self.db.execute(
                """select d.id from documents d join copies c on c.document_id = d.id where d.merged_into is null
                   group by d.id having count(*) >= ? order by d.id""", [min_copies],
            )]
        return [self._group(i) for i in ids]

    def _group(self, document_id: int) -> dict[str, Any]:
        document = self.db.table("documents").get(document_id)
        columns = """c.id, c.seg, c.relation, c.similarity, c.truncated, c.chars, c.published_on, c.title_as_seen,
                     p.url, p.site, p.site_kind, p.fetched_at"""
        copies = self.db.query(
            f"select {columns} from copies c join pages p on p.id = c.page_id where c.document_id = ? "
            "order by c.relation != 'canonical', c.id", [document_id],
        )
        merged = [row[0] for row in self.db.execute("select id from documents where merged_into = ? order by id", [document_id])]
        return {**{k: v for k, v in document.items() if k != "text"}, "copies": list(copies), "merged": merged}

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of the URL's latest stored version, for a conditional request."""
        row = self.db.execute(
            "select etag, last_modified from pages where url = ? order by fetched_at desc, id desc limit 1", [url]
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def known_pages(self, site: str) -> dict[str, tuple[str | None, str]]:
        """Stored URLs of a site: (latest published date of the latest version's copies, its fetch time)."""
        sql = """select p.url, max(c.published_on), p.fetched_at from pages p
                 left join copies c on c.page_id = p.id where p.site = ?
                 group by p.id order by p.fetched_at, p.id"""
        return {url: (published_on, fetched_at) for url, published_on, fetched_at in self.db.execute(sql, [site])}

    def stored_page(self, page_id: int) -> tuple[RawPage, int | None]:
        """A stored page as it was saved (body decompressed), and the run that stored it."""
        row = self.db.table("pages").get(page_id)
        page = RawPage(
            url=row["url"], site=row["site"], status=row["status"], headers=json.loads(row["headers"] or "{}"),
            body=zlib.decompress(row["body"]), encoding=row["encoding"], fetched_at=row["fetched_at"],
            final_url=row["final_url"], site_kind=row["site_kind"],
        )
        return page, row["run_id"]

    def last_run(self, site: str) -> dict[str, Any] | None:
        rows = list(self.db.table("runs").rows_where("site = ?", [site], order_by="id desc", limit=1))
        return rows[0] if rows else None

    def counts_by_site(self) -> dict[str, dict[str, int]]:
        """Pages and distinct documents per site."""
        sql = """select pages.site, count(distinct pages.id) as pages, count(distinct copies.document_id) as documents
                 from pages left join copies on copies.page_id = pages.id group by pages.site order by pages.site"""
        return {row["site"]: {"pages": row["pages"], "documents": row["documents"]} for row in self.db.query(sql)}

    # frontier (crawler/crawl/frontier.py) -----------------------------------------------------

    def frontier_add(
        self, site: str, fingerprint: str, run_id: int | None, url: str, method: str, callback: str | None, request: str,
    ) -> None:
        """Record a scheduled request as pending (a request already recorded stays as it is)."""
        with self.db.atomic():
            self.db.execute(
                """insert or ignore into frontier (site, fingerprint, run_id, url, method, callback, request, added_at)
                   values (?, ?, ?, ?, ?, ?, ?, ?)""", [site, fingerprint, run_id, url, method, callback, request, utc_now()],
            )

    def frontier_done(self, site: str, fingerprint: str) -> None:
        """Mark a request done: its page is stored (or, for a list page, its links are recorded)."""
        with self.db.atomic():
            self.db.execute(
                "update frontier set done = 1, done_at = ? where site = ? and fingerprint = ?", [utc_now(), site, fingerprint]
            )

    def frontier_pending_count(self, site: str) -> int:
        """How many of the site's requests are pending (left by a run that did not finish)."""
        return self.db.execute("select count(*) from frontier where site = ? and not done", [site]).fetchone()[0]

    def frontier_pending(self, site: str) -> list[dict[str, Any]]:
        """The site's pending requests, in the order they were recorded."""
        sql = "select * from frontier where site = ? and not done order by rowid"
        return [dict(row) for row in self.db.query(sql, [site])]

    def frontier_adopt(self, site: str, run_id: int | None) -> set[str]:
        """Take the site's unfinished entries over into run ``run_id``; the fingerprints already done."""
        with self.db.atomic():
            self.db.execute("update frontier set run_id = ? where site = ?", [run_id, site])
        return {row[0] for row in self.db.execute("select fingerprint from frontier where site = ? and done", [site])}

    def frontier_clear(self, site: str) -> None:
        """Forget the site's frontier (its run finished, or the next starts afresh)."""
        with self.db.atomic():
            self.db.execute("delete from frontier where site = ?", [site])

    # runs: outcome, history and health ------------------------------------------------

    def interrupt_runs(self, site: str) -> int:
        """Mark the site's runs still ``running`` as ``interrupted`` (call it holding the site's lock:
        no live process runs them). Returns how many there were."""
        with self.db.atomic():
            cursor = self.db.execute(
                "update runs set status = 'interrupted', exit_code = ? where site = ? and status = 'running'",
                [int(ExitCode.FAILED), site],
            )
        return cursor.rowcount

    def record_locked_run(self, site: str, message: str) -> int:
        """A run that did not start because another process holds the site's lock."""
        now = utc_now()
        row = {"site": site, "spider": None, "started_at": now, "finished_at": now, "status": "locked",
               "stats": json.dumps({"message": message}, ensure_ascii=False), **run_columns({}, "locked")}
        with self.db.atomic():
            return _row_id(self.db.table("runs").insert(row))

    def recent_runs(self, site: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs, newest first, without their stats JSON."""
        columns = ", ".join(["id", "site", "spider", "started_at", "finished_at", "status", *RUN_COLUMNS])
        where, params = ("where site = ?", [site]) if site else ("", [])
        sql = f"select {columns} from runs {where} order by id desc limit ?"
        return [dict(row) for row in self.db.query(sql, [*params, limit])]

    def last_successful_runs(self) -> dict[str, dict[str, Any]]:
        """Per site, its latest run that finished."""
        sql = """select * from runs where id in (select max(id) from runs where status = 'finished' group by site)
                 order by site"""
        return {row["site"]: dict(row) for row in self.db.query(sql)}

    def document_counts(self, by: str) -> list[tuple[Any, int]]:
        """Canonical documents per ``year``, ``level`` or ``region`` (None last)."""
        if by not in ("year", "level", "region"):
            raise ValueError(f"cannot count documents by {by!r}")
        sql = f"select {by}, count(*) from documents where {CANONICAL} group by {by} order by {by} is null, {by}"
        return [tuple(row) for row in self.db.execute(sql)]

    def field_coverage(self) -> tuple[int, dict[str, int]]:
        """(canonical documents, how many of them have each report field)."""
        fields = ("published_on", "year", "region", "region_code", "level", "speaker", "meeting", "delivered_on")
        counts = ", ".join(f"count({name})" for name in fields)
        row = self.db.execute(
            f"select count(*), {counts} from documents where {CANONICAL}"
        ).fetchone()
        return row[0], dict(zip(fields, row[1:], strict=True))

    def has_documents(self, site: str) -> bool:
        """Whether a page of the site holds a document (what the health check compares a run with)."""
        sql = "select exists(select 1 from pages p join copies c on c.page_id = p.id where p.site = ? and c.document_id is not null)"
        return bool(self.db.execute(sql, [site]).fetchone()[0])
