"""`govcrawl check`: does a site's template still parse? One list page, one report page.

Fetches the site's first start URL and the first report it lists, then says for each
thing the crawl relies on — list items, the page type recognising the page, title, body,
date — whether it was found, naming the page type's selectors when it was not. The tool a
user runs when a site changed its template.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

from crawler import __version__
from crawler.extract.decoding import NotHtml, decode_html
from crawler.extract.gates import page_gate
from crawler.extract.pages.base import Document
from crawler.extract.pages.registry import PAGE_TYPES, PageType, recognise
from crawler.extract.reports import is_report_title
from crawler.sites import Site
from crawler.tools.replay import replay_opener

USER_AGENT = f"govcrawl/{__version__} check"
FIELDS = {"title": "title", "body": "text", "date": "published"}
"""What check reports → the page-type field (``crawler.extract.pages.base.Document``) it reads."""


@dataclass
class Finding:
    """One thing checked."""

    what: str
    ok: bool
    detail: str
    network: bool = False
    """The page could not be fetched at all (no answer: DNS, refused, timeout), not a site fault."""


class FetchError(Exception):
    """A page could not be fetched (network error, HTTP error, anti-bot wall, not HTML)."""

    def __init__(self, message: str, network: bool = False) -> None:
        super().__init__(message)
        self.network = network
        """No answer came at all: the network (or the host) is down, not the site's template."""


def fetch(url: str, replay_url: str | None = None, timeout: float = 20.0) -> str:
    """The decoded page at ``url`` (through the replay server when given); like the crawl,
    one retry with the cookies an anti-bot wall set."""
    opener = replay_opener(replay_url) if replay_url else urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    for attempt in (1, 2):
        status, headers, body = _get(opener, url, timeout)
        gate = page_gate(body, status, headers.get("Content-Type"), ", ".join(headers.get_all("Set-Cookie") or []))
        if gate is None:
            break
        if not gate.cookie_retry or attempt == 2:
            raise FetchError(f"{url}: answered with a {gate.reason}, not a document")
    if status != 200:
        raise FetchError(f"{url}: HTTP {status}")
    try:
        return decode_html(body, headers.get("Content-Type"))[1]
    except NotHtml as problem:
        raise FetchError(f"{url}: {problem}") from None


def _get(opener: urllib.request.OpenerDirector, url: str, timeout: float) -> tuple[int, Message, bytes]:
    """Status, headers (looked up regardless of case) and body of a GET."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except (urllib.error.URLError, OSError) as error:
        raise FetchError(f"{url}: no answer ({getattr(error, 'reason', error)})", network=True) from None


def check_site(site: Site, list_links, replay_url: str | None = None) -> list[Finding]:
    """Findings for ``site``; ``list_links(url, html)`` is its family spider's list reader."""
    list_url = site.start_urls[0]
    try:
        links = list_links(list_url, fetch(list_url, replay_url))
    except FetchError as problem:
        return [Finding("list page", False, str(problem), problem.network)]
    except NotImplementedError as problem:
        return [Finding("list items", False, str(problem))]
    reports = [(url, title) for url, title in links if is_report_title(title, site.report_keywords)]
    findings = [Finding("list items", bool(links), f"{len(links)} links on {list_url}, {len(reports)} reports by title")]
    if not reports:
        return findings + [Finding("report page", False, "no report link to follow on the list page")]
    url, title = reports[0]
    try:
        html = fetch(url, replay_url)
    except FetchError as problem:
        return findings + [Finding("report page", False, str(problem), problem.network)]
    return findings + [Finding("report page", True, f"{title} {url}")] + check_page(url, html, site.page_type)


def check_page(url: str, html: str, hint: str | None) -> list[Finding]:
    """Whether the page type recognises the page and finds a title, a body and a date on it."""
    page_type = PAGE_TYPES[hint] if hint else recognise(url, html)
    page = page_type(url, html)
    recognised = page_type.matches(url, page.sel) or page_type.name == "generic"
    findings = [Finding("page type", recognised, f"{page_type.name} {'recognises' if recognised else 'does not recognise'} the page")]
    documents = page.documents()
    found = {what: _field(documents[0], field) if documents else None for what, field in FIELDS.items()}
    if found["body"]:
        found["body"] = f"{len(found['body']):,} characters, first line {found['body'].splitlines()[0]}"
    for field, value in found.items():
        findings.append(Finding(field, bool(value), value or f"nothing found; {_selectors(page_type, FIELDS[field])}"))
    return findings


def _field(document: Document, field: str) -> str | None:
    """One field of the page's first document, read on its own, so one failing selector does
    not hide the others."""
    readers: dict[str, Callable[[], str | None]] = {
        "title": document.title, "text": document.text, "published": document.published,
    }
    try:
        return readers[field]() or None
    except (AttributeError, IndexError, TypeError, ValueError):
        return None


def _selectors(page_type: type[PageType], field: str) -> str:
    """The selector constants the page type reads ``field`` with (its ``SELECTORS``)."""
    names = page_type.SELECTORS.get(field, ())
    if not names:
        return f"{page_type.__name__} has no named selector for the {field}"
    return "selectors " + "; ".join(f"{page_type.__name__}.{n} = {getattr(page_type, n)!r}" for n in names)
