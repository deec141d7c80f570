"""Crawl runs: one row per crawl of a site, its status, stats and outcome columns."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from crawler.store.health import RUN_COLUMNS, ExitCode, run_columns
from crawler.store.rows import row_id, utc_now, write


class RunsRepository:
    """The ``runs`` rows."""

    db: Database

    def start_run(self, site: str, spider: str) -> int:
        with write(self.db):
            table = self.db.table("runs").insert(
                {"site": site, "spider": spider, "started_at": utc_now(), "status": "running"}
            )
        return row_id(table)

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with write(self.db):
            self.db.table("runs").update(
                run_id, {"finished_at": utc_now(), "status": status, "stats": json.dumps(stats, default=str),
                         **run_columns(stats, status)}
            )

    def run(self, run_id: int) -> dict[str, Any]:
        row = self.db.table("runs").get(run_id)
        return {**row, "stats": json.loads(row["stats"] or "{}")}

    def last_run(self, site: str) -> dict[str, Any] | None:
        rows = list(self.db.table("runs").rows_where("site = ?", [site], order_by="id desc", limit=1))
        return rows[0] if rows else None

    def interrupt_runs(self, site: str) -> int:
        """Mark the site's runs still ``running`` as ``interrupted``, finished when this was noticed
        (call it holding the site's lock: no live process runs them). Returns how many there were."""
        with write(self.db):
            cursor = self.db.execute(
                "update runs set status = 'interrupted', exit_code = ?, finished_at = ? where site = ? and status = 'running'",
                [int(ExitCode.FAILED), utc_now(), site],
            )
        return cursor.rowcount

    def running_sites(self) -> list[str]:
        """Sites with a run still marked ``running`` (by a live process, or one that died)."""
        return [row[0] for row in self.db.execute("select distinct site from runs where status = 'running' order by site")]

    def record_locked_run(self, site: str, message: str) -> int:
        """A run that did not start because another process holds the site's lock."""
        now = utc_now()
        row = {"site": site, "spider": None, "started_at": now, "finished_at": now, "status": "locked",
               "stats": json.dumps({"message": message}, ensure_ascii=False), **run_columns({}, "locked")}
        with write(self.db):
            return row_id(self.db.table("runs").insert(row))

    def recent_runs(self, site: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs, newest first, without their stats JSON."""
        columns = ", ".join(["id", "site", "spider", "started_at", "finished_at", "status", *RUN_COLUMNS])
        where, params = ("where site = ?", [site]) if site else ("", [])
        sql = f"select {columns} from runs {where} order by id desc limit ?"
        return [dict(row) for row in self.db.query(sql, [*params, limit])]

    def last_successful_runs(self) -> dict[str, dict[str, Any]]:
        """Per site, its latest run that finished."""
        sql = """select * from runs where id in (select max(id) from runs where status = 'finished' group by site)
                 order by site"""
        return {row["site"]: dict(row) for row in self.db.query(sql)}

    def has_documents(self, site: str) -> bool:
        """Whether a page of the site holds a document (what the health check compares a run with)."""
        sql = "select exists(select 1 from pages p join copies c on c.page_id = p.id where p.site = ? and c.document_id is not null)"
        return bool(self.db.execute(sql, [site]).fetchone()[0])
