"""Commands about the country's divisions: ``add-site`` (a portal into the sites file) and
``coverage`` (which divisions the corpus has reports for, which years)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import click

from crawler.cli.options import db_option, open_store, user_errors

FORMATS = ("table", "json", "csv", "html")


@click.command("add-site")
@click.argument("url")
@click.option("--name", help="Name of the entry (default: from the domain, www.longgang.gov.cn → longgang).")
@click.option(
    "--sites", "sites_file", type=click.Path(dir_okay=False, path_type=Path),
    help="Sites file to append to (default: $GOVCRAWL_SITES, else $XDG_CONFIG_HOME/govcrawl/sites.toml).",
)
@click.option("--replay", "replay_url", metavar="URL", help="Fetch from a govcrawl replay server instead of the network.")
@click.option("--dry-run", is_flag=True, help="Print the entry; append nothing.")
@user_errors
def add_site(url: str, name: str | None, sites_file: Path | None, replay_url: str | None, dry_run: bool) -> None:
    """Add a government portal from its home page URL: find its 政府工作报告 column, draft the
    sites entry, check it, append it to your sites file.

    Reads robots.txt and at most 25 pages, one at a time, a second apart. Tells the CMS family
    from the markup, the region from the SiteIDCode meta, and walks 政务公开 / 信息公开 →
    规划计划 → 政府工作报告 (at most 3 clicks). Exit 1 with the best candidates when no column
    listing reports is found, or when `govcrawl check` fails on the draft (nothing appended).

    Example:

    \b
        govcrawl add-site https://www.longgang.gov.cn/
        govcrawl add-site https://www.taishan.gov.cn/ --name taishan --dry-run
    """
    from crawler.sites import read_sites_file, user_sites_file
    from crawler.tools.addsite import NoColumn, discover, draft_site, list_reader, site_toml
    from crawler.tools.check import FetchError, check_site

    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise click.BadParameter(f"not an http(s) URL: {url!r}", param_hint="URL")
    target = sites_file or user_sites_file()
    existing = read_sites_file(target) if target.exists() else {}  # a broken file: one line, before any request
    try:
        portal = discover(url, replay_url)
    except (NoColumn, FetchError) as problem:
        raise click.ClickException(str(problem)) from None
    site = draft_site(portal, name)
    if site.name in existing:
        raise click.ClickException(f"{target} has a site called {site.name!r} already; choose another with --name")
    entry = site_toml(site, portal)
    click.echo(entry)
    findings = check_site(site, list_reader(site.family), replay_url)
    click.echo(f"govcrawl check {site.name}:")
    for finding in findings:
        click.echo(f"  {'ok ' if finding.ok else 'BAD'} {finding.what:<12} {finding.detail}")
    broken = [finding.what for finding in findings if not finding.ok]
    if broken:
        raise click.ClickException(f"check failed on the draft ({', '.join(broken)}); nothing appended")
    if dry_run:
        click.echo(f"dry run: {target} not changed")
        return
    append_entry(target, entry)
    click.echo(f"appended [{site.name}] to {target}; crawl it with: govcrawl crawl {site.name}")


def append_entry(target: Path, entry: str) -> None:
    """Append a TOML entry to the user's sites file, leaving the file as it was if the result would not parse."""
    from crawler.sites import read_sites_file

    target.parent.mkdir(parents=True, exist_ok=True)
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    separator = "" if not before or before.endswith("\n\n") else ("\n" if before.endswith("\n") else "\n\n")
    target.write_text(before + separator + entry, encoding="utf-8")
    try:
        read_sites_file(target)
    except ValueError:
        target.write_text(before, encoding="utf-8")
        raise


@click.command()
@click.option("--province", help="Only this province: its code (33) or name (浙江).")
@click.option("--level", "tier", type=click.Choice(["county", "prefecture"]), default="county", show_default=True,
              help="County-level (县, 县级市, 区, 旗) or prefecture-level (地级市, 州, 盟, 地区) divisions.")
@click.option("--from", "first", type=int, help="First year (default: the earliest report year in the corpus).")
@click.option("--to", "last", type=int, help="Last year (default: the latest report year in the corpus).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of stdout.")
@db_option
@user_errors
def coverage(
    province: str | None, tier: str, first: int | None, last: int | None, fmt: str, out: Path | None, db_path: Path,
) -> None:
    """Which divisions have a work report for which years, and from what kind of source.

    Every division of the scope is listed, with or without reports: ● a complete copy on an
    official portal, ○ only news/mirror/forum/farm/aggregator copies, ◌ only truncated copies,
    · none; then per province and year, e.g. `浙江 2021: 78 of 90 county-level`. Divisions come
    from the registry of divisions (renamed divisions are one row under their newest code).

    Example:

    \b
        govcrawl coverage --province 浙江
        govcrawl coverage --province 33 --from 2019 --to 2025 --format json --out zj.json
        govcrawl coverage --level prefecture --format html --out coverage.html
    """
    from crawler.extract.divisions import registry
    from crawler.store.queries import report_sources
    from crawler.tools.coverage import as_csv, as_json, as_table, build_coverage, report_cells, report_years
    from crawler.tools.coverage_html import as_html

    store = open_store(db_path, must_exist=True)
    try:
        sources = list(report_sources(store.db))
    finally:
        store.close()
    divisions = registry()
    scope = divisions.province(province) if province else None
    cells = report_cells(sources, divisions)
    years = report_years(cells, first, last, date.today().year)
    matrix = build_coverage(divisions, cells, years, tier, scope)
    if not matrix.rows:  # 北京 has districts right under it: no prefecture level
        raise click.ClickException(f"{scope.name if scope else 'the country'} has no {tier}-level divisions in {years[0]}-{years[-1]}")
    text = {"table": as_table, "json": as_json, "csv": as_csv, "html": as_html}[fmt](matrix)
    if out is None:
        click.echo(text, nl=False)
        return
    partial = out.with_name(out.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, out)
    click.echo(f"{len(matrix.rows)} divisions × {len(years)} years → {out}", err=True)


COMMANDS = (add_site, coverage)
