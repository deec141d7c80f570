"""Pages that are not documents never reach the spiders: challenges retried once with their cookies, the rest counted and dropped."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SITES
from hostile_site import SOFT_404
from scrapy.http import HtmlResponse, Request
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.crawl.middlewares import DecodingMiddleware, GateMiddleware, NotADocument

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
REPORT = "art/2021/3/1/art_1229117804_59100001.html"
BLOCKED_SITES = Path(__file__).parents[1] / "configs" / "blocked_sites.toml"
JIASULE_BODY = (SITES / "www.ruian.gov.cn" / "_challenge.html").read_bytes()


def test_middleware_retries_once_then_blocks() -> None:
    crawler = get_crawler(settings_dict={})
    middleware = build_from_crawler(GateMiddleware, crawler)
    request = Request("https://www.pingyang.gov.cn/col/col1/index.html")
    challenge = HtmlResponse(request.url, status=521, body=JIASULE_BODY, headers={"Set-Cookie": "__jsluid_s=1"})
    retry = middleware.process_response(request, challenge)
    assert isinstance(retry, Request) and retry.dont_filter and retry.url == request.url
    with pytest.raises(NotADocument):
        middleware.process_response(retry, challenge.replace(request=retry))
    assert crawler.stats.get_value("govcrawl/blocked/challenge") == 1
    assert crawler.stats.get_value("govcrawl/gate/challenge") == 1
    assert crawler.stats.get_value("govcrawl/gate/cookie_retries") == 1


def test_pages_that_are_not_documents_end_without_a_retry() -> None:
    crawler = get_crawler(settings_dict={})
    middleware = build_from_crawler(GateMiddleware, crawler)
    request = Request("https://www.pingyang.gov.cn/art/2024/1/1/art_1_1.html")
    soft_404 = HtmlResponse(request.url, status=200, body=SOFT_404, headers={"Content-Type": "text/html"})
    with pytest.raises(NotADocument, match="soft 404"):
        middleware.process_response(request, soft_404)
    assert crawler.stats.get_value("govcrawl/gate/soft_404") == 1 and crawler.stats.get_value("govcrawl/blocked") is None
    real = HtmlResponse(request.url, status=200, body=(SITES / "www.wenzhou.gov.cn" / REPORT).read_bytes())
    assert middleware.process_response(request, real) is real


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
    assert status == "blocked" and json.loads(stats)["govcrawl/blocked/challenge"] >= 1
    assert "Traceback" not in result.stderr


def test_decoding_middleware_gives_spiders_the_stores_text() -> None:
    crawler = get_crawler(settings_dict={})
    middleware = build_from_crawler(DecodingMiddleware, crawler)
    page = "<html><head><title>老栏目</title></head><body><a href='/a.html'>2023年政府工作报告</a></body></html>"
    request = Request("http://www.hostile.gov.cn/gbk/list.html")
    mislabelled = HtmlResponse(request.url, body=page.encode("gbk"), headers={"Content-Type": "text/html; charset=utf-8"})
    assert "\ufffd" in mislabelled.text  # what Scrapy reads, trusting the header
    assert middleware.process_response(request, mislabelled).text == page
    honest = HtmlResponse(request.url, body=page.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-8"})
    assert middleware.process_response(request, honest) is honest
