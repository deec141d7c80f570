"""Crawl progress: one board for every site of the process, plain lines when not on a terminal."""

from __future__ import annotations

import io

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.crawl.progress import PLAIN, Board, Progress, SiteProgress

COUNTS = {"response_received_count": 12, "govcrawl/documents/new": 7, "govcrawl/documents/duplicate": 2,
          "govcrawl/errors": 1, "log_count/ERROR": 2}


@pytest.mark.parametrize("value", [False, None, True, "yes"])
def test_disabled_unless_live_or_plain(value: object) -> None:
    with pytest.raises(NotConfigured):
        build_from_crawler(Progress, get_crawler(settings_dict={"GOVCRAWL_PROGRESS": value}))


def site(name: str, counts: dict[str, int]) -> SiteProgress:
    crawler = get_crawler(settings_dict={})
    for key, value in counts.items():
        crawler.stats.set_value(key, value)
    return SiteProgress(name, crawler.stats)


def test_plain_board_writes_one_line_per_running_site() -> None:
    stream = io.StringIO()
    board = Board(PLAIN, 60.0, stream)
    board.sites = {"wenzhou": site("wenzhou", COUNTS), "zhaoshangbao-lishui": site("zhaoshangbao-lishui", {})}
    board.show()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("progress wenzhou ") and "pages    12" in lines[0] and "documents    9" in lines[0]
    assert "errors   3" in lines[0]  # one error count: fetch failures and logged errors
    assert lines[1].startswith("progress zhaoshangbao-lishui ")
    assert all(len(line) <= 100 for line in lines)


def test_total_counts_finished_and_running_sites() -> None:
    board = Board(PLAIN, 60.0, io.StringIO())
    board.sites = {"wenzhou": site("wenzhou", COUNTS), "ruian": site("ruian", {"response_received_count": 3})}
    board.loop = object()  # started: removing a site must not stop a board other sites still use
    board.sites.pop("ruian")
    board.done = [3, 0, 0]
    assert "pages    15" in board.total() and "(1 running)" in board.total()
