"""招商 aggregator list pages that print several full reports one after another.

Example shape: a county's 政府工作报告 column on an investment-promotion site
(``/sichuan/yaan/baoxing/gzbg/``, pages ``list_N.html``) where each list entry is a heading
``【宝兴县招商】2021年宝兴县政府工作报告`` linking to a detail page, then the full report (often one
run-on paragraph that repeats the title: ``2021年宝兴县政府工作报告各位代表:现在,…``), then a line
with the date (and 来源/浏览). Between and around the entries: 阅读全文/更多 links, 热门推荐, ads,
pagination, 招商 contact blocks, the footer.

The entries are found by structure: headings with the same place in the page tree (same tag and
class path) form a list; each heading's entry is the largest element holding only that heading
(or, in flat lists, the heading and its following siblings up to the next heading).

Offsets: ``seg_start``/``seg_end`` index the *page text*, ``page_text(html)`` — the whole ``<body>``
as paragraph lines (`element_lines` + `join_lines`, chrome included). ``page_text[seg_start:seg_end]``
starts with the draft's first line and ends with its last line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from lxml import html as lxml_html
from parsel import Selector

from crawler.extract.chrome import CONTACT, PAGER, QR, RELATED, words
from crawler.extract.pages.base import PageType, element_lines, parse_page
from crawler.extract.pages.prune import pruned
from crawler.extract.reports import is_report_title
from crawler.extract.text import clean_line, join_lines, parse_date, squash_spaces
from crawler.extract.titles import AGGREGATOR_TITLES, strip_prefix

# Shortest entry text that is a document; shorter entries are teasers (title + link + a sentence).
MIN_DOCUMENT_CHARS = 200
# Entries a page needs to be recognised as an aggregator without a hint.
MIN_ENTRIES = 2
_MAX_HEADING_CHARS = 120
_MAX_INFO_CHARS = 80

_HEADINGS = "//h1 | //h2 | //h3 | //h4 | //h5 | //dt | //*[contains(@class, 'title')]"
# Elements inside an entry that are never content.
_CHROME = "script, style, .more, .hits, .share, .tags, .ad, .ads, .pages, .pagination"
# A "read the rest elsewhere" link in an entry; with the text cut short before it, the entry is a preview.
_READ_MORE_WORDS = r"(?:阅读全文|查看全文|展开全文|全文阅读|阅读更多|查看更多|点击查看|详细内容|详情|更多)"
_READ_MORE = re.compile(rf"\s*[\[【(（]?\s*{_READ_MORE_WORDS}\s*[>»]*\s*[\]】)）]?\s*$")
_READ_MORE_LINK = re.compile(rf"^\W*{_READ_MORE_WORDS}\W*$")
# How a complete report (or a paragraph of one) ends; a preview ends mid-sentence or in ``……``.
_COMPLETE_END = re.compile(r"[。！？!?”」』）)]$")
# Short lines of an entry that describe it: date, 来源, 浏览/点击 counts.
_INFO_LABEL = re.compile(r"(?:来源|发布时间|发布日期|时间|浏览|点击|阅读|人气)\s*[:：]|\d+\s*次")
AGGREGATOR_CHROME = (r".{0,12}投稿", "企业入驻", "招商热线", "电话[:：]", r"共\s*\d+\s*页", "返回顶部", "免责声明", "版权所有",
                     "Copyright", "[-·•]$")
"""The 招商 sites' own chrome words, beside the vocabulary's (crawler/extract/chrome.py)."""
_CHROME_LINE = re.compile(rf"^[-·•]?\s*(?:{words(CONTACT, RELATED, QR, PAGER, AGGREGATOR_CHROME)})", re.I)


def page_text(html: str) -> str:
    """The text ``seg_start``/``seg_end`` refer to: the page body as paragraph lines."""
    return _body_text(parse_page(html).root)


def _body_text(root: lxml_html.HtmlElement) -> str:
    body = root.find("body")
    return join_lines(element_lines(body if body is not None else root))


class AggregatorPage(PageType):
    """A list page holding several full reports, one draft per entry."""

    name = "aggregator"

    @classmethod
    def matches(cls, url: str, sel: Selector) -> bool:
        """At least two same-shaped list entries, each a heading, a report-length text and a date."""
        entries = _best_entries(sel.root, MIN_ENTRIES)
        documents = [e for e in entries if e.is_document and e.date]
        return len(documents) >= MIN_ENTRIES

    def documents(self) -> list[_Entry]:
        """The report entries, each with where it starts and ends in the page's text."""
        text = _body_text(self.sel.root)
        cursor = 0
        reports: list[_Entry] = []
        for entry in _best_entries(self.sel.root):
            if not entry.is_document or not is_report_title(entry.heading_title):
                continue  # a teaser, or a 招商 project/news entry between the reports
            start = text.find(entry.lines[0], cursor)
            end = text.find(entry.lines[-1], max(start, 0))
            if start >= 0 and end >= 0:
                cursor = end + len(entry.lines[-1])
            entry.seg = (start if start >= 0 else None, cursor if end >= 0 else None)
            reports.append(entry)
        return reports


