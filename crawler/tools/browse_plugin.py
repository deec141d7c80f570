"""govcrawl's Datasette plugin (registered by crawler/tools/browse.py): a facet that lists
values in order, and the ``province()`` SQL function."""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.facets import ColumnFacet

from crawler.extract.regions import current


class ByValueFacet(ColumnFacet):
    """A column facet listing values by value, newest year first, not by count:
    ``"facets": [{"by_value": "year"}]`` in the metadata."""

    type = "by_value"

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results, timed_out = await super().facet_results()
        for facet in results:
            facet["results"].sort(key=lambda r: (r["value"] is None, r["value"]), reverse=True)
        return results, timed_out


def province(code: str | None) -> str | None:
    """The province of a GB/T 2260 code (330381 → 浙江省), None when unknown."""
    if not code or len(code) < 2:
        return None
    return current().names.get(code[:2] + "0000")


@hookimpl
def register_facet_classes() -> list[type]:
    return [ByValueFacet]


@hookimpl
def prepare_connection(conn: Any) -> None:
    current()  # load the divisions now, not inside the first query's time limit
    conn.create_function("province", 1, province, deterministic=True)
