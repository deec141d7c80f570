"""The WordPress spider crawls the recorded 如意文库 farm: category pages, report posts, previews and full posts."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SITES
from spider_crawl import copies, crawl, crawled, disallowed, gold, table_counts
from spiders.wordpress import next_category_page, post_links

HOST = "www.ruyiwenku.com"
TRUTH = gold(HOST)
REPORTS = {p["url"]: p for p in TRUTH["pages"] if p["is_report"]}
CATEGORY = f"https://{HOST}/category/gongzuobaogao/"


@pytest.fixture(scope="module")
def farm(replay_server, tmp_path_factory):
    return crawled(replay_server, "ruyiwenku", HOST, tmp_path_factory.mktemp("wp") / "govreports.db")


def test_category_page_helpers() -> None:
    html = (SITES / HOST / "category/gongzuobaogao/page/2/index.html").read_text("utf-8")
    posts = post_links(html, CATEGORY + "page/2/")
    assert [url for url, _ in posts] == [f"https://{HOST}/{n}.html" for n in TRUTH["list_pages"][1]["articles"]]
    assert all(title for _, title in posts)  # sidebar 热门文章 and 相关推荐 links are not listing entries
    assert next_category_page(html, CATEGORY + "page/2/", CATEGORY) == CATEGORY + "page/3/"
    last = (SITES / HOST / "category/gongzuobaogao/page/3/index.html").read_text("utf-8")
    assert next_category_page(last, CATEGORY + "page/3/", CATEGORY) is None


def test_requests_category_pages_and_report_posts_once(farm) -> None:
    _, result, requests = farm
    assert result.returncode == 0, result.stderr
    fetched = [url for _, url in requests]
    assert len(fetched) == len(set(fetched))
    assert set(fetched) == {f"https://{HOST}/robots.txt"} | {p["url"] for p in TRUTH["list_pages"]} | set(REPORTS)
    assert not disallowed(HOST, fetched)


def test_documents_match_gold_previews_marked_truncated(farm) -> None:
    db, result, _ = farm
    rows = copies(db)
    assert sorted(r["url"] for r in rows) == sorted(REPORTS)
    assert f"{len(REPORTS)} new documents" in result.stdout
    for row in rows:
        page = REPORTS[row["url"]]
        lines = row["text"].splitlines()
        assert (row["title"], row["published_on"], row["region"], row["year"]) == (page["title"], page["published"], page["region"], page["year"])
        assert (lines[0], lines[-1]) == (page["first_line"], page["last_line"]), row["url"]
        assert bool(row["truncated"]) == page["truncated"], row["url"]
        assert not any(w in row["text"] for w in ("试读结束", "微信", "本站仅提供", "上一篇", "相关推荐", "THE END"))
    assert {True, False} == {p["truncated"] for p in REPORTS.values()}


def test_recrawl_adds_no_rows(farm, replay_url: str) -> None:
    db, _, _ = farm
    before = table_counts(db)
    again = crawl("ruyiwenku", replay_url, Path(db.execute("pragma database_list").fetchone()["file"]))
    assert again.returncode == 0, again.stderr
    assert table_counts(db) == before
    assert "0 new documents, 0 duplicates" in again.stdout
