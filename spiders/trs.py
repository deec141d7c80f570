"""TRS WCM portals (many provincial and city government sites: Guangdong, Jiangsu, Hunan …).

A column is a set of static list pages: page 0 is the column URL (``…/zfgzbg/`` or
``…/zfgzbg/index.html``), pages 1…count-1 are ``index_1.html`` … ``index_{count-1}.html``. WCM
writes no pagination links into the HTML: a script does, from a call such as
``createPageHTML(3, 0, "index", "html")`` (count, current index, name, extension); newer
templates pass the pager's element id and the record total first or last
(``createPageHTML('page_div', 5, 0, 'index', 'html', 96)``), some put the numbers in variables
(``var countPage = 5; createPageHTML(countPage, currentPage, "index", "html")``). Rows link
articles relative to the column: ``./202501/t20250124_2989123.html``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from parsel import Selector
from scrapy.http import Response

from crawler.crawl.spider import ColumnSpider
from crawler.extract.pages.trs import URL_PATTERN as ARTICLE_URL
from crawler.urls import canonical_url

_CREATE_PAGE = re.compile(r"\bcreatePage(?:HTML)?\s*\(([^()]*)\)")
_PAGE_EXTENSIONS = ("html", "shtml", "htm")


@dataclass(frozen=True)
class Pager:
    """What a ``createPageHTML`` call says about a column's list pages."""

    count: int
    current: int
    name: str = "index"
    ext: str = "html"

    def urls(self, page_url: str) -> list[str]:
        """Absolute URLs of the column's other list pages with an index (page 0 has none)."""
        return [urljoin(page_url, f"{self.name}_{n}.{self.ext}") for n in range(1, self.count) if n != self.current]


def read_pager(html: str) -> Pager | None:
    """The column's pager from its ``createPageHTML(…)``/``createPage(…)`` call, if any."""
    scripts = "\n".join(Selector(text=html).xpath("//script/text()").getall())
    for found in _CREATE_PAGE.finditer(scripts):
        args = [arg.strip().strip("'\"") for arg in found.group(1).split(",")]
        numbers = [n for n in (_number(arg, scripts) for arg in args) if n is not None]
        strings = [arg for arg in args if arg and not arg[0].isdigit() and _number(arg, scripts) is None]
        if not numbers or numbers[0] <= 0:
            continue  # the function's own definition: createPageHTML(_nPageCount, _nCurrIndex, …)
        ext = next((s for s in strings if s.lower() in _PAGE_EXTENSIONS), "html")
        before_ext = strings[: strings.index(ext)] if ext in strings else strings
        name = before_ext[-1] if before_ext else "index"
        return Pager(count=numbers[0], current=numbers[1] if len(numbers) > 1 else 0, name=name, ext=ext)
    return None


def next_list_page(html: str, page_url: str, max_pages: int = 100) -> str | None:
    """The column's list page after this one (``index_{current+1}.html``), if the pager has one
    and it is within the first ``max_pages`` pages."""
    pager = read_pager(html)
    if pager is None or pager.current + 1 >= min(pager.count, max_pages):
        return None
    return canonical_url(urljoin(page_url, f"{pager.name}_{pager.current + 1}.{pager.ext}"))


def _number(arg: str, scripts: str) -> int | None:
    """``arg`` as a number: a literal, or a ``var NAME = N`` the page's scripts declare."""
    if arg.isdigit():
        return int(arg)
    if re.fullmatch(r"[A-Za-z_$][\w$]*", arg):
        declared = re.search(rf"\b(?:var|let|const)\s+{re.escape(arg)}\s*=\s*(\d+)", scripts)
        return int(declared.group(1)) if declared else None
    return None


class TrsSpider(ColumnSpider):
    """Report columns of a TRS WCM portal: list pages one after another, article pages."""

    name = "trs"
    article_url = ARTICLE_URL
    """Article URLs of the family: ``./YYYYMM/tYYYYMMDD_N.html``."""

    def next_page_url(self, response: Response, pages_seen: int) -> str | None:
        return next_list_page(response.text, response.url, self.site.max_list_pages)
