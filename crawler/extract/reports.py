"""Which pages are work reports: the rule spiders use to choose links by their titles."""

from __future__ import annotations

import re

# Pages about a report that are not the report: explanations, graphics, task lists, calls
# for comments, progress reports, videos.
_NOT_REPORT = re.compile(
    r"解读|图解|一图|图读|读懂|分工|责任|任务分解|征求|意见建议|建议|进展|落实情况|完成情况|办理|"
    r"学习|贯彻|视频|直播|问答|答记者问|新闻发布|热词|关键词|亮点|起草|名词解释"
)


def is_report_title(title: str, keywords: tuple[str, ...] = ("政府工作报告",)) -> bool:
    """True for a title naming a government work report itself (full text or 摘要)."""
    compact = re.sub(r"\s+", "", title)
    return any(keyword in compact for keyword in keywords) and not _NOT_REPORT.search(compact)
