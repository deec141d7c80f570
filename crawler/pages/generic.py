"""Any article page: trafilatura finds the main text; used when no family matches."""

from __future__ import annotations

from crawler.extract import extract_main_text
from crawler.items import Draft
from crawler.pages.base import PageType
from crawler.text import join_lines, parse_date, squash_spaces


class GenericArticle(PageType):
    """Fallback page type for pages of unknown templates."""

    name = "generic"

    def drafts(self) -> list[Draft]:
        found = extract_main_text(self.html, self.url)
        if found is None:
            return []
        title = found.title or self.sel.css("title::text").get(default="")
        return [
            Draft(
                url=self.url,
                title=squash_spaces(title),
                text=join_lines(found.text.splitlines()),
                page_type=self.name,
                published=parse_date(found.date),
            )
        ]
