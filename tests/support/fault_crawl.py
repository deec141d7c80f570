"""The hostile sites served on 127.0.0.1 and crawls of them, for the fault-injection suite (tests/faults/).

Each crawl is a real ``govcrawl crawl`` process with the suite's settings (``fault_settings.py``:
short timeouts, one retry, small limits) and the socket guard of tests/support/offline, with an
empty tldextract cache: a crawl that reached for the network would leave a line in the guard's file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hostile_site

from crawler.tools.replay import ReplayServer

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
FAULTS = Path(__file__).parents[1] / "faults"
SITES_FILE = FAULTS / "sites.toml"
GUARD = Path(__file__).parent / "offline"


@dataclass
class Crawl:
    """One finished crawl: the process, what it stored, what it asked the server for."""

    result: subprocess.CompletedProcess[str]
    run: dict[str, Any]
    """The ``runs`` row (``stats`` decoded)."""
    pages: set[str]
    """URLs in the ``pages`` table after the crawl."""
    documents: dict[str, str]
    """Document text by the URL of its canonical copy's page."""
    requests: list[tuple[str, str, float]]
    """(method, URL, time) of each request the server answered during the crawl."""
    network: list[str]
    """Connections and look-ups outside 127.0.0.1 the socket guard refused."""

    @property
    def stats(self) -> dict[str, Any]:
        return self.run["stats"]

    def fetched(self, url: str) -> list[float]:
        """When the server answered ``url`` (scheme, host, port and path as requested)."""
        return [at for _, requested, at in self.requests if requested == url]


class Hostile:
    """The hostile sites served by a replay server, and a database crawled into again and again."""

    def __init__(self, root: Path) -> None:
        self.sites_dir = root / "sites"
        self.cases = {case.name: case for case in hostile_site.build(self.sites_dir)}
        self.db = root / "govreports.db"
        self.root = root
        self.server = ReplayServer(self.sites_dir)
        self.server.start()

    def crawl(self, site: str) -> Crawl:
        """``govcrawl crawl SITE`` through the server with the suite's settings, under the socket guard."""
        guard_log, tld_cache = self.root / f"guard-{site}-{len(self.server.requests)}.log", self.root / "tldextract"
        tld_cache.mkdir(exist_ok=True)
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "fault_settings", "PYTHONPATH": os.pathsep.join([str(FAULTS), str(GUARD)]),
               "GOVCRAWL_SOCKET_GUARD": str(guard_log), "TLDEXTRACT_CACHE": str(tld_cache)}
        before = len(self.server.requests)
        result = subprocess.run(
            [GOVCRAWL, "crawl", site, "--sites", str(SITES_FILE), "--replay", self.server.url, "--db", str(self.db)],
            capture_output=True, text=True, timeout=120, env=env,
        )
        answered = zip(self.server.requests[before:], self.server.times[before:], strict=False)  # a stall may still be arriving
        requests = [(m, u, t) for (m, u), t in answered]
        return Crawl(result, *self._stored(), requests, guard_log.read_text().splitlines() if guard_log.exists() else [])

    def _stored(self) -> tuple[dict[str, Any], set[str], dict[str, str]]:
        db = sqlite3.connect(self.db)
        try:
            status, stats = db.execute("select status, stats from runs order by id desc limit 1").fetchone()
            pages = {row[0] for row in db.execute("select url from pages")}
            documents = dict(db.execute(
                "select p.url, d.text from documents d join copies c on c.id = d.best_copy_id join pages p on p.id = c.page_id"
            ).fetchall())
        finally:
            db.close()
        return {"status": status, "stats": json.loads(stats)}, pages, documents

    def serve_reports_at(self, cases: list[hostile_site.Case]) -> None:
        """From now on, answer these cases' URLs with their reports, as a site does once it recovers."""
        config_file = self.sites_dir / hostile_site.HOST / "_site.json"
        config = json.loads(config_file.read_text("utf-8"))
        for case in cases:
            (self.sites_dir / hostile_site.HOST / case.path.lstrip("/")).write_bytes(hostile_site.report_page(case.year).encode())
            config["files"].pop(case.path, None)
        config_file.write_text(json.dumps(config, ensure_ascii=False), "utf-8")
        self.server.reload()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
