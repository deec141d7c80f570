"""The exported columns: what each means and its type (`govcrawl export --describe`), and
which are internal to dedup and left out unless ``--all-columns``."""

from __future__ import annotations

from collections.abc import Iterable

INTERNAL = frozenset({"text_key", "norm_chars", "merged_into", "minhash", "sentences"})
"""Dedup's working columns: keys and signatures, meaningless outside govcrawl."""

DOCUMENT = "documents (one row per report; jsonl objects, csv/parquet main file, txt files)"
BOTH = "documents and copies"
COPY = "copies (one row per copy of a report seen on a page; the .copies file, --all-copies rows, jsonl sources)"

COLUMNS: dict[str, tuple[str, str, str]] = {
    # name: (table, type, meaning)
    "id": (BOTH, "integer", "Row id: the document id (documents) or the copy id (copies); stable across exports of one database."),
    "title": (DOCUMENT, "text", "The report's title, from its best copy."),
    "text": (BOTH, "text", "Clean body text, one paragraph per line, page furniture removed."),
    "chars": (BOTH, "integer", "Length of text in characters."),
    "year": (BOTH, "integer", "The year the report is for (the report delivered in Feb 2021 is 2021)."),
    "region": (BOTH, "text", "The administrative region the report is about, e.g. 温州市."),
    "region_code": (BOTH, "text", "The region's GB/T 2260 code, e.g. 330300."),
    "level": (BOTH, "text", "Administrative level: 省, 市, 县 or 区."),
    "kind": (DOCUMENT, "text", "Kind of report where known (e.g. 政府工作报告)."),
    "speaker": (BOTH, "text", "Who delivered the report (e.g. the mayor's name)."),
    "speaker_role": (BOTH, "text", "The speaker's office, e.g. 市长."),
    "meeting": (BOTH, "text", "The meeting the report was delivered to, e.g. 温州市第十四届人民代表大会第一次会议."),
    "delivered_on": (BOTH, "date", "The date the report was delivered, YYYY-MM-DD."),
    "published_on": (BOTH, "date", "The date the page says it was published, YYYY-MM-DD (only full dates: no month or day, no date)."),
    "best_copy_id": (DOCUMENT, "integer", "The copy whose text and fields the document has (an id in the copies file)."),
    "first_seen": (DOCUMENT, "timestamp", "When govcrawl first fetched a copy of the report (UTC)."),
    "updated_at": (DOCUMENT, "timestamp", "When the document's text or fields last changed (UTC)."),
    "url": (BOTH, "text", "URL of the page the (best) copy was found on."),
    "site": (BOTH, "text", "Configured site (or host) of that page; see `govcrawl sites`."),
    "truncated": (BOTH, "bool", "The (best) copy shows only part of the report (preview, paywall)."),
    "page_id": (COPY, "integer", "The stored page (raw response) the copy was found on."),
    "seg": (COPY, "integer", "Position of the copy among the documents of its page (0 for most pages)."),
    "document_id": (COPY, "integer", "The document this copy belongs to."),
    "relation": (COPY, "text", "How the copy relates to its document: canonical (it is the best "
        "copy), exact, near, contained (inside the best copy or holding it), superseded (an earlier version of its page)."),
    "similarity": (COPY, "real", "Dedup score against the best copy: 1.0 exact, estimated Jaccard (near), share of sentences (contained)."),
    "seg_start": (COPY, "integer", "For a page holding several reports: character offset where this one starts in the page text."),
    "seg_end": (COPY, "integer", "For a page holding several reports: character offset where this one ends."),
    "title_as_seen": (COPY, "text", "The title as this page shows it."),
    "text_sha1": (COPY, "text", "SHA-1 of the copy's text (UTF-8): tells identical texts apart from near ones."),
    "source_name": (COPY, "text", "Where the page says the text comes from (来源, 信息来源)."),
    "index_no": (COPY, "text", "索引号 of the 信息公开 table."),
    "publisher": (COPY, "text", "发布机构 of the 信息公开 table."),
    "written_on": (COPY, "date", "成文日期 of the 信息公开 table, YYYY-MM-DD."),
    "metadata": (COPY, "json", "Every field the page states (信息公开 table …), as a JSON object."),
    "page_type": (COPY, "text", "The page type that extracted the copy (jcms, trs, discuz, generic …)."),
    "extractor_version": (COPY, "text", "EXTRACTOR_VERSION of the code that extracted the copy."),
    "clean_version": (COPY, "text", "CLEAN_VERSION of the clean stage that cleaned the copy (empty: stored before stages had versions)."),
    "metadata_version": (COPY, "text", "METADATA_VERSION of the metadata stage that read its report fields (empty: before versions)."),
    "dedup_version": (COPY, "text", "DEDUP_VERSION of the fingerprints and matching that filed the copy (empty: before stage versions)."),
    "fetched_at": (COPY, "timestamp", "When the page was fetched (UTC)."),
    "sources": (DOCUMENT, "list", "jsonl only: the document's copies (copy_id, url, site, relation, "
        "similarity, truncated, published, fetched_at, title_as_seen, source_name)."),
    "text_key": ("internal", "text", "--all-columns only: dedup key of the normalised text."),
    "norm_chars": ("internal", "integer", "--all-columns only: length of the normalised text."),
    "merged_into": ("internal", "integer", "--all-columns only: always empty for exported documents (merged ones are left out)."),
}
"""Every column an export can hold."""

DATE_COLUMNS = frozenset(name for name, (_, kind, _) in COLUMNS.items() if kind == "date")
BOOL_COLUMNS = frozenset(name for name, (_, kind, _) in COLUMNS.items() if kind == "bool")
CATEGORY_COLUMNS = frozenset({"site", "region", "region_code", "level", "kind", "relation", "page_type", "extractor_version"})
"""Few distinct values: dictionary-encoded in Parquet."""


def public(names: Iterable[str], all_columns: bool = False) -> list[str]:
    """``names`` without the internal ones (all of them with ``all_columns``)."""
    return [name for name in names if all_columns or name not in INTERNAL]


def describe() -> str:
    """The data dictionary as text: one line per column, ``name  type  meaning``, then its table."""
    lines = ["# govcrawl export: the data dictionary (column  type  meaning)"]
    for name, (table, kind, meaning) in COLUMNS.items():
        lines.append(f"{name:<18} {kind:<9} {meaning}")
        lines.append(f"    in: {table}")
    return "\n".join(lines)


def markdown_table() -> str:
    """The data dictionary as the README's Markdown table."""
    rows = [f"| `{name}` | {kind} | {meaning} |" for name, (_, kind, meaning) in COLUMNS.items()]
    return "\n".join(["| column | type | meaning |", "| --- | --- | --- |", *rows])
