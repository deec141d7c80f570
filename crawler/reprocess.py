"""Re-run extraction, cleaning, metadata and dedup over stored raw pages with the current code.

No network: each stored page's bytes are decoded again (crawler/encoding.py), read by the
site's page type (``crawler.process.process_page``), fingerprinted and saved with
``Store.save_page`` (which re-files changed copies and stamps them with the current
``EXTRACTOR_VERSION``). Older versions of a URL are reprocessed before newer ones and stay
``superseded``. The report counts documents whose text or fields differ afterwards.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from crawler import dedup
from crawler.encoding import NotHtml, decode_html
from crawler.pages import EXTRACTOR_VERSION
from crawler.process import process_page
from crawler.sites import Site, load_sites
from crawler.store import REPORT_FIELDS, RawPage, Store

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
    store: Store, site: str | None = None, outdated_only: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ReprocessReport:
    """Reprocess the stored pages (of ``site``; only those with copies of another extractor
    version when ``outdated_only``), oldest fetch first."""
    sites = load_sites()
    report = ReprocessReport()
    before = document_states(store)
    for row in stored_pages(store, site, outdated_only):
        try:
            result = _reprocess_page(store, row, sites.get(row["site"]))
        except NotHtml as problem:
            report.errors.append(f"{row['url']}: {problem}")
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


def stored_pages(store: Store, site: str | None, outdated_only: bool) -> Iterator[dict[str, Any]]:
    """Stored pages (2xx), oldest fetch first: every column ``save_page`` needs again."""
    where = ["p.status between 200 and 299"]
    params: list[Any] = []
    if site:
        where.append("p.site = ?")
        params.append(site)
    if outdated_only:
        where.append("exists (select 1 from copies c where c.page_id = p.id and c.extractor_version is not ?)")
        params.append(EXTRACTOR_VERSION)
    sql = f"select p.id from pages p where {' and '.join(where)} order by p.fetched_at, p.id"
    for (page_id,) in store.db.execute(sql, params).fetchall():
        yield dict(store.db["pages"].get(page_id))


def _reprocess_page(store: Store, row: dict[str, Any], site: Site | None) -> Any:
    headers: dict[str, str] = json.loads(row["headers"] or "{}")
    body = store.page_body(row["id"])
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
    encoding, html = decode_html(body, content_type)
    drafts = process_page(row["url"], html, site.page_type if site else None)
    raw = RawPage(
        url=row["url"], site=row["site"], status=row["status"], headers=headers, body=body,
        sha1=row["sha1"] or hashlib.sha1(body).hexdigest(), encoding=encoding, fetched_at=row["fetched_at"],
        final_url=row["final_url"], site_kind=row["site_kind"],
    )
    fingerprints = [dedup.fingerprint(draft.text) for draft in drafts]
    return store.save_page(raw, drafts, row["run_id"], EXTRACTOR_VERSION, fingerprints)


def document_states(store: Store) -> dict[int, str | None]:
    """Each document's id → a hash of its fields (None when it has no copy left)."""
    columns = ", ".join(f"[{name}]" for name in DOCUMENT_FIELDS)
    states = {}
    for row in store.db.execute(f"select id, best_copy_id, {columns} from documents"):
        states[row[0]] = None if row[1] is None else hashlib.sha1(json.dumps(row[2:], default=str).encode()).hexdigest()
    return states
