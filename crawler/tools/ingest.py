"""Saved pages and WARC captures → the store, through the crawl's own stages (no network).

``govcrawl ingest`` runs each page as the crawl would: decode (crawler/extract/decoding.py) → page
type, clean, metadata (``crawler.extract.stages.process_page``) → dedup fingerprints → one store
transaction. A page's site is the configured site whose domains hold its host, else the host
itself with kind ``mirror``.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from crawler.extract.decoding import NotHtml
from crawler.extract.reports import is_report_title
from crawler.extract.stages import process_page, read_page
from crawler.sites import Site, UnknownSite
from crawler.store.db import Store
from crawler.store.rows import RawPage, SaveResult, utc_now
from crawler.store.versions import STAGE_VERSIONS

WARC_SUFFIXES = (".warc", ".warc.gz")
LIST_PAGE_LINKS = 2
LIST_PAGE_TEXT = 1500
"""A page listing this many report links, whose documents hold fewer characters than this, is a
list page (a column, an index), not a report: the crawl reads such pages for links only.
A report page with a sidebar of earlier reports still holds the report's long text."""
UNKNOWN_SITE_KIND = "mirror"


class BadCapture(ValueError):
    """A file that cannot be read as a saved page or a WARC file."""


@dataclass
class Capture:
    """One page out of a file: what the crawl would have fetched."""

    url: str
    body: bytes
    fetched_at: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    archived: bool = False
    """From a WARC file: one record among many, some of them not reports (styles, list pages)."""


@dataclass
class IngestReport:
    """What ingesting some files did."""

    pages: int = 0
    new: int = 0
    duplicate: int = 0
    unchanged: int = 0
    ignored: int = 0
    """WARC records that are not report pages (not HTML, not 2xx, no document found)."""
    errors: list[str] = field(default_factory=list)
    """One line per file (or saved page) that could not be ingested, and why."""


def site_for(url: str, sites: dict[str, Site]) -> tuple[str, str]:
    """(site name, kind) of a URL: the configured site holding its host, else (host, mirror)."""
    host = (urlsplit(url).hostname or "").lower()
    for site in sites.values():
        if site.holds(url):
            return site.name, site.kind
    return host or "local", UNKNOWN_SITE_KIND


def captures(path: Path, url: str | None = None) -> Iterator[Capture]:
    """The pages in a file: every response record of a WARC, or the one saved HTML page."""
    if path.name.lower().endswith(WARC_SUFFIXES):
        yield from warc_captures(path)
        return
    try:
        body = path.read_bytes()
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0).isoformat()
    except OSError as problem:
        raise BadCapture(problem.strerror or str(problem)) from None
    yield Capture(url or path.resolve().as_uri(), body, mtime)


def warc_captures(path: Path) -> Iterator[Capture]:
    """Response records of a WARC file, with their target URI and WARC-Date; a damaged or
    cut-off file raises `BadCapture` (warcio's own warnings on stderr are kept off the terminal)."""
    try:
        stream = path.open("rb")
    except OSError as problem:
        raise BadCapture(problem.strerror or str(problem)) from None
    with stream:
        records = ArchiveIterator(stream)
        while True:
            with contextlib.redirect_stderr(io.StringIO()) as warnings:
                record, capture = _next_capture(records)
            if warnings.getvalue() or records.err_count:
                raise BadCapture("damaged WARC file: a record's length does not match its content")
            if record is None:
                return
            if capture is not None:
                yield capture


def _next_capture(records: ArchiveIterator) -> tuple[Any, Capture | None]:
    """The next record, and the page in it when it is an HTTP response."""
    try:
        record = next(records, None)
        if record is None or record.rec_type != "response" or record.http_headers is None:
            return record, None
        url = record.rec_headers.get_header("WARC-Target-URI")
        body = record.content_stream().read()
    except Exception as problem:  # noqa: BLE001 - warcio fails in many ways on damaged input
        raise BadCapture(f"not a readable WARC file ({type(problem).__name__})") from None
    if record.raw_stream.limit > 0:
        raise BadCapture(f"the record of {url} is cut short")
    return record, Capture(
        url=url, body=body, fetched_at=_iso(record.rec_headers.get_header("WARC-Date")),
        status=int(record.http_headers.get_statuscode() or 0), headers=dict(record.http_headers.headers),
        archived=True,
    )


