"""Re-run extraction, cleaning, metadata and dedup over stored raw pages with the current code.

No network: each stored page's bytes are decoded again (crawler/extract/decoding.py), read by the
site's page type (``crawler.extract.stages.process_page``) and saved with ``Store.save_page``
(which fingerprints the drafts, re-files changed copies and stamps them with the current
`STAGE_VERSIONS`). With ``outdated_only``, a page whose copies only the metadata or dedup stage
of an older version made is not extracted again: its stored copies are read back as drafts
and go through the stages that changed. Older versions of a URL are reprocessed before newer
ones and stay ``superseded``. The report counts documents whose text or fields differ afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from crawler.extract.decoding import NotHtml, decode_html
from crawler.extract.metadata import enrich
from crawler.extract.stages import process_page
from crawler.sites import Site
from crawler.store.db import Store
from crawler.store.rows import REPORT_FIELDS, VERSION_COLUMNS, RawPage, SaveResult
from crawler.store.versions import STAGE_VERSIONS

DOCUMENT_FIELDS = ("title", "text", "published_on", "merged_into", *REPORT_FIELDS)
"""What makes a document "changed" by reprocessing."""


@dataclass
class ReprocessReport:
    """What reprocessing did."""

    pages: int = 0
    copies_changed: int = 0
    """Copies whose text moved to another fingerprint (``SaveResult.new`` + ``duplicate``)."""
    documents_changed: int = 0
    """Documents (existing before) whose text or fields differ afterwards."""
    documents_new: int = 0
    documents_emptied: int = 0
    """Documents left without any copy (their pages now yield another document, or none)."""
    errors: list[str] = field(default_factory=list)


def reprocess(
    store: Store, sites: dict[str, Site], site: str | None = None, outdated_only: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ReprocessReport:
    """Reprocess the stored pages (of ``site``; only those with copies of another extractor
    version when ``outdated_only``), oldest fetch first; ``sites`` give each page its page type."""
    report = ReprocessReport()
    before = document_states(store)
    for page_id, (page, run_id) in stored_pages(store, site, outdated_only):
        stages = store.outdated_stages(page_id, STAGE_VERSIONS) if outdated_only else list(VERSION_COLUMNS)
        try:
            result = _reprocess_page(store, page_id, page, run_id, sites.get(page.site), stages)
        except NotHtml as problem:
            report.errors.append(f"{page.url}: {problem}")
            continue
        report.pages += 1
        report.copies_changed += result.new + result.duplicate
        if progress:
            progress(report.pages)
    after = document_states(store)
    report.documents_changed = sum(1 for d, state in before.items() if state is not None and after.get(d) != state)
    report.documents_new = sum(1 for d in after if d not in before and after[d] is not None)
    report.documents_emptied = sum(1 for d, state in before.items() if state is not None and after.get(d) is None)
    return report


def stored_pages(store: Store, site: str | None, outdated_only: bool) -> Iterator[tuple[int, tuple[RawPage, int | None]]]:
    """Stored pages (2xx), oldest fetch first, each with its id and the run that stored it."""
    for page_id in store.stored_page_ids(site, STAGE_VERSIONS if outdated_only else None):
        yield page_id, store.stored_page(page_id)


def _reprocess_page(
    store: Store, page_id: int, page: RawPage, run_id: int | None, site: Site | None, stages: list[str],
) -> SaveResult:
    """The page through the stages that changed: all of them when the page types or the clean
    stage did; else its stored copies through metadata (when it changed) and dedup."""
    if "extract" in stages or "clean" in stages:
        page.encoding, html = decode_html(page.body, page.header("content-type"))
        drafts = process_page(page.url, html, site.page_type if site else None)
    else:
        drafts = store.page_drafts(page_id, page.url, report_fields="metadata" not in stages)
        drafts = [enrich(draft) for draft in drafts] if "metadata" in stages else drafts
    return store.save_page(page, drafts, run_id, STAGE_VERSIONS)


def document_states(store: Store) -> dict[int, str | None]:
    """Each document's id → a hash of its fields (None when it has no copy left)."""
    return store.document_states(DOCUMENT_FIELDS)
