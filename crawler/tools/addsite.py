"""`govcrawl add-site URL`: draft a sites-file entry for a government portal from its home page.

Fetches the home page politely (robots.txt obeyed, one request at a time, a pause between
them), tells the CMS family from markup fingerprints, reads the region code and site name
from the ``SiteIDCode`` / ``SiteName`` meta every government portal carries, then walks the
navigation (政务公开 / 信息公开 → 规划计划 → 政府工作报告, at most 3 clicks from home) to the
column whose links are reports. The entry it drafts is a `Site`: `govcrawl check` can try it
before it is appended to the user's sites file.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

from protego import Protego

from crawler.crawl.listing import Link, page_links
from crawler.crawl.runner import spider_class
from crawler.extract.divisions import registry
from crawler.extract.reports import is_report_title
from crawler.extract.titles import PORTAL_TITLES, last_part
from crawler.sites import Site
from crawler.tools.check import FetchError, fetch

MAX_HOPS = 3
"""Clicks from the home page to the report column (政务公开 → 规划计划 → 政府工作报告)."""
MAX_FETCHES = 25
"""Pages add-site reads at most, robots.txt and the home page included."""
DELAY = 1.0
"""Seconds between two requests to the portal."""
COLUMN_TEXT = re.compile(r"^[\u4e00-\u9fff（）()、]{0,8}政府工作报告$")
"""Link text of a report column (政府工作报告, 市政府工作报告, 县（市、区）政府工作报告): no year, no title."""
ARTICLE_URL = re.compile(r"/art/\d{4}/|/t\d{8}_\d+\.|/info/\d+/\d+\.htm|/content_\d+\.s?html?", re.I)
"""Article URLs of the government families: a link there titled 政府工作报告 is a report, not the column."""
NAVIGATION = (
    "政务公开", "信息公开", "规划计划", "计划规划", "规划信息", "发展规划", "计划总结", "政府文件", "公开目录", "法定主动公开内容",
)
"""Link texts that lead towards the column, most promising first."""
# Fingerprints of each CMS family in a portal's markup, (what it is, pattern): the CMS's own
# scripts, classes and metas.
FINGERPRINTS: dict[str, tuple[tuple[str, str], ...]] = {
    "jcms": (
        ("jpage/dataproxy.jsp", r"jpage|dataproxy\.jsp"), ("大汉 footer", r"大汉|hanweb"), ("/module/ scripts", r"/module/(?:web|jslib)/"),
    ),
    "trs": (
        ("createPageHTML", r"createPageHTML"), ("TRS_Editor", r"TRS_Editor|TRS_UEDITOR|trs_editor"),
        ("TRS analytics", r"ta\.trs\.cn|_trs_ta_js|WCM置标"),
    ),
    "vsb": (
        ("vsb_content", r"vsb_content|_newscontent_fromname|_showDynClick"),
        ("Visual SiteBuilder", r"Visual SiteBuilder|/system/resource/js/"),
    ),
    "govcn": (("UCAP", r"UCAP"),),
    "discuz": (("Discuz! generator meta", r"<meta[^>]+name=[\"']generator[\"'][^>]+Discuz!"),),
    "wordpress": (
        ("WordPress generator meta", r"<meta[^>]+name=[\"']generator[\"'][^>]+WordPress"), ("wp-content", r"/wp-content/|/wp-includes/"),
    ),
}
# URL shapes of each family: weaker evidence (a news site links content_N.htm pages too), half a fingerprint.
LINK_SHAPES: dict[str, tuple[tuple[str, str], ...]] = {
    "jcms": (("/col/colN/index.html links", r"/col/col\d+/index\.html"),),
    "trs": (("tYYYYMMDD_N links", r"/t\d{8}_\d+\.s?html?"),),
    "vsb": (("/info/NNNN/NNNN.htm links", r"/info/\d+/\d+\.htm"),),
    "govcn": (("content_N.htm links", r"/content_\d+\.htm"), ("/govweb/ assets", r"/govweb/")),
    "discuz": (("forum.php links", r"forum\.php\?mod=|forum-\d+-\d+\.html"),),
    "wordpress": (),
}
PAGE_TYPE_FAMILIES = ("jcms", "trs", "vsb", "govcn", "discuz", "wordpress")
_SITE_ID = re.compile(r"<meta[^>]+name=[\"']?SiteIDCode[\"']?[^>]*content=[\"']?(\d{6,})", re.I)
_SITE_NAME = re.compile(r"<meta[^>]+name=[\"']?SiteName[\"']?[^>]*content=[\"']([^\"']+)", re.I)
_TITLE = re.compile(r"<title[^>]*>([^<]+)</title>", re.I)
_DOMAIN_TAILS = ("gov.cn", "com.cn", "org.cn", "net.cn", "cn", "com", "net", "org")


class NoColumn(Exception):
    """No report column within `MAX_HOPS` clicks; the message names the best candidates seen."""


@dataclass(frozen=True)
class Family:
    """The CMS family of a portal and the fingerprints that told it."""

    name: str
    evidence: tuple[str, ...]


@dataclass
class Portal:
    """What add-site learnt of a portal."""

    home: str
    family: Family
    region_code: str | None
    site_name: str | None
    column: str
    column_title: str
    path: list[str] = field(default_factory=list)
    """Link texts clicked from home to the column."""
    reports: int = 0
    """Report links the column lists on its first page."""


def detect_family(pages: list[str]) -> Family:
    """The family whose fingerprints the pages' markup shows most (a link shape counts half; one
    fingerprint or two link shapes at least); ``generic`` when none does."""
    markup = "\n".join(pages)
    found = {family: _matches(FINGERPRINTS[family], markup) for family in FINGERPRINTS}
    shapes = {family: _matches(LINK_SHAPES[family], markup) for family in FINGERPRINTS}
    score = {family: 2 * len(found[family]) + len(shapes[family]) for family in FINGERPRINTS}
    best = max(FINGERPRINTS, key=lambda family: (score[family], len(found[family])))
    return Family(best, found[best] + shapes[best]) if score[best] >= 2 else Family("generic", ())


def _matches(fingerprints: tuple[tuple[str, str], ...], markup: str) -> tuple[str, ...]:
    return tuple(label for label, pattern in fingerprints if re.search(pattern, markup, re.I))


def site_meta(html: str) -> tuple[str | None, str | None]:
    """(region code, site name) from ``<meta name="SiteIDCode">`` (its first six digits are the
    GB/T 2260 code; only a code the registry knows counts) and ``SiteName`` (else ``<title>``)."""
    found = _SITE_ID.search(html)
    code = found.group(1)[:6] if found else None
    if code and registry().get(code) is None:
        code = None
    meta = _SITE_NAME.search(html)
    if meta:
        return code, meta.group(1).strip()
    title = _TITLE.search(html)  # 首页_永州市地方志编纂室: the site is named last
    return code, (last_part(title.group(1).strip(), PORTAL_TITLES) or None) if title else None


def site_name_from(url: str) -> str:
    """The entry's name from the portal's domain: www.longgang.gov.cn → longgang."""
    host = (urlsplit(url).hostname or "").lower()
    for tail in _DOMAIN_TAILS:
        if host.endswith("." + tail):
            host = host[: -len(tail) - 1]
            break
    return host.split(".")[-1] if host else "site"


class Fetcher:
    """Polite GETs of one portal: robots.txt first and obeyed, a pause between requests, a cap on pages."""

    def __init__(self, home: str, replay_url: str | None = None, delay: float = DELAY, sleep: Callable[[float], None] = time.sleep) -> None:
        self.home, self.replay_url, self.delay, self.sleep = home, replay_url, delay, sleep
        self.fetched: list[str] = []
        self.robots = Protego.parse(self._robots_txt())

    def _robots_txt(self) -> str:
        try:
            return self._get(urljoin(self.home, "/robots.txt"))
        except FetchError:
            return ""  # no robots.txt: everything allowed

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets govcrawl fetch ``url``."""
        return self.robots.can_fetch(url, "govcrawl")

    def get(self, url: str) -> str | None:
        """The page, or None when robots.txt forbids it or the page cap is reached."""
        if not self.allowed(url) or len(self.fetched) >= MAX_FETCHES:
            return None
        return self._get(url)

    def _get(self, url: str) -> str:
        if self.fetched:
            self.sleep(self.delay)
        self.fetched.append(url)
        return fetch(url, self.replay_url)


