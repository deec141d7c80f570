"""The user's configuration: where the database is, extra sites files, the crawl's contact URL.

Read from ``$XDG_CONFIG_HOME/govcrawl/config.toml`` (``~/.config/govcrawl/config.toml``)::

    db = "~/corpora/govreports.db"          # default database of every command
    sites = ["~/govcrawl/my-sites.toml"]    # sites files read after crawler/sites.toml
    contact_url = "https://example.org/me"  # put in the User-Agent of every request

``GOVCRAWL_DB`` in the environment beats the file's ``db``; ``--db`` beats both. Without
either, the database is ``$XDG_DATA_HOME/govcrawl/govreports.db``
(``~/.local/share/govcrawl/govreports.db``), the same whatever the working directory.
A shared leaf module: it imports no layer of govcrawl.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DB_ENV = "GOVCRAWL_DB"
CONFIG_KEYS = ("db", "sites", "contact_url")


class ConfigError(ValueError):
    """A config file that cannot be read or holds something unexpected."""


@dataclass(frozen=True)
class Config:
    """What the configuration says, every path expanded."""

    db: Path
    """The database a command uses when not given ``--db``."""
    sites_files: tuple[Path, ...] = ()
    """The user's sites files, read after the bundled one."""
    contact_url: str | None = None
    """A URL where site owners can reach whoever runs the crawl (in the User-Agent)."""
    path: Path | None = None
    """The config file read, when there was one."""


def config_path(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_CONFIG_HOME/govcrawl/config.toml`` (XDG default ``~/.config``)."""
    return _xdg(environ, "XDG_CONFIG_HOME", ".config") / "govcrawl" / "config.toml"


def default_db(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME/govcrawl/govreports.db`` (XDG default ``~/.local/share``)."""
    return _xdg(environ, "XDG_DATA_HOME", ".local/share") / "govcrawl" / "govreports.db"


def load_config(environ: Mapping[str, str] = os.environ) -> Config:
    """The configuration in force: the config file (if any), then ``GOVCRAWL_DB``."""
    path = config_path(environ)
    raw = _read_toml(path) if path.is_file() else {}
    unknown = sorted(set(raw) - set(CONFIG_KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown keys {unknown}; known: {', '.join(CONFIG_KEYS)}")
    sites = raw.get("sites", [])
    if isinstance(sites, str):
        sites = [sites]
    if not isinstance(sites, list) or not all(isinstance(s, str) for s in sites):
        raise ConfigError(f"{path}: sites must be a list of file paths")
    in_file = _text(raw, "db", path)
    missing = [s for s in sites if not _expand(s, path.parent).is_file()]
    if missing:
        raise ConfigError(f"{path}: sites file {missing[0]} does not exist")
    db = _expand(environ[DB_ENV]) if environ.get(DB_ENV) else _expand(in_file, path.parent) if in_file else None
    return Config(
        db=db or default_db(environ),
        sites_files=tuple(_expand(s, path.parent) for s in sites),
        contact_url=_text(raw, "contact_url", path),
        path=path if raw else None,
    )


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as problem:
        raise ConfigError(f"cannot read config file {path}: {problem}") from None


def _text(raw: Mapping[str, object], key: str, path: Path) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{path}: {key} must be a string")
    return value


def _expand(value: str, base: Path | None = None) -> Path:
    """``~`` and ``$VAR`` expanded; a relative path in a config file is relative to the file."""
    path = Path(os.path.expandvars(os.path.expanduser(value)))
    return base / path if base is not None and not path.is_absolute() else path


def _xdg(environ: Mapping[str, str], variable: str, fallback: str) -> Path:
    value = environ.get(variable)
    return Path(value) if value and Path(value).is_absolute() else Path(environ.get("HOME", "~")).expanduser() / fallback
