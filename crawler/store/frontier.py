"""The crawl frontier: every request a site's run scheduled, pending until its page is stored
(crawler/crawl/frontier.py resumes a killed run from it)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from crawler.store.rows import utc_now


class FrontierRepository:
    """The ``frontier`` rows."""

    db: Database

    def frontier_add(
        self, site: str, fingerprint: str, run_id: int | None, url: str, method: str, callback: str | None, request: str,
    ) -> None:
        """Record a scheduled request as pending (a request already recorded stays as it is)."""
        with self.db.atomic():
            self.db.execute(
                """insert or ignore into frontier (site, fingerprint, run_id, url, method, callback, request, added_at)
                   values (?, ?, ?, ?, ?, ?, ?, ?)""", [site, fingerprint, run_id, url, method, callback, request, utc_now()],
            )

    def frontier_done(self, site: str, fingerprint: str) -> None:
        """Mark a request done: its page is stored (or, for a list page, its links are recorded)."""
        with self.db.atomic():
            self.db.execute(
                "update frontier set done = 1, done_at = ? where site = ? and fingerprint = ?", [utc_now(), site, fingerprint]
            )

    def frontier_pending_count(self, site: str) -> int:
        """How many of the site's requests are pending (left by a run that did not finish)."""
        return self.db.execute("select count(*) from frontier where site = ? and not done", [site]).fetchone()[0]

    def frontier_pending(self, site: str) -> list[dict[str, Any]]:
        """The site's pending requests, in the order they were recorded."""
        sql = "select * from frontier where site = ? and not done order by rowid"
        return [dict(row) for row in self.db.query(sql, [site])]

    def frontier_adopt(self, site: str, run_id: int | None) -> set[str]:
        """Take the site's unfinished entries over into run ``run_id``; the fingerprints already done."""
        with self.db.atomic():
            self.db.execute("update frontier set run_id = ? where site = ?", [run_id, site])
        return {row[0] for row in self.db.execute("select fingerprint from frontier where site = ? and done", [site])}

    def frontier_clear(self, site: str) -> None:
        """Forget the site's frontier (its run finished, or the next starts afresh)."""
        with self.db.atomic():
            self.db.execute("delete from frontier where site = ?", [site])
