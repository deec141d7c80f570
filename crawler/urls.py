"""URL canonicalisation: one page, one URL, so it is fetched once per run and stored once.

w3lib's ``canonicalize_url`` sorts the query, drops the fragment, lower-cases scheme and host
and normalises percent-encoding without decoding it: a GBK query (``kw=%D5%FE%B8%AE``) keeps its
exact bytes. On top of it, default ports go, and so do parameters that are session ids on any
server (``;jsessionid=…``, ``PHPSESSID``, ``utm_*`` …). Parameters that are a session id on one
site but meaningful on another (``sid``, ``from``, ``spm`` …) are dropped per site: the sites
file's ``drop_params``. Family-specific forms (Discuz's ``forum.php?mod=viewthread&tid=N`` vs
``thread-N-1-1.html``) are unified by the family's spider before calling this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

_SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "aspsessionid", "cfid", "cftoken"})
"""Query parameters that are session ids whatever the site."""
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*", re.I)
_DEFAULT_PORTS = {("http", "80"), ("https", "443")}


def canonical_url(url: str, drop_params: Iterable[str] = ()) -> str:
    """The canonical form of ``url``; ``drop_params``: the site's own parameters to remove."""
    dropped = _SESSION_PARAMS | {name.lower() for name in drop_params}
    parts = urlsplit(url.strip())
    query = "&".join(part for part in parts.query.split("&") if part and not _unwanted(part, dropped))
    netloc = parts.netloc
    host, _, port = netloc.rpartition(":")
    if host and (parts.scheme.lower(), port) in _DEFAULT_PORTS:
        netloc = host
    path = _PATH_SESSION.sub("", parts.path) or "/"
    return canonicalize_url(urlunsplit((parts.scheme, netloc, path, query, "")))


def _unwanted(pair: str, dropped: frozenset[str]) -> bool:
    name = unquote(pair.split("=", 1)[0]).lower()
    return name in dropped or name.startswith("utm_") or name.startswith("aspsessionid")
