"""Text cleaning stage: strip the chrome lines a page type left in a draft, clean its title (crawler/extract/titles.py).

Every rule is positional and conservative. A line goes only when the whole line is chrome
(a share bar, a 字号 大 中 小 switch, a 发布日期/浏览次数 line, a breadcrumb, 上一篇/下一篇),
or when it sits at the head or tail of the text and reads as a byline (来源：…, 编辑：…) or
a QR/WeChat/disclaimer block. A report sentence that merely mentions 来源 or 分享 keeps its
place: it is long, it has sentence punctuation, or it is not at an edge. The report's own
characters are never changed; only whitespace is normalised.
"""

from __future__ import annotations

import re
from dataclasses import replace

from crawler.extract.chrome import CONTACT, NOTICES, PAGE_TOOLS, PREV_NEXT, QR, RELATED, words
from crawler.extract.items import Draft
from crawler.extract.text import clean_line, cut_at_preview_marker, squash_spaces
from crawler.extract.titles import clean_title

CLEAN_VERSION = "1"
"""Version of this stage, stored on every copy (``copies.clean_version``): bump it with any change
to what it makes of a draft (`govcrawl reprocess --outdated` then re-extracts the stored pages)."""

# How far into the text (in lines) a byline / QR / disclaimer block may sit and still count as an edge.
HEAD_LINES = 4
TAIL_LINES = 8
# A chrome line is short and has no sentence punctuation; report prose has both.
_MAX_CHROME_CHARS = 80
_SENTENCE_PUNCT = re.compile(r"[。；！？]|，.*，")

# --- whole-line chrome, wherever it stands --------------------------------------------------
# Lines made of nothing but page tools (and brackets/separators) are page furniture.
_TOKEN_LINE = re.compile(r"^(?:[\s【】\[\]（）()|｜:：>»·•/、,，-]*(?:" + words(PAGE_TOOLS) + r"))+[\s【】\[\]（）()|｜:：>»·•/、,，-]*$")
_CHROME_LINE = re.compile(
    r"^(?:"
    r"[【\[]?(?:字号|字体)[:：]?\s*[【\[]?\s*大\s*中\s*小.*"  # 【字号 大 中 小】, 字体：大 中 小
    r"|分享(?:到|至)?[:：].*"  # 分享到：微信 微博
    r"|(?:您的?|你的?)?(?:当前|所在)(?:的)?位置\s*[:：].*"  # 当前位置：首页 > …
    r"|首页\s*(?:>|＞|>>|»|›|→|/)\s*.*"  # 首页 > 政府信息公开 > …
    rf"|(?:{words(PREV_NEXT)})\s*[:：]?.*"
    rf"|(?:{words(RELATED)})\s*[:：]?"
    r"|[|｜/\\\-—_=·•*~]+"  # separator rules
    r")$"
)
# A line of "label：value" page metadata (发布日期：… 浏览次数：… 字体：…).
_META_LABELS = (
    "发布日期|发布时间|发表时间|更新时间|日期|时间|来源|信息来源|文章来源|作者|编辑|责任编辑|审核|"
    "浏览次数|浏览量|浏览|阅读量|阅读数|阅读次数|阅读|点击数|点击量|点击率|点击|访问量|访问次数|人气|字体|字号"
)
_META_LABEL = re.compile(r"(?:^|\s|】|\]|\|)(" + _META_LABELS + r")\s*[:：]")
_COUNTER_LABEL = re.compile(r"(?:浏览次数|浏览量|浏览|阅读量|阅读数|阅读次数|点击数|点击量|点击率|点击|访问量|访问次数|人气)\s*[:：]")

