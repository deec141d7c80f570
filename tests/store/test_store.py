"""The SQLite store: schema, one transaction per page, no duplicate rows on re-runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from crawler.extract.items import Draft
from crawler.store.db import Store
from crawler.store.health import RUN_COLUMNS
from crawler.store.rows import RawPage
from crawler.store.schema import M004_RUN_COLUMNS, migrations
from crawler.store.versions import STAGE_VERSIONS

URL = "https://www.wenzhou.gov.cn/art/2021/3/1/art_1229117804_59100001.html"
REPORT = "政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。"


def raw_page(body: bytes = b"<html>page</html>", url: str = URL) -> RawPage:
    return RawPage(
        url=url, site="wenzhou", status=200, headers={"ETag": '"abc"', "Last-Modified": "Tue, 03 Jun 2025 02:00:00 GMT"},
        body=body, encoding="utf-8", fetched_at="2026-11-21T00:00:00+00:00",
    )


def draft(text: str = REPORT, url: str = URL) -> Draft:
    return Draft(url=url, title="2021年温州市政府工作报告", text=text, page_type="jcms", published="2021-03-01",
                 metadata={"index_no": "001008003004051/2021-61234", "publisher": "温州市人民政府办公室"})


def test_schema_is_created_versioned_and_in_wal_mode(db_path: Path) -> None:
    store = Store(db_path)
    assert store.schema_version >= 1
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == store.schema_version
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"pages", "documents", "copies", "runs"} <= set(store.db.table_names())
    version = store.schema_version
    store.close()
    assert Store(db_path).schema_version == version  # reopening migrates nothing twice


def test_page_copy_and_document_rows(db_path: Path) -> None:
    store = Store(db_path)
    run_id = store.start_run("wenzhou", "jcms")
    result = store.save_page(raw_page(), [draft()], run_id, STAGE_VERSIONS)
    assert (result.new, result.duplicate) == (1, 0)
    page = store.db["pages"].get(result.page_id)
    assert (page["url"], page["status"], page["etag"], page["run_id"]) == (URL, 200, '"abc"', run_id)
    assert store.stored_page(result.page_id) == (raw_page(), run_id)
    [document] = store.documents()
    assert (document["title"], document["text"], document["published_on"]) == ("2021年温州市政府工作报告", REPORT, "2021-03-01")
    [copy] = store.copies_of(document["id"])
    assert (copy["relation"], copy["index_no"], copy["url"]) == ("canonical", "001008003004051/2021-61234", URL)
    assert document["best_copy_id"] == copy["id"]


def test_saving_the_same_page_again_adds_no_rows(db_path: Path) -> None:
    store = Store(db_path)
    store.save_page(raw_page(), [draft()], None, STAGE_VERSIONS)
    again = store.save_page(raw_page(), [draft()], None, STAGE_VERSIONS)
    assert (again.new, again.duplicate, again.unchanged) == (0, 0, 1)
    assert (store.count("pages"), store.count("copies"), store.count("documents")) == (1, 1, 1)


def test_same_text_on_another_page_is_an_exact_copy(db_path: Path) -> None:
    store = Store(db_path)
    store.save_page(raw_page(), [draft()], None, STAGE_VERSIONS)
    mirror_url = "http://mirror.example.cn/report.html"
    reflowed = REPORT.replace("，", ",").replace("\n", "\n\n")  # layout and punctuation differ only
    result = store.save_page(raw_page(b"<html>mirror</html>", mirror_url), [draft(reflowed, mirror_url)], None, STAGE_VERSIONS)
    assert (result.new, result.duplicate) == (0, 1)
    assert store.count("documents") == 1
    assert [c["relation"] for c in store.copies_of(1)] == ["canonical", "exact"]


def test_a_failing_page_leaves_nothing_behind(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(db_path)
    store.save_page(raw_page(), [draft()], None, STAGE_VERSIONS)
    original = store._save_copy

    def fail_on_second(page_id, seg, *args, **kwargs):
        if seg == 1:
            raise sqlite3.OperationalError("disk I/O error")
        return original(page_id, seg, *args, **kwargs)

    monkeypatch.setattr(store, "_save_copy", fail_on_second)
    other = "http://example.cn/two-reports.html"
    with pytest.raises(sqlite3.OperationalError):
        store.save_page(raw_page(b"<html>two</html>", other), [draft("第一份报告正文", other), draft("第二份报告正文", other)], None, STAGE_VERSIONS)
    assert (store.count("pages"), store.count("copies"), store.count("documents")) == (1, 1, 1)


def test_runs_record_status_and_stats(db_path: Path) -> None:
    store = Store(db_path)
    run_id = store.start_run("wenzhou", "jcms")
    store.finish_run(run_id, "finished", {"govcrawl/pages/stored": 3})
    run = store.run(run_id)
    assert (run["status"], run["stats"]["govcrawl/pages/stored"]) == ("finished", 3)
    assert store.last_run("wenzhou")["id"] == run_id


def test_a_finished_run_fills_every_outcome_column_from_its_stats(db_path: Path) -> None:
    store = Store(db_path)
    run_id = store.start_run("wenzhou", "jcms")
    stats = {"response_received_count": 5, "downloader/response_status_count/200": 4,
             "downloader/response_status_count/404": 1, "downloader/response_bytes": 9000,
             "govcrawl/pages/stored": 4, "govcrawl/documents/new": 3, "govcrawl/errors": 1, "log_count/ERROR": 1}
    store.finish_run(run_id, "finished", stats)
    row = store.recent_runs("wenzhou")[0]
    assert {column for column in row if column in RUN_COLUMNS} == set(RUN_COLUMNS) == set(M004_RUN_COLUMNS)
    assert (row["responses"], row["pages_by_status"], row["bytes"], row["pages_stored"]) == (5, '{"200": 4, "404": 1}', 9000, 4)
    assert (row["documents_new"], row["documents_duplicate"], row["errors"], row["exit_code"]) == (3, 0, 2, 0)


def test_copies_stored_before_the_stage_versions_are_outdated(db_path: Path) -> None:
    """m007: which clean, metadata and dedup code made an older copy is unknown: every stage of
    its page is redone by `reprocess --outdated`."""
    old = Database(db_path)
    migrations.apply(old, stop_before="m007_stage_versions")
    old.table("pages").insert({"id": 1, "url": URL, "site": "wenzhou", "status": 200, "fetched_at": "2026-11-21T00:00:00+00:00"})
    old.table("copies").insert({"page_id": 1, "seg": 0, "extractor_version": STAGE_VERSIONS.extract})
    old.close()
    store = Store(db_path)
    row = store.db.execute("select extractor_version, clean_version, metadata_version, dedup_version from copies").fetchone()
    assert row == (STAGE_VERSIONS.extract, None, None, None)
    assert list(store.stored_page_ids(None, STAGE_VERSIONS)) == [1]
    assert store.outdated_stages(1, STAGE_VERSIONS) == ["clean", "metadata", "dedup"]