class _Entry:
    """One list entry: its heading and the elements holding its text."""

    def __init__(self, heading: lxml_html.HtmlElement, parts: list[lxml_html.HtmlElement]) -> None:
        self.heading = heading
        self.heading_title = _title(heading)
        self.date: str | None = None
        self.source: str | None = None
        self.preview = False
        self.seg: tuple[int | None, int | None] = (None, None)
        self.lines = self._read(parts)

    @property
    def is_document(self) -> bool:
        """Entries with report text; a title with a link and a teaser sentence is not one."""
        return bool(self.heading_title) and sum(map(len, self.lines)) >= MIN_DOCUMENT_CHARS

    # the entry's fields (crawler.extract.pages.base.Document) --------------------------------

    def title(self) -> str:
        return self.heading_title

    def text(self) -> str:
        return "\n".join(self.lines)

    def published(self) -> str | None:
        return self.date

    def source_name(self) -> str | None:
        return self.source

    def metadata(self) -> dict[str, str]:
        return {}

    def truncated(self) -> bool:
        return self.preview

    def segment(self) -> tuple[int | None, int | None]:
        return self.seg

    def _read(self, parts: list[lxml_html.HtmlElement]) -> list[str]:
        """Text lines of the entry; info lines become fields, read-more links mark a preview."""
        links = [squash_spaces(a.text_content()) for part in parts if isinstance(part.tag, str) for a in part.iter("a")]
        more = any(_READ_MORE_LINK.match(text) for text in links)
        lines: list[str] = []
        for raw in (clean_line(line) for part in parts for line in element_lines(_without_chrome(part, self.heading))):
            if not raw or _CHROME_LINE.match(raw):
                continue
            if len(raw) <= _MAX_INFO_CHARS and self._info(raw):
                continue
            line = _READ_MORE.sub("", raw)
            more = more or line != raw
            if line:
                lines.append(line)
        self.preview = more and bool(lines) and not _COMPLETE_END.search(lines[-1])
        return _without_title(lines, self.heading_title, squash_spaces(self.heading.text_content()))

    def _info(self, line: str) -> bool:
        """Whether a short line is the entry's date/source/hits line; keeps its date and source."""
        rest = re.sub(r"[\d\s:：\-/年月日.]", "", line)
        labelled = _INFO_LABEL.search(line)
        if len(rest) > 2 and not labelled:
            return False  # neither a bare date nor labelled: no need to parse it (recognition reads every page)
        date = parse_date(line)
        if not date and not labelled:
            return False
        self.date = self.date or date
        source = re.search(r"来源\s*[:：]\s*(\S+)", line)
        self.source = self.source or (source.group(1) if source else None)
        return True


