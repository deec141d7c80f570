"""The generic page type on pages the family page types do not cover."""

from __future__ import annotations

from crawler.extract.pages.registry import extract_drafts

REPORT = "".join(f"<p>第{i}条：各位代表，现在我代表县人民政府向大会报告工作，请予审议。</p>" for i in range(40))


def test_xhtml_page_with_an_xml_declaration_is_read() -> None:
    # Older portals serve XHTML 1.0 with an XML prolog; lxml refuses a str that declares an encoding.
    html = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>2020年某县政府工作报告</title></head>'
        f'<body><div class="article">{REPORT}</div></body></html>'
    )
    [draft] = extract_drafts("http://www.example.gov.cn/a.html", html)
    lines = draft.text.splitlines()
    assert (draft.page_type, draft.title) == ("generic", "2020年某县政府工作报告")
    assert (lines[0], lines[-1], len(lines)) == (
        "第0条：各位代表，现在我代表县人民政府向大会报告工作，请予审议。",
        "第39条：各位代表，现在我代表县人民政府向大会报告工作，请予审议。",
        40,
    )
