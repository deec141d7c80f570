"""`govcrawl export`: every format reads back as stored, filters, safe names, atomic re-exports."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from report_corpus import LONG_TITLE, build_corpus, stored_documents

from crawler.cli import cli
from crawler.store.db import Store
from crawler.store.queries import Filters
from crawler.tools import export as export_module
from crawler.tools.columns import INTERNAL
from crawler.tools.export import export
from crawler.tools.filenames import safe_name

WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


@pytest.fixture
def corpus(db_path: Path) -> tuple[Store, dict[str, int]]:
    store, ids = build_corpus(db_path)
    yield store, ids
    store.close()


def canonical(store: Store, include_truncated: bool = False) -> list[dict[str, Any]]:
    """Stored documents an export should hold, with their best copy's url/site/truncated."""
    rows = []
    for document in stored_documents(store):
        if document.get("merged_into") is not None:
            continue
        best = store.db.execute(
            "select copies.truncated, pages.url, pages.site from copies join pages on pages.id = copies.page_id "
            "where copies.id = ?", [document["best_copy_id"]]).fetchone()
        if best[0] and not include_truncated:
            continue
        public = {k: v for k, v in document.items() if k not in INTERNAL}  # dedup's keys are not exported
        rows.append({**public, "truncated": best[0], "url": best[1], "site": best[2]})
    return rows


def stored_sources(store: Store, document_id: int) -> list[dict[str, Any]]:
    return [
        {"url": c["url"], "site": c["site"], "relation": c["relation"], "similarity": c["similarity"],
         "truncated": bool(c["truncated"]), "published": c["published_on"], "fetched_at": c["fetched_at"]}
        for c in store.copies_of(document_id)
    ]


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def as_csv(value: Any) -> str:
    return "" if value is None else str(value)


def no_temporaries(directory: Path) -> bool:
    return not [p for p in directory.rglob("*") if p.name.endswith((".tmp", ".old"))]


# round trips -----------------------------------------------------------------------------------


