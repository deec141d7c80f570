"""Extract: the page type turns the decoded page into drafts (one per document on it)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from itemadapter import ItemAdapter

from crawler.extract.pages.registry import extract_drafts

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class ExtractPipeline:
    """Run the hinted (or recognised) page type; trafilatura reads what it cannot."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler.stats)

    def process_item(self, item: object) -> object:
        page = ItemAdapter(item)
        drafts = extract_drafts(page["url"], page["html"], page["page_type"])
        page["drafts"] = drafts
        if not drafts:
            self.stats.inc_value("govcrawl/pages/no_documents")
            logger.warning("no document found on %s", page["url"])
        for draft in drafts:
            self.stats.inc_value(f"govcrawl/drafts/{draft.page_type}")
            if page["page_type"] and draft.page_type != page["page_type"]:
                self.stats.inc_value("govcrawl/extract/fallback")
                logger.warning("%s: %s page type found nothing, used %s", page["url"], page["page_type"], draft.page_type)
        return item
