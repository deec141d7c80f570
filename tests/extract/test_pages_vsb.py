"""The 博达 VSB page type on recorded 永春/攸县 pages: the report body and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract.decoding import decode_html
from crawler.extract.pages.registry import extract_drafts, recognise
from crawler.extract.pages.vsb import VsbArticle
from crawler.extract.stages import process_page

FIXTURES = Path(__file__).parents[1] / "fixtures" / "vsb"
# Chrome of VSB pages: crumbs, info line with 点击, 信息公开 table, attachments, print/close, 上一条/下一条, footer.
CHROME = (
    "当前位置", "首页", "发布时间", "作者：", "点击", "_showDynClicks", "索引号", "发布机构", "公开方式", "附件【", "已下载",
    "打印", "关闭", "上一条", "下一条", "网站标识码", "ICP备", "公网安备", "版权所有", "Copyright", "技术支持", "无障碍",
)
BOUNDARIES = {
    "yongchun_form": ("政府工作报告", "各位代表，蓝图已经绘就，奋进正当其时。"),
    "youxian_titlestyle_table": ("政府工作报告", "各位代表，新的征程催人奋进，新的使命重任在肩。"),
}


def page(case: str) -> tuple[str, str]:
    """URL and decoded HTML of a fixture page."""
    meta = json.loads((FIXTURES / case / "meta.json").read_text("utf-8"))
    return meta["url"], decode_html((FIXTURES / case / "body.html").read_bytes(), meta["headers"]["Content-Type"])[1]


@pytest.mark.parametrize("case", sorted(BOUNDARIES))
def test_body_boundaries_and_no_chrome(case: str) -> None:
    [draft] = process_page(*page(case))
    lines = draft.text.splitlines()
    first, last_start = BOUNDARIES[case]
    assert lines[0] == first
    assert lines[1].startswith("——") and lines[3] == "各位代表："
    assert lines[-1].startswith(last_start) and lines[-1].endswith("而努力奋斗！")
    for chrome in CHROME:
        assert chrome not in draft.text, chrome
    assert draft.page_type == "vsb"


def test_form_layout_fields() -> None:
    url, html = page("yongchun_form")
    [draft] = VsbArticle(url, html).drafts()
    assert draft.title == "2023年永春县政府工作报告"
    assert (draft.published, draft.source_name, draft.metadata) == ("2023-01-12", "永春县人民政府办公室", {})


def test_titlestyle_layout_fields_and_xxgk_table() -> None:
    url, html = page("youxian_titlestyle_table")
    [draft] = VsbArticle(url, html).drafts()
    assert draft.title == "2024年攸县政府工作报告"
    assert draft.published == "2024-01-05"  # timestyle span, no label
    assert draft.source_name == "攸县人民政府办公室"  # no 来源 label: the 发布机构
    assert draft.metadata == {
        "index_no": "43022300/2024-00012",
        "publisher": "攸县人民政府办公室",
        "written_on": "2024-01-03",
        "disclosure": "主动公开",
        "validity": "有效",
    }


def test_title_without_heading_comes_from_page_title_without_site_name() -> None:
    url, html = page("yongchun_form")
    html = html.replace('<h1 align="center">2023年永春县政府工作报告</h1>', "", 1)
    assert VsbArticle(url, html).title() == "2023年永春县政府工作报告"


@pytest.mark.parametrize("case", sorted(BOUNDARIES))
def test_recognised_without_hint(case: str) -> None:
    assert recognise(*page(case)) is VsbArticle


def test_truncated_page_still_yields_the_body_read_so_far() -> None:
    url, html = page("youxian_titlestyle_table")
    cut = html[: html.index("（二）农业农村稳定发展") + 25]
    [draft] = extract_drafts(url, cut)
    lines = draft.text.splitlines()
    assert draft.page_type == "vsb" and draft.title == "2024年攸县政府工作报告"
    assert lines[0] == "政府工作报告" and lines[-1].startswith("（二）农业农村稳定发展")


def test_page_without_body_yields_no_draft() -> None:
    url, html = page("yongchun_form")
    start, end = html.index('<div id="vsb_content">'), html.index('<div id="div_vote_id">')
    empty = html[:start] + '<div id="vsb_content"><div class="v_news_content">\n</div></div>\n  ' + html[end:]
    assert VsbArticle(url, empty).drafts() == []
    no_container = html[:start] + html[end:]
    assert VsbArticle(url, no_container).drafts() == []
