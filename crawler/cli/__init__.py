"""The ``govcrawl`` command line. Commands parse, call into ``crawler``, and print."""

from __future__ import annotations

import functools
import json
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from crawler.sites import SITES_FILE, Site, UnknownSite, load_sites

if TYPE_CHECKING:
    from crawler.store.db import Store

DEFAULT_DB = Path("output") / "govreports.db"


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--db`` option every command takes."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
        show_default=True, help="SQLite database to write to / read from.",
    )(command)


def sites_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--sites`` option: which sites file to read."""
    return click.option(
        "--sites", "sites_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=SITES_FILE,
        envvar="GOVCRAWL_SITES", show_default="crawler/sites.toml", help="Sites configuration (TOML); env GOVCRAWL_SITES.",
    )(command)


def chosen_sites(sites_file: Path, names: tuple[str, ...], every: bool = False) -> list[Site]:
    """The configured sites called ``names`` (all of them with ``every``); `UnknownSite` for a typo."""
    configured = load_sites(sites_file)
    unknown = [name for name in names if name not in configured]
    if unknown:
        raise UnknownSite(unknown[0])
    return list(configured.values()) if every else [configured[name] for name in names]


def open_store(db_path: Path, must_exist: bool = False) -> Store:
    """The store at ``db_path``; a user error (not a traceback) when it cannot be opened."""
    from crawler.store.db import Store

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

    \b
        govcrawl demo
    """
    from crawler.tools.replay import DEFAULT_SITES_DIR, ReplayServer, recorded_hosts

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
@click.option("--url", "start_url", metavar="URL", help="Crawl any site from this URL with the generic spider (no configuration entry).")
@click.option("--refresh", is_flag=True, help="Fetch stored report pages again (conditionally) and update changed documents.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only reports listed on or after this date (where lists show dates).")
@click.option("--no-resume", is_flag=True, help="Start afresh: drop an interrupted run's pending requests instead of resuming them.")
@click.option("-v", "--verbose", is_flag=True, help="Log every request (Scrapy INFO/DEBUG).")
@sites_option
@db_option
@user_errors
def crawl(
    sites: tuple[str, ...], all_sites: bool, replay_url: str | None, start_url: str | None, refresh: bool,
    since: Any, no_resume: bool, verbose: bool,
    sites_file: Path, db_path: Path,
) -> None:
    """Crawl configured sites (or any site from --url) into the database.

    Example:

    \b
        govcrawl crawl wenzhou
        govcrawl crawl --all --db output/nightly.db
        govcrawl crawl --url https://www.example.gov.cn/zwgk/
        govcrawl crawl wenzhou --refresh
        govcrawl crawl --all --since 2024-01-01

    Runs are incremental: stored report pages are not requested again, list pages stop at
    the first page of stored reports, and pages asked for again go with If-None-Match /
    If-Modified-Since. --refresh re-requests every stored report page of the sites.

    One crawl per site and database at a time; a killed crawl's pending requests are
    resumed by the next crawl of the site (unless --no-resume). Exit codes:

    \b
        0  every site finished
        3  a site failed (stopped early, or stored nothing but errors)
        4  a site was blocked (every page an anti-bot challenge)
        5  a site that yielded documents before showed no report page (health check)
        6  a site was already being crawled by another process (skipped)

    When sites end differently the first code of 3, 4, 5, 6 wins; `govcrawl runs` shows each.
    """
    if not sites and not all_sites and not start_url:
        raise click.UsageError("name at least one site, or --all, or --url URL (see `govcrawl sites`)")
    chosen = chosen_sites(sites_file, sites, every=all_sites)
    chosen += [adhoc_site(start_url)] if start_url else []
    _crawl(
        chosen, db_path, replay_url=replay_url, log_level="INFO" if verbose else "WARNING", refresh=refresh,
        since=since.date().isoformat() if since else None, resume=not no_resume,
    )


