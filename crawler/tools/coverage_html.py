"""`govcrawl coverage --format html`: the divisions × years matrix as one self-contained heat-map page.

No scripts, no external files: inline CSS, one table per province, a header row per prefecture
with its own counts, each cell coloured by the best source kind and titled with what it holds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from itertools import groupby

from crawler.extract.divisions import SOURCE, short_name
from crawler.tools.coverage import LEVELS, TRUNCATED, Coverage, Row

COLOURS = {
    "official": "#1a7f37", "news": "#3b82f6", "mirror": "#f59e0b", "forum": "#ea580c", "farm": "#b45309",
    "aggregator": "#9a3412", TRUNCATED: "#9ca3af",
}
NONE_COLOUR = "#eef0f2"
CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#1f2328}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 6px} p.meta{color:#656d76;font-size:12px;margin:2px 0}
.legend span{display:inline-block;margin-right:14px;font-size:12px} .legend i{display:inline-block;width:12px;height:12px;
vertical-align:-2px;margin-right:4px;border-radius:2px}
table{border-collapse:separate;border-spacing:2px;font-size:12px} th{font-weight:normal;color:#656d76;padding:0 2px}
td.name{padding-right:8px;white-space:nowrap} td.c{width:22px;height:16px;border-radius:2px}
tr.group td{padding-top:8px;font-weight:bold;color:#424a53} tr.group td.n{font-weight:normal;color:#656d76;text-align:center}
td.gone{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#f3f4f6 3px,#f3f4f6 6px)}
tr.total td{border-top:1px solid #d0d7de;padding-top:4px;text-align:center;color:#424a53}
"""


def as_html(coverage: Coverage) -> str:
    """The page: title, legend, then per province its prefectures' divisions and the province totals."""
    level = LEVELS[coverage.tier]
    span = f"{coverage.years[0]}–{coverage.years[-1]}" if coverage.years else ""
    provinces = sorted({row.province.code: row.province for row in coverage.rows}.values(), key=lambda d: d.code)
    scope = short_name(provinces[0].name) if len(provinces) == 1 else "全国"
    sections = [_province_section(coverage, code, list(rows)) for code, rows in groupby(coverage.rows, key=lambda r: r.province.code)]
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>govcrawl coverage · {escape(scope)} {level} · {span}</title>
<style>{CSS}</style></head><body>
<h1>政府工作报告 coverage · {escape(scope)} · {len(coverage.rows)} {level} divisions · {span}</h1>
<p class="meta">Each cell: the best copy of the year's canonical report — official portal, news, mirror, forum, content farm,
aggregator — or a truncated preview only. Hatched: the division did not exist that year. Generated {generated} by govcrawl coverage.</p>
<p class="meta">Divisions: {escape(SOURCE)}.</p>
<p class="legend">{_legend()}</p>
{"".join(sections)}
</body></html>
"""


def _legend() -> str:
    items = [f'<span><i style="background:{colour}"></i>{kind}</span>' for kind, colour in COLOURS.items()]
    items.append(f'<span><i style="background:{NONE_COLOUR}"></i>no report</span>')
    items.append('<span><i class="gone" style="border:1px solid #d0d7de"></i>did not exist</span>')
    return "".join(items)


def _province_section(coverage: Coverage, province_code: str, rows: list[Row]) -> str:
    province = rows[0].province
    header = "".join(f"<th>{year}</th>" for year in coverage.years)
    body = []
    for group, grouped in groupby(rows, key=lambda row: row.group):
        members = list(grouped)
        counts = "".join(f'<td class="n">{_count(members, year)}</td>' for year in coverage.years)
        body.append(f'<tr class="group"><td>{escape(group)}</td>{counts}</tr>')
        body += [_division_row(row, coverage.years) for row in members]
    totals = {t.year: t for t in coverage.totals if t.province.code == province_code}
    total_cells = "".join(f"<td>{totals[year].covered}/{totals[year].divisions}</td>" for year in coverage.years)
    return (
        f"<h2>{escape(province.name)} ({province.code})</h2><table><tr><th></th>{header}</tr>"
        + "".join(body) + f'<tr class="total"><td>with a report</td>{total_cells}</tr></table>'
    )


def _count(rows: list[Row], year: int) -> str:
    present = [row for row in rows if year in row.existed]
    return f"{sum(1 for row in present if year in row.cells)}/{len(present)}"


def _division_row(row: Row, years: list[int]) -> str:
    cells = []
    for year in years:
        name = f"{row.division.name} {year}"
        if year not in row.existed:
            cells.append(f'<td class="c gone" title="{escape(name)}: did not exist"></td>')
            continue
        kind = row.cells.get(year)
        colour = COLOURS.get(kind, NONE_COLOUR) if kind else NONE_COLOUR
        cells.append(f'<td class="c" style="background:{colour}" title="{escape(name)}: {kind or "no report"}"></td>')
    return f'<tr><td class="name" title="{row.division.code}">{escape(row.division.name)}</td>{"".join(cells)}</tr>'
