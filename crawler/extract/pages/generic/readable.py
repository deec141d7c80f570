"""A second opinion on a page's main text: readability's paragraph scoring.

Readability scores paragraphs by commas and length, adds the scores to their parents and
grandparents and takes the best container with its substantial siblings (Arc90's method). It
errs differently from the density root: it stops at one container where the density root
takes every block of prose, so the lines both agree on are the article.

It is trafilatura's fork (``trafilatura.readability_lxml``, pinned with trafilatura) rather than
the readability-lxml package: same method on an lxml tree, and no second copy of it to install.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import html as lxml_html
from lxml.etree import ParserError
from trafilatura.readability_lxml import Document

from crawler.extract.pages.base import element_lines

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def readable_lines(tree: HtmlElement) -> list[str]:
    """Lines of the container readability picks; readability edits the tree, so pass a copy."""
    try:
        summary = Document(tree).summary()
        return element_lines(lxml_html.fragment_fromstring(summary, create_parent="div")) if summary else []
    except (ParserError, ValueError):
        return []
