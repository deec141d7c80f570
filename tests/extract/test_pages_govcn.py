"""The gov.cn (UCAP) page type on recorded news and 政策 library pages: the report body and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract.decoding import decode_html
from crawler.extract.pages.govcn import GovcnArticle
from crawler.extract.pages.registry import extract_drafts, recognise
from crawler.extract.stages import process_page

FIXTURES = Path(__file__).parents[1] / "fixtures" / "govcn"
# Chrome of gov.cn pages: header nav, crumbs, info line with 字体/打印, 纠错/责任编辑, share bar, policy table, footer.
CHROME = (
    "中国政府网", "网站标识码", "ICP备", "公网安备", "简 |", "登录", "无障碍", "首页", "地方政务", "字体", "打印", "我要纠错",
    "责任编辑", "分享到", "相关稿件", "索引号", "主题分类", "发文机关", "成文日期", "发文字号", "发布日期", "来源",
    "国务院政策文件库",
)
BOUNDARIES = {
    "news_guizhou": ("政府工作报告", "各位代表，新时代新征程，使命光荣、责任重大。"),
    "policy_guowuyuan": ("政府工作报告", "各位代表！团结奋斗是中国人民创造历史伟业的必由之路。"),
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
    assert lines[1].startswith("——2023年") and lines[3] == "各位代表："
    assert lines[-1].startswith(last_start)
    for chrome in CHROME:
        assert chrome not in draft.text, chrome
    assert draft.page_type == "govcn"


def test_news_layout_fields() -> None:
    url, html = page("news_guizhou")
    [draft] = GovcnArticle(url, html).drafts()
    assert draft.title == "贵州省2023年政府工作报告"
    assert (draft.published, draft.source_name, draft.metadata) == ("2023-01-20", "贵州日报", {})
    assert "贵州省省长 杨光明" in draft.text.splitlines()


def test_policy_layout_fields_from_the_info_table() -> None:
    url, html = page("policy_guowuyuan")
    [draft] = GovcnArticle(url, html).drafts()
    assert draft.title == "政府工作报告"
    assert draft.published == "2023-03-14"  # 发布日期 row: this page has no firstpublishedtime meta
    assert draft.source_name == "新华社"  # the 来源 line under the body
    assert draft.metadata == {
        "index_no": "000014349/2023-00018",
        "category": "国务院组织机构\\国务院",
        "publisher": "国务院",
        "written_on": "2023-03-05",
    }


def test_published_meta_wins_over_the_table() -> None:
    url, html = page("policy_guowuyuan")
    html = html.replace("<head>", '<head><meta name="firstpublishedtime" content="2023-03-13-19:45:10">', 1)
    assert GovcnArticle(url, html).published() == "2023-03-13"


@pytest.mark.parametrize("case", sorted(BOUNDARIES))
def test_recognised_without_hint(case: str) -> None:
    assert recognise(*page(case)) is GovcnArticle


def test_truncated_page_still_yields_the_body_read_so_far() -> None:
    url, html = page("news_guizhou")
    cut = html[: html.index("（三）产业结构持续优化") + 30]
    [draft] = extract_drafts(url, cut)
    lines = draft.text.splitlines()
    assert draft.page_type == "govcn" and draft.title == "贵州省2023年政府工作报告"
    assert lines[0] == "政府工作报告" and lines[-1].startswith("（三）产业结构持续优化")


def test_page_without_body_yields_no_draft() -> None:
    url, html = page("news_guizhou")
    start, end = html.index('<div class="pages_content"'), html.index('<div class="editor">')
    empty = html[:start] + '<div class="pages_content" id="UCAP-CONTENT">\n  </div>\n  ' + html[end:]
    assert GovcnArticle(url, empty).drafts() == []
    no_container = html[:start] + html[end:]
    assert GovcnArticle(url, no_container).drafts() == []
    assert not GovcnArticle.matches(url, GovcnArticle(url, no_container).sel)