def adhoc_site(url: str) -> Site:
    """A generic-spider site for a start URL that has no configuration entry (``crawl --url``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise click.BadParameter(f"not an http(s) URL: {url!r}", param_hint="--url")
    host = parts.hostname
    return Site(name=host, title=host, family="generic", kind="mirror", start_urls=(url,), allowed_domains=(host,))


def _crawl(
    sites: list, db_path: Path, replay_url: str | None, log_level: str = "WARNING", refresh: bool = False,
    since: str | None = None, resume: bool = True,
) -> None:
    from crawler.store.health import EXIT_EXPLAINED, ExitCode, exit_code
    from crawler.crawl.runner import CrawlOptions, crawl_sites

    open_store(db_path).close()  # fail early, with one line, on an unusable database path
    options = CrawlOptions(
        db=db_path, replay_url=replay_url, progress=sys.stderr.isatty(), log_level=log_level, refresh=refresh, since=since,
        resume=resume,
    )
    run_ids = crawl_sites(sites, options)
    store = open_store(db_path)
    runs = [store.run(run_id) for run_id in run_ids]
    for run in runs:
        click.echo(_run_summary(run))
    click.echo(f"{db_path}: {store.count('documents')} documents, {store.count('copies')} copies, {store.count('pages')} pages")
    store.close()
    code = exit_code([run["status"] for run in runs] + ["failed"] * (len(sites) - len(runs)))
    if code != ExitCode.OK:
        click.echo(f"exit {int(code)}: {EXIT_EXPLAINED[code]}; see the lines above and `govcrawl runs`", err=True)
        sys.exit(code)


def _run_summary(run: dict[str, Any]) -> str:
    stats = run["stats"]
    if run["status"] == "locked":
        return stats.get("message", f"{run['site']}: locked")
    get = lambda key: stats.get(key, 0)  # noqa: E731
    seconds = stats.get("elapsed_time_seconds", 0)
    return (
        f"{run['site']}: {run['status']} in {seconds:.1f}s — {get('response_received_count')} responses, "
        f"{get('govcrawl/pages/stored')} pages stored, {get('govcrawl/documents/new')} new documents, "
        f"{get('govcrawl/documents/duplicate')} duplicates, {get('govcrawl/documents/unchanged')} unchanged, "
        f"{get('govcrawl/links/not_report')} links skipped (not reports), {get('govcrawl/blocked')} blocked, "
        f"{get('govcrawl/errors')} errors; "
        f"{get('govcrawl/pages/changed')} pages changed, {get('govcrawl/documents/updated')} documents updated, "
        f"{get('govcrawl/links/known')} stored reports skipped, {get('govcrawl/pages/not_modified')} not modified"
    ) + {"blocked": _BLOCKED_NOTE, "empty": _EMPTY_NOTE}.get(run["status"], "") + (
        f"\n  resumed an interrupted run: {get('govcrawl/frontier/resumed')} pending requests, "
        f"{get('govcrawl/frontier/resumed_done')} done before" if get("govcrawl/frontier/resumed") else ""
    )


_BLOCKED_NOTE = (
    "\n  every page answered with an anti-bot challenge (see `govcrawl stats`); the site needs a slower "
    "schedule, a browser-based fetch or the site owner's permission"
)
_EMPTY_NOTE = (
    "\n  health check: earlier runs stored documents of this site, this run saw no report page "
    "(no report link on its list pages, nothing stored, no 304); has the site moved its reports?"
)


@cli.command()
@sites_option
@db_option
def sites(sites_file: Path, db_path: Path) -> None:
    """List the configured sites with their last run.

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


@cli.command()
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


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The selection options of `export` and `search`, handed to the command as ``filters``."""

    @functools.wraps(command)
    def wrapper(*args: Any, site, year, region, level, since, include_truncated, **kwargs: Any) -> Any:  # noqa: ANN001
        from crawler.store.queries import Filters

        filters = Filters(
            site=site, year=year, region=region, level=level, include_truncated=include_truncated,
            since=since.date().isoformat() if since else None,
        )
        return command(*args, filters=filters, **kwargs)

    options = (
        click.option("--site", help="Only documents with a copy on this site (see `govcrawl sites`)."),
        click.option("--year", type=int, help="Only reports for this year."),
        click.option("--region", help="Region name or its start (温州), or a GB/T 2260 code prefix (33: Zhejiang)."),
        click.option("--level", help="Only this administrative level: 省, 市, 县 or 区."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only documents published on or after this date."),
        click.option("--include-truncated", is_flag=True, help="Keep documents whose best copy is truncated."),
    )
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


@cli.command()
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


@cli.command()
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


@cli.command()
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


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--url", help="Original URL of a saved .html page (default: the file's file:// URL).")
@click.option("--site", "site_name", help="Store the pages under this configured site (default: by URL host).")
@db_option
@user_errors
def ingest(files: tuple[Path, ...], url: str | None, site_name: str | None, db_path: Path) -> None:
    """Run the whole pipeline (extract, clean, metadata, dedup, store) on saved pages and WARC files.

    Example:

    \b
        govcrawl ingest capture.warc.gz
        govcrawl ingest page.html --url https://www.wenzhou.gov.cn/art/2021/3/1/art_1229117804_59100001.html
    """
    from crawler.tools.ingest import ingest_files

    store = open_store(db_path)
    try:
        report = ingest_files(store, list(files), url=url, site_name=site_name)
    finally:
        store.close()
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    click.echo(
        f"{report.pages} pages stored: {report.new} new documents, {report.duplicate} duplicates, "
        f"{report.unchanged} unchanged; {report.ignored} archive records were not report pages"
    )
    if report.errors:
        sys.exit(1)


@cli.command()
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


@cli.command()
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
    from crawler.tools.check import check_site
    from crawler.crawl.runner import spider_class

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


@cli.command()
@click.option("--site", "site_name", help="Only the pages of this site (see `govcrawl sites`).")
@click.option("--outdated", is_flag=True, help="Only pages whose copies were made by another extractor version.")
@db_option
def reprocess(site_name: str | None, outdated: bool, db_path: Path) -> None:
    """Re-extract stored pages with the current code (no network): extraction, cleaning,
    metadata and dedup; documents take the new text and fields; report how many changed.

    Every copy records the EXTRACTOR_VERSION (crawler/extract/pages/registry.py) that made it;
    --outdated reprocesses only pages with copies of another version.

    Example:

    \b
        govcrawl reprocess
        govcrawl reprocess --site wenzhou --outdated
    """
    from crawler.tools.reprocess import reprocess as reprocess_pages

    store = open_store(db_path, must_exist=True)
    try:
        report = reprocess_pages(store, site_name, outdated)
    finally:
        store.close()
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    click.echo(
        f"{report.pages} pages reprocessed: {report.copies_changed} copies changed, "
        f"{report.documents_changed} documents changed, {report.documents_new} new, "
        f"{report.documents_emptied} left without copies"
    )
    if report.errors:
        sys.exit(1)


@cli.command()
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


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="govcrawl")