def _best_entries(root: lxml_html.HtmlElement, min_documents: int = 0) -> list[_Entry]:
    """Entries of the heading list whose entries hold the most document text.

    ``min_documents``: skip lists with fewer entries of document length in raw text (reading an
    entry costs far more than measuring it; recognition runs on every page).
    """
    best: list[_Entry] = []
    best_key = (0, 0)
    for headings in _heading_groups(root):
        if len(headings) < min_documents:
            continue
        parts_of = list(_entry_parts(headings))
        if sum(_raw_chars(parts) >= MIN_DOCUMENT_CHARS for _, parts in parts_of) < min_documents:
            continue
        entries = [_Entry(h, parts) for h, parts in parts_of]
        documents = [e for e in entries if e.is_document]
        key = (min(len(documents), MIN_ENTRIES), sum(len("".join(e.lines)) for e in documents))
        if documents and key > best_key:
            best, best_key = entries, key
    return best


def _raw_chars(parts: list[lxml_html.HtmlElement]) -> int:
    """Characters of an entry's text before reading it (an upper bound of its lines' length)."""
    return sum(len(squash_spaces(part.text_content() + (part.tail or ""))) for part in parts if isinstance(part.tag, str))


def _heading_groups(root: lxml_html.HtmlElement) -> Iterator[list[lxml_html.HtmlElement]]:
    """Headings grouped by their tag/class path from the root (ids ignored: they number entries)."""
    groups: dict[tuple[str, ...], list[lxml_html.HtmlElement]] = defaultdict(list)
    for heading in root.xpath(_HEADINGS):
        text = squash_spaces(heading.text_content())
        if 2 <= len(text) <= _MAX_HEADING_CHARS:
            groups[_path(heading)].append(heading)
    yield from groups.values()


def _path(node: lxml_html.HtmlElement) -> tuple[str, ...]:
    return tuple(f"{n.tag}.{n.get('class', '')}" for n in [node, *node.iterancestors()])


def _entry_parts(headings: list[lxml_html.HtmlElement]) -> Iterator[tuple[lxml_html.HtmlElement, list]]:
    """For each heading, the elements of its entry."""
    marked = {id(h) for h in headings}

    def holds_heading(node: lxml_html.HtmlElement) -> bool:
        return any(id(n) in marked for n in node.iter())

    for heading in headings:
        top = heading
        while len(headings) > 1 and top.getparent() is not None and _count(top.getparent(), marked) == 1:
            top = top.getparent()
        parts = [top]
        for sibling in top.itersiblings():
            if isinstance(sibling.tag, str) and holds_heading(sibling):
                break
            parts.append(sibling)
        yield heading, parts


def _count(node: lxml_html.HtmlElement, marked: set[int]) -> int:
    return sum(1 for n in node.iter() if id(n) in marked)


def _without_chrome(part: lxml_html.HtmlElement, heading: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """A copy of an entry part without its heading and chrome elements (copied, the page stays whole)."""
    if part is heading or not isinstance(part.tag, str):
        return lxml_html.fromstring("<div></div>")
    doomed = {*part.cssselect(_CHROME), heading}
    return pruned(part, doomed.__contains__, tail=True)


def _title(heading: lxml_html.HtmlElement) -> str:
    """Heading text without ``【…招商】`` prefixes; its link's ``title`` when the heading is cut (``…``)."""
    text = strip_prefix(squash_spaces(heading.text_content()), AGGREGATOR_TITLES).strip()
    for linked in (strip_prefix(squash_spaces(t), AGGREGATOR_TITLES).strip() for t in heading.xpath(".//a/@title")):
        if linked.startswith(text.rstrip(".…")) and len(linked) > len(text.rstrip(".…")):
            return linked
    return text


def _without_title(lines: list[str], *titles: str) -> list[str]:
    """Lines without the title repeated at the start of the text (``2021年…报告各位代表:…``)."""
    if not lines:
        return lines
    for title in (t for t in titles if t):
        if lines[0].startswith(title):
            rest = lines[0][len(title) :].lstrip()
            return ([rest] if rest else []) + lines[1:]
    return lines
