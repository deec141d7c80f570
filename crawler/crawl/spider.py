"""What every family spider shares: the configured site, and turning responses into items."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Self

import scrapy
from scrapy.exceptions import IgnoreRequest

from crawler.crawl.incremental import BEFORE_SINCE, CHANGED, KNOWN, Incremental, ListedLink
from crawler.crawl.listing import article_links
from crawler.crawl.middlewares import DECODED, Skipped
from crawler.extract.items import PageItem
from crawler.extract.reports import is_report_title
from crawler.sites import Site, download_slots, get_site
from crawler.store.rows import utc_now
from crawler.urls import canonical_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure


class SiteSpider(scrapy.Spider):
    """Crawls one configured site of the spider's family: ``scrapy crawl jcms -a site=wenzhou``."""

    site: Site
    incremental: Incremental
    """What the store already holds of the site: which report links and list pages to skip."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """The spider with its `Incremental`; ``-a refresh=1`` / ``-a since=2023-01-01`` or the settings."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        if not crawler.settings.frozen:  # a crawler built and configured elsewhere (a test's) keeps its settings
            # Under `scrapy crawl`, the site's politeness; `govcrawl crawl` set every site's already (priority cmdline).
            crawler.settings.set("DOWNLOAD_SLOTS", download_slots({spider.site.name: spider.site}), priority="spider")
        refresh = str(getattr(spider, "refresh", "")).lower() in ("1", "true", "yes")
        spider.incremental = Incremental.from_crawler(crawler, spider.site, refresh, getattr(spider, "since", None))
        return spider

    def __init__(self, site: str | Site | None = None, **kwargs: Any) -> None:
        """``site``: a configured site's name (``-a site=NAME``) or a `Site` (``govcrawl crawl``)."""
        super().__init__(**kwargs)
        if site is None:
            raise ValueError(f"which site? e.g. scrapy crawl {self.name} -a site=NAME (see `govcrawl sites`)")
        self.site = site if isinstance(site, Site) else get_site(site)
        if self.site.family != self.name:
            raise ValueError(f"site {self.site.name!r} is a {self.site.family} site, not {self.name}")
        self.allowed_domains = list(self.site.allowed_domains)

    @classmethod
    def list_links(cls, url: str, html: str) -> list[tuple[str, str]]:
        """(absolute URL, title) of the items a list page of this family shows.

        What `govcrawl check` uses to tell whether a site's list template still parses.
        """
        raise NotImplementedError(f"the {cls.name} spider does not say how to read its list pages")

    def follow_report(
        self, response: Response, url: str, title: str, listed_on: str | None = None,
        callback: Callable[..., Any] | None = None, **kwargs: Any,
    ) -> scrapy.Request | None:
        """The request for a listed report link, or None: not a report, listed before ``--since``,
        or stored already and unchanged (unless ``--refresh``). ``listed_on`` (YYYY-MM-DD) is the
        date the list shows next to the link, when it shows one; it lands in ``meta["listed_on"]``.
        Callback defaults to ``self.parse_article``; errback to ``fetch_failed``."""
        url = canonical_url(response.urljoin(url), self.site.drop_params)
        if not self.wants(title, url):
            return None
        verdict = self.incremental.verdict(url, listed_on)
        if verdict in (KNOWN, BEFORE_SINCE, CHANGED):
            self.crawler.stats.inc_value(f"govcrawl/links/{verdict}")
        if verdict in (KNOWN, BEFORE_SINCE):
            self.logger.debug("skipping %s: %s", url, verdict)
            return None
        meta = {**kwargs.pop("meta", {}), "listed_on": listed_on}
        kwargs.setdefault("errback", self.fetch_failed)
        return scrapy.Request(url, callback=callback or self.parse_article, meta=meta, **kwargs)  # type: ignore[attr-defined]

    def should_continue_paging(self, response: Response, links: Iterable[Any]) -> bool:
        """Whether to request the list page after ``response``, given the ``links`` it lists
        (objects with ``url``, ``title`` and optionally ``listed_on``): False once a page holds
        only stored report links, or only links older than ``--since`` (see crawler/crawl/incremental.py)."""
        listed = []
        for link in links:
            url = canonical_url(response.urljoin(link.url), self.site.drop_params)
            listed.append(ListedLink(url, self.is_report_link(link.title, url), getattr(link, "listed_on", None)))
        reason = self.incremental.stop_reason(listed)
        if reason:
            self.crawler.stats.inc_value(f"govcrawl/paging/stopped_{reason}")
            self.logger.info("not paging past %s: %s", response.url, reason)
        return reason is None

    def has_current_copy(self, url: str, changed_on: str | None = None) -> bool:
        """Whether the store holds ``url`` fetched after ``changed_on`` (the YYYY-MM-DD a list shows
        for the page's last change, when it shows one), so it needn't be fetched; never with ``--refresh``."""
        stored = self.incremental.known.get(canonical_url(url, self.site.drop_params))
        if stored is None or self.incremental.refresh:
            return False
        return changed_on is None or changed_on < stored[1][:10]

    def is_report_link(self, title: str, url: str) -> bool:
        """Whether a listed link leads to a report, by its title and the site's URL pattern (no stats)."""
        return is_report_title(title, self.site.report_keywords) and self.site.is_detail_url(url)

    def wants(self, title: str, url: str) -> bool:
        """Whether a listed link leads to a report, by its title and the site's URL pattern."""
        if self.is_report_link(title, url):
            self.crawler.stats.inc_value("govcrawl/links/report")  # the health check's evidence (crawler/store/health.py)
            return True
        self.crawler.stats.inc_value("govcrawl/links/not_report")
        self.logger.debug("skipping %s %r: not a report", url, title)
        return False

    def page_item(self, response: Response) -> PageItem:
        """The response as a `PageItem` for the pipelines (with its text, when `DecodingMiddleware` decoded it)."""
        first_url = response.request.meta.get("redirect_urls", [response.url])[0] if response.request else response.url
        encoding, html = response.request.meta.get(DECODED, (None, None)) if response.request else (None, None)
        return PageItem(
            url=first_url,
            final_url=response.url if response.url != first_url else None,
            status=response.status,
            headers={k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()},
            body=response.body,
            site=self.site.name,
            site_kind=self.site.kind,
            fetched_at=utc_now(),
            page_type=self.site.page_type,
            encoding=encoding,
            html=html,
        )

    revisit_callback: str | None = "parse_article"
    """The callback reading a stored report page asked for again on the revisit schedule
    (crawler/crawl/revisit.py); None for a family whose reports live on its list pages."""

    def revisit_request(self, url: str, title: str | None) -> scrapy.Request | None:
        """The conditional request for a stored report page that is due (the validators are
        added by `ConditionalRequestMiddleware`); ``title`` is the title its list showed."""
        if self.revisit_callback is None:
            return None
        return scrapy.Request(url, callback=getattr(self, self.revisit_callback), errback=self.fetch_failed,
                              meta={"title": title or "", "listed_on": None, "govcrawl_revisit": True})

    def fetch_failed(self, failure: Failure) -> None:
        """Errback of detail requests: one clear log line, counted in the run's stats. A request
        `Skipped` by a policy (304 Not Modified, a page that is not a document, off the site)
        is no failure: the middleware that decided counted it."""
        if failure.check(Skipped):
            return
        if failure.check(IgnoreRequest) and "robots.txt" in failure.getErrorMessage():
            return  # a policy, not a failure: RobotsTxtMiddleware counted it (robotstxt/forbidden)
        self.crawler.stats.inc_value("govcrawl/errors")
        request = getattr(failure, "request", None)
        response = getattr(failure.value, "response", None)
        reason = f"HTTP {response.status}" if response is not None else failure.getErrorMessage() or type(failure.value).__name__
        self.logger.warning("failed to fetch %s: %s", request.url if request else "?", reason)


