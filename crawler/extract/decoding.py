"""Bytes → text for HTML pages, whatever the page claims about its charset.

Candidates, in order: the BOM; UTF-8 (valid UTF-8 is taken as UTF-8 even when the page
declares gb2312, as city news portals do); the HTTP header's charset; the ``<meta>`` charset
(w3lib's names: GB2312/GBK read as GB18030); GB18030. The first that decodes the bytes without
an error wins. When none does, the one whose *text* (markup, scripts and styles left out)
holds the fewest undecodable bytes wins, and those bytes are dropped: a page of 300 KB whose
200 KB of inline script is ASCII shows under 1 % of U+FFFD overall in the wrong charset, but
its text is full of them. No decoded page holds U+FFFD from a decoding error.
"""

from __future__ import annotations

import codecs
import html
import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

# Signatures of common non-HTML bodies served where a page was expected.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"Rar!")
MAX_BAD_SHARE = 0.01
"""Most undecodable bytes, as a share of the text's characters, a page may hold and still be read."""
_NOT_TEXT = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)
_SPACES = re.compile(r"\s+")


class NotHtml(ValueError):
    """The bytes are not an HTML page (empty, binary, or undecodable)."""


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """The page's encoding and its text; raises `NotHtml` for bodies that are not text."""
    if not body.strip():
        raise NotHtml("empty body")
    if body.startswith(_BINARY_MAGIC) or (b"\x00" in body[:4096] and not body.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise NotHtml("binary content, not an HTML page")
    candidates = _candidates(body, content_type)
    for encoding in candidates:
        try:
            return encoding, _html_text(body.decode(encoding))
        except UnicodeDecodeError:
            continue
    encoding, bad = min(((e, _bad_share(body, e)) for e in candidates), key=lambda pair: pair[1])
    if bad > MAX_BAD_SHARE:
        raise NotHtml(f"undecodable bytes (neither UTF-8 nor {', '.join(candidates[1:])})")
    return encoding, _html_text(body.decode(encoding, errors="ignore"))


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: no tags, scripts, styles or comments; entities
    resolved; runs of whitespace as one space. A regular expression, not a parse: it serves
    to measure pages of any size and nesting."""
    return _SPACES.sub(" ", html.unescape(_NOT_TEXT.sub(" ", page))).strip()


def _candidates(body: bytes, content_type: str | None) -> list[str]:
    """Encodings to try, in order, without repeats."""
    bom, _ = read_bom(body)
    found = [bom, "utf-8", http_content_type_encoding(content_type) if content_type else None,
             html_body_declared_encoding(body), "gb18030"]
    candidates: list[str] = []
    for name in found:
        encoding = _python_name(name)
        if encoding and encoding not in candidates:
            candidates.append(encoding)
    return candidates


def _python_name(name: str | None) -> str | None:
    """The Python codec of a charset name (w3lib's aliases first), or None for an unknown one."""
    if not name:
        return None
    resolved = resolve_encoding(name) or name
    try:
        return codecs.lookup(resolved).name
    except LookupError:
        return None


def _bad_share(body: bytes, encoding: str) -> float:
    """Undecodable bytes in the page's text (not its markup) read as ``encoding``, per text character."""
    text = visible_text(body.decode(encoding, errors="replace"))
    return text.count("\ufffd") / max(len(text), 1)


def _html_text(text: str) -> str:
    """``text`` (without a BOM), unless it is JSON (an API answer where a page was expected)."""
    text = text.removeprefix("\ufeff")
    if text.lstrip()[:1] in ("{", "[") and "<" not in text[:200]:
        raise NotHtml("JSON, not an HTML page")
    return text
