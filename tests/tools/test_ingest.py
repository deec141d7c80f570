"""`govcrawl ingest` and `govcrawl dupes`: saved pages and WARC captures through the whole pipeline."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from click.testing import CliRunner
from variants import preview, real_report, retype
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.cli import cli
from crawler.store.db import Store

OFFICIAL = "https://www.wenzhou.gov.cn/art/2021/4/8/art_1229117851_59100002.html"
MIRROR = "https://bbs.example.cn/thread-88-1-1.html"


def html_page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<div class="nav">首页 &gt; 政务公开</div><article><h1>{title}</h1>{paragraphs}</article>'
        f'<div class="footer">版权所有</div></body></html>'
    ).encode()


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    """Response records (url, content type, body, WARC-Date), each after its request record."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, content_type, body, date in records:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True))
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            response = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                 warc_headers_dict={"WARC-Date": date})
            writer.write_record(request)
            writer.write_record(response)


def ingest(*args: str) -> object:
    return CliRunner().invoke(cli, ["ingest", *args], catch_exceptions=False)


def test_ingest_warc_and_html_into_one_document(tmp_path: Path) -> None:
    title, text = real_report("longgang-2021")
    warc = tmp_path / "capture.warc.gz"
    write_warc(warc, [
        (OFFICIAL, "text/html; charset=utf-8", html_page(title, text), "2021-04-09T02:03:04Z"),
        ("https://www.wenzhou.gov.cn/style.css", "text/css", b"body { color: red }", "2021-04-09T02:03:05Z"),
    ])
    saved = tmp_path / "thread.html"
    saved.write_bytes(html_page(title, retype(text, 8, 1)))
    db = tmp_path / "db.sqlite"
    result = ingest(str(warc), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "1 pages stored: 1 new documents" in result.output and "1 archive records were not report pages" in result.output
    result = ingest(str(saved), "--url", MIRROR, "--db", str(db))
    assert result.exit_code == 0, result.output
    store = Store(db)
    [document] = store.documents()
    copies = {c["url"]: c for c in store.copies_of(document["id"])}
    official, mirror = copies[OFFICIAL], copies[MIRROR]
    assert (official["site"], official["fetched_at"], official["relation"]) == ("wenzhou", "2021-04-09T02:03:04+00:00", "canonical")
    assert (mirror["site"], mirror["relation"]) == ("bbs.example.cn", "near") and mirror["similarity"] >= 0.9
    kinds = dict(store.db.execute("select url, site_kind from pages").fetchall())
    assert kinds == {OFFICIAL: "official", MIRROR: "mirror"}
    assert document["best_copy_id"] == official["id"] and document["region"] == "龙港市" and document["year"] == 2021


def test_a_better_copy_ingested_later_takes_over_the_same_document(tmp_path: Path) -> None:
    title, text = real_report("cixi-2021")
    db = tmp_path / "db.sqlite"
    farm = tmp_path / "farm.html"
    farm.write_bytes(html_page(title, preview(text, 0.2)))
    official = tmp_path / "official.warc"
    write_warc(official, [("https://www.cixi.gov.cn/art/2021/1.html", "text/html", html_page(title, text), "2021-03-01T00:00:00Z")])
    assert ingest(str(farm), "--url", "https://wenku.example.com/p/1.html", "--db", str(db)).exit_code == 0
    [before] = Store(db).documents()
    assert ingest(str(official), "--site", "wenzhou", "--db", str(db)).exit_code == 0
    [after] = Store(db).documents()
    assert after["id"] == before["id"] and after["best_copy_id"] != before["best_copy_id"]
    assert len(after["text"]) > 3 * len(before["text"])
    result = CliRunner().invoke(cli, ["dupes", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"document {after['id']}  {title}") and "2 copies" in lines[0]
    assert lines[1].split()[:4] == ["canonical", "1.000", "wenzhou", "official"]
    assert lines[2].split()[0] == "contained" and "https://wenku.example.com/p/1.html" in lines[2]


def test_bad_files_get_one_line_each_and_spoil_nothing(tmp_path: Path) -> None:
    title, text = real_report("baoxing-2021")
    db = tmp_path / "db.sqlite"
    good = tmp_path / "good.html"
    good.write_bytes(html_page(title, text))
    assert ingest(str(good), "--url", "https://www.baoxing.gov.cn/1.html", "--db", str(db)).exit_code == 0
    binary = tmp_path / "scan.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(gzip.compress(b"this is not a WARC record\r\n" * 20))
    truncated = tmp_path / "cut.warc.gz"
    write_warc(truncated, [("https://www.baoxing.gov.cn/2.html", "text/html", html_page(title, text), "2021-03-01T00:00:00Z")])
    truncated.write_bytes(truncated.read_bytes()[:-400])
    files = [binary, broken, truncated, tmp_path / "missing.html"]
    result = CliRunner().invoke(cli, ["ingest", *map(str, files), "--db", str(db)])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 4, result.stderr
    assert errors[0] == f"error: {binary}: binary content, not an HTML page"
    assert errors[1].startswith(f"error: {broken}: not a readable WARC file")
    assert errors[2] == f"error: {truncated}: the record of https://www.baoxing.gov.cn/2.html is cut short"
    assert errors[3] == f"error: {files[3]}: No such file or directory"
    assert "Traceback" not in result.output
    store = Store(db)
    assert (store.count("documents"), store.count("copies"), store.count("pages")) == (1, 1, 1)


def test_unknown_site_is_a_user_error(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_bytes(b"<html><body><p>x</p></body></html>")
    result = CliRunner().invoke(cli, ["ingest", str(page), "--site", "nowhere", "--db", str(tmp_path / "db.sqlite")])
    assert result.exit_code == 1 and "unknown site 'nowhere'" in result.output


def test_dupes_shows_a_merged_id_as_its_group(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    result = CliRunner().invoke(cli, ["dupes", "--document", "5", "--db", str(db)])
    assert result.exit_code == 1 and "no database" in result.output
    Store(db).close()
    result = CliRunner().invoke(cli, ["dupes", "--document", "5", "--db", str(db)])
    assert result.exit_code == 1 and "no document 5" in result.output
