"""Page → finished drafts outside a crawl (`govcrawl extract`, ingest, reprocess).

A crawl runs the same stages as separate pipelines; this composes them in the same order.
"""

from __future__ import annotations

from crawler.clean import clean_draft
from crawler.items import Draft
from crawler.metadata import enrich
from crawler.pages import extract_drafts


def process_page(url: str, html: str, hint: str | None = None) -> list[Draft]:
    """Documents on a decoded page: page type → clean → metadata (the crawl's pipeline order)."""
    return [enrich(clean_draft(draft)) for draft in extract_drafts(url, html, hint)]
