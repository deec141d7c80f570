"""The crawl frontier: every request a site's run scheduled, pending until its page is stored
(crawler/crawl/frontier.py resumes a killed run from it)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from crawler.store.rows import utc_now, write


class FrontierRepository:
    """The ``frontier`` rows."""

    db: Database

    def frontier_record(
        self, site: str, run_id: int | None, requests: list[tuple[str, str, str, str | None, str]], done: str | None = None,
    ) -> None:
        """Record a response's requests, ``(fingerprint, url, method, callback, request JSON)``, as pending
        and mark the response's own entry ``done``, in one transaction: a kill leaves both or neither
        (a request already recorded stays as it is)."""
        now = utc_now()
        with write(self.db):
            self.db.conn.executemany(
                """insert or ignore into frontier (site, fingerprint, run_id, url, method, callback, request, added_at)
                   values (?, ?, ?, ?, ?, ?, ?, ?)""", [(site, entry[0], run_id, *entry[1:], now) for entry in requests],
            )
            if done is not None:
                self.db.execute("update frontier set done = 1, done_at = ? where site = ? and fingerprint = ?", [now, site, done])

    def frontier_done(self, site: str, fingerprint: str) -> None:
        """Mark a request done: its page is stored (or, for a list page, its links are recorded)."""
        with write(self.db):
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
        with write(self.db):
            self.db.execute("update frontier set run_id = ? where site = ?", [run_id, site])
        return {row[0] for row in self.db.execute("select fingerprint from frontier where site = ? and done", [site])}

    def frontier_clear(self, site: str) -> None:
        """Forget the site's frontier (its run finished, or the next starts afresh)."""
        with write(self.db):
            self.db.execute("delete from frontier where site = ?", [site])
