"""``govcrawl export``: clean text out, with a manifest to cite it and a data dictionary to read it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from crawler.cli.errors import EnvironmentFailure
from crawler.cli.options import check_filters, db_option, filter_options, read_store, user_errors
from crawler.store.opening import explain

EXPORT_FORMATS = ("txt", "jsonl", "csv", "parquet")  # crawler.tools.export.FORMATS, without importing it here


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), help="Output format.")
@click.option("--out", metavar="PATH", help="Output file; a directory for txt, or ending in /; - for standard output (jsonl, csv).")
@click.option("--all-copies", is_flag=True, help="Every copy of every document instead of canonical documents.")
@click.option("--all-columns", is_flag=True, help="Keep dedup's internal columns (text_key, merged_into, …).")
@click.option("--describe", is_flag=True, help="Print the data dictionary (every exported column) and exit.")
@filter_options
@db_option
@user_errors
def export(
    fmt: str | None, out: str | None, all_copies: bool, all_columns: bool, describe: bool, filters: Any, db_path: Path,
) -> None:
    """Export clean text: canonical documents (or every copy) with their provenance.

    txt writes one file per document under OUT/<region_code>-<region>/<year>/ plus
    manifest.csv; jsonl one object per document with its `sources`; csv and parquet the
    documents in OUT and their copies in OUT.copies.<format> (documents.<format> and
    copies.<format> when OUT is a directory). Documents whose best copy is truncated are left
    out unless --include-truncated. Files are written under a temporary name and renamed when
    complete; OUT.manifest.json (OUT/manifest.json for a directory) records the govcrawl and
    extractor versions, the time, the database and its schema version, the filters, the row
    counts and a SHA-256 of every file. --describe explains every column.

    Example:

    \b
        govcrawl export --format jsonl --out reports.jsonl
        govcrawl export --format csv --out - --year 2024 | head
        govcrawl export --format txt --out reports/ --region 33 --since 2021-01-01
        govcrawl export --format parquet --out reports.parquet --year 2022 --level 市
        govcrawl export --describe
    """
    if describe:
        from crawler.tools.columns import describe as dictionary

        click.echo(dictionary())
        return
    if not fmt or not out:
        raise click.UsageError("give --format and --out (or --describe)")
    target = export_target(fmt, out)
    store = read_store(db_path)
    try:
        check_filters(filters, store)
        result = _write(store, fmt, target, filters, all_copies, all_columns)
    finally:
        store.close()
    where = ", ".join(map(str, result.paths)) or "standard output"
    click.echo(f"{result.rows} {'copies' if all_copies else 'documents'} → {where}", err=target.stream is not None)


def export_target(fmt: str, out: str) -> Any:
    """Standard output for ``-``, a directory for txt or a path ending in ``/``, else a file."""
    from crawler.tools.export import Target

    if out == "-":
        if fmt not in ("jsonl", "csv"):
            raise click.UsageError(f"--out - writes jsonl or csv to standard output; {fmt} needs a file")
        return Target(Path(out), stream=sys.stdout)
    path = Path(out)
    return Target(path, directory=fmt == "txt" or out.endswith(("/", os.sep)) or path.is_dir())


def _write(store: Any, fmt: str, target: Any, filters: Any, all_copies: bool, all_columns: bool) -> Any:
    """Run the export; an unwritable path or a full disk is one line (1, or 7 for the disk)."""
    from crawler.tools.export import export as export_rows
    from crawler.tools.extras import MissingExtra

    progress = sys.stderr if sys.stderr.isatty() else None
    try:
        return export_rows(store.db, fmt, target, filters, all_copies, progress=progress, all_columns=all_columns)
    except MissingExtra as problem:
        raise click.ClickException(str(problem)) from None
    except OSError as problem:
        explained = explain(problem, target.path)
        if explained is not None:
            raise EnvironmentFailure(str(explained)) from None
        raise click.ClickException(f"cannot write {problem.filename or target.path}: {problem.strerror or problem}") from None


COMMANDS = (export,)
