"""Forum threads of unknown software: find the floors, keep the thread starter's consecutive posts.

A thread page repeats one post block per floor (same tag and class, siblings), each with an
author element (class/id word ``author``, ``user``, ``name``, ``poster``…) and a content element.
The report is the starter's text: the first floor and the floors right after it by the same
author (long reports are split over several posts). Quotes, signatures and user panels are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crawler.extract.pages.base import element_lines
from crawler.extract.pages.generic.density import cjk_count, content_root, drop_link_lists, prune_chrome
from crawler.extract.text import join_lines, parse_date, squash_spaces

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_AUTHOR = re.compile(r"author|user|poster|readname|uname|nick|(?:^|[-_])name(?:$|[-_])", re.I)
_NOT_AUTHOR = re.compile(r"userinfo|user-info|usercard|avatar|face|pic|img|sign|level|group", re.I)
_QUOTE = "blockquote, .quote, .blockquote, .signature, .sign, .sig"
_POSTED = re.compile(r"(?:发表于|发表时间|发帖时间|发布于|发布时间|Posted(?: on)?)\s*[:：]?\s*(.{6,24})", re.I)
MIN_POSTS = 2
DOMINANT_SHARE = 0.5  # the floors hold at least this share of the page's Chinese text
_MAX_AUTHOR_CHARS = 24


@dataclass
class Post:
    """One floor: who wrote it, its element, when."""

    author: str
    element: HtmlElement
    posted: str | None


def find_posts(root: HtmlElement) -> list[Post]:
    """The floors of a thread page, in page order; [] when the page is not a thread."""
    best: list[Post] = []
    least = DOMINANT_SHARE * (cjk_count(root.text_content()) or 1)
    for parent in root.iter():
        if not isinstance(parent.tag, str):
            continue
        for group in _sibling_groups(parent):
            if sum(cjk_count(el.text_content()) for el in group) < max(least, _chars(best)):
                continue  # too little text to be the thread: no need to look for authors
            posts = [p for p in (_post(el) for el in group) if p]
            if len(posts) >= MIN_POSTS and len(posts) == len(group) and _chars(posts) > _chars(best):
                best = posts
    return best


def _chars(posts: list[Post]) -> int:
    return sum(cjk_count(p.element.text_content()) for p in posts)


def _sibling_groups(parent: HtmlElement) -> list[list[HtmlElement]]:
    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for child in parent:
        if isinstance(child.tag, str) and child.get("class"):
            groups.setdefault((child.tag, child.get("class", "")), []).append(child)
    return [g for g in groups.values() if len(g) >= MIN_POSTS]


def _post(element: HtmlElement) -> Post | None:
    for candidate in element.iter():
        if not isinstance(candidate.tag, str):
            continue
        marks = f"{candidate.get('class', '')} {candidate.get('id', '')}"
        if _AUTHOR.search(marks) and not _NOT_AUTHOR.search(marks):
            name = squash_spaces(candidate.text_content())
            if 0 < len(name) <= _MAX_AUTHOR_CHARS:
                posted = _POSTED.search(element.text_content())
                return Post(name, element, parse_date(posted.group(1)) if posted else None)
    return None


def starter_posts(posts: list[Post]) -> list[Post]:
    """The first floor and the consecutive floors after it by the same author."""
    taken = posts[:1]
    for post in posts[1:]:
        if post.author != taken[0].author:
            break
        taken.append(post)
    return taken


def post_text(post: Post) -> str:
    """The text of a floor without user panel, quotes, signature or link lists."""
    body = prune_chrome(post.element)
    for quote in body.cssselect(_QUOTE):
        if quote.getparent() is not None:
            quote.drop_tree()
    root = content_root(body)
    return join_lines(element_lines(drop_link_lists(root))) if root is not None else ""
