"""`govcrawl ingest` runs the crawl's page gates (challenge, list page, not a document)
whatever HTTP status a saved file or WARC record is given."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
SITES = Path(__file__).resolve().parents[1] / "sites"
CHALLENGE = SITES / "www.ruian.gov.cn" / "_challenge.html"
COLUMN = SITES / "www.wenzhou.gov.cn" / "col" / "col1229117804" / "index.html"
COLUMN_URL = "https://www.wenzhou.gov.cn/col/col1229117804/index.html"


def govcrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([GOVCRAWL, *args], capture_output=True, text=True, timeout=120)


def documents(db: Path) -> int:
    if not db.exists():
        return 0
    connection = sqlite3.connect(db)
    try:
        return connection.execute("select count(*) from documents").fetchone()[0]
    finally:
        connection.close()


def warc(path: Path, url: str, body: bytes, status: str = "200 OK") -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return path


def test_a_saved_challenge_page_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    page = tmp_path / "challenge.html"
    page.write_bytes(CHALLENGE.read_bytes())
    result = govcrawl("ingest", str(page), "--url", "https://www.ruian.gov.cn/art/2021/3/1/art_1.html", "--db", str(db))
    assert result.returncode == 1
    assert "challenge.html" in result.stderr and "anti-bot" in result.stderr and "Traceback" not in result.stderr
    assert documents(db) == 0


@pytest.mark.parametrize("status", ["200 OK", "521 Origin Down"])
def test_a_challenge_in_a_warc_is_not_a_document(tmp_path: Path, status: str) -> None:
    db = tmp_path / "x.db"
    capture = warc(tmp_path / "c.warc.gz", "https://www.ruian.gov.cn/art/2021/3/1/art_1.html", CHALLENGE.read_bytes(), status)
    result = govcrawl("ingest", str(capture), "--db", str(db))
    assert "1 archive records were not report pages" in result.stdout, result.stdout + result.stderr
    assert documents(db) == 0


def test_a_column_page_in_a_warc_is_not_a_document(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = govcrawl("ingest", str(warc(tmp_path / "col.warc.gz", COLUMN_URL, COLUMN.read_bytes())), "--db", str(db))
    assert "1 archive records were not report pages" in result.stdout, result.stdout + result.stderr
    assert documents(db) == 0


def test_a_saved_column_page_is_refused_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    page = tmp_path / "index.html"
    page.write_bytes(COLUMN.read_bytes())
    result = govcrawl("ingest", str(page), "--url", COLUMN_URL, "--db", str(db))
    assert result.returncode == 1 and "index.html" in result.stderr and "list page" in result.stderr
    assert documents(db) == 0
