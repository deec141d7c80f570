"""Politeness components alone: Retry-After parsing, origins (scheme, host, port), redirect loops."""

from __future__ import annotations

from email.utils import formatdate

import pytest
from scrapy import Spider
from scrapy.http import HtmlResponse, Request
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.crawl.politeness import (
    OffOrigin,
    OriginMiddleware,
    RedirectLoop,
    RedirectLoopMiddleware,
    on_origin,
    origins,
    retry_after_seconds,
)
from crawler.sites import Site

SITE = Site(name="x", title="x", family="generic", kind="official", start_urls=("https://www.x.gov.cn/zwgk/",),
            allowed_domains=("www.x.gov.cn",))


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after_seconds(b"5") == 5
    assert retry_after_seconds(formatdate(1_000_120, usegmt=True), now=1_000_000) == 120
    assert retry_after_seconds(formatdate(1_000_000, usegmt=True), now=1_000_500) == 0
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


@pytest.mark.parametrize(("url", "allowed"), [
    ("https://www.x.gov.cn/art/1.html", True),
    ("http://www.x.gov.cn/art/1.html", True),  # the same host on http's default port
    ("https://www.x.gov.cn:443/art/1.html", True),
    ("http://www.x.gov.cn:8080/art/1.html", False),  # another port of the same host
    ("https://www.x.gov.cn:8443/art/1.html", False),
    ("ftp://www.x.gov.cn/art/1.html", False),
    ("https://www.elsewhere.com/art/1.html", False),
    ("https://www.x.gov.cn:99999/", False),
])
def test_origins_compare_scheme_host_and_port(url: str, allowed: bool) -> None:
    assert on_origin(url, SITE, origins(SITE)) is allowed


def test_a_start_url_on_another_port_makes_that_port_the_sites() -> None:
    site = Site(**{**SITE.__dict__, "start_urls": ("http://www.x.gov.cn:8080/",)})
    assert on_origin("http://www.x.gov.cn:8080/art/1.html", site, origins(site))
    assert not on_origin("http://www.x.gov.cn:8081/art/1.html", site, origins(site))


def _crawler_with_site():  # noqa: ANN202 - a test helper
    crawler = get_crawler(Spider, settings_dict={})
    crawler.spider = Spider(name="x")
    crawler.spider.site = SITE
    return crawler


def test_origin_middleware_drops_and_counts() -> None:
    crawler = _crawler_with_site()
    middleware = build_from_crawler(OriginMiddleware, crawler)
    assert middleware.process_request(Request("http://www.x.gov.cn/art/1.html")) is None
    with pytest.raises(OffOrigin):
        middleware.process_request(Request("http://www.x.gov.cn:8080/art/1.html"))
    assert crawler.stats.get_value("govcrawl/offsite/filtered") == 1


def test_a_redirect_back_to_a_visited_url_is_a_loop() -> None:
    crawler = _crawler_with_site()
    middleware = build_from_crawler(RedirectLoopMiddleware, crawler)
    first = Request("https://www.x.gov.cn/a.html")
    onward = HtmlResponse(first.url, status=302, headers={"Location": "/b.html"}, request=first)
    assert middleware.process_response(first, onward) is onward
    second = Request("https://www.x.gov.cn/b.html", meta={"redirect_urls": [first.url]})
    back = HtmlResponse(second.url, status=301, headers={"Location": "https://www.x.gov.cn/a.html"}, request=second)
    with pytest.raises(RedirectLoop, match="a.html -> https://www.x.gov.cn/b.html -> https://www.x.gov.cn/a.html"):
        middleware.process_response(second, back)
