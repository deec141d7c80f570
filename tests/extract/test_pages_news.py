"""City news portal articles (/system/YYYY/MM/DD/N.shtml): body boundaries, fields, chrome, encoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract.decoding import decode_html
from crawler.extract.pages.news import NewsArticle
from crawler.extract.pages.registry import extract_drafts, recognise

FIXTURES = Path(__file__).parents[1] / "fixtures" / "news"
CHROME = ("分享到", "打印", "关闭", "字号", "扫一扫", "二维码", "公众号", "相关新闻", "相关阅读", "上一篇", "下一篇",
          "网友评论", "版权所有", "ICP", "当前位置", "来源", "编辑：", "审核：", "第1页", "上一页", "摄）")


def load(case: str) -> tuple[str, str, str | None]:
    """URL, decoded html and hint of a fixture page."""
    meta = json.loads((FIXTURES / case / "meta.json").read_text("utf-8"))
    _, html = decode_html((FIXTURES / case / "body.html").read_bytes(), meta["headers"]["Content-Type"])
    return meta["url"], html, meta["page_type"]


def only_draft(case: str):
    url, html, hint = load(case)
    drafts = extract_drafts(url, html, hint)
    assert len(drafts) == 1
    return drafts[0]


@pytest.mark.parametrize(
    ("case", "first", "last"),
    [
        ("utf8_declared_gb2312", "——2023年1月12日在宾川县第十八届人民代表大会第二次会议上",
         "各位代表！新征程催人奋进，新目标激励人心。让我们紧密团结在以习近平同志为核心的党中央周围，在州委、州政府和县委的坚强领导下，真抓实干、奋勇争先，为谱写中国式现代化宾川篇章而努力奋斗！"),
        ("gb2312_multipage", "报告回顾了过去一年的主要工作。",
         "会议还书面审查了秭归县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告、2023年财政预算执行情况与2024年财政预算草案的报告。"),
        ("editor_qr_block", "——2024年1月9日在湄潭县第十八届人民代表大会第四次会议上",
         "各位代表！奋进新征程，实干创未来。让我们在县委的坚强领导下，凝心聚力、砥砺奋进，为加快建设现代化茶业强县而不懈奋斗！"),
        ("enp_without_hint", "2022年1月19日在临朐县第十九届人民代表大会第一次会议上",
         "各位代表！新的征程已经开启，新的使命催人奋进。让我们在县委的坚强领导下，团结一心、开拓进取，为建设新时代现代化强县而努力奋斗！"),
    ],
)
def test_text_boundaries_and_no_chrome(case: str, first: str, last: str) -> None:
    lines = only_draft(case).text.split("\n")
    assert lines[0].startswith(first)
    assert lines[-1] == last
    leaked = [line for line in lines if any(marker in line for marker in CHROME)]
    assert leaked == []


def test_gb2312_misdeclared_utf8_page_decodes_without_mojibake() -> None:
    url, html, _ = load("utf8_declared_gb2312")
    draft = only_draft("utf8_declared_gb2312")
    assert "\ufffd" not in html
    assert draft.title == "宾川县2023年政府工作报告"
    assert "宾川县人民政府县长 李明华" in draft.text.split("\n")


def test_real_gb2312_bytes_decode() -> None:
    body = (FIXTURES / "gb2312_multipage" / "body.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    encoding, html = decode_html(body, "text/html; charset=gb2312")
    assert encoding == "gb18030" and "\ufffd" not in html
    assert only_draft("gb2312_multipage").title == "秭归县第二十届人大四次会议开幕 周建国作政府工作报告"


def test_multipage_article_keeps_only_this_pages_part() -> None:
    draft = only_draft("gb2312_multipage")
    assert not draft.text.startswith("1月16日上午")  # page 1's lead paragraph is on page 1
    assert len(draft.text.split("\n")) == 5


@pytest.mark.parametrize(
    ("case", "published", "source", "metadata"),
    [
        ("utf8_declared_gb2312", "2023-01-16", "大理日报", {"author": "记者 杨丽", "editor": "张慧", "reviewer": "段云峰"}),
        ("gb2312_multipage", "2024-01-16", "三峡日报", {"author": "通讯员 向华", "editor": "向明"}),
        ("editor_qr_block", "2024-01-12", "遵义日报", {"author": "记者 王芳", "editor": "刘洋", "reviewer": "陈静"}),
        ("enp_without_hint", "2022-01-20", "潍坊新闻网", {"editor": "李娜"}),
    ],
)
def test_date_source_and_editor_lines_become_fields(case: str, published: str, source: str, metadata: dict) -> None:
    draft = only_draft(case)
    assert (draft.published, draft.source_name, draft.metadata) == (published, source, metadata)


def test_recognised_without_hint() -> None:
    url, html, hint = load("enp_without_hint")
    assert hint is None
    assert recognise(url, html) is NewsArticle


def test_body_source_line_is_the_fallback_source() -> None:
    html = (
        "<html><body><h1>某县召开人代会</h1><div class='TRS_Editor'><p>　　会议听取了政府工作报告。</p>"
        "<p>　　（来源：某县融媒体中心）</p><p>编辑：甲 审核：乙</p></div></body></html>"
    )
    draft = NewsArticle("http://news.example.cn/system/2024/01/05/000000001.shtml", html).drafts()[0]
    assert (draft.text, draft.source_name, draft.metadata) == ("会议听取了政府工作报告。", "某县融媒体中心", {"editor": "甲", "reviewer": "乙"})


@pytest.mark.parametrize(
    "url",
    [
        "http://www.example.gov.cn/zwgk/202104/t20210408_412345.html",  # TRS WCM government article
        "http://www.example.gov.cn/art/2021/3/1/art_1229117804_59100001.html",  # JCMS
    ],
)
def test_not_taken_for_other_families(url: str) -> None:
    html = (
        "<html><body><div class='article'><h1 class='article-title'>2021年XX市政府工作报告</h1>"
        "<div id='zoom'><div class=TRS_Editor><p>各位代表：</p><p>现在，我代表市人民政府……</p></div></div></div></body></html>"
    )
    assert recognise(url, html) is not NewsArticle
