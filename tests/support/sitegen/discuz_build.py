"""Build the two recorded Discuz! X3.4 forums (UTF-8 with rewrite, GBK without)."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from reports import SPECS, lines

SITES = Path(__file__).resolve().parents[2] / "sites"

ROBOTS = """#
# robots.txt for Discuz! X3
#

User-agent: *
Disallow: /api/
Disallow: /data/
Disallow: /source/
Disallow: /install/
Disallow: /template/
Disallow: /config/
Disallow: /uc_client/
Disallow: /uc_server/
Disallow: /static/
Disallow: /admin.php
Disallow: /search.php
Disallow: /member.php
Disallow: /api.php
Disallow: /misc.php
Disallow: /connect.php
Disallow: /forum.php?mod=redirect*
Disallow: /forum.php?mod=post*
Disallow: /home.php?mod=spacecp*
Disallow: /userapp.php?mod=app&*
Disallow: /*?mod=misc*
Disallow: /*?mod=attachment*
Disallow: /*mobile=yes*
"""

FLOOR_NAMES = {1: "楼主", 2: "沙发", 3: "板凳", 4: "地板"}


@dataclass
class Forum:
    host: str
    name: str          # 丽水人论坛
    fid: int
    forum_name: str    # 时政要闻
    charset: str       # utf-8 / gbk
    rewrite: bool
    clock: str         # GMT+8, 2024-3-2 09:15

    def thread_href(self, tid: int, page: int = 1, list_page: int = 1, rewrite: bool | None = None) -> str:
        rewrite = self.rewrite if rewrite is None else rewrite
        if rewrite:
            return f"thread-{tid}-{page}-{list_page}.html"
        return f"forum.php?mod=viewthread&amp;tid={tid}&amp;extra=page%3D{list_page}" + (f"&amp;page={page}" if page > 1 else "")

    def list_href(self, page: int) -> str:
        if self.rewrite:
            return f"forum-{self.fid}-{page}.html"
        return f"forum.php?mod=forumdisplay&amp;fid={self.fid}" + (f"&amp;page={page}" if page > 1 else "")

    def head(self, title: str, extra: str = "") -> str:
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={self.charset}" />
<title>{title} -  Powered by Discuz!</title>
{extra}<meta name="generator" content="Discuz! X3.4" />
<meta name="author" content="Discuz! Team and Comsenz UI Team" />
<meta name="copyright" content="2001-2017 Comsenz Inc." />
<meta name="MSSmartTagsPreventParsing" content="True" />
<meta http-equiv="MSThemeCompatible" content="Yes" />
<base href="http://{self.host}/" /><link rel="stylesheet" type="text/css" href="data/cache/style_1_common.css?Q8g" /><script type="text/javascript">var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', VERHASH = 'Q8g', charset = '{self.charset}', discuz_uid = '0', cookiepre = 'x7Kd_2132_', cookiedomain = '', cookiepath = '/', showusercard = '1', attackevasive = '0', disallowfloat = 'newthread', creditnotice = '1|威望|,2|金钱|,3|贡献|', defaultstyle = '', REPORTURL = '', SITEURL = 'http://{self.host}/', JSPATH = 'static/js/', CSSPATH = 'data/cache/style_', DYNAMICURL = '';</script>
<script src="static/js/common.js?Q8g" type="text/javascript"></script>
</head>
"""

    def top(self) -> str:
        return f"""<div id="toptb" class="cl"><div class="wp"><div class="z"><a href="javascript:;" onclick="setHomepage('http://{self.host}/');">设为首页</a><a href="http://{self.host}/" onclick="addFavorite(this.href, '{self.name}');return false;">收藏本站</a></div>
<div class="y"><a href="member.php?mod=logging&amp;action=login">登录</a><a href="member.php?mod=register">立即注册</a></div></div></div>
<div id="hd"><div class="wp"><div class="hdc cl"><h2><a href="./" title="{self.name}"><img src="static/image/common/logo.png" alt="{self.name}" border="0" /></a></h2></div>
<div id="nv"><ul><li class="a" id="mn_forum"><a href="forum.php" hidefocus="true" title="BBS">论坛<span>BBS</span></a></li><li id="mn_home"><a href="home.php" hidefocus="true" title="Space">家园<span>Space</span></a></li><li id="mn_N12a7"><a href="plugin.php?id=dsu_paulsign:sign" hidefocus="true">每日签到</a></li></ul></div></div></div>
"""

    def footer(self) -> str:
        return f"""<div id="ft" class="wp cl"><div id="flk" class="y"><p><a href="archiver/" >Archiver</a><span class="pipe">|</span><a href="forum.php?mobile=yes" >手机版</a><span class="pipe">|</span><a href="forum.php?mod=misc&action=showdarkroom" >小黑屋</a><span class="pipe">|</span><strong><a href="http://{self.host}/" target="_blank">{self.name}</a></strong></p>
<p class="xs0">{self.clock}<span id="debuginfo">, Processed in 0.058214 second(s), 26 queries , Gzip On.</span></p></div>
<div id="frt"><p>Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz!</a></strong> <em>X3.4</em></p><p class="xs0">&copy; 2001-2017 <a href="http://www.comsenz.com" target="_blank">Comsenz Inc.</a></p></div></div>
<div id="scrolltop"><span hidefocus="true"><a title="返回顶部" onclick="window.scrollTo('0','0')" class="scrolltopa" ><b>返回顶部</b></a></span></div>
</body>
</html>
"""


@dataclass
class Floor:
    pid: int
    author: str
    uid: int
    number: int
    posted: str
    body: str            # inner html of td.t_f
    credits: int = 1200
    days: int = 30


@dataclass
class Thread:
    tid: int
    subject: str
    label: str            # [浙江]
    author: str
    uid: int
    posted: str           # list date 2023-2-15
    replies: int
    views: int
    pages: list[list[Floor]] = field(default_factory=list)
    list_form_rewrite: bool | None = None   # link form on the list page (None: the forum's own)
    gold: dict = field(default_factory=dict)


def body_html(paras: list[str], title: str | None = None, indent: bool = True) -> str:
    out = []
    if title:
        out.append(f'<font size="4"><strong>{html.escape(title)}</strong></font><br />')
    for p in paras:
        out.append(("&nbsp; &nbsp; " if indent else "") + html.escape(p) + "<br />")
    return "\n".join(out)


def floor_html(forum: Forum, thread: Thread, f: Floor, page: int) -> str:
    label = FLOOR_NAMES.get(f.number)
    num = label if label else f"<em>{f.number}</em><sup>#</sup>"
    rank = 8 if f.credits > 10000 else 4
    group = "论坛元老" if f.credits > 10000 else "中级会员"
    rep = "reppost" if f.number == 1 else "repquote"
    starter_links = ""
    if f.number == 1:
        starter_links = ('<span class="pipe show">|</span><a href="forum.php?mod=viewthread&amp;tid=%d&amp;extra=page%%3D1&amp;ordertype=1" class="show">倒序浏览</a>'  # noqa: UP031 - %d inside markup full of {}
                         '<span class="pipe show">|</span><a href="javascript:;" onclick="readmode($(\'thread_subject\').innerHTML, %d);" class="show">阅读模式</a>') % (thread.tid, f.pid)
    return f"""<div id="post_{f.pid}" ><table id="pid{f.pid}" class="plhin" summary="pid{f.pid}" cellspacing="0" cellpadding="0">
<tr>
<td class="pls" rowspan="2">
<div id="favatar{f.pid}" class="pls favatar">
<div class="pi"><div class="authi"><a href="space-uid-{f.uid}.html" target="_blank" class="xw1">{f.author}</a></div></div>
<div><div class="avatar" onmouseover="showauthor(this, 'userinfo{f.pid}')"><a href="space-uid-{f.uid}.html" class="avtm" target="_blank"><img src="uc_server/avatar.php?uid={f.uid}&size=middle" /></a></div></div>
<div class="qdsmile"><li><center>TA的每日心情</center><table><tr><th><img src="source/plugin/dsu_paulsign/img/emot/kx.gif"><th><font size="5px">开心</font><br>昨天&nbsp;21:06</tr></table></li></div>
<p>签到天数: {f.days} 天</p><p>连续签到: {f.days % 17 + 1} 天</p><p>[LV.{min(9, f.days // 40 + 1)}]{'以坛为家II' if f.days > 300 else '常住居民I'}</p>
<div class="tns xg2"><table cellspacing="0" cellpadding="0"><th><p><a href="home.php?mod=space&uid={f.uid}&do=thread&type=thread&view=me&from=space" class="xi2">{f.days // 3}</a></p>主题</th><th><p><a href="home.php?mod=space&uid={f.uid}&do=thread&type=reply&view=me&from=space" class="xi2">{f.days * 4}</a></p>帖子</th><td><p><a href="home.php?mod=space&uid={f.uid}&do=profile" class="xi2">{f.credits}</a></p>积分</td></table></div>
<p><em><a href="home.php?mod=spacecp&amp;ac=usergroup&amp;gid={rank + 10}" target="_blank">{group}</a></em></p>
<p><span id="g_up{f.pid}" onmouseover="showMenu({{'ctrlid':this.id, 'pos':'12!'}});"><img src="static/image/common/star_level3.gif" alt="Rank: {rank}" /><img src="static/image/common/star_level1.gif" alt="Rank: {rank}" /></span></p>
<div id="g_up{f.pid}_menu" class="tip tip_4" style="display: none;"><div class="tip_horn"></div><div class="tip_c">{group}, 积分 {f.credits}, 距离下一级还需 {max(100, 30000 - f.credits)} 积分</div></div>
<dl class="pil cl"><dt>积分</dt><dd><a href="home.php?mod=space&uid={f.uid}&do=profile" target="_blank" class="xi2">{f.credits}</a></dd></dl>
<ul class="xl xl2 o cl"><li class="pm2"><a href="home.php?mod=spacecp&amp;ac=pm&amp;op=showmsg&amp;handlekey=showmsg_{f.uid}&amp;touid={f.uid}&amp;pmid=0&amp;daterange=2&amp;pid={f.pid}&amp;tid={thread.tid}" onclick="showWindow('sendpm', this.href);" title="发消息" class="xi2">发消息</a></li></ul>
</div>
</td>
<td class="plc">
<div class="pi">
<strong><a href="forum.php?mod=redirect&goto=findpost&ptid={thread.tid}&pid={f.pid}" id="postnum{f.pid}" onclick="setCopy(this.href, '帖子地址复制成功');return false;">{num}</a></strong>
<div class="pti"><div class="pdbt"></div><div class="authi">
<img class="authicn vm" id="authicon{f.pid}" src="static/image/common/online_member.gif" />
<em id="authorposton{f.pid}">发表于 {f.posted}</em>
<span class="pipe">|</span><a href="forum.php?mod=viewthread&amp;tid={thread.tid}&amp;page={page}&amp;authorid={f.uid}" rel="nofollow">只看该作者</a>
{starter_links}
</div></div>
</div><div class="pct"><style type="text/css">.pcb{{margin-right:0}}</style><div class="pcb">
<div class="t_fsz">
<table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{f.pid}">
{f.body}
</td></tr></table>
</div>
<div id="comment_{f.pid}" class="cm"></div>
<div id="post_rate_div_{f.pid}"></div>
</div></div>
</td></tr>
<tr id="_postposition{f.pid}"></tr>
<tr><td class="pls"></td><td class="plc" style="overflow:visible;">
<div class="po hin"><div class="pob cl"><em><a class="fastre" href="forum.php?mod=post&amp;action=reply&amp;fid={forum.fid}&amp;tid={thread.tid}&amp;{rep}={f.pid}&amp;extra=page%3D1&amp;page={page}" onclick="showWindow('reply', this.href)">回复</a></em><p><a href="javascript:;" onclick="showWindow('miscreport{f.pid}', 'misc.php?mod=report&rtype=post&rid={f.pid}&tid={thread.tid}&fid={forum.fid}', 'get', -1);return false;">举报</a></p></div></div>
</td></tr>
</table></div>"""


def pager(forum: Forum, current: int, total: int, href) -> str:
    if total <= 1:
        return ""
    parts = []
    if current > 1:
        parts.append(f'<a href="{href(current - 1)}" class="prev">&nbsp;&nbsp;</a>')
    for n in range(1, total + 1):
        parts.append(f"<strong>{n}</strong>" if n == current else f'<a href="{href(n)}">{n}</a>')
    parts.append(f'<label><input type="text" name="custompage" class="px" size="2" title="输入页码，按回车快速跳转" value="{current}" /><span title="共 {total} 页"> / {total} 页</span></label>')
    if current < total:
        parts.append(f'<a href="{href(current + 1)}" class="nxt">下一页</a>')
    return '<div class="pg">' + "".join(parts) + "</div>"


def thread_page(forum: Forum, t: Thread, page: int) -> str:
    total = len(t.pages)
    nav = pager(forum, page, total, lambda n: forum.thread_href(t.tid, n))
    floors = "".join(floor_html(forum, t, f, page) for f in t.pages[page - 1])
    canonical = f"http://{forum.host}/thread-{t.tid}-1-1.html" if forum.rewrite else f"http://{forum.host}/forum.php?mod=viewthread&tid={t.tid}"
    title = f"{t.subject} - {forum.forum_name} - {forum.name}"
    extra = f'<link href="{canonical}" rel="canonical" />\n<meta name="keywords" content="{t.subject}" />\n<meta name="description" content=" {t.subject} ,{forum.name}" />\n'
    return forum.head(title, extra) + f"""<body id="nv_forum" class="pg_viewthread" onkeydown="if(event.keyCode==27) return false;">
<div id="append_parent"></div><div id="ajaxwaitid"></div>
{forum.top()}<div id="wp" class="wp">
<script type="text/javascript">var fid = parseInt('{forum.fid}'), tid = parseInt('{t.tid}');</script>
<div id="pt" class="bm cl"><div class="z">
<a href="./" class="nvhm" title="首页">{forum.name}</a><em>&raquo;</em><a href="forum.php">论坛</a> <em>&rsaquo;</em> <a href="{forum.list_href(1)}">{forum.forum_name}</a> <em>&rsaquo;</em> <a href="{forum.thread_href(t.tid)}">{t.subject}</a>
</div></div>
<div id="ct" class="wp cl">
<div id="pgt" class="pgs mbm cl ">
<div class="pgt">{nav}</div>
<span class="y pgb" id="visitedforums"><a href="{forum.list_href(1)}">返回列表</a></span>
<a id="newspecial" onmouseover="$('newspecial').id = 'newspecialtmp';this.id = 'newspecial';showMenu({{'ctrlid':this.id}})" onclick="showWindow('newthread', 'forum.php?mod=post&action=newthread&fid={forum.fid}')" href="javascript:;" title="发新帖"><img src="static/image/common/pn_post.png" alt="发新帖" /></a></div>
<div id="postlist" class="pl bm">
<table cellspacing="0" cellpadding="0"><tr>
<td class="pls ptn pbn"><div class="hm ptn"><span class="xg1">查看:</span> <span class="xi1">{t.views}</span><span class="pipe">|</span><span class="xg1">回复:</span> <span class="xi1">{t.replies}</span></div></td>
<td class="plc ptm pbn vwthd">
<div class="y"><a href="forum.php?mod=viewthread&amp;action=printable&amp;tid={t.tid}" title="打印" target="_blank"><img src="static/image/common/print.png" alt="打印" class="vm" /></a>
<a href="forum.php?mod=redirect&amp;goto=nextoldset&amp;tid={t.tid}" title="上一主题"><img src="static/image/common/thread-prev.png" alt="上一主题" class="vm" /></a>
<a href="forum.php?mod=redirect&amp;goto=nextnewset&amp;tid={t.tid}" title="下一主题"><img src="static/image/common/thread-next.png" alt="下一主题" class="vm" /></a></div>
<h1 class="ts"><a href="forum.php?mod=forumdisplay&amp;fid={forum.fid}&amp;filter=typeid&amp;typeid=5">{t.label}</a>
<span id="thread_subject">{t.subject}</span></h1>
<span class="xg1"><a href="{forum.thread_href(t.tid)}" onclick="return copyThreadUrl(this, '{forum.name}')" >[复制链接]</a></span>
</td></tr></table>
{floors}
</div>
<div id="postlistreply" class="pl"><div id="post_new" class="viewthread_table" style="display: none"></div></div>
<div class="pgs mtm mbm cl">{nav}<span class="pgb y"><a href="{forum.list_href(1)}">返回列表</a></span></div>
<div id="f_pst" class="pl bm bmw"><form method="post" autocomplete="off" id="fastpostform" action="forum.php?mod=post&amp;action=reply&amp;fid={forum.fid}&amp;tid={t.tid}&amp;extra=page%3D1&amp;replysubmit=yes&amp;infloat=yes&amp;handlekey=fastpost">
<div class="area"><div class="pt hm">
您需要登录后才可以回帖 <a href="member.php?mod=logging&amp;action=login" onclick="showWindow('login', this.href)" class="xi2">登录</a> | <a href="member.php?mod=register" class="xi2">立即注册</a>
</div></div>
<p class="ptm pnpost"><a href="home.php?mod=spacecp&amp;ac=credit&amp;op=rule&amp;fid={forum.fid}" class="y" target="_blank">本版积分规则</a><button type="submit" name="replysubmit" id="fastpostsubmit" class="pn pnc vm" value="replysubmit"><strong>发表回复</strong></button></p>
<input type="hidden" name="formhash" value="5e8a1c7b" />
</form></div>
</div></div>
""" + forum.footer()


def list_page(forum: Forum, page: int, total: int, threads: list[Thread], sticky: list[Thread], hot: list[Thread]) -> str:
    nav = pager(forum, page, total, forum.list_href)
    rows = []
    for kind, group in (("stickthread", sticky if page == 1 else []), ("normalthread", threads)):
        for t in group:
            rewrite = t.list_form_rewrite
            href = forum.thread_href(t.tid, 1, page, rewrite)
            th_class = "common" if kind == "normalthread" else "new"
            icon = "folder_common.gif" if kind == "normalthread" else "pin_1.gif"
            page_links = ""
            if len(t.pages) > 1:
                page_links = '<span class="tps">&nbsp;...' + "".join(
                    f'<a href="{forum.thread_href(t.tid, n, page, rewrite)}">{n}</a>' for n in range(2, len(t.pages) + 1)) + "</span>"
            rows.append(f"""<tbody id="{kind}_{t.tid}">
<tr>
<td class="icn"><a href="{href}" title="新窗口打开" target="_blank"><img src="static/image/common/{icon}" /></a></td>
<th class="{th_class}">
<em>[<a href="forum.php?mod=forumdisplay&amp;fid={forum.fid}&amp;filter=typeid&amp;typeid=5">{t.label.strip('[]')}</a>]</em> <a href="{href}" onclick="atarget(this)" class="s xst">{t.subject}</a>
{page_links}
</th>
<td class="by"><cite><a href="space-uid-{t.uid}.html" c="1">{t.author}</a></cite><em><span>{t.posted}</span></em></td>
<td class="num"><a href="{href}" class="xi2">{t.replies}</a><em>{t.views}</em></td>
<td class="by"><cite><a href="space-username-%E6%B8%B8%E5%AE%A2.html" c="1">路过的风</a></cite><em><a href="forum.php?mod=redirect&tid={t.tid}&goto=lastpost#lastpost">{t.posted} 21:40</a></em></td>
</tr>
</tbody>""")
        if kind == "stickthread" and group:
            rows.append('<tbody id="separatorline" class="emptb"><tr><td class="icn"></td><th>版块主题</th><td class="by"></td><td class="num"></td><td class="by"></td></tr></tbody>')
    hot_html = ""
    if hot:
        items = "".join(f'<li><a href="{forum.thread_href(t.tid, 1, 1, t.gold.get("hot_rewrite"))}" title="{t.subject}">{t.subject}</a></li>' for t in hot)
        hot_html = f'<div class="bm"><div class="bm_h cl"><h2>本版热帖</h2></div><div class="bm_c"><ul class="xl xl1">{items}</ul></div></div>'
    title = f"{forum.forum_name}" + (f" - 第{page}页" if page > 1 else "") + f" -  {forum.name}"
    return forum.head(title, f'<meta name="keywords" content="{forum.forum_name}" />\n<meta name="description" content="{forum.forum_name} ,{forum.name}" />\n') + f"""<body id="nv_forum" class="pg_forumdisplay" onkeydown="if(event.keyCode==27) return false;">
{forum.top()}<div id="wp" class="wp">
<div id="pt" class="bm cl"><div class="z"><a href="./" class="nvhm" title="首页">{forum.name}</a><em>&raquo;</em><a href="forum.php">论坛</a> <em>&rsaquo;</em> <a href="{forum.list_href(1)}">{forum.forum_name}</a></div></div>
<div id="ct" class="wp cl"><div class="mn">
<div class="bm bml pbn"><div class="bm_h cl"><span class="y"><a href="home.php?mod=spacecp&amp;ac=favorite&amp;type=forum&amp;id={forum.fid}&amp;handlekey=favoriteforum" id="a_favorite" class="fa_fav">收藏本版 <strong class="xi1" id="number_favorite_num">218</strong></a></span>
<h1 class="xs2"><a href="{forum.list_href(1)}">{forum.forum_name}</a>
<span class="xs1 xw0 i">今日: <strong class="xi1">6</strong><span class="pipe">|</span>主题: <strong class="xi1">3127</strong><span class="pipe">|</span>排名: <strong class="xi1" title="上次排名:5">4</strong></span></h1></div>
<div class="bm_c cl pbn"><div>版主: <span class="xi2"><a href="space-username-%E7%89%88%E4%B8%BB.html" class="notabs" c="1">时政小编</a></span></div></div></div>
<div id="pgt" class="bm bw0 pgs cl">
<span id="fd_page_top">{nav}</span>
<span class="pgb y"><a href="forum.php">返&nbsp;回</a></span>
<a href="javascript:;" id="newspecial" onclick="showWindow('newthread', 'forum.php?mod=post&action=newthread&fid={forum.fid}')" title="发新帖"><img src="static/image/common/pn_post.png" alt="发新帖" /></a></div>
<div id="threadlist" class="tl bm bmw">
<div class="th"><table cellspacing="0" cellpadding="0"><tr><th colspan="2"><div class="tf">
<a href="forum.php?mod=forumdisplay&amp;fid={forum.fid}&amp;filter=author&amp;orderby=dateline" class="xi2">全部主题</a>&nbsp;<a href="forum.php?mod=forumdisplay&amp;fid={forum.fid}&amp;filter=lastpost&amp;orderby=lastpost" class="xi2">最新</a>&nbsp;<a href="forum.php?mod=forumdisplay&amp;fid={forum.fid}&amp;filter=heat&amp;orderby=heats" class="xi2">热门</a>&nbsp;<a href="forum.php?mod=forumdisplay&amp;fid={forum.fid}&amp;filter=digest&amp;digest=1" class="xi2">精华</a></div></th>
<td class="by">作者</td><td class="num">回复/查看</td><td class="by">最后发表</td></tr></table></div>
<div class="bm_c">
<form method="post" autocomplete="off" name="moderate" id="moderate" action="forum.php?mod=topicadmin&amp;action=moderate&amp;fid={forum.fid}&amp;infloat=yes&amp;nopost=yes">
<input type="hidden" name="formhash" value="5e8a1c7b" />
<table summary="forum_{forum.fid}" cellspacing="0" cellpadding="0" id="threadlisttableid">
{''.join(rows)}
</table>
</form>
</div></div>
<div class="bm bw0 pgs cl"><span id="fd_page_bottom">{nav}</span><span class="pgb y"><a href="forum.php">返&nbsp;回</a></span></div>
{hot_html}
</div></div>
""" + forum.footer()


def write(path: Path, text: str, charset: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("gbk" if charset == "gbk" else "utf-8"))


REPLIES = [
    "感谢楼主分享，收藏慢慢看。",
    "今年的目标定得很实在，希望民生实事都能落地。",
    "交通这块说了好几年了，期待早日开工。",
    "支持！家乡越来越好了。",
    "路过，顶一下。",
    "报告里提到的老旧小区改造，我们小区在名单里吗？",
    "楼主辛苦了，这么长一篇一层层发上来。",
    "就业和教育是老百姓最关心的，希望多投入。",
    "学习了，数据很详细。",
    "占楼，晚上回来细看。",
    "去年的目标完成得不错，点赞。",
    "有没有Word版下载？",
    "希望旅游配套再跟上，停车太难了。",
    "坐等解读。",
]
USERS = [("路过的风", 90211, 860, 45), ("山水之间", 77120, 2310, 120), ("老街坊", 65003, 15420, 380),
         ("瓯江渔火", 88310, 640, 20), ("青瓷迷", 93004, 1210, 66), ("小城故事", 70456, 5300, 210)]


def post_time(date: str, minutes: int) -> str:
    y, m, d = date.split("-")
    h, mi = 20 + minutes // 60, 10 + minutes % 60
    return f"{int(y)}-{int(m)}-{int(d)} {h}:{mi:02d}"


def report_floors(forum: Forum, spec_key: str, author: tuple, date: str, pid0: int, split: int = 1,
                  transform=None, title: str | None = None, body_extra: str = "") -> tuple[list[Floor], list[str]]:
    """The starter's floors holding the report (split into ``split`` consecutive floors); and the clean lines."""
    spec = SPECS[spec_key]
    text = lines(spec)
    text[0] = title or spec.title
    if transform:
        text = [transform(t) for t in text]
    head, paras = text[0], text[1:]
    size = -(-len(paras) // split)
    chunks = [paras[k:k + size] for k in range(0, len(paras), size)]
    name, uid, credits, days = author
    floors = []
    for n, chunk in enumerate(chunks):
        body = body_html(chunk, head if n == 0 else None)
        if n == 0:
            body = body_extra + body
        floors.append(Floor(pid0 + n, name, uid, n + 1, post_time(date, n * 2), body, credits, days))
    return floors, [head] + paras


def replies(start_number: int, count: int, pid0: int, date: str, offset: int = 0) -> list[Floor]:
    out = []
    for k in range(count):
        name, uid, credits, days = USERS[(k + offset) % len(USERS)]
        text = REPLIES[(k + offset) % len(REPLIES)]
        out.append(Floor(pid0 + k, name, uid, start_number + k, post_time(date, 30 + k * 7), html.escape(text), credits, days))
    return out


def renumber(floors: list[Floor], first: int) -> list[Floor]:
    for k, f in enumerate(floors):
        f.number = first + k
    return floors


def clean(line: str) -> str:
    import re
    return re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip()


def gold_for(forum: Forum, t: Thread, url_of, spec_key: str | None, text: list[str] | None, report_id: str | None) -> list[dict]:
    out = []
    for n in range(1, len(t.pages) + 1):
        g = {"url": url_of(t.tid, n), "thread": t.tid, "thread_page": n, "status": 200, "subject": t.subject}
        if spec_key is None:
            g.update(is_report=False, documents=0)
        else:
            spec = SPECS[spec_key]
            g.update(is_report=True, documents=1 if n == 1 else 0)
            if n == 1:
                g.update(title=t.subject, published="-".join(f"{int(x):02d}" for x in t.pages[0][0].posted.split(" ")[0].split("-")), region=spec.region, year=spec.year,
                         delivered_on=spec.delivered_on, speaker=spec.speaker,
                         first_line=clean(text[0]), last_line=clean(text[-1]), report_id=spec_key, truncated=False,
                         author=t.author)
        if n == 1 or not g["is_report"]:
            g.update(t.gold)
        g.pop("hot_rewrite", None)
        out.append(g)
    return out
