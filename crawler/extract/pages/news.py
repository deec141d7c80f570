"""City news portal articles of the ``/system/YYYY/MM/DD/NNNNNNNNN.shtml`` family.

Example: http://news.cnnb.com.cn/system/2021/07/06/030266345.shtml (also 丽水网, 沈阳网, 东北新闻网 …).
These portals run the ENP CMS: an ``<!--enpproperty <date>…</date><author>…</author><title>…</title>
/enpproperty-->`` comment and the body between ``<!--enpcontent-->`` and ``<!--/enpcontent-->``
(both markers are sometimes doubled), inside a ``div.TRS_Editor`` / ``div.article`` / ``#zoom``.
Under the ``h1`` an info line ``2021-03-26 17:32:08  来源：丽水日报  作者：记者 张三`` gives the date,
source and author; after the body come ``编辑：… 审核：…`` lines, share/print/QR blocks, 相关新闻 and
the footer. The body itself often ends in ``（来源：丽水日报）`` and editor lines: they become fields.
Long articles are split over ``N_2.shtml`` pages; each page yields its own part (the spider follows).
"""

from __future__ import annotations

import re
from functools import cached_property

from lxml import html as lxml_html
from parsel import Selector

from crawler.extract.chrome import COMMENTS, CRUMBS, PAGER, PREV_NEXT, QR, RELATED, TOOLS_AT_LINE_START, words
from crawler.extract.pages.base import PageType, element_lines
from crawler.extract.pages.prune import pruned
from crawler.extract.text import clean_line, labelled_values, parse_date, squash_spaces
from crawler.extract.titles import NEWS_TITLES, first_part

URL_PATTERN = re.compile(r"/system/\d{4}/\d{2}/\d{2}/\d+(?:_\d+)?\.s?html?(?:[?#].*)?$", re.I)
_ENP_CONTENT = re.compile(r"<!--\s*enpcontent\s*-->(.*?)<!--\s*/enpcontent\s*-->", re.S | re.I)
_ENP_PROPERTY = re.compile(r"<!--\s*enpproperty(.*?)/enpproperty\s*-->", re.S | re.I)
_TAGS = re.compile(r"<[^>]+>")

# Labels of the info line and of the editor lines; a value runs to the next label.
_INFO_LABELS = re.compile(
    r"((?:文章|信息)?来源|稿源|作者|记者|责任编辑|值班编辑|编辑|责编|审核|终审|审校|校对|发布时间|发布日期|时间|点击|浏览|阅读)\s*[:：]"
)
_SOURCE_KEYS = {"来源": "source", "稿源": "source", "文章来源": "source", "信息来源": "source"}
_EDITOR_KEYS = {"责任编辑": "editor", "值班编辑": "editor", "编辑": "editor", "责编": "editor",
                "审核": "reviewer", "终审": "reviewer", "审校": "reviewer", "校对": "proofreader"}
# A line that is nothing but a source note, e.g. ``（来源：丽水日报）`` or ``来源:丽水网``.
_SOURCE_LINE = re.compile(r"^[（(\[【]?\s*(?:文章|信息)?(?:来源|稿源)\s*[:：]")
# The info line when it sits inside the body container: ``2021-03-26 17:32 来源：… 作者：…``.
_INFO_LINE = re.compile(r"^(?:发布时间[:：]\s*)?\d{4}\s*[-年/].{0,80}(?:来源|作者|点击|浏览)\s*[:：]")
# A line made of editor labels and names only: ``编辑：赵六 审核：钱七``, ``【责任编辑：王五】``.
_EDITOR_LINE = re.compile(r"^[（(\[【]?\s*(?:责任编辑|值班编辑|编辑|责编|审核|终审|审校|校对|监制|签发)\s*[:：]")
# Chrome lines: share/print/font-size, QR/WeChat prompts, related lists, prev/next, comments, footer.
NEWS_CHROME = ("微信扫一扫", r"关注.{0,12}(?:公众号|微信)", "版权所有", "Copyright", "ICP")
"""The news portals' own chrome words, beside the vocabulary's (crawler/extract/chrome.py)."""
_CHROME_LINE = re.compile(
    rf"^[【\[]?(?:{words(TOOLS_AT_LINE_START, QR, RELATED, PREV_NEXT, COMMENTS, CRUMBS, NEWS_CHROME)})", re.I,
)
_CHROME_MAX_CHARS = 60
# Page navigation of a multi-page article: ``第1页 第2页 下一页``, ``上一页 1 2 3 下一页``.
_PAGE_NAV_LINE = re.compile(rf"^(?:(?:第\s*\d+\s*页|\d+|{words(PAGER)}|全文|共\s*\d+\s*页)\s*)+$")
_PHOTO_CREDIT = re.compile(r"[（(][^（）()]{0,20}摄[)）]$")


