"""The govcrawl command line, run as a user runs it: a subprocess of the console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
JCMS_PAGE = Path(__file__).parents[1] / "sites" / "www.wenzhou.gov.cn" / "art" / "2021" / "3" / "1"


def govcrawl(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([GOVCRAWL, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def assert_one_clear_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert command.help and "Example:" in command.help, f"{name} lacks an Example block"


def test_sites_lists_the_configured_sites(tmp_path: Path) -> None:
    result = govcrawl("sites", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 0, result.stderr
    assert "wenzhou" in result.stdout and "jcms" in result.stdout and "never crawled" in result.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ("empty.html", "empty")),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", ("empty.html", "binary")),
        (b"\x00\x01\x02\x03binary\x00\xff\xfe" * 50, ("empty.html", "binary")),
        (b"<html><body>\x80\xff\x80\xff\x81\xff\x80\xff\x80\xff\xff\xff</body></html>" * 20, ("empty.html", "undecodable")),
    ],
    ids=["empty", "pdf", "binary", "undecodable-bytes"],
)
def test_extract_rejects_bad_files_with_one_line(tmp_path: Path, content: bytes, words: tuple[str, ...]) -> None:
    bad = tmp_path / "empty.html"
    bad.write_bytes(content)
    result = govcrawl("extract", str(bad))
    assert_one_clear_error(result, *words)
    assert result.stdout == ""


def test_extract_missing_file(tmp_path: Path) -> None:
    assert_one_clear_error(govcrawl("extract", str(tmp_path / "missing.html")), "missing.html", "No such file")


def test_extract_gbk_page_without_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "gbk.html"
    body = "<html><head><title>2020年某县政府工作报告</title></head><body><div class='content'>" + "".join(
        f"<p>第{i}段：各位代表，现在我代表县人民政府向大会报告工作，请予审议，并请县政协委员提出意见。</p>" for i in range(30)
    ) + "</div></body></html>"
    page.write_bytes(body.encode("gbk"))
    result = govcrawl("extract", str(page), "--url", "http://www.example.gov.cn/a.html")
    assert result.returncode == 0, result.stderr
    [document] = [json.loads(line) for line in result.stdout.splitlines()]
    assert document["url"] == "http://www.example.gov.cn/a.html"
    assert "第0段：各位代表" in document["text"] and "\ufffd" not in document["text"]


def test_stats_on_a_missing_database(tmp_path: Path) -> None:
    assert_one_clear_error(govcrawl("stats", "--db", str(tmp_path / "nothing.db")), "no database")


def test_crawl_unknown_site(tmp_path: Path) -> None:
    assert_one_clear_error(govcrawl("crawl", "atlantis", "--db", str(tmp_path / "x.db")), "atlantis")


def test_unusable_database_path(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are my notes, not a database" * 100)
    assert_one_clear_error(govcrawl("stats", "--db", str(not_a_db)), "cannot open database")
    assert not_a_db.read_text().startswith("these are my notes")  # never overwritten


def test_extract_refuses_anti_bot_pages(tmp_path: Path) -> None:
    interstitial = tmp_path / "thread.html"
    interstitial.write_text(
        '<html><head><title>&#x9891;&#x7e41;&#x5237;&#x65b0;&#x9650;&#x5236;</title></head><body>'
        '<script>function reload() {document.location.reload();}setTimeout("reload()", 1001);</script>'
        "<b>&#x9891;&#x7e41;&#x5237;&#x65b0;&#x9650;&#x5236;</b></body></html>"
    )
    assert_one_clear_error(govcrawl("extract", str(interstitial)), "thread.html", "anti-bot page", "attackevasive")


def test_extract_finds_no_document_on_a_list_page(tmp_path: Path) -> None:
    rows = "".join(f'<li><a href="/art/{y}/a{y}.html">{y}年某县政府工作报告</a><span>{y}-03-01</span></li>' for y in range(2010, 2026))
    page = tmp_path / "column.html"
    page.write_text(f"<html><head><title>政府工作报告</title></head><body><div class='nav'><a href='/'>首页</a></div><ul>{rows}</ul></body></html>")
    assert_one_clear_error(govcrawl("extract", str(page)), "column.html", "no document found")


def test_extract_refuses_json(tmp_path: Path) -> None:
    api = tmp_path / "list.json"
    api.write_text('{"success": true, "data": {"html": "2021年政府工作报告"}}', "utf-8")
    assert_one_clear_error(govcrawl("extract", str(api)), "list.json", "JSON, not an HTML page")
