"""Any page of an unknown template: forum floors, text density and trafilatura find the main text.

Order: a thread page (repeated floors with authors) gives the starter's consecutive posts;
an article page gives the content root found by text density on the page pruned of its
furniture, unless trafilatura (run on the same pruned page) recovers far more text — then the
density root was a fragment. Trafilatura alone tends to pull in headline boxes that are not
marked as sidebars and to miss floors of forum threads.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.etree import tostring

from crawler.extract.fallback import extract_main_text
from crawler.extract.items import Draft
from crawler.extract.pages.base import PageType, element_lines
from crawler.extract.pages.generic.density import cjk_count, content_root, drop_link_lists, link_share, prune_chrome
from crawler.extract.pages.generic.forum import find_posts, post_text, starter_posts
from crawler.extract.text import join_lines, parse_date, squash_spaces

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_DATE_LABEL = re.compile(r"(?:发布时间|发布日期|发表时间|发表于|更新时间|日期|时间)\s*[:：]?\s*((?:19|20)\d{2}[^\n]{4,16})")
_BARE_DATE = re.compile(r"^\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)(?:\s|$)")
_SOURCE_LABEL = re.compile(r"(?:信息来源|文章来源|稿件来源|来源)\s*[:：]\s*([^\s|｜]{2,30})")
# The density root is trusted unless trafilatura finds far more text (the root is then a fragment).
TRAFILATURA_GAIN = 1.6
# A page without paragraph text whose Chinese text is mostly links is a list page, not an article.
LIST_PAGE_LINK_SHARE = 0.5
_INFO_LINE_MAX = 80


class GenericArticle(PageType):
    """Fallback page type for pages of unknown templates (articles and forum threads)."""

    name = "generic"
    HEADINGS = "h1, h2, h3"

    def drafts(self) -> list[Draft]:
        root = self.sel.root
        pruned = prune_chrome(root)
        posts = find_posts(root)
        if posts:
            starter = starter_posts(posts)
            text = "\n".join(t for t in (post_text(p) for p in starter) if t)
            published = starter[0].posted
        else:
            text, published = self.article_text(pruned), None
        if not text:
            return []
        pruned_lines = element_lines(pruned)
        return [
            Draft(
                url=self.url,
                title=self.title(),
                text=text,
                page_type=self.name,
                published=published or self.published(pruned_lines),
                source_name=self.source_name(pruned_lines, text),
            )
        ]

    def article_text(self, pruned: HtmlElement) -> str:
        """Density root of the page pruned of chrome, or trafilatura's text when it holds far more."""
        found = content_root(pruned)
        if found is None and link_share(pruned) > LIST_PAGE_LINK_SHARE:
            return ""  # a list of links (column page, forum index): no article on it
        dense = join_lines(element_lines(drop_link_lists(found))) if found is not None else ""
        extracted = extract_main_text(tostring(pruned, encoding="unicode"), self.url)
        other = join_lines(extracted.text.splitlines()) if extracted else ""
        return other if cjk_count(other) > TRAFILATURA_GAIN * cjk_count(dense) else dense

    def title(self) -> str:
        """The heading that the <title> starts with, else the first h1, else <title>."""
        page_title = squash_spaces(self.sel.css("title::text").get(default=""))
        headings = [squash_spaces(h.xpath("string()").get(default="")) for h in self.sel.css(self.HEADINGS)]
        for heading in headings:
            if heading and page_title.startswith(heading):
                return heading
        first_h1 = squash_spaces(self.sel.css("h1").xpath("string()").get(default=""))
        return first_h1 or page_title

    def published(self, lines: list[str]) -> str | None:
        """The first labelled date (发布时间：…) of a short info line, or a line starting with a date."""
        for line in lines:
            if len(line.strip()) > _INFO_LINE_MAX:
                continue
            found = _DATE_LABEL.search(line) or _BARE_DATE.match(line)
            if found and parse_date(found.group(1)):
                return parse_date(found.group(1))
        return None

    def source_name(self, lines: list[str], text: str) -> str | None:
        """来源：… of a short info line outside the extracted text."""
        for line in lines:
            line = squash_spaces(line)
            if len(line) <= _INFO_LINE_MAX and line not in text:
                found = _SOURCE_LABEL.search(line)
                if found:
                    return found.group(1)
        return None
