"""The Datasette plugin of `govcrawl browse`: SQL functions its canned queries call.

Imported only when Datasette is (the ``browse`` extra), by `crawler.tools.browse.register_functions`.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from crawler.tools.coverage import divisions_json


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """``divisions_in(prefix, level, year)``: the divisions of the registry as JSON (see
    `divisions_json`), so the coverage query lists the divisions without a report too."""
    conn.create_function("divisions_in", 3, divisions_json, deterministic=True)
