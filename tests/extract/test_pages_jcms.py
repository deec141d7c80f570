"""The JCMS page type on the recorded 温州市 pages: the report body and nothing else."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import SITES

from crawler.extract.decoding import decode_html
from crawler.extract.pages.base import parse_page
from crawler.extract.pages.jcms import JcmsArticle
from crawler.extract.pages.registry import extract_drafts, recognise
from crawler.extract.pages.trs import TrsArticle

SITE = SITES / "www.wenzhou.gov.cn"
GOLD: list[dict[str, Any]] = [g for g in json.loads((SITE / "_gold.json").read_text("utf-8")) if g["status"] == 200]
CHROME = ("索引号", "组配分类", "发布日期", "浏览次数", "字体", "打印本页", "关闭窗口", "当前位置", "信息来源", "ICP备", "网站标识码", "分享到")


def page_html(url: str) -> str:
    return decode_html((SITE / urlsplit(url).path.lstrip("/")).read_bytes())[1]


@pytest.mark.parametrize("gold", GOLD, ids=[g["url"].rsplit("/", 1)[-1] for g in GOLD])
def test_body_fields_and_no_chrome(gold: dict[str, Any]) -> None:
    [draft] = extract_drafts(gold["url"], page_html(gold["url"]), "jcms")
    lines = draft.text.splitlines()
    assert (lines[0], lines[-1]) == (gold["first_line"], gold["last_line"])
    for line in lines:
        assert not any(line.startswith(chrome) for chrome in CHROME), line
    assert draft.title == gold["title"]
    assert draft.published == gold["published"]
    assert draft.page_type == "jcms"
    assert draft.metadata.get("index_no") == gold["index_no"]
    assert draft.metadata.get("publisher") == gold["publisher"]
    assert draft.metadata.get("written_on") == gold["written_on"]
    assert draft.metadata.get("category") == gold["category"]
    assert draft.metadata.get("disclosure") == gold["disclosure"]


def test_pages_are_recognised_without_a_hint() -> None:
    for gold in GOLD:
        assert recognise(gold["url"], page_html(gold["url"])) is JcmsArticle, gold["url"]


def test_a_page_without_body_yields_nothing_from_jcms() -> None:
    html = page_html(GOLD[0]["url"])
    start = html.lower().index('<td class="bt_content"')
    stripped = html[:start] + "</table></div></body></html>"
    assert JcmsArticle(GOLD[0]["url"], stripped).drafts() == []


def test_published_date_with_spaces_as_some_templates_print_it() -> None:
    html = page_html(GOLD[0]["url"])
    html = re.sub(r'<meta name="PubDate"[^>]*>', "", html)  # only the 发布日期 line can supply the date
    html = re.sub(r"(<!--<\$\[发布日期\]>begin-->).*?(<!--<\$\[发布日期\]>end-->)",
                  lambda m: m.group(1) + GOLD[0]["published"].replace("-", "- ") + " 10 : 42" + m.group(2), html)
    assert "begin-->" + GOLD[0]["published"].replace("-", "- ") + " 10 : 42<!--" in html
    assert JcmsArticle(GOLD[0]["url"], html).published() == GOLD[0]["published"]


def test_hinted_type_that_does_not_recognise_the_page_falls_back_to_generic() -> None:
    report = "".join(f"<p>第{i}条：各位代表，现在我代表县人民政府向大会报告工作，请予审议。</p>" for i in range(40))
    html = f"<html><head><title>2020年某县政府工作报告</title></head><body><div class='article'>{report}</div></body></html>"
    [draft] = extract_drafts("http://www.example.gov.cn/a.html", html, "jcms")
    assert draft.page_type == "generic" and "第39条" in draft.text


def test_a_trs_editor_pasted_into_the_jcms_body_leaves_the_page_jcms_and_only_a_body_of_its_own_makes_it_trs() -> None:
    case = SITES.parent / "fixtures" / "jcms" / "trs_ueditor_pasted_body"
    url = json.loads((case / "meta.json").read_text("utf-8"))["url"]
    html = decode_html((case / "body.html").read_bytes())[1]
    assert recognise(url, html) is JcmsArticle and not TrsArticle.matches(url, parse_page(html))
    # the same editor as the page's own body container, outside any JCMS body container: the body is TRS's
    moved = html.replace('<td class="bt_content"><div id="zoom">', "<td><div>").replace('<div class="TRS_UEDITOR trs_paper_default trs_web">', '<div class="TRS_UEDITOR">')
    moved = moved.replace('<meta name="ContentStart">', "").replace('<meta name="ContentEnd">', "")
    assert not JcmsArticle.matches(url, parse_page(moved))
