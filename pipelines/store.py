"""Store: a page with its documents written together (committed in the process's next batch,
crawler/crawl/storage.py); one `runs` row per crawl."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future

from crawler.crawl.storage import StoreSession
from crawler.store.health import run_status
from crawler.store.rows import RawPage, SaveResult
from crawler.store.versions import STAGE_VERSIONS

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from twisted.internet.defer import Deferred

    from crawler.store.db import Store

logger = logging.getLogger(__name__)


class StorePipeline:
    """Write each page with its drafts to SQLite; open and close the crawl's run.

    ``process_item`` queues the page's write and returns once the batch holding it is committed:
    the pipelines after it (the frontier's) see a stored page."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats
        self.session: StoreSession | None = None
        self.run_id: int | None = None
        self.had_documents = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        if not crawler.settings.getbool("GOVCRAWL_STORE_ENABLED"):
            raise NotConfigured
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def spider_opened(self, spider: Spider) -> None:
        self.session = StoreSession.of(self.crawler)
        store = self.session.store
        site = getattr(spider, "site", spider).name
        self.had_documents = store.has_documents(site)  # for the health check at the end
        self.run_id = store.start_run(site, spider.name)
        self.session.runs[self.crawler] = self.run_id
        self.stats.set_value("govcrawl/run_id", self.run_id)
        self.stats.set_value("govcrawl/process", os.getpid())  # which worker of `crawl --jobs N` ran it

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.session is not None and self.run_id is not None  # opened by spider_opened
        self.session.flush()  # the run's pages are committed before its outcome is
        stats = self.stats.get_stats()
        status = run_status(stats, reason, self.had_documents)
        self.session.store.finish_run(self.run_id, status, {**stats, "finish_reason": reason})

    async def process_item(self, item: object) -> object:
        return await maybe_deferred_to_future(self.queue(item))

    def queue(self, item: object) -> Deferred[object]:
        """Queue the page's write; the item once it is committed (counted)."""
        page = ItemAdapter(item)
        raw = RawPage(
            url=page["url"], site=page["site"], status=page["status"], headers=page["headers"],
            body=page["body"], encoding=page["encoding"],
            fetched_at=page["fetched_at"], final_url=page["final_url"], site_kind=page["site_kind"],
        )
        drafts, fingerprints, run_id = page["drafts"], page["fingerprints"], self.run_id

        def save(store: Store) -> SaveResult:
            return store.save_page(raw, drafts, run_id, STAGE_VERSIONS, fingerprints)

        assert self.session is not None  # opened by spider_opened
        stored = self.session.later(save, result=True)
        assert stored is not None
        return stored.addCallback(self._count, item)

    def _count(self, result: SaveResult, item: object) -> object:
        """The page is committed: count what storing it did."""
        self.stats.inc_value("govcrawl/pages/stored")
        for outcome in ("new", "duplicate", "unchanged", "updated"):
            self.stats.inc_value(f"govcrawl/documents/{outcome}", getattr(result, outcome))
        if result.changed:
            self.stats.inc_value("govcrawl/pages/changed")
        return item
