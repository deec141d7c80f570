"""Small text processors shared by every page type: whitespace, dates, label values."""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateparser

# Whitespace a Chinese page uses for indentation and layout, full-width space included.
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
_DATE = re.compile(
    r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2}))?"
)


def squash_spaces(text: str) -> str:
    """Collapse runs of (full-width) spaces to one ASCII space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def clean_line(line: str) -> str:
    """A paragraph line without its indentation; spaces between CJK characters are layout."""
    line = squash_spaces(line)
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", line)


def join_lines(lines: list[str]) -> str:
    """Paragraph lines → text: cleaned, empty lines dropped, one paragraph per line."""
    return "\n".join(c for c in (clean_line(line) for line in lines) if c)


def parse_date(text: str | None) -> str | None:
    """First date in ``text`` as ``YYYY-MM-DD``; tolerates ``2021- 04- 08 10 : 42`` and 年月日."""
    if not text:
        return None
    match = _DATE.search(text)
    if match:
        year, month, day = (int(g) for g in match.groups()[:3])
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    try:
        return dateparser.parse(text, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError):
        return None


def strip_label(text: str) -> str:
    """``索引号：`` → ``索引号`` (labels end in a full- or half-width colon)."""
    return squash_spaces(text).rstrip("：:").strip()
