"""Downloader and spider middlewares of govcrawl."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from crawler.extract.gates import CHALLENGES, COOKIE_CHALLENGES, detect_challenge
from crawler.urls import canonical_url

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

    from crawler.store.db import Store

logger = logging.getLogger(__name__)


class ReplayMiddleware:
    """Send every request through the replay server (``GOVCRAWL_REPLAY_URL``) as its proxy.

    Spiders keep the real sites' URLs; the server answers from its recordings, and with
    421 for hosts it has none of, so a replayed crawl never touches the network.
    """

    def __init__(self, replay_url: str) -> None:
        self.replay_url = replay_url

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayMiddleware:
        replay_url = crawler.settings.get("GOVCRAWL_REPLAY_URL")
        if not replay_url:
            raise NotConfigured
        return cls(replay_url)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        request.meta["proxy"] = self.replay_url


class AntiBotMiddleware:
    """Recognise anti-bot answers; retry once where a cookie round-trip may pass, else skip.

    Runs after the cookies middleware has read the challenge's Set-Cookie (lower priority
    number than 700), so the retried request carries the cookie back. A page still
    answering with a challenge is counted as ``govcrawl/blocked`` and never reaches the
    spider or the store.
    """

    RETRIED = "govcrawl_challenge_retried"

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AntiBotMiddleware:
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Request | Response:
        cookies = b"; ".join(response.headers.getlist(b"Set-Cookie")).decode("latin-1")  # all the check reads
        kind = detect_challenge(response.status, response.body, cookies)
        if kind is None:
            return response
        self.stats.inc_value(f"govcrawl/challenges/{kind}")
        if kind in COOKIE_CHALLENGES and not request.meta.get(self.RETRIED):
            logger.info("%s answered with a %s; retrying once with its cookies", request.url, CHALLENGES[kind])
            return request.replace(dont_filter=True, meta={**request.meta, self.RETRIED: True})
        self.stats.inc_value("govcrawl/blocked")
        self.stats.inc_value(f"govcrawl/blocked/{kind}")
        logger.warning("blocked: %s answered with a %s", request.url, CHALLENGES[kind])
        raise IgnoreRequest(f"blocked by {CHALLENGES[kind]}")


class CanonicalUrlMiddleware(BaseSpiderMiddleware):
    """Rewrite every request a spider yields to its canonical URL (``crawler/urls.py``).

    The duplicate filter then sees one URL per page (session ids, query order and
    fragments no longer make copies), so a page is fetched once per run and stored once.
    """

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        canonical = canonical_url(request.url)
        if canonical == request.url:
            return request
        self.crawler.stats.inc_value("govcrawl/urls/canonicalised")
        return request.replace(url=canonical)


class NotModified(IgnoreRequest):
    """The server answered a conditional request with 304: the stored version is current."""


class ConditionalRequestMiddleware:
    """Ask for stored pages conditionally; a 304 ends the request as `NotModified`.

    A GET for a URL the store holds carries the latest stored version's ETag
    (``If-None-Match``) and Last-Modified (``If-Modified-Since``). A 304 answer is counted
    as ``govcrawl/pages/not_modified`` and goes no further: no extraction, no write (the
    spiders' errback ignores `NotModified`). The store is opened read-only once per crawl.
    """

    def __init__(self, db_path: str, stats: StatsCollector) -> None:
        self.db_path = db_path
        self.stats = stats
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        settings = crawler.settings
        if not settings.getbool("GOVCRAWL_STORE_ENABLED") or not settings.getbool("GOVCRAWL_CONDITIONAL", True):
            raise NotConfigured
        obj = cls(settings["GOVCRAWL_DB"], crawler.stats)
        crawler.signals.connect(obj.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(obj.spider_closed, signal=signals.spider_closed)
        return obj

    def spider_opened(self) -> None:
        from crawler.store.db import Store

        if Path(self.db_path).exists():
            self.store = Store.read_only(self.db_path)

    def spider_closed(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if self.store is None or request.method != "GET" or b"If-None-Match" in request.headers:
            return
        etag, last_modified = self.store.validators(request.url)
        if etag:
            request.headers[b"If-None-Match"] = etag
        if last_modified:
            request.headers[b"If-Modified-Since"] = last_modified
        if etag or last_modified:
            request.meta["govcrawl_conditional"] = True

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if response.status == 304 and request.meta.get("govcrawl_conditional"):
            self.stats.inc_value("govcrawl/pages/not_modified")
            raise NotModified(f"{request.url}: not modified since the stored version")
        return response
