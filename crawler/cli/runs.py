"""``govcrawl sites``, ``runs`` and ``check``: the configured sites, their crawl runs, their templates' health."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from crawler.cli.errors import ENVIRONMENT_EXIT, printable
from crawler.cli.options import (
    check_choice,
    chosen_sites,
    configured_sites,
    db_option,
    json_option,
    known_sites,
    read_store,
    sites_option,
    user_errors,
)
from crawler.sites import SITES_FILE


@click.command()
@json_option
@sites_option
@db_option
def sites(as_json: bool, sites_file: Path, db_path: Path) -> None:
    """List the configured sites with their region, the file each comes from, and their last run.

    Example:

    \b
        govcrawl sites
        govcrawl sites --json
    """
    store = read_store(db_path) if db_path.exists() else None
    try:
        rows = [_site_row(site, store) for site in configured_sites(sites_file).values()]
    finally:
        if store:
            store.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        last = row["last_run"]
        when = f"last run {last['finished_at'] or last['started_at']} {last['status']}" if last else "never crawled"
        click.echo(
            f"{row['name']:<14} {row['family']:<8} {row['kind']:<9} {row['region_code'] or '-':<7} {row['title']}  "
            f"{row['pages']} pages, {row['documents']} documents, {when}  [{row['file']}]"
        )


def _site_row(site: Any, store: Any) -> dict[str, Any]:
    counts = store.counts_by_site().get(site.name, {}) if store else {}
    last = store.last_run(site.name) if store else None
    return {
        "name": site.name, "title": site.title, "family": site.family, "kind": site.kind,
        "region_code": site.region_code, "file": _shown_path(site.source),
        "pages": counts.get("pages", 0), "documents": counts.get("documents", 0),
        "last_run": {k: last[k] for k in ("id", "status", "started_at", "finished_at")} if last else None,
    }


def _shown_path(path: Path | None) -> str:
    """A site's file: ``bundled`` for the sites file govcrawl ships, else its path."""
    return "bundled" if path == SITES_FILE else str(path)


@click.command()
@click.option("--site", help="Only this site's runs.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most runs to show.")
@json_option
@db_option
def runs(site: str | None, limit: int, as_json: bool, db_path: Path) -> None:
    """Recent crawl runs, newest first, one line each: status and exit code, start, duration,
    responses by HTTP status, bytes, 304s, pages stored, documents new/updated/duplicate/unchanged,
    blocked pages, errors, requests resumed from an interrupted run.

    Example:

    \b
        govcrawl runs --site wenzhou --limit 5
        govcrawl runs --json
    """
    store = read_store(db_path)
    try:
        stored_sites = [row[0] for row in store.db.execute("select distinct site from runs order by site")]
        check_choice("site", site, sorted(set(known_sites(store)) | set(stored_sites)))
        recent = store.recent_runs(site, limit)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([{k: v for k, v in run.items() if k != "stats"} for run in recent], ensure_ascii=False, indent=2))
        return
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
@json_option
@sites_option
@user_errors
def check(sites: tuple[str, ...], replay_url: str | None, as_json: bool, sites_file: Path) -> None:
    """Smoke-test sites' templates: one list page and one report page each.

    Says whether the list items, the page type, a title, a body and a date are still found,
    naming the selectors that found nothing. Exit 1 when a template broke; exit 7 when
    nothing could be fetched because the network is down (no site answered at all).

    Example:

    \b
        govcrawl check wenzhou ruian
        govcrawl check wenzhou --json
    """
    from crawler.crawl.runner import spider_class
    from crawler.tools.check import check_site

    results: list[dict[str, Any]] = []
    for site in chosen_sites(sites_file, sites):
        findings = check_site(site, spider_class(site.family).list_links, replay_url)
        results.append({"site": site.name, "ok": all(f.ok for f in findings), "findings": [asdict(f) for f in findings]})
        if not as_json:
            for finding in findings:
                click.echo(f"  {'ok ' if finding.ok else 'BAD'} {finding.what:<12} {printable(finding.detail)}")
            broken = [f.what for f in findings if not f.ok]
            click.echo(f"{site.name}: " + (f"BROKEN: {', '.join(broken)}" if broken else "OK"))
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    failed = [result for result in results if not result["ok"]]
    if failed and all(f.get("network") for result in failed for f in result["findings"] if not f["ok"]):
        click.echo("error: the network is down or no site answered: nothing was checked", err=True)
        sys.exit(ENVIRONMENT_EXIT)
    if failed:
        sys.exit(1)


COMMANDS = (sites, runs, check)
