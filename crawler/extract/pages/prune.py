"""Removing chrome elements from a parsed tree while keeping the text that follows them: the
one copy-and-prune every page type uses."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import TYPE_CHECKING

from lxml.cssselect import CSSSelector

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def pruned(element: HtmlElement, drop: str | Callable[[HtmlElement], bool]) -> HtmlElement:
    """A copy of ``element`` (the page stays whole) without the descendants ``drop`` names: CSS
    selectors, or a test of an element, judged on the untouched copy. Each goes with its
    subtree, its tail text stays in place."""
    copy = deepcopy(element)
    copy.tail = None
    doomed = CSSSelector(drop)(copy) if isinstance(drop, str) else [node for node in copy.iter() if drop(node)]
    for node in doomed:
        if node is not copy and node.getparent() is not None:  # a selector may match ``element`` itself: it stays
            node.drop_tree()  # lxml.html: removes the element, keeps its tail text in place
    return copy
