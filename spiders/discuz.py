"""Discuz! X3.x forums: forum list pages, report threads by title, every page of a thread.

A forum lists its threads on ``forum-FID-N.html`` (``forum.php?mod=forumdisplay&fid=FID&page=N``
when URL rewriting is off), next page at ``div.pg a.nxt``. A thread is ``thread-TID-N-L.html``
(N: page of the thread, L: the list page it was linked from, meaningless for the content) or
``forum.php?mod=viewthread&tid=TID&extra=page%3DL&page=N``. Both forms show the same page, and
forums print both (DIY blocks such as 本版热帖 use the ``forum.php`` form even when rewriting is
on), so each link becomes one canonical URL in the form of the configured start URL: the
rewritten form for ``forum-36-1.html`` starts, the ``forum.php`` form for ``forum.php?...`` starts
(a forum without rewrite rules answers 404 to ``thread-…html``).

Every page of a report thread is fetched and stored, each with the ``discuz`` hint. The page
type drafts the report from page 1 only (the starter's first floor and his consecutive floors);
later pages hold replies and yield no document of their own. A starter who runs out of floors on
page 1 and continues on page 2 (ten floors per page) loses that continuation: the page type reads
one page at a time, so joining it is work for the page type, not for this spider.

Each list row (``tbody#normalthread_TID``) shows the thread's post date
(``<td class="by">…<em><span>2024-1-20</span></em>``), its 最后发表 date in the last ``td.by``
(``<span title="2021-4-2 10:43">7 天前</span>`` when recent) and links its later pages
(``<span class="tps">…<a href="thread-41388-2-1.html">2</a></span>``). A thread stored before is
not fetched again; the later pages of every report thread are requested from its row: those we
do not hold, and the last one we hold if it was fetched on or before the last post (so a stored
thread that gained a page gets it, and ``--refresh`` asks every page even when page 1 answers
304). Page 1 is not asked again for new replies (replies are not the report). Forums list threads
by last post, so paging goes on past a page where a stored thread grew, and stops at a page of stored, unchanged report threads.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.crawl.listing import first_date
from crawler.crawl.spider import SiteSpider
from crawler.extract.items import PageItem
from crawler.extract.pages.discuz import DiscuzThread
from crawler.extract.text import squash_spaces
from crawler.urls import canonical_url

_THREAD_REWRITE = re.compile(r"/thread-(\d+)-(\d+)-\d+\.html$")
_FORUM_REWRITE = re.compile(r"/forum-(\w+)-(\d+)\.html$")
# Views of a thread that are not its pages: one author's floors, reversed order, print layout.
_OTHER_VIEWS = frozenset({"authorid", "ordertype", "action", "from", "pid", "goto"})
NEXT_PAGE = "div.pg a.nxt::attr(href)"
THREAD_ROWS = "tbody[id^='normalthread_'], tbody[id^='stickthread_']"
ROW_DATE = "em [title]::attr(title), em ::text"
"""In a row's ``td.by`` cells: the first shows the post date, the last the 最后发表 date."""


@dataclass(frozen=True)
class Ref:
    """What a Discuz URL shows: page ``page`` of thread (``kind='thread'``) or forum ``id``."""

    kind: str
    id: str
    page: int = 1


def read_ref(url: str) -> Ref | None:
    """The thread or forum page a URL shows, in either URL form; None for anything else."""
    parts = urlsplit(url)
    found = _THREAD_REWRITE.search(parts.path)
    if found:
        return Ref("thread", found.group(1), int(found.group(2)))
    found = _FORUM_REWRITE.search(parts.path)
    if found:
        return Ref("forum", found.group(1), int(found.group(2)))
    if not parts.path.endswith("/forum.php"):
        return None
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    page = int(query["page"]) if query.get("page", "").isdigit() else 1
    if _OTHER_VIEWS & set(query):
        return None
    if query.get("mod") == "viewthread" and query.get("tid", "").isdigit():
        return Ref("thread", query["tid"], page)
    if query.get("mod") == "forumdisplay" and query.get("fid") and not set(query) - {"mod", "fid", "page"}:
        return Ref("forum", query["fid"], page)
    return None


