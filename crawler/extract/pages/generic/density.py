"""Main content by structure and text density: prune page furniture, find the element holding the paragraphs.

Used by the generic page type on pages of unknown templates. Chrome is recognised by
structure (nav/header/footer/aside, class or id words such as ``share``, ``crumb``,
``footer``, ``related``), never by the page's wording. The content root is the deepest
element holding nearly all of the page's Chinese paragraph text; link lists (sidebars of
headlines, related lists) carry no weight because their text is inside links.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from crawler.extract.pages.prune import pruned

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
_PARAGRAPH_TAGS = tuple(_BLOCK_TAGS | {"body", "span", "font"})
_CELLS = frozenset(("td", "th"))
_TABLE_PARTS = frozenset(("table", "thead", "tbody", "tfoot", "tr"))
MIN_TABLE_ROWS = 3
# Elements inside a table cell that make its table a layout table, not a table of data.
_LAYOUT_TAGS = frozenset("div table ul ol dl h1 h2 h3 h4 h5 h6 section article form iframe".split())
MIN_PARAGRAPH_CJK = 8
ROOT_SHARE = 0.85  # the content root holds at least this share of the page's paragraph text
MAX_LINK_SHARE = 0.5
# A link holding this much Chinese text in this many sentences is prose, not a headline.
LINKED_PROSE_CJK = 40
LINKED_PROSE_SENTENCES = 2
# A chrome-classed element holding more than this share of the page's text is the page itself
# (WeChat's <body class="wx_wap_page comment_feature …">), not furniture.
CHROME_MAX_SHARE = 0.5


def cjk_count(text: str) -> int:
    """Number of Chinese characters in a text."""
    return len(_CJK.findall(text))


def is_chrome_element(element: HtmlElement) -> bool:
    """Whether an element is page furniture by its tag or its class/id words."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in _FURNITURE_TAGS:
        return True
    if tag in ("html", "body"):
        return False
    return any(map(_chrome_token, f"{element.get('class', '')} {element.get('id', '')}".lower().split()))


@lru_cache(maxsize=4096)
def _chrome_token(token: str) -> bool:
    """Whether a class/id token names furniture (cached: templates repeat their classes)."""
    words = re.split(r"[-_]", token)
    if words[-1] in CONTENT_WORDS:
        return False  # detail-content, pages_content: the content itself
    return token in CHROME_WORDS or bool(CHROME_WORDS.intersection(words))


def _classed_wrapper(element: HtmlElement) -> bool:
    """Whether an element is chrome by its class/id words only (a wrapper may carry such words)."""
    return isinstance(element.tag, str) and element.tag.lower() not in _FURNITURE_TAGS


def prune_chrome(root: HtmlElement) -> HtmlElement:
    """A copy of the page without furniture elements (comments and processing instructions too)."""
    page_chars = cjk_count(root.text_content())

    def furniture(element: HtmlElement) -> bool:
        if isinstance(element.tag, str) and not is_chrome_element(element):
            return False
        # A class word on the page's own wrapper: it stays, its parts are judged.
        return not (_classed_wrapper(element) and cjk_count(element.text_content()) > CHROME_MAX_SHARE * page_chars)

    return pruned(root, furniture, tail=True)


def own_text(element: HtmlElement) -> tuple[str, int]:
    """Text an element holds itself (inline children included, block children not), and its link chars."""
    parts, link_chars = [element.text or ""], 0
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag not in _BLOCK_TAGS:
            inner = child.text_content() if tag else ""
            parts.append(inner)
            if tag == "a":
                link_chars += link_chars_of(inner)
            else:
                link_chars += sum(link_chars_of(a.text_content()) for a in child.iter("a"))
        parts.append(child.tail or "")
    return "".join(parts), link_chars


def link_chars_of(text: str) -> int:
    """Chinese characters of a link's text that count as link text: none when the link wraps
    running sentences (a whole article inside one ``<a>``, as some video-news templates write it)."""
    count = cjk_count(text)
    return 0 if count >= LINKED_PROSE_CJK and len(_SENTENCE.findall(text)) >= LINKED_PROSE_SENTENCES else count


