"""Serve recorded sites over real HTTP on 127.0.0.1, as a forward proxy.

Layout: ``tests/sites/<host>/<path>`` holds the bytes a URL answered with, e.g.
``https://www.wenzhou.gov.cn/col/col1229117804/index.html`` →
``tests/sites/www.wenzhou.gov.cn/col/col1229117804/index.html``. An optional
``tests/sites/<host>/_site.json`` sets what files alone cannot say::

    {"scheme": "https",
     "headers": {"Content-Type": "text/html;charset=UTF-8"},      # sent with every file
     "last_modified": "Tue, 03 Jun 2025 02:00:00 GMT",             # default Last-Modified
     "files": {"/path": {"status": 200, "headers": {...}}},        # per-URL overrides
     "routes": [{"method": "POST", "path": "/module/web/jpage/dataproxy.jsp",
                 "params": {"columnid": "1229117804", "startrecord": "11"},
                 "file": "_dynamic/col1229117804_11.xml", "headers": {...}}]}

A route matches when method and path match and each listed param equals the request's
query or form value. ``"challenge": {"kind": "jiasule"|"attackevasive", "page": "_challenge.html",
"passes_with_cookie": true}`` puts the site behind an anti-bot wall: every request without
the wall's cookie gets the challenge page (521 for 加速乐) and the cookie; with
``passes_with_cookie`` false, the wall never lets a crawler through. Paths starting with ``_`` are never served by path. Every answer
carries an ETag (content hash) and Last-Modified, and conditional requests get 304.

Faults, per file, for the fault-injection suite (tests/faults/): ``"fault": "stall"`` answers after
``"seconds"`` (default 30); ``"reset"`` resets the connection; ``"short"`` sends half the body
and closes. ``"sequence": [override, …]`` answers the n-th request for the path with the n-th
override (status, headers, fault), the last one ever after: a 429 first, the page next.

Every Host and path is resolved and confined under the sites directory: a Host that is no
host name (``../../..``) gets 400, a path outside the host's folder 404.

Crawlers reach the server as an HTTP proxy (``request.meta["proxy"]``): plain HTTP
requests arrive with absolute URIs; HTTPS requests arrive as CONNECT tunnels, which the
server terminates with a throw-away self-signed certificate. Hosts without a recording
get 421 Misdirected Request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import mimetypes
import re
import socket
import ssl
import struct
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

logger = logging.getLogger(__name__)

DEFAULT_SITES_DIR = Path(__file__).resolve().with_name("demo_sites")
"""The recorded sites `govcrawl demo` serves: package data (in a checkout, a link to tests/sites)."""
_NOT_FOUND = "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>"


def replay_opener(replay_url: str) -> urllib.request.OpenerDirector:
    """A urllib opener that reaches recorded sites through the replay server (whose per-host
    certificates are its own, so they are not verified) and keeps cookies, as a crawler does."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(),
        urllib.request.ProxyHandler({"http": replay_url, "https": replay_url}),
        urllib.request.HTTPSHandler(context=context),
    )


_HOST_NAME = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
"""A DNS host name: what a recording's folder may be called (no ``..``, no ``/``)."""


@dataclass
class Answer:
    """What the server sends for one request."""

    status: int
    headers: dict[str, str]
    body: bytes
    fault: dict[str, Any] = field(default_factory=dict)
    """``{"fault": "stall"|"reset"|"short", "seconds": …}`` or empty."""


def recorded_hosts(sites_dir: Path) -> set[str]:
    """Hosts that have a recording under ``sites_dir``."""
    return {p.name for p in sites_dir.iterdir() if p.is_dir() and not p.name.startswith(".")} if sites_dir.is_dir() else set()


# The cookie each emulated anti-bot wall sets, and the status it answers with.
_CHALLENGE_COOKIES = {"jiasule": ("__jsluid_s", 521), "attackevasive": ("cdb_lastrequest", 200)}


