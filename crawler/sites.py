"""The sites govcrawl crawls, read from ``crawler/sites.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

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
        entry = {**entry, "start_urls": tuple(entry["start_urls"]), "allowed_domains": tuple(entry["allowed_domains"])}
        sites[name] = Site(name=name, **entry)
    return sites


def get_site(name: str) -> Site:
    """The configured site called ``name``."""
    sites = load_sites()
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
