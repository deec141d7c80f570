"""A date missing its month or day is not a publication date: nothing is filled in from today."""

from __future__ import annotations

import pytest

from crawler.extract.text import parse_date


@pytest.mark.parametrize(
    "text", ["2021", "2021年3月", "10:42", "12", "2021-3", "发布时间：2021年", "浏览次数：12", "2021年第3期", "", None],
)
def test_partial_dates_are_no_date(text: str | None) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2021-03-01", "2021-03-01"),
        ("发布日期：2021年3月1日 10:42", "2021-03-01"),
        ("2021- 04- 08 10 : 42", "2021-04-08"),
        ("2021/4/8", "2021-04-08"),
        ("2021.04.08", "2021-04-08"),
        ("March 1, 2021", "2021-03-01"),
        ("2021-02-30", None),
    ],
)
def test_full_dates(text: str, date: str | None) -> None:
    assert parse_date(text) == date
