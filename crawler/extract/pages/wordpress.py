"""WordPress 文库 content farms (Zibll, Justnews, DUX and default themes): the reposted report.

Example: https://www.xxwenku.com/12345.html (Zibll: ``div.article-content > div.wp-posts-content``).
Farms show a preview: the text stops at a paywall box (试读结束, 登录查看全文 …) and the rest
of the document is withheld, so the draft is ``truncated``. Around and inside the body they
put contact blocks (加微信/QQ 获取全文), disclaimers (本站仅提供信息存储空间…删除), 版权声明,
tags, share buttons, 上一篇/下一篇 and 相关推荐 — all chrome.
"""

from __future__ import annotations

import re
from functools import cached_property

from parsel import Selector

from crawler.extract.chrome import PAGER, PREV_NEXT, words
from crawler.extract.pages.base import PageType, alternatives, element_lines, preferred
from crawler.extract.pages.prune import pruned
from crawler.extract.text import clean_line, cut_at_preview_marker, parse_date, squash_spaces
from crawler.extract.titles import FARM_TITLES, strip_prefix, without_site_suffix

# Lines after which the article is over (not truncated: nothing is withheld).
END_LINE = re.compile(r"^(?:THE END|-*\s*END\s*-*|(?:相关|热门|猜你|推荐|延伸)(?:推荐|阅读|文章|喜欢)[:：]?)$", re.I)
CHROME_LINES = (
    re.compile(rf"^(?:{words(PREV_NEXT, PAGER)})\s*[:：]?"),
    re.compile(r"^(?:标签|Tags?|关键词|分类)\s*[:：]", re.I),
    re.compile(r"^(?:分享到|分享至|分享)[:：]?|^(?:赞|收藏|点赞|打赏|分享|海报|评论)\s*[(（]?\d*[)）]?$|^[(（]\d+[)）]$"),
    re.compile(r"^(?:(?:版权|免责)?声明|版权所有)[:：]|^(?:版权|免责)声明$|如若转载|转载请(?:注明|保留)"),
    # 本站仅提供信息存储空间服务…侵权…删除 / 本文仅供参考 …
    re.compile(r"(?:本站|本网|本平台|本文).{0,80}(?:仅供参考|侵权|不承担|不拥有所有权|存储空间服务)"),
    # 查阅全文加微信3231169 / 下载Word版请联系QQ 123456 / 邮箱 admin@xx.com
    re.compile(r"(?:QQ|微信|V信|VX|wx|邮箱|E-?mail|客服).{0,20}(?:\d{5,}|[\w.-]+@[\w.-]+|扫码|扫一扫)"
               r"|(?:扫码|扫一扫).{0,20}(?:关注|添加|获取|下载)", re.I),
)
CHROME_LINE_MAX_CHARS = 240  # a disclaimer is a long line, but never a whole report section


