"""Documents and their copies: filing each copy under its document, merging documents,
choosing each document's best copy; and the dedup index the matcher asks (`matcher.Index`).

The rules of what is the same report are in ``crawler.dedup.matcher``; this module keeps the
rows in step with them, inside the transaction ``Store.save_page`` opens.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from crawler.dedup import fingerprints as dedup
from crawler.dedup import matcher
from crawler.dedup.matcher import BestCopy, Match, ReportKey
from crawler.extract.items import Draft
from crawler.store.rows import REPORT_FIELDS, StageVersions, row_id, update_row, utc_now


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


class CorpusRepository:
    """The ``documents``, ``copies``, ``lsh_bands``, ``fingerprints`` and ``fingerprint_counts`` rows."""

    db: Database
    _updated_documents: set[int]
    """Documents whose text or fields the page being saved changed (``SaveResult.updated``)."""

    def _save_copy(
        self, page_id: int, seg: int, draft: Draft, fp: dedup.Fingerprint, fetched_at: str, versions: StageVersions,
    ) -> str:
        """Store the copy and file it under its document; say ``new``, ``duplicate`` or ``unchanged``."""
        row = self._copy_row(page_id, seg, draft, fp, versions)
        existing = self.db.execute(
            "select id, document_id, text_key, dedup_version from copies where page_id = ? and seg = ?", [page_id, seg]
        ).fetchone()
        if existing is not None and existing[2] == fp.key and existing[1] is not None:
            update_row(self.db, "copies", existing[0], row)
            if existing[3] != versions.dedup:  # fingerprints of another dedup version: file them again
                self._reindex_document(existing[1])
            self._refresh_document(existing[1], fetched_at)
            return "unchanged"
        if existing is not None:  # re-extracted into another text: it leaves its old document
            copy_id = existing[0]
            update_row(self.db, "copies", copy_id, {**row, "document_id": None})
            if existing[1] is not None:
                self._reindex_document(existing[1])
                self._refresh_document(existing[1], fetched_at)
        else:
            copy_id = self.db.table("copies").insert(row).last_pk
        matches = matcher.find_documents(self, fp, draft, draft.title)
        document_id = self._join(matches) if matches else self._create_document(copy_id, row, fetched_at)
        update_row(self.db, "copies", copy_id, {"document_id": document_id})
        index_copy(self.db, document_id, fp)
        self._refresh_document(document_id, fetched_at)
        return "duplicate" if matches else "new"

    def _copy_row(
        self, page_id: int, seg: int, draft: Draft, fp: dedup.Fingerprint, versions: StageVersions
    ) -> dict[str, Any]:
        return {
            "page_id": page_id, "seg": seg, "seg_start": draft.seg_start, "seg_end": draft.seg_end,
            "title_as_seen": draft.title, "text": draft.text, "chars": len(draft.text),
            "text_sha1": dedup.sha1(draft.text), "published_on": draft.published,
            "source_name": draft.source_name, "index_no": draft.metadata.get("index_no"),
            "publisher": draft.metadata.get("publisher"), "written_on": draft.metadata.get("written_on"),
            "metadata": json.dumps(draft.metadata, ensure_ascii=False, sort_keys=True),
            "truncated": int(draft.truncated), "page_type": draft.page_type,
            **versions.columns(), **fp.to_blobs(),
            **{name: getattr(draft, name, None) for name in REPORT_FIELDS},
        }

    def _create_document(self, copy_id: int, copy: dict[str, Any], fetched_at: str) -> int:
        """A new document, made of its first copy."""
        fields = {name: copy[name] for name in ("text", "chars", "text_key", "published_on", *REPORT_FIELDS)}
        return row_id(self.db.table("documents").insert({
            **fields, "title": copy["title_as_seen"], "best_copy_id": copy_id, "first_seen": fetched_at,
            "updated_at": fetched_at,
        }))

    # the dedup index (crawler.dedup.matcher.Index) -------------------------------------

    def exact_documents(self, key: str) -> list[int]:
        sql = "select distinct document_id from copies where text_key = ? and document_id is not null"
        return [row[0] for row in self.db.execute(sql, [key])]

    def band_candidates(self, band_keys: Sequence[int], limit: int) -> list[tuple[int, bytes]]:
        sql = """select document_id, minhash from copies where document_id in
                 (select distinct document_id from lsh_bands where band_key in (select value from json_each(?))
                  order by document_id limit ?)"""
        return [(row[0], row[1]) for row in self.db.execute(sql, [json.dumps(list(band_keys)), limit])]

    def stock_hashes(self, hashes: Sequence[int], documents: int) -> set[int]:
        sql = "select hash from fingerprint_counts where hash in (select value from json_each(?)) and documents >= ?"
        return {row[0] for row in self.db.execute(sql, [json.dumps(list(hashes)), documents])}

    def shared_sentences(self, hashes: Sequence[int], at_least: int) -> list[tuple[int, int]]:
        sql = """select document_id, count(*) from fingerprints where hash in (select value from json_each(?))
                 group by document_id having count(*) >= ? order by document_id"""
        return [(row[0], row[1]) for row in self.db.execute(sql, [json.dumps(list(hashes)), at_least])]

    def distinctive_count(self, document_id: int, documents: int) -> int:
        sql = """select count(*) from fingerprints f join fingerprint_counts c on c.hash = f.hash
                 where f.document_id = ? and c.documents < ?"""
        return self.db.execute(sql, [document_id, documents]).fetchone()[0]

    def best_copy(self, document_id: int) -> BestCopy | None:
        sql = "select c.truncated, c.title_as_seen from documents d join copies c on c.id = d.best_copy_id where d.id = ?"
        row = self.db.execute(sql, [document_id]).fetchone()
        return BestCopy(bool(row[0]), row[1]) if row else None

    def report_key(self, document_id: int) -> ReportKey:
        row = self.db.execute("select year, region, region_code from documents where id = ?", [document_id]).fetchone()
        return ReportKey(year=row[0], region=row[1], region_code=row[2])

    def _join(self, matches: dict[int, Match]) -> int:
        """The document a copy joins (`matcher.merge_group`); the others of its group are merged
        into it (their ids stay, marked ``merged_into``)."""
        keep, *others = matcher.merge_group(self, matches)
        for other in others:
            self._merge(keep, other)
        return keep

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
            update_row(self.db, "documents", document_id, {"best_copy_id": None, "updated_at": updated_at})
            return
        current = self.db.execute("select best_copy_id from documents where id = ?", [document_id]).fetchone()[0]
        ranked = dedup.ranked(copies, current)
        best_fp = dedup.Fingerprint.from_row(ranked[0])
        for copy in copies:
            is_best = copy is ranked[0]
            relation = ("canonical", 1.0) if is_best else dedup.relation(dedup.Fingerprint.from_row(copy), best_fp)
            if relation != (copy["relation"], copy["similarity"]):
                update_row(self.db, "copies", copy["id"], {"relation": relation[0], "similarity": relation[1]})
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
            update_row(self.db, "documents", document_id, {**changed, "updated_at": updated_at})

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
            update_row(self.db, "copies", copy_id, {"relation": "superseded", "similarity": None})
        for document_id in sorted({d for _, d in old if d is not None}):
            self._refresh_document(document_id, updated_at)
