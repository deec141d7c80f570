"""Store: one transaction per page (raw page, copies, documents); one `runs` row per crawl."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.store.db import Store
from crawler.store.health import run_status
from crawler.store.rows import RawPage
from crawler.store.versions import STAGE_VERSIONS

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class StorePipeline:
    """Write each page with its drafts to SQLite; open and close the crawl's run."""

    def __init__(self, db_path: str, crawler: Crawler) -> None:
        self.db_path = db_path
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats
        self.store: Store | None = None
        self.run_id: int | None = None
        self.had_documents = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        if not crawler.settings.getbool("GOVCRAWL_STORE_ENABLED"):
            raise NotConfigured
        pipeline = cls(crawler.settings["GOVCRAWL_DB"], crawler)
        crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def spider_opened(self, spider: Spider) -> None:
        self.store = Store(self.db_path)
        site = getattr(spider, "site", spider).name
        self.had_documents = self.store.has_documents(site)  # for the health check at the end
        self.run_id = self.store.start_run(site, spider.name)
        self.stats.set_value("govcrawl/run_id", self.run_id)
        self.stats.set_value("govcrawl/process", os.getpid())  # which worker of `crawl --jobs N` ran it

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.stats.get_stats()
        status = run_status(stats, reason, self.had_documents)
        assert self.store is not None and self.run_id is not None  # opened by spider_opened
        self.store.finish_run(self.run_id, status, {**stats, "finish_reason": reason})
        self.store.close()

    def process_item(self, item: object) -> object:
        page = ItemAdapter(item)
        raw = RawPage(
            url=page["url"], site=page["site"], status=page["status"], headers=page["headers"],
            body=page["body"], encoding=page["encoding"],
            fetched_at=page["fetched_at"], final_url=page["final_url"], site_kind=page["site_kind"],
        )
        assert self.store is not None  # opened by spider_opened
        result = self.store.save_page(raw, page["drafts"], self.run_id, STAGE_VERSIONS, page["fingerprints"])
        self.stats.inc_value("govcrawl/pages/stored")
        for outcome in ("new", "duplicate", "unchanged", "updated"):
            self.stats.inc_value(f"govcrawl/documents/{outcome}", getattr(result, outcome))
        if result.changed:
            self.stats.inc_value("govcrawl/pages/changed")
        return item
