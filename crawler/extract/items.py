"""What flows through the crawl: the fetched page, and the documents drafted from it.

Neither class imports Scrapy: the same drafts come out of a crawl, `govcrawl extract`
and (later) re-processing of stored pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Draft:
    """One document found on a page, before deduplication."""

    url: str
    """URL of the page the document was found on."""
    title: str
    """Clean title of the document."""
    text: str
    """Clean body text, one paragraph per line."""
    page_type: str
    """Name of the page type that produced the draft (``jcms``, ``generic``, …)."""
    published: str | None = None
    """Date the page says it was published, ``YYYY-MM-DD``."""
    truncated: bool = False
    """True when the page only shows part of the document (preview, paywall)."""
    source_name: str | None = None
    """Where the page says the text comes from (信息来源, 来源：…)."""
    metadata: dict[str, Any] = field(default_factory=dict)
    """Further fields the page states, e.g. the 信息公开 table (index_no, publisher…)."""
    seg_start: int | None = None
    """For pages holding several documents: character offset of this one in the page text."""
    seg_end: int | None = None
    # Report metadata, filled by the metadata stage (crawler/extract/metadata.py).
    year: int | None = None
    """Year the report is for (the year it is delivered in: 2021 for the report of Feb 2021)."""
    region: str | None = None
    """Administrative region the report is about, e.g. 温州市, 龙港市."""
    region_code: str | None = None
    """GB/T 2260 code of the region, e.g. 330300."""
    level: str | None = None
    """省, 市, 县 or 区."""
    speaker: str | None = None
    speaker_role: str | None = None
    """市长, 代市长, 县长, 区长, 省长 …"""
    meeting: str | None = None
    """…人民代表大会第…次会议."""
    delivered_on: str | None = None
    """Date the report was delivered (the 2021年2月24日 in its heading), ``YYYY-MM-DD``."""


@dataclass
class PageItem:
    """A fetched page as the spider saw it; pipelines add its encoding, text and drafts."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    site: str
    fetched_at: str
    """UTC timestamp, ISO 8601."""
    page_type: str | None = None
    """The spider's hint which page type reads this page; None lets the registry recognise it."""
    final_url: str | None = None
    encoding: str | None = None
    html: str | None = None
    drafts: list[Draft] = field(default_factory=list)
    site_kind: str | None = None
    """The site's kind (crawler/sites.toml): official, news, mirror, forum, farm or aggregator."""
    fingerprints: list[Any] = field(default_factory=list)
    """One ``crawler.dedup.fingerprints.Fingerprint`` per draft, set by the dedup stage (pipelines/dedup.py)."""
