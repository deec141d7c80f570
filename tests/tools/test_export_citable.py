"""Exports a researcher can cite: a manifest for every format, a data dictionary, typed
Parquet, a txt tree that keeps same-named districts apart, no internal columns."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.store.versions import STAGE_VERSIONS

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
MANIFEST_KEYS = {
    "govcrawl_version", "versions", "exported_at", "database", "format", "filters", "rows", "files",
}
INTERNAL = {"text_key", "merged_into", "norm_chars", "minhash", "sentences"}


def govcrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([GOVCRAWL, *args], capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "govreports.db"
    result = govcrawl("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


def canonical_count(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(
            "select count(*) from documents d join copies b on b.id = d.best_copy_id "
            "where d.merged_into is null and not b.truncated").fetchone()[0]
    finally:
        connection.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_manifest(manifest_path: Path, demo_db: Path, fmt: str, root: Path) -> dict:
    manifest = json.loads(manifest_path.read_text("utf-8"))
    assert set(manifest) >= MANIFEST_KEYS, set(manifest)
    assert manifest["format"] == fmt
    assert manifest["database"]["path"] == str(demo_db.resolve())
    assert manifest["database"]["schema_version"] >= 4
    assert manifest["govcrawl_version"]
    assert manifest["versions"] == STAGE_VERSIONS.columns()
    assert set(manifest["versions"]) == {"extractor_version", "clean_version", "metadata_version", "dedup_version"}
    assert manifest["exported_at"].endswith("+00:00")
    assert manifest["rows"]["documents"] == canonical_count(demo_db)
    assert manifest["files"]
    for entry in manifest["files"]:
        assert sha256(root / entry["path"]) == entry["sha256"], entry["path"]
    return manifest


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_file_exports_have_a_manifest_with_checksums(demo_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"reports.{fmt}"
    result = govcrawl("export", "--format", fmt, "--out", str(out), "--year", "2024", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / f"reports.{fmt}.manifest.json").read_text("utf-8"))
    assert manifest["filters"]["year"] == 2024 and manifest["filters"]["site"] is None
    for entry in manifest["files"]:
        assert sha256(tmp_path / entry["path"]) == entry["sha256"]
    assert {e["path"] for e in manifest["files"]} >= {out.name}


def test_txt_export_manifest_and_region_code_folders(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = govcrawl("export", "--format", "txt", "--out", str(out), "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    manifest = check_manifest(out / "manifest.json", demo_db, "txt", out)
    rows = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8-sig")))
    assert len(rows) == manifest["rows"]["documents"]
    for row in rows:
        region_folder, year_folder = Path(row["file"]).parts[:2]
        if row["region_code"] and row["region"]:
            assert region_folder == f"{row['region_code']}-{row['region']}"
        assert year_folder == (row["year"] or "未知年份")


def test_whole_demo_manifest_counts_every_row(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert govcrawl("export", "--format", "jsonl", "--out", str(out), "--db", str(demo_db)).returncode == 0
    manifest = check_manifest(tmp_path / "all.jsonl.manifest.json", demo_db, "jsonl", tmp_path)
    assert manifest["files"][0]["rows"] == len(out.read_text("utf-8").splitlines())


def test_parquet_columns_are_typed_and_carry_the_manifest(demo_db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    out = tmp_path / "reports.parquet"
    assert govcrawl("export", "--format", "parquet", "--out", str(out), "--db", str(demo_db)).returncode == 0
    table = pq.read_table(out)
    schema = table.schema
    assert schema.field("published_on").type == pa.date32()
    assert schema.field("delivered_on").type == pa.date32()
    assert schema.field("truncated").type == pa.bool_()
    assert pa.types.is_dictionary(schema.field("site").type)
    assert pa.types.is_dictionary(schema.field("region").type)
    assert not INTERNAL & set(schema.names)
    embedded = json.loads(pq.read_metadata(out).metadata[b"govcrawl"])
    assert embedded["database"]["path"] == str(demo_db.resolve()) and embedded["rows"]["documents"] == table.num_rows
    copies = pq.read_table(tmp_path / "reports.copies.parquet")
    assert copies.schema.field("truncated").type == pa.bool_()
    assert copies.schema.field("published_on").type == pa.date32()


def csv_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


def test_no_internal_columns_unless_all_columns(demo_db: Path, tmp_path: Path) -> None:
    assert govcrawl("export", "--format", "csv", "--out", str(tmp_path / "a.csv"), "--db", str(demo_db)).returncode == 0
    assert not INTERNAL & (set(csv_header(tmp_path / "a.csv")) | set(csv_header(tmp_path / "a.copies.csv")))
    result = govcrawl("export", "--format", "csv", "--out", str(tmp_path / "b.csv"), "--all-columns", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    assert {"text_key", "merged_into"} <= set(csv_header(tmp_path / "b.csv"))


def test_describe_documents_every_exported_column(demo_db: Path, tmp_path: Path) -> None:
    result = govcrawl("export", "--describe")
    assert result.returncode == 0, result.stderr
    described = {line.split()[0] for line in result.stdout.splitlines() if line and not line.startswith((" ", "#"))}
    assert govcrawl("export", "--format", "csv", "--out", str(tmp_path / "a.csv"), "--db", str(demo_db)).returncode == 0
    exported = set(csv_header(tmp_path / "a.csv")) | set(csv_header(tmp_path / "a.copies.csv"))
    assert exported <= described, exported - described
    for column in ("relation", "similarity", "seg_start", "sources"):
        assert column in described
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    for column in exported:
        assert f"| `{column}` |" in readme, f"README's data dictionary lacks {column}"