class WordpressArticle(PageType):
    """A post of a WordPress content farm."""

    name = "wordpress"

    GENERATOR = 'meta[name="generator"]::attr(content)'
    WP_ASSETS = 'link[href*="wp-json"], [href*="/wp-content/"], [src*="/wp-content/"], .wp-posts-content'
    # Alternatives in order of preference (`preferred`).
    TITLE = "h1.article-title, h1.entry-title, .entry-title, .article-title, article h1"
    TITLE_META = 'meta[property="og:title"]::attr(content)'
    SITE_NAME = 'meta[property="og:site_name"]::attr(content), .navbar-logo img::attr(alt), .logo img::attr(alt)'
    PUBLISHED_META = 'meta[property="article:published_time"]::attr(content)'
    JSON_LD = 'script[type="application/ld+json"]::text'
    PUBLISHED_TIME = "article time::attr(datetime), .entry-meta time::attr(datetime), time.entry-date::attr(datetime)"
    # Zibll: <span title="2021年04月09日 09:15发布">3天前</span>; DUX/Zibll item meta: 发布于 2021-04-09
    PUBLISHED_TEXT = (
        'article [title$="发布"]::attr(title), .article-meta, .item-meta, .entry-meta, .entry-info, .post-meta, '
        "article time"
    )
    PAYWALL = ".hidden-box, .reading-limit, .paywall, .pay-box"
    # Content containers, most specific first (Zibll's .article-content also wraps its chrome).
    BODY = (".wp-posts-content, .entry-content, article.article-content, article .article-content, "
            ".single-content, .post-content")
    SELECTORS = {
        "title": ("TITLE", "TITLE_META"), "text": ("BODY",), "published": ("PUBLISHED_META", "PUBLISHED_TIME", "PUBLISHED_TEXT"),
    }
    CHROME = (
        "script, style, noscript, .posts-copyright, .post-copyright, .entry-copyright, .article-copyright, "
        ".article-tags, .entry-tags, .post-tags, .article-nav, .post-navigation, .nav-links, .relates, "
        ".related-posts, .jp-relatedposts, .yarpp-related, .comments-area, #comments, .comment-respond, "
        ".sharedaddy, .social-share, .entry-share, .post-share, .bdsharebuttonbox, .post-like, .entry-action, "
        "[class*=qrcode], ins.adsbygoogle"
    )

    @classmethod
    def matches(cls, url: str, sel: Selector) -> bool:
        wordpress = sel.css(cls.GENERATOR).get(default="").startswith("WordPress") or bool(sel.css(cls.WP_ASSETS))
        return wordpress and bool(sel.css(cls.BODY))

    def text(self) -> str:
        """The post's paragraphs up to a preview marker or its end."""
        return "\n".join(self._lines[0])

    def truncated(self) -> bool:
        """The farm shows a preview (试读结束, a paywall box)."""
        return self._lines[1]

    @cached_property
    def _lines(self) -> tuple[list[str], bool]:
        return self.lines()

    def body(self) -> Selector | None:
        """The post content container of the theme."""
        found = preferred(self.sel, self.BODY)
        return found[0] if found else None

    def lines(self) -> tuple[list[str], bool]:
        """Paragraphs up to a preview marker or the end of the article, without chrome lines."""
        body = self.body()
        if body is None:
            return [], False
        root = pruned(body.root, self.CHROME)
        for box in root.cssselect(self.PAYWALL):  # a paywall box with no marker text still ends the preview
            box[:] = []
            box.text = "试读结束"
        lines = [c for c in (clean_line(line) for line in element_lines(root)) if c]
        lines, truncated = cut_at_preview_marker(lines)
        end = next((i for i, line in enumerate(lines) if END_LINE.match(line)), len(lines))
        return [line for line in lines[:end] if not is_chrome_line(line)], truncated

    def title(self) -> str:
        """The post heading without the farm's numbering prefix and site name."""
        headings = (self.sel.xpath(xpath).xpath("string()").get() for xpath in alternatives(self.TITLE))
        found = next((t for t in headings if t and t.strip()), None)
        title = squash_spaces(found or self.sel.css(self.TITLE_META).get() or self.sel.css("title::text").get(default=""))
        return strip_prefix(self.without_site_name(title), FARM_TITLES)

    def without_site_name(self, title: str) -> str:
        """``2021年XX县政府工作报告全文-XX文库`` → ``2021年XX县政府工作报告全文``."""
        names = {squash_spaces(n) for n in self.sel.css(self.SITE_NAME).getall() if n.strip()}
        page_title = squash_spaces(self.sel.css("title::text").get(default=""))
        parts = FARM_TITLES.separators.split(page_title)
        if len(parts) > 1:
            names.add(parts[-1])
        for name in names:
            stripped = without_site_suffix(title, name, FARM_TITLES)
            if stripped and stripped != title:
                return stripped
        return title

    def published(self) -> str | None:
        """Article meta, JSON-LD datePublished, <time datetime>, then the visible 发布于 line."""
        for value in (self.sel.css(self.PUBLISHED_META).get(), self.json_ld_date(), *self.sel.css(self.PUBLISHED_TIME).getall()):
            if parse_date(value):
                return parse_date(value)
        for meta in self.sel.css(self.PUBLISHED_TEXT):
            text = meta.get() if isinstance(meta.root, str) else meta.xpath("string()").get(default="")
            found = parse_date(re.sub(r"\s+", " ", text)) if re.search(r"\d{4}\s*[-/.年]", text) else None
            if found:
                return found
        return None

    def json_ld_date(self) -> str | None:
        """``datePublished`` of the page's JSON-LD (Yoast, Rank Math)."""
        for block in self.sel.css(self.JSON_LD).getall():
            found = re.search(r'"datePublished"\s*:\s*"([^"]+)"', block)
            if found:
                return found.group(1)
        return None


def is_chrome_line(line: str) -> bool:
    """A contact, disclaimer, navigation, tag or share line of a content farm."""
    return len(line) <= CHROME_LINE_MAX_CHARS and any(p.search(line) for p in CHROME_LINES)
