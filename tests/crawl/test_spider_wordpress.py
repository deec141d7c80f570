"""The WordPress spider crawls the recorded 如意文库 farm: category pages, report posts, previews and full posts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITES
from site_crawl import crawl, disallowed, documents_changed, gold, recorded_bytes, runs

from spiders.wordpress import next_category_page, post_entries, post_links

HOST = "www.ruyiwenku.com"
TRUTH = gold(HOST)
REPORTS = {p["url"]: p for p in TRUTH["pages"] if p["is_report"]}
CATEGORY = f"https://{HOST}/category/gongzuobaogao/"


@pytest.fixture(scope="module")
def farm(replay_server, tmp_path_factory):
    return crawl(replay_server, HOST, tmp_path_factory.mktemp("wp") / "govreports.db", "ruyiwenku")


def test_category_page_helpers() -> None:
    html = (SITES / HOST / "category/gongzuobaogao/page/2/index.html").read_text("utf-8")
    posts = post_links(html, CATEGORY + "page/2/")
    assert [url for url, _ in posts] == [f"https://{HOST}/{n}.html" for n in TRUTH["list_pages"][1]["articles"]]
    assert all(title for _, title in posts)  # sidebar 热门文章 and 相关推荐 links are not listing entries
    assert next_category_page(html, CATEGORY + "page/2/", CATEGORY) == CATEGORY + "page/3/"
    last = (SITES / HOST / "category/gongzuobaogao/page/3/index.html").read_text("utf-8")
    assert next_category_page(last, CATEGORY + "page/3/", CATEGORY) is None


def test_requests_category_pages_and_report_posts_once(farm) -> None:
    assert farm.result.returncode == 0, farm.result.stderr
    fetched = farm.fetched
    assert len(fetched) == len(set(fetched))
    assert set(fetched) == {f"https://{HOST}/robots.txt"} | {p["url"] for p in TRUTH["list_pages"]} | set(REPORTS)
    assert not disallowed(HOST, fetched)


def test_documents_match_gold_previews_marked_truncated(farm) -> None:
    rows = farm.copies()
    assert sorted(r["url"] for r in rows) == sorted(REPORTS)
    assert f"{len(REPORTS)} new documents" in farm.result.stdout
    for row in rows:
        page = REPORTS[row["url"]]
        lines = row["text"].splitlines()
        assert (row["title"], row["published_on"], row["region"], row["year"]) == (page["title"], page["published"], page["region"], page["year"])
        assert (lines[0], lines[-1]) == (page["first_line"], page["last_line"]), row["url"]
        assert bool(row["truncated"]) == page["truncated"], row["url"]
        assert not any(w in row["text"] for w in ("试读结束", "微信", "本站仅提供", "上一篇", "相关推荐", "THE END"))
    assert {True, False} == {p["truncated"] for p in REPORTS.values()}


def test_recrawl_adds_no_rows(farm, replay_server) -> None:
    before = farm.counts()
    again = crawl(replay_server, HOST, farm.db_file, "ruyiwenku")
    assert again.result.returncode == 0, again.result.stderr
    assert again.counts() == before
    assert "0 new documents, 0 duplicates" in again.result.stdout


def test_category_entries_carry_their_post_dates() -> None:
    html = (SITES / HOST / "category/gongzuobaogao/index.html").read_text("utf-8")
    assert [(p.url.rsplit("/", 1)[1], p.listed_on) for p in post_entries(html, CATEGORY)] == [
        ("82301.html", "2024-02-02"), ("82288.html", "2024-01-30"), ("82150.html", "2024-01-22")]
    # the date is the entry's meta line, never a date its excerpt quotes
    card = ('<article><h2 class="entry-title"><a href="/9.html">2024年X县政府工作报告</a></h2>'
            '<p>2023年12月30日召开……</p><div class="entry-meta"><time datetime="2024-01-05T08:00:00+08:00">1月5日</time></div></article>')
    assert [p.listed_on for p in post_entries(card, CATEGORY)] == ["2024-01-05"]


def test_second_run_of_the_unchanged_farm_reads_one_category_page(replay_server, tmp_path: Path) -> None:
    first, second = runs(replay_server, "ruyiwenku", HOST, tmp_path / "govreports.db", (), ())
    assert second["urls"] == [f"https://{HOST}/robots.txt", CATEGORY]  # page 1 lists only stored posts: no paging
    assert second["stats"]["govcrawl/paging/stopped_known"] == 1
    assert second["documents"] == first["documents"] and documents_changed(second["stats"]) == 0
    # Structural bound, not 5 %: robots.txt and the first category page (8.2 KB) alone are 8 % of
    # the first run's 107 KB, because the farm's 6 report posts are short previews and full posts.
    assert second["stats"]["downloader/response_bytes"] <= recorded_bytes(HOST, "robots.txt", "category/gongzuobaogao/index.html")
    assert second["stats"]["downloader/response_bytes"] <= 0.09 * first["stats"]["downloader/response_bytes"]
