"""Bounds on the requests a crawl makes: links taken per page, requests per site per run.

A page with a million links wrote 996k frontier rows in 240 s with no download at all. A spider
middleware inside the frontier (so what it drops is never recorded) passes at most
``GOVCRAWL_MAX_LINKS_PER_PAGE`` of the requests one response yields, and at most
``GOVCRAWL_MAX_REQUESTS_PER_RUN`` in the whole run of a site; what is left out is counted
(``govcrawl/bounds/links_per_page``, ``govcrawl/bounds/requests_per_run``) and logged once per page
and once per run. 0 turns a bound off.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class RequestBudgetMiddleware:
    """Drop the requests past the per-page and per-run bounds, counting them."""

    def __init__(self, per_page: int, per_run: int, stats: StatsCollector) -> None:
        self.per_page, self.per_run, self.stats = per_page, per_run, stats
        self.made = 0
        """Requests passed on in this run."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequestBudgetMiddleware:
        settings = crawler.settings
        per_page, per_run = settings.getint("GOVCRAWL_MAX_LINKS_PER_PAGE"), settings.getint("GOVCRAWL_MAX_REQUESTS_PER_RUN")
        if not per_page and not per_run:
            raise NotConfigured
        return cls(per_page, per_run, crawler.stats)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        page = Page(self, response.url)
        for output in result:
            if not isinstance(output, Request) or page.admits():
                yield output

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        page = Page(self, response.url)
        async for output in result:
            if not isinstance(output, Request) or page.admits():
                yield output

    def spend(self) -> bool:
        """Count one request against the run's bound; False (logged once) when it is spent."""
        if self.per_run and self.made >= self.per_run:
            if not self.stats.get_value("govcrawl/bounds/requests_per_run"):
                logger.warning("request bound reached: %d requests this run (GOVCRAWL_MAX_REQUESTS_PER_RUN); "
                               "the rest waits for the next run", self.per_run)
            self.stats.inc_value("govcrawl/bounds/requests_per_run")
            return False
        self.made += 1
        return True


class Page:
    """One response's share of the budget."""

    def __init__(self, budget: RequestBudgetMiddleware, url: str) -> None:
        self.budget, self.url, self.taken = budget, url, 0

    def admits(self) -> bool:
        """Whether the next request this page yields goes on."""
        per_page = self.budget.per_page
        if per_page and self.taken >= per_page:
            if self.taken == per_page:
                logger.warning("%s: more than %d links; the rest are left (GOVCRAWL_MAX_LINKS_PER_PAGE)", self.url, per_page)
                self.taken += 1
            self.budget.stats.inc_value("govcrawl/bounds/links_per_page")
            return False
        if not self.budget.spend():
            return False
        self.taken += 1
        return True
