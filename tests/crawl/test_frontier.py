"""The frontier keeps what a request needs as JSON; a request it could not resume fails as it is yielded."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.crawl.frontier import FINGERPRINT, FrontierMiddleware, UnpersistableRequest


@dataclass(frozen=True)
class Forum:
    """State a spider might be tempted to carry in meta: not JSON."""

    id: str


class ForumSpider(Spider):
    name = "forum"

    def parse_list(self, response: object) -> None:
        """A callback the frontier can name."""


def middleware_for(db: Path) -> FrontierMiddleware:
    crawler = get_crawler(ForumSpider, {"GOVCRAWL_DB": str(db), "GOVCRAWL_FRONTIER_ENABLED": True})
    crawler.spider = ForumSpider.from_crawler(crawler)
    return build_from_crawler(FrontierMiddleware, crawler)


async def started(middleware: FrontierMiddleware, requests: list[Request]) -> list[Request]:
    """What the middleware's ``process_start`` passes on of these start requests."""

    async def start() -> AsyncIterator[Request]:
        for request in requests:
            yield request

    return [request async for request in middleware.process_start(start())]


def list_page(url: str = "https://bbs.example.org/forum-36-1.html") -> HtmlResponse:
    return HtmlResponse(url, body=b"<html><body>threads</body></html>", request=Request(url, meta={FINGERPRINT: "list-1"}))


def frontier_rows(db: Path) -> list[tuple[str, str, int]]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("select url, callback, done from frontier order by rowid").fetchall()
    finally:
        connection.close()


def test_meta_that_is_not_json_fails_when_yielded(tmp_path: Path) -> None:
    middleware = middleware_for(tmp_path / "g.db")
    spider = middleware.crawler.spider
    bad = Request("https://bbs.example.org/forum-36-2.html", callback=spider.parse_list, meta={"forum": Forum("36")})
    with pytest.raises(UnpersistableRequest, match=r"forum-36-2\.html: meta\['forum'\] is a Forum, not JSON"):
        list(middleware.process_spider_output(list_page(), [bad]))
    assert frontier_rows(tmp_path / "g.db") == []  # nothing recorded, the list page not done


def test_cb_kwargs_and_callbacks_must_be_persistable(tmp_path: Path) -> None:
    middleware = middleware_for(tmp_path / "g.db")
    spider = middleware.crawler.spider
    with pytest.raises(UnpersistableRequest, match=r"cb_kwargs\['since'\] is a set"):
        list(middleware.process_spider_output(list_page(), [
            Request("https://bbs.example.org/a.html", callback=spider.parse_list, cb_kwargs={"since": {1}})
        ]))
    with pytest.raises(UnpersistableRequest, match="b.html"):
        list(middleware.process_spider_output(list_page(), [
            Request("https://bbs.example.org/b.html", callback=lambda response: None)
        ]))


def test_a_list_pages_requests_are_recorded_with_it_done(tmp_path: Path) -> None:
    middleware = middleware_for(tmp_path / "g.db")
    spider = middleware.crawler.spider
    start = Request("https://bbs.example.org/forum-36-1.html", callback=spider.parse_list)
    assert asyncio.run(started(middleware, [start])) == [start]
    followed = [Request(f"https://bbs.example.org/thread-{n}-1-1.html", callback=spider.parse_list,
                        meta={"forum": "36", "rewrite": True}) for n in (7, 8)]
    response = list_page()
    response.meta[FINGERPRINT] = start.meta[FINGERPRINT]

    scheduled = list(middleware.process_spider_output(response, followed))

    assert [r.url for r in scheduled] == [r.url for r in followed]
    assert frontier_rows(tmp_path / "g.db") == [
        ("https://bbs.example.org/forum-36-1.html", "parse_list", 1),
        ("https://bbs.example.org/thread-7-1-1.html", "parse_list", 0),
        ("https://bbs.example.org/thread-8-1-1.html", "parse_list", 0),
    ]
