"""大汉 (Hanweb) JCMS article pages, as on Zhejiang government portals.

Example: https://www.wenzhou.gov.cn/art/2021/3/1/art_1229117804_59100001.html
The body sits between ``<meta name="ContentStart">`` and ``<meta name="ContentEnd">``
inside ``div#zoom``; the 信息公开 table above it holds 索引号, 发布机构, 成文日期 …;
the 发布日期/浏览次数/字体 line and 打印本页/关闭窗口 are chrome.
"""

from __future__ import annotations

import re
from itertools import pairwise

from parsel import Selector

from crawler.extract.pages.base import PageType, element_lines, fragment_lines
from crawler.extract.pages.govfields import xxgk_fields
from crawler.extract.text import join_lines, parse_date, squash_spaces, strip_label


def _between(start: str, end: str) -> re.Pattern[str]:
    return re.compile(start + r"(.*?)" + end, re.S | re.I)


# Content markers, newest form first. Old IE-serialized pages write <META name=ContentStart>.
_BODY_MARKERS = (
    _between(r"<meta\s+name=[\"']?ContentStart[\"']?[^>]*>", r"<meta\s+name=[\"']?ContentEnd"),
    _between(r"<!--<\$\[信息内容\]>begin-->", r"<!--<\$\[信息内容\]>end-->"),
)
_PUBLISHED_MARKER = _between(r"<!--<\$\[发布日期\]>begin-->", r"<!--<\$\[发布日期\]>end-->")
_SOURCE_MARKER = _between(r"<!--<\$\[信息来源\]>begin-->", r"<!--<\$\[信息来源\]>end-->")
_TAGS = re.compile(r"<[^>]+>")


class JcmsArticle(PageType):
    """An article of a JCMS column (信息公开 or plain news layout)."""

    name = "jcms"

    TITLE_META = 'meta[name="ArticleTitle"]::attr(content)'
    TITLE_CELL = "td.title"
    PUBLISHED_META = 'meta[name="PubDate"]::attr(content)'
    SOURCE_META = 'meta[name="ContentSource"]::attr(content)'
    BODY = "#zoom, .zc_article_con, .bt_content"
    XXGK_CELLS = "td, th"
    SELECTORS = {"title": ("TITLE_META", "TITLE_CELL"), "text": ("BODY",), "published": ("PUBLISHED_META",)}

    # JCMS's own markers: its article metas and its hit counter, loaded by a script of the page itself.
    # Links to JCMS pages (/art/…, …/articlehits.jsp) prove nothing: any portal links to others.
    MARKERS = (
        'meta[name="i_articleid"], meta[name="ContentStart"], meta[name="contentstart"], '
        'script[src*="/module/visitcount/articlehits.jsp"]'
    )
    OTHER_EDITORS = "div.TRS_Editor, div.TRS_UEDITOR, div.trs_editor_view, [id='UCAP-CONTENT']"
    CONTENT_START = 'meta[name="ContentStart"], meta[name="contentstart"]'

    @classmethod
    def matches(cls, url: str, sel: Selector) -> bool:
        """JCMS's own markers, on a page whose body no other CMS's editor wrote. Another editor's
        markup inside JCMS's own body is pasted content (a county reposting a www.gov.cn policy
        keeps its ``div.TRS_UEDITOR``): the page is still JCMS."""
        if not sel.css(cls.MARKERS):
            return False
        containers = {found.root for found in sel.css(cls.BODY)} | {
            parent for parent in (meta.root.getparent() for meta in sel.css(cls.CONTENT_START)) if parent is not None
        }
        return all(any(a in containers for a in other.root.iterancestors()) for other in sel.css(cls.OTHER_EDITORS))

    def title(self) -> str:
        title = self.sel.css(self.TITLE_META).get() or self.sel.css(self.TITLE_CELL).xpath("string()").get()
        return squash_spaces(title or self.sel.css("title::text").get(default=""))

    def published(self) -> str | None:
        marked = _PUBLISHED_MARKER.search(self.html)
        return parse_date(marked.group(1) if marked else self.sel.css(self.PUBLISHED_META).get())

    def source_name(self) -> str | None:
        marked = _SOURCE_MARKER.search(self.html)
        source = _TAGS.sub("", marked.group(1)) if marked else self.sel.css(self.SOURCE_META).get()
        return squash_spaces(source) or None if source else None

    def text(self) -> str:
        for marker in _BODY_MARKERS:
            found = marker.search(self.html)
            if found:
                return join_lines(fragment_lines(found.group(1)))
        body = self.sel.css(self.BODY)
        return join_lines(element_lines(body[0].root)) if body else ""

    def metadata(self) -> dict[str, str]:
        """The 信息公开 table: label cells (索引号：) followed by their value cells."""
        cells = [squash_spaces(c.xpath("string()").get(default="")) for c in self.sel.css(self.XXGK_CELLS)]
        labelled: dict[str, str] = {}
        for label, value in pairwise(cells):
            if label.endswith(("：", ":")) and value:
                labelled.setdefault(strip_label(label), value)
        return xxgk_fields(labelled)
