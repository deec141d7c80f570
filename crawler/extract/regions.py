"""Region names in report headings → GB/T 2260 code and level, over the registry of divisions.

The names are those of ``crawler.extract.divisions``: today's divisions first, then every
division since 1980 under any name it had, so old reports keep the code they had when they
were delivered (洞头县 before it became 洞头区 in 2015).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from crawler.extract.divisions import SUFFIXES, Division, level_of, registry, short_name

_SUFFIX_CHARS = frozenset(s[-1] for s in SUFFIXES)
_MAX_NAME = 12
_OPEN = 9999  # valid_until of a division in use today, for comparing spans


@dataclass(frozen=True)
class Region:
    """A division as found: its name, GB/T 2260 code (None when ambiguous) and level."""

    name: str
    code: str | None
    level: str | None


def level_by_name(name: str) -> str | None:
    """The level a name's suffix tells without a code (a bare 市 could be 地级 or 县级: None)."""
    if name.endswith(("省", "自治区", "特别行政区")):
        return "省"
    if name.endswith(("州", "盟", "地区")):
        return "市"
    if name.endswith(("县", "旗", "林区", "特区")):
        return "县"
    return "区" if name.endswith("区") else None


class Divisions:
    """Name index over a set of divisions."""

    def __init__(self, divisions: Iterable[Division]) -> None:
        chosen = list(divisions)
        self.names = {d.code: d.name for d in chosen}
        self.spans = {d.code: (d.valid_from or 0, d.valid_until or _OPEN) for d in chosen}
        """code → (first, last) year in use."""
        self.codes: dict[str, list[str]] = {}
        for division in sorted(chosen, key=lambda d: d.code):
            for name in (division.name, *division.former_names):
                self.codes.setdefault(name, []).append(division.code)

    def parents(self, code: str) -> list[str]:
        """Names of the province and prefecture above a code (with their short forms)."""
        names = [self.names.get(code[:2] + "0000"), self.names.get(code[:4] + "00")]
        found = [n for n in names if n and n != self.names.get(code)]
        return found + [short_name(n) for n in found]


@cache
def current() -> Divisions:
    """The divisions in use today."""
    return Divisions(d for d in registry() if d.valid_until is None)


@cache
def historic() -> Divisions:
    """Every division since 1980, under every name it had."""
    return Divisions(registry())


def names_in(text: str) -> list[str]:
    """Known division names in a short phrase, left to right, longest match at each place."""
    found: list[str] = []
    index = 0
    while index < len(text):
        end = _longest_name_ending_after(text, index)
        if end is None:
            index += 1
            continue
        found.append(text[index:end])
        index = end
    return found


def _longest_name_ending_after(text: str, start: int) -> int | None:
    for end in range(min(len(text), start + _MAX_NAME), start + 1, -1):
        if text[end - 1] in _SUFFIX_CHARS and _known(text[start:end]):
            return end
    return None


def _known(name: str) -> bool:
    return name in current().codes or name in historic().codes


def resolve(name: str, context: str = "") -> Region:
    """The division called ``name``; parents named in ``context`` settle a name used in several places."""
    for divisions in (current(), historic()):
        codes = divisions.codes.get(name, [])
        if len(codes) > 1:
            codes = [c for c in codes if any(p in context for p in divisions.parents(c))] or _latest(divisions, codes)
        if len(codes) == 1:
            return Region(name, codes[0], level_of(codes[0], name))
        if divisions.codes.get(name):
            break  # known here but ambiguous: an older revision would only guess
    return Region(name, None, level_by_name(name))


def _latest(divisions: Divisions, codes: list[str]) -> list[str]:
    """Of codes a name had one after another (洞头县 332822, then 330322), the latest; [] if they coexisted."""
    if divisions is current():
        return []  # names in use today in several places: ambiguous
    ranked = sorted(codes, key=lambda code: divisions.spans[code][1], reverse=True)
    latest_from = divisions.spans[ranked[0]][0]
    coexisted = any(divisions.spans[code][1] > latest_from for code in ranked[1:])
    return [] if coexisted else ranked[:1]


def find_region(phrase: str, context: str = "") -> Region | None:
    """The most specific division named in a phrase (四川省雅安市宝兴县 → 宝兴县), or None."""
    names = names_in(phrase)
    if not names:
        return None
    return resolve(names[-1], context + " " + phrase)


