"""Any site from a start URL: sitemaps, feeds, then same-site links, reports chosen by title.

Where the pages come from, cheapest first:

- **sitemaps**: the ``Sitemap:`` lines of robots.txt (read from the robots.txt the
  RobotsTxtMiddleware fetches anyway, through its ``robots_parsed`` signal) and ``/sitemap.xml``;
  sitemap indexes are followed. Sitemap entries carry no titles: an entry is fetched when it
  matches the site's ``detail_pattern`` (all entries when there is none) and stored when the
  page's own title names a report.
- **feeds**: RSS/Atom feeds a page announces with ``<link rel="alternate">``; an item is fetched
  when its title names a report.
- **links**: from each start URL, links on the same site. A link titled like a report is
  fetched as a report; another article-like link (long title or dated URL) is skipped; a
  navigation link (column, pager: short title) is followed while its depth is at most
  ``max_depth`` and it matches ``list_pattern`` (when set).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import scrapy
from parsel import Selector
from scrapy import signals
from scrapy.http import Response
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.crawl.incremental import FETCH
from crawler.crawl.listing import Link, page_links
from crawler.crawl.spider import SiteSpider
from crawler.extract.items import PageItem
from crawler.extract.reports import is_report_title
from crawler.extract.text import squash_spaces
from crawler.extract.titles import LINK_TITLES, first_part
from crawler.urls import canonical_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.robotstxt import RobotParser
    from twisted.python.failure import Failure

# Links that lead to pages of one article (dated paths, CMS article ids) rather than to lists.
_ARTICLE_URL = re.compile(
    r"/(?:19|20)\d{2}[-/_]?[01]\d(?:\b|/)|/t\d{8}_\d+|content_\d+|/info/\d+/\d+|art_\d+|/\d{3,}\.s?html?$|\.s?html?\?id=\d+",
    re.I,
)
_NOT_HTML = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|wps|zip|rar|7z|jpe?g|png|gif|bmp|mp[34]|avi|flv|swf|exe|apk)$", re.I)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
_YEAR = re.compile(r"(?:19|20)\d{2}")
NAV_TITLE_MAX = 12
"""Links with longer titles are articles, not columns or pagers."""


def _path_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def is_navigation(link: Link) -> bool:
    """Whether a link leads to a column or list page (short title, undated URL), not an article."""
    return len(link.title) <= NAV_TITLE_MAX and not _ARTICLE_URL.search(_path_query(link.url))


def is_report_link(link: Link, keywords: tuple[str, ...]) -> bool:
    """Whether a link names a report rather than a column of them: a report title with a year
    (``2023年政府工作报告``) or on an article URL; the column ``政府工作报告`` at ``/zfbg/`` is not."""
    return is_report_title(link.title, keywords) and bool(_YEAR.search(link.title) or _ARTICLE_URL.search(_path_query(link.url)))


def page_titles(html: str) -> list[str]:
    """What a page calls itself: the first part of ``<title>`` (before ``_站名``), its ``h1`` headings."""
    sel = Selector(text=html)
    title = squash_spaces(sel.css("title::text").get(default=""))
    headings = [squash_spaces(h.xpath("string()").get() or "") for h in sel.css("h1")]
    return [t for t in [first_part(title, LINK_TITLES), *headings] if t]


def feed_urls(html: str, page_url: str) -> list[str]:
    """Absolute URLs of the RSS/Atom feeds a page announces in ``<link rel="alternate">``."""
    sel = Selector(text=html)
    found = []
    for link in sel.css("link[rel~='alternate'][href]"):
        if (link.attrib.get("type") or "").split(";")[0].strip().lower() in _FEED_TYPES:
            found.append(urljoin(page_url, link.attrib["href"].strip()))
    return found


def feed_items(body: bytes) -> list[Link]:
    """(link, title) of the items of an RSS 2.0 / RSS 1.0 / Atom feed."""
    sel = Selector(body=body, type="xml")
    sel.remove_namespaces()
    items = []
    for item in sel.xpath("//item | //entry"):
        url = item.xpath("link/@href").get() or item.xpath("link/text()").get() or item.xpath("guid/text()").get() or ""
        title = squash_spaces(item.xpath("title").xpath("string()").get() or "")
        if url.strip():
            items.append(Link(url=url.strip(), title=title))
    return items


class SitemapTooLarge(ValueError):
    """A gzipped sitemap unpacks to more than the crawl's ``DOWNLOAD_MAXSIZE``."""


