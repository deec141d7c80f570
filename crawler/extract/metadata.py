"""Metadata stage: read a report's year, region, speaker, meeting and delivery date from its heading.

A work report opens with a heading such as::

    2021年2月24日在龙港市第一届人民代表大会第二次会议上
    龙港市人民政府市长 何宗静

The stage reads that heading (the first lines of the text), then the title, then the page's
publisher and source, and fills only the fields a page type left empty.
"""

from __future__ import annotations

import re
from dataclasses import replace

from crawler.extract.items import Draft
from crawler.extract.regions import Region, find_region, names_in
from crawler.extract.text import parse_date

METADATA_VERSION = "1"
"""Version of this stage, stored on every copy (``copies.metadata_version``): bump it with any
change to what it reads (`govcrawl reprocess --outdated` then reads the stored copies again,
without extracting their pages again)."""

HEAD_LINES = 12
HEAD_CHARS = 800

_CN_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "О": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_NUM = r"[一二三四五六七八九十〇零两\d]+"
_DATE_ARABIC = r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_DATE_CHINESE = r"[〇零○Ｏ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日"
_DATE = rf"(?:{_DATE_ARABIC}|{_DATE_CHINESE}|(?:19|20)\d{{2}}[.．/-]\d{{1,2}}[.．/-]\d{{1,2}})"
# 在龙港市第一届人民代表大会第二次会议上 / 在市十四届人大二次会议上, as a heading: at the start of a
# line, after —— or （, or after the delivery date — not inside prose (市长…在…会议上作政府工作报告).
MEETING = re.compile(
    rf"(?:^|——|—|－|-|[（(]|日)[ \t]*在\s*(?P<meeting>(?P<where>[\u4e00-\u9fff]{{0,20}}?)\s*"
    rf"第?{_NUM}届\s*(?:全国)?(?:人民代表大会|人大)\s*第?{_NUM}次\s*(?:全体)?会议)",
    re.M,
)
DATED_MEETING = re.compile(rf"(?P<date>{_DATE})\s*[，,]?\s*在\s*[\u4e00-\u9fff]{{0,20}}?第?{_NUM}届")
DATE_LINE = re.compile(rf"^[（(——\-－\s]*(?P<date>{_DATE})[)）\s]*$")
_ROLE = r"代理?(?:省长|市长|县长|区长|州长|旗长|盟长|主席)|省长|市长|县长|区长|州长|旗长|盟长|(?:自治区)?主席|总理"
# 龙港市人民政府市长 何宗静 / 丽水市代市长 张三 / （县长 李四）
SPEAKER = re.compile(
    rf"^[（(]?(?P<prefix>[\u4e00-\u9fff]{{0,20}}?)(?:人民政府)?(?P<role>{_ROLE})\s*[:：]?\s*(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff·•]{{1,9}})[)）]?$"
)
# 会议上 市长刘勇 各位代表: — aggregators run the heading into the first paragraph.
INLINE_SPEAKER = re.compile(
    rf"会议上\s*[)）]?\s*(?P<prefix>[\u4e00-\u9fff]{{0,20}}?)(?:人民政府)?(?P<role>{_ROLE})\s*[;；:：,，]?\s*(?P<name>[\u4e00-\u9fff·]{{2,4}}?)\s*各位代表"
)
_NAME_MAX = 4  # Han names are 2-4 characters; longer ones carry a · (transliterated names)
REPORT_TITLE = re.compile(r"(?:(?P<year>(?:19|20)\d{2})\s*年度?)?(?P<where>[\u4e00-\u9fff]{0,30}?)(?:人民)?政府工作报告")
# A title that is a report's own name: [年份][地区][年份]政府工作报告[（年份）], nothing else.
REPORT_NAME = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年度?)?(?P<where>[\u4e00-\u9fff]{0,24}?)(?:(?:19|20)\d{2}\s*年度?)?(?:人民)?政府工作报告"
    r"(?:\s*[（(](?:19|20)\d{2}\s*年?度?[)）])?(?:全文)?$"
)
# News stories about the meeting: 秭归县第二十届人大四次会议开幕 / 县长周建国代表县人民政府向大会作政府工作报告.
NEWS_MEETING = re.compile(
    rf"(?P<where>[\u4e00-\u9fff]{{2,12}}?)第?(?P<term>{_NUM})届\s*(?:人民代表大会|人大)\s*第?(?P<session>{_NUM})次(?:全体)?会议"
)
NEWS_SPEAKER = re.compile(
    rf"(?:(?P<role>{_ROLE})\s*)?(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?:代表[\u4e00-\u9fff]{{0,12}}?)?(?:向大会)?作(?:了)?政府工作报告"
)
NEWS_DAY = re.compile(r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日[^。]{0,40}?会议")
_ROLE_BY_SUFFIX = {"省": "省长", "市": "市长", "州": "州长", "县": "县长", "区": "区长", "旗": "旗长", "盟": "盟长"}
ON_BEHALF = re.compile(r"我代表(?P<where>[\u4e00-\u9fff]{2,20}?)人民政府")


def enrich(draft: Draft) -> Draft:
    """The draft with its report metadata filled in where the page type left it empty."""
    head_text = "\n".join(draft.text.split("\n")[:HEAD_LINES])[:HEAD_CHARS]
    head = head_text.split("\n")
    meeting = find_meeting(draft.title + "\n" + head_text)
    delivered = draft.delivered_on or delivered_on(head, draft.title)
    speaker = find_speaker(head) or find_inline_speaker(head_text)
    if not (meeting or speaker or is_report_name(draft.title) or is_report_name(head[0])):
        return enrich_news_story(draft, head_text)  # a story on the meeting, else not a report at all
    region = None if draft.region else report_region(draft, head_text, meeting, speaker is not None)
    return replace(
        draft,
        year=draft.year or report_year(draft, delivered, head),
        region=draft.region or (region.name if region else None),
        region_code=draft.region_code or (region.code if region else None),
        level=draft.level or (region.level if region else None),
        speaker=draft.speaker or (speaker[1] if speaker else None),
        speaker_role=draft.speaker_role or (speaker[0] if speaker else None),
        meeting=draft.meeting or (meeting.group("meeting").replace(" ", "") if meeting else None),
        delivered_on=delivered,
    )


def enrich_news_story(draft: Draft, head_text: str) -> Draft:
    """A news story on the 人代会 where the report was delivered: meeting, region, speaker, day."""
    story = draft.title + "\n" + head_text
    found = NEWS_MEETING.search(draft.title)  # the story is about the meeting, not an interpretation
    region = find_region(found.group("where"), story) if found and "政府工作报告" in story else None
    if region is None or found is None:
        return draft  # a notice, an interpretation, a plan: not a report, no report metadata
    speaker = NEWS_SPEAKER.search(head_text) or NEWS_SPEAKER.search(draft.title)
    role = speaker.group("role") if speaker and speaker.group("role") else _ROLE_BY_SUFFIX.get(region.name[-1])
    delivered = news_day(head_text, draft.published)
    return replace(
        draft,
        year=draft.year or (int(delivered[:4]) if delivered else None),
        region=draft.region or region.name,
        region_code=draft.region_code or region.code,
        level=draft.level or region.level,
        speaker=draft.speaker or (speaker.group("name") if speaker else None),
        speaker_role=draft.speaker_role or (role if speaker else None),
        meeting=draft.meeting or f"{region.name}第{found.group('term')}届人民代表大会第{found.group('session')}次会议",
        delivered_on=draft.delivered_on or delivered,
    )


def news_day(head_text: str, published: str | None) -> str | None:
    """The meeting day of a news story (1月16日上午，…会议), in the year it was published; else that date."""
    if not published:
        return None
    found = NEWS_DAY.search(head_text)
    if found:
        return parse_date(f"{published[:4]}年{found.group('month')}月{found.group('day')}日")
    return published


def is_report_name(title: str) -> bool:
    """Whether a title names a report and nothing else (2021年宝兴县政府工作报告, 政府工作报告（2020年）)."""
    found = REPORT_NAME.match(title.strip())
    return found is not None and "".join(names_in(found.group("where"))) == found.group("where")


def find_meeting(text: str) -> re.Match[str] | None:
    """The 在…人民代表大会第…次会议上 phrase of a report heading."""
    return MEETING.search(text)  # re.M: a heading starts a line


def delivered_on(head: list[str], title: str = "") -> str | None:
    """The date before 在…人民代表大会 (or on its own line next to it), ``YYYY-MM-DD``."""
    for index, line in enumerate([title, *head]):
        dated = DATED_MEETING.search(line)
        if dated:
            return parse_cn_date(dated.group("date"))
        if MEETING.search(line):
            for near in [title, *head][max(index - 1, 0) : index + 2]:
                alone = DATE_LINE.match(near)
                if alone:
                    return parse_cn_date(alone.group("date"))
    return None


def parse_cn_date(text: str) -> str | None:
    """``2021年2月24日``, ``2021.02.24`` or ``二〇二一年二月二十四日`` → ``2021-02-24``."""
    return parse_date(re.sub(r"[〇零○Ｏ一二三四五六七八九十两]+", lambda m: str(cn_number(m.group())), text))


def cn_number(numeral: str) -> int:
    """二〇二一 → 2021 (digit by digit), 二十四 → 24, 十 → 10 (counted)."""
    if "十" not in numeral:
        return int("".join(str(_CN_DIGITS[c]) for c in numeral))
    tens, _, units = numeral.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def find_speaker(head: list[str]) -> tuple[str, str] | None:
    """(role, name) from a heading line such as 龙港市人民政府市长 何宗静, with its region prefix kept."""
    for line in head:
        found = SPEAKER.match(line)
        if found and (len(found.group("name")) <= _NAME_MAX or "·" in found.group("name")):
            return found.group("role"), found.group("name")
    return None


def find_inline_speaker(head_text: str) -> tuple[str, str] | None:
    """(role, name) from a heading run into the text: …会议上 市长刘勇 各位代表."""
    found = INLINE_SPEAKER.search(head_text)
    return (found.group("role"), found.group("name")) if found else None


def speaker_prefix(head: list[str]) -> str:
    """The words before the role on the speaker line (龙港市人民政府 of 龙港市人民政府市长 何宗静)."""
    for line in head:
        found = SPEAKER.match(line)
        if found:
            return found.group("prefix")
    found = INLINE_SPEAKER.search("\n".join(head))
    return found.group("prefix") if found else ""


def report_region(draft: Draft, head_text: str, meeting: re.Match[str] | None, has_speaker: bool) -> Region | None:
    """Region named by the meeting, the speaker line, the title, 我代表…人民政府, then the publisher."""
    title_match = REPORT_TITLE.search(draft.title) or REPORT_TITLE.search(head_text.split("\n")[0])
    on_behalf = ON_BEHALF.search(head_text)
    phrases = [
        meeting.group("where") if meeting else "",
        speaker_prefix(head_text.split("\n")) if has_speaker else "",
        title_match.group("where") if title_match else "",
        on_behalf.group("where") if on_behalf else "",
        str(draft.metadata.get("publisher") or ""),
        draft.source_name or "",
    ]
    context = " ".join([draft.title, head_text, *phrases])
    for phrase in phrases:
        region = find_region(phrase, context) if phrase else None
        if region:
            return region
    return None


def report_year(draft: Draft, delivered: str | None, head: list[str]) -> int | None:
    """The year the report is delivered in: delivery date, then a 2021年…政府工作报告 title, then publication."""
    if delivered:
        return int(delivered[:4])
    for title in (draft.title, head[0] if head else ""):
        found = REPORT_TITLE.search(title)
        if found and found.group("year"):
            return int(found.group("year"))
    return int(draft.published[:4]) if draft.published else None