def find_column(
    fetcher: Fetcher, home_html: str, list_links: Callable[[str, str], list[tuple[str, str]]],
) -> tuple[str, str, list[str], int, list[str]]:
    """(column URL, its link text, texts clicked, report links it lists, pages read) of the report
    column nearest the home page; `NoColumn` naming the best candidates when there is none."""
    frontier: list[tuple[int, str, list[str], str]] = [(0, fetcher.home, [], home_html)]
    seen = {fetcher.home}
    candidates: list[tuple[int, str, str]] = []  # (rank, text, url) of links that looked promising
    pages = [home_html]
    while frontier:
        depth, url, path, html = frontier.pop(0)
        links = [link for link in page_links(html, url) if _same_site(link.url, fetcher.home) and link.url not in seen]
        for link in sorted(links, key=lambda link: (not COLUMN_TEXT.match(link.title), _rank(link))):  # columns first
            seen.add(link.url)
            if COLUMN_TEXT.match(link.title) and not ARTICLE_URL.search(link.url):
                column = _try_column(fetcher, link, list_links)
                if column:
                    return link.url, link.title, [*path, link.title], column[0], [*pages, column[1]]
                candidates.append((0, link.title, link.url))
            elif _rank(link) < len(NAVIGATION) and depth + 1 < MAX_HOPS:
                page = _get_quietly(fetcher, link.url)
                candidates.append((1 + _rank(link), link.title, link.url))
                if page is not None:
                    pages.append(page)
                    frontier.append((depth + 1, link.url, [*path, link.title], page))
    raise NoColumn(_no_column_message(fetcher.home, candidates))


