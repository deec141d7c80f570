"""The ``govcrawl`` command line. Commands parse, call into ``crawler``, and print."""

from __future__ import annotations

import functools
from dataclasses import asdict
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from crawler.sites import UnknownSite, get_site, load_sites

DEFAULT_DB = Path("output") / "govreports.db"


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--db`` option every command takes."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
        show_default=True, help="SQLite database to write to / read from.",
    )(command)


def open_store(db_path: Path, must_exist: bool = False) -> "Store":  # noqa: F821 - imported lazily
    """The store at ``db_path``; a user error (not a traceback) when it cannot be opened."""
    from crawler.store import Store

    if must_exist and not db_path.exists():
        raise click.ClickException(f"no database at {db_path}; run `govcrawl crawl` or `govcrawl demo` first")
    try:
        return Store(db_path)
    except (sqlite3.DatabaseError, OSError) as problem:
        raise click.ClickException(f"cannot open database {db_path}: {problem}") from None


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn known user mistakes raised below the CLI into one clear line and exit 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (UnknownSite, ValueError) as problem:
            raise click.ClickException(str(problem)) from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govcrawl")
def cli() -> None:
    """Collect Chinese government work reports (政府工作报告) into SQLite, one clean text per report."""


@cli.command()
@db_option
def demo(db_path: Path) -> None:
    """Crawl the bundled recorded sites from a local replay server, then summarise.

    Example:

        govcrawl demo
    """
    from crawler.replay import DEFAULT_SITES_DIR, ReplayServer, recorded_hosts

    hosts = recorded_hosts(DEFAULT_SITES_DIR)
    sites = [s for s in load_sites().values() if set(s.allowed_domains) <= hosts]
    if not sites:
        raise click.ClickException(f"no recorded sites under {DEFAULT_SITES_DIR}")
    server = ReplayServer(DEFAULT_SITES_DIR)
    url = server.start()
    click.echo(f"Replaying {len(hosts)} recorded hosts at {url}; crawling {', '.join(s.name for s in sites)} …", err=True)
    try:
        _crawl(sites, db_path, replay_url=url)
    finally:
        server.shutdown()
    click.echo(f"\nOpen the database: sqlite3 {db_path} 'select id, title, chars from documents'")
    click.echo("Or: govcrawl stats")


@cli.command()
@click.argument("sites", nargs=-1)
@click.option("--all", "all_sites", is_flag=True, help="Crawl every configured site.")
@click.option("--replay", "replay_url", metavar="URL", help="Fetch from a govcrawl replay server instead of the network.")
@click.option("-v", "--verbose", is_flag=True, help="Log every request (Scrapy INFO/DEBUG).")
@db_option
@user_errors
def crawl(sites: tuple[str, ...], all_sites: bool, replay_url: str | None, verbose: bool, db_path: Path) -> None:
    """Crawl configured sites into the database.

    Example:

        govcrawl crawl wenzhou
        govcrawl crawl --all --db output/nightly.db
    """
    if not sites and not all_sites:
        raise click.UsageError("name at least one site, or --all (see `govcrawl sites`)")
    chosen = list(load_sites().values()) if all_sites else [get_site(name) for name in sites]
    _crawl(chosen, db_path, replay_url=replay_url, log_level="INFO" if verbose else "WARNING")


def _crawl(sites: list, db_path: Path, replay_url: str | None, log_level: str = "WARNING") -> None:
    from crawler.runner import CrawlOptions, crawl_sites

    open_store(db_path).close()  # fail early, with one line, on an unusable database path
    options = CrawlOptions(db=db_path, replay_url=replay_url, progress=sys.stderr.isatty(), log_level=log_level)
    run_ids = crawl_sites(sites, options)
    store = open_store(db_path)
    failed = False
    for run_id in run_ids:
        run = store.run(run_id)
        failed |= run["status"] != "finished"
        click.echo(_run_summary(run))
    click.echo(f"{db_path}: {store.count('documents')} documents, {store.count('copies')} copies, {store.count('pages')} pages")
    store.close()
    if failed or len(run_ids) < len(sites):
        raise click.ClickException("some sites failed; see the lines above and `govcrawl stats`")


def _run_summary(run: dict[str, Any]) -> str:
    stats = run["stats"]
    get = lambda key: stats.get(key, 0)  # noqa: E731
    seconds = stats.get("elapsed_time_seconds", 0)
    return (
        f"{run['site']}: {run['status']} in {seconds:.1f}s — {get('response_received_count')} responses, "
        f"{get('govcrawl/pages/stored')} pages stored, {get('govcrawl/documents/new')} new documents, "
        f"{get('govcrawl/documents/duplicate')} duplicates, {get('govcrawl/documents/unchanged')} unchanged, "
        f"{get('govcrawl/links/not_report')} links skipped (not reports), {get('govcrawl/errors')} errors"
    )


@cli.command()
@db_option
def sites(db_path: Path) -> None:
    """List the configured sites with their last run.

    Example:

        govcrawl sites
    """
    store = open_store(db_path) if db_path.exists() else None
    for site in load_sites().values():
        last = store.last_run(site.name) if store else None
        when = f"last run {last['finished_at'] or last['started_at']} {last['status']}" if last else "never crawled"
        counts = store.site_counts(site.name) if store else {"pages": 0, "documents": 0}
        click.echo(
            f"{site.name:<14} {site.family:<8} {site.kind:<9} {site.title}  "
            f"{counts['pages']} pages, {counts['documents']} documents, {when}"
        )


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--url", help="The page's original URL (default: the file's file:// URL).")
@click.option("--page-type", help="Read the page with this page type instead of recognising it.")
@user_errors
def extract(files: tuple[Path, ...], url: str | None, page_type: str | None) -> None:
    """Extract the documents of saved HTML pages as JSON Lines, one object per document.

    Example:

        govcrawl extract page.html --url https://www.wenzhou.gov.cn/art/2021/3/1/art_1229117804_59100001.html
    """
    from crawler.encoding import NotHtml, decode_html
    from crawler.process import process_page

    failures = 0
    for file in files:
        try:
            _, html = decode_html(file.read_bytes())
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



@cli.command()
@db_option
def stats(db_path: Path) -> None:
    """Summarise the database: documents, copies, pages and runs per site.

    Example:

        govcrawl stats --db output/govreports.db
    """
    store = open_store(db_path, must_exist=True)
    click.echo(f"{db_path} (schema version {store.schema_version})")
    for table in ("documents", "copies", "pages", "runs"):
        click.echo(f"  {table:<10} {store.count(table)}")
    for site, counts in store.counts_by_site().items():
        last = store.last_run(site)
        click.echo(
            f"  {site:<14} {counts['documents']} documents, {counts['pages']} pages, "
            f"last run {last['status'] if last else '-'} {last['finished_at'] if last else ''}"
        )
    store.close()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="govcrawl")
