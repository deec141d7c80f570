"""The crawl: everything that imports Scrapy (settings, middlewares, spider base, runner)."""
