"""Each pipeline alone, built from a crawler (Scrapy's get_crawler + build_from_crawler), on a
recorded JCMS page: what it sets on the item, what it counts, what it refuses."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from scrapy import Spider, signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.crawl.frontier import item_stored
from crawler.extract.items import PageItem
from pipelines.clean import CleanPipeline
from pipelines.dedup import DedupPipeline
from pipelines.extract import ExtractPipeline
from pipelines.frontier import FrontierPipeline
from pipelines.metadata import MetadataPipeline
from pipelines.raw import RawPagePipeline
from pipelines.store import StorePipeline

URL = "https://www.wenzhou.gov.cn/art/2021/3/1/art_1229117804_59100001.html"
BODY = (Path(__file__).parents[1] / "sites" / "www.wenzhou.gov.cn" / "art" / "2021" / "3" / "1" / "art_1229117804_59100001.html").read_bytes()


def page(body: bytes = BODY, **fields: Any) -> PageItem:
    return PageItem(url=URL, status=200, headers={"Content-Type": "text/html; charset=utf-8"}, body=body,
                    site="wenzhou", fetched_at="2026-12-01T00:00:00+00:00", page_type="jcms", site_kind="official", **fields)


def run(*pipelines: type, item: PageItem | None = None, settings: dict[str, Any] | None = None) -> tuple[PageItem, dict[str, Any]]:
    """The item after the pipelines, in order, and the crawl's stats."""
    crawler = get_crawler(settings_dict=settings or {})
    crawler.stats.open_spider()
    item = item or page()
    for pipeline_class in pipelines:
        item = build_from_crawler(pipeline_class, crawler).process_item(item)
    return item, crawler.stats.get_stats()


def test_raw_decodes_the_body_and_counts_its_encoding() -> None:
    item, stats = run(RawPagePipeline)
    assert item.encoding == "utf-8" and "政府工作报告" in item.html
    assert stats["govcrawl/pages/encoding/utf-8"] == 1


def test_raw_drops_what_is_not_a_page() -> None:
    with pytest.raises(DropItem):
        run(RawPagePipeline, item=page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)))


def test_extract_reads_the_hinted_page_type() -> None:
    item, stats = run(RawPagePipeline, ExtractPipeline)
    assert [d.page_type for d in item.drafts] == ["jcms"]
    assert item.drafts[0].title.startswith("2021年") and "政府工作报告" in item.drafts[0].title
    assert stats["govcrawl/drafts/jcms"] == 1


def test_extract_counts_a_page_without_document() -> None:
    item, stats = run(RawPagePipeline, ExtractPipeline, item=page(b"<html><head><title>x</title></head><body></body></html>"))
    assert item.drafts == [] and stats["govcrawl/pages/no_documents"] == 1


def test_clean_and_metadata_finish_each_draft() -> None:
    item, _ = run(RawPagePipeline, ExtractPipeline, CleanPipeline, MetadataPipeline)
    draft = item.drafts[0]
    assert draft.year == 2021 and draft.region == "温州市" and draft.region_code and draft.region_code.startswith("3303")
    assert "\n\n" not in draft.text


def test_dedup_fingerprints_every_draft() -> None:
    item, stats = run(RawPagePipeline, ExtractPipeline, CleanPipeline, MetadataPipeline, DedupPipeline)
    assert len(item.fingerprints) == len(item.drafts) == 1
    assert item.fingerprints[0].band_keys and stats["govcrawl/dedup/fingerprinted"] == 1


def test_store_writes_the_page_and_its_document_in_a_run(tmp_path: Path) -> None:
    db = tmp_path / "govreports.db"
    crawler = get_crawler(Spider, settings_dict={"GOVCRAWL_DB": str(db), "GOVCRAWL_STORE_ENABLED": True})
    crawler.stats.open_spider()
    item = page()
    for pipeline_class in (RawPagePipeline, ExtractPipeline, CleanPipeline, MetadataPipeline, DedupPipeline):
        item = build_from_crawler(pipeline_class, crawler).process_item(item)
    store = build_from_crawler(StorePipeline, crawler)
    spider = Spider(name="jcms")
    crawler.signals.send_catch_log(signals.spider_opened, spider=spider)
    store.queue(item)  # what process_item awaits
    crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="finished")
    assert crawler.stats.get_value("govcrawl/pages/stored") == 1 and crawler.stats.get_value("govcrawl/documents/new") == 1
    with sqlite3.connect(db) as con:
        assert con.execute("select url, site from pages").fetchall() == [(URL, "wenzhou")]
        assert con.execute("select year, region from documents").fetchall() == [(2021, "温州市")]
        assert con.execute("select status, pages_stored from runs").fetchall() == [("finished", 1)]


def test_store_and_frontier_can_be_turned_off() -> None:
    crawler = get_crawler(settings_dict={"GOVCRAWL_STORE_ENABLED": False, "GOVCRAWL_FRONTIER_ENABLED": False})
    for pipeline_class in (StorePipeline, FrontierPipeline):
        with pytest.raises(NotConfigured):
            build_from_crawler(pipeline_class, crawler)


def test_frontier_tells_the_frontier_the_item_is_stored() -> None:
    crawler = get_crawler(settings_dict={"GOVCRAWL_FRONTIER_ENABLED": True})
    seen: list[object] = []
    crawler.signals.connect(lambda item: seen.append(item), signal=item_stored, weak=False)
    item = page()
    assert build_from_crawler(FrontierPipeline, crawler).process_item(item) is item
    assert seen == [item]
