"""Main content by structure and text density: prune page furniture, find the element holding the paragraphs.

Used by the generic page type on pages of unknown templates. Chrome is recognised by
structure (nav/header/footer/aside, class or id words such as ``share``, ``crumb``,
``footer``, ``related``), never by the page's wording. The content root is the deepest
element holding nearly all of the page's Chinese paragraph text; link lists (sidebars of
headlines, related lists) carry no weight because their text is inside links.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_CJK = re.compile(r"[\u3400-\u9fff]")
_SENTENCE = re.compile(r"[。；！？，]")
# Elements that never hold article text. Not <form>: 博达 VSB and ASP.NET pages wrap the whole article in one.
_FURNITURE_TAGS = frozenset(
    "script style noscript template nav header footer aside iframe object select textarea button input label head".split()
)
# Words of class/id values that mark furniture (compared per word of a token: art-foot → art, foot).
CHROME_WORDS = frozenset(
    """nav navbar menu topbar top-bar header footer foot crumb crumbs breadcrumb bread position location
    share bdshare sharebox social sidebar side aside related relate relates recommend hot rank ranking
    comment comments login logon register toolbar tools tool pager pagination pagenav prev next
    copyright ad ads advert banner qr qrcode wx weixin wechat search signature sign sig
    userinfo readuserinfo profile avatar tags tag print close fontsize font-size""".split()
)
# Last words of a token that mark the content container itself (art-body, pages_content): never pruned.
CONTENT_WORDS = frozenset("content article body main text zoom message msg tpc postbody".split())
_BLOCK_TAGS = frozenset(
    "address article blockquote center dd div dl dt figure h1 h2 h3 h4 h5 h6 li main ol p pre section table tbody td th tr ul".split()
)
MIN_PARAGRAPH_CJK = 8
ROOT_SHARE = 0.85  # the content root holds at least this share of the page's paragraph text
MAX_LINK_SHARE = 0.5


def cjk_count(text: str) -> int:
    """Number of Chinese characters in a text."""
    return len(_CJK.findall(text))


def is_chrome_element(element: HtmlElement) -> bool:
    """Whether an element is page furniture by its tag or its class/id words."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _FURNITURE_TAGS:
        return True
    for token in f"{element.get('class', '')} {element.get('id', '')}".lower().split():
        words = re.split(r"[-_]", token)
        if words[-1] in CONTENT_WORDS:
            continue  # detail-content, pages_content: the content itself
        if token in CHROME_WORDS or CHROME_WORDS.intersection(words):
            return True
    return False


def prune_chrome(root: HtmlElement) -> HtmlElement:
    """A copy of the page without furniture elements (comments and processing instructions too)."""
    copy = deepcopy(root)
    doomed = [el for el in copy.iter() if not isinstance(el.tag, str) or is_chrome_element(el)]
    for element in doomed:
        if element.getparent() is not None and not _inside(element, doomed):
            element.drop_tree()  # lxml.html: keeps the tail text
    return copy


def _inside(element: HtmlElement, doomed: list[HtmlElement]) -> bool:
    doomed_ids = {id(d) for d in doomed}
    return any(id(a) in doomed_ids for a in element.iterancestors())


def own_text(element: HtmlElement) -> tuple[str, int]:
    """Text an element holds itself (inline children included, block children not), and its link chars."""
    parts, link_chars = [element.text or ""], 0
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag not in _BLOCK_TAGS:
            inner = child.text_content() if tag else ""
            parts.append(inner)
            if tag == "a":
                link_chars += cjk_count(inner)
            else:
                link_chars += sum(cjk_count(a.text_content()) for a in child.iter("a"))
        parts.append(child.tail or "")
    return "".join(parts), link_chars


def paragraph_weights(root: HtmlElement) -> dict[HtmlElement, int]:
    """Elements holding paragraph text (Chinese, not mostly links) → their Chinese character count."""
    weights: dict[HtmlElement, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.lower() not in _BLOCK_TAGS | {"body", "span", "font"}:
            continue
        text, links = own_text(element)
        count = cjk_count(text)
        if count >= MIN_PARAGRAPH_CJK and links <= MAX_LINK_SHARE * count and _SENTENCE.search(text):
            weights[element] = count
    return weights


def content_root(root: HtmlElement) -> HtmlElement | None:
    """The deepest element holding at least ``ROOT_SHARE`` of the page's paragraph text."""
    weights = paragraph_weights(root)
    total = sum(weights.values())
    if not total:
        return None
    subtree: dict[HtmlElement, int] = {}
    for element, weight in weights.items():
        for node in (element, *element.iterancestors()):
            subtree[node] = subtree.get(node, 0) + weight
    candidates = [el for el, weight in subtree.items() if weight >= ROOT_SHARE * total]
    return max(candidates, key=lambda el: sum(1 for _ in el.iterancestors()))


def link_share(root: HtmlElement) -> float:
    """Share of the Chinese text of ``root`` that sits inside links (a list page is mostly links)."""
    total = cjk_count(root.text_content())
    return sum(cjk_count(a.text_content()) for a in root.iter("a")) / total if total else 1.0


def drop_link_lists(root: HtmlElement) -> HtmlElement:
    """A copy of a content root without blocks that are mostly links (related headlines inside it)."""
    copy = deepcopy(root)
    for element in list(copy.iter("ul", "ol", "dl", "table", "div")):
        text = element.text_content()
        count = cjk_count(text)
        links = sum(cjk_count(a.text_content()) for a in element.iter("a"))
        if count >= 4 and links > MAX_LINK_SHARE * count and element.getparent() is not None:
            element.drop_tree()
    return copy
