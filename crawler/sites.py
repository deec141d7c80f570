"""The sites govcrawl crawls: the bundled ``crawler/sites.toml`` merged with the user's sites file.

The user's file is ``--sites FILE`` (or ``$GOVCRAWL_SITES``), else
``$XDG_CONFIG_HOME/govcrawl/sites.toml`` (``~/.config/govcrawl/sites.toml``) when it exists;
an entry there replaces the bundled entry of the same name. ``govcrawl add-site`` appends to it.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

SITES_FILE = Path(__file__).with_name("sites.toml")
"""The bundled sites file."""
SITES_ENV = "GOVCRAWL_SITES"
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
    drop_params: tuple[str, ...] = ()
    """Query parameters that are session or tracking ids on this site (Discuz ``sid``, a news
    portal's ``spm``/``from``): dropped from its URLs (crawler/urls.py). Never dropped elsewhere."""
    stop_at_known: bool = True
    """The site lists newest first: paging stops at a list page holding only report links
    stored before (and, with ``--since``, at one listing only older links). False for sites
    that list newest last: every list page is read each run (stored reports are still skipped)."""
    revisit_fresh_days: int = 90
    """Stored reports published (or first stored, when undated) in the last this many days are asked
    for again, conditionally, on every run: corrected versions appear in the weeks after a congress."""
    revisit_days: int = 30
    """Older stored reports are asked for again once this many days have passed since they were
    last fetched or confirmed unchanged (crawler/crawl/revisit.py); 0: on every run."""
    region_code: str | None = None
    """GB/T 2260 code of the division whose government runs the site (``crawl --region`` selects by it)."""
    source: Path | None = None
    """The sites file the entry was read from (not a key of the file)."""

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


def user_sites_file(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the user's sites live: ``$GOVCRAWL_SITES``, else ``$XDG_CONFIG_HOME/govcrawl/sites.toml``."""
    if environ.get(SITES_ENV):
        return Path(environ[SITES_ENV])
    config_home = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "govcrawl" / "sites.toml"


def read_sites_file(path: Path) -> dict[str, Site]:
    """The sites of one file by name; `ValueError` naming the file and entry when one is wrong."""
    try:
        with path.open("rb") as f:
            raw = tomllib.load(f)
    except tomllib.TOMLDecodeError as problem:
        raise ValueError(f"{path}: not valid TOML: {problem}") from None
    known = {f.name for f in fields(Site)} - {"name", "source"}
    sites = {}
    for name, entry in raw.items():
        unknown = set(entry) - known
        if unknown:
            raise ValueError(f"{path}: site {name!r} has unknown keys {sorted(unknown)}")
        if entry.get("kind") not in KINDS:
            raise ValueError(f"{path}: site {name!r} has kind {entry.get('kind')!r}, expected one of {KINDS}")
        entry = {key: tuple(value) if isinstance(value, list) else value for key, value in entry.items()}
        try:
            sites[name] = Site(name=name, source=path, **entry)
        except TypeError as problem:
            raise ValueError(f"{path}: site {name!r}: {problem}") from None
    return sites


def merge_sites(*layers: dict[str, Site]) -> dict[str, Site]:
    """Sites of several files, a later file's entry replacing an earlier one of the same name."""
    merged: dict[str, Site] = {}
    for layer in layers:
        merged.update(layer)
    return merged


def load_sites(
    user_file: Path | None = None, config_files: Sequence[Path] | None = None, environ: Mapping[str, str] = os.environ,
) -> dict[str, Site]:
    """All configured sites by name: the bundled ones, then the sites files of the user's
    config.toml (``config_files`` when the caller has read the configuration, else read here:
    crawler/config.py), then the user's file (``user_file``, else `user_sites_file`) over them,
    when it exists."""
    from crawler.config import load_config

    path = user_file or user_sites_file(environ)
    config_files = load_config(environ).sites_files if config_files is None else config_files
    layers = [read_sites_file(SITES_FILE), *(read_sites_file(p) for p in config_files)]
    if path.resolve() != SITES_FILE.resolve() and path.exists():
        layers.append(read_sites_file(path))
    return merge_sites(*layers)


def get_site(name: str, user_file: Path | None = None) -> Site:
    """The configured site called ``name``."""
    sites = load_sites(user_file)
    if name not in sites:
        raise UnknownSite(name)
    return sites[name]


def sites_in_region(sites: dict[str, Site], prefix: str) -> list[Site]:
    """The sites whose ``region_code`` starts with ``prefix`` (3303: 温州市 and its counties)."""
    return [site for site in sites.values() if site.region_code and site.region_code.startswith(prefix)]


def download_slots(sites: dict[str, Site]) -> dict[str, dict[str, float]]:
    """Scrapy ``DOWNLOAD_SLOTS``: each site's delay and concurrency for each of its hosts."""
    return {
        domain: {"delay": site.download_delay, "concurrency": site.concurrency}
        for site in sites.values()
        for domain in site.allowed_domains
    }