def sitemap_entries(body: bytes, max_size: int = 0) -> tuple[str, list[str]]:
    """The sitemap's type (``urlset``/``sitemapindex``) and its ``<loc>`` URLs; gzip is undone,
    up to ``max_size`` bytes (0: no limit): a 1 MB gzip bomb unpacks to 1 GB."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=max_size)
        except ValueError as too_large:  # scrapy's _DecompressionMaxSizeExceeded
            raise SitemapTooLarge(str(too_large)) from None
    try:
        sitemap = Sitemap(body)
    except Exception:  # noqa: BLE001 - lxml raises several kinds on non-XML bodies
        return "", []
    return sitemap.type, [entry["loc"].strip() for entry in sitemap if entry.get("loc")]


class GenericSpider(SiteSpider):
    """Any site: sitemaps, feeds, depth-limited link following; reports recognised by title."""

    name = "generic"
    revisit_callback = "parse_candidate"

    @classmethod
    def list_links(cls, url: str, html: str) -> list[tuple[str, str]]:
        return [(link.url, link.title) for link in page_links(html, url) if not is_navigation(link)]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> GenericSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.start_urls:
            yield scrapy.Request(url, self.parse_page)
            root = urljoin(url, "/")
            sitemap = self.sitemap_request(urljoin(root, "/sitemap.xml"))
            if sitemap is not None:
                yield sitemap
            if not self.settings.getbool("ROBOTSTXT_OBEY"):
                yield scrapy.Request(urljoin(root, "/robots.txt"), self.parse_robots, errback=self.no_sitemap)

    def robots_parsed(self, robotparser: RobotParser, request: scrapy.Request, **_: Any) -> None:
        """Signal handler: schedule the sitemaps the robots.txt the middleware fetched names."""
        sitemaps = getattr(getattr(robotparser, "rp", None), "sitemaps", ())  # Protego, the default parser
        for request in filter(None, map(self.sitemap_request, sitemaps)):
            self.crawler.engine.crawl(request)

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """robots.txt fetched by the spider itself (when robots.txt is not obeyed)."""
        urls = sitemap_urls_from_robots(response.text, base_url=response.url)
        yield from filter(None, map(self.sitemap_request, urls))

    def sitemap_request(self, url: str, depth: int = 1) -> scrapy.Request | None:
        """The request for a sitemap ``depth`` levels down (1: named by robots.txt, or /sitemap.xml),
        or None past ``GOVCRAWL_SITEMAP_MAX_DEPTH`` levels or ``GOVCRAWL_SITEMAP_MAX_COUNT`` sitemaps a run."""
        if depth > self.settings.getint("GOVCRAWL_SITEMAP_MAX_DEPTH", 3):
            self.crawler.stats.inc_value("govcrawl/sitemap/too_deep")
            self.logger.info("not following %s: sitemap indexes nested deeper than %d levels", url, depth - 1)
            return None
        if self.crawler.stats.get_value("govcrawl/sitemap/requested", 0) >= self.settings.getint("GOVCRAWL_SITEMAP_MAX_COUNT", 200):
            self.crawler.stats.inc_value("govcrawl/sitemap/over_limit")
            self.logger.info("not following %s: GOVCRAWL_SITEMAP_MAX_COUNT sitemaps requested already", url)
            return None
        self.crawler.stats.inc_value("govcrawl/sitemap/requested")
        # canonical here: `robots_parsed` schedules it through the engine, past CanonicalUrlMiddleware
        return scrapy.Request(canonical_url(url), self.parse_sitemap, errback=self.no_sitemap, cb_kwargs={"depth": depth})

    def parse_sitemap(self, response: Response, depth: int = 1) -> Iterator[scrapy.Request]:
        try:
            kind, urls = sitemap_entries(response.body, self.settings.getint("DOWNLOAD_MAXSIZE"))
        except SitemapTooLarge as problem:
            self.crawler.stats.inc_value("govcrawl/sitemap/too_large")
            self.logger.warning("ignoring sitemap %s: %s (DOWNLOAD_MAXSIZE)", response.url, problem)
            return
        for url in filter(self.on_site, urls):
            if kind == "sitemapindex":
                request = self.sitemap_request(url, depth + 1)
                if request is not None:
                    yield request
            elif self.wants_sitemap_entry(url) and self.incremental.verdict(canonical_url(url)) == FETCH:
                yield scrapy.Request(url, self.parse_candidate, errback=self.fetch_failed, meta={"title": ""})
            else:
                self.crawler.stats.inc_value("govcrawl/sitemap/skipped")

    def wants_sitemap_entry(self, url: str) -> bool:
        """Whether to fetch a sitemap entry (no title to judge by): the site's ``detail_pattern``
        decides; without one, any article-shaped URL (columns are left to link following)."""
        if _NOT_HTML.search(urlsplit(url).path):
            return False
        if self.site.detail_pattern is not None:
            return self.site.is_detail_url(url)
        return bool(_ARTICLE_URL.search(_path_query(url)))

    def no_sitemap(self, failure: Failure) -> None:
        """Errback of sitemap and robots.txt requests: a site without one is normal."""
        self.logger.debug("no sitemap: %s", failure.getErrorMessage())

    def parse_page(self, response: Response) -> Iterator[scrapy.Request | PageItem]:
        """A start or navigation page: feeds, report links, navigation links within depth."""
        if not isinstance(response, scrapy.http.TextResponse):
            return
        depth = response.meta.get("depth", 0)
        if depth == 0 and self.is_report_page(response):  # a start URL that is itself a report
            yield self.page_item(response)
        for url in feed_urls(response.text, response.url):
            yield scrapy.Request(url, self.parse_feed)
        for link in page_links(response.text, response.url):
            if not self.on_site(link.url) or _NOT_HTML.search(urlsplit(link.url).path):
                continue
            if is_report_link(link, self.site.report_keywords):
                yield from self.follow_candidate(response, link)
            elif not is_navigation(link):
                self.crawler.stats.inc_value("govcrawl/links/not_report")
            elif depth < self.site.max_depth and self.site.is_list_url(link.url):
                yield scrapy.Request(link.url, self.parse_page)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        for item in feed_items(response.body):
            if self.on_site(response.urljoin(item.url)):
                yield from self.follow_candidate(response, item)

    def follow_candidate(self, response: Response, link: Link) -> Iterator[scrapy.Request]:
        """The request for a link titled like a report (unless stored already: see `follow_report`)."""
        followed = self.follow_report(response, link.url, link.title, link.listed_on, self.parse_candidate, meta={"title": link.title})
        if followed is not None:
            yield followed

    def parse_candidate(self, response: Response) -> Iterator[PageItem]:
        """A page that may be a report: stored when its link's or its own title names one."""
        if not isinstance(response, scrapy.http.TextResponse):
            return
        if is_report_title(response.meta["title"], self.site.report_keywords) or self.is_report_page(response):
            yield self.page_item(response)
        else:
            self.crawler.stats.inc_value("govcrawl/pages/not_report")
            self.logger.debug("not a report: %s", response.url)

    def is_report_page(self, response: Response) -> bool:
        """Whether the page's own title (``<title>``, ``h1``) names a report."""
        return any(is_report_link(Link(response.url, title), self.site.report_keywords) for title in page_titles(response.text))

    def on_site(self, url: str) -> bool:
        """Whether ``url`` is on one of the site's hosts (or their subdomains)."""
        return self.site.holds(url)
