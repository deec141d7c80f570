"""What reprocessing reads of the copies a page holds: which stages' versions made them, and
the copies themselves as drafts (to run the later stages again without extracting the page)."""

from __future__ import annotations

import json

from sqlite_utils import Database

from crawler.extract.items import Draft
from crawler.store.rows import REPORT_FIELDS, VERSION_COLUMNS, StageVersions


class StoredCopiesRepository:
    """The ``copies`` of a stored page, read back."""

    db: Database

    def outdated_stages(self, page_id: int, versions: StageVersions) -> list[str]:
        """The stages (in the order they run) whose version differs from ``versions`` on some
        copy of the page."""
        current = versions.columns()
        sql = "select " + ", ".join(f"max({column} is not ?)" for column in current)
        sql += " from copies where page_id = ?"
        flags = self.db.execute(sql, [*current.values(), page_id]).fetchone()
        return [stage for stage, flag in zip(VERSION_COLUMNS, flags, strict=True) if flag]

    def page_drafts(self, page_id: int, url: str, report_fields: bool = True) -> list[Draft]:
        """The page's copies as the drafts they were made from, in page order; with
        ``report_fields`` False, as the clean stage left them (before the metadata stage)."""
        columns = ["title_as_seen", "text", "page_type", "published_on", "truncated", "source_name", "metadata",
                   "seg_start", "seg_end", *REPORT_FIELDS]
        rows = self.db.execute(f"select {', '.join(columns)} from copies where page_id = ? order by seg", [page_id])
        drafts = []
        for row in rows.fetchall():
            values = dict(zip(columns, row, strict=True))
            report = {name: values[name] for name in REPORT_FIELDS} if report_fields else {}
            drafts.append(Draft(
                url=url, title=values["title_as_seen"], text=values["text"], page_type=values["page_type"],
                published=values["published_on"], truncated=bool(values["truncated"]), source_name=values["source_name"],
                metadata=json.loads(values["metadata"] or "{}"), seg_start=values["seg_start"], seg_end=values["seg_end"],
                **report,
            ))
        return drafts
