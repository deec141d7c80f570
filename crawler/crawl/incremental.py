"""What a crawl already holds of a site, and so which listed links and list pages it may skip.

One `Incremental` per crawl, read from the process's store (crawler/crawl/storage.py) once when the spider opens (a snapshot: pages
stored during the run do not change its answers). Family spiders ask it through
``SiteSpider.follow_report`` and ``SiteSpider.should_continue_paging`` (crawler/crawl/spider.py):

- a report link whose URL is stored is not requested again, unless ``--refresh`` or the list
  shows it changed: the date listed next to it is later than the stored copy's published date
  and not earlier than the day it was fetched (a list date older than our fetch is already in
  our copy);
- with ``--since DATE``, a link listed before DATE is skipped;
- on a site listing newest first (``stop_at_known``, the default), paging stops at a list page
  whose report links are all stored and unchanged, or (with ``--since``) whose dated links
  are all older than DATE. Reports stored by an interrupted run (killed, or resumed with
  ``--no-resume``) do not stop paging until a run of the site finishes: that run may have
  died before it read the list pages after them (``KnownPage.settled``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrapy import signals

from crawler.crawl.storage import StoreSession
from crawler.store.rows import KnownPage

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.sites import Site

logger = logging.getLogger(__name__)

FETCH, KNOWN, CHANGED, BEFORE_SINCE = "fetch", "known", "changed", "before_since"
"""Verdicts on a listed report link."""


@dataclass(frozen=True)
class ListedLink:
    """A link as a list page shows it: URL (canonical, absolute), whether it is a report, listed date."""

    url: str
    is_report: bool
    listed_on: str | None = None


class Incremental:
    """Which listed report links to request and whether to read the next list page."""

    def __init__(
        self, crawler: Crawler | None, site: str, refresh: bool = False, since: str | None = None,
        stop_at_known: bool = True,
    ) -> None:
        self.crawler = crawler
        """The crawl whose store says what is known; None: nothing is (no store)."""
        self.site = site
        self.refresh = refresh
        self.since = since
        self.stop_at_known = stop_at_known
        self._known: dict[str, KnownPage] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, site: Site, refresh: bool = False, since: str | None = None) -> Incremental:
        """``refresh``/``since`` from the spider's arguments or the GOVCRAWL_REFRESH/GOVCRAWL_SINCE settings."""
        settings = crawler.settings
        obj = cls(
            crawler if settings.getbool("GOVCRAWL_STORE_ENABLED", True) else None, site.name,
            refresh=refresh or settings.getbool("GOVCRAWL_REFRESH"),
            since=since or settings.get("GOVCRAWL_SINCE") or None, stop_at_known=site.stop_at_known,
        )
        crawler.signals.connect(obj.load, signal=signals.spider_opened)
        return obj

    def load(self) -> None:
        """Read the site's stored URLs (once; without a store nothing is known)."""
        if self._known is not None:
            return
        self._known = StoreSession.of(self.crawler).store.known_pages(self.site) if self.crawler else {}
        logger.info("%s: %d pages stored before this run", self.site, len(self._known))

    @property
    def known(self) -> dict[str, KnownPage]:
        """Stored URL → (published date, fetch time) of its latest version."""
        if self._known is None:
            self.load()
        return self._known  # type: ignore[return-value]

    def verdict(self, url: str, listed_on: str | None = None) -> str:
        """FETCH, KNOWN (stored, skip), CHANGED (stored, but the list shows a newer date) or BEFORE_SINCE."""
        if self.since and listed_on and listed_on < self.since:
            return BEFORE_SINCE
        if url not in self.known:
            return FETCH
        if self.changed(url, listed_on):
            return CHANGED
        return FETCH if self.refresh else KNOWN

    def changed(self, url: str, listed_on: str | None) -> bool:
        """Whether the date listed for a stored URL says the page changed after we fetched it."""
        if not listed_on or url not in self.known:
            return False
        published_on, fetched_at, _ = self.known[url]
        return listed_on > (published_on or "") and listed_on >= fetched_at[:10]

    def stop_reason(self, links: Iterable[ListedLink]) -> str | None:
        """Why paging stops after a list page showing ``links`` (``known``, ``since``), or None."""
        links = list(links)
        if not self.stop_at_known:
            return None
        dated = [link.listed_on for link in links if link.listed_on]
        if self.since and dated and all(listed_on < self.since for listed_on in dated):
            return "since"
        if self.refresh:
            return None
        reports = [link for link in links if link.is_report]
        if reports and all(self._read_past(link) for link in reports):
            return "known"
        return None

    def _read_past(self, link: ListedLink) -> bool:
        """Whether an earlier run read the site's lists past this report link: it is listed before
        ``--since``, or stored, unchanged and settled. A report only an interrupted run stored does
        not stop paging: that run may have died before reading the list pages after it."""
        verdict = self.verdict(link.url, link.listed_on)
        return verdict == BEFORE_SINCE or (verdict == KNOWN and self.known[link.url].settled)
