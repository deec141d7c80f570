"""City news portals on the ENP CMS (丽水网, 中国宁波网 …): channel pages, then ``/system/`` articles.

A channel lists articles on ``/xsq/index.shtml``, ``index_2.shtml``, ``index_3.shtml`` … (pager
links in the same folder). Articles are ``/system/YYYY/MM/DD/NNNNNNNNN.shtml``; a long one is
split over ``NNNNNNNNN_2.shtml``, ``_3`` … (``#pages`` pager), each page stored with its own part.
Article pages also link 相关新闻 (other ``/system/`` articles): those are not followed.
Channel rows show the article's date (``<li><span class="date">2024-01-24</span><a …>``) and
list newest first: a stored article is not fetched again (nor its later pages, which only its
first page links), and the channel is read page after page until one holds only stored reports.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from crawler.crawl.listing import Link, page_links
from crawler.crawl.spider import SiteSpider
from crawler.extract.items import PageItem
from crawler.urls import canonical_url

ARTICLE = re.compile(r"/system/\d{4}/\d{2}/\d{2}/(\d+)(?:_(\d+))?\.s?html?$")
CHANNEL_PAGE = re.compile(r"/index(?:_(\d+))?\.s?html?$")


def listed_articles(html: str, page_url: str) -> list[Link]:
    """Articles (first pages) a channel page lists, with the dates their rows show."""
    return [link for link in page_links(html, page_url) if (m := ARTICLE.search(urlsplit(link.url).path)) and not m.group(2)]


def article_links(html: str, page_url: str) -> list[tuple[str, str]]:
    """(URL, title) of the articles (first pages) a channel page lists."""
    return [(link.url, link.title) for link in listed_articles(html, page_url)]


def channel_pages(html: str, page_url: str) -> list[tuple[str, int]]:
    """(URL, page number) of the channel's pages that a channel page links (same folder)."""
    folder = urlsplit(page_url).path.rsplit("/", 1)[0] + "/"
    pages = []
    for url in (link.url for link in page_links(html, page_url)):
        path = urlsplit(url).path
        found = CHANNEL_PAGE.search(path)
        if found and path.rsplit("/", 1)[0] + "/" == folder and url != canonical_url(page_url):
            pages.append((url, int(found.group(1) or 1)))
    return pages


def next_channel_page(html: str, page_url: str) -> tuple[str, int] | None:
    """(URL, number) of the channel page after this one, if this one links it."""
    found = CHANNEL_PAGE.search(urlsplit(page_url).path)
    wanted = int(found.group(1) or 1) + 1 if found else 2
    return next(((url, number) for url, number in channel_pages(html, page_url) if number == wanted), None)


def article_pages(html: str, page_url: str) -> list[str]:
    """The other pages of the same article (``N_2.shtml`` …)."""
    this = ARTICLE.search(urlsplit(page_url).path)
    if not this:
        return []
    out = []
    for url in (link.url for link in page_links(html, page_url)):
        found = ARTICLE.search(urlsplit(url).path)
        if found and found.group(1) == this.group(1) and url != canonical_url(page_url):
            out.append(url)
    return out


class NewsSpider(SiteSpider):
    """Channel pages of a city news portal → report articles (by title) → their later pages."""

    name = "news"

    @classmethod
    def list_links(cls, url: str, html: str) -> list[tuple[str, str]]:
        return article_links(html, url)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.start_urls:
            yield scrapy.Request(url, callback=self.parse_channel)  # CanonicalUrlMiddleware canonicalises it

    def parse_channel(self, response: Response) -> Iterator[scrapy.Request]:
        articles = listed_articles(response.text, response.url)
        for article in articles:
            followed = self.follow_report(response, article.url, article.title, article.listed_on)
            if followed is not None:
                yield followed
        following = next_channel_page(response.text, response.url)
        if following is None or following[1] > self.site.max_list_pages or not self.site.is_list_url(following[0]):
            return
        if self.should_continue_paging(response, articles):
            yield scrapy.Request(following[0], callback=self.parse_channel)

    def parse_article(self, response: Response) -> Iterator[PageItem | scrapy.Request]:
        yield self.page_item(response)
        for url in article_pages(response.text, response.url):
            yield scrapy.Request(url, callback=self.parse_article, errback=self.fetch_failed)
