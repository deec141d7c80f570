"""www.gov.cn article pages (UCAP CMS): news layout and the 政策 library layout.

News layout, e.g. https://www.gov.cn/xinwen/2023-01/20/content_5738123.htm: ``h1#ti``, a
``div.pages-date`` line (``2023-01-20 10:15  来源： 贵州日报`` + 字体/打印), the body
``div.pages_content#UCAP-CONTENT``, then ``div.editor`` (责任编辑) and share links.
Policy layout, e.g. https://www.gov.cn/zhengce/content/2021-03/13/content_5592671.htm: a
``table.bd1`` of 索引号/主题分类/发文机关/成文日期/标题/发文字号/发布日期, ``div.share-title``, the body
``td.b12c#UCAP-CONTENT`` (holding a ``div.TRS_UEDITOR``), then ``来源：新华社`` below it.
Both carry ``meta firstpublishedtime`` (``2021-03-12-15:57:00``).
"""

from __future__ import annotations

from parsel import Selector

from crawler.extract.pages.govpage import GovArticle


class GovcnArticle(GovArticle):
    """An article or policy page of www.gov.cn (or another UCAP-built portal)."""

    name = "govcn"

    BODY = '[id="UCAP-CONTENT"]'
    TITLE = "h1#ti, div.share-title"

    @classmethod
    def matches(cls, url: str, sel: Selector) -> bool:
        """UCAP's body container id."""
        return bool(sel.css(cls.BODY))
