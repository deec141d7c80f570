"""Downloader and spider middlewares of govcrawl."""

from __future__ import annotations

import codecs
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.downloadermiddlewares.cookies import CookiesMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.httpobj import urlparse_cached
from tldextract import TLDExtract

from crawler.extract.decoding import NotHtml, decode_html
from crawler.extract.gates import page_gate
from crawler.urls import canonical_url

if TYPE_CHECKING:
    from http.cookiejar import Cookie

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.http.cookies import CookieJar
    from scrapy.statscollectors import StatsCollector

    from crawler.store.db import Store

logger = logging.getLogger(__name__)


class ReplayMiddleware:
    """Send every request through the replay server (``GOVCRAWL_REPLAY_URL``) as its proxy.

    Spiders keep the real sites' URLs; the server answers from its recordings, and with
    421 for hosts it has none of, so a replayed crawl never touches the network.
    """

    def __init__(self, replay_url: str) -> None:
        self.replay_url = replay_url

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayMiddleware:
        replay_url = crawler.settings.get("GOVCRAWL_REPLAY_URL")
        if not replay_url:
            raise NotConfigured
        return cls(replay_url)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        request.meta["proxy"] = self.replay_url


class Skipped(IgnoreRequest):
    """A request ended by a policy and counted where that was decided: no fetch error (the
    spiders' errback passes over these)."""


class NotADocument(Skipped):
    """The answer is a page that is not a document (crawler/extract/gates.py)."""


class GateMiddleware:
    """Keep pages that are not documents (crawler/extract/gates.py) from the spiders and the store.

    A challenge a cookie round-trip may pass is asked again once, carrying the cookies it set
    (this runs after the cookies middleware, 700, has read them: lower priority number). What
    still is no document ends as `NotADocument`: counted as ``govcrawl/gate/<kind>``, logged in
    one line, never stored, so its URL stays unknown and the next run asks for it again.
    Challenges, login walls and busy pages also count as ``govcrawl/blocked``: a run that
    stored nothing because of them ends ``blocked``.
    """

    RETRIED = "govcrawl_gate_retried"
    BLOCKING = frozenset({"challenge", "login", "busy"})

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GateMiddleware:
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Request | Response:
        cookies = b"; ".join(response.headers.getlist(b"Set-Cookie")).decode("latin-1")
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or None
        decoded = request.meta.get(DECODED)
        gate = page_gate(response.body, response.status, content_type, cookies, page=decoded[1] if decoded else None)
        if gate is None:
            return response
        if gate.cookie_retry and not request.meta.get(self.RETRIED):
            self.stats.inc_value("govcrawl/gate/cookie_retries")
            logger.info("%s answered with an %s; asking again with its cookies", request.url, gate.reason)
            meta = {key: value for key, value in request.meta.items() if key != DECODED}
            return request.replace(dont_filter=True, meta={**meta, self.RETRIED: True})
        self.stats.inc_value(f"govcrawl/gate/{gate.kind}")
        if gate.kind in self.BLOCKING:
            self.stats.inc_value("govcrawl/blocked")
            self.stats.inc_value(f"govcrawl/blocked/{gate.kind}")
        logger.warning("not a document: %s: %s", request.url, gate.reason)
        raise NotADocument(f"{request.url}: {gate.reason}")


DECODED = "_govcrawl_decoded"
"""Response meta key: ``(encoding, text)`` of the body as `decode_html` read it (set by
`DecodingMiddleware`): the gate, the spiders and the raw pipeline use it instead of decoding again."""


