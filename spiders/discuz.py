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
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.items import PageItem
from crawler.pages.discuz import DiscuzThread
from crawler.text import squash_spaces
from crawler.urls import canonical_url
from spiders.base import SiteSpider

_THREAD_REWRITE = re.compile(r"/thread-(\d+)-(\d+)-\d+\.html$")
_FORUM_REWRITE = re.compile(r"/forum-(\w+)-(\d+)\.html$")
# Views of a thread that are not its pages: one author's floors, reversed order, print layout.
_OTHER_VIEWS = frozenset({"authorid", "ordertype", "action", "from", "pid", "goto"})
NEXT_PAGE = "div.pg a.nxt::attr(href)"


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
            yield scrapy.Request(start, callback=self.parse_list, meta={"rewrite": rewrite, "list_page": 1, "forum": ref})

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        rewrite, forum = response.meta["rewrite"], response.meta["forum"]
        links = thread_links(response.text, response.url)
        if not links:
            self.crawler.stats.inc_value("govcrawl/lists/empty")
            self.logger.warning("no threads on list page %s", response.url)
            return
        for tid, title in links.items():
            url = ref_url(response.url, Ref("thread", tid), rewrite)
            if self.wants(title, url):
                yield scrapy.Request(url, callback=self.parse_thread, errback=self.fetch_failed, meta={"rewrite": rewrite, "thread_page": 1})
        yield from self.follow_list(response, forum, rewrite)

    def follow_list(self, response: Response, forum: Ref | None, rewrite: bool) -> Iterator[scrapy.Request]:
        found = next_page(response.text, response.url)
        ref = read_ref(found) if found else None
        if ref is None or ref.kind != "forum" or (forum is not None and ref.id != forum.id):
            return
        count = response.meta["list_page"] + 1
        if count > self.site.max_list_pages:
            self.logger.info("stopping at %d list pages of %s", self.site.max_list_pages, response.url)
            return
        url = ref_url(response.url, ref, rewrite)
        if self.site.is_list_url(url):
            yield scrapy.Request(url, callback=self.parse_list, meta={"rewrite": rewrite, "list_page": count, "forum": forum})

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
            if ref.page <= self.site.max_list_pages:
                url = ref_url(response.url, ref, response.meta["rewrite"])
                yield scrapy.Request(url, callback=self.parse_thread, errback=self.fetch_failed, meta={"rewrite": response.meta["rewrite"]})
