"""Keep the raw response: decode it (unless the crawl did), record its encoding, refuse what is not a page."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from crawler.extract.decoding import NotHtml, decode_html

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class NotAPage(DropItem):
    """The response body is not an HTML page (empty, binary, undecodable)."""


class RawPagePipeline:
    """Decode the body (HTTP header, BOM, meta, detection) and keep the text on the item."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RawPagePipeline:
        return cls(crawler.stats)

    def process_item(self, item: object) -> object:
        page = ItemAdapter(item)
        try:
            if page.get("html") is None:  # decoded already by the crawl's DecodingMiddleware, else here
                page["encoding"], page["html"] = decode_html(page["body"], page["headers"].get("Content-Type"))
        except NotHtml as problem:
            self.stats.inc_value("govcrawl/pages/not_html")
            raise NotAPage(str(problem)) from None  # logged as "dropped URL: problem" (crawler/crawl/logs.py)
        self.stats.inc_value(f"govcrawl/pages/encoding/{page['encoding']}")
        return item