def _try_column(fetcher: Fetcher, link: Link, list_links: Callable[[str, str], list[tuple[str, str]]]) -> tuple[int, str] | None:
    """(report links listed, page) when the link leads to a list of reports."""
    page = _get_quietly(fetcher, link.url)
    if page is None:
        return None
    listed = list_links(link.url, page)
    reports = sum(1 for _, title in listed if is_report_title(title))
    return (reports, page) if reports else None


def _get_quietly(fetcher: Fetcher, url: str) -> str | None:
    try:
        return fetcher.get(url)
    except FetchError:
        return None


def _rank(link: Link) -> int:
    """How promising a link's text is: a `NAVIGATION` index, else past them all."""
    return next((n for n, word in enumerate(NAVIGATION) if word in link.title), len(NAVIGATION))


def _same_site(url: str, home: str) -> bool:
    return urlsplit(url).hostname == urlsplit(home).hostname


def _no_column_message(home: str, candidates: list[tuple[int, str, str]]) -> str:
    best = sorted(candidates)[:3]
    named = "; ".join(f"{text} {url}" for _, text, url in best) or "no 政务公开 / 信息公开 link either"
    return f"no 政府工作报告 column within {MAX_HOPS} clicks of {home}; best candidates: {named}"


def list_reader(family: str) -> Callable[[str, str], list[tuple[str, str]]]:
    """The family spider's list reader; every link of the page for a spider without one (generic)."""
    spider = spider_class(family)

    def read(url: str, html: str) -> list[tuple[str, str]]:
        try:
            return spider.list_links(url, html)
        except NotImplementedError:
            return [(link.url, link.title) for link in page_links(html, url)]

    return read


def discover(home: str, replay_url: str | None = None, delay: float = DELAY) -> Portal:
    """Everything add-site needs to know of the portal at ``home`` (through the replay server at
    ``replay_url``, without pauses); `FetchError` when the home page cannot be read, `NoColumn`."""
    fetcher = Fetcher(home, replay_url, 0.0 if replay_url else delay)
    html = fetcher.get(home)
    if html is None:
        raise FetchError(f"{home}: robots.txt does not allow govcrawl to fetch it")
    first_guess = detect_family([html])
    column, title, path, reports, pages = find_column(fetcher, html, list_reader(first_guess.name))
    code, name = site_meta(html)
    if code is None:  # some portals carry the meta set on their column pages only
        code = next((found for found, _ in map(site_meta, pages) if found), None)
    return Portal(home, detect_family(pages), code, name, column, title, path, reports)


def draft_site(portal: Portal, name: str | None = None) -> Site:
    """The sites-file entry for a portal: official, its family's spider and page type, politeness defaults."""
    host = urlsplit(portal.home).hostname or ""
    family = portal.family.name
    return Site(
        name=name or site_name_from(portal.home), title=portal.site_name or host, family=family, kind="official",
        start_urls=(portal.column,), allowed_domains=(host,),
        page_type=family if family in PAGE_TYPE_FAMILIES else None, region_code=portal.region_code,
    )


def site_toml(site: Site, portal: Portal) -> str:
    """The entry as TOML, with a comment on how it was found."""
    region = registry().get(site.region_code) if site.region_code else None
    lines = [
        f"# added by `govcrawl add-site {portal.home}` on {date.today().isoformat()}: "
        f"{portal.family.name} by {', '.join(portal.family.evidence) or 'no known fingerprint'}; "
        f"column {' › '.join(portal.path)} ({portal.reports} reports listed)",
        f"[{_toml_key(site.name)}]",
        f"title = {_toml_string(site.title)}",
        f"family = {_toml_string(site.family)}",
        f"kind = {_toml_string(site.kind)}",
    ]
    if site.page_type:
        lines.append(f"page_type = {_toml_string(site.page_type)}")
    if site.region_code:
        lines.append(f"region_code = {_toml_string(site.region_code)}" + (f"  # {region.name}" if region else ""))
    lines += [
        f"allowed_domains = [{', '.join(map(_toml_string, site.allowed_domains))}]",
        f"start_urls = [{', '.join(map(_toml_string, site.start_urls))}]",
        f"download_delay = {site.download_delay}",
        f"concurrency = {site.concurrency}",
    ]
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _toml_string(name)
