"""博达 VSB (Visual SiteBuilder) article pages, as on many county government sites.

Example: http://www.mdx.gov.cn/info/1040/23529.htm (lists at /xwdt/mddt.htm, /xwdt/mddt/2.htm).
The article sits in ``form[name=_newscontent_fromname]``: the title (an ``h1`` or a
``td.titlestyleNNNN`` the template generator numbers), a ``日期:… 作者:… 来源:… 点击:[…]`` line whose
hits come from ``_showDynClicks(...)``, the body ``div#vsb_content(_NNN) > div.v_news_content``,
then attachments and 上一条/下一条 links; the page ``<title>`` ends in ``-XX县人民政府``.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.extract.pages.govpage import GovArticle

URL_PATTERN = re.compile(r"/info/\d+/\d+\.htm(?:[?#].*)?$", re.I)


class VsbArticle(GovArticle):
    """An article page of a 博达 VSB site."""

    name = "vsb"

    BODY = "div.v_news_content, div[id^='vsb_content']"
    TITLE = "[class^='titlestyle']"
    MARKERS = "form[name='_newscontent_fromname'], div[id^='vsb_content'], div.v_news_content"

    @classmethod
    def matches(cls, url: str, sel: Selector) -> bool:
        """VSB's article form or body container, or its click counter on an ``/info/`` URL."""
        return bool(sel.css(cls.MARKERS)) or bool(URL_PATTERN.search(url) and "_showDynClicks" in (sel.get() or ""))
