"""招商 aggregator list pages: one document per report entry, with its own title, date and offsets."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from crawler.extract.decoding import decode_html
from crawler.extract.pages.aggregator import AggregatorPage, page_text
from crawler.extract.pages.registry import extract_drafts, recognise

FIXTURES = Path(__file__).parents[1] / "fixtures" / "aggregator"
CHROME = ("查看全文", "阅读全文", "更多", "热门推荐", "投稿", "联系我们", "企业入驻", "下一页", "末页", "招商热线",
          "电话：", "免责声明", "版权所有", "浏览：", "【", "招商】")


def load(case: str) -> tuple[str, str, str | None]:
    """URL, decoded html and hint of a fixture page."""
    meta = json.loads((FIXTURES / case / "meta.json").read_text("utf-8"))
    _, html = decode_html((FIXTURES / case / "body.html").read_bytes(), meta["headers"]["Content-Type"])
    return meta["url"], html, meta["page_type"]


def drafts(case: str):
    url, html, hint = load(case)
    return extract_drafts(url, html, hint)


@pytest.mark.parametrize(
    ("case", "titles", "dates"),
    [
        ("three_reports", ["2022年沂南县政府工作报告", "远安县2023年政府工作报告", "瓮安县政府工作报告"],
         ["2022-02-18", "2023-01-31", "2021-03-01"]),
        # the news story 秭归县第二十届人大四次会议开幕 between them is not a report
        ("five_reports_last_cut", ["临朐县政府工作报告", "湄潭县政府工作报告", "正安县政府工作报告", "宾川县政府工作报告"],
         ["2022-01-25", "2024-01-15", "2022-01-12", "2023-01-20"]),
        ("dl_list_without_hint", ["2021年瓮安县政府工作报告（全文）", "远安县2023年政府工作报告"], ["2021-03-02", "2023-02-01"]),
    ],
)
def test_one_document_per_report_with_its_title_and_date(case: str, titles: list[str], dates: list[str]) -> None:
    found = drafts(case)
    assert [d.title for d in found] == titles
    assert [d.published for d in found] == dates
    assert {d.page_type for d in found} == {"aggregator"}


@pytest.mark.parametrize("case", ["three_reports", "five_reports_last_cut", "dl_list_without_hint"])
def test_no_chrome_between_or_after_entries(case: str) -> None:
    for draft in drafts(case):
        leaked = [line for line in draft.text.split("\n") if any(marker in line for marker in CHROME)]
        assert leaked == []


def test_title_repeated_at_start_of_run_on_text_is_removed() -> None:
    yinan = drafts("three_reports")[0]
    assert "\n" not in yinan.text  # the site prints the report as one run-on paragraph
    assert yinan.text.startswith("各位代表：现在，我代表县人民政府向大会报告工作")
    assert yinan.text.endswith("奋力开创新时代现代化强县建设新局面！")
    assert yinan.source_name == "沂南县人民政府"


def test_paragraphs_kept_where_the_markup_has_them() -> None:
    yuanan = drafts("three_reports")[1]
    lines = yuanan.text.split("\n")
    assert lines[0] == "——2023年1月10日在远安县第十届人民代表大会第二次会议上"
    assert lines[-1].endswith("为建设更高水平的生态文明示范县而努力奋斗！")
    assert len(lines) == 12 and not yuanan.truncated
    meitan = drafts("five_reports_last_cut")[1]  # paragraphs separated by <br /> inside one <p>
    assert len(meitan.text.split("\n")) == 16


def test_teaser_entry_is_not_a_document() -> None:
    assert all("推介会" not in d.title and "项目清单" not in d.title for d in drafts("three_reports") + drafts("dl_list_without_hint"))


def test_last_entry_cut_off_without_marker_is_still_extracted() -> None:
    last = drafts("five_reports_last_cut")[-1]
    assert last.text.endswith("葡萄、柑橘、石榴三大产业综合产值突破100亿元，宾川葡萄入选全国名特优新农产品名录。新建高标准农田3.2万亩，完成水肥一体化改造5.6万亩。新增")
    assert last.published == "2023-01-20"


def test_preview_entry_ending_in_read_more_is_truncated() -> None:
    body = "<p>" + "各位代表：现在，我代表县人民政府向大会报告工作。" * 12 + "过去一年……<a href='/1.html'>[阅读全文]</a></p>"
    entry = f"<div class='item'><h3><a href='/{{n}}.html'>【某县招商】某县政府工作报告{{n}}</a></h3>{body}<span>2021-03-0{{n}}</span></div>"
    html = "<html><body>" + "".join(entry.format(n=n) for n in (1, 2)) + "</body></html>"
    found = AggregatorPage("http://example.cn/gzbg/", html).drafts()
    assert [d.truncated for d in found] == [True, True]
    assert found[0].text.endswith("过去一年……")


@pytest.mark.parametrize("case", ["three_reports", "five_reports_last_cut", "dl_list_without_hint"])
def test_offsets_index_the_page_text(case: str) -> None:
    url, html, _ = load(case)
    text = page_text(html)
    found = drafts(case)
    for draft in found:
        segment = text[draft.seg_start : draft.seg_end]
        lines = draft.text.split("\n")
        assert segment.startswith(lines[0]) and segment.endswith(lines[-1])
    assert all(a.seg_end <= b.seg_start for a, b in pairwise(found))


def test_recognised_without_hint() -> None:
    url, html, hint = load("dl_list_without_hint")
    assert hint is None
    assert recognise(url, html) is AggregatorPage


def test_single_article_page_is_not_an_aggregator() -> None:
    html = (FIXTURES.parent / "news" / "editor_qr_block" / "body.html").read_text("utf-8")
    assert recognise("http://example.cn/a.html", html) is not AggregatorPage


def test_entries_that_are_not_reports_are_not_documents() -> None:
    from crawler.extract.pages.aggregator import AggregatorPage

    prose = "各位代表，过去一年全县坚持稳中求进工作总基调，地区生产总值增长百分之六点五，重点项目建设取得新进展。" * 4
    entries = [("2021年宝兴县政府工作报告", "2021-03-05"), ("宝兴县2021年招商引资项目推介", "2021-02-10"),
               ("2020年宝兴县政府工作报告", "2020-05-21")]
    items = "".join(
        f'<div class="news-item"><h2 class="news-title"><a href="/{i}.html">【宝兴县招商】{title}</a></h2>'
        f'<div class="news-body"><p>{prose}</p></div><div class="news-info"><span class="date">{day}</span></div></div>'
        for i, (title, day) in enumerate(entries)
    )
    html = f"<html><body><div class='news-list'>{items}</div></body></html>"
    page = AggregatorPage("http://www.example.net/baoxing/gzbg/", html)
    assert [d.title for d in page.drafts()] == ["2021年宝兴县政府工作报告", "2020年宝兴县政府工作报告"]
