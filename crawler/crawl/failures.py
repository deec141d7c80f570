"""A crawl that fills the disk (or finds its database damaged) stops at once, with one line.

Scrapy catches what a pipeline, middleware or signal handler raises and logs it with its
traceback, then goes on: a full disk gave one traceback per page and a run left ``running``.
`EnvironmentGuard` sits on the log handlers while the crawl runs: the first record carrying a
storage failure or a damaged database (crawler/store/opening.py) stops every crawler, that
record and the ones after it are kept off the terminal, and the crawl raises the failure when
the process is done, so the command line prints one line and exits 7.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from crawler.store.opening import explain


class EnvironmentGuard(logging.Filter):
    """A log filter that notices environment failures and stops the crawl on the first one."""

    def __init__(self, db: Path, stop: Callable[[], object]) -> None:
        super().__init__()
        self.db, self.stop = db, stop
        self.problem: Exception | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        failure = record.exc_info[1] if record.exc_info else None
        explained = explain(failure, self.db) if isinstance(failure, BaseException) else None
        if explained is None:
            return True
        if self.problem is None:
            from twisted.internet import reactor  # the one Scrapy installed, never a default one

            self.problem = explained
            cast(Any, reactor).callLater(0, self.stop)
        return False


@contextmanager
def guarded(db: Path, stop: Callable[[], object]) -> Iterator[EnvironmentGuard]:
    """The guard on every root log handler for the duration of the block."""
    guard = EnvironmentGuard(db, stop)
    handlers = list(logging.getLogger().handlers)
    for handler in handlers:
        handler.addFilter(guard)
    try:
        yield guard
    finally:
        for handler in handlers:
            handler.removeFilter(guard)
