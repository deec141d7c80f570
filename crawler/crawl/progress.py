"""A live progress line on stderr while a crawl runs (pages, documents, errors, rate)."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class Progress:
    """Rewrites one status line every ``GOVCRAWL_PROGRESS_INTERVAL`` seconds."""

    def __init__(self, stats: StatsCollector, interval: float, stream: TextIO = sys.stderr) -> None:
        self.stats = stats
        self.interval = interval
        self.stream = stream
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None
        self.site = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("GOVCRAWL_PROGRESS"):
            raise NotConfigured
        progress = cls(crawler.stats, crawler.settings.getfloat("GOVCRAWL_PROGRESS_INTERVAL"))
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def spider_opened(self, spider: Spider) -> None:
        self.site = getattr(getattr(spider, "site", None), "name", spider.name)
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider: Spider) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        self.stream.write("\r\033[K")
        self.stream.flush()

    def line(self) -> str:
        """The status line, e.g. ``wenzhou  pages 31  documents 26  errors 1  4.2 pages/s``."""
        get = self.stats.get_value
        pages = get("response_received_count", 0)
        documents = get("govcrawl/documents/new", 0) + get("govcrawl/documents/duplicate", 0)
        errors = get("govcrawl/errors", 0) + get("log_count/ERROR", 0)
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        return f"{self.site}  pages {pages}  documents {documents}  errors {errors}  {rate:.1f} pages/s"

    def show(self) -> None:
        self.stream.write("\r\033[K" + self.line())
        self.stream.flush()
