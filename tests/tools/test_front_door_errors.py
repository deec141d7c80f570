"""The front door's errors: one stderr line, a documented exit code, never a traceback, and
nothing stored changed. Every test runs the console script as a user does (a subprocess)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.store.db import known_schema_version

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
USER_ERROR, USAGE, ENVIRONMENT = 1, 2, 7


def govcrawl(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GOVCRAWL, *args], capture_output=True, text=True, timeout=180, cwd=cwd, env={**os.environ, **(env or {})},
    )


def one_line(result: subprocess.CompletedProcess[str], code: int, *words: str) -> str:
    """The one stderr line of a failed command, after checking its exit code and words."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database from `govcrawl demo` (the recorded sites, crawled for real)."""
    path = tmp_path_factory.mktemp("demo") / "govreports.db"
    result = govcrawl("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


def copy_of(db: Path, directory: Path) -> Path:
    target = directory / db.name
    shutil.copy(db, target)
    return target


def user_version(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("pragma user_version").fetchone()[0]
    finally:
        connection.close()


READ_ONLY = [
    ["stats"], ["runs"], ["dupes"], ["sites"], ["search", "数字经济"],
    ["export", "--format", "jsonl", "--out", "{tmp}/out.jsonl"],
]


# opening the database --------------------------------------------------------------------------


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: c[0])
def test_read_only_commands_never_create_a_schema(tmp_path: Path, command: list[str]) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    args = [a.format(tmp=tmp_path) for a in command]
    one_line(govcrawl(*args, "--db", str(empty)), USER_ERROR, str(empty), "not a govcrawl database")
    assert empty.read_bytes() == b""


def test_read_only_command_on_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "sub" / "none.db"
    one_line(govcrawl("stats", "--db", str(missing)), USER_ERROR, "no database", str(missing))
    assert not missing.parent.exists()


@pytest.mark.parametrize("command", [*READ_ONLY, ["crawl", "wenzhou"], ["reprocess"]], ids=lambda c: c[0])
def test_a_newer_schema_is_refused_naming_both_versions(demo_db: Path, tmp_path: Path, command: list[str]) -> None:
    db = copy_of(demo_db, tmp_path)
    connection = sqlite3.connect(db)
    connection.execute("pragma user_version = 99")
    connection.close()
    args = [a.format(tmp=tmp_path) for a in command]
    one_line(govcrawl(*args, "--db", str(db)), ENVIRONMENT, "schema version 99", f"newer than {known_schema_version()}")
    assert user_version(db) == 99


def damage(db: Path) -> None:
    """Overwrite the root page of every table and index, as a failing disk would: whichever table a
    command reads first, the read fails, whatever order the demo's sites were stored in."""
    with sqlite3.connect(db) as conn:
        (size,) = conn.execute("PRAGMA page_size").fetchone()
        roots = [page for (page,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")]
    conn.close()
    with db.open("r+b") as fh:
        for page in roots:
            fh.seek((page - 1) * size)
            fh.write(bytes([0x0D, 0xFF] * (size // 2)))


@pytest.mark.parametrize(
    "command",
    [["stats"], ["dupes"], ["runs"], ["search", "政府工作"], ["export", "--format", "jsonl", "--out", "{tmp}/out.jsonl"],
     ["crawl", "wenzhou", "--replay", "http://127.0.0.1:9"]],
    ids=lambda c: c[0],
)
def test_a_damaged_database_is_one_line_pointing_at_recover(demo_db: Path, tmp_path: Path, command: list[str]) -> None:
    db = copy_of(demo_db, tmp_path)
    damage(db)
    before = db.read_bytes()
    args = [a.format(tmp=tmp_path) for a in command]
    one_line(govcrawl(*args, "--db", str(db)), ENVIRONMENT, "damaged", f'sqlite3 {db} ".recover"')
    if command[0] != "crawl":
        assert db.read_bytes() == before


# filters and output paths ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export", "--format", "jsonl", "--out", "{tmp}/x.jsonl", "--site", "nosuch"], ("nosuch", "wenzhou", "lishuiren")),
        (["export", "--format", "jsonl", "--out", "{tmp}/x.jsonl", "--level", "foo"], ("foo", "省", "市", "县", "区")),
        (["search", "工作", "--site", "nosuch"], ("nosuch", "wenzhou")),
        (["reprocess", "--site", "nosuch"], ("nosuch", "wenzhou")),
        (["runs", "--site", "nosuch"], ("nosuch", "wenzhou")),
    ],
    ids=["export-site", "export-level", "search-site", "reprocess-site", "runs-site"],
)
def test_unknown_filter_values_list_the_known_ones(demo_db: Path, tmp_path: Path, args: list[str], words: tuple[str, ...]) -> None:
    one_line(govcrawl(*[a.format(tmp=tmp_path) for a in args], "--db", str(demo_db)), USER_ERROR, *words)
    assert not (tmp_path / "x.jsonl").exists()


def test_a_site_only_in_the_database_is_a_known_filter(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>2023年某县政府工作报告</title></head><body><div class='content'>"
        + "".join(f"<p>第{i}段：各位代表，现在我代表县人民政府向大会报告工作，请予审议。</p>" for i in range(30))
        + "</div></body></html>", "utf-8",
    )
    db = tmp_path / "x.db"
    assert govcrawl("ingest", str(page), "--url", "http://www.mirror.example/a.html", "--db", str(db)).returncode == 0
    result = govcrawl("export", "--format", "jsonl", "--out", "-", "--site", "www.mirror.example", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_an_unwritable_export_path_is_one_line(demo_db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a directory")
    for fmt in ("jsonl", "csv", "txt"):
        one_line(govcrawl("export", "--format", fmt, "--out", str(blocker / "sub" / f"x.{fmt}"), "--db", str(demo_db)),
                 USER_ERROR, "cannot write", str(blocker))


def test_out_dash_writes_jsonl_and_csv_to_stdout(demo_db: Path, tmp_path: Path) -> None:
    jsonl = govcrawl("export", "--format", "jsonl", "--out", "-", "--db", str(demo_db), cwd=tmp_path)
    assert jsonl.returncode == 0, jsonl.stderr
    assert jsonl.stdout.count("\n") >= 70 and jsonl.stdout.startswith("{")
    csv_out = govcrawl("export", "--format", "csv", "--out", "-", "--db", str(demo_db), cwd=tmp_path)
    assert csv_out.returncode == 0, csv_out.stderr
    assert csv_out.stdout.splitlines()[0].lstrip("\ufeff").startswith("id,")
    assert list(tmp_path.iterdir()) == []  # no file called "-"
    parquet = govcrawl("export", "--format", "parquet", "--out", "-", "--db", str(demo_db), cwd=tmp_path)
    assert parquet.returncode == USAGE and "Error: --out - writes jsonl or csv" in parquet.stderr


def test_a_new_directory_out_is_created(demo_db: Path, tmp_path: Path) -> None:
    result = govcrawl("export", "--format", "csv", "--out", str(tmp_path / "newdir") + "/", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "newdir").is_dir()
    assert {p.name for p in (tmp_path / "newdir").iterdir()} >= {"documents.csv", "copies.csv"}


# environment failures --------------------------------------------------------------------------


def test_check_tells_a_dead_network_from_a_broken_template(tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(
        '[offline]\ntitle = "x"\nfamily = "jcms"\nkind = "official"\npage_type = "jcms"\n'
        'allowed_domains = ["127.0.0.1"]\nstart_urls = ["http://127.0.0.1:9/col/col1/index.html"]\n', "utf-8",
    )
    result = govcrawl("check", "offline", "--sites", str(sites))
    assert result.returncode == ENVIRONMENT, result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert "network" in result.stderr


def unshare_available() -> bool:
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    return probe.returncode == 0


def in_small_disk(script: str, tmp_path: Path, size: str = "600k") -> subprocess.CompletedProcess[str]:
    """Run ``script`` (sh) with a tmpfs of ``size`` mounted at $SMALL: a disk that fills up."""
    small = tmp_path / "small"
    small.mkdir()
    wrapped = f'mount -t tmpfs -o size={size} tmpfs "$SMALL" && {script}'
    return subprocess.run(["unshare", "-rm", "sh", "-c", wrapped], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SMALL": str(small), "GOVCRAWL": GOVCRAWL})


@pytest.mark.skipif(not shutil.which("unshare") or not unshare_available(), reason="needs user namespaces (unshare -rm)")
def test_a_crawl_that_fills_the_disk_exits_7_with_one_line(tmp_path: Path, replay_url: str) -> None:
    result = in_small_disk(f'"$GOVCRAWL" crawl --all --replay {replay_url} --db "$SMALL/x.db"', tmp_path)
    assert result.returncode == ENVIRONMENT, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    full = [line for line in result.stderr.splitlines() if "full" in line]
    assert len(full) == 1, result.stderr[-3000:]


@pytest.mark.skipif(not shutil.which("unshare") or not unshare_available(), reason="needs user namespaces (unshare -rm)")
def test_an_export_that_fills_the_disk_exits_7_and_leaves_nothing(demo_db: Path, tmp_path: Path) -> None:
    result = in_small_disk(
        f'"$GOVCRAWL" export --format jsonl --out "$SMALL/x.jsonl" --db {demo_db}; echo "rc=$?"; ls -A "$SMALL"', tmp_path, "200k",
    )
    assert "rc=7" in result.stdout, result.stderr
    assert result.stdout.strip().endswith("rc=7")  # nothing left in the small disk
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
