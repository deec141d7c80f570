"""The SQLite store: all SQL of govcrawl lives here.

Tables (see ARCHITECTURE.md): ``pages`` (raw responses, zlib), ``documents`` (one canonical
row per report), ``copies`` (one row per document found on a page: the provenance),
``runs`` (one row per crawl of a site). The schema is created and migrated by the
registered migrations below; ``PRAGMA user_version`` holds the schema version.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from crawler import dedup
from crawler.items import Draft

migrations = Migrations("govcrawl")


@migrations()
def m001_initial(db: Database) -> None:
    """pages, documents, copies, runs."""
    db["runs"].create(
        {"id": int, "site": str, "spider": str, "started_at": str, "finished_at": str, "status": str, "stats": str},
        pk="id",
    )
    db["pages"].create(
        {
            "id": int, "url": str, "final_url": str, "site": str, "fetched_at": str, "status": int,
            "headers": str, "encoding": str, "body": bytes, "sha1": str, "etag": str,
            "last_modified": str, "run_id": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["pages"].create_index(["url", "sha1"], unique=True)
    db["pages"].create_index(["site"])
    db["documents"].create(
        {
            "id": int, "title": str, "text": str, "chars": int, "text_key": str, "year": int,
            "region": str, "region_code": str, "level": str, "kind": str, "speaker": str,
            "meeting": str, "delivered_on": str, "published_on": str, "best_copy_id": int,
            "first_seen": str, "updated_at": str,
        },
        pk="id",
    )
    db["documents"].create_index(["text_key"])
    db["copies"].create(
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
    db["copies"].create_index(["page_id", "seg"], unique=True)
    db["copies"].create_index(["document_id"])


@migrations()
def m002_dedup(db: Database) -> None:
    """Dedup state: the site kind of pages; each copy's fingerprint and report metadata;
    merged documents; LSH band keys and sentence fingerprints of canonical documents."""
    db["pages"].add_column("site_kind", str)
    for name, kind in (*COPY_FINGERPRINT_COLUMNS.items(), *REPORT_FIELDS.items()):
        db["copies"].add_column(name, kind)
    db["copies"].create_index(["text_key"])
    db["documents"].add_column("speaker_role", str)
    db["documents"].add_column("merged_into", int)
    db["documents"].create_index(["merged_into"])
    for table, column in (("lsh_bands", "band_key"), ("fingerprints", "hash")):
        db.execute(
            f"create table {table} ({column} integer not null, document_id integer not null "
            f"references documents(id), primary key ({column}, document_id)) without rowid"
        )
        db.execute(f"create index {table}_document on {table} (document_id)")
    db.execute("create table fingerprint_counts (hash integer primary key, documents integer not null)")


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


def utc_now() -> str:
    """Current UTC time, ISO 8601 to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class RawPage:
    """A fetched page as stored: the bytes compressed, keyed by URL and content hash."""

    url: str
    site: str
    status: int
    headers: dict[str, str]
    body: bytes
    sha1: str
    encoding: str | None
    fetched_at: str
    final_url: str | None = None


