"""Metadata: fill each draft's year, region, speaker, meeting and delivery date (crawler/extract/metadata.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from itemadapter import ItemAdapter

from crawler.extract.metadata import enrich

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class MetadataPipeline:
    """Run the metadata stage on each draft; count drafts left without a region code or year."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MetadataPipeline:
        return cls(crawler.stats)

    def process_item(self, item: object) -> object:
        page = ItemAdapter(item)
        page["drafts"] = [enrich(draft) for draft in page["drafts"]]
        for draft in page["drafts"]:
            if draft.region_code is None:
                self.stats.inc_value("govcrawl/metadata/no_region_code")
            if draft.year is None:
                self.stats.inc_value("govcrawl/metadata/no_year")
        return item
