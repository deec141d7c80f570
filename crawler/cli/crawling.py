"""``govcrawl demo`` and ``govcrawl crawl``: run the spiders, summarise each site's run, set the exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from crawler.cli.options import chosen_sites, db_option, open_store, read_store, sites_option, user_config, user_errors
from crawler.sites import SITES_FILE, Site, read_sites_file
from crawler.store.health import error_count

LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


def _key_values(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """``-s KEY=VALUE`` options as a dict; a usage error for one without ``=``."""
    pairs = {}
    for value in values:
        key, equals, setting = value.partition("=")
        if not equals or not key:
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", param_hint="-s")
        pairs[key] = setting
    return pairs



@click.command()
@db_option
def demo(db_path: Path) -> None:
    """Crawl the bundled recorded sites from a local replay server, then summarise.

    Example:

    \b
        govcrawl demo
    """
    from crawler.tools.replay import DEFAULT_SITES_DIR, ReplayServer, recorded_hosts

    hosts = recorded_hosts(DEFAULT_SITES_DIR)
    sites = [s for s in read_sites_file(SITES_FILE).values() if set(s.allowed_domains) <= hosts]  # bundled, as recorded
    if not sites:
        raise click.ClickException(f"no recorded sites under {DEFAULT_SITES_DIR}")
    from crawler.crawl.runner import CrawlOptions

    server = ReplayServer(DEFAULT_SITES_DIR)
    url = server.start()
    click.echo(f"Replaying {len(hosts)} recorded hosts at {url}; crawling {', '.join(s.name for s in sites)} …", err=True)
    try:
        _crawl(sites, CrawlOptions(db=db_path, replay_url=url, progress=progress_mode(), contact_url=user_config().contact_url))
    finally:
        server.shutdown()
    click.echo(f"\nOpen the database: sqlite3 {db_path} 'select id, title, chars from documents'")
    click.echo(f"Or: govcrawl stats --db {db_path} (or export GOVCRAWL_DB={db_path})")


@click.command()
@click.argument("sites", nargs=-1)
@click.option("--all", "all_sites", is_flag=True, help="Crawl every configured site.")
@click.option("--replay", "replay_url", metavar="URL", help="Fetch from a govcrawl replay server instead of the network.")
@click.option("--region", metavar="CODE", help="Every configured site whose region_code starts with CODE (3303: 温州市 and its counties).")
@click.option("--url", "start_url", metavar="URL", help="Crawl any site from this URL with the generic spider (no configuration entry).")
@click.option("--refresh", is_flag=True, help="Fetch stored report pages again (conditionally) and update changed documents.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only reports listed on or after this date (where lists show dates).")
@click.option("--no-resume", is_flag=True, help="Start afresh: drop an interrupted run's pending requests instead of resuming them "
              "(pages reached only through pages it stored then wait for --refresh).")
@click.option("--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="the number of cores",
              help="Worker processes crawling sites side by side into the database.")
@click.option("-v", "--verbose", is_flag=True, help="Log every request (Scrapy INFO).")
@click.option("-s", "--set", "settings", multiple=True, metavar="KEY=VALUE", callback=_key_values,
              help="Set a Scrapy setting, as scrapy crawl -s (repeatable).")
@click.option("-L", "--loglevel", "log_level", type=click.Choice(LOG_LEVELS, case_sensitive=False), help="Log level (default WARNING).")
@click.option("--logfile", type=click.Path(dir_okay=False, path_type=Path), help="Write the log to this file instead of stderr.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary: only errors, and the exit code.")
@sites_option
@db_option
@user_errors
def crawl(
    sites: tuple[str, ...], all_sites: bool, replay_url: str | None, region: str | None, start_url: str | None, refresh: bool,
    since: Any, no_resume: bool, jobs: int, verbose: bool, settings: dict[str, str], log_level: str | None, logfile: Path | None,
    quiet: bool, sites_file: Path, db_path: Path,
) -> None:
    """Crawl configured sites (or any site from --url) into the database.

    Example:

    \b
        govcrawl crawl wenzhou
        govcrawl crawl --all --db output/nightly.db
        govcrawl crawl --region 3303
        govcrawl crawl --url https://www.example.gov.cn/zwgk/
        govcrawl crawl wenzhou --refresh
        govcrawl crawl --all --since 2024-01-01
        govcrawl crawl --all -q --logfile /var/log/govcrawl.log -s DOWNLOAD_DELAY=5
        govcrawl crawl --all --jobs 4

    Runs are incremental: stored report pages are not requested again, list pages stop at
    the first page of stored reports, and pages asked for again go with If-None-Match /
    If-Modified-Since. --refresh re-requests every stored report page of the sites.

    One crawl per site and database at a time; a killed crawl's pending requests are
    resumed by the next crawl of the site (unless --no-resume). --jobs N crawls the sites
    in N processes (each site in one, with its politeness delays). Exit codes:

    \b
        0  every site finished
        3  a site failed (stopped early, or stored nothing but errors)
        4  a site was blocked (every page an anti-bot challenge)
        5  a site that yielded documents before showed no report page (health check)
        6  a site was already being crawled by another process (skipped)
        7  the disk filled up, or the database is damaged (one line says which)

    When sites end differently the first code of 3, 4, 5, 6 wins; `govcrawl runs` shows each.
    """
    if not sites and not all_sites and not start_url and region is None:
        raise click.UsageError("name at least one site, or --all, --region CODE or --url URL (see `govcrawl sites`)")
    if region is not None and not region.isdigit():
        raise click.BadParameter(f"a GB/T 2260 code or its start (33, 3303, 330383), not {region!r}", param_hint="--region")
    chosen = chosen_sites(sites_file, sites, every=all_sites, region=region)
    chosen += [adhoc_site(start_url)] if start_url else []
    from crawler.crawl.runner import CrawlOptions

    options = CrawlOptions(
        db=db_path, replay_url=replay_url, refresh=refresh, since=since.date().isoformat() if since else None,
        resume=not no_resume, log_level=(log_level or ("ERROR" if quiet else "INFO" if verbose else "WARNING")).upper(),
        log_file=logfile, settings=settings, progress=False if quiet or logfile else progress_mode(), jobs=jobs,
        contact_url=user_config().contact_url,
    )
    _crawl(chosen, options, quiet)


def adhoc_site(url: str) -> Site:
    """A generic-spider site for a start URL that has no configuration entry (``crawl --url``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise click.BadParameter(f"not an http(s) URL: {url!r}", param_hint="--url")
    host = parts.hostname
    return Site(name=host, title=host, family="generic", kind="mirror", start_urls=(url,), allowed_domains=(host,))


def progress_mode() -> str:
    """A live board on a terminal, plain periodic lines elsewhere (crawler/crawl/progress.py)."""
    return "live" if sys.stderr.isatty() else "plain"


def _crawl(sites: list, options: Any, quiet: bool = False) -> None:
    from crawler.crawl.runner import crawl_sites
    from crawler.store.health import EXIT_EXPLAINED, ExitCode, exit_code

    open_store(options.db).close()  # fail early, with one line, on an unusable database path
    run_ids = crawl_sites(sites, options)
    store = read_store(options.db)
    try:
        order = [site.name for site in sites]
        runs = sorted((store.run(run_id) for run_id in run_ids), key=lambda run: order.index(run["site"]))
        total = store.field_coverage()[0]
        counts = f"{options.db}: {total} documents, {store.count('copies')} copies, {store.count('pages')} pages"
    finally:
        store.close()
    for line in [] if quiet else [*map(_run_summary, runs), counts]:
        click.echo(line)
    code = exit_code([run["status"] for run in runs] + ["failed"] * (len(sites) - len(runs)))
    if code != ExitCode.OK:
        click.echo(f"exit {int(code)}: {EXIT_EXPLAINED[code]}; see `govcrawl runs`", err=True)
        sys.exit(code)


def _run_summary(run: dict[str, Any]) -> str:
    """Two lines of at most 100 columns per site (the details are in `govcrawl runs`), and a
    note under a blocked, empty or resumed run."""
    stats = run["stats"]
    if run["status"] == "locked":
        return stats.get("message", f"{run['site']}: locked")
    get = lambda key: stats.get(key, 0)  # noqa: E731
    lines = [
        f"{run['site'][:20]}: {run['status']} {stats.get('elapsed_time_seconds', 0):.0f}s — "
        f"{get('govcrawl/pages/stored')} pages stored, {get('govcrawl/documents/new')} new documents, "
        f"{get('govcrawl/documents/duplicate')} duplicates, {get('govcrawl/documents/unchanged')} unchanged",
        f"  {get('govcrawl/pages/changed')} pages changed, {get('govcrawl/documents/updated')} documents updated, "
        f"{get('govcrawl/pages/not_modified')} not modified, {get('govcrawl/blocked')} blocked, {error_count(stats)} errors",
    ]
    notes = {"blocked": _BLOCKED_NOTE, "empty": _EMPTY_NOTE}.get(run["status"], "")
    if run["status"] == "deferred":
        notes += f"\n  deferred to the next run: {stats['govcrawl/deferred']}"
    if get("govcrawl/frontier/resumed"):
        notes += (f"\n  resumed an interrupted run: {get('govcrawl/frontier/resumed')} pending requests, "
                  f"{get('govcrawl/frontier/resumed_done')} done before")
    return "\n".join(lines) + notes


_BLOCKED_NOTE = (
    "\n  every page answered with an anti-bot challenge, a login wall or a busy page (see `govcrawl stats`);"
    "\n  the site needs a slower schedule, a browser-based fetch or the site owner's permission"
)


_EMPTY_NOTE = (
    "\n  health check: earlier runs stored documents of this site, this run saw no report page"
    "\n  (no report link on its list pages, nothing stored, no 304); has it moved its reports?"
)


COMMANDS = (demo, crawl)
