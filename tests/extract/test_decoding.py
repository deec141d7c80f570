"""Decoding: header, BOM and meta; GB18030 when UTF-8 leaves replacement characters in the text."""

from __future__ import annotations

import pytest
from hostile_site import gbk_page, report, report_page

from crawler.extract.decoding import NotHtml, decode_html, visible_text


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "text/html", None])
def test_gbk_page_with_200_kb_of_script_labelled_utf8_or_not(content_type: str | None) -> None:
    body = gbk_page(2009)
    assert 290_000 < len(body) < 330_000 and body.count(b"var cfg") > 4000
    assert body.decode("utf-8", "replace").count("\ufffd") / len(body) < 0.01  # why the old 1 % rule missed it
    encoding, page = decode_html(body, content_type)
    assert encoding == "gb18030"
    assert "\ufffd" not in page
    assert report(2009, 1200)[1].splitlines()[0] in visible_text(page)


def test_declarations_bom_and_valid_utf8() -> None:
    text = "<html><head><meta charset=\"gbk\"><title>政府工作报告</title></head><body>各位代表</body></html>"
    assert decode_html(text.encode("gbk")) == ("gb18030", text)
    assert decode_html(text.encode("utf-8"), "text/html; charset=gbk") == ("utf-8", text)  # valid UTF-8 wins
    assert decode_html(b"\xef\xbb\xbf" + text.encode("utf-8"))[1] == text
    assert decode_html("<p>Ünïcode</p>".encode("cp1252"), "text/html; charset=iso-8859-1") == ("cp1252", "<p>Ünïcode</p>")


def test_a_few_broken_bytes_are_dropped_never_replaced() -> None:
    text = "<html><body><p>" + "各位代表：现在，我代表市人民政府向大会报告工作。" * 40 + "</p></body></html>"
    body = text.encode("gbk")
    cut = len("<html><body><p>") + 100  # between two characters
    broken = body[:cut] + b"\xff" + body[cut:]
    encoding, page = decode_html(broken, "text/html; charset=utf-8")
    assert encoding == "gb18030" and "\ufffd" not in page and len(page) == len(text)


def test_what_is_no_page_is_refused() -> None:
    for body in (b"", b"%PDF-1.7 ...", b"{\"ok\": true}", bytes(range(256)) * 40):
        with pytest.raises(NotHtml):
            decode_html(body, "text/html")


def test_visible_text_leaves_out_markup_scripts_and_styles() -> None:
    page = "<html><head><style>p{color:red}</style><script>var a = '<p>x</p>';</script></head><body><p>各位&nbsp;代表</p><!-- c --></body></html>"
    assert visible_text(page) == "各位 代表"


@pytest.mark.parametrize(("original", "misread"), [("gbk", "iso8859_15"), ("gbk", "cp1252"), ("utf-8", "cp1252"), ("big5", "latin_1")])
def test_chinese_once_read_as_a_western_charset_and_saved_as_utf8_is_repaired(original: str, misread: str) -> None:
    page = report_page(2011, 800).replace('charset="utf-8"', f'charset="{original}"')
    if original == "big5":  # Big5 holds traditional characters only
        page = page.translate(str.maketrans("报告这个们为发展经济会议国际区县业时来对开关进实现产动过",
                                            "報告這個們為發展經濟會議國際區縣業時來對開關進實現產動過"))
        page = page.encode("big5", errors="ignore").decode("big5")
    # a byte the charset leaves unassigned reads as the C1 control of its value, as browsers read it
    misreading = "".join(bytes([b]).decode(misread, errors="ignore") or chr(b) for b in page.encode(original))
    mojibake = misreading.encode("utf-8")
    encoding, repaired = decode_html(mojibake, "text/html; charset=utf-8")
    assert encoding == "utf-8"
    assert visible_text(repaired) == visible_text(page)


@pytest.mark.parametrize("text", [
    "Le conseil municipal a présenté son rapport annuel : économie, éducation, santé publique et vie associative. " * 20,
    "Die Stadtverwaltung legte ihren Jahresbericht vor: Wirtschaft, Bildung, Gesundheit, Verkehr und Umweltschutz. " * 20,
    "各位代表：全年平均气温18.5°C，降水量1200毫米；粮食总产量×万吨，增长3.5％。" * 20,
])
def test_western_and_chinese_pages_are_left_as_they_are(text: str) -> None:
    page = f"<html><head><meta charset=\"utf-8\"></head><body><p>{text}</p></body></html>"
    assert decode_html(page.encode("utf-8")) == ("utf-8", page)

