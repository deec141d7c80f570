"""WordPress 文库 content farms: category pages (``/category/NAME/page/N/``), then article pages.

Example: https://www.rulaiwenku.com/category/gongzuobaogao/page/2/ lists posts as
``h2.item-heading a`` (Zibll), ``h2.entry-title a`` (default themes) or ``h2 a`` (DUX); the next
page is ``<link rel="next">`` in the head (core and SEO plugins), ``a.next.page-numbers``
(``the_posts_pagination``) or Zibll's ``.next-page a`` (AJAX "加载更多" with a real href).
Posts are ``/12345.html`` or ``/?p=12345``; sidebars, 相关推荐 and 上一篇/下一篇 also link
posts, so only the listing's headings are read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from urllib.parse import urljoin, urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.items import PageItem
from crawler.text import squash_spaces
from crawler.urls import canonical_url
from spiders.base import SiteSpider

POST_LINKS = ".item-heading a[href], .entry-title a[href], article h2 a[href], posts h2 a[href], .posts-item h2 a[href], .excerpt h2 a[href]"
NEXT_PAGE = 'link[rel="next"]::attr(href), a.next.page-numbers::attr(href), .next-page a::attr(href), a[rel="next"]::attr(href)'


def post_links(html: str, page_url: str) -> list[tuple[str, str]]:
    """(canonical URL, title) of the posts a category page lists, in page order, once each."""
    found: dict[str, str] = {}
    for link in Selector(text=html).css(POST_LINKS):
        url = canonical_url(urljoin(page_url, link.attrib["href"]))
        found.setdefault(url, squash_spaces(link.xpath("string()").get(default="")))
    return list(found.items())


def next_category_page(html: str, page_url: str, category_url: str) -> str | None:
    """The category's next page, if the page links one inside the same category."""
    for href in Selector(text=html).css(NEXT_PAGE).getall():
        url = canonical_url(urljoin(page_url, href.strip()))
        if urlsplit(url).path.startswith(urlsplit(category_url).path) and url != canonical_url(page_url):
            return url
    return None


class WordpressSpider(SiteSpider):
    """Category pages of a 文库 farm → report posts (by title)."""

    name = "wordpress"

    @classmethod
    def list_links(cls, url: str, html: str) -> list[tuple[str, str]]:
        return post_links(html, url)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.start_urls:
            start = canonical_url(url)
            yield scrapy.Request(start, callback=self.parse_category, meta={"category": start, "list_page": 1})

    def parse_category(self, response: Response) -> Iterator[scrapy.Request]:
        posts = post_links(response.text, response.url)
        if not posts:
            self.crawler.stats.inc_value("govcrawl/lists/empty")
            self.logger.warning("no posts on category page %s", response.url)
        for url, title in posts:
            if self.wants(title, url):
                yield scrapy.Request(url, callback=self.parse_post, errback=self.fetch_failed)
        following = next_category_page(response.text, response.url, response.meta["category"])
        count = response.meta["list_page"] + 1
        if following and count <= self.site.max_list_pages and self.site.is_list_url(following):
            yield scrapy.Request(following, callback=self.parse_category, meta={"category": response.meta["category"], "list_page": count})

    def parse_post(self, response: Response) -> PageItem:
        return self.page_item(response)
