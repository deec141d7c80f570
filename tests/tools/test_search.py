"""`govcrawl search`: trigram FTS ranking, snippets, filters, LIKE fallback, index in sync."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_corpus import Report, build_corpus, paragraphs, save_report

from crawler.cli import cli
from crawler.store.db import Store
from crawler.store.queries import Filters
from crawler.tools.search import fts_phrase, search


@pytest.fixture
def corpus(db_path: Path) -> tuple[Store, dict[str, int]]:
    store, ids = build_corpus(db_path)
    yield store, ids
    store.close()


def hit_ids(store: Store, query: str, **filters) -> list[int]:
    return [hit.id for hit in search(store.db, query, Filters(**filters))]


def test_hits_are_ranked_title_first_then_by_frequency(db_path: Path) -> None:
    store = Store(db_path)
    texts = {
        "once": "推进乡村振兴。\n" + paragraphs("一"),
        "often": "推进乡村振兴。\n乡村振兴战略全面实施。\n乡村振兴示范带建设。\n乡村振兴人才培养。\n" + paragraphs("二"),
        "none": "城市更新行动。\n" + paragraphs("三"),
    }
    ids = {key: save_report(store, Report(key, f"{key}报告", text, "wenzhou"), "wenzhou", n)
           for n, (key, text) in enumerate(texts.items())}
    titled = save_report(store, Report("titled", "乡村振兴工作报告", "城市建设。\n" + paragraphs("四"), "wenzhou"), "wenzhou", 9)
    assert hit_ids(store, "乡村振兴") == [titled, ids["often"], ids["once"]]
    ranks = [hit.rank for hit in search(store.db, "乡村振兴")]
    assert ranks == sorted(ranks) and all(rank < 0 for rank in ranks)


def test_snippet_marks_the_match(corpus) -> None:
    store, ids = corpus
    [hit] = search(store.db, "共同富裕示范区")
    assert hit.id == ids["hangzhou2022"] and hit.title == "2022年杭州市政府工作报告"
    assert "建设«共同富裕示范区»" in hit.snippet
    assert (hit.year, hit.region, hit.region_code, hit.level, hit.site) == (2022, "杭州市", "330100", "市", "hangzhou")
    [custom] = search(store.db, "共同富裕", marks=("<b>", "</b>"))
    assert "<b>共同富裕</b>示范区" in custom.snippet


def test_every_term_must_occur(corpus) -> None:
    store, ids = corpus
    assert sorted(hit_ids(store, "数字经济")) == [ids["wenzhou2021"], ids["same_title_a"]]
    assert hit_ids(store, "数字经济 瓯江第3项") == [ids["wenzhou2021"]]
    assert hit_ids(store, "数字经济 不存在的词") == []


def test_filters_apply_to_search(corpus) -> None:
    store, ids = corpus
    assert hit_ids(store, "数字经济", region="瑞安") == [ids["same_title_a"]]
    assert hit_ids(store, "数字经济", region="3303", level="市") == [ids["wenzhou2021"]]
    assert hit_ids(store, "数字经济", site="news163") == [ids["wenzhou2021"]]
    assert hit_ids(store, "数字经济", year=2022) == []
    assert hit_ids(store, "首都功能") == []  # the Beijing report is truncated
    assert hit_ids(store, "首都功能", include_truncated=True) == [ids["beijing2022"]]


def test_short_terms_fall_back_to_like(corpus) -> None:
    store, ids = corpus
    hits = search(store.db, "首都", Filters(include_truncated=True))
    assert [hit.id for hit in hits] == [ids["beijing2022"]] and hits[0].rank is None
    assert "«首都»功能" in hits[0].snippet
    assert sorted(hit_ids(store, "数字 经济")) == [ids["wenzhou2021"], ids["same_title_a"]]
    # mixed: the long term uses the index and ranks, the short one filters with LIKE
    assert hit_ids(store, "建设数字 温州") == [ids["wenzhou2021"]]
    assert hit_ids(store, "%") == [] and hit_ids(store, "_") == []


@pytest.mark.parametrize("query", ['"', '"数字经济', "AND OR NOT", "数字经济 NEAR(", "*", "a:b", "'); drop table documents; --", "(^)"])
def test_punctuation_in_queries_is_never_syntax(corpus, query: str) -> None:
    store, _ = corpus
    search(store.db, query)
    assert store.count("documents") == 10


def test_fts_phrase_quotes() -> None:
    assert fts_phrase('a"b') == '"a""b"'


def test_empty_query_is_a_user_error(corpus) -> None:
    store, _ = corpus
    with pytest.raises(ValueError, match="empty"):
        search(store.db, "   ")


def test_index_follows_text_changes(corpus) -> None:
    """When a better copy arrives, dedup moves the document's text: search sees the new text."""
    store, ids = corpus
    document_id = ids["hangzhou2022"]
    with store.db.atomic():
        store.db["documents"].update(document_id, {"text": "各位代表：\n全面推进亚运城市建设。", "chars": 16})
    assert hit_ids(store, "亚运城市") == [document_id]
    assert hit_ids(store, "共同富裕示范区") == []
    with store.db.atomic():
        store.db["documents"].update(document_id, {"title": "2022年杭州市人民政府工作报告（全文）"})
    assert hit_ids(store, "人民政府工作报告（全文") == [document_id]
    with store.db.atomic():
        store.db.execute("update documents set year = 2023 where id = ?", [document_id])  # no re-index needed
    assert hit_ids(store, "亚运城市", year=2023) == [document_id]
    with store.db.atomic():
        for table in ("copies", "lsh_bands", "fingerprints"):  # every table referencing the document
            store.db.execute(f"delete from {table} where document_id = ?", [document_id])
        store.db.execute("delete from documents where id = ?", [document_id])
    assert hit_ids(store, "亚运城市") == []
    assert store.db.execute("select count(*) from documents_fts where documents_fts match '\"亚运城市\"'").fetchone()[0] == 0


def test_new_documents_are_searchable_at_once(corpus) -> None:
    store, _ = corpus
    new_id = save_report(store, Report("new", "2023年宁波市政府工作报告", "建设世界一流强港。\n" + paragraphs("甬江"), "ningbo"), "ningbo", 50)
    assert hit_ids(store, "世界一流强港") == [new_id]


def test_cli_search_json_and_text(corpus, db_path: Path) -> None:
    store, ids = corpus
    result = CliRunner().invoke(cli, ["search", "数字经济", "--json", "--limit", "1", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    hit = json.loads(line)
    assert hit["id"] in (ids["wenzhou2021"], ids["same_title_a"]) and "«数字经济»" in hit["snippet"]
    text = CliRunner().invoke(cli, ["search", "共同富裕", "--region", "33", "--db", str(db_path)])
    assert text.exit_code == 0, text.output
    first, snippet = text.output.splitlines()
    assert first == f"{ids['hangzhou2022']}\t2022\t杭州市\t2022年杭州市政府工作报告"
    assert "«共同富裕»示范区" in snippet and "\n" not in snippet
    empty = CliRunner().invoke(cli, ["search", "", "--db", str(db_path)])
    assert empty.exit_code == 1 and "empty search query" in empty.output
