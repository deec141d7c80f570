"""Incremental crawl benchmark: bytes and requests of a first and a second run of every
recorded site (tests/sites, served by the replay server), and of a ``--refresh`` run.

    .venv/bin/python benchmarks/incremental.py

Each configured site whose hosts are all recorded is crawled three times into a fresh
database with ``govcrawl crawl NAME --replay URL``: first (empty database), second
(unchanged site: stored reports are skipped, paging stops at a page of stored reports) and
refresh (every stored report page asked for again with If-None-Match / If-Modified-Since).
Bytes are Scrapy's ``downloader/response_bytes`` (bodies and headers) of the run's
``runs`` row; requests are those the replay server answered.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from crawler.sites import load_sites
from crawler.store.db import Store
from crawler.tools.replay import DEFAULT_SITES_DIR, ReplayServer, recorded_hosts

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
RUNS = (("first", ()), ("second", ()), ("refresh", ("--refresh",)))


def last_run_stats(db: Path, site: str) -> dict:
    """Stats of the site's newest run in ``db``."""
    store = Store.read_only(db)
    run = store.last_run(site)
    store.close()
    return json.loads(run["stats"] or "{}") if run else {}


def measure(site: str, server: ReplayServer, folder: Path) -> list[tuple[int, int, int]]:
    """(bytes, requests, documents changed) of each run of ``site``."""
    db = folder / f"{site}.db"
    rows = []
    for _, extra in RUNS:
        before = len(server.requests)
        subprocess.run([GOVCRAWL, "crawl", site, "--replay", server.url, "--db", str(db), *extra],
                       capture_output=True, text=True, timeout=600)
        stats = last_run_stats(db, site)
        changed = sum(int(stats.get(f"govcrawl/documents/{k}", 0)) for k in ("new", "duplicate", "updated"))
        rows.append((int(stats.get("downloader/response_bytes", 0)), len(server.requests) - before, changed))
    return rows


def main() -> None:
    """Print the table."""
    hosts = recorded_hosts(DEFAULT_SITES_DIR)
    sites = [s.name for s in load_sites().values() if set(s.allowed_domains) <= hosts]
    server = ReplayServer(DEFAULT_SITES_DIR)
    server.start()
    header = f"{'site':<16}" + "".join(f"{name + ' bytes':>15}{'reqs':>6}{'docs':>6}" for name, _ in RUNS) + f"{'2nd/1st':>9}"
    print(header)
    totals = [[0, 0, 0] for _ in RUNS]
    with tempfile.TemporaryDirectory() as tmp:
        for site in sites:
            rows = measure(site, server, Path(tmp))
            for total, row in zip(totals, rows, strict=True):
                for i, value in enumerate(row):
                    total[i] += value
            share = rows[1][0] / rows[0][0] if rows[0][0] else 0.0
            print(f"{site:<16}" + "".join(f"{b:>15,}{r:>6}{d:>6}" for b, r, d in rows) + f"{share:>9.1%}")
    server.shutdown()
    share = totals[1][0] / totals[0][0] if totals[0][0] else 0.0
    print(f"{'all':<16}" + "".join(f"{b:>15,}{r:>6}{d:>6}" for b, r, d in totals) + f"{share:>9.1%}")
    print("docs: documents new, duplicate or updated by the run (the second run should change none)")


if __name__ == "__main__":
    main()