def test_jsonl_round_trip_holds_every_field_and_every_source(corpus, tmp_path: Path) -> None:
    store, ids = corpus
    result = export(store.db, "jsonl", tmp_path / "out.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = canonical(store)
    assert result.rows == len(lines) == len(expected) == 9
    for line, document in zip(lines, expected, strict=True):
        sources = line["sources"]
        assert {k: v for k, v in line.items() if k != "sources"} == {**document, "truncated": bool(document["truncated"])}
        assert [{k: s[k] for k in stored_sources(store, line["id"])[0]} for s in sources] == stored_sources(store, line["id"])
    wenzhou = next(line for line in lines if line["id"] == ids["wenzhou2021"])
    assert wenzhou["text"].splitlines()[0] == "各位代表："
    assert wenzhou["text"].splitlines()[-1] == "瓯江第5项工作：坚持稳中求进工作总基调，瓯江推进第5批重点项目建设，编号瓯江-5。"
    assert sorted(s["site"] for s in wenzhou["sources"]) == ["news163", "wenzhou"]


def test_csv_round_trip_with_companion_copies_file(corpus, tmp_path: Path) -> None:
    store, _ = corpus
    result = export(store.db, "csv", tmp_path / "reports.csv")
    assert result.paths == [tmp_path / "reports.csv", tmp_path / "reports.copies.csv"]
    documents = read_csv(tmp_path / "reports.csv")
    assert documents == [{k: as_csv(v) for k, v in d.items()} for d in canonical(store)]
    copies = read_csv(tmp_path / "reports.copies.csv")
    expected_copies = [c for d in canonical(store) for c in store.copies_of(d["id"])]
    assert [(int(c["id"]), c["url"], c["site"], c["relation"]) for c in copies] == [
        (c["id"], c["url"], c["site"], c["relation"]) for c in expected_copies
    ]
    assert "text" not in copies[0]  # provenance only: the text is in the documents file


def test_csv_into_a_directory_names_both_files(corpus, tmp_path: Path) -> None:
    store, _ = corpus
    result = export(store.db, "csv", tmp_path)
    assert result.paths == [tmp_path / "documents.csv", tmp_path / "copies.csv"]
    assert len(read_csv(tmp_path / "documents.csv")) == 9


def test_parquet_round_trip_keeps_types(corpus, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    store, _ = corpus
    export(store.db, "parquet", tmp_path / "reports.parquet")
    expected = [{**row, "truncated": bool(row["truncated"]), "published_on": date.fromisoformat(row["published_on"]) if row["published_on"] else None}
                for row in canonical(store)]  # typed: date32 dates, bool flags
    assert parquet.read_table(tmp_path / "reports.parquet").to_pylist() == expected
    copies = parquet.read_table(tmp_path / "reports.copies.parquet").to_pylist()
    assert len(copies) == store.db.execute(
        f"select count(*) from copies where document_id in ({','.join(str(d['id']) for d in canonical(store))})"
    ).fetchone()[0]
    assert {c["site"] for c in copies} == {"wenzhou", "hangzhou", "news163", "farm"}


def test_txt_round_trip_through_the_manifest(corpus, tmp_path: Path) -> None:
    store, ids = corpus
    out = tmp_path / "txt"
    assert export(store.db, "txt", out).rows == 9
    manifest = read_csv(out / "manifest.csv")
    by_id = {d["id"]: d for d in canonical(store)}
    assert sorted(int(m["document_id"]) for m in manifest) == sorted(by_id)
    for entry in manifest:
        document = by_id[int(entry["document_id"])]
        assert (out / entry["file"]).read_text(encoding="utf-8") == document["text"] + "\n"
        assert entry["title"] == document["title"]
        assert entry["sources"].split() == [c["url"] for c in store.copies_of(document["id"])]
    files = {m["file"] for m in manifest}
    assert "330300-温州市/2021/2021年温州市政府工作报告.txt" in files
    assert "未知地区/未知年份/某县政府工作报告.txt" in files
    assert {"330381-瑞安市/2021/政府工作报告.txt", f"330381-瑞安市/2021/政府工作报告-{ids['same_title_b']}.txt"} <= files
    assert len(list(out.rglob("*.txt"))) == 9


# hostile titles --------------------------------------------------------------------------------


def test_hostile_titles_become_safe_file_names(corpus, tmp_path: Path) -> None:
    store, ids = corpus
    out = tmp_path / "txt"
    export(store.db, "txt", out)
    manifest = {int(m["document_id"]): m["file"] for m in read_csv(out / "manifest.csv")}
    for relative in manifest.values():
        path = (out / relative).resolve()
        assert path.is_relative_to(out.resolve()) and path.is_file()
        for part in relative.split("/"):
            assert not set(part) & WINDOWS_FORBIDDEN, part
            assert part.split(".")[0].upper() not in WINDOWS_RESERVED, part
            assert not part.startswith(".") and not part.endswith((" ", ".")), part
            assert len(part.encode("utf-8")) <= 255
    assert manifest[ids["lucheng2021"]].startswith("330302-鹿城区/2021/")
    assert "passwd" in manifest[ids["lucheng2021"]] and "末尾" in manifest[ids["lucheng2021"]]
    assert manifest[ids["reserved"]] == "330300-温州市/2020/_CON.txt"
    assert manifest[ids["dots"]] == "330300-温州市/2020/无标题.txt"
    long_name = manifest[ids["long_title"]].split("/")[-1]
    assert LONG_TITLE.startswith(long_name.removesuffix(".txt")) and len(long_name.encode()) <= 200


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("a/b\\c", "a_b_c"), ("..", "x"), ("  . ", "x"), ("", "x"), (None, "x"), ("nul.txt", "_nul.txt"),
        ("COM1", "_COM1"), ("conference", "conference"), ("报告\u200b\n第二行\r", "报告 第二行"),
        ("a:b*c?d\"e<f>g|h", "a_b_c_d_e_f_g_h"), ("\x00\x1f\x7f", "x"), ("报告.", "报告"),
    ],
)
def test_safe_name(title: str | None, expected: str) -> None:
    assert safe_name(title, "x") == expected


def test_safe_name_truncates_by_bytes_at_a_character_boundary() -> None:
    name = safe_name("报" * 200, "x", max_bytes=100)
    assert name == "报" * 33 and len(name.encode()) == 99


# filters ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "keys"),
    [
        (Filters(site="hangzhou"), {"hangzhou2022"}),
        (Filters(site="news163"), {"wenzhou2021", "long_title", "reserved", "dots"}),
        (Filters(year=2022), {"hangzhou2022"}),
        (Filters(year=2022, include_truncated=True), {"hangzhou2022", "beijing2022"}),
        (Filters(region="温州"), {"wenzhou2021", "long_title", "reserved", "dots"}),
        (Filters(region="3303"), {"wenzhou2021", "lucheng2021", "same_title_a", "same_title_b", "long_title", "reserved", "dots"}),
        (Filters(region="33", year=2022), {"hangzhou2022"}),
        (Filters(region="11", include_truncated=True), {"beijing2022"}),
        (Filters(region="%"), set()),
        (Filters(level="区"), {"lucheng2021"}),
        (Filters(level="县"), {"same_title_a", "same_title_b"}),
        (Filters(since="2021-03-01"), {"wenzhou2021", "hangzhou2022"}),
    ],
)
def test_filters_select_documents(corpus, tmp_path: Path, filters: Filters, keys: set[str]) -> None:
    store, ids = corpus
    export(store.db, "jsonl", tmp_path / "out.jsonl", filters)
    exported = {json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()}
    assert exported == {ids[key] for key in keys}


