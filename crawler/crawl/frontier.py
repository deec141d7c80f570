"""The crawl frontier in SQLite: a killed run's pending requests are resumed by the next run.

A spider middleware (generic: it works for every family spider) records each request the
spider yields, before Scrapy schedules it, as pending in the ``frontier`` table; it marks a
request done once its outcome is safe in the database: for a page with items, after the
store committed them (`pipelines.frontier.FrontierPipeline`, right after the store, sends
``item_stored``; ``item_dropped`` for pages the pipelines refused); for a list page, after its
callback ended, when the requests it yielded are recorded. Scrapy's JOBDIR keeps the scheduler queue
in files written as it goes, which a SIGKILL can leave torn; the frontier is written in
SQLite transactions instead, so every commit survives a hard kill.

On start, a site whose last run did not finish (killed, or stopped by Ctrl-C) has pending
entries: they are requested again, and requests that run had done are not repeated. A run
that finishes deletes the site's entries.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.request import request_from_dict

from crawler.crawl.storage import StoreSession

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

FINGERPRINT = "govcrawl_frontier"
"""Request meta key holding the frontier fingerprint (kept across redirects and retries)."""
TRANSIENT_META = {"download_slot", "download_latency", "proxy", "retry_times", "redirect_times", "redirect_ttl",
                  "redirect_urls", "redirect_reasons", "is_start_request", FINGERPRINT}
"""Request meta the downloader and Scrapy's middlewares set for one attempt: not stored."""
ENCODED = "_govcrawl_frontier_json"
"""Request meta key holding the request's JSON from the moment it is yielded until it is recorded."""
item_stored = object()
"""Signal (sent synchronously, ``item=``) that the store has committed an item."""


class UnpersistableRequest(TypeError):
    """A request carries state the frontier cannot keep as JSON, so a resumed run could not
    rebuild it: a bug of the spider that yielded it (keep ids and strings in meta, not objects)."""


def encode_request(request: Request, spider: Spider) -> str:
    """The request as JSON (``Request.to_dict`` with bytes as text); `UnpersistableRequest` when
    its callback is no spider method or a meta or ``cb_kwargs`` value is not JSON."""
    try:
        data = request.to_dict(spider=spider)
    except ValueError as problem:  # a callback that is not a method of the spider
        raise UnpersistableRequest(f"{request.url}: {problem}") from None
    data["headers"] = {k.decode("latin-1"): [v.decode("latin-1") for v in vs] for k, vs in request.headers.items()}
    data["body"] = base64.b64encode(request.body).decode("ascii")
    data["meta"] = {k: v for k, v in request.meta.items() if k not in TRANSIENT_META and not k.startswith("_")}
    for where in ("meta", "cb_kwargs"):
        for key, value in (data.get(where) or {}).items():
            if not _is_json(value):
                raise UnpersistableRequest(
                    f"{request.url}: {where}[{key!r}] is a {type(value).__name__}, not JSON; "
                    "the frontier could not resume this request"
                )
    return json.dumps(data, ensure_ascii=False)


def decode_request(text: str, spider: Spider) -> Request:
    """The request ``encode_request`` wrote, with its callbacks bound to ``spider``."""
    data = json.loads(text)
    data["body"] = base64.b64decode(data["body"])
    return request_from_dict(data, spider=spider)


