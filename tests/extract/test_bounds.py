"""Extraction is bounded: deep nesting is walked without recursion; trafilatura (~60 bytes of memory
per character) never reads a page past ``MAX_CHARS``. The memory of a 20 MB page is measured by
benchmarks/bounds.py (target: peak RSS ≤ 1 GB)."""

from __future__ import annotations

from hostile_site import NESTING, nested_page, report, report_page
from lxml import etree

from crawler.extract.fallback import main_text
from crawler.extract.pages.base import element_lines, parse_page
from crawler.extract.stages import process_page


def test_a_report_after_100k_nested_divs_is_extracted_whole() -> None:
    html = nested_page(2019).decode()
    assert html.count("<div>") == NESTING
    drafts = process_page("http://www.hostile.gov.cn/art/2019/nested.html", html)
    assert [d.text for d in drafts] == [report(2019)[1]]


def test_element_lines_walk_any_depth() -> None:
    root = node = etree.Element("div")
    for depth in range(50_000):
        node = etree.SubElement(node, "div" if depth % 2 else "span")
        node.text = "各" if depth % 10_000 == 0 else None
    node.text = "位代表"
    assert "".join(element_lines(root)) == "各" * 5 + "位代表"


def test_trafilatura_is_not_given_pages_past_its_bound() -> None:
    page = report_page(2024)
    assert main_text(parse_page(page).root, chars=len(page)) != ""
    assert main_text(parse_page(page).root, chars=len(page), max_chars=len(page) - 1) == ""  # the page type's own reading stands