def test_all_copies_exports_every_copy_with_its_own_text(corpus, tmp_path: Path) -> None:
    store, ids = corpus
    result = export(store.db, "jsonl", tmp_path / "copies.jsonl", Filters(include_truncated=True), all_copies=True)
    rows = [json.loads(line) for line in (tmp_path / "copies.jsonl").read_text(encoding="utf-8").splitlines()]
    assert result.rows == len(rows) == store.count("copies") == 11
    wenzhou = [r for r in rows if r["document_id"] == ids["wenzhou2021"]]
    assert sorted(r["site"] for r in wenzhou) == ["news163", "wenzhou"]
    assert all(r["text"].startswith("各位代表：") and r["year"] == 2021 and r["region"] == "温州市" for r in wenzhou)
    only_news = export(store.db, "csv", tmp_path / "news.csv", Filters(site="news163"), all_copies=True)
    assert only_news.paths == [tmp_path / "news.csv"] and only_news.rows == 4


def test_all_copies_leaves_out_truncated_copies_by_default(corpus, tmp_path: Path) -> None:
    store, ids = corpus
    export(store.db, "txt", tmp_path / "txt", all_copies=True)
    manifest = read_csv(tmp_path / "txt" / "manifest.csv")
    assert len(manifest) == 10 and str(ids["beijing2022"]) not in {m["document_id"] for m in manifest}


# atomic, idempotent ----------------------------------------------------------------------------


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "csv", "parquet"])
def test_reexport_into_the_same_place_is_idempotent(corpus, tmp_path: Path, fmt: str) -> None:
    store, _ = corpus
    out = tmp_path / "export"
    out.mkdir()
    export(store.db, fmt, out / "reports")
    first = snapshot(out)
    export(store.db, fmt, out / "reports")
    assert snapshot(out) == first


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "csv", "parquet"])
@pytest.mark.parametrize("interruption", [KeyboardInterrupt, RuntimeError])
def test_interrupted_export_keeps_the_previous_one(corpus, tmp_path: Path, monkeypatch, fmt: str, interruption) -> None:
    store, _ = corpus
    out = tmp_path / "export"
    out.mkdir()
    export(store.db, fmt, out / "reports", Filters(year=2021))
    previous = snapshot(out)
    calls = iter(range(100))

    def tick(self) -> None:
        if next(calls) == 2:
            raise interruption("stop")

    monkeypatch.setattr(export_module.Ticker, "tick", tick)
    with pytest.raises(interruption):
        export(store.db, fmt, out / "reports")
    assert snapshot(out) == previous
    assert no_temporaries(tmp_path) and sorted(os.listdir(tmp_path)) == ["export", "govreports.db", "govreports.db-shm", "govreports.db-wal"]


def test_txt_export_refuses_a_directory_it_did_not_write(corpus, tmp_path: Path) -> None:
    store, _ = corpus
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me")
    with pytest.raises(export_module.ExportError, match="not a govcrawl txt export"):
        export(store.db, "txt", tmp_path / "notes")
    assert (tmp_path / "notes" / "mine.txt").read_text() == "keep me"


# command line ----------------------------------------------------------------------------------


def test_cli_export_with_filters(corpus, db_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", "--format", "jsonl", "--out", str(tmp_path / "r.jsonl"), "--region", "33", "--since", "2021-02-25",
              "--db", str(db_path)],
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 documents → ")
    titles = [json.loads(line)["title"] for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert titles == ["2021年温州市政府工作报告", "2022年杭州市政府工作报告"]


def test_cli_bad_input_is_one_line(corpus, db_path: Path, tmp_path: Path) -> None:
    bad_date = CliRunner().invoke(cli, ["export", "--format", "csv", "--out", "x.csv", "--since", "March", "--db", str(db_path)])
    assert bad_date.exit_code == 2 and "--since" in bad_date.output
    missing = CliRunner().invoke(cli, ["export", "--format", "csv", "--out", "x.csv", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no database" in missing.output


def test_cli_names_the_extra_when_pyarrow_is_missing(corpus, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    import crawler.tools.extras

    real = crawler.tools.extras.importlib.import_module

    def without_pyarrow(name: str):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name)

    monkeypatch.setattr(crawler.tools.extras.importlib, "import_module", without_pyarrow)
    result = CliRunner().invoke(cli, ["export", "--format", "parquet", "--out", str(tmp_path / "r.parquet"), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: pyarrow is not installed: pip install 'govcrawl[parquet]'"
    assert not list(tmp_path.glob("r*"))


def test_progress_line_counts_rows_and_clears_itself() -> None:
    stream = io.StringIO()
    ticker = export_module.Ticker(3, stream, every=0)
    for _ in range(3):
        ticker.tick()
    ticker.close()
    assert "exported 3/3" in stream.getvalue() and stream.getvalue().endswith("\r\033[K")
    silent = export_module.Ticker(3, None)
    silent.tick()
    silent.close()
