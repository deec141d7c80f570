"""博达 VSB (Visual SiteBuilder) sites: many county governments, e.g. http://www.mdx.gov.cn/.

Static columns: the first list page is ``/zwgk/zfgzbg.htm``, the others sit in a folder of the
same name and count *down*: with 3 pages, page 2 is ``/zwgk/zfgzbg/2.htm`` and the last page is
``/zwgk/zfgzbg/1.htm``. The pager (``span.p_pages`` / ``a.Next``) links them. Dynamic columns
are ``list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1040&totalpage=3&PAGENUM=2``. Rows link
articles ``../info/1040/23529.htm`` (column id, article id).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from urllib.parse import parse_qsl, urlsplit

import scrapy
from scrapy.http import Response

from crawler.items import PageItem
from crawler.pages.vsb import URL_PATTERN as ARTICLE_URL
from crawler.urls import canonical_url
from spiders.base import SiteSpider
from spiders.listing import ListPages, article_links, page_links, request

# /zwgk/zfgzbg.htm or /zwgk/zfgzbg/2.htm → the column stem /zwgk/zfgzbg
_STATIC_PAGE = re.compile(r"^(?P<stem>.+?)(?:/\d+)?\.htm$", re.I)
_QUERY_KEEP = ("urltype", "wbtreeid")  # list.jsp parameters naming the column


def column_key(url: str) -> str | None:
    """What every list page of one column shares: the static stem, or list.jsp's column id."""
    parts = urlsplit(url)
    if parts.path.lower().endswith("/list.jsp"):
        query = dict(parse_qsl(parts.query))
        return "list.jsp?" + "&".join(f"{k}={query.get(k, '')}" for k in _QUERY_KEEP) if "PAGENUM" in query or "wbtreeid" in query else None
    found = _STATIC_PAGE.match(parts.path)
    return found.group("stem") if found else None


def list_pages(html: str, page_url: str) -> list[str]:
    """URLs of the column's other list pages linked from this one (pager numbers, 下页, 尾页)."""
    column = column_key(page_url)
    if column is None:
        return []
    return [
        link.url
        for link in page_links(html, page_url)
        if link.url != page_url and not ARTICLE_URL.search(link.url) and column_key(link.url) == column
    ]


class VsbSpider(SiteSpider):
    """Report columns of a 博达 VSB site: static or ``list.jsp`` list pages, ``/info/`` articles."""

    name = "vsb"
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
