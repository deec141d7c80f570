"""The one place trafilatura is called, with options built once.

Never pass ``deduplicate=True``: trafilatura's dedup cache is process-global, so output
would depend on the order pages are processed in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from trafilatura import extract
from trafilatura.settings import Extractor

# Fixed options; only the URL changes per page (trafilatura reads it from the options).
# recall: Chinese report pages hold many short heading lines (一、…, ——…) that precision mode drops.
_OPTIONS: dict[str, Any] = dict(output_format="json", comments=False, tables=True, dedup=False, with_metadata=True, recall=True)


@dataclass
class Extracted:
    """What trafilatura found on a page."""

    title: str | None
    text: str
    date: str | None


MAX_CHARS = 2_000_000
"""Longest page (characters of markup) given to trafilatura: it needs ~60 bytes of memory per
character (a 20 MB page's 13.8M characters took 775 MB). Longer pages keep the page type's
own reading (for the generic page type: the text-density root)."""


def extract_main_text(html: str, url: str | None = None, max_chars: int = MAX_CHARS) -> Extracted | None:
    """Main text, title and date of an article page, or None when trafilatura finds none
    (or the page is longer than ``max_chars``)."""
    if len(html) > max_chars:
        return None
    serialised = extract(html, options=Extractor(url=url, **_OPTIONS))
    document = json.loads(serialised) if serialised else {}
    if not document.get("text"):
        return None
    return Extracted(title=document.get("title"), text=document["text"], date=document.get("date"))


def plain_trafilatura(html: str) -> str:
    """Plain ``trafilatura.extract(html)`` with its defaults: the baseline of benchmarks/extraction.py."""
    return extract(html) or ""
