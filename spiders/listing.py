"""What list-page navigation of every government CMS shares: article links and canonical requests.

Pure helpers (no Scrapy state) that the family spiders call and tests call directly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import scrapy
from parsel import Selector

from crawler.text import squash_spaces
from crawler.urls import canonical_url

if TYPE_CHECKING:
    import re

# Links that are never pages: scripts, mail, phone, in-page anchors.
_NOT_PAGE = ("javascript:", "mailto:", "tel:", "#")


@dataclass(frozen=True)
class Link:
    """A link on a list page: canonical absolute URL and the title it is listed under."""

    url: str
    title: str


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
        links[url] = Link(url=url, title=title)
    return list(links.values())


def article_links(html: str, page_url: str, pattern: re.Pattern[str]) -> list[Link]:
    """Links of the page whose URL is an article URL of the family (``pattern``)."""
    return [link for link in page_links(html, page_url) if pattern.search(link.url)]


class ListPages:
    """The list pages requested for each start URL: each once, at most ``limit`` (politeness)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._seen: dict[str, set[str]] = defaultdict(set)

    def admit(self, start_url: str, url: str) -> bool:
        """Whether to request list page ``url`` of the column ``start_url``; records it if so."""
        seen = self._seen[start_url]
        if url in seen or len(seen) >= self.limit:
            return False
        seen.add(url)
        return True


def request(url: str, callback: Callable[..., Any], **kwargs: Any) -> scrapy.Request:
    """A GET request for the canonical form of ``url`` (one page, one URL, fetched once)."""
    return scrapy.Request(canonical_url(url), callback=callback, **kwargs)
