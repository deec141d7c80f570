"""`govcrawl reprocess` re-extracts stored pages with the current code, without the network."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SITES

import crawler.tools.reprocess
from crawler.cli import cli
from crawler.dedup.fingerprints import DEDUP_VERSION
from crawler.extract.clean import CLEAN_VERSION
from crawler.extract.metadata import METADATA_VERSION
from crawler.extract.pages.registry import EXTRACTOR_VERSION
from crawler.extract.stages import process_page

HOST = "www.wenzhou.gov.cn"
GOLD: list[dict[str, Any]] = json.loads((SITES / HOST / "_gold.json").read_text("utf-8"))
REPORTS = {g["url"]: g for g in GOLD if g["is_report"] and g["status"] == 200}
GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
DAMAGED = "https://www.wenzhou.gov.cn/art/2024/2/1/art_1229117804_59148790.html"


@pytest.fixture(scope="module")
def crawled_db(replay_server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of one crawl of the recorded site (copied by each test)."""
    db = tmp_path_factory.mktemp("reprocess") / "govreports.db"
    result = subprocess.run(
        [GOVCRAWL, "crawl", "wenzhou", "--replay", replay_server.url, "--db", str(db)],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def db(crawled_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "govreports.db"
    connection = sqlite3.connect(crawled_db)
    connection.execute(f"vacuum into '{copy}'")
    connection.close()
    return copy


def reprocess(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["reprocess", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def documents(db: Path) -> dict[str, dict[str, Any]]:
    """Canonical documents by the URL of their best copy."""
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    rows = connection.execute(
        """select p.url, d.* from documents d join copies c on c.id = d.best_copy_id join pages p on p.id = c.page_id
           where d.merged_into is null"""
    ).fetchall()
    connection.close()
    return {row["url"]: dict(row) for row in rows}


def test_reprocess_of_current_output_changes_nothing(db: Path) -> None:
    before = documents(db)
    assert "25 pages reprocessed: 0 copies changed, 0 documents changed, 0 new" in reprocess(db)
    assert documents(db) == before


def test_reprocess_restores_a_damaged_document(db: Path) -> None:
    before = documents(db)
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("update documents set text = '损坏', title = '损坏' where id = ?", [before[DAMAGED]["id"]])
        connection.execute(
            "update copies set text = '损坏', extractor_version = '0' where page_id = (select id from pages where url = ?)",
            [DAMAGED],
        )
    connection.close()
    output = reprocess(db, "--site", "wenzhou", "--outdated")
    assert "1 pages reprocessed" in output and "1 documents changed" in output
    after = documents(db)
    assert after[DAMAGED]["text"] == before[DAMAGED]["text"]
    assert after[DAMAGED]["title"] == REPORTS[DAMAGED]["title"]
    lines = after[DAMAGED]["text"].splitlines()
    assert (lines[0], lines[-1]) == (REPORTS[DAMAGED]["first_line"], REPORTS[DAMAGED]["last_line"])


def test_reprocess_after_an_extractor_change_updates_every_document(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = documents(db)

    def changed_extractor(url: str, html: str, hint: str | None = None):  # noqa: ANN202
        drafts = process_page(url, html, hint)
        for draft in drafts:
            draft.text = draft.text.rsplit("\n", 1)[0]  # a version that loses each report's last line
        return drafts

    monkeypatch.setattr(crawler.tools.reprocess, "process_page", changed_extractor)
    output = reprocess(db)
    assert f"{len(REPORTS)} documents changed" in output
    damaged = documents(db)
    assert all(damaged[url]["text"].splitlines()[-1] != REPORTS[url]["last_line"] for url in REPORTS)
    monkeypatch.undo()
    assert f"{len(REPORTS)} documents changed" in reprocess(db)
    restored = documents(db)
    assert {u: d["text"] for u, d in restored.items()} == {u: d["text"] for u, d in before.items()}
    connection = sqlite3.connect(db)
    versions = {row[0] for row in connection.execute("select extractor_version from copies")}
    connection.close()
    assert versions == {EXTRACTOR_VERSION}


def _stamp(db: Path, column: str, version: str, extra: str = "", url: str | None = None) -> None:
    """Mark copies (of the page at ``url``, else all) as made by another version of one stage."""
    connection = sqlite3.connect(db)
    with connection:
        where, params = ("where page_id = (select id from pages where url = ?)", [url]) if url else ("", [])
        connection.execute(f"update copies set {column} = ?{extra} {where}", [version, *params])
    connection.close()


def _no_extraction(*args: Any, **kwargs: Any) -> None:
    raise AssertionError("the page was extracted again")


def _stage_versions(db: Path) -> set[tuple[str, ...]]:
    connection = sqlite3.connect(db)
    rows = set(connection.execute("select extractor_version, clean_version, metadata_version, dedup_version from copies"))
    connection.close()
    return rows


def test_a_metadata_change_reads_the_stored_copies_again_without_extracting(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = documents(db)
    _stamp(db, "metadata_version", "0", ", year = 1999, region = null, region_code = null", url=DAMAGED)
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("update documents set year = 1999, region = null where id = ?", [before[DAMAGED]["id"]])
    connection.close()
    monkeypatch.setattr(crawler.tools.reprocess, "process_page", _no_extraction)
    output = reprocess(db, "--outdated")
    assert "1 pages reprocessed" in output and "1 documents changed" in output
    after = documents(db)
    assert (after[DAMAGED]["year"], after[DAMAGED]["region"], after[DAMAGED]["region_code"]) == (
        before[DAMAGED]["year"], before[DAMAGED]["region"], before[DAMAGED]["region_code"])
    assert after == before
    assert _stage_versions(db) == {(EXTRACTOR_VERSION, CLEAN_VERSION, METADATA_VERSION, DEDUP_VERSION)}


def test_a_dedup_change_files_every_copy_again_without_extracting(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = documents(db)
    _stamp(db, "dedup_version", "0")
    monkeypatch.setattr(crawler.tools.reprocess, "process_page", _no_extraction)
    output = reprocess(db, "--outdated")
    assert "25 pages reprocessed: 0 copies changed, 0 documents changed, 0 new" in output
    assert documents(db) == before
    assert _stage_versions(db) == {(EXTRACTOR_VERSION, CLEAN_VERSION, METADATA_VERSION, DEDUP_VERSION)}
    assert "0 pages reprocessed" in reprocess(db, "--outdated")  # nothing is outdated any more


INDEX_TABLES = ("lsh_bands", "fingerprints", "fingerprint_counts")


def _dedup_index(db: Path) -> dict[str, list[tuple[int, ...]]]:
    connection = sqlite3.connect(db)
    index = {table: sorted(connection.execute(f"select * from {table}")) for table in INDEX_TABLES}
    connection.close()
    return index


def test_a_dedup_change_rebuilds_the_index_of_unchanged_copies(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index rows an older dedup version wrote (here: none) give way to this version's."""
    index = _dedup_index(db)
    assert all(index.values())
    connection = sqlite3.connect(db)
    with connection:
        for table in INDEX_TABLES:
            connection.execute(f"delete from {table}")
    connection.close()
    _stamp(db, "dedup_version", "0")
    monkeypatch.setattr(crawler.tools.reprocess, "process_page", _no_extraction)
    reprocess(db, "--outdated")
    assert _dedup_index(db) == index


def test_a_clean_change_extracts_the_page_again(db: Path) -> None:
    before = documents(db)
    _stamp(db, "clean_version", "0", ", text = '损坏'", url=DAMAGED)
    output = reprocess(db, "--outdated")
    assert "1 pages reprocessed" in output
    assert documents(db)[DAMAGED]["text"] == before[DAMAGED]["text"]


def test_reprocess_needs_no_network(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("reprocess opened a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert "25 pages reprocessed" in reprocess(db)


def test_reprocess_keeps_superseded_versions(site_copy_db: Path) -> None:
    """An old version of a page, reprocessed, stays superseded: the document keeps the new text."""
    before = documents(site_copy_db)
    reprocess(site_copy_db)
    assert documents(site_copy_db) == before
    connection = sqlite3.connect(site_copy_db)
    relations = [row[0] for row in connection.execute(
        "select c.relation from copies c join pages p on p.id = c.page_id where p.url like '%59263418.html' order by p.id"
    )]
    connection.close()
    assert relations == ["superseded", "canonical"]


@pytest.fixture
def site_copy_db(tmp_path: Path) -> Path:
    """A database holding two versions of one page: crawl, edit the page, crawl --refresh."""
    from crawler.tools.replay import ReplayServer

    shutil.copytree(SITES / HOST, tmp_path / "sites" / HOST)
    server = ReplayServer(tmp_path / "sites")
    url = server.start()
    db = tmp_path / "govreports.db"
    page = tmp_path / "sites" / HOST / "art/2025/1/24/art_1229117804_59263418.html"
    try:
        for args in ([], ["--refresh"]):
            if args:
                page.write_text(page.read_text("utf-8").replace("而努力奋斗！", "而团结奋斗！"), "utf-8")
            result = subprocess.run([GOVCRAWL, "crawl", "wenzhou", "--replay", url, "--db", str(db), *args],
                                    capture_output=True, text=True, timeout=180)
            assert result.returncode == 0, result.stderr
    finally:
        server.shutdown()
        server.server_close()
    return db
