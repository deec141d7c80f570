"""Recognising the same report across copies.

Only exact matches so far: two copies are the same document when their texts agree after
normalisation (NFKC, no whitespace, no punctuation). Near and contained copies come next.
"""

from __future__ import annotations

import hashlib
import unicodedata

from sqlite_utils import Database


def normalise(text: str) -> str:
    """Text for hashing only: NFKC, without whitespace and punctuation; digits kept."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def text_key(text: str) -> str:
    """Hash of the normalised text: equal for copies that differ only in layout."""
    return hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=16).hexdigest()


def sha1(text: str) -> str:
    """SHA-1 of the text exactly as stored."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def find_exact(db: Database, key: str) -> int | None:
    """The document whose normalised text hashes to ``key``, if any."""
    row = db.execute("select id from documents where text_key = ? order by id limit 1", [key]).fetchone()
    return row[0] if row else None
