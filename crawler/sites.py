"""The sites govcrawl crawls, read from ``crawler/sites.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

SITES_FILE = Path(__file__).with_name("sites.toml")
KINDS = ("official", "news", "mirror", "forum", "farm", "aggregator")


class UnknownSite(KeyError):
    """A site name not in the configuration."""

    def __str__(self) -> str:
        return f"unknown site {self.args[0]!r}; `govcrawl sites` lists the known ones"


@dataclass(frozen=True)
class Site:
    """One configured site."""

    name: str
    title: str
    family: str
    kind: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    page_type: str | None = None
    download_delay: float = 1.0
    concurrency: int = 2
    report_keywords: tuple[str, ...] = ("政府工作报告",)
    """A listed link is a report when its title holds one of these (and is not about one)."""
    list_pattern: str | None = None
    """Regex of list-page URLs (pagination) the spider may follow; None: the family's default."""
    detail_pattern: str | None = None
    """Regex of report-page URLs; None: any link whose title marks a report."""
    max_list_pages: int = 100
    """Politeness cap on list pages per start URL."""
    max_depth: int = 3
    """Link depth for the generic spider."""
    stop_at_known: bool = True
    """The site lists newest first: paging stops at a list page holding only report links
    stored before (and, with ``--since``, at one listing only older links). False for sites
    that list newest last: every list page is read each run (stored reports are still skipped)."""

    def holds(self, url: str) -> bool:
        """Whether ``url`` is on one of the site's hosts (or their subdomains)."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == domain or host.endswith("." + domain) for domain in self.allowed_domains)

    def is_list_url(self, url: str) -> bool:
        """Whether ``url`` is a list page of this site by its configured pattern."""
        return self.list_pattern is None or re.search(self.list_pattern, url) is not None

    def is_detail_url(self, url: str) -> bool:
        """Whether ``url`` may be a report page of this site by its configured pattern."""
        return self.detail_pattern is None or re.search(self.detail_pattern, url) is not None


def load_sites(path: Path = SITES_FILE) -> dict[str, Site]:
    """All configured sites by name."""
    with path.open("rb") as f:
        raw = tomllib.load(f)
    known = {f.name for f in fields(Site)} - {"name"}
    sites = {}
    for name, entry in raw.items():
        unknown = set(entry) - known
        if unknown:
            raise ValueError(f"{path}: site {name!r} has unknown keys {sorted(unknown)}")
        if entry.get("kind") not in KINDS:
            raise ValueError(f"{path}: site {name!r} has kind {entry.get('kind')!r}, expected one of {KINDS}")
        entry = {key: tuple(value) if isinstance(value, list) else value for key, value in entry.items()}
        sites[name] = Site(name=name, **entry)
    return sites


def get_site(name: str, path: Path = SITES_FILE) -> Site:
    """The configured site called ``name``."""
    sites = load_sites(path)
    if name not in sites:
        raise UnknownSite(name)
    return sites[name]


def download_slots(sites: dict[str, Site]) -> dict[str, dict[str, float]]:
    """Scrapy ``DOWNLOAD_SLOTS``: each site's delay and concurrency for each of its hosts."""
    return {
        domain: {"delay": site.download_delay, "concurrency": site.concurrency}
        for site in sites.values()
        for domain in site.allowed_domains
    }
