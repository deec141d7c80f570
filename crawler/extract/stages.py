"""Page → finished drafts outside a crawl (`govcrawl extract`, ingest, reprocess).

A crawl runs the same stages as separate pipelines; this composes them in the same order.
"""

from __future__ import annotations

from crawler.extract.clean import clean_draft
from crawler.extract.decoding import NotHtml, decode_html
from crawler.extract.gates import page_gate
from crawler.extract.items import Draft
from crawler.extract.metadata import enrich
from crawler.extract.pages.registry import extract_drafts


def read_page(body: bytes, content_type: str | None = None, status: int | None = None) -> tuple[str, str]:
    """(encoding, html) of a saved page; `NotHtml` for what is no page to extract: empty,
    binary or undecodable bodies, and pages that are not documents (crawler/extract/gates.py:
    challenges, login portals, busy pages, soft 404s, JS-only shells)."""
    gate = page_gate(body, status, content_type)
    if gate:
        raise NotHtml(f"not a document: {gate.reason}")
    return decode_html(body, content_type)


def process_page(url: str, html: str, hint: str | None = None) -> list[Draft]:
    """Documents on a decoded page: page type → clean → metadata (the crawl's pipeline order)."""
    return [enrich(clean_draft(draft)) for draft in extract_drafts(url, html, hint)]
