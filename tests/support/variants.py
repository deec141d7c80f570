"""Copies of a report as other sites carry them: previews, re-typed forum copies, aggregator pages.

Test helpers for dedup (tests/dedup/test_dedup.py, benchmarks/dedup.py). All deterministic given a seed.
"""

from __future__ import annotations

import random
from pathlib import Path

DATA = Path(__file__).parents[1] / "dedup_data"
HALF_WIDTH = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")",
                            "“": '"', "”": '"', "、": ","})


def real_report(name: str) -> tuple[str, str]:
    """(title, text) of a report in tests/dedup_data, e.g. ``longgang-2021``."""
    title, text = (DATA / f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)
    return title, text.strip()


def preview(text: str, share: float) -> str:
    """The first ``share`` of the text, cut mid-sentence as content farms do."""
    return text[: max(1, int(len(text) * share))].rstrip()


def excerpt(text: str, start: float, share: float) -> str:
    """A middle part of the text, from ``start`` (share of its length) for ``share`` of it."""
    begin = int(len(text) * start)
    return text[begin: begin + int(len(text) * share)].strip()


def retype(text: str, edits: int, seed: int) -> str:
    """Re-typed by hand: half-width punctuation, ``edits`` characters changed or dropped."""
    rng = random.Random(seed)
    chars = list(text.translate(HALF_WIDTH))
    cjk = [c for c in chars if "\u4e00" <= c <= "\u9fff"]
    for _ in range(edits):
        at = rng.randrange(len(chars))
        chars[at] = rng.choice(cjk) if rng.random() < 0.7 else ""
    return "".join(chars)


def forum_floors(text: str, floors: int, seed: int) -> str:
    """Posted over ``floors`` floors, split anywhere, rejoined one floor per line run."""
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(1, len(text) - 1), floors - 1))
    parts = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return "\n".join(part.strip() for part in parts if part.strip())


def aggregator(texts: list[str], cut_last: float | None = None) -> list[tuple[str, int, int]]:
    """Segments (text, seg_start, seg_end) of an aggregator page holding the reports one after
    another; the last one cut off at ``cut_last`` of its length, without a marker."""
    segments, offset = [], 0
    for index, text in enumerate(texts):
        if cut_last is not None and index == len(texts) - 1:
            text = preview(text, cut_last)
        segments.append((text, offset, offset + len(text)))
        offset += len(text) + 1
    return segments
