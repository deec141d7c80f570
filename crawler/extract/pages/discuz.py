"""Discuz! X3.x thread pages: the thread starter's report, joined over his first floors.

Example: http://bbs.xx.com/thread-1234-1-1.html (= forum.php?mod=viewthread&tid=1234).
``#postlist`` holds one ``div#post_PID`` per floor: the author panel (``td.pls .favatar``:
name, 签到天数, 积分, Rank …) and the post (``td.plc``: ``em#authorposton`` 发表于 …,
``td.t_f#postmessage_PID`` body). Long reports are split over the starter's consecutive
floors (post length limit); a later floor of his, after someone else's reply, is a comment.
Inside the body, Discuz adds the edit note (``i.pstatus``), quote boxes, attachment blocks
(``ignore_js_op``) and jammer text (``font.jammer``, hidden spans) against copying.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from parsel import Selector

from crawler.extract.pages.base import PageType, element_lines
from crawler.extract.pages.prune import pruned
from crawler.extract.text import clean_line, join_lines, parse_date, squash_spaces
from crawler.extract.titles import FORUM_TITLES, first_part

FLOOR_ID = re.compile(r"^post_\d+$")
# Old templates (X1.5, 7.2) write the edit note as plain text: [ 本帖最后由 张三 于 2010-3-2 10:15 编辑 ]
EDIT_NOTE = re.compile(r"^\[?\s*本帖最后由\s*.+?\s*于\s*.+?\s*编辑\s*\]?$")
SOURCE_QUOTE = re.compile(r"^(?:(?:信息|文章|稿件)?来源|出处|稿源)\s*[:：]\s*(.+)$|^(?:转自|转载自|摘自)\s*[:：]?\s*(.+)$")
UID = re.compile(r"(?:space-uid-|[?&]uid=)(\d+)")
# The forum's own clock in the footer, e.g. "GMT+8, 2021-4-9 08:00": the anchor for 昨天/前天/3 天前.
PAGE_CLOCK = re.compile(r"GMT[+-]\d+,\s*(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})")
RELATIVE_DAYS = {"今天": 0, "昨天": 1, "前天": 2}
RELATIVE_UNITS = {"秒": 1, "分钟": 60, "小时": 3600, "天": 86400}
THREAD_URL = re.compile(r"mod=viewthread|/thread-\d+-\d+-\d+\.html")
THREAD_PAGE = re.compile(r"/thread-\d+-(\d+)-\d+\.html|[?&]page=(\d+)")


@dataclass
class Floor:
    """One post of the thread: who wrote it and its body cell."""

    author: str
    author_key: str
    number: int | None
    sel: Selector


class DiscuzThread(PageType):
    """A Discuz! X3.x thread (forum.php?mod=viewthread / thread-TID-PAGE-N.html)."""

    name = "discuz"

    GENERATOR = 'meta[name="generator"]::attr(content)'
    SUBJECT = "#thread_subject"
    FLOORS = "#postlist div[id^=post_]"
    AUTHOR = ".favatar .authi a.xw1, .authi a.xw1, .favatar a.xw1"
    AUTHOR_LINKS = ".favatar a::attr(href), .authi a::attr(href)"
    FLOOR_NUMBER = "a[id^=postnum]"
    POSTED = "em[id^=authorposton]"
    BODY = "td.t_f[id^=postmessage_]"
    QUOTES = "div.quote, blockquote"
    LOCKED = "div.locked"
    FOOTER_CLOCK = "#ft p.xs0, #flk p.xs0, #ft"
    SELECTORS = {"title": ("SUBJECT",), "text": ("FLOORS", "BODY"), "published": ("POSTED", "FOOTER_CLOCK")}
    # Never report text: edit notes, quote boxes, signatures, attachments, paywall boxes, jammer text.
    CHROME = (
        "i.pstatus, div.quote, blockquote, .sign, .pattl, ignore_js_op, .attach_nopermission, .attach_tips, "
        ".tip, .aimg_tip, div.locked, div.rate, dl.rate, .modact, .ptg, font.jammer, span.jammer, "
        "[style*='display:none'], [style*='display: none'], script, style"
    )

    @classmethod
    def matches(cls, url: str, sel: Selector) -> bool:
        generator = sel.css(cls.GENERATOR).get(default="")
        return bool(sel.css(f"#postlist {cls.BODY}")) or (
            generator.startswith("Discuz!") and bool(THREAD_URL.search(url))
        )

    @cached_property
    def _floors(self) -> list[Floor]:
        """The floors of the report (`report_floors`)."""
        return self.report_floors()

    def floors(self) -> list[Floor]:
        """Every floor on the page that has a post body, in page order."""
        found = []
        for post in self.sel.css(self.FLOORS):
            body = post.css(self.BODY)
            if FLOOR_ID.match(post.attrib.get("id", "")) and body:
                author = squash_spaces(post.css(self.AUTHOR).xpath("string()").get(default=""))
                uids = (UID.search(href) for href in post.css(self.AUTHOR_LINKS).getall())
                uid = next((m.group(1) for m in uids if m), None)
                found.append(Floor(author, uid or author, self.floor_number(post), body[0]))
        return found

    def floor_number(self, post: Selector) -> int | None:
        """1 for 楼主, N for ``N#``; None when the page shows no floor numbers."""
        label = squash_spaces(post.css(self.FLOOR_NUMBER).xpath("string()").get(default=""))
        if label == "楼主":
            return 1
        digits = re.search(r"\d+", label)
        return int(digits.group()) if digits else (None if not label else 0)

    def report_floors(self) -> list[Floor]:
        """The starter's first floor and his floors directly after it (page 1 of the thread only)."""
        floors = self.floors()
        if not floors or not self.is_first_page(floors[0]):
            return []
        starter = floors[0].author_key
        joined = []
        for floor in floors:
            if floor.author_key != starter:
                break
            joined.append(floor)
        return joined

    def is_first_page(self, first: Floor) -> bool:
        """Whether the page starts with the thread's first post (not page 2 of the replies)."""
        if first.number is not None:
            return first.number == 1
        page = THREAD_PAGE.search(self.url)
        return not page or int(page.group(1) or page.group(2)) == 1

    def title(self) -> str:
        """``#thread_subject``, else the page title without `` - 版块 - 论坛 - Powered by Discuz!``."""
        subject = self.sel.css(self.SUBJECT).xpath("string()").get()
        if subject and subject.strip():
            return squash_spaces(subject)
        return squash_spaces(first_part(self.sel.css("title::text").get(default=""), FORUM_TITLES))

    def text(self) -> str:
        """The report floors' bodies without chrome, one paragraph per line."""
        lines: list[str] = []
        for floor in self._floors:
            lines += element_lines(pruned(floor.sel.root, self.CHROME))
        return join_lines([line for line in lines if not EDIT_NOTE.match(clean_line(line))])

    def source_name(self) -> str | None:
        """``来源：XX县人民政府网站`` or ``转自…`` quoted in the report."""
        for floor in self._floors:
            for quote in floor.sel.css(self.QUOTES):
                found = SOURCE_QUOTE.match(squash_spaces(quote.xpath("string()").get(default="")))
                if found:
                    return (found.group(1) or found.group(2)).strip()
        return None

    def truncated(self) -> bool:
        """A locked floor (回复后可见, 该帖被管理员或版主屏蔽) shows only part of the report."""
        return any(f.sel.css(self.LOCKED) for f in self._floors)

    def metadata(self) -> dict[str, str]:
        """The starter's user name."""
        return {"author": self._floors[0].author} if self._floors and self._floors[0].author else {}

    def published(self) -> str | None:
        """The starter's 发表于: the span title, the absolute date, or 昨天/前天/N 天前 by the page clock."""
        if not self._floors:
            return None
        posted = self._floors[0].sel.xpath("ancestor::div[starts-with(@id, 'post_')][1]").css(self.POSTED)
        if not posted:
            return None
        title = posted.css("span[title]::attr(title)").get()
        text = squash_spaces(posted.xpath("string()").get(default="")).removeprefix("发表于").strip()
        return parse_date(title) or parse_date(text) or self.relative_date(text)

    def relative_date(self, text: str) -> str | None:
        """``昨天 10:15``, ``3 天前``, ``半小时前`` as a date, counted back from the footer clock."""
        clock = self.page_clock()
        if clock is None:
            return None
        for word, days in RELATIVE_DAYS.items():
            if text.startswith(word):
                return (clock - timedelta(days=days)).date().isoformat()
        if text.startswith("半小时前") or text == "刚刚":
            return (clock - timedelta(minutes=30 if text != "刚刚" else 0)).date().isoformat()
        ago = re.match(r"(\d+)\s*(秒|分钟|小时|天)前", text)
        if ago:
            return (clock - timedelta(seconds=int(ago.group(1)) * RELATIVE_UNITS[ago.group(2)])).date().isoformat()
        return None

    def page_clock(self) -> datetime | None:
        """When the forum rendered the page (``GMT+8, 2021-4-9 08:00`` in the footer)."""
        for footer in self.sel.css(self.FOOTER_CLOCK).xpath("string()").getall():
            found = PAGE_CLOCK.search(footer)
            if found:
                year, month, day, hour, minute = map(int, found.groups())
                return datetime(year, month, day, hour, minute)
        return None
