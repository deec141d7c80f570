"""Dedup: one canonical document per report, whatever order its copies arrive in.

Variant sets are built from real report texts (tests/dedup_data) with tests/support/variants.py:
official, news, mirror, forum (re-typed, split over floors), content-farm previews, aggregator
pages; hard negatives are other regions' reports of the same year and generated reports of the
same region's consecutive years.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from reportgen import ReportGenerator
from variants import aggregator, excerpt, forum_floors, preview, real_report, retype

from crawler.dedup import fingerprints as dedup
from crawler.extract.items import Draft
from crawler.store.db import Store
from crawler.store.rows import RawPage
from crawler.store.versions import STAGE_VERSIONS


@dataclass(frozen=True)
class Copy:
    """One page of a scenario: a URL on a site of some kind, with one or more drafts."""

    url: str
    kind: str
    drafts: tuple[Draft, ...]
    published: str | None = None


def draft(url: str, title: str, text: str, *, truncated: bool = False, published: str | None = None,
          seg: tuple[int, int] | None = None, year: int | None = None, region: str | None = None) -> Draft:
    return Draft(url=url, title=title, text=text, page_type="test", published=published, truncated=truncated,
                 seg_start=seg[0] if seg else None, seg_end=seg[1] if seg else None, year=year, region=region)


def page(url: str, kind: str, title: str, text: str, **kwargs) -> Copy:
    return Copy(url, kind, (draft(url, title, text, **kwargs),))


def save(store: Store, copy: Copy) -> None:
    body = ("\n".join(d.text for d in copy.drafts)).encode()
    raw = RawPage(url=copy.url, site=copy.url.split("/")[2], status=200, headers={}, body=body,
                  encoding="utf-8", fetched_at="2026-11-21T00:00:00+00:00",
                  site_kind=copy.kind)
    store.save_page(raw, list(copy.drafts), None, STAGE_VERSIONS)


def groups(store: Store) -> set[frozenset[tuple[str, int]]]:
    """The canonical groups as sets of (url, seg): independent of document ids."""
    rows = store.db.query(
        """select c.document_id, p.url, c.seg from copies c join pages p on p.id = c.page_id
           join documents d on d.id = c.document_id where d.merged_into is null"""
    )
    found: dict[int, set[tuple[str, int]]] = {}
    for row in rows:
        found.setdefault(row["document_id"], set()).add((row["url"], row["seg"]))
    return {frozenset(members) for members in found.values()}


def copy_of(store: Store, url: str, seg: int = 0) -> dict:
    return next(store.db.query(
        """select c.*, d.id as doc, d.text as doc_text, d.best_copy_id from copies c join pages p on p.id = c.page_id
           join documents d on d.id = c.document_id where p.url = ? and c.seg = ?""", [url, seg]
    ))


# -- the variant set ------------------------------------------------------------------------

def variant_set() -> tuple[list[Copy], list[set[tuple[str, int]]]]:
    """Copies of nine real reports on official, news, forum, farm, mirror and aggregator sites,
    and the groups they must form."""
    copies: list[Copy] = []
    expected: list[set[tuple[str, int]]] = []
    for index, name in enumerate(["longgang-2021", "cixi-2021", "longyou-2023"]):
        title, text = real_report(name)
        host = name.split("-")[0]
        urls = {
            "official": f"https://www.{host}.gov.cn/art/2021/{index}.html",
            "news": f"https://news.{host}.cn/{index}.html",
            "forum": f"https://bbs.example.cn/thread-{index}-1-1.html",
            "farm10": f"https://wenku.example.com/p/{index}0.html",
            "farm45": f"https://doc.example.net/p/{index}45.html",
            "mirror": f"https://mirror.example.org/{index}.html",
        }
        copies += [
            page(urls["official"], "official", title, text, published="2021-03-01"),
            page(urls["news"], "news", title, text.replace("\n", "\n\n").replace("，", ","), published="2021-03-02"),
            page(urls["forum"], "forum", title, forum_floors(retype(text, 12, index), 6, index)),
            page(urls["farm10"], "farm", title, preview(text, 0.10), truncated=True),
            page(urls["farm45"], "farm", title, preview(text, 0.45)),  # cut without a marker
            page(urls["mirror"], "mirror", title, excerpt(text, 0.3, 0.25)),
        ]
        expected.append({(url, 0) for url in urls.values()})
    # an aggregator page: three 2021 reports, the last cut off without a marker
    reports = [real_report(name) for name in ("puer-2021", "chaozhou-2021", "hengyang-2021")]
    agg_url = "https://zhaoshang.example.com/news/2021-reports.html"
    segments = aggregator([text for _, text in reports], cut_last=0.4)
    copies.append(Copy(agg_url, "aggregator", tuple(
        draft(agg_url, title, text, seg=(start, end)) for (title, _), (text, start, end) in zip(reports, segments, strict=True)
    )))
    for seg, (name, (title, text)) in enumerate(zip(("puer", "chaozhou", "hengyang"), reports, strict=True)):
        official = f"https://www.{name}.gov.cn/zwgk/2021.html"
        copies.append(page(official, "official", title, text, published="2021-02-10"))
        expected.append({(official, 0), (agg_url, seg)})
    # hard negatives: more 2021 reports of other regions, sharing that year's stock phrases
    for name in ("baoxing-2021", "pingtang-2021", "lishui-2025"):
        title, text = real_report(name)
        url = f"https://www.{name}.gov.cn/report.html"
        copies.append(page(url, "official", title, text))
        expected.append({(url, 0)})
    return copies, expected


def run(copies: list[Copy], path: Path) -> Store:
    store = Store(path)
    for copy in copies:
        save(store, copy)
    return store


@pytest.fixture(scope="module")
def variants() -> tuple[list[Copy], list[set[tuple[str, int]]]]:
    return variant_set()


@pytest.mark.parametrize("order", ["as_listed", "reversed", "shuffled_1", "shuffled_2"])
def test_every_arrival_order_gives_the_expected_groups(variants, order: str, tmp_path: Path) -> None:
    copies, expected = variants
    copies = list(copies)
    if order == "reversed":
        copies.reverse()
    elif order.startswith("shuffled"):
        random.Random(int(order[-1])).shuffle(copies)
    store = run(copies, tmp_path / "db.sqlite")
    assert groups(store) == {frozenset(g) for g in expected}
    assert len(list(store.documents())) == len(expected) == 9
    # the official copy is canonical, and the document carries its text
    for name in ("longgang", "cixi", "longyou"):
        official = next(c for c in copies if c.url.startswith(f"https://www.{name}.gov.cn"))
        row = copy_of(store, official.url)
        assert (row["relation"], row["doc_text"]) == ("canonical", official.drafts[0].text)


def test_relations_and_scores(variants, tmp_path: Path) -> None:
    copies, _ = variants
    store = run(copies, tmp_path / "db.sqlite")
    by_url = {c.url: c for c in copies}

    def relation(prefix: str, index: int = 0, seg: int = 0) -> tuple[str, float]:
        url = [u for u in by_url if u.startswith(prefix)][index]
        row = copy_of(store, url, seg)
        return row["relation"], row["similarity"]

    assert relation("https://news.") == ("exact", 1.0)
    rel, score = relation("https://bbs.example.cn/")
    assert rel == "near" and 0.85 <= score < 1.0
    for farm in ("https://wenku.example.com/", "https://doc.example.net/", "https://mirror.example.org/"):
        rel, score = relation(farm)
        assert rel == "contained" and 0.95 <= score <= 1.0, (farm, rel, score)
    agg = "https://zhaoshang.example.com/"
    assert relation(agg, 0, 0) == ("exact", 1.0)
    rel, score = relation(agg, 0, 2)  # the cut-off third report
    assert rel == "contained" and score >= 0.95


@pytest.mark.parametrize("share", [0.05, 0.10, 0.25, 0.50, 0.80])
def test_truncated_previews_join_the_full_text_either_way_round(share: float, tmp_path: Path) -> None:
    title, text = real_report("longgang-2021")
    full = page("https://www.longgang.gov.cn/a.html", "official", title, text)
    cut = page("https://wenku.example.com/a.html", "farm", title, preview(text, share), truncated=True)
    for index, order in enumerate(([full, cut], [cut, full])):
        store = run(order, tmp_path / f"{index}.sqlite")
        assert len(list(store.documents())) == 1, (share, index)
        row = copy_of(store, cut.url)
        assert row["relation"] == "contained" and row["similarity"] >= 0.9
        assert row["doc_text"] == text


def test_document_id_is_stable_when_a_better_copy_arrives(tmp_path: Path) -> None:
    title, text = real_report("cixi-2021")
    store = Store(tmp_path / "db.sqlite")
    save(store, page("https://wenku.example.com/cixi.html", "farm", title, preview(text, 0.3), truncated=True))
    [before] = store.documents()
    save(store, page("https://bbs.example.cn/cixi.html", "forum", title, retype(text, 10, 1)))
    save(store, page("https://www.cixi.gov.cn/cixi.html", "official", title, text))
    [after] = store.documents()
    assert after["id"] == before["id"]
    assert after["text"] == text and after["best_copy_id"] != before["best_copy_id"]
    relations = {c["url"]: (c["relation"], c["id"]) for c in store.copies_of(after["id"])}
    assert relations["https://www.cixi.gov.cn/cixi.html"][0] == "canonical"
    assert relations["https://wenku.example.com/cixi.html"] == ("contained", before["best_copy_id"])
    assert relations["https://bbs.example.cn/cixi.html"][0] == "near"


def test_a_copy_bridging_two_documents_merges_them_into_the_older_id(tmp_path: Path) -> None:
    title, text = real_report("puer-2021")
    head = page("https://wenku.example.com/puer-1.html", "farm", title, preview(text, 0.15), truncated=True)
    tail = page("https://mirror.example.org/puer-2.html", "mirror", title, excerpt(text, 0.8, 0.2))
    full = page("https://www.puer.gov.cn/puer.html", "official", title, text)
    store = run([head, tail], tmp_path / "a.sqlite")
    first, second = (d["id"] for d in store.documents())
    save(store, full)
    [merged] = store.documents()
    assert merged["id"] == first and merged["text"] == text
    assert store.db["documents"].get(second)["merged_into"] == first
    [group] = store.groups(document_id=second)  # the retired id still leads to its group
    assert group["id"] == first and group["merged"] == [second]
    assert {c["relation"] for c in group["copies"]} == {"canonical", "contained"}
    other = run([full, tail, head], tmp_path / "b.sqlite")
    assert groups(other) == groups(store)


def test_forum_copy_split_over_floors_joins_its_report(tmp_path: Path) -> None:
    title, text = real_report("longyou-2023")
    store = run([
        page("https://bbs.example.cn/t1.html", "forum", title, forum_floors(text, 9, 3)),
        page("https://bbs.example.cn/t2.html", "forum", title, forum_floors(retype(text, 60, 3), 9, 3)),
        page("https://www.longyou.gov.cn/r.html", "official", title, text),
    ], tmp_path / "db.sqlite")
    [document] = store.documents()
    assert document["text"] == text
    assert copy_of(store, "https://bbs.example.cn/t1.html")["relation"] == "exact"  # only the layout differs
    row = copy_of(store, "https://bbs.example.cn/t2.html")
    assert row["relation"] == "near" and 0.85 <= row["similarity"] < 1.0


def test_same_year_reports_of_other_regions_stay_apart(tmp_path: Path) -> None:
    names = ["longgang-2021", "cixi-2021", "baoxing-2021", "puer-2021", "chaozhou-2021", "hengyang-2021", "pingtang-2021"]
    copies = []
    for name in names:  # full texts, and short previews: the part made most of stock phrases
        title, text = real_report(name)
        copies.append(page(f"https://www.{name}.gov.cn/full.html", "official", title, text))
        copies.append(page(f"https://wenku.example.com/{name}.html", "farm", title, preview(text, 0.05), truncated=True))
    store = run(copies, tmp_path / "db.sqlite")
    assert len(groups(store)) == len(names)


def test_same_region_consecutive_years_stay_apart(tmp_path: Path) -> None:
    generator = ReportGenerator(seed=7)
    regions = generator.regions(6)
    copies = []
    for region in regions:
        for year in range(2019, 2024):
            title, text = generator.report(region, year)
            copies.append(page(f"https://www.example.gov.cn/{region}/{year}.html", "official", title, text))
            copies.append(page(f"https://wenku.example.com/{region}/{year}.html", "farm", title, preview(text, 0.1)))
    store = run(copies, tmp_path / "db.sqlite")
    found = groups(store)
    assert len(found) == 30
    for group in found:
        assert len({url.rsplit("/", 1)[1] for url, _ in group}) == 1  # one year per group


def test_metadata_that_disagrees_keeps_near_identical_texts_apart(tmp_path: Path) -> None:
    title, text = real_report("hengyang-2021")
    store = run([
        page("https://www.hengyang.gov.cn/a.html", "official", title, text, year=2021, region="衡阳市"),
        page("https://mirror.example.org/b.html", "mirror", title, retype(text, 5, 2), year=2022, region="衡阳市"),
    ], tmp_path / "db.sqlite")
    assert len(list(store.documents())) == 2


def test_document_carries_its_best_copys_metadata(tmp_path: Path) -> None:
    title, text = real_report("chaozhou-2021")
    store = run([
        page("https://wenku.example.com/c.html", "farm", "潮州报告", preview(text, 0.2), year=2021, region="潮州市"),
        Copy("https://www.chaozhou.gov.cn/c.html", "official", (replace(
            draft("https://www.chaozhou.gov.cn/c.html", title, text, published="2021-02-05", year=2021, region="潮州市"),
            region_code="445100", level="市", speaker="何晓军", delivered_on="2021-02-02",
        ),)),
    ], tmp_path / "db.sqlite")
    [document] = store.documents()
    assert (document["title"], document["year"], document["region"], document["region_code"], document["level"],
            document["speaker"], document["delivered_on"], document["published_on"]) == (
        title, 2021, "潮州市", "445100", "市", "何晓军", "2021-02-02", "2021-02-05")
    farm = copy_of(store, "https://wenku.example.com/c.html")
    assert (farm["title_as_seen"], farm["year"], farm["region"]) == ("潮州报告", 2021, "潮州市")


def test_stock_phrases_are_ignored_once_common(tmp_path: Path) -> None:
    generator = ReportGenerator(seed=3)
    stock = "".join(generator.stock()[:8])
    store = Store(tmp_path / "db.sqlite")
    for index, region in enumerate(generator.regions(6)):
        _, text = generator.report(region, 2021, chars=2000)
        save(store, page(f"https://www.example.gov.cn/{index}.html", "official", region, stock + "\n" + text))
    counts = store.db.execute("select count(*) from fingerprint_counts where documents >= ?", [dedup.STOCK_DOCUMENTS])
    assert counts.fetchone()[0] >= 8
    assert len(groups(store)) == 6


def test_fingerprint_is_deterministic_and_layout_blind() -> None:
    _, text = real_report("lishui-2025")
    a, b = dedup.fingerprint(text), dedup.fingerprint(text.replace("\n", "\n\n").replace("，", ","))
    assert a == b == dedup.fingerprint(text)
    assert len(a.minhash) == dedup.NUM_PERM * 4 and len(a.band_keys) == dedup.BANDS
    near = dedup.fingerprint(retype(text, 20, 1))
    assert near.key != a.key and dedup.jaccard(a.minhash, near.minhash) >= 0.9
    assert dedup.relation(dedup.fingerprint(preview(text, 0.3)), a)[0] == "contained"


def test_re_extracting_a_page_moves_its_copy(tmp_path: Path) -> None:
    title, text = real_report("longgang-2021")
    other_title, other = real_report("baoxing-2021")
    store = run([page("https://www.longgang.gov.cn/a.html", "official", title, text)], tmp_path / "db.sqlite")
    url = "https://mirror.example.org/x.html"
    save(store, page(url, "mirror", title, text))
    # same page (same body), now extracted as another report
    body_copy = Copy(url, "mirror", (draft(url, other_title, other),))
    raw_body = text.encode()
    store.save_page(RawPage(url=url, site="mirror.example.org", status=200, headers={}, body=raw_body, encoding="utf-8",
                            fetched_at="2026-11-22T00:00:00+00:00", site_kind="mirror"), list(body_copy.drafts), None, STAGE_VERSIONS)
    assert len(list(store.documents())) == 2
    assert copy_of(store, url)["doc_text"] == other


def test_a_database_from_before_dedup_is_fingerprinted_on_upgrade(tmp_path: Path) -> None:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from crawler.store import schema as store_module

    path = tmp_path / "old.db"
    old = Migrations("govcrawl")
    old._migrations = [m for m in store_module.migrations._migrations if m.name == "m001_initial"]
    db = Database(path)
    old.apply(db)
    title, text = real_report("pingtang-2021")
    db["pages"].insert({"id": 1, "url": "https://www.pingtang.gov.cn/1.html", "site": "x", "sha1": "a", "body": b""})
    db["documents"].insert({"id": 1, "title": title, "text": text, "best_copy_id": 1})
    db["copies"].insert({"id": 1, "page_id": 1, "seg": 0, "document_id": 1, "relation": "canonical", "text": text,
                         "title_as_seen": title, "truncated": 0})
    db.close()
    store = Store(path)
    save(store, page("https://wenku.example.com/pt.html", "farm", title, preview(text, 0.1), truncated=True))
    assert len(list(store.documents())) == 1
    assert copy_of(store, "https://wenku.example.com/pt.html")["relation"] == "contained"


def test_dedup_pipeline_attaches_one_fingerprint_per_draft() -> None:
    from scrapy.utils.test import get_crawler

    from crawler.extract.items import PageItem
    from pipelines.dedup import DedupPipeline

    crawler = get_crawler()
    pipeline = DedupPipeline.from_crawler(crawler)
    _, text = real_report("puer-2021")
    item = PageItem(url="https://a.cn/", status=200, headers={}, body=b"", site="a", fetched_at="t",
                    drafts=[draft("https://a.cn/", "t", text), draft("https://a.cn/", "t", preview(text, 0.2))])
    pipeline.process_item(item)
    assert item.fingerprints == [dedup.fingerprint(text), dedup.fingerprint(preview(text, 0.2))]
    assert crawler.stats.get_value("govcrawl/dedup/fingerprinted") == 2


def test_leftover_signature_lines_do_not_chain_a_forums_threads_together(tmp_path: Path) -> None:
    signature = "本帖最后由版主整理发布于政府工作报告专区。\n欢迎关注本站公众号获取更多各地政府工作报告全文资料。"
    threads = []
    for index, name in enumerate(("baoxing-2021", "lishui-2025", "longyou-2023")):
        title, text = real_report(name)
        threads.append(page(f"https://bbs.example.cn/thread-{index}.html", "forum", title, text + "\n" + signature))
    leftover = page("https://bbs.example.cn/thread-9.html", "forum", "附件", "附件：报告全文.doc\n" + signature)
    for order in ([leftover, *threads], [*threads, leftover], [threads[0], leftover, *threads[1:]]):
        store = run(order, tmp_path / f"{len(list(tmp_path.iterdir()))}.sqlite")
        reports = [g for g in groups(store) if any("thread-9" not in url for url, _ in g)]
        assert len(reports) == 3, order


@pytest.mark.parametrize("chars_per_edit", [200, 60, 40])
def test_heavily_re_typed_copies_are_near(chars_per_edit: int, tmp_path: Path) -> None:
    title, text = real_report("hengyang-2021")
    garbled = forum_floors(retype(text, len(text) // chars_per_edit, chars_per_edit), 5, 1)
    for index, order in enumerate((["official", "forum"], ["forum", "official"])):
        copies = {"official": page("https://www.hengyang.gov.cn/r.html", "official", title, text),
                  "forum": page("https://bbs.example.cn/r.html", "forum", title, garbled)}
        store = run([copies[name] for name in order], tmp_path / f"{index}.sqlite")
        [document] = store.documents()
        row = copy_of(store, "https://bbs.example.cn/r.html")
        assert row["relation"] == "near" and dedup.NEAR_THRESHOLD <= row["similarity"] < 0.99
        assert document["text"] == text
