"""博达 VSB (Visual SiteBuilder) sites: many county governments, e.g. http://www.mdx.gov.cn/.

Static columns: the first list page is ``/zwgk/zfgzbg.htm``, the others sit in a folder of the
same name and count *down*: with 3 pages, page 2 is ``/zwgk/zfgzbg/2.htm`` and the last page is
``/zwgk/zfgzbg/1.htm``. The pager (``span.p_pages`` / ``a.Next``) links them. Dynamic columns
are ``list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1040&totalpage=3&PAGENUM=2``. Rows link
articles ``../info/1040/23529.htm`` (column id, article id).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urljoin, urlsplit

from parsel import Selector
from scrapy.http import Response

from crawler.crawl.listing import base_url, page_links
from crawler.crawl.spider import ColumnSpider
from crawler.extract.pages.vsb import URL_PATTERN as ARTICLE_URL
from crawler.extract.text import squash_spaces
from crawler.urls import canonical_url

# /zwgk/zfgzbg.htm or /zwgk/zfgzbg/2.htm → the column stem /zwgk/zfgzbg
_STATIC_PAGE = re.compile(r"^(?P<stem>.+?)(?:/\d+)?\.htm$", re.I)
_QUERY_KEEP = ("urltype", "wbtreeid")  # list.jsp parameters naming the column
_NEXT_TEXTS = frozenset({"下页", "下一页", "后页", ">", "»"})


def column_key(url: str) -> str | None:
    """What every list page of one column shares: the static stem, or list.jsp's column id."""
    parts = urlsplit(url)
    if parts.path.lower().endswith("/list.jsp"):
        query = dict(parse_qsl(parts.query))
        if "PAGENUM" not in query and "wbtreeid" not in query:
            return None
        return "list.jsp?" + "&".join(f"{k}={query.get(k, '')}" for k in _QUERY_KEEP)
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


def next_list_page(html: str, page_url: str, max_pages: int = 100, pages_seen: int = 1) -> str | None:
    """The column's list page after this one: the pager's 下页 link, else the next number
    (static pages count down: after ``zfgzbg.htm`` the highest, then one less; ``PAGENUM`` counts up).
    None once ``pages_seen`` list pages reach ``max_pages``."""
    if pages_seen >= max_pages:
        return None
    column = column_key(page_url)
    sel = Selector(text=html)
    for anchor in sel.css("a[href]"):
        text = squash_spaces(anchor.xpath("string()").get() or "")
        if text in _NEXT_TEXTS or "next" in (anchor.attrib.get("class") or "").lower():
            url = canonical_url(urljoin(base_url(sel, page_url), anchor.attrib["href"].strip()))
            if url != canonical_url(page_url) and column_key(url) == column:
                return url
    numbered = {_page_number(url): url for url in list_pages(html, page_url)}
    current = _page_number(page_url)
    if "PAGENUM" in page_url:
        return numbered.get((current or 1) + 1)
    return numbered.get(max(numbered, key=lambda number: number or 0, default=0)) if current is None else numbered.get(current - 1)


def _page_number(url: str) -> int | None:
    """``zfgzbg/2.htm`` → 2, ``list.jsp?…PAGENUM=3`` → 3, the first page → None."""
    query = dict(parse_qsl(urlsplit(url).query))
    if "PAGENUM" in query:
        return int(query["PAGENUM"]) if query["PAGENUM"].isdigit() else None
    found = re.search(r"/(\d+)\.htm$", urlsplit(url).path)
    return int(found.group(1)) if found else None


class VsbSpider(ColumnSpider):
    """Report columns of a 博达 VSB site: static or ``list.jsp`` list pages, ``/info/`` articles."""

    name = "vsb"
    article_url = ARTICLE_URL

    def next_page_url(self, response: Response, pages_seen: int) -> str | None:
        return next_list_page(response.text, response.url, self.site.max_list_pages, pages_seen)
