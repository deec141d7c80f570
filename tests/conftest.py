"""Shared fixtures: the replay server over the recorded sites, temporary databases."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent / "support"))  # helpers and site generators

from crawler.tools.replay import ReplayServer  # noqa: E402

SITES = Path(__file__).parent / "sites"
"""The recorded sites the tests serve (the demo ships the same as package data)."""


@pytest.fixture(autouse=True, scope="session")
def no_user_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the developer's own sites file (~/.config/govcrawl/sites.toml) out of every test,
    in this process and the crawls it starts."""
    saved = {key: os.environ.get(key) for key in ("XDG_CONFIG_HOME", "GOVCRAWL_SITES")}
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config"))
    os.environ.pop("GOVCRAWL_SITES", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def replay_server() -> Iterator[ReplayServer]:
    """A replay server over tests/sites, running for the whole test session."""
    server = ReplayServer(SITES)
    server.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def replay_url(replay_server: ReplayServer) -> str:
    """URL of the session's replay server (give it to `govcrawl crawl --replay`)."""
    return replay_server.url


@pytest.fixture(scope="session")
def slow_server() -> Iterator[ReplayServer]:
    """A replay server over tests/sites answering each request after a delay: crash tests kill
    crawls mid-way (tests/support/processes.py)."""
    from processes import SlowReplayServer

    server = SlowReplayServer(SITES)
    server.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "govreports.db"
