"""A browsable corpus: the database served by Datasette (the ``browse`` extra) with facets,
full-text search and canned queries from ``datasette_metadata.json``.

The ``reports`` view (canonical reports only) and ``documents`` are the visible tables,
everything else is hidden; cells are cut at ``TRUNCATE_CELLS`` characters so a table page
stays small; the year facet lists years in order (`ByValueFacet`); ``province(code)`` names
a region code's province in SQL, for the chart of reports per year and province
(datasette-vega, when installed). Chinese needs a CJK font in the browser (fonts-noto-cjk).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from crawler.extract.divisions import registry
from crawler.tools.extras import require

METADATA = Path(__file__).with_name("datasette_metadata.json")
METADATA_DATABASE = "govreports"
"""The database name the metadata file is written for (``output/govreports.db``)."""


def metadata_for(db_path: Path) -> dict[str, Any]:
    """The bundled metadata, its database section renamed after ``db_path`` (Datasette names
    a database after its file's stem)."""
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    metadata["databases"] = {Path(db_path).stem: metadata["databases"][METADATA_DATABASE]}
    return metadata


PLUGIN_NAME = "govcrawl-functions"


def register_functions() -> None:
    """Register `crawler.tools.browse_functions` with Datasette (once per process): SQL functions
    such as ``divisions_in``, which the coverage canned query calls."""
    plugins = require("datasette.plugins", "browse")
    if not plugins.pm.has_plugin(PLUGIN_NAME):
        plugins.pm.register(require("crawler.tools.browse_functions", "browse"), name=PLUGIN_NAME)
    registry()  # built now (~0.5 s): a query that built it would run into Datasette's 1 s time limit


TRUNCATE_CELLS = 120
"""Characters of a cell shown in a table page (the row page shows all of it)."""


def datasette_for(db_path: Path) -> Any:
    """A Datasette instance over the database (read-only), ready to serve or to query with ``.client``."""
    app = require("datasette.app", "browse")
    register_functions()
    from crawler.tools import browse_plugin

    register(browse_plugin)
    return app.Datasette(
        [str(db_path)], metadata=metadata_for(db_path),
        settings={"facet_time_limit_ms": 1000, "truncate_cells_html": TRUNCATE_CELLS},
    )


def register(plugin: Any) -> None:
    """Register a plugin module with Datasette's plugin manager (once)."""
    from datasette.plugins import pm

    if not pm.is_registered(plugin):
        pm.register(plugin, name=plugin.__name__)


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the database until interrupted."""
    datasette = datasette_for(db_path)
    uvicorn = require("uvicorn", "browse")
    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
