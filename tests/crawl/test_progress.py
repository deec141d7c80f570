"""The live progress line of a crawl."""

from __future__ import annotations

import io

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.crawl.progress import Progress


def test_disabled_unless_asked_for() -> None:
    with pytest.raises(NotConfigured):
        build_from_crawler(Progress, get_crawler(settings_dict={"GOVCRAWL_PROGRESS": False}))


def test_line_shows_pages_documents_errors_and_rate() -> None:
    crawler = get_crawler(settings_dict={"GOVCRAWL_PROGRESS": True})
    progress = build_from_crawler(Progress, crawler)
    progress.stream = io.StringIO()
    progress.site = "wenzhou"
    for key, value in {"response_received_count": 12, "govcrawl/documents/new": 7,
                       "govcrawl/documents/duplicate": 2, "govcrawl/errors": 1}.items():
        crawler.stats.set_value(key, value)
    progress.show()
    line = progress.stream.getvalue()
    assert "wenzhou  pages 12  documents 9  errors 1" in line
    assert line.rstrip().endswith("pages/s")
