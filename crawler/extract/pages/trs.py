"""TRS WCM article pages, as on many provincial and city government portals.

Example: http://www.hunan.gov.cn/hnszf/szf/zfgzbg/202301/t20230117_29189238.html
WCM publishes articles as ``<column>/YYYYMM/tYYYYMMDD_N.html`` (sometimes ``.shtml``). The body is
``div.TRS_Editor`` (often written unquoted, ``<div class=TRS_Editor>``), with the editor's
``<style>`` block and a ``div.Custom_UnionStyle`` / ``div.TRS_PreAppend`` inside it; newer WCM
editors write ``div.trs_editor_view.TRS_UEDITOR``. Above it: the title, a 发布时间/来源/字号 line,
on 信息公开 pages a 索引号/发布机构/成文日期 table; below it: 打印/关闭, related lists, footer.
City news portals also wrap bodies in ``TRS_Editor`` (``/system/…/N.shtml``): those are ``news``
pages, so recognition asks for WCM's URL shape or WCM/gov-portal markers, not the class alone.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.extract.pages.gkmlpt import GkmlptArticle
from crawler.extract.pages.govpage import GovArticle
from crawler.extract.pages.jcms import JcmsArticle

# ./202104/t20210408_412345.html, ./2023-01/t20230116_2345678.shtml
URL_PATTERN = re.compile(r"/\d{4}-?\d{2}/t\d{8}_\d+\.s?html?(?:[?#].*)?$", re.I)
# Markers WCM portals carry besides the editor class: the gov-portal meta set WCM fills,
# the TRS analytics script, the WCM pagination tag comment.
_WCM_MARKERS = re.compile(r"<meta\s+name=[\"']?SiteIDCode|ta\.trs\.cn|_trs_ta_js|WCM置标", re.I)


class TrsArticle(GovArticle):
    """An article of a TRS WCM column (news or 信息公开 layout)."""

    name = "trs"

    BODY = ":is(div.TRS_Editor, div.TRS_UEDITOR, div.trs_editor_view)"  # one alternative: whichever comes first

    @classmethod
    def matches(cls, url: str, sel: Selector) -> bool:
        """A TRS editor body on a WCM page (WCM URL or markers); gov.cn's UCAP pages are ``govcn``, and
        a page another platform's own markers name (JCMS, gkmlpt) only holds a body pasted from TRS."""
        if not sel.css(cls.BODY) or sel.css('[id="UCAP-CONTENT"]') or JcmsArticle.matches(url, sel) or GkmlptArticle.matches(url, sel):
            return False
        return bool(URL_PATTERN.search(url) or _WCM_MARKERS.search(sel.get() or ""))
