"""``govcrawl sites``, ``runs`` and ``check``: the configured sites, their crawl runs, their templates' health."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from crawler.cli.options import chosen_sites, db_option, open_store, sites_option, user_errors
from crawler.sites import SITES_FILE, load_sites


@click.command()
@sites_option
@db_option
def sites(sites_file: Path, db_path: Path) -> None:
    """List the configured sites with their region, the file each comes from, and their last run.

    Example:

    \b
        govcrawl sites
    """
    store = open_store(db_path) if db_path.exists() else None
    counts_by_site = store.counts_by_site() if store else {}
    for site in load_sites(sites_file).values():
        last = store.last_run(site.name) if store else None
        when = f"last run {last['finished_at'] or last['started_at']} {last['status']}" if last else "never crawled"
        counts = counts_by_site.get(site.name, {"pages": 0, "documents": 0})
        click.echo(
            f"{site.name:<14} {site.family:<8} {site.kind:<9} {site.region_code or '-':<7} {site.title}  "
            f"{counts['pages']} pages, {counts['documents']} documents, {when}  [{_shown_path(site.source)}]"
        )


def _shown_path(path: Path | None) -> str:
    """A site's file: ``bundled`` for the sites file govcrawl ships, else its path."""
    return "bundled" if path == SITES_FILE else str(path)


@click.command()
@click.option("--site", help="Only this site's runs.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most runs to show.")
@db_option
def runs(site: str | None, limit: int, db_path: Path) -> None:
    """Recent crawl runs, newest first, one line each: status and exit code, start, duration,
    responses by HTTP status, bytes, 304s, pages stored, documents new/updated/duplicate/unchanged,
    blocked pages, errors, requests resumed from an interrupted run.

    Example:

    \b
        govcrawl runs --site wenzhou --limit 5
    """
    store = open_store(db_path, must_exist=True)
    recent = store.recent_runs(site, limit)
    store.close()
    for run in recent:
        click.echo(_run_line(run))
    if not recent:
        click.echo("no runs", err=True)


def _run_line(run: dict[str, Any]) -> str:
    from datetime import datetime

    value = lambda key: run[key] or 0  # noqa: E731
    seconds = "-"
    if run["started_at"] and run["finished_at"]:
        elapsed = datetime.fromisoformat(run["finished_at"]) - datetime.fromisoformat(run["started_at"])
        seconds = f"{elapsed.total_seconds():.0f}s"
    by_status = " ".join(f"{code}:{n}" for code, n in json.loads(run["pages_by_status"] or "{}").items())
    exit_code = run["exit_code"] if run["exit_code"] is not None else "-"
    return (
        f"#{run['id']:<5} {run['site']:<14} {run['status']:<11} exit {exit_code:<2} {run['started_at']} {seconds:>5}  "
        f"{value('responses')} responses ({by_status or '-'}) {value('bytes') / 1e6:.1f} MB, {value('not_modified')} not modified, "
        f"{value('pages_stored')} stored; documents {value('documents_new')} new {value('documents_updated')} updated "
        f"{value('documents_duplicate')} duplicate {value('documents_unchanged')} unchanged; {value('blocked')} blocked, "
        f"{value('errors')} errors" + (f", {run['resumed']} resumed" if run["resumed"] else "")
    )


@click.command()
@click.argument("sites", nargs=-1, required=True)
@click.option("--replay", "replay_url", metavar="URL", help="Fetch from a govcrawl replay server instead of the network.")
@sites_option
@user_errors
def check(sites: tuple[str, ...], replay_url: str | None, sites_file: Path) -> None:
    """Smoke-test sites' templates: one list page and one report page each.

    Says whether the list items, the page type, a title, a body and a date are still found,
    naming the selectors that found nothing. Exit 1 when anything failed.

    Example:

    \b
        govcrawl check wenzhou ruian
    """
    from crawler.crawl.runner import spider_class
    from crawler.tools.check import check_site

    failed = []
    for site in chosen_sites(sites_file, sites):
        findings = check_site(site, spider_class(site.family).list_links, replay_url)
        for finding in findings:
            click.echo(f"  {'ok ' if finding.ok else 'BAD'} {finding.what:<12} {finding.detail}")
        broken = [f.what for f in findings if not f.ok]
        click.echo(f"{site.name}: " + (f"BROKEN: {', '.join(broken)}" if broken else "OK"))
        failed += broken
    if failed:
        sys.exit(1)


COMMANDS = (sites, runs, check)
