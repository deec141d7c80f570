"""The one chrome vocabulary: a word of it is chrome for the clean stage and for the page types
that drop chrome lines themselves."""

from __future__ import annotations

import re

import pytest

from crawler.extract.chrome import PREV_NEXT, RELATED, words
from crawler.extract.clean import is_chrome_line
from crawler.extract.pages.aggregator import _CHROME_LINE as AGGREGATOR_CHROME_LINE
from crawler.extract.pages.news import _is_chrome as news_chrome


def test_words_tries_the_longer_word_first() -> None:
    assert re.match(f"(?:{words(('分享', '分享到'))})", "分享到：微信").group(0) == "分享到"


@pytest.mark.parametrize("heading", RELATED)
def test_every_related_heading_is_chrome_everywhere(heading: str) -> None:
    assert is_chrome_line(heading) and is_chrome_line(f"{heading}：")
    assert news_chrome(heading) and AGGREGATOR_CHROME_LINE.match(heading)


@pytest.mark.parametrize("link", PREV_NEXT)
def test_prev_next_links_are_chrome_for_clean_and_news(link: str) -> None:
    assert is_chrome_line(f"{link}：2020年政府工作报告") and news_chrome(f"{link}：2020年政府工作报告")


def test_report_lines_mentioning_chrome_words_stay() -> None:
    assert not is_chrome_line("相关推荐工作取得新进展，全年完成投资120亿元，增长8.5%。")
    line = "扫码办事“一件事”集成服务覆盖全县，打造数字化改革的县域样板，群众满意度持续提升，全年办件量增长三成，好评率达到百分之九十九。"
    assert len(line) > 60 and not news_chrome(line)  # a paragraph, however it starts
