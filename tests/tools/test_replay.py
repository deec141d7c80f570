"""The replay server answers like the recorded site would, over real HTTP and HTTPS."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.tools.replay import ReplayServer, replay_opener

HOST = "www.example.gov.cn"


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    root = tmp_path / HOST
    (root / "col" / "col1").mkdir(parents=True)
    (root / "_dynamic").mkdir()
    (root / "col" / "col1" / "index.html").write_text("<html>列表</html>", "utf-8")
    (root / "old.html").write_bytes("<html>旧页面</html>".encode("gb18030"))
    (root / "_dynamic" / "p2.xml").write_text("<datastore>2</datastore>", "utf-8")
    (tmp_path / "secrets.txt").write_text("outside every recording", "utf-8")
    (root / "_site.json").write_text(
        json.dumps(
            {
                "headers": {"Content-Type": "text/html;charset=UTF-8"},
                "last_modified": "Tue, 03 Jun 2025 02:00:00 GMT",
                "files": {"/old.html": {"headers": {"Content-Type": "text/html; charset=gbk"}}},
                "routes": [
                    {"method": "POST", "path": "/module/web/jpage/dataproxy.jsp", "params": {"startrecord": "11"},
                     "file": "_dynamic/p2.xml", "headers": {"Content-Type": "text/xml;charset=UTF-8"}}
                ],
            }
        ),
        "utf-8",
    )
    return tmp_path


@pytest.fixture
def proxy(site_dir: Path) -> Iterator[str]:
    server = ReplayServer(site_dir)
    url = server.start()
    yield url
    server.shutdown()
    server.server_close()


def fetch(proxy: str, url: str, data: bytes | None = None, headers: dict | None = None):
    try:
        with replay_opener(proxy).open(urllib.request.Request(url, data=data, headers=headers or {}), timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_serves_recorded_file_with_site_headers(proxy: str) -> None:
    status, headers, body = fetch(proxy, f"http://{HOST}/col/col1/index.html")
    assert status == 200
    assert headers["Content-Type"] == "text/html;charset=UTF-8"
    assert headers["Last-Modified"] == "Tue, 03 Jun 2025 02:00:00 GMT"
    assert headers["ETag"].startswith('"')
    assert body.decode("utf-8") == "<html>列表</html>"


def test_https_through_connect_tunnel(proxy: str) -> None:
    status, _, body = fetch(proxy, f"https://{HOST}/col/col1/index.html")
    assert (status, body.decode("utf-8")) == (200, "<html>列表</html>")


def test_per_file_headers_and_raw_bytes(proxy: str) -> None:
    status, headers, body = fetch(proxy, f"http://{HOST}/old.html")
    assert headers["Content-Type"] == "text/html; charset=gbk"
    assert body.decode("gb18030") == "<html>旧页面</html>"


def test_post_route_matches_form_params(proxy: str) -> None:
    url = f"http://{HOST}/module/web/jpage/dataproxy.jsp?startrecord=11&endrecord=20&perpage=10"
    status, headers, body = fetch(proxy, url, data=b"columnid=1&unitid=2")
    assert (status, body) == (200, b"<datastore>2</datastore>")
    assert headers["Content-Type"] == "text/xml;charset=UTF-8"
    assert fetch(proxy, url.replace("startrecord=11", "startrecord=21"), data=b"columnid=1")[0] == 404


def test_missing_private_and_unrecorded(proxy: str) -> None:
    assert fetch(proxy, f"http://{HOST}/nope.html")[0] == 404
    assert fetch(proxy, f"http://{HOST}/_site.json")[0] == 404
    assert fetch(proxy, f"http://{HOST}/../secrets.txt")[0] == 404  # the file exists, outside the recording
    assert fetch(proxy, f"http://{HOST}/%2e%2e/secrets.txt")[0] == 404
    assert fetch(proxy, "http://www.not-recorded.cn/")[0] == 421


def test_conditional_requests_get_304(proxy: str) -> None:
    _, headers, _ = fetch(proxy, f"http://{HOST}/col/col1/index.html")
    assert fetch(proxy, f"http://{HOST}/col/col1/index.html", headers={"If-None-Match": headers["ETag"]})[0] == 304
    since = {"If-Modified-Since": "Wed, 04 Jun 2025 00:00:00 GMT"}
    assert fetch(proxy, f"http://{HOST}/col/col1/index.html", headers=since)[0] == 304
    earlier = {"If-Modified-Since": "Mon, 02 Jun 2025 00:00:00 GMT"}
    assert fetch(proxy, f"http://{HOST}/col/col1/index.html", headers=earlier)[0] == 200
