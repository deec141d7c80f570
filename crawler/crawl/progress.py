"""Crawl progress on stderr. On a terminal: a live board (rich), one line per running site and
a total, with log lines printed above it. Elsewhere (cron, a pipe, a log file): a plain line per
running site every ``GOVCRAWL_PROGRESS_INTERVAL`` seconds.

Every crawler of the process reports to one board, so concurrent sites never share a line.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.store.health import error_count

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

LIVE, PLAIN = "live", "plain"
"""The values of ``GOVCRAWL_PROGRESS`` that turn progress on (False: off, Scrapy's LogStats only)."""


@dataclass
class SiteProgress:
    """One site's counters, read from its crawler's stats."""

    site: str
    stats: StatsCollector
    started: float = field(default_factory=time.monotonic)

    def counts(self) -> tuple[int, int, int]:
        """(responses, documents, errors) so far."""
        get = self.stats.get_value
        documents = get("govcrawl/documents/new", 0) + get("govcrawl/documents/duplicate", 0)
        return get("response_received_count", 0), documents, error_count(self.stats.get_stats())

    def line(self) -> str:
        """``wenzhou  pages 31  documents 26  errors 1  4.2 pages/s`` (fits in 80 columns)."""
        pages, documents, errors = self.counts()
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        return f"{self.site[:22]:<22} pages {pages:>5}  documents {documents:>4}  errors {errors:>3}  {rate:5.1f} pages/s"


class Board:
    """The process's progress display: the running sites' lines, live or plain."""

    current: Board | None = None

    def __init__(self, mode: str, interval: float, stream: TextIO = sys.stderr) -> None:
        self.mode, self.interval, self.stream = mode, interval, stream
        self.sites: dict[str, SiteProgress] = {}
        self.done = [0, 0, 0]
        self.loop: task.LoopingCall | None = None
        self.live: Any = None
        """The rich ``Live`` display while a live board runs."""
        self.handlers: list[tuple[logging.StreamHandler, Any]] = []

    @classmethod
    def shared(cls, mode: str, interval: float) -> Board:
        """The board every crawler of this process reports to (made by the first one)."""
        if cls.current is None:
            cls.current = cls(mode, interval)
        return cls.current

    def add(self, progress: SiteProgress) -> None:
        self.sites[progress.site] = progress
        if self.loop is None:
            self.start()

    def remove(self, site: str) -> None:
        finished = self.sites.pop(site, None)
        if finished is not None:
            self.done = [a + b for a, b in zip(self.done, finished.counts(), strict=True)]
        if not self.sites:
            self.stop()

    def total(self) -> str:
        """All sites so far, running and finished."""
        running = [p.counts() for p in self.sites.values()]
        pages, documents, errors = (sum(column) for column in zip(self.done, *running, strict=True))
        return f"{'total (' + str(len(self.sites)) + ' running)':<22} pages {pages:>5}  documents {documents:>4}  errors {errors:>3}"

    def start(self) -> None:
        if self.mode == LIVE:
            self._start_live()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def _start_live(self) -> None:
        from rich.console import Console
        from rich.live import Live

        self.live = Live(console=Console(file=self.stream), auto_refresh=False, redirect_stderr=True, transient=True)
        self.live.start()
        # Scrapy's log handler holds the real stderr: point it at rich's proxy, so log lines
        # are printed above the board instead of through it.
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream is self.stream:
                self.handlers.append((handler, handler.setStream(sys.stderr)))

    def show(self) -> None:
        lines = [p.line() for p in self.sites.values()]
        if self.live is not None:
            from rich.text import Text

            self.live.update(Text("\n".join([*lines, self.total()])), refresh=True)
            return
        for line in lines:
            self.stream.write(f"progress {line}\n")
        self.stream.flush()

    def stop(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.loop = None
        if self.live is not None:
            self.live.stop()
            for handler, stream in self.handlers:
                handler.setStream(stream)
            self.live, self.handlers = None, []
        Board.current = None


class Progress:
    """The Scrapy extension: registers its crawler's site with the process's `Board`."""

    def __init__(self, stats: StatsCollector, board: Board) -> None:
        self.stats, self.board = stats, board
        self.site = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        mode = crawler.settings.get("GOVCRAWL_PROGRESS")
        if mode not in (LIVE, PLAIN):
            raise NotConfigured
        interval = crawler.settings.getfloat("GOVCRAWL_PROGRESS_INTERVAL" if mode == LIVE else "GOVCRAWL_PROGRESS_PLAIN_INTERVAL")
        progress = cls(crawler.stats, Board.shared(mode, interval))
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def spider_opened(self, spider: Spider) -> None:
        self.site = getattr(getattr(spider, "site", None), "name", spider.name)
        self.board.add(SiteProgress(self.site, self.stats))

    def spider_closed(self, spider: Spider) -> None:
        self.board.remove(self.site)
