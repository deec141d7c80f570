"""Options and helpers shared by the commands: ``--db``, ``--sites``, the selection filters
(checked against what exists), opening the store (read-only for the commands that only read),
and turning user mistakes into one line and exit 1."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crawler.cli.errors import DB_KEY
from crawler.config import Config, ConfigError, load_config
from crawler.sites import Site, UnknownSite, load_sites, sites_in_region

if TYPE_CHECKING:
    from crawler.store.db import Store

LEVELS = ("省", "市", "县", "区")


CONFIG_KEY = "govcrawl.config"
"""Where `user_config` keeps the configuration it read in the click context's ``meta``."""


def user_config() -> Config:
    """The user's configuration (config.toml, GOVCRAWL_DB), read once per command and passed
    down from here; a bad config file is a one-line user error."""
    meta = click.get_current_context().meta
    if CONFIG_KEY not in meta:
        try:
            meta[CONFIG_KEY] = load_config()
        except ConfigError as problem:
            raise click.ClickException(str(problem)) from None
    config: Config = meta[CONFIG_KEY]
    return config


def configured_sites(sites_file: Path | None) -> dict[str, Site]:
    """The configured sites: bundled, the config's sites files, then ``sites_file`` (`load_sites`)."""
    return load_sites(sites_file, user_config().sites_files)


def _database(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path:
    """``--db``, else GOVCRAWL_DB, else config.toml's ``db``, else the XDG data directory."""
    path = value or user_config().db
    ctx.meta[DB_KEY] = path
    return path


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--db`` option of every command that touches a database."""
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None, callback=_database,
        show_default="$GOVCRAWL_DB, else db in ~/.config/govcrawl/config.toml, else ~/.local/share/govcrawl/govreports.db",
        help="SQLite database to write to / read from.",
    )(command)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--json``: the command's output as JSON, for scripts."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (for scripts) instead of text.")(command)


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
    configured = configured_sites(sites_file)
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
    """The store at ``db_path`` for writing: created (unless ``must_exist``) or migrated, never
    when of a newer schema. Every writer closes the runs a dead process left ``running``."""
    from crawler.crawl.runner import close_dead_runs
    from crawler.store.db import Store
    from crawler.store.opening import NoDatabase

    if must_exist and not db_path.is_file():
        raise NoDatabase(db_path)
    store = Store(db_path)
    try:
        close_dead_runs(store, db_path)
    except BaseException:
        store.close()
        raise
    return store


def read_store(db_path: Path) -> Store:
    """The existing store at ``db_path``, read-only: nothing is created or migrated."""
    from crawler.store.db import Store

    return Store.read_only(db_path)


def known_sites(store: Store | None, sites_file: Path | None = None) -> list[str]:
    """Site names a filter may name: the configured ones and those the database holds pages of."""
    stored = [row[0] for row in store.db.execute("select distinct site from pages order by site")] if store else []
    return sorted(set(configured_sites(sites_file)) | set(stored))


def check_choice(what: str, value: str | None, known: Iterable[str]) -> None:
    """A user error, listing the known values, when ``value`` is given and not one of them."""
    known = list(known)
    if value is not None and value not in known:
        raise click.ClickException(f"unknown {what} {value!r}; known: {', '.join(known) or 'none'}")


def check_filters(filters: Any, store: Store) -> None:
    """``--site`` configured or in the database, ``--level`` one of 省 市 县 区."""
    check_choice("site", filters.site, known_sites(store))
    check_choice("level", filters.level, LEVELS)


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
