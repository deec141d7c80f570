"""Small text processors shared by every page type: whitespace, dates, label values."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateparser

# Whitespace a Chinese page uses for indentation and layout, full-width space included.
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
_DATE = re.compile(
    r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2}))?"
)


def squash_spaces(text: str) -> str:
    """Collapse runs of (full-width) spaces to one ASCII space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def clean_line(line: str) -> str:
    """A paragraph line without its indentation; inner runs of (full-width) spaces become one space."""
    return squash_spaces(line)


def join_lines(lines: list[str]) -> str:
    """Paragraph lines → text: cleaned, empty lines dropped, one paragraph per line."""
    return "\n".join(c for c in (clean_line(line) for line in lines) if c)


def parse_date(text: str | None) -> str | None:
    """First full date in ``text`` as ``YYYY-MM-DD``; tolerates ``2021- 04- 08 10 : 42`` and 年月日.
    A date without its month or day (``2021``, ``2021年3月``, ``10:42``) is no date: None, never
    a part filled in from today."""
    if not text:
        return None
    match = _DATE.search(text)
    if match:
        year, month, day = (int(g) for g in match.groups()[:3])
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return _parsed_full_date(text)


_PROBES = (datetime(1901, 1, 1), datetime(1902, 2, 2))
"""Two defaults for dateutil: a part missing from the text comes out different under each."""


def _parsed_full_date(text: str) -> str | None:
    """dateutil's reading of ``text`` when it states year, month and day itself."""
    try:
        first, second = (dateparser.parse(text, default=probe, fuzzy=False).date() for probe in _PROBES)
    except (ValueError, OverflowError):
        return None
    return first.isoformat() if first == second else None


def labelled_values(text: str, labels: re.Pattern[str]) -> list[tuple[str, str, bool]]:
    """``label：value`` runs of a text, the one parser of labelled fields: (label, value, whether
    it is the text's last label) for each match of ``labels`` (its group 1 the label), each value
    running to the next label. A family brings its own vocabulary as the ``labels`` pattern."""
    marks = list(labels.finditer(text))
    ends = [m.start() for m in marks[1:]] + [len(text)] if marks else []
    return [(m.group(1), text[m.end() : end], i == len(marks) - 1) for i, (m, end) in enumerate(zip(marks, ends, strict=True))]


def strip_label(text: str) -> str:
    """``索引号：`` → ``索引号`` (labels end in a full- or half-width colon)."""
    return squash_spaces(text).rstrip("：:").strip()


# Lines where a content farm's preview ends and the rest of the document is withheld:
# 试读结束, 展开全文, 阅读全文, 登录查看全文, 剩余80%未读, 开通会员免费下载, 本文共12页 … A marker
# is a short line of its own (a paywall box or button), never a sentence inside a paragraph.
PREVIEW_MARKERS = re.compile(
    r"(?:试读|预览|试看)(?:已)?结束|(?:展开|阅读|查看|浏览)(?:完整)?全文|继续阅读|"
    r"剩余.{0,12}未读|还剩.{0,8}页|(?:本文|全文|文档)共\s*\d+\s*页|开通.{0,6}会员|"
    r"(?:此处|以下|剩余|更多)?(?:内容|全文)(?:已)?隐藏|隐藏(?:的)?内容|付费(?:阅读|内容|查看)|"
    r"(?:登录|注册|购买|付费|下载)后(?:方可|才能|可以)?(?:查看|阅读|浏览)"
)
PREVIEW_MARKER_MAX_CHARS = 50


def is_preview_marker(line: str) -> bool:
    """Whether a line is a paywall/preview marker (试读结束, 展开全文, 剩余…未读 …)."""
    line = clean_line(line)
    sentence = line.endswith(("。", "；", "！")) and line.count("，") >= 2  # running report text, not a button
    return 0 < len(line) <= PREVIEW_MARKER_MAX_CHARS and not sentence and PREVIEW_MARKERS.search(line) is not None


def cut_at_preview_marker(lines: list[str]) -> tuple[list[str], bool]:
    """Lines before the first preview marker, and whether one was found (the text is truncated)."""
    for index, line in enumerate(lines):
        if is_preview_marker(line):
            return lines[:index], True
    return lines, False
