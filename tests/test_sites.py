"""Sites files: the bundled one merged with the user's; the user's entry wins on a name clash."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from site_crawl import GOVCRAWL

from crawler.sites import SITES_FILE, load_sites, sites_in_region, user_sites_file

MOVED_WENZHOU = """
[wenzhou]
title = "温州市人民政府（新版）"
family = "jcms"
kind = "official"
region_code = "330300"
allowed_domains = ["www.wenzhou.gov.cn"]
start_urls = ["https://www.wenzhou.gov.cn/col/col1229999999/index.html"]

[longgang]
title = "龙港市人民政府"
family = "jcms"
kind = "official"
region_code = "330383"
allowed_domains = ["www.longgang.gov.cn"]
start_urls = ["https://www.longgang.gov.cn/col/col1229601020/index.html"]
"""


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "govcrawl" / "sites.toml"
    path.parent.mkdir()
    path.write_text(MOVED_WENZHOU, encoding="utf-8")
    return path


def test_users_entry_wins_and_adds(user_file: Path) -> None:
    sites = load_sites(user_file)
    assert sites["wenzhou"].title == "温州市人民政府（新版）" and sites["wenzhou"].source == user_file
    assert sites["longgang"].source == user_file and sites["jiangmen"].source == SITES_FILE
    assert len(sites) == len(load_sites(SITES_FILE)) + 1


def test_user_file_from_the_environment(user_file: Path) -> None:
    assert user_sites_file({"GOVCRAWL_SITES": "/etc/sites.toml", "XDG_CONFIG_HOME": "/x"}) == Path("/etc/sites.toml")
    assert user_sites_file({"XDG_CONFIG_HOME": str(user_file.parent.parent)}) == user_file
    assert "longgang" in load_sites(environ={"XDG_CONFIG_HOME": str(user_file.parent.parent)})
    assert "longgang" not in load_sites(environ={"XDG_CONFIG_HOME": "/nonexistent"})  # no user file: bundled only


def test_sites_by_region_prefix(user_file: Path) -> None:
    sites = load_sites(user_file)
    assert [site.name for site in sites_in_region(sites, "3303")] == ["wenzhou", "ruian", "longgang"]
    assert [site.name for site in sites_in_region(sites, "330383")] == ["longgang"]


def test_sites_command_names_each_sites_file(user_file: Path, tmp_path: Path) -> None:
    result = subprocess.run([GOVCRAWL, "sites", "--sites", str(user_file), "--db", str(tmp_path / "none.db")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert lines["wenzhou"].endswith(f"[{user_file}]") and "330300" in lines["wenzhou"]
    assert lines["jiangmen"].endswith("[bundled]") and "440700" in lines["jiangmen"]
    assert lines["govcn"].split()[3] == "-"  # no region: a national portal


@pytest.mark.parametrize(("content", "message"), [
    ("[x\n", "not valid TOML"),
    ('[x]\ntitle = "X"\nfamily = "jcms"\nkind = "official"\nstart_url = ["https://x.gov.cn/"]\n', "site 'x' has unknown keys ['start_url']"),
    ('[x]\ntitle = "X"\nfamily = "jcms"\nkind = "official"\n', "site 'x':"),
])
def test_a_broken_user_file_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    broken = tmp_path / "sites.toml"
    broken.write_text(content, encoding="utf-8")
    result = subprocess.run([GOVCRAWL, "crawl", "wenzhou", "--sites", str(broken), "--db", str(tmp_path / "db")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {broken}: ") and message in line
