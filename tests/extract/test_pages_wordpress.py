"""WordPress 文库 farms: the post body up to the paywall, without contact, disclaimer and navigation chrome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract.decoding import decode_html
from crawler.extract.items import Draft
from crawler.extract.pages.registry import recognise
from crawler.extract.pages.wordpress import WordpressArticle
from crawler.extract.text import cut_at_preview_marker, is_preview_marker

FIXTURES = Path(__file__).parents[1] / "fixtures" / "wordpress"
CHROME = (
    "QQ", "微信", "侵权", "仅供参考", "版权声明", "THE END", "上一篇", "下一篇", "相关推荐", "推荐阅读",
    "标签", "分享", "评论", "如若转载", "试读结束", "查阅全文", "首页", "ICP",
)


def load(case: str) -> tuple[str, str]:
    meta = json.loads((FIXTURES / case / "meta.json").read_text("utf-8"))
    return meta["url"], decode_html((FIXTURES / case / "body.html").read_bytes(), meta["headers"]["Content-Type"])[1]


def article(case: str) -> Draft:
    drafts = WordpressArticle(*load(case)).drafts()
    assert len(drafts) == 1
    return drafts[0]


def post(content: str, title: str = "2021年某县政府工作报告") -> str:
    return (
        '<html><head><meta name="generator" content="WordPress 6.0" /></head><body><article>'
        f'<h1 class="entry-title">{title}</h1><div class="entry-content">{content}</div></article></body></html>'
    )


@pytest.mark.parametrize("case", ["zibll_full_article", "preview_truncated", "numbered_title_dux", "default_theme_no_hint"])
def test_no_farm_chrome(case: str) -> None:
    draft = article(case)
    leaked = [chrome for chrome in CHROME if chrome in draft.text or chrome in draft.title]
    assert not leaked


def test_full_article_without_contact_and_disclaimer() -> None:
    draft = article("zibll_full_article")
    lines = draft.text.splitlines()
    assert lines[0] == "2023年霍山县人民政府工作报告"  # the 下载请联系客服QQ box above it is gone
    assert lines[-1].endswith("为建设现代化美好霍山而努力奋斗！")  # the 加微信 line and 声明 after it are gone
    assert (draft.title, draft.published, draft.truncated) == ("2023年霍山县人民政府工作报告", "2023-02-21", False)


def test_preview_ends_before_marker_and_is_truncated() -> None:
    draft = article("preview_truncated")
    assert draft.truncated is True
    assert draft.text.splitlines()[-1].startswith("2020年，面对新冠肺炎疫情和特大洪涝灾害的双重考验")
    assert "“十四五”时期，我市将奋力打造" not in draft.text  # hidden in the markup after the marker
    assert draft.title == "2021年九江市人民政府工作报告"
    assert draft.published == "2022-05-06"  # <time datetime>, not the related list's 2022年4月21日


def test_numbering_prefix_and_site_name_removed_from_title() -> None:
    draft = article("numbered_title_dux")
    assert draft.title == "2022年开封市人民政府工作报告"
    assert draft.published == "2022-03-01"  # 发布于 2022-03-01 in .article-meta
    assert draft.text.splitlines()[-1].endswith("为全面建设社会主义现代化开封而努力奋斗！")
    assert "005-2022年郑州市" not in draft.text


def test_default_theme_recognised_without_hint() -> None:
    url, html = load("default_theme_no_hint")
    assert recognise(url, html) is WordpressArticle
    draft = article("default_theme_no_hint")
    assert draft.title == "2022年赣州市南康区人民政府工作报告"
    assert draft.published == "2022-01-08"
    assert "Twitter" not in draft.text and "2021年赣州市南康区" not in draft.text  # Jetpack share + related


def test_paywall_box_without_marker_text_still_truncates() -> None:
    html = post('<p>各位代表：</p><p>现在，我代表县人民政府报告工作。</p><div class="hidden-box"><a>立即购买</a></div><p>隐藏段落</p>')
    draft = WordpressArticle("https://x.cn/1.html", html).drafts()[0]
    assert (draft.text, draft.truncated) == ("各位代表：\n现在，我代表县人民政府报告工作。", True)


@pytest.mark.parametrize(
    ("title", "clean"),
    [("006-2021年慈溪市政府工作报告", "2021年慈溪市政府工作报告"), ("12、某县政府工作报告", "某县政府工作报告"),
     ("1-3月全县经济运行情况", "1-3月全县经济运行情况"), ("2021-2025年规划纲要", "2021-2025年规划纲要")],
)
def test_title_numbering(title: str, clean: str) -> None:
    assert WordpressArticle("https://x.cn/1.html", post("<p>正文</p>", title)).title() == clean


@pytest.mark.parametrize(
    "line",
    ["............试读结束............", "试读结束，剩余内容需登录后阅读或开通会员免费下载完整文档", "展开全文", "阅读全文>>",
     "登录查看全文", "剩余80%未读，点击继续阅读", "本文共 12 页，当前仅显示前 3 页", "开通VIP会员免费下载"],
)
def test_preview_markers(line: str) -> None:
    assert is_preview_marker(line)
    assert cut_at_preview_marker(["各位代表：", line, "隐藏段落"]) == (["各位代表："], True)


def test_report_sentences_are_not_preview_markers() -> None:
    lines = ["一、2020年工作回顾", "推进全民阅读，建成城市书房12家，开展“书香城市”主题活动，群众阅读全文化氛围日益浓厚。"]
    assert cut_at_preview_marker(lines) == (lines, False)
