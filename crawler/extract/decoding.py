"""Bytes → text for HTML pages, whatever the page claims about its charset.

Candidates, in order: the BOM; UTF-8 (valid UTF-8 is taken as UTF-8 even when the page
declares gb2312, as city news portals do); the HTTP header's charset; the ``<meta>`` charset
(w3lib's names: GB2312/GBK read as GB18030); GB18030. The first that decodes the bytes without
an error wins. When none does, the one whose *text* (markup, scripts and styles left out)
holds the fewest undecodable bytes wins, and those bytes are dropped: a page of 300 KB whose
200 KB of inline script is ASCII shows under 1 % of U+FFFD overall in the wrong charset, but
its text is full of them. No decoded page holds U+FFFD from a decoding error.

Pages saved by others are sometimes mojibake: Chinese bytes once read as a Western single-byte
charset (windows-1252, ISO-8859-15, Latin-1) and written out again as UTF-8, so they decode
cleanly into ``Ž¬³€±»ÓÎÂÖ``. The *text* tells: most of it is Latin-1-range letters and hardly
any is CJK. Such a page is mapped back to its bytes through each Western charset and decoded
again; the reading whose text is most common Chinese (GB2312 or Big5 characters) wins, and only
when nearly all of it is (`repair_mojibake`).
"""

from __future__ import annotations

import codecs
import html
import re
from itertools import islice

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

# Signatures of common non-HTML bodies served where a page was expected.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"Rar!")
MAX_BAD_SHARE = 0.01
"""Most undecodable bytes, as a share of the text's characters, a page may hold and still be read."""
_NOT_TEXT = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)
_SPACES = re.compile(r"\s+")
# What Chinese bytes read as windows-1252 / ISO-8859-15 / Latin-1 turn into: Latin-1 letters and
# symbols, C1 controls, and the few letters and signs those charsets put in 0x80-0xBF.
_WESTERN = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                      "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_WESTERN_CHARSETS = ("cp1252", "iso8859_15", "latin_1")
MOJIBAKE_SHARE = 0.3
"""Share of a page's text (whitespace aside) in Western letters, with almost no CJK, that marks it as mojibake."""
MOJIBAKE_MIN_CHARS = 40
REPAIRED_CHINESE = 0.95
"""Share of a repair's distinct non-ASCII characters that must be common Chinese for the repair to stand."""


class NotHtml(ValueError):
    """The bytes are not an HTML page (empty, binary, or undecodable)."""


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """The page's encoding and its text; raises `NotHtml` for bodies that are not text."""
    if not body.strip():
        raise NotHtml("empty body")
    if body.startswith(_BINARY_MAGIC) or (b"\x00" in body[:4096] and not body.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise NotHtml("binary content, not an HTML page")
    encoding, page = _decode(body, content_type)
    repaired = repair_mojibake(page, content_type)
    return (encoding, repaired) if repaired is not None else (encoding, page)


def _decode(body: bytes, content_type: str | None) -> tuple[str, str]:
    """The first candidate encoding that decodes the bytes, else the one leaving the fewest bad bytes."""
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


def repair_mojibake(page: str, content_type: str | None = None) -> str | None:
    """The page as it was before its Chinese bytes were read as a Western charset, or None when
    its text is no such mojibake (or no reading of it makes Chinese)."""
    if len(list(islice(_WESTERN.finditer(page), MOJIBAKE_MIN_CHARS))) < MOJIBAKE_MIN_CHARS or not _looks_mojibake(visible_text(page)):
        return None
    best, best_score = None, 0.0
    for charset in _WESTERN_CHARSETS:
        raw = _as_bytes(page, charset)
        if raw is None:
            continue
        for target in _candidates(raw, content_type):
            try:
                text = raw.decode(target)
            except UnicodeDecodeError:
                continue
            score = _chinese_share(visible_text(text))
            if score >= REPAIRED_CHINESE and score > best_score:
                best, best_score = text, score
    return best


def _looks_mojibake(text: str) -> bool:
    """Whether most of a text is Western letters and hardly any of it CJK."""
    chars = len(text) - text.count(" ")
    western = len(_WESTERN.findall(text))
    return western >= MOJIBAKE_MIN_CHARS and western >= MOJIBAKE_SHARE * chars and len(_CJK.findall(text)) * 20 < western


def _chinese_share(text: str) -> float:
    """Share of a text's non-ASCII characters that are common Chinese: in GB2312 (simplified) or
    in Big5 (traditional), whichever holds more. A wrong reading of Chinese bytes is Chinese too,
    but full of rare characters (``幀硛…藷``: four in five common at most)."""
    foreign = {c for c in text if ord(c) > 0x7F}
    if not foreign:
        return 0.0
    return max(sum(1 for c in foreign if _encodes(c, charset)) for charset in ("gb2312", "big5")) / len(foreign)


def _encodes(char: str, charset: str) -> bool:
    try:
        char.encode(charset)
    except UnicodeEncodeError:
        return False
    return True


def _byte_table(charset: str) -> dict[int, int]:
    """Character → the byte a single-byte charset writes it as; a character below U+0100 the
    charset lacks is its own byte (C1 controls: what browsers read windows-1252's unassigned
    bytes as)."""
    table = {ord(bytes([b]).decode(charset, errors="ignore") or "\x00"): b for b in range(0x80, 0x100)}
    table.pop(0, None)
    for code in range(0x80, 0x100):
        table.setdefault(code, code)
    return table


_BYTE_TABLES = {charset: _byte_table(charset) for charset in _WESTERN_CHARSETS}


def _as_bytes(page: str, charset: str) -> bytes | None:
    """The bytes a page read as ``charset`` came from, or None when it holds a character no byte gives."""
    try:
        return page.translate(_BYTE_TABLES[charset]).encode("latin-1")
    except UnicodeEncodeError:
        return None
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