def _is_json(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


class FrontierMiddleware:
    """Persist requests as they are yielded; mark them done when their page is stored; resume."""

    def __init__(self, resume: bool, crawler: Crawler) -> None:
        self.resume = resume
        self.crawler = crawler
        self.stats = crawler.stats
        self.session: StoreSession | None = None
        self.site = ""
        self.run_id: int | None = None
        self.done: set[str] = set()
        self.resumed: list[dict[str, Any]] = []
        self._items: dict[str, int] = {}
        """Items of a page still in the pipelines, by the page's fingerprint."""
        self._item_pages: dict[int, str] = {}
        """The page (fingerprint) of each item in the pipelines, by ``id(item)``."""
        self._running: set[str] = set()
        """Pages whose callback is still yielding."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierMiddleware:
        if not crawler.settings.getbool("GOVCRAWL_FRONTIER_ENABLED"):
            raise NotConfigured
        middleware = cls(crawler.settings.getbool("GOVCRAWL_FRONTIER_RESUME"), crawler)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(middleware.item_done, signal=item_stored)
        crawler.signals.connect(middleware.item_done, signal=signals.item_dropped)
        return middleware

    @property
    def spider(self) -> Spider:
        """The crawl's spider: Scrapy sets it before the first request is scheduled."""
        assert self.crawler.spider is not None
        return self.crawler.spider

    def _open(self) -> None:
        """Open the store; adopt the site's unfinished entries (or drop stale ones)."""
        if self.session is not None:
            return
        spider = self.spider
        self.session = StoreSession.of(self.crawler)
        store = self.session.store
        self.site = getattr(getattr(spider, "site", None), "name", spider.name)
        self.run_id = self.session.runs.get(self.crawler)  # started by the store pipeline, when it runs
        if self.resume and store.frontier_pending_count(self.site):
            self.done = store.frontier_adopt(self.site, self.run_id)
            self.resumed = store.frontier_pending(self.site)
            self.stats.set_value("govcrawl/frontier/resumed", len(self.resumed))
            self.stats.set_value("govcrawl/frontier/resumed_done", len(self.done))
            logger.info("%s: resuming an unfinished run: %d requests pending, %d already done",
                           self.site, len(self.resumed), len(self.done))
        else:
            store.frontier_clear(self.site)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """The pending requests of an unfinished run first, then the spider's own start requests."""
        self._open()
        for row in self.resumed:
            try:
                request = decode_request(row["request"], self.spider)
            except (ValueError, KeyError, AttributeError) as problem:  # the spider changed since
                self.stats.inc_value("govcrawl/frontier/not_resumed")
                logger.warning("%s: cannot resume %s: %s", self.site, row["url"], problem)
                continue
            request.meta[FINGERPRINT] = row["fingerprint"]
            yield request
        async for output in start:
            if not isinstance(output, Request) or self._write([output]):
                yield output

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        """Items pass on as they come; the callback's requests are recorded together when it ends."""
        self._open()
        requests: list[Request] = []
        self._callback_started(response)
        for output in result:
            if isinstance(output, Request):
                requests.append(self._encoded(output))
            elif output is not None:
                self._item_started(response, output)
                yield output
        yield from self._write(requests, self._callback_ended(response))

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """``process_spider_output`` for asynchronous callbacks."""
        self._open()
        requests: list[Request] = []
        self._callback_started(response)
        async for output in result:
            if isinstance(output, Request):
                requests.append(self._encoded(output))
            elif output is not None:
                self._item_started(response, output)
                yield output
        for request in self._write(requests, self._callback_ended(response)):
            yield request

    def _encoded(self, request: Request) -> Request:
        """The request with its fingerprint and JSON form (`UnpersistableRequest` here, as it is yielded)."""
        request.meta[FINGERPRINT] = self.crawler.request_fingerprinter.fingerprint(request).hex()
        request.meta[ENCODED] = encode_request(request, self.spider)
        return request

    def _write(self, requests: list[Request], done: str | None = None) -> list[Request]:
        """Record the requests not done before as pending, and ``done`` as done, in one write
        (committed in the store's next batch, after the writes queued before it); the requests to schedule."""
        todo = []
        for request in requests:
            if ENCODED not in request.meta:
                self._encoded(request)
            if request.meta[FINGERPRINT] in self.done:
                self.stats.inc_value("govcrawl/frontier/skipped_done")
            else:
                todo.append(request)
        if todo or done:
            rows = [self._row(request) for request in todo]
            assert self.session is not None  # opened by process_start, before any request
            site, run_id = self.site, self.run_id
            self.session.later(lambda store: store.frontier_record(site, run_id, rows, done))
            self.stats.inc_value("govcrawl/frontier/recorded", len(rows))
        if done:
            self.stats.inc_value("govcrawl/frontier/done")
        return todo

    @staticmethod
    def _row(request: Request) -> tuple[str, str, str, str | None, str]:
        callback = request.callback.__name__ if callable(request.callback) else request.callback
        return request.meta[FINGERPRINT], request.url, request.method, callback, request.meta.pop(ENCODED)

    def _callback_started(self, response: Response) -> None:
        fingerprint = response.meta.get(FINGERPRINT)
        if fingerprint:
            self._running.add(fingerprint)

    def _item_started(self, response: Response, item: Any) -> None:
        fingerprint = response.meta.get(FINGERPRINT)
        if fingerprint:
            self._items[fingerprint] = self._items.get(fingerprint, 0) + 1
            self._item_pages[id(item)] = fingerprint

    def _callback_ended(self, response: Response) -> str | None:
        """The response's fingerprint if it is done now: a page without items (a list page) is
        done when its callback ended; a page with items, when they are stored."""
        fingerprint = response.meta.get(FINGERPRINT)
        if not fingerprint:
            return None
        self._running.discard(fingerprint)
        if self._items.get(fingerprint):
            return None
        self._items.pop(fingerprint, None)
        return fingerprint

    def item_done(self, item: Any, **kwargs: Any) -> None:
        """``item_stored``/``item_dropped``: the pipelines are through with one item of a page."""
        fingerprint = self._item_pages.pop(id(item), None)
        if not fingerprint or fingerprint not in self._items:
            return
        self._items[fingerprint] -= 1
        if self._items[fingerprint] == 0 and fingerprint not in self._running:
            self._mark_done(fingerprint)

    def _mark_done(self, fingerprint: str) -> None:
        self._items.pop(fingerprint, None)
        self._write([], fingerprint)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """A finished run empties the site's frontier; any other end keeps it for the next run."""
        if self.session is None:
            return
        self.session.flush()
        if reason == "finished":
            self.session.store.frontier_clear(self.site)
