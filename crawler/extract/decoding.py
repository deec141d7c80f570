"""Bytes → text for HTML pages, whatever the page claims about its charset.

Valid UTF-8 is taken as UTF-8 even when the page declares gb2312 (city news portals do
this). Otherwise the HTTP header, BOM and ``<meta charset>`` decide (w3lib; GB2312/GBK
read as GB18030), and a declaration the bytes contradict falls back to GB18030.
"""

from __future__ import annotations

from w3lib.encoding import html_to_unicode

# Signatures of common non-HTML bodies served where a page was expected.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"Rar!")
_MAX_BAD_SHARE = 0.01


class NotHtml(ValueError):
    """The bytes are not an HTML page (empty, binary, or undecodable)."""


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """The page's encoding and its text; raises `NotHtml` for bodies that are not text."""
    if not body.strip():
        raise NotHtml("empty body")
    if body.startswith(_BINARY_MAGIC) or (b"\x00" in body[:4096] and not body.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise NotHtml("binary content, not an HTML page")
    try:
        return "utf-8", _html_text(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    encoding, text = html_to_unicode(content_type, body)
    if _bad_share(text) > _MAX_BAD_SHARE and encoding != "gb18030":
        encoding, text = "gb18030", body.decode("gb18030", errors="replace")
    if _bad_share(text) > _MAX_BAD_SHARE:
        raise NotHtml(f"undecodable bytes (neither UTF-8 nor {encoding})")
    return encoding, _html_text(text)


def _html_text(text: str) -> str:
    """``text``, unless it is JSON (an API answer where a page was expected)."""
    if text.lstrip()[:1] in ("{", "[") and "<" not in text[:200]:
        raise NotHtml("JSON, not an HTML page")
    return text


def _bad_share(text: str) -> float:
    return text.count("\ufffd") / max(len(text), 1)
