"""The shared text processors: the one parser of ``label：value`` fields."""

from __future__ import annotations

import re

from crawler.extract.text import labelled_values

LABELS = re.compile(r"(来源|发布时间|作者)\s*[:：]")


def test_each_value_runs_to_the_next_label() -> None:
    line = "发布时间：2023-01-16 来源：市政府办公室  作者:张三"
    assert [(label, value.strip()) for label, value, _ in labelled_values(line, LABELS)] == [
        ("发布时间", "2023-01-16"), ("来源", "市政府办公室"), ("作者", "张三"),
    ]
    assert [last for *_, last in labelled_values(line, LABELS)] == [False, False, True]


def test_a_text_without_labels_has_no_fields() -> None:
    assert labelled_values("2023年政府工作报告", LABELS) == []


def test_a_label_ending_the_text_has_an_empty_value() -> None:
    assert labelled_values("正文 来源：", LABELS) == [("来源", "", True)]