class RecordedSite:
    """One host's recording: files, per-file overrides and dynamic routes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        config_file = root / "_site.json"
        self.config: dict[str, Any] = json.loads(config_file.read_text("utf-8")) if config_file.exists() else {}
        self._asked: dict[str, int] = {}
        self._lock = threading.Lock()

    def resolve(self, method: str, path: str, params: dict[str, str]) -> Answer:
        """What the recorded server answers with."""
        for route in self.config.get("routes", []):
            if route.get("method", "GET") == method and route["path"] == path and all(
                params.get(k) == str(v) for k, v in route.get("params", {}).items()
            ):
                return self._answer(self.root / route["file"], route)
        relative = unquote(path).lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        file = (self.root / relative).resolve()
        if relative.startswith("_") or self.root.resolve() not in file.parents or not file.is_file():
            return Answer(404, {"Content-Type": "text/html;charset=UTF-8"}, _NOT_FOUND.encode())
        return self._answer(file, self._override(path))

    def _override(self, path: str) -> dict[str, Any]:
        """The file's override; with a ``sequence``, the one for this request's turn."""
        override = self.config.get("files", {}).get(path, {})
        if "sequence" not in override:
            return override
        with self._lock:
            turn = self._asked[path] = self._asked.get(path, 0) + 1
        sequence = override["sequence"]
        return sequence[min(turn, len(sequence)) - 1]

    def challenge(self, cookie_header: str) -> Answer | None:
        """The anti-bot wall's answer to a request with these cookies, or None to let it through."""
        spec = self.config.get("challenge")
        if not spec:
            return None
        cookie, status = _CHALLENGE_COOKIES[spec["kind"]]
        if spec.get("passes_with_cookie") and f"{cookie}=" in cookie_header:
            return None
        headers = {"Content-Type": "text/html", "Set-Cookie": f"{cookie}=5f1c0e0a9d3b4e7f8a2b6c1d0e9f8a7b; Path=/"}
        return Answer(status, headers, (self.root / spec["page"]).read_bytes())

    def _answer(self, file: Path, override: dict[str, Any]) -> Answer:
        body = file.read_bytes()
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        headers = {"Content-Type": content_type, **self.config.get("headers", {})}
        if not content_type.startswith("text/html"):
            headers["Content-Type"] = content_type
        headers["ETag"] = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        if "last_modified" in self.config:
            headers["Last-Modified"] = self.config["last_modified"]
        headers.update(override.get("headers", {}))
        fault: dict[str, Any] = {key: override[key] for key in ("fault", "seconds") if key in override}
        return Answer(int(override.get("status", 200)), headers, body, fault)


