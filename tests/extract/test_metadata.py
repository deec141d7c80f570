"""Metadata stage: year, region (+ GB/T 2260 code, level), speaker, meeting, delivery date."""

from __future__ import annotations

import pytest

from crawler.extract.items import Draft
from crawler.extract.metadata import enrich, parse_cn_date
from crawler.extract.regions import find_region, resolve
from crawler.extract.text import parse_date


def report(text: str, title: str = "政府工作报告", **fields: object) -> Draft:
    return enrich(Draft(url="http://example.gov.cn/a.html", title=title, text=text, page_type="generic", **fields))


def test_longgang_heading() -> None:
    draft = report("2021年2月24日在龙港市第一届人民代表大会第二次会议上\n龙港市人民政府市长 何宗静\n各位代表：")
    assert (draft.year, draft.region, draft.region_code, draft.level) == (2021, "龙港市", "330383", "县")
    assert (draft.speaker, draft.speaker_role) == ("何宗静", "市长")
    assert draft.meeting == "龙港市第一届人民代表大会第二次会议"
    assert draft.delivered_on == "2021-02-24"


def test_acting_mayor_and_full_width_spaces() -> None:
    draft = report("——2023年1月5日在宁海县第十八届人民代表大会第三次会议上\n宁海县人民政府代县长\u3000\u3000杨卫东")
    assert (draft.speaker, draft.speaker_role, draft.region_code, draft.level) == ("杨卫东", "代县长", "330226", "县")


def test_county_chief_line_with_spaces() -> None:
    draft = report("在龙游县第十四届人民代表大会第二次会议上\n龙游县县长  李芝伟\n各位代表：", title="2023年龙游县政府工作报告")
    assert (draft.speaker, draft.speaker_role, draft.region, draft.region_code) == ("李芝伟", "县长", "龙游县", "330825")
    assert draft.year == 2023 and draft.delivered_on is None


def test_heading_run_into_the_text_of_an_aggregator() -> None:
    draft = report("2021年2月2日在普洱市第四届人民代表大会第五次会议上 市长刘勇 各位代表: 现在,我代表市人民政府")
    assert (draft.region, draft.region_code, draft.level, draft.speaker, draft.delivered_on) == ("普洱市", "530800", "市", "刘勇", "2021-02-02")


def test_region_from_title_with_parent_found_by_the_library() -> None:
    draft = report("各位代表：\n现在，我代表县人民政府向大会报告工作。", title="2021年宝兴县政府工作报告", published="2021-03-05")
    assert (draft.year, draft.region, draft.region_code, draft.level) == (2021, "宝兴县", "511827", "县")
    assert draft.speaker is None and draft.meeting is None


def test_ambiguous_district_needs_its_city() -> None:
    assert resolve("鼓楼区").code is None
    assert resolve("鼓楼区", "福州市鼓楼区人民政府").code == "350102"
    assert resolve("鼓楼区", "南京市").code == "320106"
    draft = report("在鼓楼区第十七届人民代表大会第三次会议上\n区长 张三")
    assert (draft.region, draft.region_code, draft.level) == ("鼓楼区", None, "区")


def test_full_name_picks_the_most_specific_division() -> None:
    region = find_region("四川省雅安市宝兴县")
    assert (region.name, region.code, region.level) == ("宝兴县", "511827", "县")
    assert find_region("浙江省").level == "省" and find_region("温州市").level == "市"
    assert find_region("鹿城区").level == "区"


def test_division_only_in_an_older_revision() -> None:
    assert resolve("洞头县").code == "330322"  # 洞头区 since 2015


def test_chinese_numeral_delivery_date_on_its_own_line() -> None:
    draft = report("在福州市鼓楼区第十七届人民代表大会第三次会议上\n二〇二一年一月十日\n区长 张三")
    assert draft.delivered_on == "2021-01-10"
    assert draft.region_code == "350102"


def test_interpretation_and_notice_get_no_report_metadata() -> None:
    text = "1月8日，市长姚高员在温州市第十三届人民代表大会第四次会议上作政府工作报告。现就报告中的若干重点问题解读如下。"
    for title in ("《2020年政府工作报告》解读", "关于征求2025年政府工作报告意见建议的公告"):
        draft = report(text, title=title, published="2020-01-20")
        assert (draft.year, draft.region, draft.speaker, draft.meeting) == (None, None, None, None)


def test_news_story_on_the_meeting() -> None:
    text = "1月16日上午，秭归县第二十届人民代表大会第四次会议开幕。县长周建国代表县人民政府向大会作政府工作报告。"
    draft = report(text, title="秭归县第二十届人大四次会议开幕", published="2024-01-17")
    assert (draft.region_code, draft.speaker, draft.speaker_role) == ("420527", "周建国", "县长")
    assert (draft.meeting, draft.delivered_on, draft.year) == ("秭归县第二十届人民代表大会第四次会议", "2024-01-16", 2024)


def test_page_type_values_are_kept() -> None:
    draft = report("2021年2月24日在龙港市第一届人民代表大会第二次会议上", region="龙港市", region_code="330383", level="县", year=2020)
    assert draft.year == 2020 and draft.region_code == "330383"


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2021- 04- 08 10 : 42", "2021-04-08"), ("2021年2月24日", "2021-02-24"), ("2021.02.24", "2021-02-24"), ("二〇二一年二月二十四日", "2021-02-24")],
)
def test_date_forms(text: str, iso: str) -> None:
    assert parse_cn_date(text) == iso
    if not text.startswith("二"):
        assert parse_date(text) == iso
