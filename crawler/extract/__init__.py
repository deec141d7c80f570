"""Extraction, pure: page bytes in, drafts out (decoding, gates, page types, clean, metadata).

Imports no Scrapy and no SQLite, so the crawl, ``govcrawl extract``, ``ingest`` and
``reprocess`` all run the same code.
"""
