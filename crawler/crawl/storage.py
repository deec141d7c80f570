"""The crawl's database: one connection per process, and its writes committed in batches.

Every component of every crawl a process runs (the store pipeline, the frontier, conditional
requests, the incremental snapshot, the revisit schedule) uses the one `Store` of
``StoreSession.of(crawler)``: the database is opened, checked and migrated once per process, not
five times per site.

Writes are queued (`StoreSession.later`) and committed together: one ``BEGIN IMMEDIATE``
transaction runs every queued write, in the order queued, once ``GOVCRAWL_WRITE_BATCH`` writes
wait or ``GOVCRAWL_WRITE_SECONDS`` after the first, and whenever a spider closes. A commit per
page cost more than a page's extraction (the WAL frames, the lock handed between processes);
a batch pays it once. Order is what keeps a resume after ``kill -9`` exact: a request is marked
done in the frontier only by a write queued after its page's writes (`pipelines.frontier`
runs once the store's write is committed), so whatever prefix of the queue the database holds
after a kill, every request marked done has its page stored, and the rest are pending.

Each write runs in a savepoint: one that fails (a bug on one page) is rolled back alone and
reported to whoever queued it; a commit that fails (a full disk) fails the whole batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from scrapy import signals
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.store.db import Store
from crawler.store.rows import write

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.internet.interfaces import IReactorTime

logger = logging.getLogger(__name__)

Write = Callable[[Store], Any]
"""A queued write: runs inside the batch's transaction, on the process's store."""


class StoreSession:
    """The process's store of one database, shared by every crawler, with its queue of writes."""

    _sessions: ClassVar[dict[Path, StoreSession]] = {}
    _crawlers: ClassVar[WeakKeyDictionary[Crawler, StoreSession]] = WeakKeyDictionary()

    def __init__(self, path: Path, batch: int, seconds: float, clock: IReactorTime | None = None) -> None:
        self.path, self.batch, self.seconds = path, batch, seconds
        self.clock: Any = clock  # zope interfaces type their methods without self: mypy reads them wrong
        """What schedules the timed flush: the reactor Scrapy installed, unless a test passes a clock."""
        self.store = Store(path)
        self.users = 0
        self.runs: dict[Crawler, int] = {}
        """The run each crawler's store pipeline started (``runs.id``), for its frontier."""
        self._queue: list[tuple[Write, Deferred[Any] | None]] = []
        self._timer: Any = None
        """The reactor's delayed call of the next `flush`, while writes wait."""

    @classmethod
    def of(cls, crawler: Crawler) -> StoreSession:
        """The session of the crawler's database (``GOVCRAWL_DB``), opened on first use; the
        crawler uses it until its engine stops (`release`)."""
        if crawler in cls._crawlers:
            return cls._crawlers[crawler]
        settings = crawler.settings
        path = Path(settings["GOVCRAWL_DB"]).resolve()
        session = cls._sessions.get(path)
        if session is None:
            # Unset (a crawler built without the project's settings): every write is committed at once.
            session = cls(path, settings.getint("GOVCRAWL_WRITE_BATCH", 1), settings.getfloat("GOVCRAWL_WRITE_SECONDS", 0.0))
            cls._sessions[path] = session
        session.users += 1
        cls._crawlers[crawler] = session
        crawler.signals.connect(lambda: cls.release(crawler), signal=signals.engine_stopped, weak=False)
        return session

    @classmethod
    def release(cls, crawler: Crawler) -> None:
        """The crawler is done with the database: its writes are committed; the last user closes it."""
        session = cls._crawlers.pop(crawler, None)
        if session is None:
            return
        session.flush()
        session.runs.pop(crawler, None)
        session.users -= 1
        if session.users == 0:
            cls._sessions.pop(session.path, None)
            session.store.close()

    def later(self, operation: Write, *, result: bool = False) -> Deferred[Any] | None:
        """Queue a write; with ``result``, a Deferred firing with its return value once committed
        (or failing with what it or the commit raised). Without, a failure is logged."""
        waiting: Deferred[Any] | None = Deferred() if result else None
        self._queue.append((operation, waiting))
        if len(self._queue) >= self.batch:
            self.flush()
        elif self._timer is None:
            if self.clock is None:
                from twisted.internet import reactor  # imported late: the one Scrapy installed

                self.clock = reactor
            self._timer = self.clock.callLater(self.seconds, self.flush)
        return waiting

    def flush(self) -> None:
        """Commit every queued write in one transaction, then tell each waiter its outcome."""
        if self._timer is not None and self._timer.active():
            self._timer.cancel()
        self._timer = None
        batch, self._queue = self._queue, []  # writes the waiters queue in answer make the next batch
        if not batch:
            return
        try:
            with write(self.store.db):
                outcomes = [self._run(operation) for operation, _ in batch]
        except Exception as problem:  # the commit failed: nothing of the batch is stored
            batch = [entry for entry in batch if entry[1] is not None] or batch[:1]  # nobody waits: log it once
            outcomes = [Failure(problem) for _ in batch]
        for (_, waiting), outcome in zip(batch, outcomes, strict=True):
            if waiting is not None:
                (waiting.errback if isinstance(outcome, Failure) else waiting.callback)(outcome)
            elif isinstance(outcome, Failure):
                logger.error("cannot write to %s: %s", self.path, outcome.value, exc_info=failure_info(outcome))

    def _run(self, operation: Write) -> Any:
        """One write in its savepoint: its result, or its failure (its changes rolled back). A
        failure that ended the whole transaction (SQLite rolls back on a full disk) fails the batch."""
        try:
            with write(self.store.db):
                return operation(self.store)
        except Exception as problem:
            if not self.store.db.conn.in_transaction:
                raise
            return Failure(problem)


def failure_info(failure: Failure) -> tuple[Any, Any, Any]:
    """``exc_info`` of a failure, for a log record (crawler/crawl/failures.py reads it)."""
    return failure.type, failure.value, failure.getTracebackObject()
