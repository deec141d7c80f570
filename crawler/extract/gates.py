"""Pages that are not documents, recognised in one place: the crawl, ``ingest`` and ``extract``
ask `page_gate`, so none is stored, and none makes its URL "known" (the next run asks again,
and stores the real page once the site serves it).

Kinds (the crawl counts each as ``govcrawl/gate/<kind>``):

- ``challenge``, whatever the status: 加速乐 (jiasule / 知道创宇), one script setting
  ``__jsl_clearance`` and reloading, with 521 or 200; Discuz! ``attackevasive`` (防CC), a tiny
  page 频繁刷新限制 / 代理服务器访问限制 that reloads itself or asks a question. Both set a cookie
  that may let a second request through (``cookie_retry``).
- ``login``: a login wall (您需要登录后才可以…, 抱歉，您尚未登录) or a login portal (a password
  form and little else) in place of the page.
- ``busy``: 系统繁忙, 访问过于频繁, 请稍后再试 answered with 200.
- ``soft_404``: a 200 saying 页面不存在 / 您访问的页面不存在.
- ``js_shell``: no text in the body, only scripts that build the page.

Only small pages are judged: each of these is a few KB of text at most, and a page with
more text than ``SHORT_TEXT`` is a page, however much it mentions logins or errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.extract.decoding import NotHtml, decode_html, visible_text

GATE_MAX_BYTES = 512 * 1024
"""Larger bodies are never judged gates (the biggest error page seen is a few dozen KB)."""
SHORT_TEXT = 600
"""Characters of text (markup, scripts, styles left out) above which a page is no busy page, portal or challenge."""
SOFT_404_TEXT = 1500
"""Soft 404s keep the site's navigation around the message: they may hold more text."""
SHELL_TEXT = 20
"""A JS-only shell shows fewer characters of text than this without its scripts."""

_JIASULE = re.compile(r"__jsl_clearance|__jsluid|document\.cookie=.{0,40}\)\+\(|go\(\{.{0,20}\"ha\"", re.S)
_ATTACKEVASIVE = re.compile(r"频繁刷新限制|代理服务器访问限制|页面重载开启|secqaa|访问本站速度过快")
_LOGIN_WALL = re.compile(  # not Discuz's 您需要登录后才可以回帖 under every thread
    r"您需要登录后才可以(?!回帖|发帖|回复)|抱歉，您尚未登录|您需要先登录才能继续|请先登录后才能|登录后(?:才能|方可)访问"
)
_PASSWORD_FORM = re.compile(r"<input\b[^>]*\btype\s*=\s*[\"']?password", re.I)
_BUSY = re.compile(r"系统繁忙|服务器繁忙|访问过于频繁|请求过于频繁|访问频率过快|请稍后再试|请稍候再试")
_SOFT_404 = re.compile(
    r"页面不存在|您访问的页面不存在|(?:找不到|无法找到)(?:您要访问的|您访问的|该)?页面|页面(?:已被)?删除|404\s*Not\s*Found", re.I
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.S | re.I)
_REDIRECT_OR_FRAMES = re.compile(r"http-equiv\s*=\s*[\"']?refresh|<i?frame\b", re.I)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|script|div)\b", re.I | re.S)
_NOT_PAGES = ("xml", "json", "javascript", "text/plain", "css", "image/", "pdf", "octet-stream", "zip")


@dataclass(frozen=True)
class Gate:
    """Why a page is not a document."""

    kind: str
    """``challenge``, ``login``, ``busy``, ``soft_404`` or ``js_shell``."""
    reason: str
    """One line for the log, e.g. ``加速乐 cookie challenge``."""
    cookie_retry: bool = False
    """A second request carrying the cookies this answer set may get the page."""


def page_gate(
    body: bytes, status: int | None = None, content_type: str | None = None, set_cookie: str = "",
    page: str | None = None,
) -> Gate | None:
    """What keeps this answer from being a document, or None for a page to extract.

    ``status`` None: a saved page whose HTTP status is unknown (judged as 200); ``set_cookie``:
    the answer's Set-Cookie header(s); ``page``: the body as `decode_html` decoded it, when the
    caller has it (the crawl decodes each response once). Bodies that are no HTML (XML, JSON,
    binary) are no gate: decoding refuses them on its own."""
    if status == 521 and "__jsluid" in set_cookie:
        return Gate("challenge", "anti-bot page (加速乐 521 cookie challenge)", cookie_retry=True)
    if len(body) > GATE_MAX_BYTES or not _is_html(body, content_type):
        return None
    if page is None:
        try:
            page = decode_html(body, content_type)[1]
        except NotHtml:
            return None
    text = visible_text(page)
    return _challenge(page, text) or (_page_gate(page, text) if status is None or 200 <= status < 300 else None)


def _is_html(body: bytes, content_type: str | None) -> bool:
    kind = (content_type or "").lower()
    if "html" in kind:
        return True
    return not any(marker in kind for marker in _NOT_PAGES) and _HTML_START.match(body[:4096]) is not None


def _challenge(page: str, text: str) -> Gate | None:
    if len(text) > SHORT_TEXT:
        return None
    if _JIASULE.search(page[:16384]):
        return Gate("challenge", "anti-bot page (加速乐 cookie challenge)", cookie_retry=True)
    if _ATTACKEVASIVE.search(text) and re.search(r"reload|secqaa|<form", page):
        return Gate("challenge", "anti-bot page (Discuz attackevasive, 防CC)", cookie_retry=True)
    return None


def _page_gate(page: str, text: str) -> Gate | None:
    """The kinds a 2xx answer can be: login, busy, soft 404, JS shell."""
    title = visible_text(m.group(1)) if (m := _TITLE.search(page[:16384])) else ""
    body_text = text.removeprefix(title).strip() if title else text
    if len(text) <= SHORT_TEXT * 3 and _LOGIN_WALL.search(text):
        return Gate("login", "login wall")
    if len(text) <= SHORT_TEXT and _PASSWORD_FORM.search(page):
        return Gate("login", "login portal")
    if len(text) <= SHORT_TEXT and (found := _BUSY.search(text)):
        return Gate("busy", f"busy or rate-limit page ({found.group(0)})")
    if len(text) <= SOFT_404_TEXT and (found := _SOFT_404.search(title) or _SOFT_404.search(text)):
        return Gate("soft_404", f"soft 404 ({found.group(0)})")
    if len(body_text) < SHELL_TEXT and "<script" in page.lower() and not _REDIRECT_OR_FRAMES.search(page):
        return Gate("js_shell", "JS-only shell (no text without its scripts)")
    return None
