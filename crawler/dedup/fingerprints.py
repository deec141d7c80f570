"""Recognising the same report across copies: fingerprints and how to compare them.

Pure functions, no SQL: ``fingerprint(text)`` does the CPU work once per copy (the crawl's
``DedupPipeline``, ``govcrawl ingest``), and ``crawler/store/db.py`` looks the fingerprint up in
SQLite and records the outcome. Three ways two copies are the same report:

- **exact**: equal blake2b of the normalised text (NFKC, no whitespace or punctuation);
- **near**: MinHash (rensa R-MinHash, 128 permutations) over 5-character shingles of the
  normalised text, LSH band keys (25 bands × 5 rows) as lookup keys, confirmed by the
  estimated Jaccard similarity ≥ ``NEAR_THRESHOLD`` (0.6);
- **contained**: 64-bit hashes of the sentences (≥ ``MIN_SENTENCE_CHARS`` normalised chars);
  a copy is contained in another when ≥ ``CONTAINED_THRESHOLD`` of its hashes are there.

Both near and contained also need the year and region to agree where both copies know them.
A document is indexed by the union of its copies' fingerprints, so a copy joins it when it
matches any of them, whatever order they came in; a copy matching several documents merges
them (strong matches only: exact, near, or at least ``MIN_CONTAINED_DOCUMENT`` sentences).
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from array import array
from dataclasses import dataclass
from typing import Any

from rensa import RMinHash

DEDUP_VERSION = "1"
"""Version of the fingerprints and the matching, stored on every copy (``copies.dedup_version``):
bump it with any change to either (`govcrawl reprocess --outdated` then fingerprints and files
the stored copies again, without extracting their pages again)."""

SHINGLE = 5
NUM_PERM = 128
BANDS = 25
ROWS = 5
"""LSH: 25 bands of 5 rows (125 of the 128 values) find pairs of Jaccard 0.7 with p ≈ 0.99 and
0.6 with p ≈ 0.87, while unrelated reports (≈ 0.05; another year of the region ≤ 0.15)
collide with p < 0.002 (16 × 8, the design's first choice, found 0.7 with p ≈ 0.6 only)."""
MINHASH_SEED = 20210224
NEAR_THRESHOLD = 0.6
"""Measured (tests/dedup_data, tests/support/reportgen.py): other regions' and years' reports ≤ 0.15;
copies re-typed with one edit per 40 characters 0.75–0.85, per 20 characters 0.5–0.73."""
CONTAINED_THRESHOLD = 0.8
MIN_SENTENCE_CHARS = 12
MIN_SHARED_SENTENCES = 2
"""A containment needs at least this many shared (non-stock) sentences."""
MIN_CONTAINED_DOCUMENT = 4
"""A stored document found inside a new copy needs this many shared sentences, unless its best
copy is flagged truncated or has the copy's title; and only matches this strong merge documents:
a few leftover lines (a forum signature) must not become a hub that every thread joins."""
SHORTER = 0.9
"""A copy under this share of the best copy's length is an excerpt of it, not a variant."""
STOCK_DOCUMENTS = 5
"""A sentence hash found in this many canonical documents is a stock phrase and ignored."""

_NOT_WORD = re.compile(r"[\W_]+")
# Sentence ends after NFKC: 。！？；(full-width ！？； become !?;) and a period not inside a number
# (re-typed forum copies use "." for "。" but keep "4.4%").
_SENTENCE_END = re.compile(r"[。!?;\n]|\.(?!\d)")


def normalise(text: str) -> str:
    """Text for hashing only: NFKC, without whitespace and punctuation; digits kept."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text))


def sha1(text: str) -> str:
    """SHA-1 of the text exactly as stored."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def hash64(data: bytes) -> int:
    """A signed 64-bit hash (fits an SQLite INTEGER)."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


@dataclass(frozen=True)
class Fingerprint:
    """Everything dedup needs to know about one copy's text, computed once."""

    key: str
    """blake2b of the normalised text (exact matches)."""
    chars: int
    """Length of the normalised text."""
    minhash: bytes
    """The MinHash signature, ``NUM_PERM`` little-endian uint32 (empty for very short texts)."""
    sentences: tuple[int, ...]
    """Sorted distinct 64-bit hashes of the sentences of at least ``MIN_SENTENCE_CHARS`` chars."""

    @property
    def band_keys(self) -> list[int]:
        """LSH band keys: one 64-bit hash per band of the signature, salted with its index."""
        if not self.minhash:
            return []
        size = ROWS * 4
        return [hash64(bytes([band]) + self.minhash[band * size:(band + 1) * size]) for band in range(BANDS)]

    def to_blobs(self) -> dict[str, Any]:
        """Columns of a ``copies`` row."""
        return {"text_key": self.key, "norm_chars": self.chars, "minhash": self.minhash,
                "sentences": array("q", self.sentences).tobytes()}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Fingerprint:
        """Read back what ``to_blobs`` wrote."""
        sentences = array("q")
        sentences.frombytes(row["sentences"] or b"")
        return cls(row["text_key"], row["norm_chars"] or 0, row["minhash"] or b"", tuple(sentences))


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of a copy's text (the CPU-heavy part of dedup: ~1 ms per 10k chars)."""
    text = unicodedata.normalize("NFKC", text)
    normalised = _NOT_WORD.sub("", text)  # normalise(text), keeping the NFKC text for the sentences
    key = hashlib.blake2b(normalised.encode("utf-8"), digest_size=16).hexdigest()
    return Fingerprint(key, len(normalised), minhash(normalised), sentence_hashes(text))


def minhash(normalised: str) -> bytes:
    """MinHash signature of the normalised text's character shingles."""
    if len(normalised) < SHINGLE:
        return b""
    signature = RMinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    signature.update([normalised[i:i + SHINGLE] for i in range(len(normalised) - SHINGLE + 1)])
    return struct.pack(f"<{NUM_PERM}I", *signature.digest())


def sentences(text: str) -> list[str]:
    """Normalised sentences long enough to identify a report (stock phrases included)."""
    parts = (_NOT_WORD.sub("", part) for part in _SENTENCE_END.split(unicodedata.normalize("NFKC", text)))
    return [part for part in parts if len(part) >= MIN_SENTENCE_CHARS]


def sentence_hashes(text: str) -> tuple[int, ...]:
    """Sorted distinct 64-bit hashes of the text's sentences."""
    return tuple(sorted({hash64(part.encode("utf-8")) for part in sentences(text)}))


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two copies from their MinHash signatures."""
    if not a or not b:
        return 0.0
    left, right = struct.unpack(f"<{NUM_PERM}I", a), struct.unpack(f"<{NUM_PERM}I", b)
    return sum(x == y for x, y in zip(left, right, strict=False)) / NUM_PERM


def containment(part: tuple[int, ...], whole: tuple[int, ...]) -> float:
    """Share of ``part``'s sentence hashes found in ``whole`` (0 when ``part`` has none)."""
    if not part:
        return 0.0
    found = set(whole)
    return sum(h in found for h in part) / len(part)


def titles_agree(a: str | None, b: str | None) -> bool:
    """Two titles name the same report: normalised, one holds the other (``…报告（全文）``)."""
    a, b = normalise(a or ""), normalise(b or "")
    return len(min(a, b, key=len)) >= 6 and (a in b or b in a)


def agree(a: Any, b: Any) -> bool:
    """Two metadata values agree when either is unknown or both are equal."""
    return a is None or b is None or a == b


def relation(copy: Fingerprint, best: Fingerprint) -> tuple[str, float]:
    """How a copy relates to its document's best copy: ``(relation, similarity)``.

    ``exact`` for the same normalised text; ``contained`` (share of its sentences found in the
    best copy) for a clearly shorter copy mostly made of the best copy's sentences; ``near``
    (estimated Jaccard) for a similar one; otherwise whichever of the two scores is higher
    (a copy that joined through another copy of the document).
    """
    if copy.key == best.key:
        return "exact", 1.0
    near = jaccard(copy.minhash, best.minhash)
    contained = containment(copy.sentences, best.sentences)
    shorter = copy.chars < SHORTER * best.chars
    if contained >= CONTAINED_THRESHOLD and (shorter or near < NEAR_THRESHOLD):
        return "contained", round(contained, 4)
    if near >= NEAR_THRESHOLD or near > contained:
        return "near", round(near, 4)
    return "contained", round(contained, 4)


KIND_RANK = {"official": 0, "news": 1}
"""Site kinds by trust; mirror, forum, farm, aggregator and unknown sites rank after these."""
COMPLETE_SHARE = 0.8
"""A copy not flagged truncated is complete when it has this share of the longest such copy."""


def ranked(copies: list[dict[str, Any]], current: int | None = None) -> list[dict[str, Any]]:
    """A document's copies, best first: complete over truncated, official portal over news over
    the rest, longer over shorter, earlier publication over later. Between copies equal on all
    of these the ``current`` best copy (an id) stays, so the text does not move for a copy that
    is no better; then URL and segment break ties.

    Each copy is a dict with ``truncated``, ``norm_chars``, ``site_kind``, ``published_on``,
    ``url`` and ``seg``. Completeness comes first: an official portal's preview must not stand
    for the report when a mirror holds the whole text.
    """
    longest = max((c["norm_chars"] or 0 for c in copies if not c["truncated"]), default=0)

    def rank(c: dict[str, Any]) -> tuple[Any, ...]:
        chars = c["norm_chars"] or 0
        complete = not c["truncated"] and chars >= COMPLETE_SHARE * longest
        return (
            not complete, KIND_RANK.get(c["site_kind"], 2), -chars, c["published_on"] or "9999",
            c["id"] != current, c["url"], c["seg"],
        )

    return sorted(copies, key=rank)
