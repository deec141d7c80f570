"""The TRS WCM page type on recorded 韶关/沭阳/武侯 pages: the report body and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract.decoding import decode_html
from crawler.extract.pages.registry import extract_drafts, recognise
from crawler.extract.pages.trs import TrsArticle
from crawler.extract.stages import process_page

FIXTURES = Path(__file__).parents[1] / "fixtures" / "trs"
# A city news portal article (ENP CMS) also wraps its body in TRS_Editor: that is the ``news`` family.
CITY_NEWS = """<html><head><title>县长作政府工作报告_县市区_丽水网</title></head><body>
<div class="nav_path">您当前的位置 ：<a href="/">丽水网</a> &gt;&gt; 正文</div>
<div class="contentBody"><h1>县十七届人大六次会议开幕 县长作政府工作报告</h1>
<div class="extInfo">2021-03-26 17:32:08 来源：丽水日报</div>
<div class="article"><div class="TRS_Editor"><p>3月26日上午，县第十七届人民代表大会第六次会议开幕。</p></div></div></div>
</body></html>"""
# A WCM column page: rows of ./YYYYMM/tYYYYMMDD_N.html links and the createPageHTML pager, no body.
WCM_LIST = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>政府工作报告</title></head>
<body><table><tr><td><a href="./202104/t20210408_412345.html">2021年市政府工作报告</a></td><td>04-08</td></tr>
<tr><td><a href="./202003/t20200320_398765.html">2020年市政府工作报告</a></td><td>03-20</td></tr></table>
<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){} //WCM置标</script>
<script>createPageHTML(3, 0, "index", "html");</script></body></html>"""
# Chrome of these pages: footer, tools, share bar, crumbs, info line, 信息公开 table, editor style, related lists.
CHROME = (
    "网站标识码", "ICP备", "公网安备", "打印本页", "关闭窗口", "分享", "当前位置", "您现在的位置", "您的位置", "相关链接",
    "相关文章", "上一篇", "下一篇", "字号", "字体", "发布时间", "发布日期", "信息来源", "浏览次数", "索引号", "发布机构",
    "责任编辑", "font-family", "TRS_Editor", "政府信息公开", "无障碍",
)
BOUNDARIES = {
    "shaoguan_xxgk_utf8": ("政府工作报告", "各位代表，新征程催人奋进，新使命重任在肩。"),
    "shuyang_gb2312_tables": ("政府工作报告", "各位代表！奋斗成就梦想，实干赢得未来。"),
    "wuhou_ueditor_shtml": ("政府工作报告", "各位代表，站在新的历史起点，武侯发展前景广阔、大有可为。"),
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
    assert draft.page_type == "trs"


def test_xxgk_page_fields() -> None:
    [draft] = process_page(*page("shaoguan_xxgk_utf8"))
    assert draft.title == "2023年韶关市政府工作报告"
    assert draft.published == "2023-01-18"
    assert draft.source_name == "韶关日报"
    assert draft.metadata == {
        "index_no": "007227391/2023-00015",
        "category": "综合政务、其他",
        "publisher": "韶关市人民政府办公室",
        "written_on": "2023-01-10",
        "validity": "有效",
        "editor": "何晓东",
    }


def test_gb2312_page_fields_from_portal_meta() -> None:
    url, html = page("shuyang_gb2312_tables")
    [draft] = TrsArticle(url, html).drafts()
    assert draft.title == "2024年沭阳县政府工作报告"
    assert (draft.published, draft.source_name, draft.metadata) == ("2024-01-15", "沭阳县人民政府办公室", {})
    assert "沭阳县人民政府县长 周海涛" in draft.text.splitlines()
    assert "新签约亿元以上项目128个，其中10亿元以上项目19个" in draft.text  # Word's per-digit spans stay one line


def test_ueditor_page_date_without_label_and_heading_not_sidebar() -> None:
    url, html = page("wuhou_ueditor_shtml")
    [draft] = TrsArticle(url, html).drafts()
    assert (draft.title, draft.published, draft.source_name) == ("武侯区2022年政府工作报告", "2022-01-19", "武侯区人民政府办公室")


@pytest.mark.parametrize("case", ["shuyang_gb2312_tables", "wuhou_ueditor_shtml"])
def test_recognised_without_hint(case: str) -> None:
    assert recognise(*page(case)) is TrsArticle


def test_city_news_page_with_trs_editor_is_not_wcm() -> None:
    assert recognise("http://www.lsnews.com.cn/system/2021/03/26/012345678.shtml", CITY_NEWS) is not TrsArticle


def test_truncated_page_still_yields_the_body_read_so_far() -> None:
    url, html = page("shaoguan_xxgk_utf8")
    cut = html[: html.index("（三）城乡区域发展更加协调") + 20]
    [draft] = extract_drafts(url, cut)
    assert draft.page_type == "trs"
    lines = draft.text.splitlines()
    assert lines[0] == "政府工作报告" and lines[-1].startswith("（三）城乡区域发展更加协调")
    assert "网站标识码" not in draft.text


def test_page_without_body_yields_no_draft() -> None:
    url, html = page("shaoguan_xxgk_utf8")
    start, end = html.index("<div class=TRS_Editor>"), html.index('<div class="article-tools">')
    empty = html[:start] + '<div class=TRS_Editor></div></div></div>' + html[end:]
    assert TrsArticle(url, empty).drafts() == []
    no_container = html[:start] + "</div>" + html[end:]
    assert TrsArticle(url, no_container).drafts() == []
    assert not TrsArticle.matches(url, TrsArticle(url, no_container).sel)


def test_wcm_list_page_is_not_an_article() -> None:
    url = "http://www.zhangshu.gov.cn/zwgk/zfgzbg/index.html"
    assert not TrsArticle.matches(url, TrsArticle(url, WCM_LIST).sel)
    assert TrsArticle(url, WCM_LIST).drafts() == []
