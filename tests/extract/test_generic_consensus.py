"""The line vote of the generic page type: what a second extractor confirms, headings, repeats."""

from __future__ import annotations

from crawler.extract.pages.generic.consensus import kept_lines, pool_of, unconfirmed, without_repeats

ARTICLE = [
    "一、过去一年工作回顾",
    "过去一年，全县地区生产总值增长6.2%，一般公共预算收入增长7.5%。",
    "二、今年主要任务",
    "今年全县地区生产总值预期增长6.5%左右，城乡居民收入同步增长。",
]
DISCLAIMER = "凡本网注明来源的作品，版权均属本网所有，未经书面授权不得转载、摘编或以其他方式使用。"


def test_lines_another_extractor_lacks_are_unconfirmed() -> None:
    pool = pool_of([ARTICLE[1] + ARTICLE[3]])
    assert unconfirmed([*ARTICLE, DISCLAIMER], pool) == [0, 2, 4]


def test_numbered_headings_between_confirmed_lines_stay_and_the_rest_goes() -> None:
    lines = [*ARTICLE, DISCLAIMER]
    assert kept_lines(lines, {0, 2, 4}) == ARTICLE[1:]  # 一、 precedes every confirmed line: not between
    assert kept_lines(["导语", *lines], {0, 1, 3, 5}) == lines[1:4]


def test_summary_boxes_repeating_a_neighbour_go() -> None:
    lead = "1月19日，某县第十届人民代表大会第一次会议开幕，县长代表县人民政府作政府工作报告。"
    guide = "导读：1月19日，某县第十届人民代表大会第一次会议开幕，县长代表县人民政府作政府……"
    assert without_repeats([guide, lead, ARTICLE[1], lead]) == [lead, ARTICLE[1]]