class ReplayHandler(BaseHTTPRequestHandler):
    """Answers proxied requests from the recordings."""

    server: ReplayServer
    protocol_version = "HTTP/1.1"
    tunnel_host: str | None = None  # set on the handler class serving a CONNECT tunnel

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        logger.debug("replay: " + format, *args)

    def do_CONNECT(self) -> None:  # noqa: N802 - stdlib naming
        host = self.path.split(":")[0]
        self.send_response(200, "Connection established")
        self.end_headers()
        tls = self.server.tls_context(host).wrap_socket(self.connection, server_side=True)
        tunnel = type("TunnelHandler", (ReplayHandler,), {"tunnel_host": host})
        tunnel(tls, self.client_address, self.server)
        self.close_connection = True

    def do_GET(self) -> None:  # noqa: N802
        self._serve("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def _serve(self, method: str) -> None:
        url = urlsplit(self.path)
        netloc = self.tunnel_host or url.netloc or self.headers.get("Host") or ""
        host = urlsplit(f"//{netloc}").hostname or ""
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            params.update(parse_qsl(self.rfile.read(length).decode("utf-8", "replace"), keep_blank_values=True))
        scheme = "https" if self.tunnel_host else "http"
        self.server.log_request_line(method, f"{scheme}://{netloc}{url.path}{'?' + url.query if url.query else ''}")
        answer = self._answer(method, host, url.path or "/", params)
        if self.server.answer_delay:
            time.sleep(self.server.answer_delay)
        self._send(method, answer)

    def _answer(self, method: str, host: str, path: str, params: dict[str, str]) -> Answer:
        if not _HOST_NAME.match(host):
            return Answer(400, {"Content-Type": "text/plain"}, b"not a host name")
        site = self.server.site(host)
        if site is None:
            return Answer(421, {"Content-Type": "text/plain"}, f"host not recorded: {host}".encode())
        answer = site.challenge(self.headers.get("Cookie", "")) or site.resolve(method, path, params)
        if answer.status == 200 and self._not_modified(answer.headers):
            answer.status, answer.body = 304, b""
        return answer

    def _send(self, method: str, answer: Answer) -> None:
        """Write the answer, or the fault it carries."""
        fault = answer.fault.get("fault")
        if fault == "stall":
            time.sleep(float(answer.fault.get("seconds", 30)))
        if fault == "reset":  # RST instead of an answer: SO_LINGER with a zero timeout, then close
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(answer.body[: len(answer.body) // 2] if fault == "short" else answer.body)
        if fault == "short":
            self.close_connection = True

    def _not_modified(self, headers: dict[str, str]) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match:
            return if_none_match == headers.get("ETag")
        since, modified = self.headers.get("If-Modified-Since"), headers.get("Last-Modified")
        if since and modified:
            try:
                return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False


class ReplayServer(ThreadingHTTPServer):
    """The replay proxy; ``start()`` runs it in a daemon thread and returns its URL."""

    daemon_threads = True
    request_queue_size = 128  # socketserver's 5 drops the SYNs of a crawl opening 16 connections at once

    def __init__(self, sites_dir: Path = DEFAULT_SITES_DIR, port: int = 0, delay: float = 0.0) -> None:
        self.sites_dir = Path(sites_dir)
        self.answer_delay = delay
        """Seconds each answer waits (``govcrawl replay --delay``)."""
        self._sites: dict[str, RecordedSite] = {}
        self._tls: dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []
        """(method, URL) of every request answered, in order — what tests assert a spider fetched."""
        self.times: list[float] = []
        """When each of ``requests`` arrived (``time.monotonic()``)."""
        super().__init__(("127.0.0.1", port), ReplayHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def log_request_line(self, method: str, url: str) -> None:
        with self._lock:
            self.requests.append((method, url))
            self.times.append(time.monotonic())

    def requested(self, host: str) -> list[tuple[str, str]]:
        """Requests made for ``host`` so far."""
        with self._lock:
            return [(m, u) for m, u in self.requests if urlsplit(u).hostname == host]

    def site(self, host: str) -> RecordedSite | None:
        """The recording of ``host``, or None; never a folder outside the sites directory."""
        with self._lock:
            if host not in self._sites:
                root = (self.sites_dir / host).resolve()
                if root.parent != self.sites_dir.resolve() or not root.is_dir():
                    return None
                self._sites[host] = RecordedSite(root)
            return self._sites[host]

    def reload(self) -> None:
        """Read every recording afresh on its next request (for tests that change one between crawls)."""
        with self._lock:
            self._sites.clear()

    def tls_context(self, host: str) -> ssl.SSLContext:
        """TLS context with a certificate for ``host`` (made once per host)."""
        with self._lock:
            if host not in self._tls:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                with tempfile.TemporaryDirectory() as tmp:
                    context.load_cert_chain(*_self_signed_certificate(Path(tmp), host))
                self._tls[host] = context
            return self._tls[host]

    def start(self) -> str:
        threading.Thread(target=self.serve_forever, name="replay-server", daemon=True).start()
        return self.url

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        logger.debug("replay: connection from %s ended abruptly", client_address)


def _self_signed_certificate(folder: Path, host: str) -> tuple[Path, Path]:
    """A throw-away certificate for the TLS end of CONNECT tunnels (crawlers do not verify)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path
