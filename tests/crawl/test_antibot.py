"""Anti-bot answers are recognised, retried once where a cookie round-trip passes, never stored."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SITES
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.crawl.middlewares import AntiBotMiddleware
from crawler.extract.gates import detect_challenge

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
BLOCKED_SITES = Path(__file__).parents[1] / "configs" / "blocked_sites.toml"
JIASULE_BODY = (SITES / "www.ruian.gov.cn" / "_challenge.html").read_bytes()
ATTACKEVASIVE_BODY = (
    b'<html><head><title>&#x9891;&#x7e41;&#x5237;&#x65b0;&#x9650;&#x5236;</title></head><body>'
    b'<script language="JavaScript">function reload() {document.location.reload();}setTimeout("reload()", 1001);</script>'
    b"<b>&#x9891;&#x7e41;&#x5237;&#x65b0;&#x9650;&#x5236;</b></body></html>"
)


def test_detects_each_kind_and_not_real_pages() -> None:
    assert detect_challenge(521, JIASULE_BODY, "__jsluid_s=abc; Path=/") == "jiasule"
    assert detect_challenge(200, ATTACKEVASIVE_BODY) == "attackevasive"
    login = "<html><body><div class='alert_info'>抱歉，您尚未登录，没有权限访问该版块</div></body></html>".encode()
    assert detect_challenge(200, login) == "login"
    real = (SITES / "www.wenzhou.gov.cn" / "art" / "2021" / "3" / "1" / "art_1229117804_59100001.html").read_bytes()
    assert detect_challenge(200, real) is None
    assert detect_challenge(521, b"<html>Web server is down</html>") is None  # Cloudflare's 521 is an outage


def test_middleware_retries_once_then_blocks() -> None:
    crawler = get_crawler(settings_dict={})
    middleware = build_from_crawler(AntiBotMiddleware, crawler)
    request = Request("https://www.pingyang.gov.cn/col/col1/index.html")
    challenge = HtmlResponse(request.url, status=521, body=JIASULE_BODY, headers={"Set-Cookie": "__jsluid_s=1"})
    retry = middleware.process_response(request, challenge)
    assert isinstance(retry, Request) and retry.dont_filter and retry.url == request.url
    with pytest.raises(IgnoreRequest):
        middleware.process_response(retry, challenge.replace(request=retry))
    assert crawler.stats.get_value("govcrawl/blocked/jiasule") == 1
    assert crawler.stats.get_value("govcrawl/challenges/jiasule") == 2


def test_site_passing_after_a_cookie_round_trip_is_crawled(replay_server, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    result = subprocess.run([GOVCRAWL, "crawl", "ruian", "--replay", replay_server.url, "--db", str(db)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    titles = [row[0] for row in sqlite3.connect(db).execute("select title from documents")]
    assert titles == ["2025年瑞安市政府工作报告"]
    assert "0 blocked" in result.stdout


def test_site_behind_a_wall_ends_with_a_clear_message_and_stores_nothing(replay_url: str, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    result = subprocess.run(
        [GOVCRAWL, "crawl", "pingyang", "--sites", str(BLOCKED_SITES), "--replay", replay_url, "--db", str(db)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 4  # crawler.store.health.ExitCode.BLOCKED
    assert "pingyang: blocked" in result.stdout and "anti-bot challenge" in result.stdout
    connection = sqlite3.connect(db)
    assert connection.execute("select count(*) from pages").fetchone()[0] == 0
    status, stats = connection.execute("select status, stats from runs").fetchone()
    assert status == "blocked" and json.loads(stats)["govcrawl/blocked/jiasule"] >= 1
    assert "Traceback" not in result.stderr
