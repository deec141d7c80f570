"""The stages of extraction, in order, and page → finished drafts outside a crawl
(`govcrawl extract`, ingest, reprocess, the fixture tests).

A crawl runs the same stages as separate pipelines: ``crawler.crawl.settings`` orders the
draft pipelines by `DRAFT_STAGES`, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable

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


DRAFT_STAGES: tuple[tuple[str, Callable[[Draft], Draft]], ...] = (("clean", clean_draft), ("metadata", enrich))
"""What happens to each draft a page type made, in order; in a crawl, ``pipelines/<name>.py``'s ``<Name>Pipeline``."""


def finish_draft(draft: Draft) -> Draft:
    """A page type's draft through every stage of `DRAFT_STAGES`."""
    for _, stage in DRAFT_STAGES:
        draft = stage(draft)
    return draft


def process_page(url: str, html: str, hint: str | None = None) -> list[Draft]:
    """Documents on a decoded page: the page type's drafts, each finished by `DRAFT_STAGES`."""
    return [finish_draft(draft) for draft in extract_drafts(url, html, hint)]