class ColumnSpider(SiteSpider):
    """A portal's report columns read page after page: article links by the family's URL
    pattern, then the next list page. Families set ``article_url`` and `next_page_url`."""

    article_url: re.Pattern[str]
    """Article URLs of the family (the page type's ``URL_PATTERN``)."""

    @classmethod
    def list_links(cls, url: str, html: str) -> list[tuple[str, str]]:
        return [(link.url, link.title) for link in article_links(html, url, cls.article_url)]

    def next_page_url(self, response: Response, pages_seen: int) -> str | None:
        """The list page after this one, within ``max_list_pages``; None on the last."""
        raise NotImplementedError

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.start_urls:
            yield scrapy.Request(url, self.parse_list, cb_kwargs={"pages_seen": 1})

    def parse_list(self, response: Response, pages_seen: int = 1) -> Iterator[scrapy.Request]:
        links = article_links(response.text, response.url, self.article_url)
        for link in links:
            followed = self.follow_report(response, link.url, link.title, listed_on=link.listed_on)
            if followed is not None:
                yield followed
        next_url = self.next_page_url(response, pages_seen)
        if next_url and self.site.is_list_url(next_url) and self.should_continue_paging(response, links):
            yield scrapy.Request(next_url, self.parse_list, cb_kwargs={"pages_seen": pages_seen + 1})

    def parse_article(self, response: Response) -> PageItem:
        return self.page_item(response)
