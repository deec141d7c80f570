"""Removing chrome elements from a parsed tree while keeping the text that follows them: the
one copy-and-prune every page type uses (the families' chrome selectors, the generic page
type's furniture and link lists, the aggregator's entry chrome)."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import TYPE_CHECKING

from lxml.cssselect import CSSSelector

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def pruned(element: HtmlElement, drop: str | Callable[[HtmlElement], bool], tail: bool = False) -> HtmlElement:
    """A copy of ``element`` (the page stays whole) without the descendants ``drop`` names: CSS
    selectors, or a test of an element of ``element`` itself (judged on the untouched tree,
    elements that are not tags included: comments). Each goes with its subtree, its tail text
    stays in place. The copy keeps ``element``'s own tail text only with ``tail`` (the text
    after it in its parent: the generic page type and the aggregator read it with the element)."""
    copy = deepcopy(element)
    if not tail:
        copy.tail = None
    if isinstance(drop, str):
        doomed = CSSSelector(drop)(copy)
    else:
        doomed = [twin for node, twin in zip(element.iter(), copy.iter(), strict=True) if drop(node)]
    for node in doomed:
        if node is not copy and node.getparent() is not None:  # a selector may match ``element`` itself: it stays
            node.drop_tree()  # lxml.html: removes the element, keeps its tail text in place
    return copy
