"""Fixtures of the fault-injection suite: the hostile sites (tests/support/hostile_site.py) served
on 127.0.0.1, and crawls of them shared by the tests (tests/support/fault_crawl.py)."""

from __future__ import annotations

from collections.abc import Iterator

import hostile_site
import pytest
from fault_crawl import Crawl, Hostile


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    sites = Hostile(tmp_path_factory.mktemp("hostile"))
    yield sites
    sites.close()


@pytest.fixture(scope="session")
def first_crawl(hostile: Hostile) -> Crawl:
    """The hostile site's first crawl."""
    return hostile.crawl("hostile")


@pytest.fixture(scope="session")
def second_crawl(hostile: Hostile, first_crawl: Crawl) -> Crawl:
    """The next crawl, once the site serves real reports where it answered with pages that are not documents."""
    hostile.serve_reports_at([hostile.cases[name] for name in hostile_site.GATES])
    return hostile.crawl("hostile")
