"""Downloader middlewares of govcrawl."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


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