def _iso(warc_date: str | None) -> str:
    """WARC-Date (``2021-03-01T08:00:00Z``) as the store's ISO 8601 UTC timestamp."""
    if not warc_date:
        return utc_now()
    return datetime.fromisoformat(warc_date.replace("Z", "+00:00")).astimezone(UTC).replace(microsecond=0).isoformat()


def ingest_capture(
    store: Store, capture: Capture, run_id: int | None, site: Site | None, sites: dict[str, Site],
) -> SaveResult:
    """Run one page through decode → extract → clean → metadata → dedup → store; without
    ``site``, the page's site is found among ``sites``."""
    if not 200 <= capture.status < 300:
        raise BadCapture(f"HTTP status {capture.status}")
    name, kind = (site.name, site.kind) if site else site_for(capture.url, sites)
    page = RawPage(url=capture.url, site=name, status=capture.status, headers=capture.headers, body=capture.body,
                   encoding=None, fetched_at=capture.fetched_at, site_kind=kind)
    try:
        # status None: a saved status says nothing about the body, judge the page by what it holds
        page.encoding, html = read_page(page.body, page.header("content-type"), None)
    except NotHtml as problem:
        raise BadCapture(str(problem)) from None
    site = site or next((s for s in sites.values() if s.holds(page.url)), None)
    drafts = process_page(page.url, html, site.page_type if site else None)
    if not drafts:
        raise BadCapture("no document found on the page")
    listed = list_page_links(page.url, html, site)
    if len(listed) >= LIST_PAGE_LINKS and sum(len(d.text) for d in drafts) < LIST_PAGE_TEXT:
        raise BadCapture(f"a list page ({len(listed)} report links), not a document")
    return store.save_page(page, drafts, run_id, STAGE_VERSIONS)


def list_page_links(url: str, html: str, site: Site | None) -> set[str]:
    """Report links the page lists, read as the crawl reads list pages: by the site's family
    spider (JCMS keeps its records in a script), and by the page's own anchors."""
    from crawler.crawl.listing import page_links
    from crawler.crawl.runner import spider_class

    keywords = site.report_keywords if site else ("政府工作报告",)
    links = [(link.url, link.title) for link in page_links(html, url)]
    if site is not None:
        with contextlib.suppress(NotImplementedError, KeyError):
            links += spider_class(site.family).list_links(url, html)
    return {link for link, title in links if is_report_title(title, keywords)}


def ingest_files(
    store: Store, paths: list[Path], sites: dict[str, Site], url: str | None = None, site_name: str | None = None,
) -> IngestReport:
    """Ingest saved pages and WARC files; bad pages and files are skipped and reported.
    ``sites``: the configured sites (``site_name`` must be one of them)."""
    if site_name and site_name not in sites:
        raise UnknownSite(site_name)
    site = sites[site_name] if site_name else None
    report = IngestReport()
    run_id = store.start_run(site_name or "ingest", "ingest")
    for path in paths:
        try:
            for capture in captures(path, url):
                _ingest_one(store, capture, run_id, site, sites, report, path)
        except BadCapture as problem:
            report.errors.append(f"{path}: {problem}")
    store.finish_run(run_id, "failed" if report.errors else "finished",
                     {"pages": report.pages, "new": report.new, "duplicate": report.duplicate,
                      "unchanged": report.unchanged, "ignored": report.ignored, "errors": report.errors})
    return report


def _ingest_one(
    store: Store, capture: Capture, run_id: int, site: Site | None, sites: dict[str, Site],
    report: IngestReport, path: Path,
) -> None:
    try:
        result = ingest_capture(store, capture, run_id, site, sites)
    except BadCapture as problem:
        if capture.archived:
            report.ignored += 1
        else:
            report.errors.append(f"{path}: {problem}")
        return
    report.pages += 1
    for outcome in ("new", "duplicate", "unchanged"):
        setattr(report, outcome, getattr(report, outcome) + getattr(result, outcome))
