"""URL canonicalisation: one page, one URL, so it is fetched once per run and stored once.

Session ids are dropped (``;jsessionid=…``, ``PHPSESSID``, ``sid``…), the query is sorted,
the fragment removed, the host lower-cased. Family-specific forms (Discuz's
``forum.php?mod=viewthread&tid=N`` vs ``thread-N-1-1.html``) are unified by the family's
spider before calling this.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid", "cfid", "cftoken", "formhash"})
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*", re.I)
# Share-tracking parameters (WeChat/Weibo shares add from=timeline, isappinstalled=0 …).
_TRACKING_PARAMS = frozenset({"spm", "from", "isappinstalled", "scene", "share_token"})


def canonical_url(url: str) -> str:
    """The canonical form of ``url`` (see module docstring)."""
    parts = urlsplit(url.strip())
    path = _PATH_SESSION.sub("", parts.path) or "/"
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _SESSION_PARAMS | _TRACKING_PARAMS and not key.lower().startswith("utm_")
    )
    netloc = parts.netloc.lower()
    if (parts.scheme, netloc.rsplit(":", 1)[-1]) in {("http", "80"), ("https", "443")}:
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))
