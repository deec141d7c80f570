"""Pages that are not documents are recognised by kind; no recorded page or fixture is one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_site import BUSY, JIASULE, JS_SHELL, LOGIN, RATE_LIMIT, SOFT_404, report_page

from crawler.extract.gates import page_gate

TESTS = Path(__file__).parents[1]
ATTACKEVASIVE = (
    b'<html><head><title>&#x9891;&#x7e41;&#x5237;&#x65b0;&#x9650;&#x5236;</title></head><body>'
    b'<script language="JavaScript">function reload() {document.location.reload();}setTimeout("reload()", 1001);</script>'
    b"<b>&#x9891;&#x7e41;&#x5237;&#x65b0;&#x9650;&#x5236;</b></body></html>"
)
LOGIN_WALL = "<html><body><div class='alert_info'>抱歉，您尚未登录，没有权限访问该版块</div></body></html>".encode()


@pytest.mark.parametrize(("body", "status", "kind"), [
    (SOFT_404, 200, "soft_404"), (BUSY, 200, "busy"), (RATE_LIMIT, 200, "busy"), (LOGIN, 200, "login"),
    (LOGIN_WALL, 200, "login"), (JIASULE, 200, "challenge"), (JIASULE, 521, "challenge"), (ATTACKEVASIVE, 200, "challenge"),
    (JS_SHELL, 200, "js_shell"), (SOFT_404, None, "soft_404"),
])
def test_each_kind_is_recognised(body: bytes, status: int | None, kind: str) -> None:
    gate = page_gate(body, status, "text/html")
    assert gate is not None and gate.kind == kind


def test_challenges_whatever_the_status_and_cookie_retries() -> None:
    assert page_gate(b"<html>Web server is down</html>", 521) is None  # Cloudflare's 521 is an outage
    first = page_gate(b"<html></html>", 521, "text/html", "__jsluid_s=9f; Path=/")
    assert first is not None and first.kind == "challenge" and first.cookie_retry
    assert page_gate(JIASULE, 403, "text/html").kind == "challenge"
    assert page_gate(SOFT_404, 404, "text/html") is None  # an error status is an error, not a soft 404


def test_real_pages_are_not_gates() -> None:
    assert page_gate(report_page(2001).encode(), 200, "text/html") is None
    with_login_box = report_page(2002).replace("<div class=\"nav\">", "<div class=\"nav\"><input type=\"password\">")
    assert page_gate(with_login_box.encode(), 200, "text/html") is None
    refresh = b"<html><head><meta http-equiv=\"refresh\" content=\"0;url=/art/1.html\"><script>go()</script></head></html>"
    assert page_gate(refresh, 200, "text/html") is None  # a redirect, for RedirectMiddleware
    sitemap = b"<?xml version=\"1.0\"?><urlset><url><loc>http://x.gov.cn/</loc></url></urlset>"
    assert page_gate(sitemap, 200, "application/xml") is None


@pytest.mark.parametrize("path", sorted(
    p for p in [*(TESTS / "sites").rglob("*.htm*"), *(TESTS / "fixtures").rglob("body.html")] if not p.name.startswith("_")
), ids=lambda p: str(p.relative_to(TESTS)))
def test_no_recorded_page_or_fixture_is_a_gate(path: Path) -> None:
    assert page_gate(path.read_bytes(), 200, None) is None
