"""`govcrawl coverage`: divisions × years, by source kind, with totals; every division of the scope listed."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from site_crawl import GOVCRAWL

from crawler.extract.items import Draft
from crawler.store.db import RawPage, Store
from crawler.store.versions import STAGE_VERSIONS

# (key, region code, year, site, site kind, truncated): copies of reports as a corpus holds them.
COPIES = [
    ("longgang2021", "330383", 2021, "wenzhou", "official", False),
    ("longgang2021", "330383", 2021, "lsnews", "news", False),  # official wins over news
    ("lucheng2023", "330302", 2023, "bbs", "forum", False),
    ("lucheng2023", "330302", 2023, "zhaoshang", "aggregator", False),  # forum ranks over aggregator
    ("ouhai2024", "330304", 2024, "zhaoshang", "aggregator", True),  # a preview only
    ("shaodong2018", "430521", 2018, "shaoyang", "official", False),  # 邵东县: 邵东市's row (430582)
    ("wenzhou2022", "330300", 2022, "wenzhou", "official", False),  # prefecture level
    ("xiacheng2020", "330103", 2020, "hangzhou", "official", False),  # 下城区, abolished 2021
]


def text_of(key: str) -> str:
    return "\n".join(f"{key}第{i}项工作：坚持稳中求进工作总基调，推进第{i}批重点项目建设，编号{key}-{i}。" for i in range(8))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("coverage") / "govreports.db"
    store = Store(path)
    for n, (key, code, year, site, kind, truncated) in enumerate(COPIES):
        url = f"https://{site}.example.cn/{key}-{n}.html"
        page = RawPage(url=url, site=site, status=200, headers={}, body=f"<p>{key}</p>".encode(), encoding="utf-8",
                       fetched_at="2026-11-30T00:00:00+00:00", site_kind=kind)
        draft = Draft(url=url, title=f"{year}年政府工作报告", text=text_of(key), page_type="generic", year=year,
                      region_code=code, truncated=truncated)
        store.save_page(page, [draft], None, STAGE_VERSIONS)
    store.close()
    return path


def coverage(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([GOVCRAWL, "coverage", *args, "--db", str(db)], capture_output=True, text=True, timeout=60)


def row(table: str, code: str) -> str:
    return next(line for line in table.splitlines() if line.startswith(code))


def test_table_marks_each_cell_by_its_best_source(corpus: Path) -> None:
    result = coverage(corpus, "--province", "浙江", "--from", "2019", "--to", "2024")
    assert result.returncode == 0, result.stderr
    cells = lambda code: row(result.stdout, code).split()[2:]  # noqa: E731
    assert cells("330383") == ["·", "●", "·", "·", "·"]  # 龙港市: none in 2019 (created that year), official 2021
    assert row(result.stdout, "330383").endswith("   ·  ●  ·  ·  ·")  # 2019 blank: did not exist yet
    assert cells("330302") == ["·", "·", "·", "·", "○", "·"]  # 鹿城区 2023: forum only
    assert cells("330304") == ["·", "·", "·", "·", "·", "◌"]  # 瓯海区 2024: truncated only
    assert cells("330103") == ["·", "●", "·"]  # 下城区 until 2021
    assert "浙江 2021: 1 of 90 county-level (1 official, 0 other sources only, 0 truncated only)" in result.stdout
    assert "浙江 2019: 0 of 89 county-level" in result.stdout
    assert "温州市" in result.stdout and "330300" not in result.stdout  # prefectures are not county-level rows


def test_json_lists_every_division_of_the_scope(corpus: Path) -> None:
    result = coverage(corpus, "--province", "33", "--from", "2021", "--to", "2023", "--format", "json")
    data = json.loads(result.stdout)
    by_code = {d["code"]: d for d in data["divisions"]}
    assert len(by_code) == 92  # 90 county-level divisions in 2021, plus 临平区 and 钱塘区 from 2022
    assert by_code["330302"] == {
        "code": "330302", "name": "鹿城区", "level": "区", "parent": "330300", "years": {"2023": "forum"},
        "valid_from": None, "valid_until": None,
    }
    assert by_code["330383"]["years"] == {"2021": "official"} and by_code["330328"]["years"] == {}
    total = next(t for t in data["totals"] if t["year"] == 2021)
    assert total == {"province": "330000", "name": "浙江", "year": 2021, "level": "county", "divisions": 90,
                     "covered": 1, "official": 1, "truncated": 0}


def test_renamed_county_is_one_row_under_its_new_code(corpus: Path) -> None:
    result = coverage(corpus, "--province", "湖南", "--from", "2018", "--to", "2020", "--format", "csv")
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert (rows["430582"]["name"], rows["430582"]["2018"], rows["430582"]["2020"]) == ("邵东市", "official", "")
    assert "430521" not in rows


def test_prefecture_level(corpus: Path) -> None:
    result = coverage(corpus, "--province", "浙江", "--level", "prefecture", "--from", "2022", "--to", "2022", "--format", "csv")
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert len(rows) == 11 and rows["330300"]["2022"] == "official" and rows["330100"]["2022"] == ""


def test_html_is_one_self_contained_page(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "zj.html"
    result = coverage(corpus, "--province", "浙江", "--from", "2019", "--to", "2024", "--format", "html", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"92 divisions × 6 years → {out}"
    page = out.read_text("utf-8")
    assert not re.search(r"<(?:script|link|img)\b", page) and "src=" not in page  # nothing to fetch
    assert '<tr class="group"><td>温州市</td>' in page
    assert 'title="龙港市 2021: official"' in page and 'title="鹿城区 2023: forum"' in page
    assert 'title="龙港市 2019: did not exist"' in page


@pytest.mark.parametrize(("args", "message"), [
    (("--province", "火星"), "Error: no province '火星'; give its code (33) or name (浙江)"),
    (("--from", "2024", "--to", "2020"), "Error: --from 2024 is after --to 2020"),
    (("--province", "北京", "--level", "prefecture"), "Error: 北京市 has no prefecture-level divisions in 2018-2024"),
])
def test_bad_input_is_one_line(corpus: Path, args: tuple[str, ...], message: str) -> None:
    result = coverage(corpus, *args)
    assert result.returncode == 1 and result.stderr.strip() == message


def test_no_database_is_one_line(tmp_path: Path) -> None:
    result = coverage(tmp_path / "none.db")
    assert result.returncode == 1 and result.stderr.strip().startswith("Error: no database at")


def test_the_same_view_is_a_canned_query_in_browse(corpus: Path) -> None:
    pytest.importorskip("datasette")
    import asyncio

    from crawler.tools.browse import datasette_for

    async def rows() -> list[dict]:
        response = await datasette_for(corpus).client.get("/govreports/coverage_by_region_and_year.json?prefix=3303&_shape=array")
        assert response.status_code == 200, response.text
        return response.json()

    found = {(r["region_code"], r["year"]): (r["best_source"], r["reports"]) for r in asyncio.run(rows())}
    assert found == {
        ("330300", 2022): ("official", 1), ("330302", 2023): ("forum", 1),
        ("330304", 2024): ("truncated", 1), ("330383", 2021): ("official", 1),
    }


def test_browse_lists_every_division_of_a_year_too(corpus: Path) -> None:
    pytest.importorskip("datasette")
    import asyncio

    from crawler.tools.browse import datasette_for

    async def rows() -> list[dict]:
        query = "/govreports/coverage_of_a_year.json?prefix=3303&level=county&year=2021&_shape=array"
        response = await datasette_for(corpus).client.get(query)
        assert response.status_code == 200, response.text
        return response.json()

    found = {r["region_code"]: (r["division"], r["prefecture"], r["best_source"]) for r in asyncio.run(rows())}
    assert len(found) == 12  # 温州市's county-level divisions in 2021
    assert found["330383"] == ("龙港市", "温州市", "official") and found["330328"] == ("文成县", "温州市", "none")
