"""Clean text out of the store as a txt tree, JSON Lines, CSV or Parquet, streamed and atomic.

Every writer reads rows from a cursor (memory stays flat however large the corpus) and
writes under a temporary name next to its target, renamed into place only when complete:
an interrupted export leaves the previous export as it was and no temporary file behind.

Layouts (``--out PATH``):

- ``txt``: PATH is a directory, ``<region or 未知地区>/<year or 未知年份>/<title>.txt``
  (``<title>-<id>.txt`` when the name is taken) plus ``manifest.csv``. The whole tree is
  built in a sibling staging directory and swapped in, so PATH must be new, empty or an
  earlier txt export (it holds ``manifest.csv``): nothing else in it would survive.
- ``jsonl``: one object per document with every field and ``sources`` (its copies).
- ``csv`` / ``parquet``: every field of the documents in PATH, their copies (provenance,
  without the copies' text) in ``PATH`` with ``.copies`` before the suffix
  (``reports.csv`` → ``reports.copies.csv``). When PATH is an existing directory the files
  are ``documents.<fmt>`` and ``copies.<fmt>`` inside it. CSV is UTF-8 with a BOM, so
  spreadsheet programs read the Chinese correctly.

With ``all_copies`` every copy is a row (its own text and report fields, page
url/site/fetched_at), there is no companion file, and the txt manifest names
copy ids.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlite_utils import Database

from crawler.store.queries import Filters, Rows, Selection
from crawler.tools.extras import require
from crawler.tools.filenames import name_key, safe_name

FORMATS = ("txt", "jsonl", "csv", "parquet")
UNKNOWN_REGION = "未知地区"
UNKNOWN_YEAR = "未知年份"
UNTITLED = "无标题"
MANIFEST = "manifest.csv"
MANIFEST_FIELDS = (
    "file", "document_id", "copy_id", "title", "region", "region_code", "year", "level",
    "published_on", "truncated", "url", "sources",
)
BOOLEAN_FIELDS = ("truncated",)
PARQUET_BATCH = 256
"""Rows per Parquet row group: 256 reports of ~30,000 characters is ~25 MB in memory."""


class ExportError(ValueError):
    """An export that cannot be written where the user asked."""


@dataclass
class ExportResult:
    """Rows written and the files (or directory) they went to."""

    rows: int = 0
    paths: list[Path] = field(default_factory=list)


def export(
    db: Database, fmt: str, out: Path, filters: Filters | None = None, all_copies: bool = False,
    progress: TextIO | None = None,
) -> ExportResult:
    """Write the selected documents (or every copy) to ``out`` in format ``fmt``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    selection = Selection(db, filters)
    total = (selection.count_copies() if all_copies else selection.count_documents()) if progress else 0
    ticker = Ticker(total, progress)
    writer = {"txt": write_txt, "jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}[fmt]
    try:
        result = writer(selection, Path(os.path.abspath(out)), all_copies, ticker.tick)
    finally:
        ticker.close()
    return result


# atomic writes -------------------------------------------------------------------------------


def _temporary_sibling(final: Path, kind: str) -> Path:
    return final.parent / f".{final.name}.{os.getpid()}-{secrets.token_hex(4)}.{kind}"


@contextmanager
def atomic_files(finals: list[Path]) -> Iterator[list[Path]]:
    """A temporary next to each file, all renamed into place only when the block completes,
    else removed."""
    temporaries = [_temporary_sibling(final, "tmp") for final in finals]
    for final in finals:
        final.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield temporaries
    except BaseException:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, final in zip(temporaries, finals, strict=True):
        os.replace(temporary, final)


@contextmanager
def atomic_directory(final: Path) -> Iterator[Path]:
    """A staging directory next to ``final``, swapped in for it if the block completes."""
    if final.exists() and (not final.is_dir() or (any(final.iterdir()) and not (final / MANIFEST).exists())):
        raise ExportError(f"{final} exists and is not a govcrawl txt export (no {MANIFEST}); choose a new or empty directory")
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = _temporary_sibling(final, "tmp")
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = _temporary_sibling(final, "old")
    if final.exists():
        os.replace(final, previous)
    os.replace(staging, final)
    shutil.rmtree(previous, ignore_errors=True)


# txt -----------------------------------------------------------------------------------------


class NameRegistry:
    """File names taken so far in one export, in a temporary on-disk SQLite table (flat memory)."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect("")  # "" = a private temporary database on disk
        self.conn.execute("create table taken (key text primary key)")

    def claim(self, relative_path: str) -> bool:
        """Take the name; False when it (or a name equal on case-insensitive systems) is taken."""
        return self.conn.execute("insert or ignore into taken values (?)", [name_key(relative_path)]).rowcount == 1

    def close(self) -> None:
        self.conn.close()


def txt_path(row: dict[str, Any], row_id: int, registry: NameRegistry) -> str:
    """``region/year/title.txt`` for the row, suffixed with its id when that name is taken."""
    year = row.get("year")
    folder = f"{safe_name(row.get('region'), UNKNOWN_REGION)}/{safe_name(str(year) if year else None, UNKNOWN_YEAR)}"
    stem = safe_name(row.get("title") or row.get("title_as_seen"), UNTITLED)
    further = (f"{folder}/{stem}-{row_id}-{n}.txt" for n in range(2, 1000))
    for candidate in itertools.chain([f"{folder}/{stem}.txt", f"{folder}/{stem}-{row_id}.txt"], further):
        if registry.claim(candidate):
            return candidate
    raise ExportError(f"no free file name for {row_id} in {folder}")


def write_txt(selection: Selection, out: Path, all_copies: bool, tick: Callable[[], None]) -> ExportResult:
    """One UTF-8 text file per row under region/year folders, and ``manifest.csv``."""
    rows = selection.copies() if all_copies else selection.documents()
    result = ExportResult(paths=[out])
    registry = NameRegistry()
    try:
        with atomic_directory(out) as staging, open(staging / MANIFEST, "w", encoding="utf-8-sig", newline="") as fh:
            manifest = csv.DictWriter(fh, MANIFEST_FIELDS)
            manifest.writeheader()
            for row in rows:
                entry = manifest_entry(selection, row, all_copies)
                entry["file"] = txt_path(row, row["id"], registry)
                path = staging / entry["file"]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(row["text"] + "\n", encoding="utf-8", newline="")
                manifest.writerow(entry)
                result.rows += 1
                tick()
    finally:
        registry.close()
    return result


def manifest_entry(selection: Selection, row: dict[str, Any], all_copies: bool) -> dict[str, Any]:
    """The manifest line of a document (its copies' urls as sources) or of one copy."""
    if all_copies:
        ids = {"document_id": row["document_id"], "copy_id": row["id"], "title": row["title_as_seen"]}
        sources = row["url"]
    else:
        ids = {"document_id": row["id"], "copy_id": row["best_copy_id"], "title": row["title"]}
        sources = " ".join(source["url"] for source in selection.sources(row["id"]))
    kept = {name: row.get(name) for name in MANIFEST_FIELDS if name not in ids and name != "file"}
    return {**kept, **ids, "sources": sources}


# jsonl ---------------------------------------------------------------------------------------


def _booleans(row: dict[str, Any]) -> dict[str, Any]:
    for name in BOOLEAN_FIELDS:
        if row.get(name) is not None:
            row[name] = bool(row[name])
    return row


def _target(out: Path, all_copies: bool, fmt: str) -> tuple[Path, Path | None]:
    """Main file and companion copies file (None for ``all_copies``) for ``out``."""
    if all_copies:
        return (out / f"copies.{fmt}" if out.is_dir() else out), None
    if out.is_dir():
        return out / f"documents.{fmt}", out / f"copies.{fmt}"
    return out, out.with_name(f"{out.stem}.copies{out.suffix or '.' + fmt}")


def write_jsonl(selection: Selection, out: Path, all_copies: bool, tick: Callable[[], None]) -> ExportResult:
    """One JSON object per line: a document with every field and its ``sources``, or a copy."""
    target, _ = _target(out, all_copies, "jsonl")
    rows = selection.copies() if all_copies else selection.documents()
    result = ExportResult(paths=[target])
    with atomic_files([target]) as [temporary], open(temporary, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            if not all_copies:
                row["sources"] = [_booleans(source) for source in selection.sources(row["id"])]
            fh.write(json.dumps(_booleans(row), ensure_ascii=False) + "\n")
            result.rows += 1
            tick()
    return result


# csv / parquet -------------------------------------------------------------------------------


def _tables(selection: Selection, out: Path, all_copies: bool, fmt: str) -> list[tuple[Path, Rows, bool]]:
    """(file, rows, counts as exported rows) for the main file and its companion copies file."""
    main, companion = _target(out, all_copies, fmt)
    if all_copies or companion is None:
        return [(main, selection.copies(), True)]
    return [(main, selection.documents(), True), (companion, selection.copies_of_documents(), False)]


def write_csv(selection: Selection, out: Path, all_copies: bool, tick: Callable[[], None]) -> ExportResult:
    """Documents (or copies) in one CSV file, their copies in a companion file."""
    tables = _tables(selection, out, all_copies, "csv")
    result = ExportResult(paths=[path for path, _, _ in tables])
    with atomic_files([path for path, _, _ in tables]) as temporaries:
        for temporary, (_, rows, counted) in zip(temporaries, tables, strict=True):
            with open(temporary, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(rows.names)
                for row in rows:
                    writer.writerow(row.values())
                    if counted:
                        result.rows += 1
                        tick()
    return result


def write_parquet(selection: Selection, out: Path, all_copies: bool, tick: Callable[[], None]) -> ExportResult:
    """Documents (or copies) in one Parquet file, their copies in a companion file."""
    pa = require("pyarrow", "parquet")
    parquet = require("pyarrow.parquet", "parquet")
    types = declared_types(selection.db)
    tables = _tables(selection, out, all_copies, "parquet")
    result = ExportResult(paths=[path for path, _, _ in tables])
    with atomic_files([path for path, _, _ in tables]) as temporaries:
        for temporary, (_, rows, counted) in zip(temporaries, tables, strict=True):
            schema = pa.schema([(name, arrow_type(pa, types.get(name, "TEXT"))) for name in rows.names])
            with parquet.ParquetWriter(temporary, schema) as writer:
                for batch in batched(rows, PARQUET_BATCH):
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    if counted:
                        result.rows += len(batch)
                        for _ in batch:
                            tick()
    return result


def declared_types(db: Database) -> dict[str, str]:
    """Declared SQLite type of every column name of pages, copies and documents."""
    return {c.name: c.type.upper() for table in ("pages", "copies", "documents") for c in db.table(table).columns}


def arrow_type(pa: Any, declared: str) -> Any:
    """Arrow type for a declared SQLite column type."""
    if "INT" in declared:
        return pa.int64()
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return pa.float64()
    return pa.binary() if "BLOB" in declared else pa.string()


def batched(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Lists of at most ``size`` rows."""
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# progress ------------------------------------------------------------------------------------


class Ticker:
    """A progress line (rows of total, rows/s) rewritten at most twice a second; silent without a stream."""

    def __init__(self, total: int, stream: TextIO | None, every: float = 0.5) -> None:
        self.total, self.stream, self.every = total, stream, every
        self.done = 0
        self.started = self.shown = time.monotonic()

    def tick(self) -> None:
        self.done += 1
        if self.stream is not None and time.monotonic() - self.shown >= self.every:
            self.show()

    def show(self) -> None:
        if self.stream is None:
            return
        self.shown = time.monotonic()
        rate = self.done / max(self.shown - self.started, 1e-6)
        self.stream.write(f"\r\033[Kexported {self.done}/{self.total}  {rate:.0f} rows/s")
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None:
            self.stream.write("\r\033[K")
            self.stream.flush()

