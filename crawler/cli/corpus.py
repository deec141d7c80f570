"""``govcrawl stats``, ``export``, ``search``, ``browse`` and ``dupes``: read the corpus."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from crawler.cli.options import db_option, filter_options, open_store, user_errors


@click.command()
@db_option
def stats(db_path: Path) -> None:
    """Summarise the database: counts; documents by site (with its last run and last
    successful run), year and level; the share of documents having each report field.

    Example:

    \b
        govcrawl stats --db output/govreports.db
    """
    store = open_store(db_path, must_exist=True)
    click.echo(f"{db_path} (schema version {store.schema_version})")
    for table in ("documents", "copies", "pages", "runs"):
        click.echo(f"  {table:<10} {store.count(table)}")
    successful = store.last_successful_runs()
    click.echo("by site (documents with a copy there):")
    for site, counts in store.counts_by_site().items():
        last, good = store.last_run(site), successful.get(site)
        last_text = f"{last['status']} {last['finished_at'] or last['started_at']}" if last else "-"
        good_text = f"#{good['id']} {good['finished_at']}" if good else "never"
        click.echo(
            f"  {site:<14} {counts['documents']} documents, {counts['pages']} pages, "
            f"last run {last_text}, last successful run {good_text}"
        )
    for by in ("year", "level"):
        click.echo(f"by {by}: " + ", ".join(f"{value if value is not None else '?'} {n}" for value, n in store.document_counts(by)))
    total, having = store.field_coverage()
    click.echo(f"field coverage ({total} documents):")
    for field, n in having.items():
        click.echo(f"  {field:<14} {n:>6}  {n / total if total else 0:6.1%}")
    store.close()


EXPORT_FORMATS = ("txt", "jsonl", "csv", "parquet")  # crawler.tools.export.FORMATS, without importing it here


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="Output format.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output file (txt: directory).")
@click.option("--all-copies", is_flag=True, help="Every copy of every document instead of canonical documents.")
@filter_options
@db_option
@user_errors
def export(fmt: str, out: Path, all_copies: bool, filters: Any, db_path: Path) -> None:
    """Export clean text: canonical documents (or every copy) with their provenance.

    txt writes one file per document under OUT/<region>/<year>/ plus manifest.csv; jsonl one
    object per document with its `sources`; csv and parquet the documents in OUT and their
    copies in OUT.copies.<format> (documents.<format> and copies.<format> when OUT is a
    directory). Documents whose best copy is truncated are left out unless --include-truncated.
    Files are written under a temporary name and renamed when complete.

    Example:

    \b
        govcrawl export --format jsonl --out reports.jsonl
        govcrawl export --format txt --out reports/ --region 33 --since 2021-01-01
        govcrawl export --format parquet --out reports.parquet --year 2022 --level 市
    """
    from crawler.tools.export import export as export_rows
    from crawler.tools.extras import MissingExtra

    store = open_store(db_path, must_exist=True)
    try:
        result = export_rows(store.db, fmt, out, filters, all_copies, progress=sys.stderr if sys.stderr.isatty() else None)
    except MissingExtra as problem:
        raise click.ClickException(str(problem)) from None
    finally:
        store.close()
    click.echo(f"{result.rows} {'copies' if all_copies else 'documents'} → {', '.join(map(str, result.paths))}")


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

    store = open_store(db_path, must_exist=True)
    marks = ("\033[1;31m", "\033[0m") if sys.stdout.isatty() and not as_json else ("«", "»")
    try:
        hits = find(store.db, query, filters, limit, marks)
    finally:
        store.close()
    for hit in hits:
        if as_json:
            click.echo(json.dumps(asdict(hit), ensure_ascii=False))
        else:
            click.echo(f"{hit.id}\t{hit.year or '-'}\t{hit.region or '-'}\t{hit.title}\n\t{' '.join(hit.snippet.split())}")
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
    open_store(db_path, must_exist=True).close()  # migrates: the search index and the reports view
    click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    serve(db_path, host, port)


@click.command()
@click.option("--document", "document_id", type=int, help="Show this document's group (a merged id leads to it).")
@click.option("--min-copies", type=int, default=2, show_default=True, help="Only documents with this many copies.")
@db_option
def dupes(document_id: int | None, min_copies: int, db_path: Path) -> None:
    """Show dedup groups: each canonical document with its copies, relations and scores.

    Example:

    \b
        govcrawl dupes --min-copies 3
        govcrawl dupes --document 12
    """
    store = open_store(db_path, must_exist=True)
    groups = store.groups(document_id, min_copies)
    store.close()
    if document_id is not None and not groups:
        raise click.ClickException(f"no document {document_id}")
    for group in groups:
        merged = f"; merged from {', '.join(map(str, group['merged']))}" if group["merged"] else ""
        where = " ".join(str(v) for v in (group["year"], group["region"]) if v)
        click.echo(f"document {group['id']}  {group['title']}  ({where or 'year/region unknown'}; "
                   f"{len(group['copies'])} copies{merged})")
        for copy in group["copies"]:
            flags = " truncated" if copy["truncated"] else ""
            click.echo(f"  {copy['relation']:<9} {copy['similarity'] or 0:5.3f}  {copy['site']:<20} "
                       f"{copy['site_kind'] or '?':<10} {copy['chars']:>6} chars{flags}  {copy['url']}")


COMMANDS = (stats, export, search, browse, dupes)
