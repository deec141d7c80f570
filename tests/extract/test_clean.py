"""Text cleaning stage: chrome lines go, report prose stays, bylines become fields, titles are clean."""

from __future__ import annotations

import pytest

from crawler.extract.clean import clean_draft, clean_title, is_chrome_line, parse_byline
from crawler.extract.items import Draft

REPORT = [
    "各位代表：",
    "现在，我代表市人民政府向大会报告工作，请予审议。",
    "资金来源多元化，设立城市更新基金，撬动社会投资186亿元。",
    "分享经济、平台经济健康发展，新引进新业态企业93家。",
    "编辑出版《温州市志》，完成第三轮修志工作。",
    "各位代表！让我们团结一心，为建设现代化城市而努力奋斗！",
]


def draft(lines: list[str], **fields: object) -> Draft:
    return Draft(url="http://example.gov.cn/a.html", title=str(fields.pop("title", "报告")), text="\n".join(lines), page_type="generic", **fields)


def test_chrome_around_the_report_goes_and_prose_stays() -> None:
    page = [
        "当前位置：首页 > 政务公开 > 政府工作报告",
        "发布日期： 2021- 04- 08 10 : 42 浏览次数： 字体：[ 大 中 小 ]",
        *REPORT,
        "（来源：丽水日报）",
        "编辑：赵六 审核：钱七",
        "分享到：微信 微博 QQ空间",
        "【打印本页】 【关闭窗口】",
        "上一篇：2020年政府工作报告",
        "下一篇：关于征求意见的公告",
        "扫一扫在手机打开当前页",
    ]
    cleaned = clean_draft(draft(page))
    assert cleaned.text.split("\n") == REPORT
    assert cleaned.source_name == "丽水日报"
    assert cleaned.metadata == {"editor": "赵六", "reviewer": "钱七"}


def test_page_type_fields_win_over_bylines() -> None:
    cleaned = clean_draft(draft([*REPORT, "来源：丽水网"], source_name="丽水市人民政府", metadata={"editor": "甲"}))
    assert cleaned.source_name == "丽水市人民政府"
    assert cleaned.text.split("\n") == REPORT


@pytest.mark.parametrize(
    "line",
    [
        "【字号 大 中 小】",
        "字体：大 中 小",
        "分享到：",
        "打印本页 关闭窗口",
        "您当前的位置 ：丽水网 >> 县市区 >> 正文",
        "相关推荐",
        "2023-01-12 09:30 来源：宁海新闻网 作者：县政府办公室 阅读：3041",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "来源：各级财政资金和社会资本，共计投入120亿元。",
        "一、2020年主要工作回顾",
        "分享经济、平台经济健康发展。",
        "——2021年2月24日在龙港市第一届人民代表大会第二次会议上",
        "龙港市人民政府市长 何宗静",
        "（一）坚持创新驱动，打造发展新引擎",
    ],
)
def test_prose_and_headings_are_not_chrome(line: str) -> None:
    assert not is_chrome_line(line)


def test_source_line_inside_the_report_survives() -> None:
    lines = [REPORT[0], "来源：市统计局", *REPORT[1:]]  # a byline-looking line, but not at an edge
    assert clean_draft(draft(lines)).text.split("\n") == lines


def test_byline_with_an_unknown_label_is_kept() -> None:
    assert parse_byline("（来源：温州市人民政府办公室 设计：温州日报报业集团）") == {}
    assert parse_byline("来源：各地财政，合计投入三亿元，其中中央资金一亿元。") == {}


def test_related_block_at_the_end_is_cut_but_not_a_long_paragraph_after_it() -> None:
    related = ["相关推荐", "2020年慈溪市政府工作报告", "2019年慈溪市政府工作报告"]
    assert clean_draft(draft([*REPORT, *related])).text.split("\n") == REPORT
    long_tail = ["相关阅读", "这是一段很长的正文。" * 20]
    assert clean_draft(draft([*REPORT, *long_tail])).text.split("\n") == [*REPORT, long_tail[1]]


def test_preview_marker_truncates() -> None:
    cleaned = clean_draft(draft([*REPORT, "............试读结束............", "查阅全文加微信3231169"]))
    assert cleaned.truncated
    assert cleaned.text.split("\n") == REPORT


def test_whitespace_is_normalised_and_characters_kept() -> None:
    cleaned = clean_draft(draft(["\u3000\u3000各位代表：", "", "现在，我代表市人民政府向大会报告工作。  "]))
    assert cleaned.text == "各位代表：\n现在，我代表市人民政府向大会报告工作。"


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("2021年度政府工作报告_温州市人民政府", "2021年度政府工作报告"),
        ("[浙江] 2023年龙游县政府工作报告 - 政府工作报告 - 区域数据论坛 - Powered by Discuz!", "2023年龙游县政府工作报告"),
        ("【宝兴县招商】2021年宝兴县政府工作报告", "2021年宝兴县政府工作报告"),
        ("006-2021年慈溪市政府工作报告", "2021年慈溪市政府工作报告"),
        ("[转载]2021年政府工作报告", "2021年政府工作报告"),
        ("宁海县政府工作报告（2023年） - 宁海新闻网", "宁海县政府工作报告（2023年）"),
        ("政府工作报告——2021年2月24日在龙港市第一届人民代表大会第二次会议上", "政府工作报告——2021年2月24日在龙港市第一届人民代表大会第二次会议上"),
        ("2.5亿元项目落地", "2.5亿元项目落地"),
    ],
)
def test_clean_title(title: str, clean: str) -> None:
    assert clean_title(title) == clean


def test_titles_and_fields_never_keep_line_breaks() -> None:
    from crawler.extract.text import squash_spaces

    assert squash_spaces("时政要闻\n今日: 3\r\n 主题") == "时政要闻 今日: 3 主题"
