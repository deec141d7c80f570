"""Dedup: fingerprint every draft (the CPU work); the store matches them inside its transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from itemadapter import ItemAdapter

from crawler.dedup.fingerprints import fingerprint

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class DedupPipeline:
    """Attach a ``crawler.dedup.fingerprints.Fingerprint`` (exact key, MinHash, sentence hashes) per draft."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler.stats)

    def process_item(self, item: object) -> object:
        page = ItemAdapter(item)
        page["fingerprints"] = [fingerprint(draft.text) for draft in page["drafts"]]
        self.stats.inc_value("govcrawl/dedup/fingerprinted", len(page["fingerprints"]))
        return item
