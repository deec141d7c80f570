"""Opening a database safely: what may be opened read-only or migrated, and SQLite's failures
turned into one sentence a user can act on.

- A read-only command opens an existing govcrawl database read-only: it never creates a file,
  a schema or a migration (`NoDatabase`, `NotADatabase`, `OldSchema`).
- No command touches a database of a newer schema than this code knows (`SchemaTooNew`).
- SQLite's corruption errors become `DatabaseDamaged`, naming the ``.recover`` command; a full
  disk or a failing device becomes `StorageFailure`.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from crawler import __version__

T = TypeVar("T")

DAMAGE_MARKS = ("malformed", "not a database", "could not decode", "file is encrypted", "database corrupt")
STORAGE_MARKS = ("disk is full", "disk i/o error", "readonly database", "unable to open database")
STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS})


class NoDatabase(ValueError):
    """A read-only command given a path where no database is."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"no database at {path}; run `govcrawl crawl` or `govcrawl demo` first, or give --db / GOVCRAWL_DB")


class NotADatabase(ValueError):
    """A file that is no govcrawl database (empty, or another program's SQLite file)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"cannot open database {path}: it is not a govcrawl database (no govcrawl tables in it); left untouched")


class OldSchema(ValueError):
    """A database of an older schema, opened by a read-only command (which may not migrate it)."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path} has schema version {found}, older than this govcrawl's {known}; a writing command "
            f"(govcrawl crawl, ingest or reprocess) migrates it"
        )


class SchemaTooNew(Exception):
    """A database written by a newer govcrawl: opening it with this one could damage it."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path} has schema version {found}, newer than {known}, the newest this govcrawl "
            f"({__version__}) knows; upgrade govcrawl to open it (nothing was changed)"
        )


class DatabaseDamaged(Exception):
    """SQLite reports the file as corrupt."""

    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(
            f"database {path} is damaged ({detail}); recover what is left with: "
            f'sqlite3 {path} ".recover" | sqlite3 recovered.db'
        )


class StorageFailure(Exception):
    """The disk under the database or an export is full, read-only or failing."""

    def __init__(self, where: Path | str, detail: str) -> None:
        super().__init__(f"cannot write {where}: {detail} (free some space or check the disk, then run the command again)")


def check_version(path: Path, found: int, known: int, writing: bool) -> None:
    """Refuse a newer schema always, and an older one when only reading."""
    if found > known:
        raise SchemaTooNew(path, found, known)
    if found < known and not writing:
        raise OldSchema(path, found, known)


def explain(problem: BaseException, path: Path | str) -> Exception | None:
    """`DatabaseDamaged` or `StorageFailure` for a SQLite or OS error that is one, else None."""
    message = str(problem)
    lowered = message.lower()
    if isinstance(problem, sqlite3.DatabaseError) and any(mark in lowered for mark in DAMAGE_MARKS):
        return DatabaseDamaged(path, message.split(" with text ")[0])
    if isinstance(problem, sqlite3.DatabaseError) and any(mark in lowered for mark in STORAGE_MARKS):
        return StorageFailure(path, message)
    if isinstance(problem, OSError) and problem.errno in STORAGE_ERRNOS:
        return StorageFailure(problem.filename or path, problem.strerror or message)
    return None


SQLITE_HEADER = b"SQLite format 3\x00"


def refuse_foreign_file(path: Path) -> None:
    """`NotADatabase` for a non-empty file that is no SQLite database at all (notes, a CSV …).

    Call it only once SQLite said "file is not a database": opening and closing the file here
    drops the POSIX locks every SQLite connection of this process holds on it, and another
    process may then delete the WAL under them (a database so corrupted was seen with
    ``crawl --jobs``). `first_read` does that."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    if head and head != SQLITE_HEADER:
        raise NotADatabase(path)


def first_read(path: Path, read: Callable[[], T]) -> T:
    """The first read of a freshly opened database; `NotADatabase` when the file is not SQLite's."""
    try:
        return read()
    except sqlite3.DatabaseError as problem:
        if "not a database" in str(problem):
            refuse_foreign_file(path)
        raise


def has_govcrawl_tables(connection: sqlite3.Connection) -> bool:
    """Whether the file holds govcrawl's tables (an empty file, or another program's, does not)."""
    names = {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
    return {"documents", "pages", "runs"} <= names
