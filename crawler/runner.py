"""Run family spiders for configured sites in this process (what `govcrawl crawl` does)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from crawler.sites import Site
from spiders.base import SiteSpider

LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


@dataclass
class CrawlOptions:
    """Per-run choices of a crawl."""

    db: Path
    replay_url: str | None = None
    """Serve requests from the replay server at this URL instead of the network."""
    progress: bool = False
    log_level: str = "WARNING"


def spider_class(family: str) -> type[SiteSpider]:
    """The spider of a site family."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    return SpiderLoader.from_settings(get_project_settings()).load(family)


def crawl_sites(sites: list[Site], options: CrawlOptions) -> list[int]:
    """Crawl the sites (concurrently, each with its family's spider); return their run ids."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    settings.set("GOVCRAWL_DB", str(options.db))
    settings.set("GOVCRAWL_PROGRESS", options.progress)
    settings.set("LOG_LEVEL", options.log_level)
    settings.set("LOG_FORMAT", LOG_FORMAT)
    if options.replay_url:
        # Recorded sites on localhost need no politeness delays.
        settings.set("GOVCRAWL_REPLAY_URL", options.replay_url)
        settings.set("DOWNLOAD_DELAY", 0)
        settings.set("DOWNLOAD_SLOTS", {})
        settings.set("AUTOTHROTTLE_ENABLED", False)
    process = CrawlerProcess(settings)
    crawlers = []
    for site in sites:
        crawler = process.create_crawler(process.spider_loader.load(site.family))
        process.crawl(crawler, site=site)
        crawlers.append(crawler)
    process.start()
    return [c.stats.get_value("govcrawl/run_id") for c in crawlers if c.stats.get_value("govcrawl/run_id")]
