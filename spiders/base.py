"""What every family spider shares: the configured site, and turning responses into items."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import scrapy

from crawler.items import PageItem
from crawler.reports import is_report_title
from crawler.sites import Site, get_site
from crawler.store import utc_now

if TYPE_CHECKING:
    from scrapy.http import Response
    from twisted.python.failure import Failure


class SiteSpider(scrapy.Spider):
    """Crawls one configured site of the spider's family: ``scrapy crawl jcms -a site=wenzhou``."""

    site: Site

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

    def wants(self, title: str, url: str) -> bool:
        """Whether a listed link leads to a report, by its title and the site's URL pattern."""
        if is_report_title(title, self.site.report_keywords) and self.site.is_detail_url(url):
            return True
        self.crawler.stats.inc_value("govcrawl/links/not_report")
        self.logger.debug("skipping %s %r: not a report", url, title)
        return False

    def page_item(self, response: Response) -> PageItem:
        """The response as a `PageItem` for the pipelines."""
        first_url = response.request.meta.get("redirect_urls", [response.url])[0] if response.request else response.url
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
        )

    def fetch_failed(self, failure: Failure) -> None:
        """Errback of detail requests: one clear log line, counted in the run's stats."""
        self.crawler.stats.inc_value("govcrawl/errors")
        request = getattr(failure, "request", None)
        response = getattr(failure.value, "response", None)
        reason = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        self.logger.warning("failed to fetch %s: %s", request.url if request else "?", reason)
