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
from urllib.parse import urlsplit

from scrapy.http import Response

from crawler.crawl.listing import page_links
from crawler.crawl.spider import ColumnSpider
from crawler.urls import canonical_url
from spiders.trs import read_pager

ARTICLE_URL = re.compile(r"/content_\d+\.s?html?$", re.I)
# home.htm, home_3.htm, index_2.html: the numbered list pages of one column.
_LIST_PAGE = re.compile(r"^(?:home|index)(?:_(\d+))?\.s?html?$", re.I)


def list_pages(html: str, page_url: str) -> list[str]:
    """URLs of the column's other list pages: pager links in the same folder, or ``createPageHTML``."""
    folder = posixpath.dirname(urlsplit(page_url).path)
    found = [
        link.url
        for link in page_links(html, page_url)
        if posixpath.dirname(urlsplit(link.url).path) == folder and _LIST_PAGE.match(_name(link.url))
    ]
    pager = read_pager(html)
    found += [canonical_url(url) for url in pager.urls(page_url)] if pager else []
    return [url for url in dict.fromkeys(found) if url != canonical_url(page_url)]


def page_index(url: str) -> int:
    """A list page's index: 0 for ``home.htm`` (or the column folder), N for ``home_N.htm``."""
    found = _LIST_PAGE.match(_name(url))
    return int(found.group(1)) if found and found.group(1) else 0


def next_list_page(html: str, page_url: str, max_pages: int = 100) -> str | None:
    """The column's list page after this one, if the page links it and it is within ``max_pages``."""
    wanted = page_index(page_url) + 1
    if wanted >= max_pages:
        return None
    return next((url for url in list_pages(html, page_url) if _LIST_PAGE.match(_name(url)) and page_index(url) == wanted), None)


def _name(url: str) -> str:
    return posixpath.basename(urlsplit(url).path)


class GovcnSpider(ColumnSpider):
    """Report columns of a gov.cn-style portal: ``home_N.htm`` list pages, ``content_N.htm`` articles."""

    name = "govcn"
    article_url = ARTICLE_URL

    def next_page_url(self, response: Response, pages_seen: int) -> str | None:
        return next_list_page(response.text, response.url, self.site.max_list_pages)
