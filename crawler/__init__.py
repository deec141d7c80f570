"""govcrawl: crawl, clean, deduplicate and store Chinese government work reports."""

__version__ = "0.1.0"
