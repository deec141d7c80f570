"""The settings module of the Scrapy project (scrapy.cfg), for ``scrapy crawl``, ``scrapy list``
and ``scrapy settings``: govcrawl's settings (crawler/crawl/settings.py) with the user's
configuration applied (config.toml, GOVCRAWL_DB; crawler/config.py).

Scrapy's command-line tool knows a project by its settings module only, so this is the one
module that reads the configuration when imported; nothing of govcrawl imports it. ``govcrawl
crawl`` reads the configuration once in the CLI and the runner passes it down.
"""

from crawler.config import load_config
from crawler.crawl.settings import *  # noqa: F403
from crawler.crawl.settings import config_settings

_CONFIG = load_config()
_CHOSEN = config_settings(_CONFIG.db, _CONFIG.contact_url)
GOVCRAWL_DB = _CHOSEN["GOVCRAWL_DB"]
GOVCRAWL_CONTACT_URL = _CHOSEN["GOVCRAWL_CONTACT_URL"]
USER_AGENT = _CHOSEN["USER_AGENT"]
