"""Full-text search over canonical documents: FTS5 trigram index, bm25 ranking, snippets.

The trigram tokenizer indexes every 3-character substring, so Chinese needs no word
segmentation, but a term shorter than 3 characters can never match the index. Such terms
are matched with LIKE instead (a scan of every document: correct, slower, unranked). The
query is split on whitespace into terms that must all occur; each term is quoted as an FTS5
string, so punctuation in user input is never FTS5 syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from crawler.store.queries import SNIPPET_TOKENS, Filters, Selection, like_substring, ranked_documents, scanned_documents

TRIGRAM = 3


@dataclass
class Hit:
    """One matching document."""

    id: int
    title: str
    snippet: str
    """Text around the first match, matches between the two marks."""
    rank: float | None
    """bm25 score (lower is better); None when only LIKE terms were searched."""
    year: int | None
    region: str | None
    region_code: str | None
    level: str | None
    published_on: str | None
    site: str | None
    url: str | None


def fts_phrase(term: str) -> str:
    """``term`` as an FTS5 string: double quotes doubled, so nothing in it is syntax."""
    return '"' + term.replace('"', '""') + '"'


def search(
    db: Database, query: str, filters: Filters | None = None, limit: int = 20,
    marks: tuple[str, str] = ("«", "»"),
) -> list[Hit]:
    """Canonical documents containing every term of ``query``, best first."""
    terms = query.split()
    if not terms:
        raise ValueError("empty search query")
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    selection = Selection(db, filters)
    where, params = selection.document_where()
    for term in short_terms:
        where += " and (d.title like ? escape '\\' or d.text like ? escape '\\')"
        params += [like_substring(term)] * 2
    if long_terms:
        rows = ranked_documents(selection, " ".join(map(fts_phrase, long_terms)), where, params, limit, marks)
    else:
        rows = _scanned(selection, short_terms, where, params, limit, marks)
    return [Hit(**row) for row in rows]


def _scanned(selection: Selection, terms: list[str], where: str, params: list[Any], limit: int, marks: tuple[str, str]) -> Any:
    for row in scanned_documents(selection, terms[0], where, params, limit):
        text = row.pop("text") or ""
        yield {**row, "snippet": like_snippet(text, terms, marks), "rank": None}


def like_snippet(text: str, terms: list[str], marks: tuple[str, str], width: int = SNIPPET_TOKENS) -> str:
    """About ``width`` characters of ``text`` around the first term found, every term marked."""
    pattern = re.compile("|".join(map(re.escape, terms)), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - width // 3) if first else 0
    end = min(len(text), start + width)
    piece = pattern.sub(lambda m: f"{marks[0]}{m.group(0)}{marks[1]}", text[start:end])
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
