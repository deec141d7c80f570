"""Options and helpers shared by the commands: ``--db``, ``--sites``, the selection filters,
opening the store, and turning user mistakes into one line and exit 1."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crawler.sites import Site, UnknownSite, load_sites, sites_in_region

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
    """The ``--sites`` option: the user's sites file, merged over the bundled one."""
    return click.option(
        "--sites", "sites_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
        envvar="GOVCRAWL_SITES", show_default="$XDG_CONFIG_HOME/govcrawl/sites.toml",
        help="Your sites file (TOML), merged over the bundled sites; its entries win on a name clash. Env GOVCRAWL_SITES.",
    )(command)


def chosen_sites(sites_file: Path | None, names: tuple[str, ...], every: bool = False, region: str | None = None) -> list[Site]:
    """The configured sites called ``names`` (all of them with ``every``, and those whose
    region code starts with ``region``); `UnknownSite` for a typo."""
    configured = load_sites(sites_file)
    unknown = [name for name in names if name not in configured]
    if unknown:
        raise UnknownSite(unknown[0])
    if every:
        return list(configured.values())
    chosen = [configured[name] for name in names]
    if region is not None:
        in_region = sites_in_region(configured, region)
        if not in_region:
            raise ValueError(f"no configured site has a region_code starting with {region!r}; `govcrawl sites` shows them")
        chosen += [site for site in in_region if site not in chosen]
    return chosen


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
