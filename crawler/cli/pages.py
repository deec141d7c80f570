"""``govcrawl extract``, ``ingest`` and ``reprocess``: run the extractor on saved or stored pages."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from crawler.cli.options import check_choice, configured_sites, db_option, known_sites, open_store, sites_option, user_errors


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--url", help="The page's original URL (default: the file's file:// URL).")
@click.option("--page-type", help="Read the page with this page type instead of recognising it.")
@user_errors
def extract(files: tuple[Path, ...], url: str | None, page_type: str | None) -> None:
    """Extract the documents of saved HTML pages as JSON Lines, one object per document.

    Example:

    \b
        govcrawl extract page.html --url https://www.wenzhou.gov.cn/art/2021/3/1/art_1229117804_59100001.html
    """
    from crawler.extract.decoding import NotHtml
    from crawler.extract.stages import process_page, read_page

    failures = 0
    for file in files:
        try:
            _, html = read_page(file.read_bytes())
        except (OSError, NotHtml) as problem:
            click.echo(f"error: {file}: {getattr(problem, 'strerror', None) or problem}", err=True)
            failures += 1
            continue
        drafts = process_page(url or file.resolve().as_uri(), html, page_type)
        if not drafts:
            click.echo(f"error: {file}: no document found on the page", err=True)
            failures += 1
        for draft in drafts:
            click.echo(json.dumps(asdict(draft), ensure_ascii=False))
    if failures:
        sys.exit(1)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--url", help="Original URL of a saved .html page (default: the file's file:// URL).")
@click.option("--site", "site_name", help="Store the pages under this configured site (default: by URL host).")
@sites_option
@db_option
@user_errors
def ingest(files: tuple[Path, ...], url: str | None, site_name: str | None, sites_file: Path | None, db_path: Path) -> None:
    """Run the whole pipeline (extract, clean, metadata, dedup, store) on saved pages and WARC files.

    Example:

    \b
        govcrawl ingest capture.warc.gz
        govcrawl ingest page.html --url https://www.wenzhou.gov.cn/art/2021/3/1/art_1229117804_59100001.html
    """
    from crawler.tools.ingest import ingest_files

    store = open_store(db_path)
    try:
        report = ingest_files(store, list(files), configured_sites(sites_file), url=url, site_name=site_name)
    finally:
        store.close()
    _report(report.errors, (
        f"{report.pages} pages stored: {report.new} new documents, {report.duplicate} duplicates, "
        f"{report.unchanged} unchanged; {report.ignored} archive records were not report pages"
    ))


@click.command()
@click.option("--site", "site_name", help="Only the pages of this site (see `govcrawl sites`).")
@click.option("--outdated", is_flag=True, help="Only pages whose copies another version of some stage made; only the stages that changed.")
@sites_option
@db_option
def reprocess(site_name: str | None, outdated: bool, sites_file: Path | None, db_path: Path) -> None:
    """Re-extract stored pages with the current code (no network): extraction, cleaning,
    metadata and dedup; documents take the new text and fields; report how many changed.

    Every copy records the version of each stage that made it (crawler/store/versions.py);
    --outdated reprocesses only pages with copies of another version, and only the stages that
    changed: a metadata or dedup change reads the stored copies again without extracting.

    Example:

    \b
        govcrawl reprocess
        govcrawl reprocess --site wenzhou --outdated
    """
    from crawler.tools.reprocess import reprocess as reprocess_pages

    store = open_store(db_path, must_exist=True)
    try:
        check_choice("site", site_name, known_sites(store))
        report = reprocess_pages(store, configured_sites(sites_file), site_name, outdated)
    finally:
        store.close()
    _report(report.errors, (
        f"{report.pages} pages reprocessed: {report.copies_changed} copies changed, "
        f"{report.documents_changed} documents changed, {report.documents_new} new, "
        f"{report.documents_emptied} left without copies"
    ))



def _report(errors: list[str], summary: str) -> None:
    """Each error on stderr, the summary on stdout; exit 1 when anything failed."""
    for line in errors:
        click.echo(f"error: {line}", err=True)
    click.echo(summary)
    if errors:
        sys.exit(1)


COMMANDS = (extract, ingest, reprocess)
