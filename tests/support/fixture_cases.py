"""Loading page-type fixtures (see tests/fixtures/README.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from crawler.extract.decoding import decode_html
from crawler.extract.stages import process_page

FIXTURES = Path(__file__).parents[1] / "fixtures"


def fixture_cases() -> list[Path]:
    """Every fixture folder."""
    return sorted(p.parent for p in FIXTURES.glob("*/*/body.html"))


def extract_case(case: Path) -> list[dict[str, Any]]:
    """What govcrawl extracts from a fixture page now, as JSON-ready dicts."""
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    _, html = decode_html((case / "body.html").read_bytes(), meta.get("headers", {}).get("Content-Type"))
    return [asdict(d) for d in process_page(meta["url"], html, meta.get("page_type"))]


def expected(case: Path) -> list[dict[str, Any]]:
    return json.loads((case / "expected.json").read_text("utf-8"))
