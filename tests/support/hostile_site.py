"""A hostile site for the fault-injection suite (tests/faults/), written into a sites directory.

``www.hostile.gov.cn`` lists one 政府工作报告 link per fault class; each link answers with
that class: pages that are not documents (soft 404, busy and rate-limit pages, a login portal,
加速乐 challenges with status 200 and 521, a JS-only shell), GBK pages labelled utf-8 or not
labelled at all, 5xx, a stalled answer, a reset connection, a short body, redirects to another
host, another port and in a loop, a 429 with ``Retry-After``, 100,000 nested divs. Its
robots.txt names a chain of sitemap indexes too deep and a gzip bomb; ``www.manymaps.gov.cn``'s
an index of too many sitemaps. ``www.deferred.gov.cn`` asks for a ``Retry-After`` longer than
any crawl should wait.

The markup is written here to reproduce each failure's shape; no real page is copied. The
replay server (``crawler/tools/replay.py``) serves the directory, faults included
(``_site.json``: ``fault``, ``sequence``).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen import ReportGenerator

HOST = "www.hostile.gov.cn"
DEFERRED_HOST = "www.deferred.gov.cn"
SITEMAPS_HOST = "www.manymaps.gov.cn"
ORIGIN = f"http://{HOST}"
REGION = "安平市"
SITEMAP_INDEX_CHAIN = 6
"""Sitemap indexes chained one below the other (a crawl follows at most 3 levels)."""
SITEMAP_FANOUT = 30
"""Sitemaps one index lists (more than the suite's GOVCRAWL_SITEMAP_MAX_COUNT)."""
BOMB_BYTES = 64 * 1024 * 1024
"""Decompressed size of the gzip bomb sitemap (more than the suite's DOWNLOAD_MAXSIZE)."""
NESTING = 100_000
GBK_LISTED = "listed_on_gbk_page"
"""The class whose report is linked only from a GBK list page labelled utf-8."""

_GENERATOR = ReportGenerator(seed=14)


@dataclass
class Case:
    """One fault class: the path its report link leads to, what the server answers, what a crawl must do."""

    name: str
    path: str
    year: int
    body: bytes
    answer: dict[str, Any] = field(default_factory=dict)
    """The path's ``_site.json`` entry: status, headers, fault, sequence."""
    stored: bool = False
    """A crawl stores the page as a document."""

    @property
    def url(self) -> str:
        return ORIGIN + self.path

    @property
    def title(self) -> str:
        return report(self.year)[0]


def report(year: int, chars: int = 3000) -> tuple[str, str]:
    """(title, text) of the hostile region's report for ``year``: distinct per year, so none dedups into another."""
    return _GENERATOR.report(REGION, year, chars)


def report_page(year: int, chars: int = 3000) -> str:
    """An ordinary report page: title, heading, one paragraph per line."""
    title, text = report(year, chars)
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
    return (
        f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}_{REGION}人民政府</title></head>"
        f"<body><div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/zwgk/\">政务公开</a></div>"
        f"<div class=\"article\"><h1>{title}</h1><div class=\"info\">发布时间：{year}-02-20</div>\n"
        f"<div class=\"content\">{paragraphs}</div></div><div class=\"footer\">{REGION}人民政府办公室 主办</div></body></html>"
    )


