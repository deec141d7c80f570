"""`govcrawl replay`: serves the recordings as a proxy until SIGTERM; confined to its sites directory."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import urllib.error
from pathlib import Path

import pytest
from conftest import SITES

from crawler.tools.replay import ReplayServer, replay_opener

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
REPORT = "/art/2021/3/1/art_1229117804_59100001.html"


def _raw(server: ReplayServer, request: bytes) -> bytes:
    """What the server answers to ``request`` sent as is (no client library tidying it up)."""
    with socket.create_connection(server.server_address, timeout=10) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("request_bytes", [
    b"GET /etc/passwd HTTP/1.0\r\nHost: ../../../..\r\n\r\n",
    b"GET /../../../../etc/passwd HTTP/1.0\r\nHost: www.wenzhou.gov.cn\r\n\r\n",
    b"GET /%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.0\r\nHost: www.wenzhou.gov.cn\r\n\r\n",
    b"GET http://../etc/passwd HTTP/1.0\r\n\r\n",
    b"GET http://..%2f..%2f..%2f../etc/passwd HTTP/1.0\r\n\r\n",
    b"GET /passwd HTTP/1.0\r\nHost: /etc\r\n\r\n",
    b"GET /_site.json HTTP/1.0\r\nHost: www.wenzhou.gov.cn\r\n\r\n",
])
def test_no_host_or_path_leaves_the_sites_directory(replay_server: ReplayServer, request_bytes: bytes) -> None:
    answer = _raw(replay_server, request_bytes)
    status = int(answer.split(b" ", 2)[1])
    assert status in (400, 404, 421), answer[:200]
    assert b"root:" not in answer and b"\"headers\"" not in answer


def test_replay_command_serves_until_sigterm(tmp_path: Path) -> None:
    process = subprocess.Popen([GOVCRAWL, "replay", "--sites-dir", str(SITES), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=SITES.parents[1])
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("replaying tests/sites at http://127.0.0.1:"), line
        url = line.rsplit(" ", 1)[1]
        body = replay_opener(url).open("https://www.wenzhou.gov.cn" + REPORT, timeout=30).read()
        assert body == (SITES / "www.wenzhou.gov.cn" / REPORT.lstrip("/")).read_bytes()
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr


def test_replay_delay_slows_every_answer() -> None:
    process = subprocess.Popen([GOVCRAWL, "replay", "--sites-dir", str(SITES), "--port", "0", "--delay", "5"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=SITES.parents[1])
    try:
        url = process.stdout.readline().strip().rsplit(" ", 1)[1]
        with pytest.raises((TimeoutError, urllib.error.URLError)):
            replay_opener(url).open("http://www.wenzhou.gov.cn/robots.txt", timeout=0.5)  # answered after 5 s
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    assert process.returncode == 0


def test_bad_arguments_get_one_line(tmp_path: Path) -> None:
    result = subprocess.run([GOVCRAWL, "replay", "--sites-dir", str(tmp_path / "none")], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = subprocess.run([GOVCRAWL, "replay", "--delay", "-1"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "Traceback" not in result.stderr
