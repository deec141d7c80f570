"""A socket guard for crawls run as subprocesses: with ``PYTHONPATH`` holding this folder and
``GOVCRAWL_SOCKET_GUARD=FILE``, any connection or name lookup for a host other than 127.0.0.1
(localhost) is refused and written to FILE, one line per attempt. Python imports
``sitecustomize`` at start-up, so the guard is in place before govcrawl, Scrapy or
tldextract run a line."""

from __future__ import annotations

import os
import socket
from typing import Any

_LOCAL = {"127.0.0.1", "localhost", "::1", None, ""}


def _refuse(what: str, host: Any) -> None:
    with open(os.environ["GOVCRAWL_SOCKET_GUARD"], "a", encoding="utf-8") as log:
        log.write(f"{what} {host}\n")
    raise OSError(f"socket guard: no network in this test ({what} {host})")


def _install() -> None:
    connect, connect_ex, getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOCAL:
            _refuse("connect", address[0])
        return connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOCAL:
            _refuse("connect", address[0])
        return connect_ex(self, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if (host.decode() if isinstance(host, bytes) else host) not in _LOCAL:
            _refuse("resolve", host)
        return getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex = guarded_connect, guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = guarded_getaddrinfo


if os.environ.get("GOVCRAWL_SOCKET_GUARD"):
    _install()
