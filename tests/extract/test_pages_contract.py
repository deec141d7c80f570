"""The page-type contract: selector constants of one type, read in the order they are written."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.pages.base import preferred
from crawler.extract.pages.registry import PAGE_TYPES


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_named_selector_constant_is_one_string(name: str) -> None:
    page_type = PAGE_TYPES[name]
    for field, constants in page_type.SELECTORS.items():
        for constant in constants:
            assert isinstance(getattr(page_type, constant), str), f"{page_type.__name__}.{constant} ({field})"


def test_preferred_takes_the_first_alternative_that_matches_not_the_first_element() -> None:
    sel = Selector(text="<div id='vsb_content_2'><p>nav</p><div class='v_news_content'><p>正文</p></div></div>")
    found = preferred(sel, "div.v_news_content, div[id^='vsb_content']")
    assert [s.xpath("string()").get() for s in found] == ["正文"]
    assert preferred(sel, "div.nothing, p::text").getall() == ["nav", "正文"]
    assert preferred(sel, "div.nothing, span") == []
