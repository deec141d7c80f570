"""How a crawl run went: its status against the site's earlier runs, its outcome columns, and
the exit code a scheduler (cron, systemd) can act on."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Exit codes of ``govcrawl crawl`` (1 and 2 stay click's: user error, misuse)."""

    OK = 0
    """Every site finished."""
    FAILED = 3
    """A site's crawl failed: it stopped early, or stored nothing but errors."""
    BLOCKED = 4
    """A site answered every page with an anti-bot challenge."""
    EMPTY = 5
    """A site that yielded documents before yielded no report page this time (health check)."""
    LOCKED = 6
    """A site was already being crawled into the same database by another process."""


SEVERITY = (ExitCode.FAILED, ExitCode.BLOCKED, ExitCode.EMPTY, ExitCode.LOCKED)
"""When sites end differently, the exit code is the first of these that any site ended with."""
STATUS_EXIT = {
    "finished": ExitCode.OK, "failed": ExitCode.FAILED, "interrupted": ExitCode.FAILED,
    "running": ExitCode.FAILED, "blocked": ExitCode.BLOCKED, "empty": ExitCode.EMPTY, "locked": ExitCode.LOCKED,
    "deferred": ExitCode.OK,  # the site asked to wait (Retry-After): its next scheduled run resumes it
}
"""The exit code of each run status."""


def error_count(stats: dict[str, Any]) -> int:
    """A run's errors, the one count the summary, the progress board and `govcrawl runs` show:
    pages that failed to fetch (``govcrawl/errors``) and errors logged (``log_count/ERROR``)."""
    return int(stats.get("govcrawl/errors", 0)) + int(stats.get("log_count/ERROR", 0))


def report_pages_seen(stats: dict[str, Any]) -> int:
    """Evidence that the site still shows reports: report links on its list pages, report pages
    stored, pages answered 304 Not Modified, and pages an interrupted run had already done."""
    keys = ("govcrawl/links/report", "govcrawl/pages/stored", "downloader/response_status_count/304",
            "govcrawl/frontier/resumed_done")
    return sum(int(stats.get(key, 0)) for key in keys)


def is_empty(stats: dict[str, Any], earlier_documents: int) -> bool:
    """The health check: the site had documents from earlier runs, and this run saw no report page."""
    return earlier_documents > 0 and report_pages_seen(stats) == 0


def run_status(stats: dict[str, Any], reason: str, had_documents: bool = False) -> str:
    """``finished``; ``blocked`` when anti-bot walls kept every page away; ``failed`` when the
    crawl stopped early or stored nothing but errors; ``empty`` when a site that ``had_documents``
    from earlier runs showed no report page (`is_empty`); ``deferred`` when the site asked for a
    longer wait than a run may spend (crawler/crawl/politeness.py): the next run goes on."""
    if reason == "deferred":
        return "deferred"
    if reason != "finished":
        return "failed"
    stored = stats.get("govcrawl/pages/stored", 0)
    if stored == 0 and stats.get("govcrawl/blocked", 0):
        return "blocked"
    failures = error_count(stats)
    # An incremental run stores nothing when nothing changed: stored reports it skipped count too,
    # and so does what the interrupted run it resumed had done (it may leave only a dead link).
    current = stored + sum(stats.get(key, 0) for key in (
        "govcrawl/links/known", "govcrawl/pages/not_modified", "govcrawl/frontier/resumed_done"))
    if current == 0 and failures:
        return "failed"
    return "empty" if is_empty(stats, int(had_documents)) else "finished"


def exit_code(statuses: list[str]) -> ExitCode:
    """The exit code of a crawl whose sites ended with these run statuses."""
    codes = {STATUS_EXIT.get(status, ExitCode.FAILED) for status in statuses}
    return next((code for code in SEVERITY if code in codes), ExitCode.OK)


def _stat(key: str) -> Callable[[dict[str, Any], str], int]:
    return lambda stats, status: int(stats.get(key, 0))


def _by_status(stats: dict[str, Any], status: str) -> str:
    """Responses by HTTP status, as JSON: ``{"200": 24, "404": 1}``."""
    return json.dumps({key[len(_STATUS_COUNT):]: value for key, value in sorted(stats.items()) if key.startswith(_STATUS_COUNT)})


def _not_modified(stats: dict[str, Any], status: str) -> int:
    return max(int(stats.get(_STATUS_COUNT + "304", 0)), int(stats.get("govcrawl/pages/not_modified", 0)))


_STATUS_COUNT = "downloader/response_status_count/"
RUN_COLUMNS: dict[str, Callable[[dict[str, Any], str], int | str]] = {
    "responses": _stat("response_received_count"), "pages_by_status": _by_status,
    "bytes": _stat("downloader/response_bytes"), "not_modified": _not_modified,
    "pages_stored": _stat("govcrawl/pages/stored"), "documents_new": _stat("govcrawl/documents/new"),
    "documents_updated": _stat("govcrawl/documents/updated"),
    "documents_duplicate": _stat("govcrawl/documents/duplicate"),
    "documents_unchanged": _stat("govcrawl/documents/unchanged"), "blocked": _stat("govcrawl/blocked"),
    "errors": lambda stats, status: error_count(stats), "resumed": _stat("govcrawl/frontier/resumed"),
    "exit_code": lambda stats, status: int(STATUS_EXIT.get(status, ExitCode.FAILED)),
}
"""The columns of ``runs`` holding a run's outcome, in order, each with how its value comes from
the run's stats and status: the one definition (the frozen migration m004 keeps its own literal copy)."""


def run_columns(stats: dict[str, Any], status: str) -> dict[str, int | str]:
    """The ``runs`` outcome columns (`RUN_COLUMNS`) of a run with these stats."""
    return {column: value(stats, status) for column, value in RUN_COLUMNS.items()}


EXIT_EXPLAINED = {
    ExitCode.FAILED: "a site failed", ExitCode.BLOCKED: "a site was blocked by an anti-bot wall",
    ExitCode.EMPTY: "a site yielded no report page where earlier runs yielded documents",
    ExitCode.LOCKED: "a site was already being crawled by another process",
}
"""One line per non-zero exit code, for the crawl's last line on stderr."""
