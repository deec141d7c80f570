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


def _page(title: str, body: str, head: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}<title>{title}</title></head><body>{body}</body></html>"


def test_title_drops_site_and_column_names_of_the_page_title() -> None:
    html = _page("2023年某县政府工作报告_政务公开_某县人民政府", f"<div class='logo'><h1>某县人民政府</h1></div><h2>2023年某县政府工作报告</h2>{REPORT}")
    [draft] = extract_drafts("http://www.example.gov.cn/a.html", html)
    assert draft.title == "2023年某县政府工作报告"


def test_title_meta_wins_over_headings() -> None:
    html = _page("首页_某县", f"<h1>某县</h1>{REPORT}", head='<meta name="ArticleTitle" content="关于印发某县工作要点的通知">')
    [draft] = extract_drafts("http://www.example.gov.cn/a.html", html)
    assert draft.title == "关于印发某县工作要点的通知"


def test_published_date_from_meta_then_info_line_then_url() -> None:
    body = f"<h1>2023年某县政府工作报告</h1><div class='info'>来源：县政府办</div><div class='text'>{REPORT}</div>"
    meta = '<meta property="article:published_time" content="2023-01-20T08:00:00+08:00">'
    dated = body.replace("来源：县政府办", "发布时间：2023-01-19 来源：县政府办")
    assert extract_drafts("http://x.gov.cn/a.html", _page("报告", body, meta))[0].published == "2023-01-20"
    assert extract_drafts("http://x.gov.cn/a.html", _page("报告", dated))[0].published == "2023-01-19"
    assert extract_drafts("http://x.gov.cn/art/202301/t20230118_55.html", _page("报告", body))[0].published == "2023-01-18"
    assert extract_drafts("http://x.gov.cn/news/2023-01/17/c_1.htm", _page("报告", body))[0].published == "2023-01-17"


def test_page_with_two_html_end_tags_is_read_whole() -> None:
    html = _page("公报", "<div>导航</div>") + "\n" + _page("", f"<h1>2023年某县政府工作报告</h1><div>{REPORT}</div>")
    [draft] = extract_drafts("http://www.example.gov.cn/a.html", html)
    assert len(draft.text.splitlines()) == 40


def test_a_list_of_links_is_no_article() -> None:
    links = "".join(f"<li><a href='/a/{i}.html'>某县召开第{i}次常务会议，研究部署重点工作</a></li>" for i in range(30))
    assert extract_drafts("http://www.example.gov.cn/list.html", _page("新闻列表", f"<ul>{links}</ul>")) == []


def test_published_date_from_a_script_variable() -> None:
    body = f"<h1>2023年某县政府工作报告</h1><div class='text'>{REPORT}</div><script>var createTime = '2023-01-21 10:00';</script>"
    assert extract_drafts("http://mp.example.com/s/abc", _page("报告", body))[0].published == "2023-01-21"
