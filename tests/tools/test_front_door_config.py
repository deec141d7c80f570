"""Configuration (GOVCRAWL_DB, config.toml), Scrapy's conventions (feed exports, -s/-L/-q),
--json for scripts, and what reaches the terminal."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
GOVCRAWL = str(BIN / "govcrawl")
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*args], capture_output=True, text=True, timeout=240, cwd=cwd, env={**os.environ, **(env or {})})


def govcrawl(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:  # noqa: ANN003
    return run(GOVCRAWL, *args, **kwargs)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "govreports.db"
    result = govcrawl("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


def home(tmp_path: Path) -> dict[str, str]:
    """An environment with its own XDG directories and no GOVCRAWL_DB."""
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    os.environ.pop("GOVCRAWL_DB", None)
    return env


def test_govcrawl_db_environment_variable(demo_db: Path, tmp_path: Path) -> None:
    result = govcrawl("stats", env={**home(tmp_path), "GOVCRAWL_DB": str(demo_db)}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(demo_db))


def test_config_file_gives_the_database_and_db_option_wins(demo_db: Path, tmp_path: Path) -> None:
    env = home(tmp_path)
    (tmp_path / "config" / "govcrawl").mkdir(parents=True)
    (tmp_path / "config" / "govcrawl" / "config.toml").write_text(f'db = "{demo_db}"\n', "utf-8")
    assert govcrawl("stats", env=env, cwd=tmp_path).stdout.startswith(str(demo_db))
    other = tmp_path / "other.db"
    result = govcrawl("stats", "--db", str(other), env=env, cwd=tmp_path)
    assert result.returncode == 1 and str(other) in result.stderr


def test_default_database_does_not_depend_on_the_working_directory(tmp_path: Path) -> None:
    env = home(tmp_path)
    result = govcrawl("stats", env=env, cwd=tmp_path)
    assert str(tmp_path / "data" / "govcrawl" / "govreports.db") in result.stderr


def test_config_file_errors_are_one_line(tmp_path: Path) -> None:
    env = home(tmp_path)
    (tmp_path / "config" / "govcrawl").mkdir(parents=True)
    (tmp_path / "config" / "govcrawl" / "config.toml").write_text('colour = "blue"\n', "utf-8")
    result = govcrawl("stats", env=env)
    assert result.returncode == 1 and "colour" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_contact_url_from_the_config_reaches_the_user_agent(tmp_path: Path) -> None:
    env = home(tmp_path)
    (tmp_path / "config" / "govcrawl").mkdir(parents=True)
    (tmp_path / "config" / "govcrawl" / "config.toml").write_text('contact_url = "https://example.org/me"\n', "utf-8")
    result = run(str(BIN / "scrapy"), "settings", "--get", "USER_AGENT", env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "+https://example.org/me" in result.stdout


def test_scrapy_feed_export_writes_documents(tmp_path: Path, replay_url: str) -> None:
    out = tmp_path / "x.jsonl"
    result = run(
        str(BIN / "scrapy"), "crawl", "jcms", "-a", "site=wenzhou", "-o", str(out), "-s", f"GOVCRAWL_REPLAY_URL={replay_url}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-L", "WARNING",
        env={"GOVCRAWL_DB": str(tmp_path / "scrapy.db")}, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "not JSON serializable" not in result.stderr
    pages = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    rows = [document for page in pages for document in page["documents"]]
    assert len(rows) >= 20
    assert all(row["title"] and row["text"] and row["url"].startswith("https://www.wenzhou.gov.cn/") for row in rows)
    assert not {"body", "html", "headers"} & set(pages[0])
    connection = sqlite3.connect(tmp_path / "scrapy.db")
    stored = connection.execute("select count(*) from copies").fetchone()[0]
    connection.close()
    assert stored == len(rows)


def test_crawl_takes_scrapy_options(tmp_path: Path, replay_url: str) -> None:
    log = tmp_path / "crawl.log"
    result = govcrawl(
        "crawl", "ruian", "--replay", replay_url, "--db", str(tmp_path / "x.db"), "-s", "GOVCRAWL_PROGRESS_INTERVAL=0.2",
        "-L", "DEBUG", "--logfile", str(log), "-q",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    text = log.read_text("utf-8")
    assert "DEBUG" in text and "ruian" in text


def test_crawl_rejects_a_malformed_setting(tmp_path: Path) -> None:
    result = govcrawl("crawl", "ruian", "-s", "NOEQUALS", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2 and "KEY=VALUE" in result.stderr


@pytest.mark.parametrize("command", [["stats"], ["runs"], ["sites"], ["dupes"]])
def test_json_output_for_scripts(demo_db: Path, command: list[str]) -> None:
    result = govcrawl(*command, "--json", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    if command[0] == "stats":
        assert data["counts"]["documents"] >= 70 and "wenzhou" in data["by_site"]
    elif command[0] == "runs":
        assert {"site", "status", "errors", "exit_code"} <= set(data[0])
    elif command[0] == "sites":
        assert {"name", "family", "kind", "documents"} <= set(data[0])
    else:
        assert data and {"id", "title", "copies"} <= set(data[0])


def test_check_json(replay_url: str) -> None:
    result = govcrawl("check", "wenzhou", "--replay", replay_url, "--json")
    assert result.returncode == 0, result.stderr
    [site] = json.loads(result.stdout)
    assert site["site"] == "wenzhou" and site["ok"] is True and site["findings"]


def test_summary_error_count_matches_runs(demo_db: Path, tmp_path: Path, replay_url: str) -> None:
    db = tmp_path / "x.db"
    crawl = govcrawl("crawl", "wenzhou", "--replay", replay_url, "--db", str(db))
    lines = crawl.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("wenzhou:"))
    [run] = json.loads(govcrawl("runs", "--json", "--db", str(db)).stdout)
    assert run["errors"] >= 1  # the dead link the recorded column really has
    assert f"{run['errors']} errors" in lines[start + 1]  # one error count, the same in both
    assert all(len(line) <= 100 for line in lines[start:start + 2]), lines


def test_control_sequences_in_titles_never_reach_the_terminal(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>2023年某县政府工作报告\x1b]0;owned\x07\x1b[2J</title></head><body><div class='content'>"
        + "".join(f"<p>第{i}段：各位代表，现在我代表县人民政府向大会报告工作，请予审议。</p>" for i in range(30))
        + "</div></body></html>", "utf-8",
    )
    db = tmp_path / "x.db"
    assert govcrawl("ingest", str(page), "--url", "http://www.a.example/a.html", "--db", str(db)).returncode == 0
    assert govcrawl("ingest", str(page), "--url", "http://www.b.example/b.html", "--db", str(db)).returncode == 0
    for args in (["search", "各位代表"], ["dupes"]):
        result = govcrawl(*args, "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "2023年某县政府工作报告" in result.stdout
