"""Guangdong's gkmlpt platform: recognised by its own URL and script, never by what it links to or embeds."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.extract.decoding import decode_html
from crawler.extract.pages.base import parse_page
from crawler.extract.pages.registry import recognise
from crawler.extract.pages.trs import TrsArticle
from crawler.extract.stages import process_page

FIXTURES = Path(__file__).parents[1] / "fixtures"
DETAIL = {"title": "某某区关于公布2024年第一批行政许可事项的通知", "identifier": "007000111/2024-00003",
          "publisher": "某某区人民政府", "document_number": "某府〔2024〕1号", "date": 1704067200,
          "content": "<p>各有关单位：</p><p>现将2024年第一批行政许可事项公布如下，请遵照执行。</p>"}


def fixture(family: str, case: str) -> tuple[str, str]:
    meta = json.loads((FIXTURES / family / case / "meta.json").read_text("utf-8"))
    return meta["url"], decode_html((FIXTURES / family / case / "body.html").read_bytes(), meta["headers"]["Content-Type"])[1]


def test_a_pasted_trs_editor_body_stays_gkmlpt() -> None:
    url, html = fixture("gkmlpt", "server_rendered_xxgk")
    html = html.replace('<div class="article-content">', '<div class="article-content"><div class="TRS_Editor">', 1).replace(
        '<div class="attachment">', '</div><div class="attachment">', 1)
    [draft] = process_page(url, html)
    assert draft.page_type == "gkmlpt" and not TrsArticle.matches(url, parse_page(html))
    assert draft.text.splitlines()[0] == "各镇人民政府、街道办事处，市府直属各单位："
    assert draft.metadata["index_no"] == "11449900MB2C00000X/2023-00041"


def test_a_trs_page_linking_to_gkmlpt_is_trs() -> None:
    url, html = fixture("trs", "agency_links_jcms_site")
    link = '<a href="http://www.gd.gov.cn/gkmlpt/content/3/3123/post_3123456.html">广东省政府信息公开</a>'
    assert recognise(url, html.replace("</body>", link + "</body>")).name == "trs"


def test_the_platform_script_is_recognised_on_any_url_and_gives_the_document() -> None:
    script = f"<script>window._CONFIG = {{SID: '1', API: '/gkmlpt/api/', DETAIL: {json.dumps(DETAIL)}}};</script>"
    html = f"<html><head><title>某某区人民政府</title></head><body><div class=\"article-content\"></div>{script}</body></html>"
    [draft] = process_page("http://www.mmq.example.gov.cn/zwgk/content/post_1001.html", html)
    assert (draft.page_type, draft.title) == ("gkmlpt", DETAIL["title"])
    assert draft.text == "各有关单位：\n现将2024年第一批行政许可事项公布如下，请遵照执行。"
    assert draft.metadata == {"index_no": "007000111/2024-00003", "publisher": "某某区人民政府", "doc_no": "某府〔2024〕1号",
                              "written_on": "2024-01-01"}


def test_a_platform_column_page_without_a_document_is_not_gkmlpt() -> None:
    html = ("<html><head><title>政府信息公开目录</title></head><body><ul><li><a href=\"/gkmlpt/content/1/1/post_1.html\">通知</a></li></ul>"
            "<script>window._CONFIG = {SID: '1', API: '/gkmlpt/api/', TREE: []};</script></body></html>")
    assert recognise("http://www.mmq.example.gov.cn/gkmlpt/index", html).name == "generic"


def test_a_gkmlpt_url_of_another_template_is_read_by_the_generic_page_type() -> None:
    paragraphs = "".join(f"<p>第{n}条　本办法自2024年3月1日起施行，由某某区人民政府负责解释，各单位遵照执行。</p>" for n in range(1, 6))
    html = (f"<html><head><title>某某区政府规章_某某区人民政府</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div>"
            f"<div class=\"zw\"><h1>某某区政府规章</h1>{paragraphs}</div></body></html>")
    [draft] = process_page("http://www.mmq.example.gov.cn/gkmlpt/content/2/2001/post_2001001.html", html)
    assert draft.page_type == "generic" and draft.text.count("本办法自2024年3月1日起施行") == 5
