"""The schema: registered migrations, frozen.

Each migration states its columns literally, so a database migrated today and one migrated
a year ago have the same schema whatever the code's constants have become since; a change of
schema is a new migration. ``PRAGMA user_version`` holds the number applied.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from crawler.dedup.fingerprints import fingerprint
from crawler.store.corpus import index_copy

migrations = Migrations("govcrawl")


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


M002_SITE_KINDS = {
    "wenzhou": "official", "ruian": "official", "jiangmen": "official", "govcn": "official", "shiping": "official",
    "yongzhou_dfz": "mirror", "lishuiren": "forum", "gannanren": "forum", "ruyiwenku": "farm", "lsnews": "news",
    "zhaoshangbao-lishui": "aggregator",
}
"""The kinds of the sites configured when m002 was written: pages stored before it get theirs."""
M002_COPY_COLUMNS = {
    "text_key": str, "norm_chars": int, "minhash": bytes, "sentences": bytes,
    "year": int, "region": str, "region_code": str, "level": str, "speaker": str, "speaker_role": str,
    "meeting": str, "delivered_on": str,
}
"""Columns m002 adds to ``copies``: the fingerprint, then the report metadata."""


@migrations()
def m002_dedup(db: Database) -> None:
    """Dedup state: the site kind of pages; each copy's fingerprint and report metadata;
    merged documents; LSH band keys and sentence fingerprints of canonical documents."""
    db.table("pages").add_column("site_kind", str)
    for site, site_kind in M002_SITE_KINDS.items():
        db.execute("update pages set site_kind = ? where site = ?", [site_kind, site])
    for name, kind in M002_COPY_COLUMNS.items():
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
    """Copies stored before dedup: their fingerprints, and their documents' index entries.

    Data, not schema: it runs the current fingerprint code, as the corpus will compare these
    fingerprints with new ones."""
    for copy_id, document_id, text in db.execute("select id, document_id, text from copies order by id").fetchall():
        fp = fingerprint(text or "")
        values = fp.to_blobs()
        db.execute(f"update copies set {', '.join(f'{k} = ?' for k in values)} where id = ?", [*values.values(), copy_id])
        if document_id is not None:
            index_copy(db, document_id, fp)


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


M004_RUN_COLUMNS = {
    "responses": int, "pages_by_status": str, "bytes": int, "not_modified": int, "pages_stored": int,
    "documents_new": int, "documents_updated": int, "documents_duplicate": int, "documents_unchanged": int,
    "blocked": int, "errors": int, "resumed": int, "exit_code": int,
}
"""Columns m004 adds to ``runs``: a run's outcome."""


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
    for name, kind in M004_RUN_COLUMNS.items():
        db.table("runs").add_column(name, kind)


@migrations()
def m005_revisit(db: Database) -> None:
    """``pages.checked_at``: when the server last confirmed the page's latest version with a
    304, so the revisit schedule (crawler/crawl/revisit.py) counts from there."""
    db.table("pages").add_column("checked_at", str)


@migrations()
def m006_canonical_reports(db: Database) -> None:
    """The ``reports`` view holds canonical documents only: one merged into another
    (``merged_into`` set) is the same report and left out, so views, facets and counts
    over it count each report once. Dedup's columns are left out; the text comes last."""
    db.execute("drop view if exists reports")
    db.execute(
        """create view reports as select d.id, d.title, d.year, d.region, d.region_code, d.level,
           d.published_on, d.delivered_on, d.speaker, d.speaker_role, d.meeting, d.kind, d.chars,
           p.site as site, p.url as url, c.truncated as truncated, d.best_copy_id, d.first_seen, d.text
           from documents d join copies c on c.id = d.best_copy_id join pages p on p.id = c.page_id
           where d.merged_into is null"""
    )


@migrations()
def m007_stage_versions(db: Database) -> None:
    """Each stage's version on every copy (``extractor_version`` is the page types' alone from
    here on), so that reprocessing redoes only the stages that changed. Which clean, metadata
    and dedup code made the copies stored before is not known (extractor_version versioned them
    all, and not every change was bumped): they stay null, outdated for `reprocess --outdated`."""
    copies = db.table("copies")
    for column in ("clean_version", "metadata_version", "dedup_version"):
        copies.add_column(column, str)
