"""The article page of a government CMS: one body container, and the fields stated around it.

TRS WCM, gov.cn (UCAP) and 博达 VSB article pages share one shape: a title heading, an info line
(发布时间/来源/点击), sometimes a 信息公开 table, the body container, then 上一条/下一条 and the
footer. A family subclass names its body container and title selectors and how it is recognised;
this class reads the fields the same way for all of them.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from crawler.extract.pages.base import PageType, element_lines, preferred
from crawler.extract.pages.govfields import (
    first_date,
    info_date,
    info_source,
    labelled_fields,
    text_around,
    xxgk_fields,
)
from crawler.extract.pages.prune import pruned
from crawler.extract.text import join_lines, parse_date, squash_spaces
from crawler.extract.titles import GOV_TITLES, article_part

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Lines after the body that may still belong to the article (``来源：新华社`` under gov.cn policies).
_AFTER_BODY_LINES = 4
_TITLE_MAX_CHARS = 120
_INFO_LINES_WITHOUT_TITLE = 3


class GovArticle(PageType):
    """Base of the government CMS article page types; subclasses set ``BODY`` and ``matches``."""

    BODY: ClassVar[str]
    """CSS of body containers, alternatives in order of preference (`preferred`); of one
    alternative's matches the first (outermost) wins."""
    TITLE: ClassVar[str] = ""
    """CSS of the template's title element, when it has a fixed one."""
    BODY_CHROME: ClassVar[str] = "script, style"
    """CSS of elements inside the body container that are never content."""
    TITLE_META = 'meta[name="ArticleTitle"]::attr(content)'
    PUBLISHED_META = 'meta[name="PubDate"]::attr(content), meta[name="firstpublishedtime"]::attr(content)'
    SOURCE_META = 'meta[name="ContentSource"]::attr(content)'
    SELECTORS = {"title": ("TITLE", "TITLE_META", "TITLE_BEFORE_BODY"), "text": ("BODY",), "published": ("PUBLISHED_META",)}
    # Headings and title-classed elements before the body: the nearest one naming the page is the title.
    TITLE_BEFORE_BODY = (
        "preceding::*[self::h1 or self::h2 or self::h3 or contains(@class, 'title') or contains(@id, 'title')]"
        "[position() <= 8]"
    )

    @cached_property
    def body(self) -> HtmlElement | None:
        """The body container element, or None on pages without one (lists, 404 templates)."""
        found = preferred(self.sel, self.BODY)
        return found[0].root if found else None

    @cached_property
    def _around(self) -> tuple[list[str], list[str]]:
        return text_around(self.sel.root, self.body) if self.body is not None else ([], [])

    def text(self) -> str:
        """The body, one paragraph per line (credit lines under it are left to the clean stage)."""
        return join_lines(element_lines(pruned(self.body, self.BODY_CHROME))) if self.body is not None else ""

    def title(self) -> str:
        """The article title: template title element, ArticleTitle meta, heading before the body, <title>."""
        fixed = self.sel.css(self.TITLE).xpath("string()").get() if self.TITLE else None
        meta = self.sel.css(self.TITLE_META).get()
        return squash_spaces(fixed or meta or "") or self._heading() or self._page_title()

    def _page_title(self) -> str:
        return article_part(self.sel.css("title::text").get(default=""), GOV_TITLES)

    def _heading(self) -> str:
        """The heading nearest before the body, preferring one that <title> repeats."""
        if self.body is None:
            return ""
        page_title = self._page_title().replace(" ", "")
        found = [squash_spaces(e.text_content()) for e in reversed(self.body.xpath(self.TITLE_BEFORE_BODY))]
        found = [t for t in found if t and len(t) <= _TITLE_MAX_CHARS]
        named = [t for t in found if page_title and (t.replace(" ", "") in page_title or page_title in t.replace(" ", ""))]
        return (named or found or [""])[0]

    @cached_property
    def _info_lines(self) -> list[str]:
        """Lines between the title and the body (the 发布时间/来源 line); else the last few before the body."""
        before = self._around[0]
        title = self.title()
        starts = [i for i, line in enumerate(before) if title and title in line]
        return before[starts[-1] + 1 :] if starts else before[-_INFO_LINES_WITHOUT_TITLE:]

    @cached_property
    def _info(self) -> dict[str, str]:
        """Labelled fields of the info line."""
        return labelled_fields(self._info_lines)

    @cached_property
    def _labelled(self) -> dict[str, str]:
        """Labelled fields anywhere before the body, then just after it."""
        before, after = self._around
        return {**labelled_fields(after[:_AFTER_BODY_LINES]), **labelled_fields(before)}

    def published(self) -> str | None:
        """Publication date: date meta, the info line's 发布时间/日期, a 发布日期 row, a date under the title."""
        meta = parse_date(self.sel.css(self.PUBLISHED_META).get())
        return meta or info_date(self._info) or info_date(self._labelled) or first_date(self._info_lines)

    def source_name(self) -> str | None:
        """来源: source meta, the info line, a 来源 line near the body, else the 发布机构."""
        meta = squash_spaces(self.sel.css(self.SOURCE_META).get(default=""))
        return (
            meta
            or info_source(self._info)
            or info_source(self._labelled)
            or self.metadata().get("publisher")
        )

    def metadata(self) -> dict[str, str]:
        """The 信息公开 table (索引号, 发布机构, 成文日期 …) under the keys JCMS uses."""
        return xxgk_fields(self._labelled)
