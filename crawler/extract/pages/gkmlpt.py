"""Guangdong's 政府信息公开目录管理平台 (gkmlpt): one platform behind every Guangdong portal's 信息公开 pages.

Example: https://www.gz.gov.cn/gkmlpt/content/7/7943/post_7943260.html (``mpost_`` on the mobile
side), the same template on the province's, each city's, county's and bureau's site. The page carries the
national portal metas (``ArticleTitle``, ``PubDate``, ``ContentSource``), a 信息公开 table of label
and value cells (索引号, 分类, 发布机构, 成文日期, 名称, 文号, 发布日期) above the title, and the body in
``div.article-content``. The page's script also holds the document as JSON
(``window._CONFIG = {…, DETAIL: {"title": …, "content": "<p>…", "identifier": …}}``), named as the
platform's list API names them; where the template leaves the body to that script, the JSON gives
body and fields.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

from parsel import Selector

from crawler.extract.pages.base import fragment_lines
from crawler.extract.pages.govpage import GovArticle
from crawler.extract.text import join_lines, parse_date, squash_spaces

URL_PATTERN = re.compile(r"/gkmlpt/content/\d+/\d+/m?post_\d+\.html?(?:[?#].*)?$", re.I)
_DETAIL = re.compile(r"\bDETAIL\s*[:=]\s*(?=\{)")
_CONFIG = re.compile(r"window\._CONFIG\s*=")
_CHINA = timedelta(hours=8)
# DETAIL keys → the metadata keys of the 信息公开 table.
DETAIL_FIELDS = {
    "identifier": "index_no", "classify_main_name": "category", "publisher": "publisher",
    "document_number": "doc_no", "date": "written_on",
}
_DATE_KEYS = frozenset({"date", "display_publish_time", "created_at"})


class GkmlptArticle(GovArticle):
    """A document page of Guangdong's gkmlpt platform."""

    name = "gkmlpt"

    BODY = "div.article-content"

    @classmethod
    def matches(cls, url: str, sel: Selector) -> bool:
        """The platform's body container on a gkmlpt content URL, or its ``_CONFIG`` script holding the
        document. A gkmlpt URL showing neither is another template: the generic page type reads it."""
        if URL_PATTERN.search(url) and sel.css(cls.BODY):
            return True
        scripts = " ".join(sel.xpath("//script[not(@src)]/text()").getall())
        if not (_CONFIG.search(scripts) and _DETAIL.search(scripts)):
            return False
        return bool(URL_PATTERN.search(url)) or "gkmlpt" in scripts

    @cached_property
    def detail(self) -> dict[str, Any]:
        """The document as the page's script states it ({} when the page holds no DETAIL object)."""
        for script in self.sel.xpath("//script[not(@src)]/text()").getall():
            found = _DETAIL.search(script)
            if found:
                try:
                    value, _ = json.JSONDecoder().raw_decode(script, found.end())
                except ValueError:
                    continue
                if isinstance(value, dict):
                    return value
        return {}

    def text(self) -> str:
        """The body of ``div.article-content``, else the HTML of DETAIL's ``content``."""
        rendered = super().text()
        if rendered or not isinstance(self.detail.get("content"), str):
            return rendered
        return join_lines(fragment_lines(self.detail["content"]))

    def title(self) -> str:
        """ArticleTitle, DETAIL's title, then what government article pages fall back on."""
        stated = self.sel.css(self.TITLE_META).get() or self.detail.get("title")
        return squash_spaces(str(stated)) if stated else super().title()

    def published(self) -> str | None:
        return super().published() or self._detail_date("display_publish_time") or self._detail_date("created_at")

    def metadata(self) -> dict[str, str]:
        """The 信息公开 table, completed by DETAIL's fields where the table is not on the page."""
        found = {key: self._detail_value(name) for name, key in DETAIL_FIELDS.items()}
        return {**{k: v for k, v in found.items() if v}, **super().metadata()}

    def _detail_value(self, name: str) -> str | None:
        return self._detail_date(name) if name in _DATE_KEYS else (squash_spaces(str(self.detail.get(name) or "")) or None)

    def _detail_date(self, name: str) -> str | None:
        """A DETAIL date: unix seconds (the platform's own form, read in China's time) or a written date."""
        value = self.detail.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return (datetime.fromtimestamp(value, UTC) + _CHINA).date().isoformat()
        return parse_date(value) if isinstance(value, str) else None
