"""The crawl's settings: importing them reads no configuration; the configuration read once
(by the CLI, or crawler/crawl/project.py for ``scrapy``) is passed down."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crawler.crawl.runner import CrawlOptions, crawl_settings

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_settings_reads_no_config_file(tmp_path: Path) -> None:
    (tmp_path / "govcrawl").mkdir()
    (tmp_path / "govcrawl" / "config.toml").write_text('contact_url = "https://example.org/me"\ncolour = 1\n', "utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "SCRAPY_SETTINGS_MODULE": "crawler.crawl.settings"}
    code = "import crawler.crawl.settings as s; print(s.USER_AGENT)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "+https://github.com/govcrawl/govcrawl;" in result.stdout  # the bad file was never opened
    project = subprocess.run([sys.executable, "-c", "import crawler.crawl.project"], capture_output=True, text=True,
                             env=env, cwd=tmp_path, timeout=60)
    assert project.returncode != 0 and "colour" in project.stderr  # scrapy's settings module does read it


def test_the_runner_sets_the_database_and_contact_url_it_is_given(tmp_path: Path) -> None:
    settings = crawl_settings(CrawlOptions(db=tmp_path / "x.db", contact_url="https://example.org/me"), [])
    assert settings["GOVCRAWL_DB"] == str(tmp_path / "x.db")
    assert "+https://example.org/me;" in settings["USER_AGENT"]
    plain = crawl_settings(CrawlOptions(db=tmp_path / "x.db"), [])
    assert "+https://github.com/govcrawl/govcrawl;" in plain["USER_AGENT"]
    assert "SCRAPY_SETTINGS_MODULE" not in os.environ  # a later `scrapy` subprocess still finds scrapy.cfg's module
