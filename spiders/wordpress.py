"""WordPress 文库 content farms: category pages (``/category/NAME/page/N/``), then article pages.

Example: https://www.rulaiwenku.com/category/gongzuobaogao/page/2/ lists posts as
``h2.item-heading a`` (Zibll), ``h2.entry-title a`` (default themes) or ``h2 a`` (DUX); the next
page is ``<link rel="next">`` in the head (core and SEO plugins), ``a.next.page-numbers``
(``the_posts_pagination``) or Zibll's ``.next-page a`` (AJAX "加载更多" with a real href).
Posts are ``/12345.html`` or ``/?p=12345``; sidebars, 相关推荐 and 上一篇/下一篇 also link
posts, so only the listing's headings are read. Each entry shows its post date in its meta line
(Zibll ``<span title="2024-02-02 09:15:00">2024-02-02</span>``, default themes ``<time
datetime="…">``). Categories list newest first: posts stored before are not fetched again, and
paging stops at a page of stored posts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from urllib.parse import urljoin, urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.crawl.listing import Link, first_date
from crawler.crawl.spider import SiteSpider
from crawler.extract.items import PageItem
from crawler.extract.text import squash_spaces
from crawler.urls import canonical_url

POST_LINKS = (
    ".item-heading a[href], .entry-title a[href], article h2 a[href], posts h2 a[href], .posts-item h2 a[href], .excerpt h2 a[href]"
)
POST_ENTRY = (
    "ancestor::*[self::posts or self::article or self::li"
    " or contains(concat(' ', normalize-space(@class), ' '), ' posts-item ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' excerpt ')][1]"
)
"""The listing entry a post heading sits in (its card: heading, excerpt, meta line)."""
POST_DATE = "time::attr(datetime), [class*=meta] [title]::attr(title), time::text, [class*=date]::text, [class*=meta] ::text"
"""Where an entry shows its date: never the excerpt, which may quote dates of the report."""
NEXT_PAGE = 'link[rel="next"]::attr(href), a.next.page-numbers::attr(href), .next-page a::attr(href), a[rel="next"]::attr(href)'


def post_entries(html: str, page_url: str) -> list[Link]:
    """The posts a category page lists, in page order, once each, with their dates."""
    found: dict[str, Link] = {}
    for link in Selector(text=html).css(POST_LINKS):
        url = canonical_url(urljoin(page_url, link.attrib["href"]))
        entry = link.xpath(POST_ENTRY)
        listed_on = first_date(entry[0], POST_DATE) if entry else None
        found.setdefault(url, Link(url, squash_spaces(link.xpath("string()").get(default="")), listed_on))
    return list(found.values())


def post_links(html: str, page_url: str) -> list[tuple[str, str]]:
    """(canonical URL, title) of the posts a category page lists, in page order, once each."""
    return [(post.url, post.title) for post in post_entries(html, page_url)]


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
    revisit_callback = "parse_post"

    @classmethod
    def list_links(cls, url: str, html: str) -> list[tuple[str, str]]:
        return post_links(html, url)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.start_urls:
            start = canonical_url(url)
            yield scrapy.Request(start, callback=self.parse_category, meta={"category": start, "list_page": 1})

    def parse_category(self, response: Response) -> Iterator[scrapy.Request]:
        posts = post_entries(response.text, response.url)
        if not posts:
            self.crawler.stats.inc_value("govcrawl/lists/empty")
            self.logger.warning("no posts on category page %s", response.url)
        for post in posts:
            followed = self.follow_report(response, post.url, post.title, post.listed_on, self.parse_post)
            if followed is not None:
                yield followed
        following = next_category_page(response.text, response.url, response.meta["category"])
        count = response.meta["list_page"] + 1
        if (
            following and count <= self.site.max_list_pages and self.site.is_list_url(following)
            and self.should_continue_paging(response, posts)
        ):
            yield scrapy.Request(following, callback=self.parse_category, meta={"category": response.meta["category"], "list_page": count})

    def parse_post(self, response: Response) -> PageItem:
        return self.page_item(response)
