"""Shared fixtures: the replay server over the recorded sites, temporary databases."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from crawler.replay import DEFAULT_SITES_DIR, ReplayServer  # noqa: E402

SITES = DEFAULT_SITES_DIR


@pytest.fixture(scope="session")
def replay_url() -> Iterator[str]:
    """URL of a replay server over tests/sites, running for the whole test session."""
    server = ReplayServer(SITES)
    url = server.start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "govreports.db"
