"""Clean text out of the store as a txt tree, JSON Lines, CSV or Parquet, streamed and atomic.

Every writer reads rows from a cursor (memory stays flat however large the corpus) and
writes under a temporary name next to its target, renamed into place only when complete:
an interrupted export leaves the previous export as it was and no temporary file behind.

Layouts (``--out PATH``):

- ``txt``: PATH is a directory, ``<region_code>-<region>/<year>/<title>.txt`` (``未知地区``,
  ``未知年份`` when unknown; the code keeps the 鼓楼区 of 福州 and of 南京 apart;
  ``<title>-<id>.txt`` when the name is taken) plus ``manifest.csv`` and ``manifest.json``. The whole tree is
  built in a sibling staging directory and swapped in, so PATH must be new, empty or an
  earlier txt export (it holds ``manifest.csv``): nothing else in it would survive.
- ``jsonl``: one object per document with every field and ``sources`` (its copies).
- ``csv`` / ``parquet``: every field of the documents in PATH, their copies (provenance,
  without the copies' text) in ``PATH`` with ``.copies`` before the suffix
  (``reports.csv`` → ``reports.copies.csv``). When PATH is a directory (it exists, or is
  given with a trailing ``/``: it is created) the files are ``documents.<fmt>`` and
  ``copies.<fmt>`` inside it. CSV is UTF-8 with a BOM, so spreadsheet programs read the
  Chinese correctly. Parquet columns are typed (crawler/tools/parquet.py).
- PATH ``-``: jsonl or csv of the documents (or copies) on standard output, no companion
  file and no manifest.

Every export to files gets a manifest (crawler/tools/manifest.py): ``<PATH>.manifest.json``,
``manifest.json`` inside a directory. Dedup's internal columns (crawler/tools/columns.py)
are left out unless ``all_columns``.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlite_utils import Database

from crawler.store.queries import Filters, Rows, Selection
from crawler.store.versions import STAGE_VERSIONS
from crawler.tools.columns import INTERNAL
from crawler.tools.filenames import name_key, safe_name
from crawler.tools.manifest import Manifest, manifest_path

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
STDOUT = "-"


class ExportError(ValueError):
    """An export that cannot be written where the user asked."""


@dataclass
class Target:
    """Where an export goes: ``path`` (a file, or a directory when ``directory``), or standard output."""

    path: Path
    directory: bool = False
    stream: TextIO | None = None
    """Standard output, for ``--out -``."""


@dataclass
class ExportResult:
    """Rows written, the files (or directory) they went to, and the manifest."""

    rows: int = 0
    paths: list[Path] = field(default_factory=list)
    file_rows: dict[Path, int] = field(default_factory=dict)
    """Rows in each written file (the companion copies file counts copies)."""
    manifest: Path | None = None


def export(
    db: Database, fmt: str, out: Path | Target, filters: Filters | None = None, all_copies: bool = False,
    progress: TextIO | None = None, all_columns: bool = False,
) -> ExportResult:
    """Write the selected documents (or every copy) to ``out`` in format ``fmt``, with a manifest."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    target = out if isinstance(out, Target) else Target(out)
    if target.stream is None:
        target.path = Path(os.path.abspath(target.path))
    elif fmt not in ("jsonl", "csv"):
        raise ExportError(f"--out - writes jsonl or csv to standard output, not {fmt}")
    selection = Selection(db, filters, omit=frozenset() if all_columns else INTERNAL)
    total = (selection.count_copies() if all_copies else selection.count_documents()) if progress else 0
    ticker = Ticker(total, progress)
    manifest = new_manifest(db, fmt, filters or Filters(), all_copies, all_columns)
    writer = {"txt": write_txt, "jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}[fmt]
    try:
        result = writer(selection, target, all_copies, ticker.tick, manifest)
    finally:
        ticker.close()
    if target.stream is None and fmt != "txt":
        result.manifest = write_manifest(manifest, result, target, "copies" if all_copies else "documents")
    return result


def new_manifest(db: Database, fmt: str, filters: Filters, all_copies: bool, all_columns: bool) -> Manifest:
    """The manifest of an export from ``db``, before any file is written."""
    path = next(row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main")
    return Manifest(
        format=fmt, versions=STAGE_VERSIONS.columns(),
        database={"path": path, "schema_version": db.execute("PRAGMA user_version").fetchone()[0]},
        filters={**asdict(filters), "all_copies": all_copies, "all_columns": all_columns},
    )


def write_manifest(manifest: Manifest, result: ExportResult, target: Target, counted: str) -> Path:
    """Record the finished files (checksums, rows) and write the manifest atomically beside them."""
    root = target.path if target.directory else target.path.parent
    manifest.rows = {counted: result.rows}
    for path in result.paths:
        manifest.add_file(path, root, result.file_rows.get(path))
    if not target.directory and len(result.paths) > 1:
        manifest.rows["copies"] = result.file_rows[result.paths[1]]
    final = manifest_path(target.path) if target.directory else target.path.with_name(target.path.name + ".manifest.json")
    with atomic_files([final]) as [temporary]:
        temporary.write_text(manifest.as_json(), encoding="utf-8")
    return final


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


def region_folder(row: dict[str, Any]) -> str:
    """``330302-鹿城区``: the code keeps same-named districts of different cities apart."""
    region, code = row.get("region"), row.get("region_code")
    if not region:
        return UNKNOWN_REGION
    return safe_name(f"{code}-{region}" if code else region, UNKNOWN_REGION)


def txt_path(row: dict[str, Any], row_id: int, registry: NameRegistry) -> str:
    """``region_code-region/year/title.txt`` for the row, suffixed with its id when that name is taken."""
    year = row.get("year")
    folder = f"{region_folder(row)}/{safe_name(str(year) if year else None, UNKNOWN_YEAR)}"
    stem = safe_name(row.get("title") or row.get("title_as_seen"), UNTITLED)
    further = (f"{folder}/{stem}-{row_id}-{n}.txt" for n in range(2, 1000))
    for candidate in itertools.chain([f"{folder}/{stem}.txt", f"{folder}/{stem}-{row_id}.txt"], further):
        if registry.claim(candidate):
            return candidate
    raise ExportError(f"no free file name for {row_id} in {folder}")


def write_txt(selection: Selection, target: Target, all_copies: bool, tick: Callable[[], None], manifest: Manifest) -> ExportResult:
    """One UTF-8 text file per row under region/year folders, ``manifest.csv`` and ``manifest.json``."""
    rows = selection.copies() if all_copies else selection.documents()
    out = target.path
    result = ExportResult(paths=[out])
    registry = NameRegistry()
    try:
        with atomic_directory(out) as staging:
            with open(staging / MANIFEST, "w", encoding="utf-8-sig", newline="") as fh:
                listing = csv.DictWriter(fh, MANIFEST_FIELDS)
                listing.writeheader()
                for row in rows:
                    entry = manifest_entry(selection, row, all_copies)
                    entry["file"] = txt_path(row, row["id"], registry)
                    path = staging / entry["file"]
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(row["text"] + "\n", encoding="utf-8", newline="")
                    manifest.add_file(path, staging, 1)
                    listing.writerow(entry)
                    result.rows += 1
                    tick()
            manifest.add_file(staging / MANIFEST, staging, result.rows)
            manifest.rows = {"copies" if all_copies else "documents": result.rows}
            (staging / "manifest.json").write_text(manifest.as_json(), encoding="utf-8")
    finally:
        registry.close()
    result.manifest = out / "manifest.json"
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


def _target(target: Target, all_copies: bool, fmt: str) -> tuple[Path, Path | None]:
    """Main file and companion copies file (None for ``all_copies``) of an export to ``target``."""
    out, directory = target.path, target.directory or target.path.is_dir()
    if all_copies:
        return (out / f"copies.{fmt}" if directory else out), None
    if directory:
        return out / f"documents.{fmt}", out / f"copies.{fmt}"
    return out, out.with_name(f"{out.stem}.copies{out.suffix or '.' + fmt}")


@contextmanager
def opened(target: Target, path: Path, encoding: str, newline: str) -> Iterator[TextIO]:
    """A text stream to ``path`` written atomically, or standard output for ``--out -``."""
    if target.stream is not None:
        yield target.stream
        target.stream.flush()
        return
    with atomic_files([path]) as [temporary], open(temporary, "w", encoding=encoding, newline=newline) as fh:
        yield fh


def write_jsonl(selection: Selection, target: Target, all_copies: bool, tick: Callable[[], None], manifest: Manifest) -> ExportResult:
    """One JSON object per line: a document with every field and its ``sources``, or a copy."""
    path, _ = _target(target, all_copies, "jsonl")
    rows = selection.copies() if all_copies else selection.documents()
    result = ExportResult(paths=[] if target.stream else [path])
    with opened(target, path, "utf-8", "\n") as fh:
        for row in rows:
            if not all_copies:
                row["sources"] = [_booleans(source) for source in selection.sources(row["id"])]
            fh.write(json.dumps(_booleans(row), ensure_ascii=False) + "\n")
            result.rows += 1
            tick()
    result.file_rows[path] = result.rows
    return result


# csv -----------------------------------------------------------------------------------------


def tables(selection: Selection, target: Target, all_copies: bool, fmt: str) -> list[tuple[Path, Rows, bool]]:
    """(file, rows, counts as exported rows) for the main file and its companion copies file."""
    main, companion = _target(target, all_copies, fmt)
    if all_copies or companion is None:
        return [(main, selection.copies(), True)]
    if target.stream is not None:
        return [(main, selection.documents(), True)]
    return [(main, selection.documents(), True), (companion, selection.copies_of_documents(), False)]


def write_csv(selection: Selection, target: Target, all_copies: bool, tick: Callable[[], None], manifest: Manifest) -> ExportResult:
    """Documents (or copies) in one CSV file, their copies in a companion file."""
    chosen = tables(selection, target, all_copies, "csv")
    result = ExportResult(paths=[] if target.stream else [path for path, _, _ in chosen])
    for path, rows, counted in chosen:
        with opened(target, path, "utf-8-sig", "") as fh:
            if target.stream is not None:
                fh.write("\ufeff")
            writer = csv.writer(fh)
            writer.writerow(rows.names)
            written = 0
            for row in rows:
                writer.writerow(row.values())
                written += 1
                if counted:
                    tick()
        result.file_rows[path] = written
        result.rows += written if counted else 0
    return result


def write_parquet(selection: Selection, target: Target, all_copies: bool, tick: Callable[[], None], manifest: Manifest) -> ExportResult:
    """Documents (or copies) in one typed Parquet file, their copies in a companion file."""
    from crawler.tools.parquet import write_table

    chosen = tables(selection, target, all_copies, "parquet")
    result = ExportResult(paths=[path for path, _, _ in chosen])
    with atomic_files([path for path, _, _ in chosen]) as temporaries:
        for temporary, (path, rows, counted) in zip(temporaries, chosen, strict=True):
            counted_as = ("copies" if all_copies else "documents") if counted else None
            written = write_table(temporary, rows, tick if counted else None, manifest, counted_as)
            result.file_rows[path] = written
            result.rows += written if counted else 0
    return result


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

