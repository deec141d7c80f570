"""Any page of an unknown template: forum floors, or the article lines several extractors agree on.

Order: a thread page (repeated floors with authors) gives the starter's consecutive posts.
An article page gives the lines of its density root (the page pruned of furniture, the element
holding its prose) that a second extractor confirms: trafilatura on the same pruned tree, and,
only where trafilatura leaves lines unconfirmed, readability on the page (``consensus.py``).
The density root alone takes every block of prose near the article (disclaimers, comment rules,
promotional blurbs); trafilatura alone misses articles whose container it does not know, or
takes link boxes. When the others confirm less than a third of the density text, they missed
the article and the density root stands. When the root is one container of paragraphs (each
the root or its child), nothing sits beside the article to veto and no second opinion is asked
(two thirds of real pages: the generic type then costs less than trafilatura alone). Where the density root finds no prose, trafilatura's
text stands alone; a page that is mostly links (a column list, a forum index) holds no article.
On the dev set of 235 real news pages this scores F 0.94 against trafilatura's 0.85
(``benchmarks/real_pages.py``).
"""

from __future__ import annotations

import re
from copy import deepcopy
from functools import cached_property
from typing import TYPE_CHECKING, Any

from crawler.extract.fallback import MAX_CHARS, main_text
from crawler.extract.pages.base import PageType, element_lines
from crawler.extract.pages.generic.consensus import kept_lines, pool_of, unconfirmed, without_repeats
from crawler.extract.pages.generic.density import (
    content_root,
    drop_link_lists,
    link_share,
    paragraph_weights,
    prune_chrome,
)
from crawler.extract.pages.generic.fields import lines_beside, page_title, published
from crawler.extract.pages.generic.forum import find_posts, post_text, starter_posts
from crawler.extract.pages.generic.readable import readable_lines
from crawler.extract.pages.govfields import labelled_fields, xxgk_fields
from crawler.extract.text import clean_line, join_lines, squash_spaces

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_SOURCE_LABEL = re.compile(r"(?:信息来源|文章来源|稿件来源|来源)\s*[:：]\s*([^\s|｜]{2,30})")
# A page without paragraph text whose Chinese text is mostly links is a list page, not an article.
LIST_PAGE_LINK_SHARE = 0.5
_INFO_LINE_MAX = 80
SOURCE_LINES_AFTER = 4  # 来源 lines under the text (``来源：新华社``)
XXGK_LINES = 24  # lines above the text read for the 信息公开 table (索引号, 发布机构, 成文日期, 文号 …)
# The others must confirm this share of the density text's characters for their vote to count.
QUORUM = 1 / 3


class GenericArticle(PageType):
    """Fallback page type for pages of unknown templates (articles and forum threads)."""

    name = "generic"

    @cached_property
    def pruned(self) -> HtmlElement:
        """The page without its furniture."""
        return prune_chrome(self.sel.root)

    @cached_property
    def weights(self) -> dict[HtmlElement, int]:
        """Paragraphs of the pruned page and their weights (computed once: the big page's cost)."""
        return paragraph_weights(self.pruned)

    @cached_property
    def text_root(self) -> HtmlElement | None:
        """The density root: the element of the pruned page holding its prose."""
        return content_root(self.pruned, self.weights)

    def title(self) -> str:
        return self._fields["title"] or ""

    def text(self) -> str:
        return self._fields["text"] or ""

    def published(self) -> str | None:
        return self._fields["published"]

    def source_name(self) -> str | None:
        return self._fields["source_name"]

    def metadata(self) -> dict[str, str]:
        return self._fields["metadata"]

    @cached_property
    def _fields(self) -> dict[str, Any]:
        """The document's fields, read in the order the extraction needs."""
        # Title and the lines beside the text first: the vote hands the pruned page to trafilatura,
        # which cleans it in place.
        title = page_title(self.sel, self.text_root)
        beside = self.lines_beside_root()
        posts = find_posts(self.sel.root)
        if posts:
            starter = starter_posts(posts)
            text = "\n".join(t for t in (post_text(p) for p in starter) if t)
            date = starter[0].posted
        else:
            text, date = self.article_text(), None
        if not text:
            return {"title": title, "text": "", "published": None, "source_name": None, "metadata": {}}
        before, after = beside[0] + self.head_lines(text), beside[1]
        return {
            "title": title, "text": text, "published": date or published(self.sel, self.html, self.url, before),
            "source_name": self.source_in(before + after, text), "metadata": xxgk_fields(labelled_fields(before)),
        }

    @cached_property
    def root_lines(self) -> list[str]:
        """Lines of the density root, link lists dropped."""
        if self.text_root is None:
            return []
        return [c for c in map(clean_line, element_lines(drop_link_lists(self.text_root, self.weights))) if c]

    def lines_beside_root(self) -> tuple[list[str], list[str]]:
        """The lines just above the density root (the info line) and just below it (来源)."""
        if self.text_root is None:
            return [], []
        return (
            lines_beside(self.text_root, XXGK_LINES, preceding=True),
            lines_beside(self.text_root, SOURCE_LINES_AFTER, preceding=False),
        )

    def head_lines(self, text: str) -> list[str]:
        """The density root's own lines above the text (an info line inside the root)."""
        first = text.split("\n", 1)[0]
        return self.root_lines[: self.root_lines.index(first)] if first in self.root_lines else []

    def article_text(self) -> str:
        """The density root's lines that trafilatura or readability confirm (see the module docstring)."""
        if self.text_root is None:
            if link_share(self.pruned) > LIST_PAGE_LINK_SHARE:
                return ""  # a list of links (column page, forum index): no article on it
            return join_lines(main_text(self.pruned, self.url, len(self.html)).splitlines())
        lines = self.root_lines
        if len(self.html) > MAX_CHARS or self.one_container():
            return "\n".join(without_repeats(lines))
        return "\n".join(without_repeats(self.confirmed(lines)))

    def one_container(self) -> bool:
        """Whether the density root is one container of paragraphs (each the root or its child):
        then no block sits beside the article for a second opinion to veto, and none is asked."""
        root = self.text_root
        inside = [el for el in self.weights if el is root or any(a is root for a in el.iterancestors())]
        return all(el is root or el.getparent() is root for el in inside)

    def confirmed(self, lines: list[str]) -> list[str]:
        """The lines a second extractor confirms; readability is asked only when trafilatura leaves some."""
        pool = pool_of([main_text(self.pruned, self.url)])  # the pruned page's last reader: no copy
        doubtful = unconfirmed(lines, pool)
        if doubtful:
            pool |= pool_of(readable_lines(deepcopy(self.sel.root)))
            doubtful = unconfirmed(lines, pool)
        kept = kept_lines(lines, set(doubtful))
        if sum(map(len, kept)) < QUORUM * sum(map(len, lines)):
            return lines  # the others missed the article (or took another block): the density root stands
        return kept

    def source_in(self, lines: list[str], text: str) -> str | None:
        """来源：… of a short info line outside the extracted text."""
        for line in lines:
            line = squash_spaces(line)
            if len(line) <= _INFO_LINE_MAX and line not in text:
                found = _SOURCE_LABEL.search(line)
                if found:
                    return found.group(1)
        return None