def ref_url(base_url: str, ref: Ref, rewrite: bool) -> str:
    """The canonical URL of a thread or forum page, rewritten (``thread-7-2-1.html``) or not."""
    parts = urlsplit(base_url)
    root = parts.path.rsplit("/", 1)[0]  # forums installed in a folder: /bbs/forum.php
    if rewrite:
        name = f"thread-{ref.id}-{ref.page}-1.html" if ref.kind == "thread" else f"forum-{ref.id}-{ref.page}.html"
        return canonical_url(urlunsplit((parts.scheme, parts.netloc, f"{root}/{name}", "", "")))
    key = "tid" if ref.kind == "thread" else "fid"
    mod = "viewthread" if ref.kind == "thread" else "forumdisplay"
    query = f"mod={mod}&{key}={ref.id}" + (f"&page={ref.page}" if ref.page > 1 else "")
    return canonical_url(urlunsplit((parts.scheme, parts.netloc, f"{root}/forum.php", query, "")))


def uses_rewrite(url: str) -> bool:
    """Whether a start URL says the forum rewrites its URLs (``forum-36-1.html``)."""
    return _FORUM_REWRITE.search(urlsplit(url).path) is not None or _THREAD_REWRITE.search(urlsplit(url).path) is not None


def thread_links(html: str, page_url: str) -> dict[str, str]:
    """Threads a list page links (list rows, pager links, DIY blocks): thread id → title.

    A thread linked several times (title, reply count, its own page links ``2 3 …``) keeps the
    longest link text or ``title`` attribute, which is its subject.
    """
    found: dict[str, str] = {}
    for link in Selector(text=html).css("a[href]"):
        ref = read_ref(urljoin(page_url, link.attrib["href"].strip()))
        if ref is None or ref.kind != "thread":
            continue
        title = squash_spaces(link.attrib.get("title") or link.xpath("string()").get(default=""))
        if title in {"新窗口打开", "关闭的主题 - 新窗口打开"}:
            title = ""
        if ref.id not in found or len(title) > len(found[ref.id]):
            found[ref.id] = title
    return found


@dataclass(frozen=True)
class ThreadEntry:
    """A thread as a list page shows it."""

    url: str
    """Canonical URL of the thread's first page."""
    title: str
    listed_on: str | None = None
    """The date the thread was posted (YYYY-MM-DD), when it has a list row."""
    last_post_on: str | None = None
    """The date of its last post (最后发表)."""
    pages: int = 1
    """How many pages the row links (``2 3 … 9``); 1 without a row."""


def thread_entries(html: str, page_url: str, rewrite: bool) -> list[ThreadEntry]:
    """The threads a list page links (`thread_links`), with what their list rows show."""
    rows = {row.attrib["id"].rsplit("_", 1)[-1]: row for row in Selector(text=html).css(THREAD_ROWS)}
    entries = []
    for tid, title in thread_links(html, page_url).items():
        url = ref_url(page_url, Ref("thread", tid), rewrite)
        row = rows.get(tid)
        if row is None or not row.css("td.by"):
            entries.append(ThreadEntry(url, title))
            continue
        by = row.css("td.by")
        posted, last_post = first_date(by[0], ROW_DATE), first_date(by[-1], ROW_DATE)
        entries.append(ThreadEntry(url, title, posted, last_post, _page_count(row, page_url, tid)))
    return entries


def _page_count(row: Selector, page_url: str, tid: str) -> int:
    """The highest page of thread ``tid`` that its list row links."""
    refs = (read_ref(urljoin(page_url, href.strip())) for href in row.css("a[href]::attr(href)").getall())
    return max((ref.page for ref in refs if ref and ref.kind == "thread" and ref.id == tid), default=1)


def next_page(html: str, page_url: str) -> str | None:
    """Absolute URL of the ``下一页`` link of a list or thread page."""
    href = Selector(text=html).css(NEXT_PAGE).get()
    return urljoin(page_url, href.strip()) if href else None


