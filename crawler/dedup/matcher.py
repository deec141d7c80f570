"""Which stored documents a new copy is the same report as, and which of them it joins.

The policy of deduplication, written against `Index`: what the store answers about the
documents it holds. The store implements it over SQLite (``crawler.store.corpus``); a test can
implement it over dicts, so the rules run without a database.

A match is ``(score, strong)``: ``strong`` when the evidence is enough to merge documents
(the same text, a near-duplicate, or containment over ``MIN_CONTAINED_DOCUMENT`` sentences),
not a few shared sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from crawler.dedup.fingerprints import (
    CONTAINED_THRESHOLD,
    MIN_CONTAINED_DOCUMENT,
    MIN_SHARED_SENTENCES,
    NEAR_THRESHOLD,
    STOCK_DOCUMENTS,
    Fingerprint,
    agree,
    jaccard,
    titles_agree,
)

NEAR_CANDIDATES = 50
"""At most this many documents sharing an LSH band with a copy are compared with it."""

Match = tuple[float, bool]
"""(score, strong enough to merge documents)."""


@dataclass(frozen=True)
class ReportKey:
    """What two copies of one report must not contradict: its year and region."""

    year: int | None
    region: str | None
    region_code: str | None


@dataclass(frozen=True)
class BestCopy:
    """What the matcher needs of a document's best copy."""

    truncated: bool
    title: str | None


class Index(Protocol):
    """The stored documents, as the matcher asks about them."""

    def exact_documents(self, key: str) -> list[int]:
        """Documents holding a copy whose normalised text hashes to ``key``."""
        ...

    def band_candidates(self, band_keys: Sequence[int], limit: int) -> list[tuple[int, bytes]]:
        """(document, MinHash) of every copy of the first ``limit`` documents sharing a band key."""
        ...

    def stock_hashes(self, hashes: Sequence[int], documents: int) -> set[int]:
        """Those of ``hashes`` found in ``documents`` canonical documents or more."""
        ...

    def shared_sentences(self, hashes: Sequence[int], at_least: int) -> list[tuple[int, int]]:
        """(document, how many of ``hashes`` it holds) for documents holding ``at_least`` of them."""
        ...

    def distinctive_count(self, document_id: int, documents: int) -> int:
        """How many of the document's sentence hashes are found in fewer than ``documents`` documents."""
        ...

    def best_copy(self, document_id: int) -> BestCopy | None:
        """The document's best copy (None when it has none)."""
        ...

    def report_key(self, document_id: int) -> ReportKey:
        """The document's year and region."""
        ...


def find_documents(index: Index, fp: Fingerprint, key: Any, title: str) -> dict[int, Match]:
    """Documents the copy is the same report as: exact, near or contained, agreeing with
    ``key`` (anything with ``year``, ``region``, ``region_code``: a draft) where both are known."""
    found: dict[int, Match] = {document_id: (1.0, True) for document_id in index.exact_documents(fp.key)}
    for candidates in (near_documents(index, fp), containing_documents(index, fp, title)):
        for document_id, match in candidates.items():
            if agrees(index.report_key(document_id), key):
                found[document_id] = max(match, found.get(document_id, (0.0, False)))
    return found


def agrees(mine: Any, other: Any) -> bool:
    """Year and region agree where both are known."""
    return all(agree(getattr(mine, name), getattr(other, name)) for name in ("year", "region", "region_code"))


def near_documents(index: Index, fp: Fingerprint) -> dict[int, Match]:
    """Documents sharing an LSH band with the copy and holding a copy of Jaccard ≥ ``NEAR_THRESHOLD``."""
    if not fp.band_keys:
        return {}
    best: dict[int, float] = {}
    for document_id, signature in index.band_candidates(fp.band_keys, NEAR_CANDIDATES):
        best[document_id] = max(best.get(document_id, 0.0), jaccard(fp.minhash, signature))
    return {d: (score, True) for d, score in best.items() if score >= NEAR_THRESHOLD}


def containing_documents(index: Index, fp: Fingerprint, title: str) -> dict[int, Match]:
    """Documents holding most of the copy's sentences, or most of whose sentences the copy
    holds (a full text arriving after its preview: it needs ``MIN_CONTAINED_DOCUMENT`` shared
    sentences, or a preview flagged truncated or titled like the copy); stock phrases do not count."""
    stock = index.stock_hashes(fp.sentences, STOCK_DOCUMENTS)
    own = [h for h in fp.sentences if h not in stock]
    if len(own) < MIN_SHARED_SENTENCES:
        return {}
    found = {}
    for document_id, count in index.shared_sentences(own, MIN_SHARED_SENTENCES):
        score = count / len(own)
        if score < CONTAINED_THRESHOLD and (count >= MIN_CONTAINED_DOCUMENT or vouched_preview(index, document_id, title)):
            score = count / max(index.distinctive_count(document_id, STOCK_DOCUMENTS), count)
        if score >= CONTAINED_THRESHOLD:
            found[document_id] = (round(score, 4), count >= MIN_CONTAINED_DOCUMENT)
    return found


def vouched_preview(index: Index, document_id: int, title: str) -> bool:
    """The document's best copy says it is a preview (truncated), or bears the copy's title."""
    best = index.best_copy(document_id)
    return best is not None and (best.truncated or titles_agree(best.title, title))


def merge_group(index: Index, matches: dict[int, Match]) -> list[int]:
    """The documents a copy joins, the one it is filed under first: of the best match and the
    strong matches agreeing with it, the oldest; the store merges the others into it. A weak
    best match is joined alone."""
    best = min(matches, key=lambda d: (-matches[d][0], d))
    if not matches[best][1]:
        return [best]
    best_key = index.report_key(best)
    return sorted(d for d in matches if d == best or (matches[d][1] and agrees(index.report_key(d), best_key)))
