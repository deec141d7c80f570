"""The dedup policy (crawler.dedup.matcher) without SQLite: an index kept in dicts.

The same rules run in the store against its tables (tests/dedup/test_dedup.py); here each
rule is checked alone on real report texts (tests/dedup_data) and their variants.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from types import SimpleNamespace

from variants import excerpt, preview, real_report, retype

from crawler.dedup import matcher
from crawler.dedup.fingerprints import STOCK_DOCUMENTS, Fingerprint, fingerprint, sentences
from crawler.dedup.matcher import BestCopy, ReportKey


class MemoryIndex:
    """`matcher.Index` over dicts: each document's copies, report key and best copy."""

    def __init__(self) -> None:
        self.copies: dict[int, list[Fingerprint]] = {}
        self.keys: dict[int, ReportKey] = {}
        self.best: dict[int, BestCopy] = {}

    def add(self, document_id: int, text: str, *, year: int | None = None, region: str | None = None,
            truncated: bool = False, title: str | None = None) -> None:
        self.copies.setdefault(document_id, []).append(fingerprint(text))
        self.keys[document_id] = ReportKey(year, region, None)
        self.best.setdefault(document_id, BestCopy(truncated, title))

    def _sentences(self, document_id: int) -> set[int]:
        return {h for fp in self.copies[document_id] for h in fp.sentences}

    def exact_documents(self, key: str) -> list[int]:
        return sorted(d for d, fps in self.copies.items() if any(fp.key == key for fp in fps))

    def band_candidates(self, band_keys: Sequence[int], limit: int) -> list[tuple[int, bytes]]:
        wanted = set(band_keys)
        documents = sorted(d for d, fps in self.copies.items() if any(wanted & set(fp.band_keys) for fp in fps))[:limit]
        return [(d, fp.minhash) for d in documents for fp in self.copies[d]]

    def _documents_per_hash(self) -> Counter[int]:
        return Counter(h for d in self.copies for h in self._sentences(d))

    def stock_hashes(self, hashes: Sequence[int], documents: int) -> set[int]:
        counts = self._documents_per_hash()
        return {h for h in hashes if counts[h] >= documents}

    def shared_sentences(self, hashes: Sequence[int], at_least: int) -> list[tuple[int, int]]:
        wanted = set(hashes)
        shared = ((d, len(self._sentences(d) & wanted)) for d in sorted(self.copies))
        return [(d, n) for d, n in shared if n >= at_least]

    def distinctive_count(self, document_id: int, documents: int) -> int:
        counts = self._documents_per_hash()
        return sum(1 for h in self._sentences(document_id) if counts[h] < documents)

    def best_copy(self, document_id: int) -> BestCopy | None:
        return self.best.get(document_id)

    def report_key(self, document_id: int) -> ReportKey:
        return self.keys[document_id]


def key(year: int | None = None, region: str | None = None) -> SimpleNamespace:
    """What a draft offers the matcher: its year and region."""
    return SimpleNamespace(year=year, region=region, region_code=None)


def indexed(*names: str) -> tuple[MemoryIndex, dict[str, str]]:
    """An index holding one document per named real report (ids 1, 2, …), and the texts."""
    index, texts = MemoryIndex(), {}
    for document_id, name in enumerate(names, 1):
        title, texts[name] = real_report(name)
        index.add(document_id, texts[name], year=int(name[-4:]), title=title)
    return index, texts


def test_the_same_text_is_an_exact_strong_match() -> None:
    index, texts = indexed("longgang-2021", "cixi-2021")
    found = matcher.find_documents(index, fingerprint(texts["cixi-2021"]), key(2021), "")
    assert found == {2: (1.0, True)}


def test_a_retyped_copy_is_a_near_match_and_other_reports_are_not() -> None:
    index, texts = indexed("longgang-2021", "cixi-2021", "puer-2021")
    found = matcher.near_documents(index, fingerprint(retype(texts["puer-2021"], 30, 1)))
    assert list(found) == [3]
    score, strong = found[3]
    assert 0.6 <= score < 1.0 and strong


def test_a_preview_is_contained_in_its_report() -> None:
    index, texts = indexed("longgang-2021", "chaozhou-2021")
    found = matcher.containing_documents(index, fingerprint(preview(texts["chaozhou-2021"], 0.3)), "")
    assert list(found) == [2]
    assert found[2][0] >= 0.8


def test_a_full_text_joins_the_preview_stored_before_it_when_the_preview_is_vouched_for() -> None:
    title, text = real_report("hengyang-2021")
    short_preview = "。".join(sentences(text)[:3]) + "。"  # fewer shared sentences than MIN_CONTAINED_DOCUMENT
    for truncated, preview_title, joins in ((True, "某某文库", True), (False, title, True), (False, "某某文库", False)):
        index = MemoryIndex()
        index.add(1, short_preview, year=2021, truncated=truncated, title=preview_title)
        found = matcher.containing_documents(index, fingerprint(text), title)
        assert list(found) == ([1] if joins else []), (truncated, preview_title)


def test_sentences_shared_by_many_documents_do_not_count() -> None:
    _, text = real_report("pingtang-2021")
    stock = excerpt(text, 0.4, 0.2)
    index = MemoryIndex()
    for document_id in range(1, STOCK_DOCUMENTS + 1):
        _, other = real_report(("longgang-2021", "cixi-2021", "puer-2021", "chaozhou-2021", "baoxing-2021")[document_id - 1])
        index.add(document_id, other + "\n" + stock)
    assert matcher.containing_documents(index, fingerprint(stock), "") == {}
    assert index.stock_hashes(fingerprint(stock).sentences, STOCK_DOCUMENTS) == set(fingerprint(stock).sentences)


def test_a_match_whose_year_or_region_disagrees_is_dropped() -> None:
    index, texts = indexed("longyou-2023")
    copy = fingerprint(retype(texts["longyou-2023"], 20, 2))
    assert list(matcher.find_documents(index, copy, key(2023), "")) == [1]
    assert matcher.find_documents(index, copy, key(2022), "") == {}


def test_strong_matches_agreeing_with_the_best_are_merged_into_the_oldest() -> None:
    index = MemoryIndex()
    for document_id, (year, region) in enumerate([(2021, "丽水市"), (2021, "丽水市"), (2021, "温州市"), (2021, "丽水市")], 1):
        index.keys[document_id] = ReportKey(year, region, None)
    matches = {4: (0.95, True), 2: (0.9, True), 3: (0.99, True), 1: (0.7, False)}
    assert matcher.merge_group(index, matches) == [3]  # the best (温州市) agrees with no other
    matches[3] = (0.5, True)
    assert matcher.merge_group(index, matches) == [2, 4]  # best is 4; 2 agrees and is strong; 1 is weak


def test_a_weak_best_match_is_joined_alone() -> None:
    index = MemoryIndex()
    index.keys.update({1: ReportKey(2021, None, None), 2: ReportKey(2021, None, None)})
    assert matcher.merge_group(index, {1: (0.85, False), 2: (0.8, True)}) == [1]
