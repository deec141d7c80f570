"""Run family spiders for configured sites in this process (what `govcrawl crawl` does)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count, takewhile
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader
from twisted.internet.defer import DeferredList

from crawler.crawl.failures import guarded
from crawler.crawl.locks import SiteLock, SiteLocked, lock_sites
from crawler.crawl.settings import config_settings
from crawler.crawl.spider import SiteSpider
from crawler.sites import Site, download_slots
from crawler.store.db import Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

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
    jobs: int = 1
    """Worker processes crawling sites side by side (crawler/crawl/workers.py); 1: this process."""
    contact_url: str | None = None
    """Where site owners reach whoever runs the crawl (config.toml's ``contact_url``), in the User-Agent."""


def project_settings() -> Settings:
    """govcrawl's Scrapy settings: the module ``SCRAPY_SETTINGS_MODULE`` names (the fault suite's),
    else crawler/crawl/settings.py; never the module of a scrapy.cfg in the working directory
    (crawler/crawl/project.py reads config.toml), and the environment is left as it was."""
    settings = Settings()
    settings.setmodule(os.environ.get("SCRAPY_SETTINGS_MODULE", "crawler.crawl.settings"), priority="project")
    return settings


def spider_class(family: str) -> type[SiteSpider]:
    """The spider of a site family."""
    spider = SpiderLoader.from_settings(project_settings()).load(family)
    assert issubclass(spider, SiteSpider), family  # every spider of spiders/ is a site spider
    return spider


def crawl_sites(sites: list[Site], options: CrawlOptions) -> list[int]:
    """Crawl the sites, each with its family's spider, in ``options.jobs`` processes; their run ids.

    The caller opened the database for writing (which closed the runs a dead process left
    ``running``, crawler/cli/options.py ``open_store``). A site another process is crawling
    into the same database is skipped: its run is recorded as ``locked`` (crawler/crawl/locks.py).
    Sites sharing a host are crawled by one process, so the host's politeness slot is one. A full
    disk or a damaged database stops the crawl and is raised (crawler/crawl/failures.py)."""
    units = host_groups(sites)
    jobs = min(options.jobs, len(units))
    if jobs <= 1:
        return crawl_in_process(units, options, len(units), count().__next__)
    from crawler.crawl.workers import crawl_in_workers

    return crawl_in_workers(units, options, jobs)


def host_groups(sites: list[Site]) -> list[list[Site]]:
    """The sites in groups that share no host with another group (most groups: one site)."""
    groups: list[list[Site]] = []
    for site in sites:
        sharing = [g for g in groups if any(set(site.allowed_domains) & set(s.allowed_domains) for s in g)]
        merged = [site] + [s for g in sharing for s in g]
        groups = [g for g in groups if g not in sharing] + [sorted(merged, key=sites.index)]
    return sorted(groups, key=lambda group: sites.index(group[0]))


def crawl_in_process(groups: list[list[Site]], options: CrawlOptions, at_once: int, take: Callable[[], int]) -> list[int]:
    """Crawl groups of sites in this process, ``at_once`` groups at a time, taking the next group
    (``groups[take()]``; the groups are shared with other processes) as one finishes; the run ids."""
    process = CrawlerProcess(crawl_settings(options, [site for group in groups for site in group]))
    remaining = (groups[index] for index in takewhile(lambda index: index < len(groups), iter(take, None)))
    run_ids: list[int] = []

    def start_next(result: object = None) -> object:
        """Start the next group that has a site to crawl (sites locked elsewhere get a ``locked`` run)."""
        for group in remaining:
            locks, locked_run_ids = _lock_sites(options.db, group)
            run_ids.extend(locked_run_ids)
            crawlers = {s.name: process.create_crawler(process.spider_loader.load(s.family)) for s in group if s.name in locks}
            if crawlers:
                started = [process.crawl(crawlers[s.name], site=s) for s in group if s.name in crawlers]
                DeferredList(started).addBoth(group_done, list(crawlers.values()), locks)
                break
        return result

    def group_done(result: object, crawlers: list[Crawler], locks: dict[str, SiteLock]) -> object:
        for lock in locks.values():
            lock.release()
        run_ids.extend(c.stats.get_value("govcrawl/run_id") for c in crawlers if c.stats.get_value("govcrawl/run_id"))
        return start_next(result)

    for _ in range(at_once):
        start_next()
    with guarded(options.db, process.stop) as guard:
        if process.crawlers:
            process.start()
    if guard.problem is not None:
        raise guard.problem
    return run_ids


def crawl_settings(options: CrawlOptions, sites: list[Site]) -> Settings:
    """The project's Scrapy settings with the run's options and the sites' politeness."""
    settings = project_settings()
    settings.setdict(config_settings(options.db, options.contact_url))
    settings.set("GOVCRAWL_PROGRESS", options.progress)
    settings.set("LOG_LEVEL", options.log_level)
    settings.set("LOG_FORMAT", LOG_FORMAT)
    settings.set("GOVCRAWL_REFRESH", options.refresh)
    settings.set("GOVCRAWL_SINCE", options.since)
    settings.set("GOVCRAWL_FRONTIER_RESUME", options.resume)
    # Politeness of the chosen sites, those of a --sites file too (settings.py reads no sites file).
    settings.set("DOWNLOAD_SLOTS", download_slots({site.name: site for site in sites}), priority="cmdline")
    if options.log_file:
        settings.set("LOG_FILE", str(options.log_file))
    if options.replay_url:
        # Recorded sites on localhost need no politeness delays.
        settings.set("GOVCRAWL_REPLAY_URL", options.replay_url)
        settings.set("DOWNLOAD_DELAY", 0)
        settings.set("DOWNLOAD_SLOTS", {}, priority="cmdline")
        settings.set("AUTOTHROTTLE_ENABLED", False)
    settings.setdict(options.settings, priority="cmdline")
    return settings


def close_dead_runs(store: Store, db: Path) -> int:
    """Mark ``interrupted`` the runs left ``running`` by processes that are gone: those of sites
    whose lock nobody holds (a live crawl holds its sites' locks). How many there were."""
    closed = 0
    for site in store.running_sites():
        try:
            with SiteLock(db, site):
                closed += store.interrupt_runs(site)
        except SiteLocked:
            continue
    return closed


def _lock_sites(db: Path, sites: list[Site]) -> tuple[dict[str, SiteLock], list[int]]:
    """Lock the sites; record a ``locked`` run (its stats hold the message) for each site held
    by another process."""
    locks, refused = lock_sites(db, [site.name for site in sites])
    if not refused:
        return locks, []
    store = Store(db)
    try:
        return locks, [store.record_locked_run(held.site, str(held)) for held in refused]
    finally:
        store.close()
