"""`govcrawl browse`: Datasette serves the corpus with facets, full-text search, canned queries."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_corpus import build_corpus

from crawler.tools.browse import datasette_for, metadata_for

pytest.importorskip("datasette")


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("browse") / "govreports.db"
    store, ids = build_corpus(path)
    store.close()
    return path, ids


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return json.load(response)


@pytest.fixture(scope="module")
def served(corpus_db: tuple[Path, dict[str, int]]) -> Iterator[str]:
    """`govcrawl browse` running in a subprocess on a free port; its base URL."""
    path, _ = corpus_db
    port = free_port()
    command = [sys.executable, "-c", "from crawler.cli import main; main()", "browse", "--port", str(port), "--db", str(path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                get_json(f"{base}/-/versions.json")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.communicate(timeout=5)) from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_search_over_http_returns_the_expected_rows(served: str, corpus_db) -> None:
    _, ids = corpus_db
    query = urllib.parse.urlencode({"_search": "数字经济", "_shape": "array"})
    rows = get_json(f"{served}/govreports/documents.json?{query}")
    assert sorted(row["id"] for row in rows) == [ids["wenzhou2021"], ids["same_title_a"]]
    punctuation = urllib.parse.urlencode({"_search": '"数字经济 AND (', "_shape": "array"})
    assert get_json(f"{served}/govreports/reports.json?{punctuation}") == []


def test_reports_view_has_facets_and_search(served: str, corpus_db) -> None:
    _, ids = corpus_db
    query = urllib.parse.urlencode({"_search": "共同富裕示范区"})
    data = get_json(f"{served}/govreports/reports.json?{query}")
    assert [row[data["columns"].index("id")] for row in data["rows"]] == [ids["hangzhou2022"]]
    facets = get_json(f"{served}/govreports/reports.json")["facet_results"]
    assert {"site", "year", "region", "level"} <= set(facets)
    regions = {item["value"]: item["count"] for item in facets["region"]["results"]}
    assert regions["温州市"] == 4 and regions["瑞安市"] == 2
    sites = {item["value"]: item["count"] for item in facets["site"]["results"]}
    assert sum(sites.values()) == 10


def test_canned_queries(served: str, corpus_db) -> None:
    _, ids = corpus_db
    copies = get_json(f"{served}/govreports/copies_of_document.json?document_id={ids['wenzhou2021']}&_shape=array")
    assert sorted(row["site"] for row in copies) == ["news163", "wenzhou"]
    per_region = get_json(f"{served}/govreports/reports_per_region_and_year.json?_shape=array")
    assert {
        key: value for key, value in next(r for r in per_region if r["region"] == "瑞安市").items() if key != "document_ids"
    } == {"region_code": "330381", "region": "瑞安市", "level": "县", "year": 2021, "reports": 2}
    hits = get_json(f"{served}/govreports/search_reports.json?" + urllib.parse.urlencode({"q": '共同"富裕', "_shape": "array"}))
    assert hits == []
    hits = get_json(f"{served}/govreports/search_reports.json?" + urllib.parse.urlencode({"q": "共同富裕", "_shape": "array"}))
    assert [h["id"] for h in hits] == [ids["hangzhou2022"]] and "«共同富裕»" in hits[0]["snippet"]


def test_metadata_follows_the_database_file_name(tmp_path: Path) -> None:
    metadata = metadata_for(tmp_path / "nightly.db")
    assert list(metadata["databases"]) == ["nightly"]
    assert metadata["databases"]["nightly"]["tables"]["reports"]["facets"] == [{"by_value": "year"}, "site", "region", "level"]


def test_table_pages_offer_the_search_box(corpus_db) -> None:
    path, _ = corpus_db

    async def page(name: str) -> str:
        response = await datasette_for(path).client.get(f"/govreports/{name}?_size=1")
        assert response.status_code == 200
        return response.text

    assert 'name="_search"' in asyncio.run(page("documents"))
    assert 'name="_search"' in asyncio.run(page("reports"))
    assert 'name="_search"' not in asyncio.run(page("copies"))


def test_browse_without_datasette_names_the_extra(corpus_db, monkeypatch) -> None:
    from click.testing import CliRunner

    import crawler.tools.extras
    from crawler.cli import cli

    real = crawler.tools.extras.importlib.import_module
    monkeypatch.setattr(
        crawler.tools.extras.importlib, "import_module",
        lambda name: (_ for _ in ()).throw(ImportError(name)) if name.startswith("datasette") else real(name),
    )
    result = CliRunner().invoke(cli, ["browse", "--db", str(corpus_db[0])])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: datasette is not installed: pip install 'govcrawl[browse]'"
