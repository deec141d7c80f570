"""The one title cleaner: each kind of page's title rules."""

from __future__ import annotations

import pytest

from crawler.extract.titles import (
    AGGREGATOR_TITLES,
    FARM_TITLES,
    FORUM_TITLES,
    GENERIC_TITLES,
    GOV_TITLES,
    LINK_TITLES,
    NEWS_TITLES,
    PORTAL_TITLES,
    article_part,
    first_part,
    last_part,
    strip_prefix,
    title_parts,
    without_site_suffix,
)


@pytest.mark.parametrize(
    ("title", "article"),
    [
        ("国务院关于印发…的通知_政策_中国政府网", "国务院关于印发…的通知"),
        ("中国政府网_2023年政府工作报告", "2023年政府工作报告"),
        ("2021年政府工作报告-马边彝族自治县人民政府", "2021年政府工作报告"),
        ("2021-2025年规划纲要 - 某县人民政府", "2021-2025年规划纲要"),
    ],
)
def test_a_government_title_keeps_the_first_part_naming_no_site(title: str, article: str) -> None:
    assert article_part(title, GOV_TITLES) == article


def test_each_kind_of_page_cuts_its_own_separators() -> None:
    assert first_part("2023年龙游县政府工作报告 - 政府工作报告 - 区域数据论坛 - Powered by Discuz!", FORUM_TITLES) == "2023年龙游县政府工作报告"
    assert first_part("丽水市政府工作报告_丽水新闻网", NEWS_TITLES) == "丽水市政府工作报告"
    assert first_part("2023年政府工作报告｜某县人民政府", LINK_TITLES) == "2023年政府工作报告"
    assert last_part("首页_永州市地方志编纂室", PORTAL_TITLES) == "永州市地方志编纂室"
    assert title_parts("报告 » 政务公开 » 某县", GENERIC_TITLES) == ["报告", "政务公开", "某县"]
    assert title_parts("标普：希腊评级下调", GENERIC_TITLES) == ["标普：希腊评级下调"]  # a colon is no separator


def test_prefixes_and_site_suffixes_of_farms_and_aggregators() -> None:
    assert strip_prefix("006-2021年慈溪市政府工作报告", FARM_TITLES) == "2021年慈溪市政府工作报告"
    assert strip_prefix("2021年慈溪市政府工作报告", FARM_TITLES) == "2021年慈溪市政府工作报告"
    assert without_site_suffix("2021年XX县政府工作报告全文-XX文库", "XX文库", FARM_TITLES) == "2021年XX县政府工作报告全文"
    assert strip_prefix("【宝兴县招商】[雅安]2021年宝兴县政府工作报告", AGGREGATOR_TITLES) == "2021年宝兴县政府工作报告"
