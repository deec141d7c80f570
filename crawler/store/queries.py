"""Which documents or copies a user asked for: filters → SQL over the store, streamed row by row.

Shared by `govcrawl export` and `govcrawl search` (whose FTS5 queries are here too); `Queries`
is the store's read side for `stats`, `sites`, `dupes` and `reprocess`. Columns are read by name, so fields that
later migrations add to ``documents`` or ``copies`` flow through to every export unchanged.

Aliases in the SQL: ``d`` the document, ``b`` its best copy, ``bp`` the best copy's page;
for copy rows ``c`` the copy and ``p`` its page.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from crawler.store.rows import CANONICAL

# Columns of the companion copies file: provenance, not the text again.
COPY_COLUMNS_LEFT_OUT = ("text",)
BEST_COPY_JOIN = "left join copies b on b.id = d.best_copy_id left join pages bp on bp.id = b.page_id"
"""Joins a document ``d`` to its best copy ``b`` and that copy's page ``bp``."""
DOCUMENT_EXTRAS = ("bp.url as url", "bp.site as site", "b.truncated as truncated")
"""What a document row takes from its best copy and that copy's page."""


@dataclass(frozen=True)
class Filters:
    """What to select; ``None`` means no constraint."""

    site: str | None = None
    """Documents with a copy on this site (copies: fetched from this site)."""
    year: int | None = None
    region: str | None = None
    """A region name or its prefix (温州 → 温州市), or a GB/T 2260 code prefix (33 → Zhejiang)."""
    level: str | None = None
    """省, 市, 县 or 区."""
    since: str | None = None
    """Published on or after this date, ``YYYY-MM-DD``."""
    include_truncated: bool = False
    """Keep documents whose best copy (copies: which themselves) are truncated."""


def like_prefix(value: str) -> str:
    """A LIKE pattern matching strings that start with ``value`` (escape character ``\\``)."""
    return re.sub(r"([\\%_])", r"\\\1", value) + "%"


def copy_field(name: str) -> str:
    """A copy's own value of a report field, else its document's."""
    return f"coalesce(c.{name}, d.{name})"


def like_substring(value: str) -> str:
    """A LIKE pattern matching strings that contain ``value`` (escape character ``\\``)."""
    return "%" + like_prefix(value)


class Selection:
    """Filtered, streamed reads of canonical documents or of copies, ordered by id."""

    def __init__(self, db: Database, filters: Filters | None = None, omit: frozenset[str] = frozenset()) -> None:
        """``omit``: columns of documents and copies to leave out of the rows (dedup's internal ones)."""
        self.db = db
        self.filters = filters or Filters()
        self.omit = omit
        self.document_columns = [c.name for c in db.table("documents").columns]
        self.copy_columns = [c.name for c in db.table("copies").columns]
        # Binary columns (dedup's MinHash signatures, sentence hashes) are internal, not exported.
        self.binary_columns = {c.name for t in ("documents", "copies") for c in db[t].columns if c.type.upper() == "BLOB"}

    # canonical documents ------------------------------------------------------------------

    def document_from(self) -> str:
        """FROM clause: documents ``d`` with best copy ``b`` and its page ``bp``."""
        return f"documents d {BEST_COPY_JOIN}"

    def document_where(self) -> tuple[str, list[Any]]:
        """SQL condition (over d, b) and parameters for the filters, canonical documents only."""
        f = self.filters
        clauses = ["d.merged_into is null"]  # a document merged into another is not canonical
        params: list[Any] = []
        if f.site is not None:
            clauses.append(
                "exists (select 1 from copies sc join pages sp on sp.id = sc.page_id "
                "where sc.document_id = d.id and sp.site = ?)"
            )
            params.append(f.site)
        self._common(clauses, params, lambda name: f"d.{name}", "d.published_on", "b.truncated")
        return " and ".join(clauses), params

    def documents(self) -> Rows:
        """Canonical documents with every column plus url/site/truncated of the best copy."""
        where, params = self.document_where()
        columns = ", ".join([*self._plain("d", self.document_columns), *DOCUMENT_EXTRAS])
        return self._rows(f"select {columns} from {self.document_from()} where {where} order by d.id", params)

    def count_documents(self) -> int:
        """How many documents ``documents()`` yields."""
        where, params = self.document_where()
        return self.db.execute(f"select count(*) from {self.document_from()} where {where}", params).fetchone()[0]

    def sources(self, document_id: int) -> list[dict[str, Any]]:
        """Provenance of one document: every copy's url, site, relation, similarity, …"""
        sql = """select c.id as copy_id, p.url, p.site, c.relation, c.similarity, c.truncated,
                 c.published_on as published, p.fetched_at, c.title_as_seen, c.source_name
                 from copies c join pages p on p.id = c.page_id where c.document_id = ? order by c.id"""
        return list(self._rows(sql, [document_id]))

    def copies_of_documents(self) -> Rows:
        """Every copy (without its text) of the selected documents: the companion copies file."""
        where, params = self.document_where()
        kept = self._plain("c", [name for name in self.copy_columns if name not in COPY_COLUMNS_LEFT_OUT])
        sql = f"""select {", ".join([*kept, "p.url as url", "p.site as site", "p.fetched_at as fetched_at"])}
                  from copies c join pages p on p.id = c.page_id
                  where c.document_id in (select d.id from {self.document_from()} where {where})
                  order by c.document_id, c.id"""
        return self._rows(sql, params)

    # every copy -----------------------------------------------------------------------------

    def copy_where(self) -> tuple[str, list[Any]]:
        """SQL condition (over c, p, d) and parameters for the filters, per copy."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.filters.site is not None:
            clauses.append("p.site = ?")
            params.append(self.filters.site)
        self._common(clauses, params, copy_field, "c.published_on", "c.truncated")
        return " and ".join(clauses) or "1", params

    def copy_from(self) -> str:
        """FROM clause: copies ``c`` with their page ``p`` and document ``d``."""
        return "copies c join pages p on p.id = c.page_id left join documents d on d.id = c.document_id"

    def copies(self) -> Rows:
        """Every copy with its text (and its own report fields) and its page's url/site/fetched_at."""
        where, params = self.copy_where()
        columns = ", ".join([*self._plain("c", self.copy_columns), "p.url as url", "p.site as site", "p.fetched_at as fetched_at"])
        return self._rows(f"select {columns} from {self.copy_from()} where {where} order by c.id", params)

    def count_copies(self) -> int:
        """How many copies ``copies()`` yields."""
        where, params = self.copy_where()
        return self.db.execute(f"select count(*) from {self.copy_from()} where {where}", params).fetchone()[0]

    # ----------------------------------------------------------------------------------------

    def _common(
        self, clauses: list[str], params: list[Any], field: Callable[[str], str], published: str, truncated: str,
    ) -> None:
        """Year, region, level, since and truncation conditions, over the given expressions."""
        f = self.filters
        if f.year is not None:
            clauses.append(f"{field('year')} = ?")
            params.append(int(f.year))
        if f.region:
            if f.region.isdigit():
                clauses.append(f"{field('region_code')} like ? escape '\\'")
            else:
                clauses.append(f"{field('region')} like ? escape '\\'")
            params.append(like_prefix(f.region))
        if f.level:
            clauses.append(f"{field('level')} = ?")
            params.append(f.level)
        if f.since:
            clauses.append(f"{published} >= ?")
            params.append(f.since)
        if not f.include_truncated:
            clauses.append(f"coalesce({truncated}, 0) = 0")

    def _plain(self, alias: str, names: list[str]) -> list[str]:
        """``alias.[name]`` for every column that is not binary or omitted."""
        return [f"{alias}.[{name}]" for name in names if name not in self.binary_columns and name not in self.omit]

    def _rows(self, sql: str, params: list[Any]) -> Rows:
        return Rows(self.db, sql, params)


