"""The crawl settings of the fault-injection suite: govcrawl's own, with slow behaviours bounded
so the suite runs in well under a minute (``SCRAPY_SETTINGS_MODULE=fault_settings``)."""

from crawler.crawl.settings import *  # noqa: F403

DOWNLOAD_TIMEOUT = 3  # the stalled page answers after 10 s (a loaded machine needs more than 1 s for a 1 MB page)
RETRY_TIMES = 1
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # the gzip bomb sitemap unpacks to 64 MB
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
GOVCRAWL_RETRY_AFTER_MAX = 30  # the deferred site asks for 7200 s
GOVCRAWL_SITEMAP_MAX_COUNT = 10  # the wide index lists 30
