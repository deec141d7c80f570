"""Title and publication date of a page of unknown template.

Title: the ``ArticleTitle`` meta government portals fill; else the longest heading (or
title-classed element) that the page's ``<title>`` repeats (``<title>`` adds the site and column:
``报告_政务公开_某县人民政府``); else, when ``<title>`` names only the site, or only a column and the
site (``人事任免_ 某某管委会``: no part of it holds most of the words of the longer heading above the text), that
heading; else og:title or ``<title>`` cut at its separators, its longest part.

Date: a date meta (PubDate, article:published_time …), then the info line just above the text
(``2021-03-01 10:00 来源：…``), the URL (``/2021-03/01/``, ``t20210301_``), a publish-time
script variable, then htmldate's quick search (meta, ``<time>``, URL patterns it knows).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from htmldate import find_date

from crawler.extract.fallback import MAX_CHARS
from crawler.extract.pages.base import element_lines
from crawler.extract.text import parse_date, squash_spaces
from crawler.extract.titles import GENERIC_TITLES, title_parts

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from parsel import Selector

TITLE_META = 'meta[name="ArticleTitle"]::attr(content)'
OG_TITLE = 'meta[property="og:title"]::attr(content)'
# Headings, and elements classed as titles (title, tit: xl_tit, con_tit …; CMS templates rarely use <h1>).
HEADINGS = "h1, h2, h3, h4, [class*=tit], [id*=tit], [class*=Tit], [id*=Tit], [class*=headline]"
HEADING_BEFORE_TEXT = (
    "preceding::*[self::h1 or self::h2 or self::h3 or contains(@class, 'tit') or contains(@id, 'tit')][position() <= 6]"
)
TITLE_MIN_CHARS, TITLE_MAX_CHARS = 4, 100
DATE_META = (
    'meta[name="PubDate"]::attr(content), meta[name="pubdate"]::attr(content), '
    'meta[property="article:published_time"]::attr(content), meta[name="publishdate"]::attr(content), '
    'meta[name="firstpublishedtime"]::attr(content), meta[itemprop="datePublished"]::attr(content)'
)
# /2021-03/01/, /202103/t20210301_, /2021/03/01/, /20210301/
URL_DATE = re.compile(r"t((?:19|20)\d{2})(\d{2})(\d{2})_|/((?:19|20)\d{2})-?(\d{2})[-/]?(\d{2})/")
# var publish_time = "2021-03-01"; pubtime:'2012年01月12日 08:00'; articleTime = '2012/1/12';
# WeChat's var createTime = '2021-03-01 10:00'
SCRIPT_DATE = re.compile(r"(?:pub|publish|article|post|create)_?(?:time|date)\w*['\"]?\s*[:=]\s*['\"]([^'\"]{8,25})['\"]", re.I)
_HAS_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
INFO_LINES, INFO_LINE_MAX_CHARS = 8, 80


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def headings(sel: Selector) -> list[str]:
    """Texts of the page's headings and title-classed elements of title length."""
    found = (squash_spaces(h.xpath("string()").get() or "") for h in sel.css(HEADINGS) if h.root.tag not in ("title", "meta"))
    return [text for text in found if TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS]


def page_title(sel: Selector, text_root: HtmlElement | None) -> str:
    """The article's title (see the module docstring for the order)."""
    meta = squash_spaces(sel.css(TITLE_META).get(default=""))
    if meta:
        return meta
    title = squash_spaces(sel.css("title::text").get(default=""))
    repeated = [heading for heading in headings(sel) if _key(heading) in _key(title)]
    site_name_only = len(title_parts(title, GENERIC_TITLES)) <= 1 and all(_key(heading) == _key(title) for heading in repeated)
    if repeated and not site_name_only:
        return max(repeated, key=lambda heading: len(_key(heading)))
    parts = title_parts(squash_spaces(sel.css(OG_TITLE).get(default="")) or title, GENERIC_TITLES)
    nearest = heading_before(text_root) if text_root is not None else ""
    column_and_site = bool(parts) and len(nearest) > len(parts[0]) and not any(_shares(p, nearest) for p in parts)
    if nearest and (site_name_only or column_and_site):
        return nearest  # <title> names only the site or column (人事任免_某某管委会): the heading above the text
    return max(parts, key=len) if parts else nearest


def _shares(part: str, heading: str) -> bool:
    """Whether a <title> part holds most of a heading's words (half its bigrams): the part names it."""
    a, b = _key(heading), _key(part)
    bigrams = {a[i : i + 2] for i in range(len(a) - 1)}
    return bool(bigrams) and sum(gram in b for gram in bigrams) >= len(bigrams) / 2


def heading_before(text_root: HtmlElement) -> str:
    """The nearest heading before the text root."""
    for heading in reversed(text_root.xpath(HEADING_BEFORE_TEXT)):
        text = squash_spaces(heading.text_content())
        if TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS:
            return text
    return ""


def url_date(url: str) -> str | None:
    """A date written in a URL (``/2021-03/01/``, ``t20210301_``)."""
    found = URL_DATE.search(url or "")
    if not found:
        return None
    year, month, day = (g for g in found.groups() if g)
    return parse_date(f"{year}-{month}-{day}")


def info_line_date(lines_before: list[str]) -> str | None:
    """The date of the nearest short line above the text (the info line)."""
    for line in reversed(lines_before[-INFO_LINES:]):
        if len(line) <= INFO_LINE_MAX_CHARS and _HAS_DATE.search(line):
            found = parse_date(line)
            if found:
                return found
    return None


def script_date(html: str) -> str | None:
    """A publish-time variable of the page's scripts."""
    return next((d for d in (parse_date(m.group(1)) for m in SCRIPT_DATE.finditer(html)) if d), None)


def published(sel: Selector, html: str, url: str, lines_before: list[str]) -> str | None:
    """The publication date, ``YYYY-MM-DD`` (see the module docstring for the order)."""
    found = (
        parse_date(sel.css(DATE_META).get())
        or info_line_date(lines_before)
        or url_date(url)
        or script_date(html)
    )
    if found or len(html) > MAX_CHARS:  # htmldate copies the tree: +380 MB on a 20 MB page
        return found
    quick = find_date(sel.root, url=url, original_date=True, extensive_search=False)  # it copies the tree itself
    return parse_date(quick)


def lines_beside(root: HtmlElement, count: int, preceding: bool) -> list[str]:
    """The ``count`` non-empty text lines nearest before (or after) ``root``, in page order.

    Walks the preceding (following) siblings of ``root`` and of its ancestors, nearest first,
    so a page of many megabytes costs only the few elements read.
    """
    found: list[str] = []
    for node in (root, *root.iterancestors()):
        for sibling in node.itersiblings(preceding=preceding):
            lines = [squash_spaces(line) for line in element_lines(sibling) if line.strip()]
            found = (lines + found) if preceding else (found + lines)
            if len(found) >= count:
                return found[-count:] if preceding else found[:count]
    return found
