"""Every page-type fixture: the extracted documents equal the reviewed gold expectation.

Fields a page states (title, text, dates, source, 信息公开 table…) and fields the metadata
stage derives (year, region, speaker…) are checked by separate tests, so a failure says
which stage is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_cases import expected, extract_case, fixture_cases

from crawler.extract.pages.registry import PAGE_TYPES

CASES = fixture_cases()
CASE_IDS = [f"{case.parent.name}/{case.name}" for case in CASES]
METADATA_FIELDS = ("year", "region", "region_code", "level", "speaker", "speaker_role", "meeting", "delivered_on")


def _compare(case: Path, fields: set[str] | None) -> None:
    got, want = extract_case(case), expected(case)
    assert len(got) == len(want), f"{len(got)} documents, expected {len(want)}"
    for index, (got_doc, want_doc) in enumerate(zip(got, want, strict=True)):
        keys = (set(got_doc) | set(want_doc)) if fields is None else fields
        for key in sorted(keys):
            assert got_doc.get(key) == want_doc.get(key), f"document {index}, field {key!r}"


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_page_fields(case: Path) -> None:
    _compare(case, {key for document in expected(case) for key in document} - set(METADATA_FIELDS))


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_metadata_fields(case: Path) -> None:
    _compare(case, set(METADATA_FIELDS))


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_expectation_is_complete(case: Path) -> None:
    documents = expected(case)
    for document in documents:
        assert document["title"] and document["text"], "expected title and text must not be empty"
        assert "\ufffd" not in document["text"] + document["title"], "mojibake in the expectation"


def test_every_page_type_has_a_fixture() -> None:
    covered = {case.parent.name for case in CASES}
    assert set(PAGE_TYPES) <= covered, f"page types without fixtures: {sorted(set(PAGE_TYPES) - covered)}"
