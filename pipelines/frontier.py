"""Frontier: tell `crawler.crawl.frontier.FrontierMiddleware` the store has committed a page's item."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from crawler.crawl.frontier import item_stored

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class FrontierPipeline:
    """Runs right after the store (so, after its commit): sends ``item_stored`` synchronously.

    Scrapy's ``item_scraped`` comes later, from an asyncio task that waits behind the other
    pages in the pipelines; a crawl killed in that gap would fetch the stored pages again.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierPipeline:
        if not crawler.settings.getbool("GOVCRAWL_FRONTIER_ENABLED"):
            raise NotConfigured
        return cls(crawler)

    def process_item(self, item: object) -> object:
        self.crawler.signals.send_catch_log(signal=item_stored, item=item)
        return item
