"""Canonical URLs keep the exact bytes of percent-encoded queries (w3lib ``canonicalize_url``);
query parameters are dropped per site (``drop_params`` in the sites file), not globally."""

from __future__ import annotations

import pytest

from crawler.sites import Site
from crawler.urls import canonical_url

SITE = Site(name="bbs", title="x", family="discuz", kind="forum", start_urls=("http://bbs.x.cn/",),
            allowed_domains=("bbs.x.cn",), drop_params=("sid", "from"))


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("http://www.x.gov.cn/search?kw=%D5%FE%B8%AE&page=2", "http://www.x.gov.cn/search?kw=%D5%FE%B8%AE&page=2"),
        ("http://www.x.gov.cn/search?page=2&kw=%d5%fe%b8%ae", "http://www.x.gov.cn/search?kw=%D5%FE%B8%AE&page=2"),
        ("http://www.x.gov.cn/a.jsp?sid=7&from=list", "http://www.x.gov.cn/a.jsp?from=list&sid=7"),
        ("http://www.x.gov.cn/政府工作报告.html", "http://www.x.gov.cn/%E6%94%BF%E5%BA%9C%E5%B7%A5%E4%BD%9C%E6%8A%A5%E5%91%8A.html"),
    ],
)
def test_percent_encoded_bytes_survive_and_nothing_is_dropped_globally(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_a_site_drops_its_own_parameters() -> None:
    url = "http://bbs.x.cn/forum.php?mod=viewthread&tid=5&sid=Qx7&from=timeline"
    assert canonical_url(url, SITE.drop_params) == "http://bbs.x.cn/forum.php?mod=viewthread&tid=5"
    assert canonical_url(url) == "http://bbs.x.cn/forum.php?from=timeline&mod=viewthread&sid=Qx7&tid=5"
