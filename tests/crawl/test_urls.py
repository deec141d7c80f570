"""URL canonicalisation."""

import pytest

from crawler.urls import canonical_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://WWW.Wenzhou.gov.cn:443/art/2021/3/1/a.html#top", "https://www.wenzhou.gov.cn/art/2021/3/1/a.html"),
        ("http://x.gov.cn/list.jsp;jsessionid=ABC123?b=2&a=1", "http://x.gov.cn/list.jsp?a=1&b=2"),
        ("http://bbs.x.cn/forum.php?mod=viewthread&tid=5&PHPSESSID=1", "http://bbs.x.cn/forum.php?mod=viewthread&tid=5"),
        ("https://news.x.cn/a.shtml?utm_source=wx&spm=1.2", "https://news.x.cn/a.shtml?spm=1.2"),
        ("http://x.gov.cn", "http://x.gov.cn/"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_meaningful_query_survives() -> None:
    assert canonical_url("http://x.cn/search?q=政府工作报告&page=2") == canonical_url("http://x.cn/search?page=2&q=政府工作报告")


def test_spider_middleware_canonicalises_yielded_requests() -> None:
    from scrapy.http import Request
    from scrapy.utils.misc import build_from_crawler
    from scrapy.utils.test import get_crawler

    from crawler.crawl.middlewares import CanonicalUrlMiddleware

    crawler = get_crawler(settings_dict={})
    middleware = build_from_crawler(CanonicalUrlMiddleware, crawler)
    request = Request("https://www.wenzhou.gov.cn/art/2021/3/1/a.html;jsessionid=9F?utm_source=wx#top")
    processed = middleware.get_processed_request(request, None)
    assert processed.url == "https://www.wenzhou.gov.cn/art/2021/3/1/a.html"
    assert crawler.stats.get_value("govcrawl/urls/canonicalised") == 1
