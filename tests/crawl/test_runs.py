"""Cron-safe crawls: one crawl per site at a time, exit codes by outcome, the runs table and its commands."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import scrapy
from click.testing import CliRunner
from scrapy.utils.test import get_crawler

from crawler.cli import cli
from crawler.crawl.frontier import decode_request, encode_request
from crawler.crawl.locks import SiteLock, SiteLocked, lock_path
from crawler.store.db import Store
from crawler.store.health import ExitCode, exit_code, is_empty

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
MOVED_SITES = Path(__file__).parents[1] / "configs" / "moved_sites.toml"


def govcrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([GOVCRAWL, *args], capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def crawled_db(replay_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database after one crawl of 温州."""
    db = tmp_path_factory.mktemp("runs") / "g.db"
    result = govcrawl("crawl", "wenzhou", "--replay", replay_url, "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


# locks ---------------------------------------------------------------------------------

def test_a_held_lock_names_its_holder_and_is_free_after_release(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    lock = SiteLock(db, "wenzhou").acquire()
    with pytest.raises(SiteLocked) as held:
        SiteLock(db, "wenzhou").acquire()
    assert held.value.pid == os.getpid() and "wenzhou" in str(held.value) and str(os.getpid()) in str(held.value)
    SiteLock(db, "ruian").acquire().release()  # other sites are free
    lock.release()
    SiteLock(db, "wenzhou").acquire().release()
    assert lock_path(db, "wenzhou") == tmp_path / "locks" / "g.wenzhou.lock"


def test_a_killed_holder_does_not_keep_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from crawler.crawl.locks import SiteLock; lock = SiteLock({str(db)!r}, 'wenzhou').acquire(); "
         "print('locked', flush=True); import time; time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(SiteLocked) as held:
        SiteLock(db, "wenzhou").acquire()
    assert held.value.pid == holder.pid
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    SiteLock(db, "wenzhou").acquire().release()


def test_crawl_of_a_locked_site_skips_it_and_runs_the_others(replay_url: str, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    with SiteLock(db, "wenzhou"):
        result = govcrawl("crawl", "wenzhou", "ruian", "--replay", replay_url, "--db", str(db))
    assert result.returncode == ExitCode.LOCKED == 6, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"wenzhou: already being crawled by process {os.getpid()} (lock {lock_path(db, 'wenzhou')}); skipped"
    assert lines[1].startswith("ruian: finished")
    rows = sqlite3.connect(db).execute("select site, status, exit_code from runs order by id").fetchall()
    assert rows == [("wenzhou", "locked", 6), ("ruian", "finished", 0)]
    assert "Traceback" not in result.stderr


# exit codes and the health check -------------------------------------------------------

def test_exit_code_takes_the_most_severe_outcome() -> None:
    assert exit_code(["finished", "finished"]) == ExitCode.OK
    assert exit_code(["finished", "locked", "empty"]) == ExitCode.EMPTY
    assert exit_code(["blocked", "failed", "locked"]) == ExitCode.FAILED
    assert exit_code(["interrupted"]) == ExitCode.FAILED
    assert exit_code([]) == ExitCode.OK


def test_health_check_needs_earlier_documents_and_no_report_page() -> None:
    assert is_empty({}, earlier_documents=1)
    assert not is_empty({}, earlier_documents=0)  # a first crawl that finds nothing is no regression
    assert not is_empty({"govcrawl/links/report": 3}, earlier_documents=1)  # known reports, skipped
    assert not is_empty({"downloader/response_status_count/304": 1}, earlier_documents=1)


def test_site_that_stops_showing_reports_exits_5(crawled_db: Path, replay_url: str, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    db.write_bytes(crawled_db.read_bytes())
    result = govcrawl("crawl", "wenzhou", "--sites", str(MOVED_SITES), "--replay", replay_url, "--db", str(db))
    assert result.returncode == ExitCode.EMPTY == 5, result.stderr
    assert "wenzhou: empty" in result.stdout and "health check" in result.stdout
    assert result.stderr.strip().splitlines()[-1].startswith("exit 5: a site yielded no report page")
    status, code = sqlite3.connect(db).execute("select status, exit_code from runs order by id desc").fetchone()
    assert (status, code) == ("empty", 5)
    fresh = govcrawl("crawl", "wenzhou", "--sites", str(MOVED_SITES), "--replay", replay_url, "--db", str(tmp_path / "new.db"))
    assert fresh.returncode == 0, fresh.stderr  # nothing earlier to compare with


# the runs table and its commands -------------------------------------------------------

def test_runs_table_holds_the_outcome(crawled_db: Path) -> None:
    row = sqlite3.connect(crawled_db).execute(
        """select status, exit_code, responses, pages_by_status, bytes, not_modified, pages_stored, documents_new,
                  documents_duplicate, blocked, errors, finished_at >= started_at from runs order by id""").fetchone()
    pages = sqlite3.connect(crawled_db).execute("select count(*) from pages").fetchone()[0]
    by_status = json.loads(row[3])
    assert row[:2] == ("finished", 0)
    assert row[2] == sum(by_status.values()) and by_status["200"] >= pages + 1  # report pages and list pages
    assert row[4] > 0 and row[5] == 0 and row[6] == pages == row[7] + row[8] and row[9] == 0 and row[11] == 1
    assert row[10] == by_status.get("404", 0)  # the listed report that answers 404


def test_runs_command_prints_one_line_per_run(crawled_db: Path) -> None:
    result = CliRunner().invoke(cli, ["runs", "--db", str(crawled_db), "--site", "wenzhou"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    pages = sqlite3.connect(crawled_db).execute("select count(*) from pages").fetchone()[0]
    assert len(lines) == 1
    assert lines[0].startswith("#1 ") and " wenzhou " in lines[0] and " finished " in lines[0] and "exit 0" in lines[0]
    assert f"{pages} stored; documents {pages} new" in lines[0]
    unknown = CliRunner().invoke(cli, ["runs", "--db", str(crawled_db), "--site", "nowhere"])
    assert unknown.exit_code == 1 and "unknown site 'nowhere'; known: " in unknown.output


def test_stats_shows_documents_by_year_and_level_coverage_and_last_success(crawled_db: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "--db", str(crawled_db)])
    assert result.exit_code == 0, result.output
    store = Store(crawled_db)
    total, having = store.field_coverage()
    by_year = store.document_counts("year")
    store.close()
    assert sum(n for _, n in by_year) == total == store_count(crawled_db)
    assert "last successful run #1 " in result.output
    assert "by year: " + ", ".join(f"{year} {n}" for year, n in by_year) in result.output
    for field in ("published_on", "region_code", "speaker"):
        assert f"  {field:<14} {having[field]:>6}  {having[field] / total:6.1%}" in result.output


def store_count(db: Path) -> int:
    return sqlite3.connect(db).execute("select count(*) from documents where merged_into is null").fetchone()[0]


# the frontier's request encoding --------------------------------------------------------

class _Spider(scrapy.Spider):
    name = "t"

    def follow_records(self, response):  # noqa: ANN001, ANN201
        return []

    def fetch_failed(self, failure):  # noqa: ANN001, ANN201
        return None


def test_a_form_request_survives_the_frontier() -> None:
    spider = _Spider()
    request = scrapy.FormRequest(
        "https://www.wenzhou.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=11&endrecord=20&perpage=10",
        formdata={"columnid": "1229117804", "unitid": "7118158"}, callback=spider.follow_records,
        errback=spider.fetch_failed, meta={"column": "c", "download_slot": "x", "_private": object()},
    )
    copy = decode_request(encode_request(request, spider), spider)
    assert (copy.url, copy.method, copy.body, copy.meta) == (request.url, "POST", request.body, {"column": "c"})
    assert copy.callback == spider.follow_records and copy.errback == spider.fetch_failed
    assert copy.headers["Content-Type"] == b"application/x-www-form-urlencoded"
    fingerprinter = get_crawler().request_fingerprinter
    assert fingerprinter.fingerprint(copy) == fingerprinter.fingerprint(request)


def test_a_page_is_done_once_its_callback_ended_and_all_its_items_are_stored(tmp_path: Path) -> None:
    from scrapy.http import HtmlResponse
    from scrapy.utils.misc import build_from_crawler

    from crawler.crawl.frontier import FINGERPRINT, FrontierMiddleware

    crawler = get_crawler(_Spider, settings_dict={"GOVCRAWL_DB": str(tmp_path / "g.db"), "GOVCRAWL_FRONTIER_ENABLED": True})
    crawler.spider = _Spider()
    middleware = build_from_crawler(FrontierMiddleware, crawler)
    middleware._open()
    store = middleware.session.store
    done = lambda: dict(store.db.execute("select url, done from frontier").fetchall())  # noqa: E731
    page = scrapy.Request("https://a.gov.cn/list.html", callback=crawler.spider.follow_records)
    assert middleware._write([page]) == [page]
    response = HtmlResponse(page.url, body=b"<html></html>", request=page)
    first, second = {"n": 1}, {"n": 2}
    link = scrapy.Request("https://a.gov.cn/art/1.html", callback=crawler.spider.follow_records)
    output = list(middleware.process_spider_output(response, iter([first, link, second])))
    assert output == [first, second, link]  # the page's requests are recorded together when its callback ends
    assert link.meta[FINGERPRINT] and done() == {page.url: 0, link.url: 0}  # items still in the pipelines
    middleware.item_done(first)
    assert done()[page.url] == 0
    middleware.item_done(second)
    assert done()[page.url] == 1
    list(middleware.process_spider_output(HtmlResponse(link.url, body=b"", request=link), iter([])))
    assert done() == {page.url: 1, link.url: 1}  # a page without items: done when its callback ends
    middleware.spider_closed(crawler.spider, "finished")
    assert Store(tmp_path / "g.db").frontier_pending_count("t") == 0
