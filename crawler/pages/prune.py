"""Removing chrome elements from a parsed body while keeping the text that follows them."""

from __future__ import annotations

from copy import deepcopy
from typing import TYPE_CHECKING

from lxml.cssselect import CSSSelector

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def drop_tree(element: HtmlElement) -> None:
    """Remove an element and its children; its tail text stays in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def pruned(element: HtmlElement, selectors: str) -> HtmlElement:
    """A copy of ``element`` without the descendants matching the CSS ``selectors``."""
    copy = deepcopy(element)
    copy.tail = None
    for match in CSSSelector(selectors)(copy):
        drop_tree(match)
    return copy
