"""Crash and concurrency tests with real processes: a slow replay server to kill crawls mid-way,
killing a crawl's whole process group at a point chosen by what the database holds, and a
database's content independent of row ids, times and the order side-by-side crawls wrote in."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from site_crawl import disallowed

from crawler.tools.replay import ReplayServer


class SlowReplayServer(ReplayServer):
    """The replay server, answering every request (tunnelled HTTPS ones too) after ``delay`` seconds."""

    delay = 0.1

    def log_request_line(self, method: str, url: str) -> None:
        time.sleep(self.delay)
        super().log_request_line(method, url)


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What the database holds, by content: independent of row ids, fetch times and of the order
    in which sites crawled side by side stored equal copies (which of two exact copies is the
    canonical one, which of two documents found equal later was merged into the other)."""
    connection = sqlite3.connect(db)
    connection.create_function("text_hash", 1, lambda text: hashlib.sha1((text or "").encode()).hexdigest())
    queries = {
        "pages": "select url, sha1, status from pages",
        "copies": """select p.url, c.seg, text_hash(c.text), c.title_as_seen, c.published_on,
                            case when c.relation in ('canonical', 'exact') then 'exact' else c.relation end,
                            text_hash(d.text)
                     from copies c join pages p on p.id = c.page_id
                     left join documents d on d.id = c.document_id""",
        "documents": """select title, text_hash(text), year, region, region_code, level, published_on from documents
                        where merged_into is null and best_copy_id is not null""",
    }
    result = {name: sorted(connection.execute(sql).fetchall()) for name, sql in queries.items()}
    connection.close()
    return result


def count(db: Path, sql: str) -> int:
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute(sql).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.OperationalError:  # not created, or not migrated yet
        return 0


def kill_group_when(process: subprocess.Popen[bytes], db: Path, sql: str, at_least: int) -> int:
    """SIGKILL the crawl's process group once ``sql`` counts ``at_least`` rows; the count at the kill."""
    deadline = time.monotonic() + 120
    while count(db, sql) < at_least:
        assert process.poll() is None, "the crawl ended before the kill point: make the server slower"
        assert time.monotonic() < deadline, "the crawl never reached the kill point"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return count(db, sql)


def forbidden_fetches(requests: list[tuple[str, str]]) -> list[str]:
    """URLs requested that their host's recorded robots.txt forbids."""
    hosts = {urlsplit(url).hostname for _, url in requests}
    return [bad for host in sorted(hosts) for bad in disallowed(host, [u for _, u in requests if urlsplit(u).hostname == host])]
