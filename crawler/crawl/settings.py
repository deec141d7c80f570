"""Scrapy settings of govcrawl. Per-site politeness comes from crawler/sites.toml; the database
and the contact URL from the user's configuration (crawler/config.py: GOVCRAWL_DB, config.toml),
which this module never reads: importing it does no I/O. Whoever has read the configuration
sets what it decides with `config_settings`: the runner, from what the CLI read once, and
crawler/crawl/project.py, the settings module of ``scrapy crawl`` (scrapy.cfg)."""

from __future__ import annotations

from pathlib import Path

from crawler import __version__
from crawler.extract.stages import DRAFT_STAGES

BOT_NAME = "govcrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- politeness ----------------------------------------------------------------------
GOVCRAWL_CONTACT_URL = "https://github.com/govcrawl/govcrawl"  # without a contact_url in config.toml


def user_agent(contact_url: str) -> str:
    """The honest User-Agent of every request: govcrawl, its version, where to reach whoever runs it."""
    return f"govcrawl/{__version__} (+{contact_url}; research crawler of government work reports)"


def config_settings(db: Path, contact_url: str | None) -> dict[str, str]:
    """The settings the user's configuration decides: the database, the contact URL and the
    User-Agent naming it."""
    contact = contact_url or GOVCRAWL_CONTACT_URL
    return {"GOVCRAWL_DB": str(db), "GOVCRAWL_CONTACT_URL": contact, "USER_AGENT": user_agent(contact)}


USER_AGENT = user_agent(GOVCRAWL_CONTACT_URL)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
# DOWNLOAD_SLOTS (per-site delay and concurrency) come from the sites crawled: crawler/crawl/runner.py,
# or the spider's own site under `scrapy crawl` (SiteSpider.from_crawler); no sites file is read here.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
COOKIES_ENABLED = True
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
# No telnet console: each crawl process (and --jobs worker) would bind one of ports 6023-6073; with
# them taken by other crawls on the machine, Scrapy logs a traceback (seen in tests/crawl/test_resume.py).
TELNETCONSOLE_ENABLED = False
LOG_FORMATTER = "crawler.crawl.logs.PageLogFormatter"  # a page in a log line is its URL, never its body

# --- components ----------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,  # compares hosts only
    "crawler.crawl.politeness.OriginMiddleware": 50,  # in its place: scheme, host and port
    "crawler.crawl.politeness.RetryAfterMiddleware": 560,  # sees 429/503 before RetryMiddleware (550)
    "crawler.crawl.politeness.RedirectLoopMiddleware": 610,  # sees 3xx before RedirectMiddleware (600)
    "crawler.crawl.middlewares.GateMiddleware": 650,  # sees responses after CookiesMiddleware (700)
    "crawler.crawl.middlewares.DecodingMiddleware": 660,  # decodes once, for the gate (650) and the store
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.crawl.robots.RobotsTxtMiddleware": 100,  # Scrapy's place for it; every waiting request gets the parser
    "crawler.crawl.middlewares.ReplayMiddleware": 700,  # before HttpProxyMiddleware (750)
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
    "crawler.crawl.middlewares.OfflineCookiesMiddleware": 700,  # Scrapy's, with tldextract's bundled suffix list
    "crawler.crawl.middlewares.ConditionalRequestMiddleware": 580,  # sees 304s after Gate (650), Redirect (600)
}
SPIDER_MIDDLEWARES = {
    "crawler.crawl.budget.RequestBudgetMiddleware": 78,  # inside the frontier (75): what it drops is never recorded
    "crawler.crawl.revisit.RevisitMiddleware": 80,  # inside the frontier (75): it records the revisits
    "crawler.crawl.middlewares.CanonicalUrlMiddleware": 600,
    "crawler.crawl.frontier.FrontierMiddleware": 75,  # outermost but HttpError (50): sees requests as scheduled
}
ITEM_PIPELINES = {
    "pipelines.raw.RawPagePipeline": 100,
    "pipelines.extract.ExtractPipeline": 200,
    # clean 300, metadata 400: the draft stages in the order of crawler.extract.stages.DRAFT_STAGES
    **{f"pipelines.{name}.{name.capitalize()}Pipeline": 300 + 100 * index for index, (name, _) in enumerate(DRAFT_STAGES)},
    "pipelines.dedup.DedupPipeline": 500,
    "pipelines.store.StorePipeline": 900,
    "pipelines.frontier.FrontierPipeline": 950,  # marks the page done in the frontier once stored
    "pipelines.feed.FeedPipeline": 1000,  # feed exports (-o) get the documents, not the raw page
}
EXTENSIONS = {
    "crawler.crawl.progress.Progress": 500,
}

# --- govcrawl --------------------------------------------------------------------------
# GOVCRAWL_DB: the runner's --db, or config.toml / GOVCRAWL_DB through crawler/crawl/project.py.
GOVCRAWL_STORE_ENABLED = True
# Writes are committed in batches (crawler/crawl/storage.py): once this many wait, or this many seconds after the first.
GOVCRAWL_WRITE_BATCH = 100
GOVCRAWL_WRITE_SECONDS = 0.1
# Fetch from a replay server of recorded sites (crawler/tools/replay.py) instead of the network.
GOVCRAWL_REPLAY_URL = None
# Progress on stderr (crawler/crawl/progress.py): "live" (a board, on a terminal), "plain" (a line
# per site every interval) or False (off: Scrapy's own LogStats). `govcrawl crawl` chooses.
GOVCRAWL_PROGRESS = False
GOVCRAWL_PROGRESS_INTERVAL = 1.0  # live board refresh, seconds
GOVCRAWL_PROGRESS_PLAIN_INTERVAL = 30.0  # seconds between plain progress lines (cron, logs)
# Persist every scheduled request in the database's frontier table; resume a killed run's (crawler/crawl/frontier.py).
GOVCRAWL_FRONTIER_ENABLED = True
GOVCRAWL_FRONTIER_RESUME = True
# Requests taken from one page, and made in one run of a site (crawler/crawl/budget.py); 0: no bound.
GOVCRAWL_MAX_LINKS_PER_PAGE = 5000
GOVCRAWL_MAX_REQUESTS_PER_RUN = 100_000
# Ask again, conditionally, for stored report pages the per-site schedule makes due (crawler/crawl/revisit.py).
GOVCRAWL_REVISIT = True
# Wait as long as a 429/503 answer's Retry-After asks, up to this many seconds; a longer wait defers the
# site to the next run (crawler/crawl/politeness.py).
GOVCRAWL_RETRY_AFTER_MAX = 600
# Sitemaps (spiders/generic.py): levels of sitemap indexes followed, and sitemaps fetched per site and run.
# A gzipped sitemap is unpacked up to DOWNLOAD_MAXSIZE.
GOVCRAWL_SITEMAP_MAX_DEPTH = 3
GOVCRAWL_SITEMAP_MAX_COUNT = 200
