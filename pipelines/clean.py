"""Clean: strip residual chrome lines from every draft of a page, clean titles (crawler/extract/clean.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from itemadapter import ItemAdapter

from crawler.extract.clean import clean_draft

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class CleanPipeline:
    """Run the text cleaning stage on each draft; count the lines it removed."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPipeline:
        return cls(crawler.stats)

    def process_item(self, item: object) -> object:
        page = ItemAdapter(item)
        cleaned = [clean_draft(draft) for draft in page["drafts"]]
        for before, after in zip(page["drafts"], cleaned, strict=True):
            removed = before.text.count("\n") - after.text.count("\n")
            if removed > 0:
                self.stats.inc_value("govcrawl/clean/lines_removed", removed)
            if after.truncated and not before.truncated:
                self.stats.inc_value("govcrawl/clean/truncated")
        page["drafts"] = cleaned
        return item
