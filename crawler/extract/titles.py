"""Titles: the one title cleaner, every family's title rules as data.

A page's ``<title>`` (and og:title) adds the site's and column's names to the article's title
(``报告_政务公开_某县人民政府``, ``subject - 版块 - 论坛 - Powered by Discuz!``), and farms and
aggregators put prefixes before it (``【宝兴县招商】``, ``[转载]``, ``006-``). The functions here cut
a title at its separators, drop the parts that name a site and strip prefixes; what differs
between the kinds of page is only which separators their titles use, which parts name a site
and which prefixes they put (`TitleRules`, one constant per kind below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.extract.text import squash_spaces


@dataclass(frozen=True)
class TitleRules:
    """How one kind of page writes its titles."""

    separators: re.Pattern[str]
    """Between the article's title and the names a ``<title>`` adds (no capturing group)."""
    site_name: re.Pattern[str] | None = None
    """A part that names the site (or its column) rather than the article."""
    prefix: re.Pattern[str] | None = None
    """A prefix before the article's title, stripped as often as it recurs."""
    subject_only: re.Pattern[str] | None = None
    """A part that marks the title as ``subject - forum - site``: only its first part is kept."""


def title_parts(title: str, rules: TitleRules) -> list[str]:
    """A title cut at its separators, empty parts left out."""
    return [part for part in rules.separators.split(title) if part]


def first_part(title: str, rules: TitleRules) -> str:
    """What stands before the first separator (``报告_站名`` → ``报告``; "" when a separator starts it)."""
    return rules.separators.split(title, maxsplit=1)[0]


def last_part(title: str, rules: TitleRules) -> str:
    """What stands after the last separator (``首页_永州市地方志编纂室`` → the site's name)."""
    return rules.separators.split(title)[-1]


def article_part(title: str, rules: TitleRules) -> str:
    """The first part that names no site (``报告_政策_中国政府网`` → ``报告``), else the first part."""
    parts = title_parts(squash_spaces(title), rules)
    kept = [part for part in parts if not (rules.site_name and rules.site_name.search(part))]
    return (kept or parts or [""])[0]


def without_site_suffix(title: str, name: str, rules: TitleRules) -> str:
    """``title`` without a separator and ``name`` at its end (``报告全文-XX文库`` → ``报告全文``)."""
    return re.sub(rules.separators.pattern + re.escape(name) + r"$", "", title)


def strip_prefix(title: str, rules: TitleRules) -> str:
    """``title`` without the prefixes of ``rules`` (``【宝兴县招商】[转载]…`` → ``…``)."""
    if rules.prefix is None:
        return title
    previous = None
    while previous != title:
        previous, title = title, rules.prefix.sub("", title, count=1)
    return title


def clean_title(title: str, rules: TitleRules | None = None) -> str:
    """A title without the site names at its end (the article's own separators kept:
    ``宁海县政府工作报告（2023年） - 宁海新闻网``), prefixes (【宝兴县招商】, [转载]) or numbering (006-):
    the clean stage's rule for every draft (``rules``: `DRAFT_TITLES`)."""
    rules = rules or DRAFT_TITLES
    pieces = re.split(f"({rules.separators.pattern})", squash_spaces(title))  # text, separator, text, …
    if rules.subject_only and any(rules.subject_only.search(piece) for piece in pieces[::2]):
        pieces = pieces[:1]
    while len(pieces) > 1 and (not pieces[-1] or (rules.site_name and rules.site_name.search(pieces[-1]))):
        pieces = pieces[:-2]
    return strip_prefix("".join(pieces), rules).strip()


DRAFT_TITLES = TitleRules(
    separators=re.compile(r"\s*(?:_|\||｜|\s[-–—－]\s)\s*"),
    site_name=re.compile(
        r"(?:政府|人民政府|门户网站|网站|网|论坛|社区|贴吧|官网|平台|文库|频道|报|日报|在线|之窗|之声|新闻|资讯)$"
        r"|Powered by|Discuz|WordPress|^[A-Za-z0-9.-]+\.(?:com|cn|net|org)(?:\.cn)?$",
        re.I,
    ),
    prefix=re.compile(r"^(?:【[^】]{1,20}】|\[[^\]]{1,20}\]|〖[^〗]{1,20}〗|\d{1,3}[-_、．.](?=\D|(?:19|20)\d{2}\D))\s*"),
    subject_only=re.compile(r"Powered by|Discuz", re.I),  # Discuz: subject - forum - site - Powered by Discuz!
)
"""Every draft's title, in the clean stage (crawler/extract/clean.py)."""

GOV_TITLES = TitleRules(
    separators=re.compile(r"\s*(?:_|\||｜|\s-\s|-(?=[^-]*(?:人民政府|政府网|门户网站|网)$))\s*"),
    site_name=re.compile(r"(?:人民政府|政府网|门户网站|政府门户|中国政府网|网站|政务网|人民政府办公室)$"),
)
"""Government CMS ``<title>`` (TRS, gov.cn, VSB): ``报告_政策_中国政府网``, ``报告-XX县人民政府``."""

GENERIC_TITLES = TitleRules(
    # _ | ｜ — 〉 » and a spaced or final hyphen (``报道-新华网``). Not a colon: 标普：希腊… is one title.
    separators=re.compile(r"\s*(?:_+|\|+|｜|\s[-—–]+\s|--+|—+|-(?=[^-]{2,30}$)|〉|»|«)\s*"),
)
"""Pages of unknown templates (og:title, ``<title>``; crawler/extract/pages/generic/fields.py)."""

NEWS_TITLES = TitleRules(separators=re.compile(r"\s*[_|]\s*|\s+-\s+"))
"""City news portals' ``<title>``: ``标题_丽水新闻网``."""

FORUM_TITLES = TitleRules(separators=re.compile(" - "))
"""Discuz ``<title>``: ``subject - 版块 - 论坛 - Powered by Discuz!``."""

FARM_TITLES = TitleRules(
    separators=re.compile(r"\s*[-_|–—]\s*"),
    prefix=re.compile(r"^\d{1,3}\s*[-_、.．]\s*(?=\D|\d{4})"),  # 006-2021年…, 12、…, 03_…
)
"""WordPress 文库 farms: ``006-2021年XX县政府工作报告全文-XX文库``."""

AGGREGATOR_TITLES = TitleRules(separators=re.compile(r"(?!)"), prefix=re.compile(r"^\s*(?:[【\[][^】\]]{1,20}[】\]]\s*)+"))
"""招商 aggregator entry headings: ``【宝兴县招商】2021年宝兴县政府工作报告`` (a heading has no separators)."""

LINK_TITLES = TitleRules(separators=re.compile(r"\s*(?:[_|｜]|\s[-–—]\s|——)\s*"))
"""What a crawled page calls itself before ``_站名`` (spiders/generic.py)."""

PORTAL_TITLES = TitleRules(separators=re.compile(r"\s*[_|–—-]\s*"))
"""A portal's home page ``<title>``, which names the site last: ``首页_永州市地方志编纂室`` (add-site)."""
