"""Stored pages: the raw responses (zlib), one row per URL and content hash."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from crawler.store.rows import KnownPage, RawPage, StageVersions, row_id, write


class PagesRepository:
    """The ``pages`` rows."""

    db: Database

    def _has_version(self, url: str) -> bool:
        return self.db.execute("select 1 from pages where url = ? limit 1", [url]).fetchone() is not None

    def _upsert_page(self, page: RawPage, run_id: int | None) -> int:
        row = {
            "url": page.url, "final_url": page.final_url, "site": page.site, "fetched_at": page.fetched_at,
            "status": page.status, "headers": json.dumps(page.headers, ensure_ascii=False),
            "encoding": page.encoding, "body": zlib.compress(page.body), "sha1": page.sha1,
            "etag": page.header("etag"), "last_modified": page.header("last-modified"), "run_id": run_id,
            "site_kind": page.site_kind,
        }
        existing = self._page_id(page.url, page.sha1)
        if existing is None:
            return row_id(self.db.table("pages").insert(row))
        self.db.table("pages").update(existing, row)
        return existing

    def _page_id(self, url: str, sha1: str) -> int | None:
        found = self.db.execute("select id from pages where url = ? and sha1 = ?", [url, sha1]).fetchone()
        return found[0] if found else None

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of the URL's latest stored version, for a conditional request."""
        row = self.db.execute(
            "select etag, last_modified from pages where url = ? order by fetched_at desc, id desc limit 1", [url]
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def known_pages(self, site: str) -> dict[str, KnownPage]:
        """Stored URLs of a site, with what the latest version of each says (`KnownPage`)."""
        sql = """select p.url, max(c.published_on), p.fetched_at,
                        p.run_id is null or p.run_id <= (select max(id) from runs where site = ? and status = 'finished')
                 from pages p left join copies c on c.page_id = p.id where p.site = ?
                 group by p.id order by p.fetched_at, p.id"""
        return {row[0]: KnownPage(row[1], row[2], bool(row[3])) for row in self.db.execute(sql, [site, site])}

    def revisit_due(self, site: str, fresh_since: str, checked_before: str) -> list[tuple[str, str | None]]:
        """The site's stored report pages due for a conditional request: (URL, title as seen).

        Due: published on or after ``fresh_since`` (YYYY-MM-DD; first stored then, when the page
        shows no date), or last fetched or confirmed (``checked_at``) before ``checked_before``."""
        sql = """select p.url, max(c.title_as_seen), max(c.published_on) as published, min(first.fetched_at) as first_seen,
                        coalesce(p.checked_at, p.fetched_at) as checked
                 from pages p join copies c on c.page_id = p.id and c.document_id is not null
                 join pages first on first.url = p.url
                 where p.site = ? and p.id = (select id from pages v where v.url = p.url order by v.fetched_at desc, v.id desc limit 1)
                 group by p.id
                 having coalesce(published, substr(first_seen, 1, 10)) >= ? or checked < ?
                 order by p.url"""
        return [(row[0], row[1]) for row in self.db.execute(sql, [site, fresh_since, checked_before])]

    def mark_checked(self, urls: list[str], checked_at: str) -> None:
        """The server confirmed these URLs' latest stored versions (304 Not Modified) at ``checked_at``."""
        with write(self.db):
            self.db.conn.executemany(
                """update pages set checked_at = ? where id = (select id from pages v where v.url = ?
                   order by v.fetched_at desc, v.id desc limit 1)""", [(checked_at, url) for url in urls],
            )

    def stored_page(self, page_id: int) -> tuple[RawPage, int | None]:
        """A stored page as it was saved (body decompressed), and the run that stored it."""
        row = self.db.table("pages").get(page_id)
        page = RawPage(
            url=row["url"], site=row["site"], status=row["status"], headers=json.loads(row["headers"] or "{}"),
            body=zlib.decompress(row["body"]), encoding=row["encoding"], fetched_at=row["fetched_at"],
            final_url=row["final_url"], site_kind=row["site_kind"],
        )
        return page, row["run_id"]

    def stored_page_ids(self, site: str | None, outdated: StageVersions | None = None) -> Iterator[int]:
        """Stored pages (2xx), oldest fetch first; with ``outdated``, only pages holding a copy
        that another version of some stage made."""
        where = ["p.status between 200 and 299"]
        params: list[Any] = []
        if site:
            where.append("p.site = ?")
            params.append(site)
        if outdated is not None:
            versions = outdated.columns()
            differs = " or ".join(f"c.{column} is not ?" for column in versions)
            where.append(f"exists (select 1 from copies c where c.page_id = p.id and ({differs}))")
            params.extend(versions.values())
        sql = f"select p.id from pages p where {' and '.join(where)} order by p.fetched_at, p.id"
        for (page_id,) in self.db.execute(sql, params).fetchall():
            yield page_id
