"""File names that are safe on every OS (Linux, macOS, Windows) whatever a title holds."""

from __future__ import annotations

import re
import unicodedata

# Characters Windows refuses in names (and `/`, the POSIX separator), plus control characters.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]')
_SPACES = re.compile(r"\s+")
# Device names Windows reserves with any extension: CON, CON.txt, com1.tar.gz …
_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$")


def safe_name(text: str | None, fallback: str, max_bytes: int = 160) -> str:
    """``text`` as one path component: NFC, no separators, control or reserved characters,
    no leading/trailing dots or spaces, not a Windows device name, at most ``max_bytes``
    bytes of UTF-8 (cut at a character boundary); ``fallback`` when nothing is left."""
    name = unicodedata.normalize("NFC", text or "")
    name = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in name)
    name = _SPACES.sub(" ", _FORBIDDEN.sub("_", name))
    name = truncate_bytes(name.strip(" ."), max_bytes).rstrip(" .")
    if not name:
        return fallback
    return "_" + name if _RESERVED.match(name) else name


def truncate_bytes(text: str, max_bytes: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 encoding fits in ``max_bytes``."""
    return text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")


def name_key(relative_path: str) -> str:
    """What two paths must differ in to coexist on case-insensitive, normalising file systems."""
    return unicodedata.normalize("NFC", relative_path).casefold()
