"""gov.cn-style portals (www.gov.cn and the provincial portals built on its UCAP templates).

A column is a run of static list pages ``…/home.htm``, ``…/home_1.htm``, ``…/home_2.htm``
(e.g. https://www.gov.cn/zhengce/zuixin/home_1.htm), linked from a pager
(``<div class="pages"><a href="home_1.htm">下一页</a>…``) or written by a WCM-style
``createPageHTML(count, index, "home", "htm")`` call. Rows link articles by date and
manuscript id: ``/zhengce/2024-01/29/content_6929123.htm`` (older ``/zhengce/content/
2021-03/13/content_5592671.htm``, newer ``/zhengce/202403/content_6939153.htm``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import AsyncIterator, Iterator
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from crawler.items import PageItem
from crawler.urls import canonical_url
from spiders.base import SiteSpider
from spiders.listing import ListPages, article_links, page_links, request
from spiders.trs import read_pager

ARTICLE_URL = re.compile(r"/content_\d+\.s?html?$", re.I)
# home.htm, home_3.htm, index_2.html: the numbered list pages of one column.
_LIST_PAGE = re.compile(r"^(?:home|index)(?:_\d+)?\.s?html?$", re.I)


def list_pages(html: str, page_url: str) -> list[str]:
    """URLs of the column's other list pages: pager links in the same folder, or ``createPageHTML``."""
    folder = posixpath.dirname(urlsplit(page_url).path)
    found = [
        link.url
        for link in page_links(html, page_url)
        if posixpath.dirname(urlsplit(link.url).path) == folder
        and _LIST_PAGE.match(posixpath.basename(urlsplit(link.url).path))
    ]
    pager = read_pager(html)
    found += pager.urls(page_url) if pager else []
    return [url for url in dict.fromkeys(found) if url != page_url]


class GovcnSpider(SiteSpider):
    """Report columns of a gov.cn-style portal: ``home_N.htm`` list pages, ``content_N.htm`` articles."""

    name = "govcn"
    article_url = ARTICLE_URL

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.list_pages = ListPages(self.site.max_list_pages)
        for url in map(canonical_url, self.site.start_urls):
            if self.list_pages.admit(url, url):
                yield request(url, self.parse_list, meta={"column": url})

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        for link in article_links(response.text, response.url, self.article_url):
            if self.wants(link.title, link.url):
                yield request(link.url, self.parse_article, errback=self.fetch_failed)
        column = response.meta["column"]
        for url in list_pages(response.text, response.url):
            if self.site.is_list_url(url) and self.list_pages.admit(column, url):
                yield request(url, self.parse_list, meta={"column": column})

    def parse_article(self, response: Response) -> PageItem:
        return self.page_item(response)
