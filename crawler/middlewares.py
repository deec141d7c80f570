"""Downloader and spider middlewares of govcrawl."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from crawler.antibot import CHALLENGES, COOKIE_CHALLENGES, detect_challenge
from crawler.urls import canonical_url

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

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
        headers = {k.decode("latin-1"): b"; ".join(v).decode("latin-1") for k, v in response.headers.items()}
        kind = detect_challenge(response.status, headers, response.body)
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
