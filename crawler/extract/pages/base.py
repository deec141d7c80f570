"""The page-type contract and the HTML → paragraph-lines helper every page type uses.

A page type is pure: (url, decoded html) in, a list of `Draft`s out. No network,
no settings, no database — so each one is testable from a file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import ClassVar, Protocol

import cssselect
from lxml import html as lxml_html
from lxml.etree import ParserError
from parsel import Selector, SelectorList
from parsel.csstranslator import HTMLTranslator

from crawler.extract.items import Draft

# Elements that start a new line of text.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br center dd div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr ul".split()
)
# Elements whose text is never content.
_SKIP_TAGS = frozenset("script style noscript template select option button input textarea iframe object head title".split())
_CELL_TAGS = frozenset(("td", "th"))
_HTML_END = re.compile(r"</html\s*>", re.I)
_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.I)


def element_lines(element: lxml_html.HtmlElement) -> list[str]:
    """Text of an element as lines, breaking at block elements and separating table cells.

    Walked with an explicit stack, not recursion: a template's unclosed tags nest pages
    thousands of levels deep (lxml keeps 2,048 with ``huge_tree``), past Python's recursion limit."""
    parts = io.StringIO()  # not a list of strings: a page of a million table cells would hold a million
    stack: list[tuple[lxml_html.HtmlElement, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else None
        if closing:
            if tag in _BLOCK_TAGS:
                parts.write("\n")
            elif tag in _CELL_TAGS:
                parts.write(" ")
        elif tag is not None and tag not in _SKIP_TAGS:
            if tag in _BLOCK_TAGS:
                parts.write("\n")
            if node.text:
                parts.write(node.text)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))
            continue
        if node.tail:  # after the element's text (or in place of a skipped element's)
            parts.write(node.tail)
    return parts.getvalue().split("\n")


def fragment_lines(fragment_html: str) -> list[str]:
    """Lines of an HTML fragment (e.g. the part of a page between two content markers)."""
    try:
        root = lxml_html.fragment_fromstring(fragment_html, create_parent="div")
    except (ParserError, ValueError):
        return []
    return element_lines(root)


def parse_page(html: str) -> Selector:
    """The selector page types read a page through (``type="html"``: parsel reads a body that
    parses as JSON as JSON, on which ``css()`` raises).

    A page holding two ``</html>`` (www.gov.cn 公报 articles: a shell document, then the article's
    own) loses everything after the first one in libxml2; without its end tags it parses whole.
    """
    if len(_HTML_END.findall(html)) > 1:
        html = _DOCUMENT_END.sub("", html)
    return Selector(text=html, type="html")


@lru_cache(maxsize=256)
def alternatives(css: str) -> tuple[str, ...]:
    """The XPath of each comma-separated alternative of a selector constant, in the order written
    (parsel's translator: ``::text`` and ``::attr(name)`` work)."""
    return tuple(_CSS.selector_to_xpath(group, translate_pseudo_elements=True) for group in cssselect.parse(css))


def preferred(sel: Selector, css: str) -> SelectorList[Selector]:
    """What the first alternative of ``css`` that matches anything matches, in document order: a
    comma in a selector constant read this way means "else" (``div.v_news_content, div[id^=vsb_content]``:
    the inner container where there is one). Alternatives to take in document order are one
    alternative, ``:is(a, b)``."""
    for xpath in alternatives(css):
        found = sel.xpath(xpath)
        if found:
            return found
    return SelectorList([])


_CSS = HTMLTranslator()


class Document(Protocol):
    """One document's fields, each read by a method without arguments."""

    def title(self) -> str: ...
    def text(self) -> str: ...
    def published(self) -> str | None: ...
    def source_name(self) -> str | None: ...
    def metadata(self) -> dict[str, str]: ...
    def truncated(self) -> bool: ...
    def segment(self) -> tuple[int | None, int | None]: ...


class PageType:
    """Base of all page types: the page, a selector over it, and its drafts.

    The contract: a page holds `documents` (by default one, the page type itself), each with
    the field methods of `Document`, none taking an argument; `drafts` builds a `Draft` of
    every document with text, here and nowhere else. ``SELECTORS`` names the selector constants
    each field reads, which `govcrawl check` shows when a field comes out empty. A selector
    constant is one string, CSS (or XPath where its name or comment says so); where a field
    takes the first of alternatives in order of preference it reads the constant with `preferred`.
    """

    name: ClassVar[str]
    SELECTORS: ClassVar[dict[str, tuple[str, ...]]] = {}
    """Field (``title``, ``text``, ``published``) → names of the selector constants (class
    attributes, each a ``str``) it reads."""

    def __init__(self, url: str, html: str, sel: Selector | None = None) -> None:
        self.url = url
        self.html = html
        self.sel = sel if sel is not None else parse_page(html)

    @classmethod
    def matches(cls, url: str, sel: Selector) -> bool:
        """Whether this page type recognises the page without a hint."""
        return False

    def documents(self) -> Sequence[Document]:
        """The documents on the page: the page itself, for page types reading one document."""
        return [self]

    def drafts(self) -> list[Draft]:
        """A draft of every document on the page that has text (empty when the page holds none)."""
        drafts = []
        for document in self.documents():
            text = document.text()
            if not text:
                continue
            seg_start, seg_end = document.segment()
            drafts.append(Draft(
                url=self.url, title=document.title(), text=text, page_type=self.name, published=document.published(),
                truncated=document.truncated(), source_name=document.source_name(), metadata=document.metadata(),
                seg_start=seg_start, seg_end=seg_end,
            ))
        return drafts

    def text(self) -> str:
        """The body, one paragraph per line ("" when the page holds no document)."""
        return ""

    def title(self) -> str:
        """The document's title."""
        return ""

    def published(self) -> str | None:
        """Publication date, ``YYYY-MM-DD``."""
        return None

    def source_name(self) -> str | None:
        """The 来源 the page states."""
        return None

    def metadata(self) -> dict[str, str]:
        """Further fields the page states (the 信息公开 table, the author)."""
        return {}

    def truncated(self) -> bool:
        """Whether the page shows only part of the document (a preview, a locked thread)."""
        return False

    def segment(self) -> tuple[int | None, int | None]:
        """Where the document starts and ends in the page's text, on pages holding several."""
        return None, None