class DecodingMiddleware:
    """Decode each HTML response once, with crawler/extract/decoding.py, and make ``response.text`` that text.

    Scrapy trusts the header's charset: a GBK list page labelled utf-8 reads as mojibake, its
    report links lose their titles, and the site seems to list no report. The decoded text
    travels in ``response.meta`` (`DECODED`) to the gate, the page item and the raw pipeline. Pages
    that are not HTML, or that decoding refuses, are left to Scrapy (and the raw pipeline refuses them)."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        request.meta.pop(DECODED, None)  # a redirect's or a retried answer's
        if not isinstance(response, HtmlResponse):
            return response
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or None
        try:
            encoding, text = decode_html(response.body, content_type)
        except NotHtml:
            return response
        request.meta[DECODED] = (encoding, text)  # the response's meta, once it reaches the spider
        return response if codecs.lookup(response.encoding).name == encoding else response.replace(encoding=encoding)


class OfflineCookiesMiddleware(CookiesMiddleware):
    """Scrapy's cookies middleware, telling public suffixes (``gov.cn``) from domains with the
    suffix list bundled with tldextract: Scrapy's own asks tldextract to download the list on
    first use, a network fetch in every replayed crawl and test (and ~185 lines of tracebacks
    without a network). The bundled snapshot is as good for choosing cookie domains."""

    _suffixes = TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)

    def _process_cookies(self, cookies: Iterable[Cookie], *, jar: CookieJar, request: Request) -> None:
        """Scrapy's rule: a cookie set for a public suffix is kept for the request's host only."""
        hostname = urlparse_cached(request).hostname
        for cookie in cookies:
            if hostname is None:
                continue
            cookie_domain = cookie.domain.removeprefix(".")
            if cookie_domain and not self._suffixes(cookie_domain).domain:
                if cookie_domain != hostname.lower():
                    continue
                cookie.domain = hostname.lower()
            jar.set_cookie_if_ok(cookie, request)


class CanonicalUrlMiddleware(BaseSpiderMiddleware):
    """Rewrite every request a spider yields to its canonical URL (``crawler/urls.py``).

    The duplicate filter then sees one URL per page (session ids, query order and
    fragments no longer make copies), so a page is fetched once per run and stored once.
    The spider's site says which further parameters to drop (``drop_params``).
    """

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        site = getattr(self.crawler.spider, "site", None)
        canonical = canonical_url(request.url, site.drop_params if site else ())
        if canonical == request.url:
            return request
        self.crawler.stats.inc_value("govcrawl/urls/canonicalised")
        return request.replace(url=canonical)


class NotModified(Skipped):
    """The server answered a conditional request with 304: the stored version is current."""


class ConditionalRequestMiddleware:
    """Ask for stored pages conditionally; a 304 ends the request as `NotModified`.

    A GET for a URL the store holds carries the latest stored version's ETag
    (``If-None-Match``) and Last-Modified (``If-Modified-Since``). A 304 answer is counted
    as ``govcrawl/pages/not_modified`` and goes no further: no extraction, no write (the
    spiders' errback ignores `NotModified`). It reads the process's store (crawler/crawl/storage.py);
    the URLs confirmed by a 304 get their ``checked_at`` in one write at the end (the revisit
    schedule counts from it, crawler/crawl/revisit.py).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.store: Store | None = None
        self.confirmed: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        settings = crawler.settings
        if not settings.getbool("GOVCRAWL_STORE_ENABLED") or not settings.getbool("GOVCRAWL_CONDITIONAL", True):
            raise NotConfigured
        obj = cls(crawler)
        crawler.signals.connect(obj.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(obj.spider_closed, signal=signals.spider_closed)
        return obj

    def spider_opened(self) -> None:
        from crawler.crawl.storage import StoreSession

        self.store = StoreSession.of(self.crawler).store

    def spider_closed(self) -> None:
        if self.store is None:
            return
        if self.confirmed:
            from crawler.store.rows import utc_now

            self.store.mark_checked(self.confirmed, utc_now())
        self.store = None

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if self.store is None or request.method != "GET" or b"If-None-Match" in request.headers:
            return
        etag, last_modified = self.store.validators(request.url)
        if etag:
            request.headers[b"If-None-Match"] = etag
        if last_modified:
            request.headers[b"If-Modified-Since"] = last_modified
        if etag or last_modified:
            request.meta["govcrawl_conditional"] = True

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if response.status == 304 and request.meta.get("govcrawl_conditional"):
            self.stats.inc_value("govcrawl/pages/not_modified")
            self.confirmed.append(request.url)
            raise NotModified(f"{request.url}: not modified since the stored version")
        return response
