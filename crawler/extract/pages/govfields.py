"""Reading the fields government CMS pages state around the body: info line, 信息公开 table, title.

Shared by the government portal page types (jcms, trs, govcn, vsb). Each helper takes plain
text or lxml elements; none knows a CMS.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import TYPE_CHECKING

from crawler.extract.pages.base import element_lines
from crawler.extract.text import labelled_values, parse_date, squash_spaces

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# 信息公开 table labels → metadata keys.
XXGK_LABELS = {
    "索引号": "index_no",
    "组配分类": "category",
    "主题分类": "category",
    "分类": "category",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "成文日期": "written_on",
    "发文日期": "written_on",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "公开方式": "disclosure",
    "有效性": "validity",
}
_DATE_FIELDS = frozenset({"written_on"})
_LABEL_SPACES = re.compile(r"[\s\u00a0\u3000]+")

# Labels of the 发布时间/来源/作者/点击 line. Longer labels come first so that ``成文日期：`` is
# read whole, never as ``日期：``.
_INFO_LABELS = (
    "发布时间 发布日期 更新时间 文章来源 信息来源 来源 作者 责任编辑 编辑 点击数 点击 浏览次数 浏览 访问量 "
    "阅读 字号 字体 标题 日期 时间"
).split()
# Any label of either kind, its characters possibly spaced out (``索&nbsp;&nbsp;引&nbsp;&nbsp;号：``).
_LABEL = re.compile(
    "("
    + "|".join(r"\s*".join(label) for label in sorted({*XXGK_LABELS, *_INFO_LABELS}, key=len, reverse=True))
    + r")\s*[:：]"
)
_SOURCE_LABELS = ("来源", "文章来源", "信息来源")
_DATE_LABELS = ("发布时间", "发布日期", "日期", "时间")


def labelled_fields(lines: list[str]) -> dict[str, str]:
    """``发布时间：2023-01-16  来源：市政府办公室`` and 信息公开 rows → {label: value}, first value wins.

    A value runs to the next label on its line; a label ending its line takes the next line
    when that holds no label (list layouts put label and value in separate items).
    """
    fields: dict[str, str] = {}
    for index, line in enumerate(lines):
        for raw_label, raw_value, last in labelled_values(line, _LABEL):
            value = squash_spaces(raw_value)
            if not value and last and index + 1 < len(lines) and not _LABEL.search(lines[index + 1]):
                value = lines[index + 1]
            label = _LABEL_SPACES.sub("", raw_label)
            if value and label not in fields:
                fields[label] = value
    return fields


def xxgk_fields(fields: dict[str, str]) -> dict[str, str]:
    """The 信息公开 fields among labelled fields, under the metadata keys JCMS uses."""
    metadata: dict[str, str] = {}
    for label, value in fields.items():
        key = XXGK_LABELS.get(label)
        if key and key not in metadata:
            metadata[key] = (parse_date(value) or value) if key in _DATE_FIELDS else value
    return metadata


def info_date(fields: dict[str, str]) -> str | None:
    """The publication date among info-line fields (发布时间 before a bare 日期/时间)."""
    for label in _DATE_LABELS:
        if label in fields and parse_date(fields[label]):
            return parse_date(fields[label])
    return None


def info_source(fields: dict[str, str]) -> str | None:
    """The 来源 among info-line fields, without brackets."""
    for label in _SOURCE_LABELS:
        value = fields.get(label, "").strip("[]【】（）() ")
        if value:
            return value
    return None


def text_around(root: HtmlElement, body: HtmlElement) -> tuple[list[str], list[str]]:
    """Text lines of the page before and after ``body`` (scripts and styles left out)."""
    page = deepcopy(root)
    placeholder = page.getroottree().xpath(root.getroottree().getpath(body))[0]
    marker = f"@@govcrawl-body-{id(page)}@@"
    replacement = placeholder.makeelement("p")
    replacement.text, replacement.tail = marker, placeholder.tail
    placeholder.getparent().replace(placeholder, replacement)
    lines = [squash_spaces(line) for line in element_lines(page)]
    cut = lines.index(marker) if marker in lines else len(lines)
    return [x for x in lines[:cut] if x], [x for x in lines[cut + 1 :] if x]


def first_date(lines: list[str]) -> str | None:
    """The first date written in ``lines``."""
    return next((d for d in map(parse_date, lines) if d), None)
