"""The revisit schedule: stored report pages asked for again, conditionally, without ``--refresh``.

A report is corrected after its congress (a line 此件已根据大会审议意见修改 added, figures fixed), on
the same URL; an incremental crawl skips stored URLs, so it never saw the new version. Each run
therefore asks again, with If-None-Match / If-Modified-Since (`ConditionalRequestMiddleware`),
for the site's stored report pages that are due (``Site.revisit_fresh_days``, ``revisit_days``):

- reports published in the last 90 days (first stored then, when undated): on every run;
- older ones once 30 days have passed since they were last fetched or confirmed by a 304.

A 304 costs a few hundred bytes and records ``pages.checked_at``; a changed page is stored as
a new version, its document takes the new text, and the old version's copy stays, marked
``superseded``. The requests follow the spider's own start requests, through the frontier.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from crawler.crawl.storage import StoreSession

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class RevisitMiddleware:
    """Spider middleware: after the start requests, the conditional requests the schedule makes due."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RevisitMiddleware:
        settings = crawler.settings
        if not settings.getbool("GOVCRAWL_STORE_ENABLED") or not settings.getbool("GOVCRAWL_REVISIT"):
            raise NotConfigured
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for output in start:
            yield output
        spider: Any = self.crawler.spider
        for url, title in self.due(spider.site):
            request = spider.revisit_request(url, title)
            if request is not None:
                self.crawler.stats.inc_value("govcrawl/revisit/requested")
                yield request

    def due(self, site: Any, now: datetime | None = None) -> list[tuple[str, str | None]]:
        """The site's stored report pages the schedule makes due (none before a first crawl)."""
        now = now or datetime.now(UTC)
        fresh_since = (now - timedelta(days=site.revisit_fresh_days)).date().isoformat()
        checked_before = (now - timedelta(days=site.revisit_days)).replace(microsecond=0).isoformat()
        due = StoreSession.of(self.crawler).store.revisit_due(site.name, fresh_since, checked_before)
        if due:
            logger.info("%s: %d stored report pages due for revalidation", site.name, len(due))
        return due