@dataclass
class SaveResult:
    """What storing one page did: how many of its copies made a new document, joined an
    existing one, or were already stored from an earlier fetch."""

    page_id: int
    new: int = 0
    duplicate: int = 0
    unchanged: int = 0


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
        migrations.apply(self.db)
        self.db.execute(f"PRAGMA user_version = {self.schema_version}")

    @property
    def schema_version(self) -> int:
        """Number of applied migrations."""
        return len(migrations.applied(self.db))

    def close(self) -> None:
        self.db.close()

    # runs -----------------------------------------------------------------------------

    def start_run(self, site: str, spider: str) -> int:
        with self.db.atomic():
            table = self.db["runs"].insert(
                {"site": site, "spider": spider, "started_at": utc_now(), "status": "running"}
            )
        return table.last_pk

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with self.db.atomic():
            self.db["runs"].update(
                run_id, {"finished_at": utc_now(), "status": status, "stats": json.dumps(stats, default=str)}
            )

    def run(self, run_id: int) -> dict[str, Any]:
        row = self.db["runs"].get(run_id)
        return {**row, "stats": json.loads(row["stats"] or "{}")}

    # pages and their documents --------------------------------------------------------

    def save_page(self, page: RawPage, drafts: list[Draft], run_id: int | None, extractor_version: str) -> SaveResult:
        """Store a page and every document drafted from it, in one transaction."""
        with self.db.atomic():
            result = SaveResult(self._upsert_page(page, run_id))
            for seg, draft in enumerate(drafts):
                outcome = self._save_copy(result.page_id, seg, draft, page.fetched_at, extractor_version)
                setattr(result, outcome, getattr(result, outcome) + 1)
            self._drop_stale_copies(result.page_id, len(drafts))
        return result

    def _upsert_page(self, page: RawPage, run_id: int | None) -> int:
        headers = {k.lower(): v for k, v in page.headers.items()}
        row = {
            "url": page.url, "final_url": page.final_url, "site": page.site, "fetched_at": page.fetched_at,
            "status": page.status, "headers": json.dumps(page.headers, ensure_ascii=False),
            "encoding": page.encoding, "body": zlib.compress(page.body), "sha1": page.sha1,
            "etag": headers.get("etag"), "last_modified": headers.get("last-modified"), "run_id": run_id,
        }
        existing = self._page_id(page.url, page.sha1)
        if existing is None:
            return self.db["pages"].insert(row).last_pk
        self.db["pages"].update(existing, row)
        return existing

    def _page_id(self, url: str, sha1: str) -> int | None:
        found = self.db.execute("select id from pages where url = ? and sha1 = ?", [url, sha1]).fetchone()
        return found[0] if found else None

    def _save_copy(self, page_id: int, seg: int, draft: Draft, fetched_at: str, extractor_version: str) -> str:
        """Store the copy; say whether it is ``new``, a ``duplicate`` or ``unchanged``."""
        key = dedup.text_key(draft.text)
        existing_copy = self.db.execute(
            "select id, document_id from copies where page_id = ? and seg = ?", [page_id, seg]
        ).fetchone()
        document_id = dedup.find_exact(self.db, key)
        created = document_id is None
        copy = {
            "page_id": page_id, "seg": seg, "relation": "canonical" if created else "exact",
            "similarity": 1.0, "seg_start": draft.seg_start, "seg_end": draft.seg_end,
            "title_as_seen": draft.title, "text": draft.text, "chars": len(draft.text),
            "text_sha1": dedup.sha1(draft.text), "published_on": draft.published,
            "source_name": draft.source_name, "index_no": draft.metadata.get("index_no"),
            "publisher": draft.metadata.get("publisher"), "written_on": draft.metadata.get("written_on"),
            "metadata": json.dumps(draft.metadata, ensure_ascii=False, sort_keys=True),
            "truncated": int(draft.truncated), "page_type": draft.page_type,
            "extractor_version": extractor_version,
        }
        if existing_copy is not None:
            copy_id = existing_copy[0]
            if existing_copy[1] == document_id:
                copy["relation"] = self.db["copies"].get(copy_id)["relation"]
            self.db["copies"].update(copy_id, copy)
        else:
            copy_id = self.db["copies"].insert(copy).last_pk
        if created:
            document_id = self._create_document(draft, key, copy_id, fetched_at)
        self.db["copies"].update(copy_id, {"document_id": document_id})
        if created:
            return "new"
        return "unchanged" if existing_copy is not None else "duplicate"

    def _create_document(self, draft: Draft, key: str, copy_id: int, fetched_at: str) -> int:
        return self.db["documents"].insert(
            {
                "title": draft.title, "text": draft.text, "chars": len(draft.text), "text_key": key,
                "published_on": draft.published, "best_copy_id": copy_id, "first_seen": fetched_at,
                "updated_at": fetched_at,
            }
        ).last_pk

    def _drop_stale_copies(self, page_id: int, count: int) -> None:
        """A page re-extracted into fewer documents loses the surplus copies."""
        self.db.execute("delete from copies where page_id = ? and seg >= ?", [page_id, count])

    # reading --------------------------------------------------------------------------

    def count(self, table: str) -> int:
        return self.db[table].count

    def documents(self) -> Iterator[dict[str, Any]]:
        yield from self.db["documents"].rows_where(order_by="id")

    def copies_of(self, document_id: int) -> list[dict[str, Any]]:
        sql = """select copies.*, pages.url, pages.site, pages.fetched_at from copies
                 join pages on pages.id = copies.page_id where document_id = ? order by copies.id"""
        return [dict(row) for row in self.db.query(sql, [document_id])]

    def page_body(self, page_id: int) -> bytes:
        return zlib.decompress(self.db["pages"].get(page_id)["body"])

    def last_run(self, site: str) -> dict[str, Any] | None:
        rows = list(self.db["runs"].rows_where("site = ?", [site], order_by="id desc", limit=1))
        return rows[0] if rows else None

    def site_counts(self, site: str) -> dict[str, int]:
        return self.counts_by_site().get(site, {"pages": 0, "documents": 0})

    def counts_by_site(self) -> dict[str, dict[str, int]]:
        """Pages and distinct documents per site."""
        sql = """select pages.site, count(distinct pages.id) as pages, count(distinct copies.document_id) as documents
                 from pages left join copies on copies.page_id = pages.id group by pages.site order by pages.site"""
        return {row["site"]: {"pages": row["pages"], "documents": row["documents"]} for row in self.db.query(sql)}
