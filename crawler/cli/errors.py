"""What the command line does with a failure: one line on stderr and a documented exit code.

    1  user error: a bad value, a missing or foreign file, an unwritable path (click's own)
    2  usage: an unknown option, a missing argument (click's own)
    3-6  crawl outcomes (crawler/store/health.py)
    7  environment failure: disk full or failing, a damaged database, a database of a newer
       schema, the network down (`govcrawl check`)

`FrontDoor` is the click group class: every exception that is one of these is turned into
its line here, so no command prints a traceback for them.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from typing import Any

import click

from crawler.config import ConfigError
from crawler.sites import UnknownSite
from crawler.store.opening import (
    DatabaseDamaged,
    NoDatabase,
    NotADatabase,
    OldSchema,
    SchemaTooNew,
    StorageFailure,
    explain,
)

ENVIRONMENT_EXIT = 7
DB_KEY = "govcrawl.db"
"""Where ``--db`` leaves the database path in the click context's ``meta``, for the messages."""


class EnvironmentFailure(click.ClickException):
    """A failure of the machine, not of the user's input: exit 7."""

    exit_code = ENVIRONMENT_EXIT


def one_line(problem: BaseException, db: Any = None) -> click.ClickException | None:
    """The click exception (its message, its exit code) for ``problem``, or None to let it through."""
    if isinstance(problem, (SchemaTooNew, DatabaseDamaged, StorageFailure)):
        return EnvironmentFailure(str(problem))
    if isinstance(problem, (UnknownSite, ConfigError, NoDatabase, NotADatabase, OldSchema)):
        return click.ClickException(str(problem))
    if isinstance(problem, (sqlite3.DatabaseError, OSError)):
        explained = explain(problem, db or "the database")
        if explained is not None:
            return EnvironmentFailure(str(explained))
        if isinstance(problem, OSError):
            where = problem.filename or db or "a file"
            return click.ClickException(f"cannot write or read {where}: {problem.strerror or problem}")
        return EnvironmentFailure(f"database {db}: {problem}")
    return None


class FrontDoor(click.Group):
    """The govcrawl group: known failures of any command become one line and their exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as problem:  # noqa: BLE001 - only what one_line knows is translated
            translated = one_line(problem, ctx.meta.get(DB_KEY))
            if translated is None:
                raise
            raise translated from None


def printable(text: str | None) -> str:
    """``text`` without control characters (ESC, BEL …): a title never drives the terminal."""
    if not text:
        return ""
    return "".join(" " if ch in "\t\n\r" else "" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)