class NewsArticle(PageType):
    """An article page of a city news portal (ENP CMS, ``/system/…/N.shtml``)."""

    name = "news"

    # Body containers, most specific first; the deepest one holding most of the text wins.
    BODY = ("div.TRS_Editor, div.TRS_UEDITOR, #rwb_zw, #ozoom, #zoom, #content_body, div.article-content, "
            "div.article, div.content, div.text, div.main_text, div.contentText")
    TITLE_NEAR_BODY = ".//h1 | .//*[contains(concat(' ', normalize-space(@class), ' '), ' title ')]"
    SELECTORS = {"title": ("TITLE_NEAR_BODY",), "text": ("BODY",)}
    # Elements inside or around the body that are never content.
    CHROME = (
        "script, style, h1, #pages, .pages, .page, .pagination, [id^=div_page_roll], #div_currpage, "
        ".share, .bdshare, .bdsharebuttonbox, .print, .fontsize, .font, .qrcode, .ewm, .erweima, .weixin, "
        ".editor, .related, .xgxw, .comment, .footer, .copyright"
    )

    @classmethod
    def matches(cls, url: str, sel: Selector) -> bool:
        """``/system/YYYY/MM/DD/N.shtml`` and the ENP markers or a titled body container."""
        if not URL_PATTERN.search(url):
            return False
        page = sel.get() or ""
        return bool(_ENP_CONTENT.search(page) or _ENP_PROPERTY.search(page) or (sel.css("h1") and sel.css(cls.BODY)))

    # -- the document's fields ------------------------------------------------------------------

    def text(self) -> str:
        """The story's paragraphs ("" on a page without a story body)."""
        return "\n".join(self._body_lines[0])

    def title(self) -> str:
        """The article heading nearest the body, else the ENP title, else ``<title>`` before ``_site``."""
        return self.heading(self._anchor) if self._anchor is not None else ""

    def published(self) -> str | None:
        """``YYYY-MM-DD`` from the ENP date, else from the info line."""
        return parse_date(_enp_field(self.html, "date")) or parse_date(self._info.get("date"))

    def source_name(self) -> str | None:
        """The info line's 来源, else the body's 来源 line."""
        return self._info.get("source") or self._body_lines[1]

    def metadata(self) -> dict[str, str]:
        """Editors (编辑, 审核, under the body or after it) and the author."""
        if self._anchor is None:
            return {}
        metadata = {**self._body_lines[2], **self.trailer_editors(self._anchor)}
        if self._info.get("author"):
            metadata["author"] = self._info["author"]
        return metadata

    @cached_property
    def _densest(self) -> lxml_html.HtmlElement | None:
        return _densest(self.sel.css(self.BODY))

    @cached_property
    def _body(self) -> lxml_html.HtmlElement | None:
        """The ENP fragment, else the densest body candidate."""
        body = self.enp_body()
        return body if body is not None else self._densest

    @cached_property
    def _anchor(self) -> lxml_html.HtmlElement | None:
        """Where the story sits in the page (title and info line are found around it)."""
        return self._densest if self._densest is not None else self._body

    @cached_property
    def _body_lines(self) -> tuple[list[str], str | None, dict[str, str]]:
        return self.body_lines(self._body) if self._body is not None else ([], None, {})

    @cached_property
    def _info(self) -> dict[str, str]:
        return self.info(self._anchor) if self._anchor is not None else {}

    # -- body ----------------------------------------------------------------------------------

    def enp_body(self) -> lxml_html.HtmlElement | None:
        """The ``<!--enpcontent-->`` fragment, when the page has a non-empty one."""
        marked = _ENP_CONTENT.search(self.html)
        if marked and _TAGS.sub("", marked.group(1)).strip():
            return lxml_html.fragment_fromstring(marked.group(1), create_parent="div")
        return None

    def body_lines(self, body: lxml_html.HtmlElement) -> tuple[list[str], str | None, dict[str, str]]:
        """Paragraph lines of the body without chrome; the 来源 line and editor lines as fields."""
        source: str | None = None
        editors: dict[str, str] = {}
        lines: list[str] = []
        for line in (clean_line(raw) for raw in element_lines(_without_chrome(body, self.CHROME))):
            if not line:
                continue
            if _SOURCE_LINE.match(line):
                named = _labelled(line, _SOURCE_KEYS).get("source", "")
                source = source or next(iter(named.split()), None)
            elif _EDITOR_LINE.match(line):
                editors = {**_labelled(line, _EDITOR_KEYS), **editors}
            elif not (_INFO_LINE.match(line) or _is_chrome(line)):
                lines.append(line)
        return lines, source, editors

    # -- fields around the body ------------------------------------------------------------------

    def heading(self, body: lxml_html.HtmlElement) -> str:
        """The article heading nearest ``body``, else the ENP title, else ``<title>`` before ``_site``."""
        for ancestor in body.iterancestors():
            for heading in ancestor.xpath(self.TITLE_NEAR_BODY):
                text = squash_spaces(heading.text_content())
                if text:
                    return text
        enp = _enp_field(self.html, "title")
        if enp:
            return enp
        page_title = squash_spaces(self.sel.css("title::text").get(default=""))
        return first_part(page_title, NEWS_TITLES)

    def info(self, body: lxml_html.HtmlElement) -> dict[str, str]:
        """Date, source and author from the info line between the heading and the body."""
        text = _info_text(body)
        fields = _labelled(text, {**_SOURCE_KEYS, "作者": "author", "记者": "author"})
        if fields.get("source"):
            fields["source"] = fields["source"].split()[0]
        fields["date"] = text
        return fields

    def trailer_editors(self, body: lxml_html.HtmlElement) -> dict[str, str]:
        """``编辑：… 审核：…`` printed right after the body (e.g. ``div.editor``)."""
        for sibling in _following_text(body):
            for line in sibling.splitlines():
                line = clean_line(line)
                if _EDITOR_LINE.match(line):
                    return _labelled(line, _EDITOR_KEYS)
        return {}


