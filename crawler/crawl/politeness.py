"""How a crawl heeds a site: it waits as long as ``Retry-After`` asks (or defers the site to
the next run when that is too long), stays on the site's origins, and gives up on redirect loops."""

from __future__ import annotations

import asyncio
import logging
import time
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import deferred_from_coro

from crawler.crawl.middlewares import Skipped

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from crawler.sites import Site

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {"http": 80, "https": 443}
DEFERRED = "deferred"
"""The close reason (and run status) of a site deferred to the next run."""


class SiteDeferred(Skipped):
    """The site asked for a longer wait than a run may spend: it is crawled next run."""


class OffOrigin(Skipped):
    """The request leaves the site's origins (another host, port or scheme)."""


class RedirectLoop(IgnoreRequest):
    """A redirect back to a URL the request already went through: a fetch error."""


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


class RetryAfterMiddleware:
    """On 429 and 503 with ``Retry-After``: pause the site's crawl that long, then retry.

    One crawler crawls one site, so pausing its engine holds every request to the site (the
    requests already in flight end as they would). A wait over ``GOVCRAWL_RETRY_AFTER_MAX``
    seconds defers the site: the run closes as ``deferred`` with the reason logged, and its
    pending requests stay in the frontier for the next run. Sits before ``RetryMiddleware``
    (550), which retries 429/503 without a ``Retry-After`` at once, as before.
    """

    CODES = (429, 503)

    def __init__(self, crawler: Crawler, max_wait: float) -> None:
        self.crawler = crawler
        self.max_wait = max_wait
        self._waiting = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        if not crawler.settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        return cls(crawler, crawler.settings.getfloat("GOVCRAWL_RETRY_AFTER_MAX"))

    async def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Request | Response:
        if response.status not in self.CODES:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return response
        stats = self.crawler.stats
        if wait > self.max_wait:
            self._defer(request, response.status, wait)
        assert self.crawler.spider is not None  # a response came: the spider is open
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"{response.status} Retry-After")
        if retry is None:
            return response
        stats.inc_value("govcrawl/retry_after/waits")
        stats.max_value("govcrawl/retry_after/longest", wait)
        logger.info("%s answered %d, Retry-After %.0f s: pausing the site", request.url, response.status, wait)
        await self._pause(wait)
        return retry

    async def _pause(self, wait: float) -> None:
        engine = self.crawler.engine
        self._waiting += 1
        engine.pause()
        try:
            await asyncio.sleep(wait)
        finally:
            self._waiting -= 1
            if not self._waiting:
                engine.unpause()

    def _defer(self, request: Request, status: int, wait: float) -> None:
        """Close the run as ``deferred``, logging why; the request ends as `SiteDeferred`."""
        reason = (f"{urlsplit(request.url).netloc} answered {status} asking to wait {wait:.0f} s (Retry-After), "
                  f"more than GOVCRAWL_RETRY_AFTER_MAX = {self.max_wait:.0f} s")
        if not self.crawler.stats.get_value("govcrawl/deferred"):
            self.crawler.stats.set_value("govcrawl/deferred", reason)
            logger.warning("deferring the site to the next run: %s", reason)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=DEFERRED))
        raise SiteDeferred(f"site deferred: {reason}")


def origins(site: Site) -> set[tuple[str, str, int]]:
    """(scheme, host, port) a site may be fetched from: its hosts on the default ports of http
    and https, and the origins of its start URLs (which may name another port)."""
    found = {(scheme, host, port) for host in site.allowed_domains for scheme, port in DEFAULT_PORTS.items()}
    for url in site.start_urls:
        parts = urlsplit(url)
        found.add((parts.scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(parts.scheme, 0)))
    return found


def on_origin(url: str, site: Site, allowed: set[tuple[str, str, int]]) -> bool:
    """Whether ``url`` is on one of the site's origins: scheme, host (or a subdomain) and port compared."""
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    except ValueError:  # a port out of range
        return False
    if not site.holds(url):
        return False
    host = (parts.hostname or "").lower()
    return any(parts.scheme == s and port == p and (host == h or host.endswith("." + h)) for s, h, p in allowed)


class OriginMiddleware:
    """Drop requests (redirects included) that leave the site's origins, in place of Scrapy's
    ``OffsiteMiddleware``: that compares hosts only, so a redirect to another port of the same
    host was followed. Counted as ``govcrawl/offsite/filtered``, logged once per URL."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._allowed: set[tuple[str, str, int]] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OriginMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        site = getattr(self.crawler.spider, "site", None)
        if site is None or request.meta.get("allow_offsite"):
            return
        if self._allowed is None:
            self._allowed = origins(site)
        if not on_origin(request.url, site, self._allowed):
            self.crawler.stats.inc_value("govcrawl/offsite/filtered")
            logger.info("not following %s: off the site's origins", request.url)
            raise OffOrigin(f"off the site's origins: {request.url}")


class RedirectLoopMiddleware:
    """Turn a redirect back to a URL already visited into a `RedirectLoop` error naming the chain.

    Without this, the duplicate filter drops the looping request silently (its URL was seen),
    and the page vanishes from the run without an error. Sits after ``RedirectMiddleware``
    (600) in response order, so it sees each 3xx first."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectLoopMiddleware:
        if not crawler.settings.getbool("REDIRECT_ENABLED"):
            raise NotConfigured
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        location = response.headers.get(b"Location")
        if not (300 <= response.status < 400 and location):
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in chain:
            self.crawler.stats.inc_value("govcrawl/redirect_loops")
            raise RedirectLoop(f"redirect loop: {' -> '.join([*chain, target])}")
        return response
