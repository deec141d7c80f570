"""A small corpus for the export, search and browse tests, stored through the real Store API.

Each report is saved as a page with a Draft (the crawl's path). The report metadata (year,
region, level…) is set on the drafts only: the store must carry it to the documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.extract.items import Draft
from crawler.store.db import Store
from crawler.store.rows import RawPage
from crawler.store.versions import STAGE_VERSIONS

LONG_TITLE = "关于" + "温州市国民经济和社会发展" * 30 + "的报告"
HOSTILE_TITLE = '../../etc/passwd\\CON:<2021>"报告"|?*\x00\x07\t末尾. '


@dataclass
class Report:
    """One report as the tests expect it back."""

    key: str
    title: str
    text: str
    site: str
    published: str | None = None
    year: int | None = None
    region: str | None = None
    region_code: str | None = None
    level: str | None = None
    truncated: bool = False
    also_on: list[str] = field(default_factory=list)
    """Further sites holding an exact copy."""


def paragraphs(seed: str, count: int = 6) -> str:
    """Distinct report-like text: one paragraph per line."""
    return "\n".join(f"{seed}第{i}项工作：坚持稳中求进工作总基调，{seed}推进第{i}批重点项目建设，编号{seed}-{i}。" for i in range(count))


REPORTS = [
    Report("wenzhou2021", "2021年温州市政府工作报告", "各位代表：\n大力发展数字经济，建设数字温州。\n" + paragraphs("瓯江"),
           "wenzhou", "2021-03-01", 2021, "温州市", "330300", "市", also_on=["news163"]),
    Report("hangzhou2022", "2022年杭州市政府工作报告", "各位代表：\n高质量发展建设共同富裕示范区。\n" + paragraphs("钱塘"),
           "hangzhou", "2022-02-10", 2022, "杭州市", "330100", "市"),
    Report("lucheng2021", HOSTILE_TITLE, "鹿城区人民政府工作报告正文。\n" + paragraphs("鹿城"),
           "wenzhou", "2021-02-20", 2021, "鹿城区", "330302", "区"),
    Report("beijing2022", "2022年北京市政府工作报告（摘要）", "首都功能核心区建设。\n" + paragraphs("京华", 2),
           "forum", "2022-01-20", 2022, "北京市", "110000", "市", truncated=True),
    Report("unknown", "某县政府工作报告", "没有年份和地区的报告。\n" + paragraphs("无名"), "farm"),
    Report("same_title_a", "政府工作报告", "第一份同名报告，数字经济核心产业增加值增长。\n" + paragraphs("甲"),
           "wenzhou", "2021-01-05", 2021, "瑞安市", "330381", "县"),
    Report("same_title_b", "政府工作报告", "第二份同名报告。\n" + paragraphs("乙"),
           "wenzhou", "2021-01-06", 2021, "瑞安市", "330381", "县"),
    Report("long_title", LONG_TITLE, "标题很长的报告。\n" + paragraphs("长"), "news163", "2020-05-01", 2020, "温州市", "330300", "市"),
    Report("reserved", "CON", "标题是保留设备名的报告。\n" + paragraphs("保留"), "news163", "2020-06-01", 2020, "温州市", "330300", "市"),
    Report("dots", "..", "标题只有两个点的报告。\n" + paragraphs("点"), "news163", "2020-07-01", 2020, "温州市", "330300", "市"),
]

METADATA = ("year", "region", "region_code", "level")


def page(url: str, site: str, text: str) -> RawPage:
    body = f"<html><body>{text}</body></html>".encode()
    return RawPage(url=url, site=site, status=200, headers={}, body=body, encoding="utf-8", fetched_at="2026-11-21T00:00:00+00:00")


def save_report(store: Store, report: Report, site: str, n: int) -> int:
    """Store one copy of the report found on ``site``; the id of its document."""
    url = f"https://{site}.example.cn/art/{report.key}-{n}.html"
    draft = Draft(url=url, title=report.title, text=report.text, page_type="generic", published=report.published,
                  truncated=report.truncated, **{name: getattr(report, name) for name in METADATA})
    result = store.save_page(page(url, site, report.text), [draft], None, STAGE_VERSIONS)
    [copy] = store.db.query("select document_id from copies where page_id = ?", [result.page_id])
    return copy["document_id"]


def build_corpus(db_path: Path) -> tuple[Store, dict[str, int]]:
    """The store holding REPORTS, and each report's document id by key."""
    store = Store(db_path)
    ids: dict[str, int] = {}
    for n, report in enumerate(REPORTS):
        ids[report.key] = save_report(store, report, report.site, n)
        for site in report.also_on:
            assert save_report(store, report, site, n) == ids[report.key]
    return store, ids


def stored_documents(store: Store) -> list[dict[str, Any]]:
    """Every documents row, as stored."""
    return [dict(row) for row in store.db.query("select * from documents order by id")]
