"""`govcrawl coverage`: which divisions have a work report for which years, and from what kind of source.

A cell of the divisions × years matrix holds the best source of the canonical reports of that
division and year: ``official`` when an official portal carries a complete copy, else the best
other kind (news, mirror, forum, farm, aggregator), ``truncated`` when every copy is a preview;
no cell when the corpus has no report. A division renamed or re-coded (邵东县 → 邵东市) is one
row under its newest code; one abolished by a merger keeps its row for the years it existed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from crawler.extract.divisions import Division, Registry, short_name
from crawler.extract.divisions import registry as load_registry
from crawler.sites import KINDS

TRUNCATED = "truncated"
SOURCE_RANK = {kind: rank for rank, kind in enumerate(("official", "news", "mirror", "forum", "farm", "aggregator", TRUNCATED))}
"""Best source first: official over news over mirror/forum/farm/aggregator; a truncated copy last."""
assert set(KINDS) <= set(SOURCE_RANK)
LEVELS = {"county": "county-level", "prefecture": "prefecture-level"}
FIRST_YEAR = 1980
"""The first year the registry of divisions knows."""
DIRECT = "直辖"
"""Group of divisions directly under a province (直辖市 districts, 省直辖县级市)."""


@dataclass
class Row:
    """A division of the scope: where it is, the years it existed, its report cells."""

    division: Division
    group: str
    """Name of the prefecture it belongs to (or 直辖)."""
    province: Division
    existed: set[int]
    cells: dict[int, str] = field(default_factory=dict)
    """year → best source kind of its reports."""


@dataclass(frozen=True)
class Total:
    """How many divisions of one province had a report for one year."""

    province: Division
    year: int
    divisions: int
    covered: int
    official: int
    truncated: int

    def line(self, tier: str) -> str:
        """``浙江 2021: 78 of 90 county-level (60 official, 2 truncated only)``."""
        return (
            f"{short_name(self.province.name)} {self.year}: {self.covered} of {self.divisions} {LEVELS[tier]} "
            f"({self.official} official, {self.covered - self.official - self.truncated} other sources only, "
            f"{self.truncated} truncated only)"
        )


@dataclass
class Coverage:
    """The matrix and its totals."""

    tier: str
    years: list[int]
    rows: list[Row]
    totals: list[Total]


def best_source(kinds: Iterable[str]) -> str:
    """The best of several copies' source kinds (``truncated`` for a preview copy)."""
    return min(kinds, key=lambda kind: SOURCE_RANK.get(kind, len(SOURCE_RANK)))


def report_cells(sources: Iterable[tuple[str, int, str | None, bool]], registry: Registry) -> dict[tuple[str, int], str]:
    """(row code, year) → best source, from (region_code, year, site_kind, truncated) of every copy
    of a canonical report; codes are moved to their newest code (邵东县's 2018 report: 邵东市's row)."""
    cells: dict[tuple[str, int], str] = {}
    for code, year, kind, truncated in sources:
        key = (registry.lineage_head(code), year)
        source = TRUNCATED if truncated else (kind or "mirror")
        cells[key] = best_source([cells[key], source]) if key in cells else source
    return cells


def divisions_json(prefix: str | None, tier: str | None, year: str | int | None) -> str:
    """The divisions of a tier (``county``, ``prefecture``) whose code starts with ``prefix`` that
    delivered a report for ``year``, as a JSON list of {code, name, level, prefecture}: the rows of
    the coverage query in `govcrawl browse`, those without a report included. ``[]`` for bad input."""
    try:
        wanted = int(str(year))
    except ValueError:
        return "[]"
    registry = load_registry()
    chosen = [d for d in registry.within(str(prefix or ""), str(tier or "county")) if d.delivers_report(wanted)]
    rows = [{"code": d.code, "name": d.name, "level": d.level, "prefecture": _group(registry, d)} for d in chosen]
    return json.dumps(rows, ensure_ascii=False)


def report_years(cells: dict[tuple[str, int], str], first: int | None, last: int | None, this_year: int) -> list[int]:
    """The years of the matrix: ``first`` to ``last``, by default the corpus' first and last report
    years (within 1980, when the registry starts, and next year; the last five years for an empty corpus)."""
    known = sorted(year for _, year in cells)
    first = first if first is not None else max(known[0], FIRST_YEAR) if known else this_year - 4
    last = last if last is not None else min(known[-1], this_year + 1) if known else this_year
    if first > last:
        raise ValueError(f"--from {first} is after --to {last}")
    if first < FIRST_YEAR or last > this_year + 1:
        raise ValueError(f"years from {FIRST_YEAR} to {this_year + 1} only")
    return list(range(first, last + 1))


