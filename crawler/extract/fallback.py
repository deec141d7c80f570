"""The one place trafilatura is called, with options built once.

Never pass ``deduplicate=True``: trafilatura's dedup cache is process-global, so output
would depend on the order pages are processed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trafilatura import extract
from trafilatura.settings import Extractor

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Fixed options; only the URL changes per page (trafilatura reads it from the options).
# recall: Chinese report pages hold many short heading lines (一、…, ——…) that precision mode drops.
_OPTIONS: dict[str, Any] = dict(output_format="txt", comments=False, tables=True, dedup=False, recall=True, fast=True)


MAX_CHARS = 1_000_000
"""Longest page (characters of markup) given to trafilatura: it needs ~60 bytes of memory per
character (a 20 MB page's 13.8M characters took 775 MB), and its time grows faster than the page
(0.45M characters of tables took 2.6 s, 0.9M took 8 s). Longer pages keep the page type's own
reading (for the generic page type: the text-density root)."""


def main_text(tree: HtmlElement, url: str | None = None, chars: int = 0, max_chars: int = MAX_CHARS) -> str:
    """Trafilatura's main text of an already parsed page ("" when it finds none).

    Takes the tree, not HTML: the page is parsed once, and serialising a pruned tree to parse
    it again costs as much as the extraction. Trafilatura cleans the tree in place: pass a copy
    you no longer need. ``chars``: the page's length in characters; past ``max_chars`` trafilatura
    is not run and the text is "" (the page type's own reading stands).
    """
    if chars > max_chars:
        return ""
    return extract(tree, options=Extractor(url=url, **_OPTIONS)) or ""


def plain_trafilatura(page: str | bytes, url: str | None = None, comments: bool = True) -> str:
    """Plain ``trafilatura.extract`` with its defaults: the baseline of the extraction benchmarks
    (``comments=False`` as ``../shared/tools/score_extract.py`` calls it on the real page sets)."""
    return extract(page, url=url, include_comments=comments) or ""
