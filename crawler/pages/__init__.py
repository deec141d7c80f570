"""Page types and the registry that picks one for a page.

The spider's hint wins; without one, the first page type that recognises the page reads
it; the generic (trafilatura) page type reads everything else, and also any page whose
hinted page type finds nothing on it (a changed template should degrade, not go silent).
"""

from __future__ import annotations

from parsel import Selector

from crawler.items import Draft
from crawler.pages.base import PageType
from crawler.pages.generic import GenericArticle
from crawler.pages.jcms import JcmsArticle

# Stored on every copy; bump it when extraction output changes, so stored copies can be re-extracted.
EXTRACTOR_VERSION = "1"

PAGE_TYPES: dict[str, type[PageType]] = {cls.name: cls for cls in (JcmsArticle, GenericArticle)}


class UnknownPageType(ValueError):
    """A page type name that is not registered."""


def recognise(url: str, html: str) -> type[PageType]:
    """The page type that recognises the page, else the generic one."""
    sel = Selector(text=html)
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
    page_type = PAGE_TYPES[hint] if hint else recognise(url, html)
    drafts = page_type(url, html).drafts()
    if not drafts and page_type is not GenericArticle:
        drafts = GenericArticle(url, html).drafts()
    return drafts
