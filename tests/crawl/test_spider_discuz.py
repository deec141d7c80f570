"""The Discuz spider crawls two recorded forums: 丽水人论坛 (UTF-8, rewritten URLs) and 赣南论坛 (GBK, forum.php URLs)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import SITES
from scrapy.http import HtmlResponse, Request
from site_crawl import crawl, disallowed, documents_changed, gold, recorded_bytes, runs

from crawler.tools.replay import ReplayServer
from spiders.discuz import DiscuzSpider, Ref, ThreadEntry, next_page, read_ref, ref_url, thread_entries, thread_links, uses_rewrite

FORUMS = {"lishuiren": "bbs.lishuiren.net", "gannanren": "bbs.gannanren.com"}
EXTRA = Path("/work/shared/sites/extra")


@pytest.fixture(scope="module", params=sorted(FORUMS))
def forum(request, replay_server, tmp_path_factory):
    """(site, host, gold, `Crawl`) of one crawl of each forum."""
    site, host = request.param, FORUMS[request.param]
    return site, host, gold(host), crawl(replay_server, host, tmp_path_factory.mktemp(site) / "govreports.db", site)


# --- pure helpers --------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "ref"), [
    ("http://bbs.x.net/thread-41207-1-1.html", Ref("thread", "41207", 1)),
    ("http://bbs.x.net/thread-41207-2-3.html", Ref("thread", "41207", 2)),
    ("http://bbs.x.net/forum.php?mod=viewthread&tid=41207&extra=page%3D1", Ref("thread", "41207", 1)),
    ("http://bbs.x.net/forum.php?mod=viewthread&tid=41207&extra=page%3D1&page=2", Ref("thread", "41207", 2)),
    ("http://bbs.x.net/bbs/forum.php?extra=page%3D3&page=2&tid=9&mod=viewthread", Ref("thread", "9", 2)),
    ("http://bbs.x.net/forum-36-4.html", Ref("forum", "36", 4)),
    ("http://bbs.x.net/forum.php?mod=forumdisplay&fid=36&page=4", Ref("forum", "36", 4)),
    ("http://bbs.x.net/forum.php?mod=forumdisplay&fid=36", Ref("forum", "36", 1)),
    # other views of a thread or a forum are not its pages
    ("http://bbs.x.net/forum.php?mod=viewthread&tid=41207&page=1&authorid=5521", None),
    ("http://bbs.x.net/forum.php?mod=viewthread&action=printable&tid=41207", None),
    ("http://bbs.x.net/forum.php?mod=redirect&tid=41207&goto=lastpost", None),
    ("http://bbs.x.net/forum.php?mod=forumdisplay&fid=36&filter=digest&digest=1", None),
    ("http://bbs.x.net/home.php?mod=space&uid=5521", None),
])
def test_read_ref_reads_both_url_forms(url: str, ref: Ref | None) -> None:
    assert read_ref(url) == ref


def test_both_url_forms_of_a_thread_page_become_one_url() -> None:
    rewritten = "http://bbs.x.net/thread-7-2-5.html"
    dynamic = "http://bbs.x.net/forum.php?mod=viewthread&tid=7&extra=page%3D5&page=2"
    for rewrite, expected in ((True, "http://bbs.x.net/thread-7-2-1.html"), (False, "http://bbs.x.net/forum.php?mod=viewthread&page=2&tid=7")):
        assert {ref_url(u, read_ref(u), rewrite) for u in (rewritten, dynamic)} == {expected}
    assert ref_url("http://bbs.x.net/bbs/forum-3-1.html", Ref("thread", "8"), True) == "http://bbs.x.net/bbs/thread-8-1-1.html"


def test_rewrite_mode_follows_the_start_url() -> None:
    assert uses_rewrite("http://bbs.x.net/forum-36-1.html")
    assert not uses_rewrite("http://bbs.x.net/forum.php?mod=forumdisplay&fid=36")


def test_list_page_helpers_on_the_real_markup_skeleton() -> None:
    html = (EXTRA / "2b_discuz_x34_forumdisplay.html").read_text("utf-8")
    links = thread_links(html, "http://bbs.xx.com/forum-12-2.html")
    assert links == {"1234": "2021年XX县政府工作报告（全文）", "1201": "2020年XX县政府工作报告解读"}
    assert next_page(html, "http://bbs.xx.com/forum-12-2.html") == "http://bbs.xx.com/forum-12-3.html"


def test_thread_entries_read_post_date_last_post_and_pages_from_the_row() -> None:
    html = (EXTRA / "2b_discuz_x34_forumdisplay.html").read_text("utf-8")
    entries = thread_entries(html, "http://bbs.xx.com/forum-12-2.html", rewrite=True)
    assert entries[1] == ThreadEntry("http://bbs.xx.com/thread-1201-1-1.html", "2020年XX县政府工作报告解读", "2021-04-02", "2021-04-02")  # 7 天前
    assert (entries[0].listed_on, entries[0].last_post_on) == ("2021-04-08", "2021-04-09")
    gbk = (SITES / "bbs.gannanren.com/_lists/fid-12-2.html").read_bytes().decode("gbk")
    page = "http://bbs.gannanren.com/forum.php?mod=forumdisplay&fid=12&page=2"
    assert thread_entries(gbk, page, rewrite=False)[0] == ThreadEntry(
        "http://bbs.gannanren.com/forum.php?mod=viewthread&tid=2790", "2023年兴国县政府工作报告", "2023-02-07", "2023-02-07", pages=2)
    assert thread_entries(gbk, page, rewrite=False)[-1].listed_on is None  # only in the 本版热帖 block: no row


def test_thread_links_merge_a_thread_listed_in_both_forms() -> None:
    html = (SITES / "bbs.lishuiren.net" / "forum-36-2.html").read_text("utf-8")
    links = thread_links(html, "http://bbs.lishuiren.net/forum-36-2.html")
    assert links["41502"] == "2024年丽水市政府工作报告"  # only in the 本版热帖 box, as forum.php?mod=viewthread
    assert len(links) == 5  # four rows of the list, one DIY block link


def test_an_attackevasive_interstitial_is_not_stored_as_a_thread() -> None:
    from scrapy.utils.test import get_crawler

    spider = DiscuzSpider.from_crawler(get_crawler(DiscuzSpider), site="lishuiren")
    url = "http://bbs.lishuiren.net/thread-41207-1-1.html"
    body = (EXTRA / "2c_discuz_attackevasive_page.html").read_bytes()
    response = HtmlResponse(url, body=body, encoding="utf-8", request=Request(url, meta={"rewrite": True}))
    assert list(spider.parse_thread(response)) == []
    assert spider.crawler.stats.get_value("govcrawl/pages/not_thread") == 1


# --- crawls --------------------------------------------------------------------------------

def test_crawl_succeeds(forum) -> None:
    site, _, truth, run = forum
    reports = [p for p in truth["pages"] if p["is_report"] and p["documents"]]
    assert run.result.returncode == 0, run.result.stderr
    assert f"{site}: finished" in run.result.stdout
    assert f"{len(reports)} new documents" in run.result.stdout


def test_requests_list_pages_and_report_threads_only_once_each(forum) -> None:
    _, host, truth, run = forum
    fetched = run.fetched
    assert len(fetched) == len(set(fetched)), "a URL was fetched twice in one run"
    expected = {f"http://{host}/robots.txt"} | {p["url"] for p in truth["list_pages"]}
    expected |= {p["url"] for p in truth["pages"] if p["is_report"]}
    assert set(fetched) == expected
    assert fetched[0] == f"http://{host}/robots.txt"
    assert not disallowed(host, fetched)


def test_stores_every_page_of_every_report_thread(forum) -> None:
    _, _, truth, run = forum
    stored = {row["url"] for row in run.db.execute("select url from pages")}
    assert stored == {p["url"] for p in truth["pages"] if p["is_report"]}
    assert any(p["thread_page"] == 2 for p in truth["pages"] if p["is_report"])


def test_one_document_per_report_thread_from_its_first_page(forum) -> None:
    _, _, truth, run = forum
    expected = {p["url"]: p for p in truth["pages"] if p["is_report"] and p["documents"]}
    rows = run.copies()
    assert sorted(r["url"] for r in rows) == sorted(expected)  # later pages of a thread: no document
    for row in rows:
        page = expected[row["url"]]
        if page.get("continued_on_page_2"):
            continue  # see test_a_report_continued_on_page_2_is_joined
        lines = row["text"].splitlines()
        assert (row["title"], row["published_on"], row["region"], row["year"]) == (
            page["title"], page["published"], page["region"], page["year"]), row["url"]
        assert (lines[0], lines[-1]) == (page["first_line"], page["last_line"]), row["url"]
        assert not row["truncated"]
        assert "\ufffd" not in row["text"]
        assert not any(word in row["text"] for word in ("签到天数", "积分", "Rank", "发表于", "只看该作者", "您需要登录", "Powered by"))


def test_split_floors_are_joined_and_replies_left_out(forum) -> None:
    _, _, truth, run = forum
    texts = {r["url"]: r["text"] for r in run.copies()}
    split = [p for p in truth["pages"] if p.get("floors", 1) > 1 and not p.get("continued_on_page_2")]
    assert split
    for page in split:
        text = texts[page["url"]]
        assert page["last_line"] in text and "感谢楼主分享" not in text and "补充一句" not in text


@pytest.mark.xfail(strict=True, reason="DiscuzThread reads one page at a time: the starter's floors 11-12 on page 2 "
                                       "are not joined to his report on page 1 (needs cross-page joining in the page type/pipeline)")
def test_a_report_continued_on_page_2_is_joined(forum) -> None:
    _, _, truth, run = forum
    continued = [p for p in truth["pages"] if p.get("continued_on_page_2")]
    if not continued:
        pytest.skip("no such thread on this forum")
    texts = {r["url"]: r["text"] for r in run.copies()}
    for page in continued:
        assert texts[page["url"]].splitlines()[-1] == page["last_line"]


def test_gbk_forum_is_decoded(forum) -> None:
    site, _, truth, run = forum
    if truth["charset"] != "gbk":
        pytest.skip("UTF-8 forum")
    encodings = {row[0] for row in run.db.execute("select encoding from pages")}
    assert encodings == {"gb18030"}
    assert all("\ufffd" not in r["text"] for r in run.copies())


def test_recrawl_adds_no_rows(forum, replay_server) -> None:
    site, host, _, run = forum
    before = run.counts()
    again = crawl(replay_server, host, run.db_file, site)
    assert again.result.returncode == 0, again.result.stderr
    assert again.counts() == before
    assert "0 new documents, 0 duplicates" in again.result.stdout, again.result.stdout


# --- incremental -------------------------------------------------------------------------

FIRST_LIST = {"lishuiren": "forum-36-1.html", "gannanren": "_lists/fid-12-1.html"}


@pytest.mark.parametrize("site", sorted(FORUMS))
def test_second_run_of_the_unchanged_forum_reads_one_list_page(site: str, replay_server, tmp_path: Path) -> None:
    host = FORUMS[site]
    first, second = runs(replay_server, site, host, tmp_path / "govreports.db", (), ())
    assert second["urls"] == [f"http://{host}/robots.txt", gold(host)["list_pages"][0]["url"]]  # no thread page, no paging
    assert second["stats"]["govcrawl/paging/stopped_known"] == 1 and "govcrawl/links/grown_pages" not in second["stats"]
    assert second["documents"] == first["documents"] and documents_changed(second["stats"]) == 0
    second_bytes, first_bytes = second["stats"]["downloader/response_bytes"], first["stats"]["downloader/response_bytes"]
    assert second_bytes <= recorded_bytes(host, "robots.txt", FIRST_LIST[site])
    if site == "gannanren":
        # Structural bound, not 5 %: robots.txt and the first list page (11 KB) alone are 6 % of
        # the first run's 206 KB (GBK pages, half the size of the UTF-8 forum's).
        assert second_bytes <= 0.065 * first_bytes
    else:
        assert second_bytes <= 0.05 * first_bytes


LISHUI = "bbs.lishuiren.net"
GROWN = f"http://{LISHUI}/thread-41388-2-1.html"
ROW_PAGES = '<span class="tps">&nbsp;...<a href="thread-41388-2-1.html">2</a></span>'


@pytest.fixture
def forum_copy(tmp_path: Path):
    """A copy of the recorded 丽水人论坛 (to edit between runs), a replay server over it, a database."""
    shutil.copytree(SITES / LISHUI, tmp_path / "sites" / LISHUI)
    server = ReplayServer(tmp_path / "sites")
    server.start()
    yield tmp_path / "sites" / LISHUI, server, tmp_path / "govreports.db"
    server.shutdown()
    server.server_close()


def replace(file: Path, old: str, new: str) -> str:
    """Replace the one ``old`` in ``file``; the file's text before."""
    text = file.read_text("utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), "utf-8")
    return text


def test_a_stored_thread_that_gained_a_page_has_it_fetched(forum_copy) -> None:
    root, server, db = forum_copy
    # the first crawl sees thread 41388 with one page: no page links in its row, no pager
    listed = replace(root / "forum-36-1.html", ROW_PAGES, "")
    thread = (root / "thread-41388-1-1.html").read_text("utf-8")
    (root / "thread-41388-1-1.html").write_text(thread.replace('<a href="thread-41388-2-1.html">2</a>', "").replace(
        '<a href="thread-41388-2-1.html" class="nxt">下一页</a>', ""), "utf-8")
    first = runs(server, "lishuiren", LISHUI, db, ())[0]
    assert GROWN not in first["urls"]
    (root / "forum-36-1.html").write_text(listed, "utf-8")  # now it has two
    (root / "thread-41388-1-1.html").write_text(thread, "utf-8")
    second = runs(server, "lishuiren", LISHUI, db, ())[0]
    assert GROWN in second["urls"] and f"http://{LISHUI}/thread-41388-1-1.html" not in second["urls"]
    assert second["stats"]["govcrawl/links/grown_pages"] == 1 and second["stats"]["govcrawl/pages/stored"] == 1
    # a page where a thread grew is read, so is the next (lists go by last post); that one holds only stored threads
    assert [u for u in second["urls"] if "forum-" in u] == [f"http://{LISHUI}/forum-36-1.html", f"http://{LISHUI}/forum-36-2.html"]
    assert second["documents"] == first["documents"]  # later pages hold replies: no document


def test_the_last_stored_page_is_asked_again_after_a_later_post(forum_copy) -> None:
    root, server, db = forum_copy
    runs(server, "lishuiren", LISHUI, db, ())
    today = date.today()
    replace(root / "forum-36-1.html", "2024-1-27 21:40", f"{today.year}-{today.month}-{today.day} 21:40")
    second = runs(server, "lishuiren", LISHUI, db, ())[0]
    assert [u for u in second["urls"] if "thread-" in u] == [GROWN]  # page 1 is not asked: new replies are not the report
    assert second["stats"]["govcrawl/pages/not_modified"] == 1  # unchanged after all (conditional request)
