"""`govcrawl check` against the replay server: healthy templates, and one that changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
CHANGED_SITES = Path(__file__).parents[1] / "configs" / "changed_sites.toml"


def check(replay_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([GOVCRAWL, "check", *args, "--replay", replay_url], capture_output=True, text=True, timeout=60)


def test_healthy_sites_pass_every_check(replay_url: str) -> None:
    result = check(replay_url, "wenzhou", "ruian")  # ruian sits behind a 加速乐 cookie wall
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wenzhou: OK" in result.stdout and "ruian: OK" in result.stdout
    assert "ok  body" in result.stdout and "ok  date" in result.stdout


def test_changed_template_names_the_failing_selectors(replay_url: str) -> None:
    result = check(replay_url, "lucheng", "--sites", str(CHANGED_SITES))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "lucheng: BROKEN: page type, body, date"  # the title still comes from <title>
    body = next(line for line in lines if "BAD body" in line)
    assert "JcmsArticle.BODY = '#zoom, .zc_article_con, .bt_content'" in body
    assert "ok  list items" in result.stdout  # the list template did not change
    assert "Traceback" not in result.stderr


def test_blocked_site_is_reported(replay_url: str) -> None:
    blocked = Path(__file__).parents[1] / "configs" / "blocked_sites.toml"
    result = check(replay_url, "pingyang", "--sites", str(blocked))
    assert result.returncode == 1
    assert "加速乐" in result.stdout and "pingyang: BROKEN: list page" in result.stdout


def test_every_configured_site_passes(replay_url: str) -> None:
    from crawler.sites import load_sites

    names = list(load_sites())
    result = check(replay_url, *names)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines() if line.endswith(": OK")] == names
