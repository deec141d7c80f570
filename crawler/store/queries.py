"""Which documents or copies a user asked for: filters → SQL over the store, streamed row by row.

Shared by `govcrawl export` and `govcrawl search`. Columns are read by name, so fields that
later migrations add to ``documents`` or ``copies`` flow through to every export unchanged.

Aliases in the SQL: ``d`` the document, ``b`` its best copy, ``bp`` the best copy's page;
for copy rows ``c`` the copy and ``p`` its page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

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

    def __init__(self, db: Database, filters: Filters | None = None) -> None:
        self.db = db
        self.filters = filters or Filters()
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
        """``alias.[name]`` for every column that is not binary."""
        return [f"{alias}.[{name}]" for name in names if name not in self.binary_columns]

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
