"""The chrome vocabulary: the words of page furniture that ends up as lines of text.

Share and print bars, 上一篇/下一篇 links, pagers, 相关推荐 headings, QR and WeChat prompts,
copyright and disclaimer notes, comment prompts, breadcrumbs. One vocabulary, in groups: the
clean stage (crawler/extract/clean.py) and the page types that drop chrome lines of their own
(news, aggregator, wordpress) build their patterns from these groups, each with its family's
extension (a tuple of words next to the page type). A word added here reaches all of them.

Every entry is a regular-expression fragment (most are plain words); `words` joins groups into
one alternation, longest first, so that ``分享到`` is tried before ``分享``.
"""

from __future__ import annotations

from collections.abc import Iterable

PAGE_TOOLS = (
    "打印本页 打印此页 打印文章 打印 关闭窗口 关闭本页 关闭 返回顶部 回到顶部 返回列表 返回首页 返回 顶部 "
    "收藏本页 加入收藏 收藏 分享到 分享至 分享 微信 朋友圈 微博 新浪微博 腾讯微博 QQ空间 QQ好友 QQ 复制链接 "
    "我要纠错 纠错 字号 字体 默认 大 中 小 保存 保存本页 推荐给朋友 点赞 评论 举报 TOP Top top"
).split()
"""The buttons of a share/print/font bar: a line made of nothing but these is chrome."""
TOOLS_AT_LINE_START = ("分享", "打印", "关闭", "收藏", "字号", "字体", "返回顶部")
"""Page tools that start only chrome lines (not 大/中/小 or 微信: report lines start so too)."""
PREV_NEXT = ("上一篇", "下一篇", "上一条", "下一条", "上篇", "下篇", "前一篇", "后一篇")
"""Links to the column's neighbouring articles."""
PAGER = ("上一页", "下一页", "首页", "尾页", "末页")
"""A list's or a long article's page links."""
RELATED = (
    "相关推荐", "相关阅读", "相关文章", "相关新闻", "相关链接", "猜你喜欢", "热门推荐", "推荐阅读", "延伸阅读",
    "热点推荐", "精彩推荐", "最新文章", "热门文章",
)
"""Headings of related-headline lists."""
QR = ("扫一扫", "扫码", "扫描二维码", "二维码", "长按识别", r"关注(?:我们的)?(?:微信)?公众号", "微信公众号", "微信号[:：]")
"""QR-code and WeChat prompts."""
NOTICES = (
    "免责声明", "版权声明", "仅供参考", "如有侵权", "侵权请联系", "侵删", "版权归原作者", "版权归原", "不代表本站",
    "本站仅提供", "版权所有", "Copyright", "©", "转载请注明", "未经授权",
)
"""Copyright, disclaimer and reprint notes."""
CONTACT = ("联系我们", "联系电话", "客服")
"""Contact blocks of the footer."""
COMMENTS = ("网友评论", "我要评论", "发表评论")
"""Comment prompts under an article."""
CRUMBS = ("您当前的位置", "当前位置")
"""Breadcrumb labels."""


def words(*groups: Iterable[str]) -> str:
    """One regular-expression alternation of the entries of ``groups``, longest first."""
    return "|".join(sorted({entry for group in groups for entry in group}, key=lambda entry: (-len(entry), entry)))
