"""大汉 JCMS portals (most Zhejiang government sites).

A report column (``/col/col1229117804/index.html``) embeds its first records as XML in
``<script type="text/xml"><datastore>…``; ``jpage({...})`` says how many records there
are and how to ask for more: POST ``/module/web/jpage/dataproxy.jsp?startrecord=11&
endrecord=20&perpage=10`` with the ``ajaxParam`` fields as the form, answered with
another ``<datastore>``. Each record links an article page and shows its date
(``<li><a href="/art/2020/1/17/art_1229117804_58963877.html" …>…</a><span>2020-01-17</span></li>``).
Groups are requested one after another, newest first, so paging can stop at a group of
reports stored before (``SiteSpider.should_continue_paging``).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import asdict, dataclass
from urllib.parse import urljoin

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.crawl.spider import SiteSpider
from crawler.extract.items import PageItem
from crawler.extract.text import parse_date

_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
_JPAGE = re.compile(r"\.jpage\(\s*\{(.*?)\}\s*\)\s*;", re.S)
_AJAX_PARAM = re.compile(r"ajaxParam\s*:\s*\{(.*?)\}", re.S)
_OPTION = re.compile(r"(\w+)\s*:\s*(?:'([^']*)'|\"([^\"]*)\"|([^,{}]+))")


@dataclass(frozen=True)
class Record:
    """One entry of a column list."""

    url: str
    title: str
    listed_on: str | None = None
    """The date shown next to the link (YYYY-MM-DD), if any."""


@dataclass(frozen=True)
class Paging:
    """The ``jpage`` options of a column page."""

    proxy_url: str
    total: int
    per_page: int
    group_size: int
    params: dict[str, str]

    def later_groups(self) -> Iterator[tuple[int, int]]:
        """(startrecord, endrecord) of every group after the embedded first one."""
        step = self.per_page * self.group_size
        for start in range(step + 1, self.total + 1, step):
            yield start, start + step - 1


def read_records(text: str) -> list[Record]:
    """The records of a ``<datastore>`` (embedded or from dataproxy.jsp); broken ones skipped."""
    records = []
    for fragment in _RECORD.findall(text):
        link = Selector(text=fragment).css("a[href]")
        if link:
            title = link.attrib.get("title") or link.xpath("string()").get() or ""
            listed_on = parse_date(" ".join(Selector(text=fragment).xpath("//text()[not(ancestor::a)]").getall()))
            records.append(Record(url=link.attrib["href"].strip(), title=title.strip(), listed_on=listed_on))
    return records


def read_paging(html: str) -> Paging | None:
    """The column's ``jpage({...})`` options, if it has more records than it embeds."""
    found = _JPAGE.search(html)
    if not found:
        return None
    options = _options(found.group(1))
    ajax = _AJAX_PARAM.search(found.group(1))
    try:
        return Paging(
            proxy_url=options.get("proxyUrl", "/module/web/jpage/dataproxy.jsp"),
            total=int(options["totalRecord"]),
            per_page=int(options.get("perPage", 15)),
            group_size=int(options.get("groupSize", 1)),
            params=_options(ajax.group(1)) if ajax else {},
        )
    except (KeyError, ValueError):
        return None


def _options(js_object_body: str) -> dict[str, str]:
    return {name: (single or double or bare).strip() for name, single, double, bare in _OPTION.findall(js_object_body)}


class JcmsSpider(SiteSpider):
    """Report columns of a JCMS portal: embedded records, dataproxy.jsp pages, articles."""

    name = "jcms"

    @classmethod
    def list_links(cls, url: str, html: str) -> list[tuple[str, str]]:
        return [(urljoin(url, record.url), record.title) for record in read_records(html)]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.start_urls:
            yield scrapy.Request(url, callback=self.parse_column)

    def parse_column(self, response: Response) -> Iterator[scrapy.Request]:
        paging = read_paging(response.text)
        groups = [] if paging is None else list(paging.later_groups())
        yield from self.parse_group(response, paging, groups)

    def parse_group(
        self, response: Response, paging: Paging | dict | None = None, groups: Sequence[Sequence[int]] | None = None
    ) -> Iterator[scrapy.Request]:
        """Follow a group's records; then request the next group, unless paging should stop.

        ``paging`` and ``groups`` travel as plain JSON values (the frontier persists requests)."""
        paging = Paging(**paging) if isinstance(paging, dict) else paging
        records = read_records(response.text)
        for record in records:
            request = self.follow_report(response, record.url, record.title, listed_on=record.listed_on)
            if request is not None:
                yield request
        if paging is None or not groups or not self.should_continue_paging(response, records):
            return
        (start, end), later = groups[0], groups[1:]
        url = response.urljoin(f"{paging.proxy_url}?startrecord={start}&endrecord={end}&perpage={paging.per_page}")
        yield scrapy.FormRequest(
            url, formdata=paging.params, callback=self.parse_group,
            cb_kwargs={"paging": asdict(paging), "groups": [list(group) for group in later]},
        )

    def parse_article(self, response: Response) -> PageItem:
        return self.page_item(response)
