"""`govcrawl browse` on a crawled database: merged documents nowhere, the reports first,
internal tables hidden, small table pages, years in order, a chart per year and province."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datasette")

from crawler.tools.browse import datasette_for  # noqa: E402

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "govreports.db"
    result = subprocess.run([GOVCRAWL, "demo", "--db", str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return path


def get(db: Path, path: str) -> Any:
    async def fetch() -> Any:
        response = await datasette_for(db).client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json() if ".json" in path else response.text

    return asyncio.run(fetch())


def canonical_and_merged(db: Path) -> tuple[set[int], set[int]]:
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute("select id, merged_into from documents").fetchall()
    finally:
        connection.close()
    return {i for i, m in rows if m is None}, {i for i, m in rows if m is not None}


def test_merged_documents_are_not_reports(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "govreports.db"
    db.write_bytes(demo_db.read_bytes())
    connection = sqlite3.connect(db)
    with connection:  # what the store does when a copy shows two documents are one report
        connection.execute("update documents set merged_into = 1 where id = 2")
    connection.close()
    demo_db = db
    canonical, merged = canonical_and_merged(demo_db)
    assert merged == {2}
    rows = get(demo_db, "/govreports/reports.json?_shape=array&_size=max")
    assert {row["id"] for row in rows} == canonical
    per_region = get(demo_db, "/govreports/reports_per_region_and_year.json?_shape=array")
    assert sum(row["reports"] for row in per_region) == len(canonical)
    chart = get(demo_db, "/govreports/reports_per_year_and_province.json?_shape=array")
    assert sum(row["reports"] for row in chart) == len([r for r in rows if r["year"]])
    assert {"浙江省", "广东省"} <= {row["province"] for row in chart}


def test_year_facet_lists_years_in_order(demo_db: Path) -> None:
    facets = get(demo_db, "/govreports/reports.json")["facet_results"]
    years = [item["value"] for item in facets["year"]["results"]]
    assert years == sorted(years, reverse=True) and len(years) > 5


def test_reports_and_documents_first_internal_tables_hidden(demo_db: Path) -> None:
    database = get(demo_db, "/govreports.json")
    visible = [table["name"] for table in database["tables"] if not table["hidden"]]
    assert visible == ["documents"]
    assert [view["name"] for view in database["views"]] == ["reports"]
    assert {"frontier", "lsh_bands", "fingerprints", "pages", "copies", "runs"} <= {
        t["name"] for t in database["tables"] if t["hidden"]}


def test_table_page_cuts_long_text(demo_db: Path) -> None:
    page = get(demo_db, "/govreports/reports")
    assert len(page.encode()) < 300_000
    longest = max(row["chars"] for row in get(demo_db, "/govreports/reports.json?_shape=array&_size=max"))
    assert longest > 10_000  # a whole report would be in the page without the cut