def _densest(candidates: list[Selector]) -> lxml_html.HtmlElement | None:
    """Of nested candidate containers, the deepest one holding at least 80% of the largest text."""
    sized = [(len("".join(c.root.xpath(".//p//text()"))) or len(c.root.text_content()), c.root) for c in candidates]
    if not sized:
        return None
    largest = max(size for size, _ in sized)
    if largest == 0:
        return None
    big = [node for size, node in sized if size >= 0.8 * largest]
    return max(big, key=lambda node: len(list(node.iterancestors())))


def _without_chrome(body: lxml_html.HtmlElement, chrome: str) -> lxml_html.HtmlElement:
    """A copy of the body without chrome elements, image-only paragraphs and their photo captions."""
    body = pruned(body, chrome)
    for image in body.xpath(".//img"):
        holder = image.getparent()
        if holder is not None and holder is not body and not squash_spaces(holder.text_content()):
            caption = holder.getnext()
            if caption is not None and _PHOTO_CREDIT.search(squash_spaces(caption.text_content())):
                _drop(caption)
    return body


def _drop(node: lxml_html.HtmlElement) -> None:
    """Remove an element but keep its tail text."""
    if node.getparent() is not None:
        node.drop_tree()


def _is_chrome(line: str) -> bool:
    return bool(_PAGE_NAV_LINE.match(line) or (len(line) <= _CHROME_MAX_CHARS and _CHROME_LINE.match(line)))


def _labelled(text: str, keys: dict[str, str]) -> dict[str, str]:
    """``label：value`` pairs of a line whose values run to the next label, for the given labels."""
    found: dict[str, str] = {}
    for label, raw, _ in labelled_values(text, _INFO_LABELS):
        key = keys.get(label)
        value = squash_spaces(re.sub(r"[【】\[\]（）()]", " ", raw.split("\n")[0]))
        if key and value and key not in found:
            found[key] = value
    return found


def _info_text(body: lxml_html.HtmlElement) -> str:
    """Text of the elements before the body, up to its heading, at the first level that has a date."""
    node = body
    for _ in range(3):
        parent = node.getparent()
        if parent is None:
            break
        texts = ["\n".join(element_lines(s)) for s in node.itersiblings(preceding=True) if s.tag != "h1"]
        for text in texts:
            if parse_date(text) and len(squash_spaces(text)) < 200:
                return text
        node = parent
    return ""


def _following_text(body: lxml_html.HtmlElement) -> list[str]:
    """Texts of the elements after the body, nearest first, up to two levels up."""
    texts: list[str] = []
    node = body
    for _ in range(3):
        texts += ["\n".join(element_lines(s)) for s in node.itersiblings() if isinstance(s.tag, str)]
        node = node.getparent()
        if node is None:
            break
    return texts


def _enp_field(page: str, name: str) -> str | None:
    """A field of the ``<!--enpproperty …/enpproperty-->`` comment, tags removed."""
    block = _ENP_PROPERTY.search(page)
    found = re.search(rf"<{name}>(.*?)</{name}>", block.group(1), re.S) if block else None
    return squash_spaces(_TAGS.sub("", found.group(1))) or None if found else None