def _page(title: str, body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>{body}</body></html>".encode()


_NAV = "".join(f"<li><a href=\"/col/{i}/\">栏目{i}</a></li>" for i in range(12))
SOFT_404 = _page("页面不存在", f"<ul class=\"nav\">{_NAV}</ul><div class=\"err\"><h2>抱歉，您访问的页面不存在或已被删除！</h2>"
                 "<p><a href=\"/\">返回首页</a></p></div>")
BUSY = _page("提示信息", "<div class=\"msg\"><p>系统繁忙，请稍后再试。</p></div>")
RATE_LIMIT = _page("访问受限", "<div class=\"msg\"><h3>您的访问过于频繁</h3><p>请稍后再试，或联系网站管理员。</p></div>")
LOGIN = _page("统一身份认证平台", (
    "<div class=\"login-box\"><h2>用户登录</h2><form action=\"/sso/login\" method=\"post\">"
    "<label>用户名</label><input type=\"text\" name=\"username\"><label>密码</label><input type=\"password\" name=\"password\">"
    "<button type=\"submit\">登 录</button></form><a href=\"/sso/reset\">忘记密码？</a> <a href=\"/sso/register\">注册账号</a></div>"
))
JIASULE = (
    b"<script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')+('e')"
    b"+('=')+(+!+[]+'')+'7261134.57|0|'+'xYz%3D'+';max-age=3600;path=/';location.href=location.pathname+location.search</script>"
)
JS_SHELL = (
    b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>2022\xe5\xb9\xb4\xe6\x94\xbf\xe5\xba\x9c\xe5\xb7\xa5\xe4\xbd\x9c"
    b"\xe6\x8a\xa5\xe5\x91\x8a</title><link href=\"/static/css/app.8f2c1.css\" rel=\"stylesheet\">"
    b"<script src=\"/static/js/chunk-vendors.3b1d.js\"></script><script src=\"/static/js/app.77ac.js\"></script></head>"
    b"<body><noscript><strong>We're sorry but this site doesn't work properly without JavaScript enabled.</strong></noscript>"
    b"<div id=\"app\"></div><script>window.__INITIAL_STATE__={\"route\":\"/art/2022\",\"ready\":false};</script></body></html>"
)


NOT_A_PAGE = b"%PDF-1.7\n" + bytes(range(256)) * 4096
"""A 1 MB PDF served as text/html where a report page was linked: dropped, logged in one line."""


def gbk_page(year: int) -> bytes:
    """A 300 KB GBK page: ~200 KB of inline script, ~90 KB of inline style, a short report.

    Decoded as UTF-8 it holds ~2,000 U+FFFD, under 1 % of its characters: the markup dilutes
    the share, so only the share in the page's text shows the wrong charset."""
    title, text = report(year, chars=1200)
    script = "".join(f"var cfg{i}={{id:{i},url:'/api/v{i % 7}/list',retry:{i % 3}}};\n" for i in range(4600))
    style = "".join(f".col-{i}{{margin:{i % 9}px;padding:{i % 5}px;color:#{i % 4096:03x};}}\n" for i in range(1900))
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    html = (f"<html><head><title>{title}</title><style>{style}</style><script>{script}</script></head>"
            f"<body><h1>{title}</h1><div class=\"content\">{paragraphs}</div></body></html>")
    return html.encode("gbk")


def nested_page(year: int) -> bytes:
    """A report followed by ``NESTING`` nested divs (a template's unclosed tags): the parser keeps
    2,048 levels of them, deeper than a recursive walk of the tree can go."""
    title, text = report(year)
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return (f"<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class=\"content\">{paragraphs}</div>" + "<div>" * NESTING + "</body></html>").encode()


def _redirect(location: str) -> dict[str, Any]:
    return {"status": 302, "headers": {"Location": location}}


def cases() -> list[Case]:
    """Every fault class of the hostile site, in the order its index lists them."""
    ok = report_page
    return [
        Case("report", "/art/2001/report.html", 2001, ok(2001).encode(), stored=True),
        Case("soft_404", "/art/2002/soft404.html", 2002, SOFT_404),
        Case("busy", "/art/2003/busy.html", 2003, BUSY),
        Case("rate_limit", "/art/2004/ratelimit.html", 2004, RATE_LIMIT),
        Case("login", "/art/2005/login.html", 2005, LOGIN),
        Case("challenge_200", "/art/2006/challenge.html", 2006, JIASULE),
        Case("challenge_521", "/art/2007/challenge.html", 2007, JIASULE,
             {"status": 521, "headers": {"Set-Cookie": "__jsluid_h=8c1f2e; Path=/"}}),
        Case("js_shell", "/art/2008/shell.html", 2008, JS_SHELL),
        Case("gbk_labelled_utf8", "/art/2009/gbk.html", 2009, gbk_page(2009),
             {"headers": {"Content-Type": "text/html; charset=utf-8"}}, stored=True),
        Case("gbk_unlabelled", "/art/2010/gbk.html", 2010, gbk_page(2010),
             {"headers": {"Content-Type": "text/html"}}, stored=True),
        Case("server_error", "/art/2011/500.html", 2011, b"<html><body>Internal Server Error</body></html>", {"status": 500}),
        Case("timeout", "/art/2012/stall.html", 2012, ok(2012).encode(), {"fault": "stall", "seconds": 10}),
        Case("reset", "/art/2013/reset.html", 2013, ok(2013).encode(), {"fault": "reset"}),
        Case("short_body", "/art/2014/short.html", 2014, ok(2014).encode(), {"fault": "short"}),
        Case("redirect_other_host", "/art/2015/moved.html", 2015, b"", _redirect("http://www.elsewhere.com/art/2015.html")),
        Case("redirect_other_port", "/art/2016/moved.html", 2016, b"", _redirect(f"http://{HOST}:8080/art/2016/real.html")),
        Case("redirect_loop", "/art/2017/a.html", 2017, b"", _redirect("/art/2017/b.html")),
        Case("retry_after", "/art/2018/report.html", 2018, ok(2018).encode(),
             {"sequence": [{"status": 429, "headers": {"Retry-After": "1"}}, {}]}, stored=True),
        Case("retry_after_503", "/art/2022/report.html", 2022, ok(2022).encode(),
             {"sequence": [{"status": 503, "headers": {"Retry-After": "1"}}, {}]}, stored=True),
        Case("deep_nesting", "/art/2019/nested.html", 2019, nested_page(2019), stored=True),
        Case("not_a_page", "/art/2021/report.html", 2021, NOT_A_PAGE),
        Case(GBK_LISTED, "/art/2023/report.html", 2023, ok(2023).encode(), stored=True),
    ]


GATES = {"soft_404": "soft_404", "busy": "busy", "rate_limit": "busy", "login": "login",
         "challenge_200": "challenge", "challenge_521": "challenge", "js_shell": "js_shell"}
"""The gate kind (``govcrawl/gate/<kind>``) each class of page that is not a document is counted as."""
RETRY_AFTER = ("retry_after", "retry_after_503")
"""Classes answering 429/503 with ``Retry-After: 1`` once, then the page."""
ERRORS = ("server_error", "timeout", "reset", "short_body", "redirect_loop")
"""Classes that end as fetch errors (``govcrawl/errors``)."""
OFFSITE = ("redirect_other_host", "redirect_other_port")
"""Classes whose redirect leaves the site's origins and is not followed."""
DROPPED = ("not_a_page",)
"""Classes the pipelines drop (fetched fine, but no HTML page)."""


def build(sites_dir: Path) -> list[Case]:
    """Write both hostile hosts under ``sites_dir``; the hostile site's cases."""
    found = cases()
    root = sites_dir / HOST
    files: dict[str, Any] = {case.path: case.answer for case in found if case.answer}
    files["/art/2017/b.html"] = _redirect("/art/2017/a.html")
    files["/"] = {"headers": {"Set-Cookie": f"sid=4f2a; Domain=.{HOST.removeprefix('www.')}; Path=/"}}
    for case in found:
        _write(root / case.path.lstrip("/"), case.body)
    _write(root / "art/2017/b.html", b"")
    links = "".join(f"<li><a href=\"{case.path}\">{case.title}</a></li>\n" for case in found if case.name != GBK_LISTED)
    nav = "<p><a href=\"/gbk/list.html\">老栏目</a></p>"  # a short title: a column the spider reads
    _write(root / "index.html", _page(f"{REGION}人民政府", f"<h2>政府工作报告</h2><ul>{links}</ul>{nav}"))
    listed = next(case for case in found if case.name == GBK_LISTED)
    column = f"<html><head><title>老栏目</title></head><body><ul><li><a href=\"{listed.path}\">{listed.title}</a></li></ul></body></html>"
    _write(root / "gbk/list.html", column.encode("gbk"))
    files["/gbk/list.html"] = {"headers": {"Content-Type": "text/html; charset=utf-8"}}
    files.update(_sitemaps(root))
    _write(root / "_site.json", json.dumps({"files": files}, ensure_ascii=False, indent=1).encode())
    _build_deferred(sites_dir / DEFERRED_HOST)
    _build_many_sitemaps(sites_dir / SITEMAPS_HOST)
    return found


def _index(origin: str, locs: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{origin}{loc}</loc></sitemap>" for loc in locs)
    return f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sitemapindex xmlns=\"{_SITEMAP_NS}\">{entries}</sitemapindex>".encode()


def _urlset(origin: str, locs: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{origin}{loc}</loc></url>" for loc in locs)
    return f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"{_SITEMAP_NS}\">{entries}</urlset>".encode()


_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _sitemaps(root: Path) -> dict[str, Any]:
    """robots.txt naming two sitemaps: a chain of indexes, each naming the next, and a gzip bomb."""
    for level in range(1, SITEMAP_INDEX_CHAIN + 1):
        _write(root / f"sitemaps/chain-{level}.xml", _index(ORIGIN, [f"/sitemaps/chain-{level + 1}.xml"]))
    _write(root / f"sitemaps/chain-{SITEMAP_INDEX_CHAIN + 1}.xml", _urlset(ORIGIN, ["/art/2001/report.html"]))
    head = f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"{_SITEMAP_NS}\">".encode()
    with gzip.open(root / "sitemaps/bomb.xml.gz", "wb", compresslevel=9) as bomb:
        bomb.write(head)
        chunk = b" " * (1 << 20)
        for _ in range(BOMB_BYTES >> 20):
            bomb.write(chunk)
        bomb.write(f"<url><loc>{ORIGIN}/art/2001/report.html</loc></url></urlset>".encode())
    robots = "User-agent: *\nDisallow: /private/\n" + "".join(
        f"Sitemap: {ORIGIN}/sitemaps/{name}\n" for name in ("chain-1.xml", "bomb.xml.gz"))
    _write(root / "robots.txt", robots.encode())
    return {"/robots.txt": {"headers": {"Content-Type": "text/plain"}}}


def _build_many_sitemaps(root: Path) -> None:
    """A site whose sitemap index lists ``SITEMAP_FANOUT`` sitemaps."""
    origin = f"http://{SITEMAPS_HOST}"
    _write(root / "index.html", _page("多图市人民政府", "<p>政务公开</p>"))
    _write(root / "sitemaps/wide.xml", _index(origin, [f"/sitemaps/wide-{n}.xml" for n in range(SITEMAP_FANOUT)]))
    for n in range(SITEMAP_FANOUT):
        _write(root / f"sitemaps/wide-{n}.xml", _urlset(origin, [f"/art/{n}.html"]))
    _write(root / "robots.txt", f"User-agent: *\nSitemap: {origin}/sitemaps/wide.xml\n".encode())
    _write(root / "_site.json", json.dumps({"files": {"/robots.txt": {"headers": {"Content-Type": "text/plain"}}}}).encode())


def _build_deferred(root: Path) -> None:
    """A site whose report page asks for a wait of two hours (429, ``Retry-After: 7200``) on its first request."""
    year = 2020
    title = report(year)[0]
    _write(root / "index.html", _page("延期市人民政府", f"<ul><li><a href=\"/art/{year}/report.html\">{title}</a></li></ul>"))
    _write(root / f"art/{year}/report.html", report_page(year).encode())
    files = {f"/art/{year}/report.html": {"sequence": [{"status": 429, "headers": {"Retry-After": "7200"}}, {}]}}
    _write(root / "_site.json", json.dumps({"files": files}).encode())


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