# --- edge-only chrome: bylines, QR/WeChat blocks, disclaimers --------------------------------
_BYLINE_LABELS = {
    "来源": "source_name",
    "信息来源": "source_name",
    "文章来源": "source_name",
    "稿件来源": "source_name",
    "稿源": "source_name",
    "出处": "source_name",
    "作者": "author",
    "撰稿": "author",
    "记者": "author",
    "责任编辑": "editor",
    "编辑": "editor",
    "责编": "editor",
    "值班编辑": "editor",
    "审核": "reviewer",
    "审校": "reviewer",
    "校对": "reviewer",
    "终审": "reviewer",
}
_BYLINE_LABEL = "|".join(sorted(map(re.escape, _BYLINE_LABELS), key=len, reverse=True))
_BYLINE_PAIR = re.compile(r"(" + _BYLINE_LABEL + r")\s*[:：]\s*(.*?)\s*(?=(?:" + _BYLINE_LABEL + r")\s*[:：]|$)")
_BYLINE_LINE = re.compile(r"^[（(【\[]?\s*(?:" + _BYLINE_LABEL + r")\s*[:：].*?[)）】\]]?$")
_EDGE_CHROME = re.compile(words(QR, NOTICES, CONTACT))
# Headings after which only furniture follows (related lists, disclaimers): the text ends before them.
_TAIL_CUT = re.compile(rf"^[【\[]?(?:{words(RELATED, ('免责声明', '版权声明'))})[】\]]?\s*[:：]?")
_TAIL_CUT_MAX_PROSE = 150  # a related-headlines list holds no paragraph this long


def clean_draft(draft: Draft) -> Draft:
    """The draft with chrome lines removed, bylines moved to fields, title cleaned."""
    lines = [c for c in (clean_line(line) for line in draft.text.split("\n")) if c]
    lines, cut = cut_at_preview_marker(lines)
    lines = [line for line in cut_tail_blocks(lines) if not is_chrome_line(line)]
    fields: dict[str, str] = {}
    lines = trim_edges(lines, fields)
    source = draft.source_name or fields.pop("source_name", None)
    fields.pop("source_name", None)
    metadata = {**{k: v for k, v in fields.items() if k not in draft.metadata}, **draft.metadata}
    return replace(
        draft,
        title=clean_title(draft.title),
        text="\n".join(lines),
        truncated=draft.truncated or cut,
        source_name=source,
        metadata=metadata,
    )


def is_chrome_line(line: str) -> bool:
    """Whether a whole line is page furniture wherever it stands (share bar, crumbs, counters…)."""
    if len(line) > _MAX_CHROME_CHARS or _SENTENCE_PUNCT.search(line):
        return False
    return bool(_TOKEN_LINE.match(line) or _CHROME_LINE.match(line) or is_meta_line(line))


def is_meta_line(line: str) -> bool:
    """A 发布日期：… 浏览次数：… line: a hit counter label, or three page-metadata labels."""
    labels = _META_LABEL.findall(" " + line)
    return bool(labels) and (bool(_COUNTER_LABEL.search(line)) or len(labels) >= 3)


def cut_tail_blocks(lines: list[str]) -> list[str]:
    """Drop a trailing 相关推荐/免责声明 block: the heading in the last part and short lines after it."""
    start = len(lines) // 2
    for index in range(start, len(lines)):
        heading = _TAIL_CUT.match(lines[index]) and len(lines[index]) <= _MAX_CHROME_CHARS
        if heading and all(len(rest) <= _TAIL_CUT_MAX_PROSE for rest in lines[index + 1 :]):
            return lines[:index]
    return lines


def trim_edges(lines: list[str], fields: dict[str, str]) -> list[str]:
    """Remove bylines and QR/disclaimer lines at the head and tail; bylines go into ``fields``."""
    head = 0
    while head < min(HEAD_LINES, len(lines)) and _edge_chrome(lines[head], fields):
        head += 1
    tail = len(lines)
    while tail > max(head, len(lines) - TAIL_LINES) and _edge_chrome(lines[tail - 1], fields):
        tail -= 1
    return lines[head:tail]


def _edge_chrome(line: str, fields: dict[str, str]) -> bool:
    if len(line) > _MAX_CHROME_CHARS:
        return False
    byline = parse_byline(line)
    if byline:
        for key, value in byline.items():
            fields.setdefault(key, value)
        return True
    return bool(_EDGE_CHROME.search(line)) and not _SENTENCE_PUNCT.search(line)


def parse_byline(line: str) -> dict[str, str]:
    """``（来源：丽水日报）`` / ``编辑：赵六 审核：钱七`` → fields; {} when the line is not a byline."""
    if not _BYLINE_LINE.match(line) or _SENTENCE_PUNCT.search(line):
        return {}
    inner = re.sub(r"^[（(【\[]\s*|\s*[)）】\]]$", "", line)
    fields: dict[str, str] = {}
    for label, value in _BYLINE_PAIR.findall(inner):
        value = squash_spaces(value)
        if re.search(r"[:：]", value):
            return {}  # another, unknown label (设计：…): not a byline we understand
        if value:
            fields.setdefault(_BYLINE_LABELS[label], value)
    return fields
