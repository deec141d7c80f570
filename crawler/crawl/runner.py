"""Run family spiders for configured sites in this process (what `govcrawl crawl` does)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from crawler.crawl.failures import guarded
from crawler.crawl.locks import SiteLock, lock_sites
from crawler.crawl.spider import SiteSpider
from crawler.sites import Site, download_slots
from crawler.store.db import Store

LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


@dataclass
class CrawlOptions:
    """Per-run choices of a crawl."""

    db: Path
    replay_url: str | None = None
    """Serve requests from the replay server at this URL instead of the network."""
    progress: str | bool = False
    """``live``, ``plain`` or False (crawler/crawl/progress.py)."""
    log_level: str = "WARNING"
    log_file: Path | None = None
    """Send the log there instead of stderr (Scrapy's LOG_FILE)."""
    settings: dict[str, str] = field(default_factory=dict)
    """Further Scrapy settings (``-s KEY=VALUE``), applied last."""
    refresh: bool = False
    """Request stored report pages again (conditionally); see crawler/crawl/incremental.py."""
    since: str | None = None
    """YYYY-MM-DD: skip reports listed before this date, stop paging at a page listing only older ones."""
    resume: bool = True
    """Resume a site's interrupted run from its frontier (crawler/crawl/frontier.py) instead of starting afresh."""


def spider_class(family: str) -> type[SiteSpider]:
    """The spider of a site family."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.crawl.settings")
    spider = SpiderLoader.from_settings(get_project_settings()).load(family)
    assert issubclass(spider, SiteSpider), family  # every spider of spiders/ is a site spider
    return spider


def crawl_sites(sites: list[Site], options: CrawlOptions) -> list[int]:
    """Crawl the sites (concurrently, each with its family's spider); return their run ids.

    A site another process is crawling into the same database is skipped: its run is
    recorded as ``locked`` (crawler/crawl/locks.py). A full disk or a damaged database stops
    the crawl and is raised (crawler/crawl/failures.py)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.crawl.settings")
    settings = get_project_settings()
    settings.set("GOVCRAWL_DB", str(options.db))
    settings.set("GOVCRAWL_PROGRESS", options.progress)
    settings.set("LOG_LEVEL", options.log_level)
    settings.set("LOG_FORMAT", LOG_FORMAT)
    settings.set("GOVCRAWL_REFRESH", options.refresh)
    settings.set("GOVCRAWL_SINCE", options.since)
    settings.set("GOVCRAWL_FRONTIER_RESUME", options.resume)
    # Politeness of the chosen sites, those of a --sites file too (settings.py knows the others).
    settings.set("DOWNLOAD_SLOTS", {**settings.getdict("DOWNLOAD_SLOTS"), **download_slots({s.name: s for s in sites})})
    if options.log_file:
        settings.set("LOG_FILE", str(options.log_file))
    if options.replay_url:
        # Recorded sites on localhost need no politeness delays.
        settings.set("GOVCRAWL_REPLAY_URL", options.replay_url)
        settings.set("DOWNLOAD_DELAY", 0)
        settings.set("DOWNLOAD_SLOTS", {})
        settings.set("AUTOTHROTTLE_ENABLED", False)
    settings.setdict(options.settings, priority="cmdline")
    locks, locked_run_ids = _lock_sites(options.db, sites)
    process = CrawlerProcess(settings)
    crawlers = []
    for site in (s for s in sites if s.name in locks):
        crawler = process.create_crawler(process.spider_loader.load(site.family))
        process.crawl(crawler, site=site)
        crawlers.append(crawler)
    try:
        with guarded(options.db, process.stop) as guard:
            if crawlers:
                process.start()
    finally:
        for lock in locks.values():
            lock.release()
    if guard.problem is not None:
        raise guard.problem
    return locked_run_ids + [c.stats.get_value("govcrawl/run_id") for c in crawlers if c.stats.get_value("govcrawl/run_id")]


def _lock_sites(db: Path, sites: list[Site]) -> tuple[dict[str, SiteLock], list[int]]:
    """Lock the sites; mark runs a dead process left ``running`` as interrupted; record a
    ``locked`` run (its stats hold the message) for each site held by another process."""
    locks, refused = lock_sites(db, [site.name for site in sites])
    store = Store(db)
    try:
        for name in locks:
            store.interrupt_runs(name)
        return locks, [store.record_locked_run(held.site, str(held)) for held in refused]
    finally:
        store.close()