class Rows:
    """A query's column names, then its rows as dicts, read lazily from a cursor of their own."""

    def __init__(self, db: Database, sql: str, params: list[Any]) -> None:
        self.cursor = db.conn.execute(sql, params)
        self.names = [d[0] for d in self.cursor.description]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        try:
            for row in self.cursor:
                yield dict(zip(self.names, row, strict=True))
        finally:
            self.cursor.close()


def report_sources(db: Database) -> Iterator[tuple[str, int, str | None, bool]]:
    """(region_code, year, site kind, truncated) of every copy of a canonical report that has a
    region code and a year: what `govcrawl coverage` counts."""
    rows = db.execute(
        """select d.region_code, d.year, p.site_kind, c.truncated from documents d
           join copies c on c.document_id = d.id join pages p on p.id = c.page_id
           where d.merged_into is null and d.region_code is not null and d.year is not null"""
    )
    for code, year, kind, truncated in rows:
        yield code, int(year), kind, bool(truncated)


# full-text search ---------------------------------------------------------------------------

SNIPPET_TOKENS = 40
"""Snippet length in tokens; one trigram token per character."""
TITLE_WEIGHT = 10.0
"""bm25 weight of a hit in the title relative to one in the text."""
HIT_FIELDS = "d.id, d.title, d.year, d.region, d.region_code, d.level, d.published_on, bp.site as site, bp.url as url"


def ranked_documents(
    selection: Selection, match: str, where: str, params: list[Any], limit: int, marks: tuple[str, str],
) -> Iterable[dict[str, Any]]:
    """Documents matching the FTS5 expression ``match`` and ``where``, best bm25 first, with a snippet."""
    sql = f"""select {HIT_FIELDS}, snippet(documents_fts, -1, ?, ?, '…', {SNIPPET_TOKENS}) as snippet,
              bm25(documents_fts, {TITLE_WEIGHT}, 1.0) as rank
              from documents_fts join documents d on d.id = documents_fts.rowid {BEST_COPY_JOIN}
              where documents_fts match ? and {where} order by rank, d.id limit ?"""
    return selection.db.query(sql, [*marks, match, *params, limit])


def scanned_documents(selection: Selection, first_term: str, where: str, params: list[Any], limit: int) -> Iterable[dict[str, Any]]:
    """Documents matching ``where`` (LIKE terms), those with ``first_term`` in the title first, with their text."""
    sql = f"""select {HIT_FIELDS}, d.text from {selection.document_from()} where {where}
              order by (d.title like ? escape '\\') desc, d.id limit ?"""
    return selection.db.query(sql, [*params, like_substring(first_term), limit])


# the store's read side ----------------------------------------------------------------------


class Queries:
    """Counts, canonical documents and dedup groups, read from the store."""

    db: Database

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

    def counts_by_site(self) -> dict[str, dict[str, int]]:
        """Pages and distinct documents per site."""
        sql = """select pages.site, count(distinct pages.id) as pages, count(distinct copies.document_id) as documents
                 from pages left join copies on copies.page_id = pages.id group by pages.site order by pages.site"""
        return {row["site"]: {"pages": row["pages"], "documents": row["documents"]} for row in self.db.query(sql)}

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

    def document_states(self, fields: Iterable[str]) -> dict[int, str | None]:
        """Each document's id → a hash of its ``fields`` (None when it has no copy left)."""
        columns = ", ".join(f"[{name}]" for name in fields)
        states = {}
        for row in self.db.execute(f"select id, best_copy_id, {columns} from documents"):
            states[row[0]] = None if row[1] is None else hashlib.sha1(json.dumps(row[2:], default=str).encode()).hexdigest()
        return states
