"""``govcrawl stats``, ``search``, ``browse`` and ``dupes``: read the corpus (read-only)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from crawler.cli.errors import printable
from crawler.cli.options import check_filters, db_option, filter_options, json_option, read_store, user_errors


@click.command()
@json_option
@db_option
def stats(as_json: bool, db_path: Path) -> None:
    """Summarise the database: counts; documents by site (with its last run and last
    successful run), year and level; the share of documents having each report field.

    Example:

    \b
        govcrawl stats --db output/govreports.db
        govcrawl stats --json
    """
    store = read_store(db_path)
    try:
        summary = _summary(store, db_path)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    click.echo(f"{db_path} (schema version {summary['schema_version']})")
    for table, n in summary["counts"].items():
        click.echo(f"  {table:<10} {n}")
    click.echo("by site (documents with a copy there):")
    for site, row in summary["by_site"].items():
        last, good = row["last_run"], row["last_successful_run"]
        last_text = f"{last['status']} {last['finished_at'] or last['started_at']}" if last else "-"
        good_text = f"#{good['id']} {good['finished_at']}" if good else "never"
        click.echo(f"  {site:<14} {row['documents']} documents, {row['pages']} pages, "
                   f"last run {last_text}, last successful run {good_text}")
    for by in ("year", "level"):
        click.echo(f"by {by}: " + ", ".join(f"{value if value is not None else '?'} {n}" for value, n in summary[f"by_{by}"]))
    total = summary["counts"]["documents"]
    click.echo(f"field coverage ({total} documents):")
    for field, n in summary["field_coverage"].items():
        click.echo(f"  {field:<14} {n:>6}  {n / total if total else 0:6.1%}")


def _summary(store: Any, db_path: Path) -> dict[str, Any]:
    """What `stats` shows, as one JSON-ready dict (documents: canonical ones, merged ones not counted)."""
    successful = store.last_successful_runs()
    pick = lambda run: {k: run[k] for k in ("id", "status", "started_at", "finished_at")} if run else None  # noqa: E731
    total, having = store.field_coverage()
    return {
        "database": str(db_path), "schema_version": store.schema_version,
        "counts": {"documents": total, **{table: store.count(table) for table in ("copies", "pages", "runs")}},
        "by_site": {
            site: {**counts, "last_run": pick(store.last_run(site)), "last_successful_run": pick(successful.get(site))}
            for site, counts in store.counts_by_site().items()
        },
        "by_year": store.document_counts("year"), "by_level": store.document_counts("level"),
        "field_coverage": having,
    }


@click.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@filter_options
@db_option
@user_errors
def search(query: str, limit: int, as_json: bool, filters: Any, db_path: Path) -> None:
    """Full-text search over canonical documents, best match first, with a snippet of each.

    Any run of 3 or more characters is found, no word segmentation needed (FTS5 trigram
    index, ranked by bm25, title hits weigh more). Space-separated terms must all occur.
    Terms shorter than 3 characters cannot use the index: they fall back to LIKE, a scan of
    every document (slower; when no term is long enough, hits are unranked).

    Example:

    \b
        govcrawl search 数字经济
        govcrawl search "共同富裕 示范区" --region 33 --year 2022 --json
    """
    from crawler.tools.search import search as find

    store = read_store(db_path)
    marks = ("\033[1;31m", "\033[0m") if sys.stdout.isatty() and not as_json else ("«", "»")
    try:
        check_filters(filters, store)
        hits = find(store.db, query, filters, limit, marks)
    finally:
        store.close()
    for hit in hits:
        if as_json:
            click.echo(json.dumps(asdict(hit), ensure_ascii=False))
        else:
            snippet = " ".join(printable(hit.snippet).split())
            click.echo(f"{hit.id}\t{hit.year or '-'}\t{printable(hit.region) or '-'}\t{printable(hit.title)}\n\t{snippet}")
    if not hits and not as_json:
        click.echo("no matches", err=True)


@click.command()
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@db_option
def browse(port: int, host: str, db_path: Path) -> None:
    """Browse the corpus in a web browser: Datasette with facets (site, year, region, level),
    full-text search and canned queries (reports per region and year, copies of a document).

    Needs the browse extra: pip install 'govcrawl[browse]'.

    Example:

    \b
        govcrawl browse --port 8001
    """
    from crawler.tools.browse import serve
    from crawler.tools.extras import MissingExtra, require

    try:
        require("datasette", "browse")
    except MissingExtra as problem:
        raise click.ClickException(str(problem)) from None
    read_store(db_path).close()  # one line, not a server error page, for a missing, old or damaged database
    click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    serve(db_path, host, port)


@click.command()
@click.option("--document", "document_id", type=int, help="Show this document's group (a merged id leads to it).")
@click.option("--min-copies", type=int, default=2, show_default=True, help="Only documents with this many copies.")
@json_option
@db_option
def dupes(document_id: int | None, min_copies: int, as_json: bool, db_path: Path) -> None:
    """Show dedup groups: each canonical document with its copies, relations and scores.

    Example:

    \b
        govcrawl dupes --min-copies 3
        govcrawl dupes --document 12
        govcrawl dupes --json
    """
    store = read_store(db_path)
    try:
        groups = store.groups(document_id, min_copies)
    finally:
        store.close()
    if document_id is not None and not groups:
        raise click.ClickException(f"no document {document_id}")
    if as_json:
        click.echo(json.dumps(groups, ensure_ascii=False, indent=2))
        return
    for group in groups:
        merged = f"; merged from {', '.join(map(str, group['merged']))}" if group["merged"] else ""
        where = " ".join(printable(str(v)) for v in (group["year"], group["region"]) if v)
        click.echo(f"document {group['id']}  {printable(group['title'])}  ({where or 'year/region unknown'}; "
                   f"{len(group['copies'])} copies{merged})")
        for copy in group["copies"]:
            flags = " truncated" if copy["truncated"] else ""
            click.echo(f"  {copy['relation']:<9} {copy['similarity'] or 0:5.3f}  {printable(copy['site']):<20} "
                       f"{copy['site_kind'] or '?':<10} {copy['chars']:>6} chars{flags}  {printable(copy['url'])}")


COMMANDS = (stats, search, browse, dupes)
