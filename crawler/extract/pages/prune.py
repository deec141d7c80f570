"""Removing chrome elements from a parsed body while keeping the text that follows them."""

from __future__ import annotations

from copy import deepcopy
from typing import TYPE_CHECKING

from lxml.cssselect import CSSSelector

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def pruned(element: HtmlElement, selectors: str) -> HtmlElement:
    """A copy of ``element`` without the descendants matching the CSS ``selectors``."""
    copy = deepcopy(element)
    copy.tail = None
    for match in CSSSelector(selectors)(copy):
        if match is not copy:  # the selector matches ``element`` itself too; that one stays
            match.drop_tree()  # lxml.html: removes the element, keeps its tail text in place
    return copy
