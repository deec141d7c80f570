"""Page types and the registry that picks one for a page.

The spider's hint wins; without one, the first page type that recognises the page reads
it; the generic (trafilatura) page type reads everything else. A hinted page type that
finds nothing on a page it does not even recognise hands the page to the generic one (a
changed template should degrade, not go silent); one that recognises its page and finds
nothing means the page holds no document (a forum thread's reply page, say).
"""

from __future__ import annotations

from parsel import Selector

from crawler.extract.items import Draft
from crawler.extract.pages.aggregator import AggregatorPage
from crawler.extract.pages.base import PageType, parse_page
from crawler.extract.pages.discuz import DiscuzThread
from crawler.extract.pages.generic.article import GenericArticle
from crawler.extract.pages.gkmlpt import GkmlptArticle
from crawler.extract.pages.govcn import GovcnArticle
from crawler.extract.pages.jcms import JcmsArticle
from crawler.extract.pages.news import NewsArticle
from crawler.extract.pages.trs import TrsArticle
from crawler.extract.pages.vsb import VsbArticle
from crawler.extract.pages.wordpress import WordpressArticle

EXTRACTOR_VERSION = "6"
"""Version of the page types (and the decoding they read), stored on every copy
(``copies.extractor_version``). Bump it with any change to what a page type makes of a page;
the clean, metadata and dedup stages have their own (`crawler.store.versions.STAGE_VERSIONS`),
so `govcrawl reprocess --outdated` redoes only the stages that changed, on the stored pages
whose copies an older version made (no network)."""

PAGE_TYPES: dict[str, type[PageType]] = {
    cls.name: cls
    for cls in (
        GkmlptArticle, JcmsArticle, GovcnArticle, TrsArticle, VsbArticle, DiscuzThread, WordpressArticle, NewsArticle, AggregatorPage,
        GenericArticle,
    )
}


class UnknownPageType(ValueError):
    """A page type name that is not registered."""


def recognise(url: str, html: str, sel: Selector | None = None) -> type[PageType]:
    """The page type that recognises the page, else the generic one (``sel``: the page, already parsed)."""
    sel = sel if sel is not None else parse_page(html)
    for page_type in PAGE_TYPES.values():
        if page_type.matches(url, sel):
            return page_type
    return GenericArticle


def extract_drafts(url: str, html: str, hint: str | None = None) -> list[Draft]:
    """Documents on a page, read by the hinted page type or the one that recognises it."""
    if not html.strip():
        return []
    if hint is not None and hint not in PAGE_TYPES:
        raise UnknownPageType(f"unknown page type {hint!r}; known: {', '.join(PAGE_TYPES)}")
    sel = parse_page(html)  # once: recognition and every page type tried read the same tree
    page_type = PAGE_TYPES[hint] if hint else recognise(url, html, sel)
    drafts = page_type(url, html, sel).drafts()
    if drafts or page_type is GenericArticle or page_type.matches(url, sel):
        return drafts
    return GenericArticle(url, html, sel).drafts()