def build_coverage(
    registry: Registry, cells: dict[tuple[str, int], str], years: list[int], tier: str = "county",
    province: Division | None = None,
) -> Coverage:
    """The matrix of one tier, for one province or the whole country, over ``years``."""
    prefix = province.code[:2] if province else ""
    lineages: dict[str, list[Division]] = {}
    for division in registry.within(prefix, tier):
        lineages.setdefault(registry.lineage_head(division.code), []).append(division)
    rows = []
    for head_code, lineage in lineages.items():
        head = registry.get(head_code)
        if head is None or head.tier != tier:
            continue
        existed = {year for year in years if any(d.delivers_report(year) for d in lineage)}
        if existed:
            row_cells = {year: cells[(head.code, year)] for year in years if (head.code, year) in cells}
            rows.append(Row(head, _group(registry, head), _province(registry, head), existed, row_cells))
    rows.sort(key=lambda row: (row.province.code, row.group != DIRECT, _group_code(row), row.division.code))
    return Coverage(tier, years, rows, totals(rows, years))


def totals(rows: list[Row], years: list[int]) -> list[Total]:
    """Per province and year: divisions that existed, those with a report, official, truncated only."""
    out = []
    for province in sorted({row.province.code: row.province for row in rows}.values(), key=lambda d: d.code):
        mine = [row for row in rows if row.province.code == province.code]
        for year in years:
            present = [row for row in mine if year in row.existed]
            kinds = [row.cells[year] for row in present if year in row.cells]
            out.append(Total(province, year, len(present), len(kinds), kinds.count("official"), kinds.count(TRUNCATED)))
    return out


def _province(registry: Registry, division: Division) -> Division:
    found = registry.get(division.code[:2] + "0000")
    assert found is not None, division
    return found


def _group(registry: Registry, division: Division) -> str:
    """The prefecture a county belongs to (by name), 直辖 for those directly under the province."""
    if division.tier != "county" or not division.parent or division.parent.endswith("0000"):
        return DIRECT if division.tier == "county" else short_name(_province(registry, division).name)
    parent = registry.get(division.parent)
    return parent.name if parent else division.parent


def _group_code(row: Row) -> str:
    return row.division.parent or ""


def as_json(coverage: Coverage) -> str:
    """``{"divisions": [...], "totals": [...]}``: every division of the scope, with or without reports."""
    divisions = [
        {
            "code": row.division.code, "name": row.division.name, "level": row.division.level,
            "parent": row.division.parent, "years": {str(year): kind for year, kind in sorted(row.cells.items())},
            "valid_from": row.division.valid_from, "valid_until": row.division.valid_until,
        }
        for row in coverage.rows
    ]
    totals_out = [
        {
            "province": t.province.code, "name": short_name(t.province.name), "year": t.year, "level": coverage.tier,
            "divisions": t.divisions, "covered": t.covered, "official": t.official, "truncated": t.truncated,
        }
        for t in coverage.totals
    ]
    return json.dumps({"divisions": divisions, "totals": totals_out}, ensure_ascii=False, indent=1) + "\n"


def as_csv(coverage: Coverage) -> str:
    """One line per division: code, name, level, parent, prefecture, then a column per year
    (the source kind; empty: no report; ``-``: the division did not exist)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent", "prefecture", *coverage.years])
    for row in coverage.rows:
        cells = [row.cells.get(year, "") if year in row.existed else "-" for year in coverage.years]
        writer.writerow([row.division.code, row.division.name, row.division.level, row.division.parent or "", row.group, *cells])
    return out.getvalue()


NAME_WIDTH = 6
"""Full-width characters of the name column of the table."""
SYMBOLS = {"official": "●", TRUNCATED: "◌"}
OTHER_SYMBOL = "○"
NONE_SYMBOL = "·"


def symbol(row: Row, year: int) -> str:
    """● official, ○ other sources only, ◌ truncated only, · no report, blank: did not exist."""
    if year not in row.existed:
        return " "
    kind = row.cells.get(year)
    return NONE_SYMBOL if kind is None else SYMBOLS.get(kind, OTHER_SYMBOL)


def as_table(coverage: Coverage) -> str:
    """The matrix as text, grouped by prefecture, then the totals per province and year."""
    header = f"{'code':<7}{'name':<{NAME_WIDTH * 2 + 1}}" + " ".join(f"{year % 100:02d}" for year in coverage.years)
    lines = [header]
    group = None
    for row in coverage.rows:
        if (row.province.code, row.group) != group:
            group = (row.province.code, row.group)
            lines.append(f"{short_name(row.province.name)} · {row.group}")
        name = row.division.name.ljust(NAME_WIDTH, "　")
        lines.append(f"{row.division.code:<7}{name} " + " ".join(f"{symbol(row, year):>2}" for year in coverage.years))
    lines.append("legend: ● official  ○ news/mirror/forum/aggregator only  ◌ truncated only  · none  (blank: did not exist)")
    lines += [total.line(coverage.tier) for total in coverage.totals]
    return "\n".join(lines) + "\n"