def paragraph_weights(root: HtmlElement) -> dict[HtmlElement, int]:
    """Elements holding paragraph text (Chinese, not mostly links) → their Chinese character count.

    A paragraph holds a sentence (。，；…); a row of a table of data (a 行政处罚 or 人事任免 table:
    at least ``MIN_TABLE_ROWS`` rows of several cells without blocks inside) counts by its cells'
    text, sentences or not.
    """
    rows = data_rows(root)
    in_rows = {inner for row in rows for inner in row.iterdescendants()}
    weights = dict(rows)
    for element in root.iter(*_PARAGRAPH_TAGS):
        if element in in_rows:
            continue  # counted with its row
        text, links = own_text(element)
        if len(text) < MIN_PARAGRAPH_CJK:
            continue
        count = cjk_count(text)
        if count >= MIN_PARAGRAPH_CJK and links <= MAX_LINK_SHARE * count and _SENTENCE.search(text):
            weights.setdefault(element, count)
    return weights


def data_rows(root: HtmlElement) -> dict[HtmlElement, int]:
    """Rows of the data tables under ``root`` → their cells' Chinese character count (not the rows of a
    table of labelled fields, whose cells end in a colon)."""
    by_table: dict[HtmlElement, dict[HtmlElement, int]] = {}
    for row in root.iter("tr"):
        cells = [cell for cell in row if cell.tag in _CELLS]
        if len(cells) < 2 or any(inner.tag in _LAYOUT_TAGS for cell in cells for inner in cell.iterdescendants()):
            continue  # one cell, or cells holding blocks: a layout table
        texts = [cell.text_content().strip() for cell in cells]
        if any(text.endswith(("：", ":")) for text in texts):
            continue  # label and value cells (索引号： …): the 信息公开 table, fields, not text
        text = " ".join(texts)
        count = cjk_count(text)
        links = sum(link_chars_of(a.text_content()) for cell in cells for a in cell.iter("a"))
        if count >= MIN_PARAGRAPH_CJK and links <= MAX_LINK_SHARE * count:
            by_table.setdefault(row.getparent(), {})[row] = count
    return {row: count for rows in by_table.values() if len(rows) >= MIN_TABLE_ROWS for row, count in rows.items()}


def content_root(root: HtmlElement, weights: dict[HtmlElement, int] | None = None) -> HtmlElement | None:
    """The deepest element holding at least ``ROOT_SHARE`` of the page's paragraph text
    (``weights``: `paragraph_weights` of ``root``, when already computed)."""
    weights = paragraph_weights(root) if weights is None else weights
    total = sum(weights.values())
    if not total:
        return None
    subtree: dict[HtmlElement, int] = {}
    for element, weight in weights.items():
        for node in (element, *element.iterancestors()):
            subtree[node] = subtree.get(node, 0) + weight
    candidates = [el for el, weight in subtree.items() if weight >= ROOT_SHARE * total]
    found = max(candidates, key=lambda el: sum(1 for _ in el.iterancestors()))
    if found.tag in _TABLE_PARTS and any(el.tag == "tr" for el in weights if el is found or found in el.iterancestors()):
        while found.tag in _TABLE_PARTS and found.getparent() is not None:
            found = found.getparent()  # a table of data is part of a text: the root is what holds the table
    return found


def link_share(root: HtmlElement) -> float:
    """Share of the Chinese text of ``root`` that sits inside links (a list page is mostly links)."""
    total = cjk_count(root.text_content())
    return sum(link_chars_of(a.text_content()) for a in root.iter("a")) / total if total else 1.0


def drop_link_lists(root: HtmlElement, weights: dict[HtmlElement, int] | None = None) -> HtmlElement:
    """A copy of a content root without blocks that are mostly links (related headlines inside it).

    A block holding a paragraph stays, however many links it has: it is the article's own
    container. ``weights``: `paragraph_weights` of the page ``root`` belongs to, when computed.
    """
    weights = paragraph_weights(root) if weights is None else weights
    holding = {node for element in weights for node in (element, *element.iterancestors())}
    doomed = {el for el in root.iter("ul", "ol", "dl", "table", "div") if el not in holding and _is_link_block(el)}
    return pruned(root, doomed.__contains__, tail=True)


def _is_link_block(element: HtmlElement) -> bool:
    count = cjk_count(element.text_content())
    return count >= 4 and sum(cjk_count(a.text_content()) for a in element.iter("a")) > MAX_LINK_SHARE * count