class DiscuzSpider(SiteSpider):
    """Forum list pages → report threads (by title) → every page of each thread."""

    name = "discuz"

    @classmethod
    def list_links(cls, url: str, html: str) -> list[tuple[str, str]]:
        rewrite = uses_rewrite(url)
        return [(ref_url(url, Ref("thread", tid), rewrite), title) for tid, title in thread_links(html, url).items()]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.start_urls:
            ref = read_ref(url)
            rewrite = uses_rewrite(url)
            start = ref_url(url, ref, rewrite) if ref else canonical_url(url)
            forum = ref.id if ref else None  # request state is JSON: the frontier keeps it
            yield scrapy.Request(start, callback=self.parse_list, meta={"rewrite": rewrite, "list_page": 1, "forum": forum})

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow the page's report threads we lack and the later pages we lack of every report
        thread (from its row: a 304 on a stored page 1 shows no pager); then the next list page."""
        rewrite, forum = response.meta["rewrite"], response.meta["forum"]
        threads = thread_entries(response.text, response.url, rewrite)
        if not threads:
            self.crawler.stats.inc_value("govcrawl/lists/empty")
            self.logger.warning("no threads on list page %s", response.url)
            return
        grown = False
        for thread in threads:
            meta = {"rewrite": rewrite, "thread_page": 1}
            followed = self.follow_report(response, thread.url, thread.title, thread.listed_on, self.parse_thread, meta=meta)
            stored = followed is None and self.is_report_link(thread.title, thread.url) and self.has_current_copy(thread.url)
            later = self.later_pages(thread, rewrite) if followed is not None or stored else []
            if stored and later:
                grown = True
                self.crawler.stats.inc_value("govcrawl/links/grown_pages", len(later))
            yield from ([followed] if followed is not None else []) + later
        if self.should_continue_paging(response, threads) or grown:
            yield from self.follow_list(response, forum, rewrite)

    def later_pages(self, thread: ThreadEntry, rewrite: bool) -> list[scrapy.Request]:
        """Requests for the later pages of a thread that its list row links and we lack or hold
        stale: every page we do not hold, and the last one we hold if it was fetched on or
        before the last post (earlier pages were full by then)."""
        tid = read_ref(thread.url).id  # type: ignore[union-attr]
        requests = []
        for page in range(min(thread.pages, self.site.max_list_pages), 1, -1):
            url = ref_url(thread.url, Ref("thread", tid, page), rewrite)
            stored = self.has_current_copy(url)
            if stored and self.has_current_copy(url, thread.last_post_on):
                break
            requests.append(scrapy.Request(url, callback=self.parse_thread, errback=self.fetch_failed, meta={"rewrite": rewrite}))
            if stored:
                break
        return requests[::-1]

    def follow_list(self, response: Response, forum: str | None, rewrite: bool) -> Iterator[scrapy.Request]:
        """The next list page of forum ``forum`` (its id; None: of the forum the pager leads to)."""
        found = next_page(response.text, response.url)
        ref = read_ref(found) if found else None
        if ref is None or ref.kind != "forum" or (forum is not None and ref.id != forum):
            return
        count = response.meta["list_page"] + 1
        if count > self.site.max_list_pages:
            self.logger.info("stopping at %d list pages of %s", self.site.max_list_pages, response.url)
            return
        url = ref_url(response.url, ref, rewrite)
        if self.site.is_list_url(url):
            yield scrapy.Request(url, callback=self.parse_list, meta={"rewrite": rewrite, "list_page": count, "forum": forum})

    revisit_callback = "parse_thread"

    def revisit_request(self, url: str, title: str | None) -> scrapy.Request | None:
        request = super().revisit_request(url, title)
        return request.replace(meta={**request.meta, "rewrite": uses_rewrite(url)}) if request else None

    def parse_thread(self, response: Response) -> Iterator[PageItem | scrapy.Request]:
        if not DiscuzThread(response.url, response.text).floors():
            # an interstitial (attackevasive), a login wall or a deleted thread: nothing to store
            self.crawler.stats.inc_value("govcrawl/pages/not_thread")
            self.logger.warning("not a thread page: %s", response.url)
            return
        yield self.page_item(response)
        found = next_page(response.text, response.url)
        ref, this = (read_ref(found) if found else None), read_ref(response.url)
        if ref and this and ref.kind == "thread" and ref.id == this.id and ref.page > this.page:
            url = ref_url(response.url, ref, response.meta["rewrite"])
            if ref.page <= self.site.max_list_pages and not self.has_current_copy(url):
                yield scrapy.Request(url, callback=self.parse_thread, errback=self.fetch_failed, meta={"rewrite": response.meta["rewrite"]})
