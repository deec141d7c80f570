"""What list-page navigation of every government CMS shares: the links a list page shows.

Pure helpers (no Scrapy state) that the family spiders call and tests call directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawler.extract.text import parse_date, squash_spaces
from crawler.urls import canonical_url

# Links that are never pages: scripts, mail, phone, in-page anchors.
_NOT_PAGE = ("javascript:", "mailto:", "tel:", "#")


# 2025-01-24, 2025/01/24, 2025年1月24日: the date a list row shows next to its link.
_ROW_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_ROW = "ancestor::*[self::li or self::tr or self::dd or self::dt][1]"


@dataclass(frozen=True)
class Link:
    """A link on a list page: canonical absolute URL, the title it is listed under, its row's date."""

    url: str
    title: str
    listed_on: str | None = None
    """The date shown in the link's list row (``li``/``tr``) outside the link, YYYY-MM-DD."""


def base_url(sel: Selector, page_url: str) -> str:
    """The URL relative links of the page resolve against (``<base href>`` wins)."""
    declared = sel.css("base::attr(href)").get()
    return urljoin(page_url, declared.strip()) if declared else page_url


def page_links(html: str, page_url: str) -> list[Link]:
    """Every link of the page, resolved and canonical, once each (the first title wins).

    The title is the anchor's ``title`` attribute (lists cut long titles short in the text:
    ``2024年江门市政府工作报告…``), else its text.
    """
    sel = Selector(text=html)
    base = base_url(sel, page_url)
    links: dict[str, Link] = {}
    for anchor in sel.css("a[href]"):
        href = anchor.attrib["href"].strip()
        if not href or href.lower().startswith(_NOT_PAGE):
            continue
        url = canonical_url(urljoin(base, href))
        if urlsplit(url).scheme not in ("http", "https") or url in links:
            continue
        title = squash_spaces(anchor.attrib.get("title") or anchor.xpath("string()").get() or "")
        links[url] = Link(url=url, title=title, listed_on=_row_date(anchor))
    return list(links.values())


def _row_date(anchor: Selector) -> str | None:
    """The date in the anchor's list row, outside the anchor's own text."""
    row = anchor.xpath(_ROW)
    if not row:
        return None
    outside = row[0].xpath("string()").get("").replace(anchor.xpath("string()").get(""), " ")
    found = _ROW_DATE.search(outside)
    return parse_date(found.group(0)) if found else None


def first_date(entry: Selector, query: str) -> str | None:
    """The first date (YYYY-MM-DD) among the values a CSS ``query`` selects in a list entry.

    Put attributes first: lists print recent dates as ``7 天前`` with the date in a ``title``
    (``<span title="2021-4-2 10:43">7&nbsp;天前</span>``) or ``<time datetime>``."""
    for value in entry.css(query).getall():
        found = _ROW_DATE.search(value)
        if found and (day := parse_date(found.group(0))):
            return day
    return None


def article_links(html: str, page_url: str, pattern: re.Pattern[str]) -> list[Link]:
    """Links of the page whose URL is an article URL of the family (``pattern``)."""
    return [link for link in page_links(html, page_url) if pattern.search(link.url)]
