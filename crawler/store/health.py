"""How a crawl run went: its status against the site's earlier runs, its outcome columns, and
the exit code a scheduler (cron, systemd) can act on."""

from __future__ import annotations

import json
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


def run_columns(stats: dict[str, Any], status: str) -> dict[str, Any]:
    """The ``runs`` outcome columns (``crawler.store.rows.RUN_COLUMNS``) of a run with these stats."""
    get = lambda key: int(stats.get(key, 0))  # noqa: E731
    prefix = "downloader/response_status_count/"
    by_status = {key[len(prefix):]: value for key, value in sorted(stats.items()) if key.startswith(prefix)}
    return {
        "responses": get("response_received_count"), "pages_by_status": json.dumps(by_status),
        "bytes": get("downloader/response_bytes"), "not_modified": max(get(prefix + "304"), get("govcrawl/pages/not_modified")),
        "pages_stored": get("govcrawl/pages/stored"), "documents_new": get("govcrawl/documents/new"),
        "documents_updated": get("govcrawl/documents/updated"),
        "documents_duplicate": get("govcrawl/documents/duplicate"),
        "documents_unchanged": get("govcrawl/documents/unchanged"), "blocked": get("govcrawl/blocked"),
        "errors": error_count(stats), "resumed": get("govcrawl/frontier/resumed"),
        "exit_code": int(STATUS_EXIT.get(status, ExitCode.FAILED)),
    }


EXIT_EXPLAINED = {
    ExitCode.FAILED: "a site failed", ExitCode.BLOCKED: "a site was blocked by an anti-bot wall",
    ExitCode.EMPTY: "a site yielded no report page where earlier runs yielded documents",
    ExitCode.LOCKED: "a site was already being crawled by another process",
}
"""One line per non-zero exit code, for the crawl's last line on stderr."""
