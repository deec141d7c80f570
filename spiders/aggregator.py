"""招商 aggregators: a column's list pages print several full reports each, so they are the pages stored.

Example: https://www.xx招商.com/sichuan/yaan/baoxing/gzbg/ then ``list_2.html``, ``list_3.html`` …
(DedeCMS ``div.pages``; 首页/上一页/下一页/末页 and page numbers all point into the same folder).
The entries' 阅读全文 links to detail pages are not followed: the list pages carry the text, and
the page type marks a cut-short entry as a preview.

The list pages are read one after another, newest first. A list page stored before is asked
for conditionally (`ConditionalRequestMiddleware`): a 304 means it and, the column listing
newest first, every page after it are as we stored them, so paging stops there, unless
``--refresh``: then the next page asked is the stored page of the next number (an unchanged
page's links are those it had when we stored it). A server that sends no ETag or Last-Modified
never answers 304, and the column is read whole every run.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from crawler.crawl.listing import page_links
from crawler.crawl.middlewares import NotModified
from crawler.crawl.spider import SiteSpider
from crawler.extract.items import PageItem
from crawler.extract.pages.aggregator import AggregatorPage
from crawler.urls import canonical_url

if TYPE_CHECKING:
    from twisted.python.failure import Failure

LIST_PAGE = re.compile(r"/list_(\d+)\.html?$")


def list_page_number(url: str, column_url: str) -> int | None:
    """N for ``list_N.html`` in the column's folder; None for any other URL (the column's first page too)."""
    path = urlsplit(url).path
    found = LIST_PAGE.search(path)
    in_column = path.rsplit("/", 1)[0] == urlsplit(column_url).path.rsplit("/", 1)[0]
    return int(found.group(1)) if found and in_column else None


def list_pages(html: str, page_url: str, column_url: str) -> list[tuple[str, int]]:
    """(URL, number) of the column's list pages linked from a page: ``list_N.html`` in the column's folder."""
    numbered = ((link.url, list_page_number(link.url, column_url)) for link in page_links(html, page_url))
    return [(url, number) for url, number in numbered if number is not None]


class AggregatorSpider(SiteSpider):
    """A 招商 site's report column: every list page, stored whole."""

    name = "aggregator"
    revisit_callback = None  # its reports are its list pages, read again on every run

    @classmethod
    def list_links(cls, url: str, html: str) -> list[tuple[str, str]]:
        """The list page is itself the report page: one item per report block it prints."""
        return [(url, draft.title) for draft in AggregatorPage(url, html).drafts()]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.start_urls:
            start = canonical_url(url)
            yield self.list_request(start, start, 1)

    def list_request(self, url: str, column: str, number: int) -> scrapy.Request:
        """The request for list page ``number`` of the column (``column``: its first page's URL)."""
        return scrapy.Request(url, callback=self.parse_list, errback=self.list_failed, cb_kwargs={"column": column, "number": number})

    def parse_list(self, response: Response, column: str, number: int = 1) -> Iterator[PageItem | scrapy.Request]:
        """Store the list page; then ask for the next one."""
        yield self.page_item(response)
        following = next((url for url, n in list_pages(response.text, response.url, column) if n == number + 1), None)
        if following and number + 1 <= self.site.max_list_pages and self.site.is_list_url(following):
            yield self.list_request(following, column, number + 1)

    def list_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        """A list page that failed, or answered 304: stop paging, unless ``--refresh`` (see above)."""
        self.fetch_failed(failure)
        if not failure.check(NotModified):
            return
        request: scrapy.Request = failure.request  # type: ignore[attr-defined]
        column, number = request.cb_kwargs["column"], request.cb_kwargs["number"] + 1
        if not self.incremental.refresh:
            self.crawler.stats.inc_value("govcrawl/paging/stopped_not_modified")
            self.logger.info("not paging past %s: not modified", request.url)
            return
        following = next((url for url in self.incremental.known if list_page_number(url, column) == number), None)
        if following and number <= self.site.max_list_pages and self.site.is_list_url(following):
            yield self.list_request(following, column, number)
