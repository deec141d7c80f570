"""One crawl per site and database at a time: an exclusive ``flock`` on a lock file per site.

The kernel releases the lock when its process ends, however it ends (SIGKILL, OOM, reboot),
so a dead crawl never holds a site. The file holds the holder's pid, for the message a
second crawl gives. Lock files live next to the database: ``output/locks/govreports.wenzhou.lock``.
flock does not work across NFS mounts: keep the database on a local disk.
"""

from __future__ import annotations

import fcntl
import os
import re
from pathlib import Path
from typing import IO


class SiteLocked(Exception):
    """The site is being crawled into this database by another process."""

    def __init__(self, site: str, pid: int | None, path: Path) -> None:
        self.site, self.pid, self.path = site, pid, path
        holder = f"process {pid}" if pid else "another process"
        super().__init__(f"{site}: already being crawled by {holder} (lock {path}); skipped")


def lock_path(db_path: Path, site: str) -> Path:
    """The lock file of ``site`` for the database at ``db_path``."""
    safe_site = re.sub(r"[^\w.-]", "_", site)
    return Path(db_path).parent / "locks" / f"{Path(db_path).stem}.{safe_site}.lock"


class SiteLock:
    """The exclusive lock on one site of one database; ``acquire`` raises `SiteLocked` if held."""

    def __init__(self, db_path: Path, site: str) -> None:
        self.site = site
        self.path = lock_path(db_path, site)
        self._file: IO[str] | None = None

    def acquire(self) -> SiteLock:
        """Take the lock without waiting and write our pid into the file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        file = self.path.open("a+", encoding="ascii")
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.seek(0)
            holder = file.read().strip()
            file.close()
            raise SiteLocked(self.site, int(holder) if holder.isdigit() else None, self.path) from None
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()}\n")
        file.flush()
        self._file = file
        return self

    def release(self) -> None:
        """Let the lock go (the file stays: deleting it would race with the next holder)."""
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def __enter__(self) -> SiteLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock_sites(db_path: Path, sites: list[str]) -> tuple[dict[str, SiteLock], list[SiteLocked]]:
    """Lock each site for the database: the locks taken, by site, and the sites held elsewhere."""
    taken: dict[str, SiteLock] = {}
    refused: list[SiteLocked] = []
    for site in sites:
        try:
            taken[site] = SiteLock(db_path, site).acquire()
        except SiteLocked as held:
            refused.append(held)
    return taken, refused
