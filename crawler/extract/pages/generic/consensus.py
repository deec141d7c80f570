"""Choosing the article's lines among candidates: the density root's lines that another extractor confirms.

The density root holds every block of prose near the article, so it has the article and, on
real pages, often a disclaimer, a comment-rules box or promotional blurbs beside it. Trafilatura
and readability each miss some of the article but rarely agree with each other on furniture.
A line of the density text stays when most of its character trigrams appear in the text of
another extractor: a paragraph-level vote, where a fixed precedence would take one extractor's
errors whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Share of a line's character trigrams another extractor's text must hold for the line to stay.
CONFIRMED_SHARE = 0.5
# Lines at least this long that repeat inside another line are summary boxes (导读, 摘要).
REPEAT_MIN_CHARS = 20
# A summary box's frame: a short label (导读：, 摘要：, 核心提示：) and the ellipsis where it is cut.
SUMMARY_FRAME = re.compile(r"^[【\[]?(?:导读|导语|摘要|提要|内容提要|核心提示|编者按|简介)[】\]]?[：:]?|(?:\.{3,}|…+)$")
# An unconfirmed line this short between confirmed lines, numbered like a section, is kept.
HEADING_MAX_CHARS = 40
SECTION_HEADING = re.compile(r"[（(]?[一二三四五六七八九十]+[）)、.．]|第[一二三四五六七八九十]+[章节部分篇]|\d{1,2}[、.．]\D")


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def trigrams(text: str) -> set[str]:
    """Character trigrams of a text, whitespace removed (the text itself when shorter)."""
    compact = _compact(text)
    return {compact[i : i + 3] for i in range(len(compact) - 2)} or ({compact} if compact else set())


def confirmation(line: str, pool: set[str]) -> float:
    """Share of a line's trigrams found in ``pool``."""
    grams = trigrams(line)
    return sum(gram in pool for gram in grams) / len(grams) if grams else 0.0


def unconfirmed(lines: list[str], pool: set[str]) -> list[int]:
    """Indexes of the lines that ``pool`` (the other extractors' trigrams) does not confirm."""
    return [i for i, line in enumerate(lines) if confirmation(line, pool) < CONFIRMED_SHARE]


def pool_of(texts: Iterable[str]) -> set[str]:
    """The trigrams of other extractors' texts."""
    pool: set[str] = set()
    for text in texts:
        pool |= trigrams(text)
    return pool


def kept_lines(lines: list[str], doubtful: set[int]) -> list[str]:
    """Confirmed lines, and the numbered section headings between them (一、…, （二）…): extractors
    that drop short lines leave them out, though they sit between paragraphs they kept."""
    confirmed = [i for i in range(len(lines)) if i not in doubtful]
    if not confirmed:
        return []
    first, last = confirmed[0], confirmed[-1]
    return [
        line
        for i, line in enumerate(lines)
        if i not in doubtful or (first < i < last and len(line) <= HEADING_MAX_CHARS and SECTION_HEADING.match(line))
    ]


def without_repeats(lines: list[str]) -> list[str]:
    """Lines without summary boxes: a long line seen before, or, label and ellipsis aside, held in a
    longer neighbouring line (``导读：`` + the lead paragraph cut short). Linear: big tables stay cheap."""
    compact = [_compact(line) for line in lines]
    seen: set[str] = set()
    kept = []
    for index, (line, key) in enumerate(zip(lines, compact, strict=True)):
        core = SUMMARY_FRAME.sub("", key)
        neighbours = [other for other in compact[max(index - 1, 0) : index + 2] if len(other) > len(core) and other != key]
        if len(core) >= REPEAT_MIN_CHARS and (key in seen or any(core in other for other in neighbours)):
            continue
        seen.add(key)
        kept.append(line)
    return kept
