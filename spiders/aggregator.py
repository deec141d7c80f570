"""招商 aggregators: a column's list pages print several full reports each, so they are the pages stored.

Example: https://www.xx招商.com/sichuan/yaan/baoxing/gzbg/ then ``list_2.html``, ``list_3.html`` …
(DedeCMS ``div.pages``; 首页/上一页/下一页/末页 and page numbers all point into the same folder).
The entries' 阅读全文 links to detail pages are not followed: the list pages carry the text, and
the page type marks a cut-short entry as a preview.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from urllib.parse import urljoin, urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.items import PageItem
from crawler.pages.aggregator import AggregatorPage
from crawler.urls import canonical_url
from spiders.base import SiteSpider

LIST_PAGE = re.compile(r"/list_(\d+)\.html?$")


def list_pages(html: str, page_url: str, column_url: str) -> list[tuple[str, int]]:
    """(URL, number) of the column's list pages linked from a page: ``list_N.html`` in the column's folder."""
    column = urlsplit(column_url).path.rsplit("/", 1)[0] + "/"
    found: dict[str, int] = {}
    for href in Selector(text=html).css("a[href]::attr(href)").getall():
        url = canonical_url(urljoin(page_url, href.strip()))
        path = urlsplit(url).path
        number = LIST_PAGE.search(path)
        if number and path.rsplit("/", 1)[0] + "/" == column:
            found.setdefault(url, int(number.group(1)))
    return list(found.items())


class AggregatorSpider(SiteSpider):
    """A 招商 site's report column: every list page, stored whole."""

    name = "aggregator"

    @classmethod
    def list_links(cls, url: str, html: str) -> list[tuple[str, str]]:
        """The list page is itself the report page: one item per report block it prints."""
        return [(url, draft.title) for draft in AggregatorPage(url, html).drafts()]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.start_urls:
            start = canonical_url(url)
            yield scrapy.Request(start, callback=self.parse_list, errback=self.fetch_failed, meta={"column": start})

    def parse_list(self, response: Response) -> Iterator[PageItem | scrapy.Request]:
        yield self.page_item(response)
        for url, number in list_pages(response.text, response.url, response.meta["column"]):
            if number <= self.site.max_list_pages and self.site.is_list_url(url):
                yield scrapy.Request(url, callback=self.parse_list, errback=self.fetch_failed, meta={"column": response.meta["column"]})
