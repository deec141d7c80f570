"""Recognising anti-bot answers, so they are never stored as documents.

- 加速乐 (jiasule / 知道创宇): HTTP 521 whose body is one script setting ``__jsl_clearance``
  and reloading; the first answer also sets a ``__jsluid_h``/``__jsluid_s`` cookie. Some
  deployments let the request through once that cookie comes back; others need the JS
  challenge solved, which govcrawl does not do.
- Discuz! ``attackevasive`` (防CC): a tiny page 频繁刷新限制 / 代理服务器访问限制 /
  页面重载开启 that reloads itself, or asks an arithmetic question; it sets a cookie.
- Login walls: Discuz's 您需要登录后才可以… / 抱歉，您尚未登录 message page instead of the thread.
"""

from __future__ import annotations

import html
import re

# How much of a body to look at: challenge pages are small, and so is this scan.
_SCAN_BYTES = 16 * 1024
_JIASULE_BODY = re.compile(rb"__jsl_clearance|__jsluid|document\.cookie=.{0,40}\)\+\(|go\(\{.{0,20}\"ha\"", re.S)
_ATTACKEVASIVE = re.compile(r"频繁刷新限制|代理服务器访问限制|页面重载开启|secqaa|访问本站速度过快")
_LOGIN_WALL = re.compile(r"您需要登录后才可以|抱歉，您尚未登录|您需要先登录才能继续|请先登录后才能")

CHALLENGES = {
    "jiasule": "加速乐 521 cookie challenge",
    "attackevasive": "Discuz attackevasive (防CC) interstitial",
    "login": "login wall",
}
# Challenges that a plain cookie round-trip can pass (retry once with the cookies received).
COOKIE_CHALLENGES = frozenset({"jiasule", "attackevasive"})


def detect_challenge(status: int | None, body: bytes, set_cookie: str = "") -> str | None:
    """The kind of anti-bot answer this is (a key of `CHALLENGES`), or None for a real page.
    ``status`` None: a saved page whose HTTP status is unknown, judged by its body alone;
    ``set_cookie``: the answer's Set-Cookie header(s)."""
    head = body[:_SCAN_BYTES]
    if status in (521, None) and (_JIASULE_BODY.search(head) or "__jsluid" in set_cookie):
        return "jiasule"
    if len(body) > _SCAN_BYTES or b"postlist" in head:
        return None  # a real page, however much it mentions logins
    text = html.unescape(head.decode("utf-8", "replace"))
    if _ATTACKEVASIVE.search(text) and ("reload" in text or "secqaa" in text or "<form" in text):
        return "attackevasive"
    if _LOGIN_WALL.search(text):
        return "login"
    return None
