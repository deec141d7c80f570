"""Bounds on requests: links taken per page and requests per run, counted in the run's stats."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.http import HtmlResponse
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.crawl.budget import RequestBudgetMiddleware


def budget(per_page: int, per_run: int) -> RequestBudgetMiddleware:
    crawler = get_crawler(Spider, {"GOVCRAWL_MAX_LINKS_PER_PAGE": per_page, "GOVCRAWL_MAX_REQUESTS_PER_RUN": per_run})
    return build_from_crawler(RequestBudgetMiddleware, crawler)


def page(n: int) -> HtmlResponse:
    return HtmlResponse(f"https://a.gov.cn/list_{n}.html", body=b"<html></html>")


def links(n: int, count: int) -> list[object]:
    return [{"item": n}, *(Request(f"https://a.gov.cn/{n}/{i}.html") for i in range(count))]


def test_a_page_gives_at_most_its_share_of_links() -> None:
    middleware = budget(per_page=3, per_run=0)
    passed = list(middleware.process_spider_output(page(1), links(1, 10)))
    assert passed[0] == {"item": 1} and [r.url for r in passed[1:]] == [f"https://a.gov.cn/1/{i}.html" for i in range(3)]
    assert middleware.stats.get_value("govcrawl/bounds/links_per_page") == 7


def test_a_run_makes_at_most_its_requests() -> None:
    middleware = budget(per_page=0, per_run=5)
    first = list(middleware.process_spider_output(page(1), links(1, 4)))
    second = list(middleware.process_spider_output(page(2), links(2, 4)))
    assert len(first) == 5 and len(second) == 2  # the item, and one request left in the run
    assert middleware.stats.get_value("govcrawl/bounds/requests_per_run") == 3
