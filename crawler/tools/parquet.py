"""Typed Parquet: dates as date32, flags as bool, few-valued text (site, region, level …)
dictionary-encoded, and the export's manifest in each file's key-value metadata (``govcrawl``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from crawler.store.queries import Rows
from crawler.tools.columns import BOOL_COLUMNS, CATEGORY_COLUMNS, COLUMNS, DATE_COLUMNS
from crawler.tools.extras import require
from crawler.tools.manifest import Manifest

BATCH = 256
"""Rows per Parquet row group: 256 reports of ~30,000 characters is ~25 MB in memory."""
_ARROW_OF = {"integer": "int64", "real": "float64", "bool": "bool_", "date": "date32"}


def arrow_type(pa: Any, name: str) -> Any:
    """The Arrow type of an exported column (crawler/tools/columns.py; text when unknown)."""
    if name in CATEGORY_COLUMNS:
        return pa.dictionary(pa.int32(), pa.string())
    kind = COLUMNS.get(name, ("", "text", ""))[1]
    return getattr(pa, _ARROW_OF.get(kind, "string"))()


def typed(row: dict[str, Any]) -> dict[str, Any]:
    """A row's values as Arrow takes them: ISO dates as `date` (None when not a full date), flags as bool."""
    for name in DATE_COLUMNS.intersection(row):
        row[name] = _date(row[name])
    for name in BOOL_COLUMNS.intersection(row):
        row[name] = None if row[name] is None else bool(row[name])
    return row


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def write_table(path: Path, rows: Rows, tick: Callable[[], None] | None, manifest: Manifest, counted_as: str | None) -> int:
    """Write ``rows`` to a Parquet file at ``path``; return how many were written. ``counted_as``
    (documents, copies) names what the rows are when they are the export's rows, not a companion file."""
    pa = require("pyarrow", "parquet")
    parquet = require("pyarrow.parquet", "parquet")
    schema = pa.schema([(name, arrow_type(pa, name)) for name in rows.names])
    written = 0
    with parquet.ParquetWriter(path, schema) as writer:
        for batch in batched((typed(row) for row in rows), BATCH):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
            for _ in batch:
                if tick is not None:
                    tick()
        if counted_as:
            manifest.rows = {counted_as: written}
        embedded = {**asdict(manifest), "files": [], "rows_in_this_file": written}
        writer.add_key_value_metadata({"govcrawl": json.dumps(embedded, ensure_ascii=False)})
    return written


def batched(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Lists of at most ``size`` rows."""
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
