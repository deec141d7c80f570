"""Write the recorded 文库 farm, city news portal and 招商 aggregator."""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from reports import SPECS, lines, retype

OUT = Path(__file__).resolve().parents[2] / "sites"
esc = html.escape


def clean(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip()


def report_text(key: str, title: str | None = None) -> list[str]:
    text = lines(SPECS[key])
    if title is not None:
        text[0] = title
    return text


# ---------------------------------------------------------------- WordPress 文库 (Zibll)
WP = "www.ruyiwenku.com"
WP_NAME = "如意文库"
CAT = "/category/gongzuobaogao/"


def wp_head(title: str, extra: str = "") -> str:
    return f"""<!DOCTYPE HTML>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0, minimum-scale=1.0, maximum-scale=0.0, user-scalable=no">
<title>{esc(title)}</title>
{extra}<link rel='stylesheet' id='wp-block-library-css' href='https://{WP}/wp-includes/css/dist/block-library/style.min.css?ver=6.1.1' type='text/css' media='all' />
<link rel='stylesheet' id='_main-css' href='https://{WP}/wp-content/themes/zibll/css/main.min.css?ver=7.1' type='text/css' media='all' />
<link rel="https://api.w.org/" href="https://{WP}/wp-json/" />
<meta name="generator" content="WordPress 6.1.1" />
<link rel="shortcut icon" href="https://{WP}/wp-content/uploads/2022/03/favicon.png">
</head>
"""


def wp_header() -> str:
    return f"""<header class="header header-layout-1"><nav class="navbar navbar-top center"><div class="container-fluid container-header">
<div class="navbar-header"><div class="navbar-brand"><a class="navbar-logo" href="https://{WP}"><img src="https://{WP}/wp-content/uploads/2022/03/logo.png" alt="{WP_NAME}"></a></div></div>
<div class="collapse navbar-collapse"><ul class="nav navbar-nav"><li class="menu-item"><a href="https://{WP}/">首页</a></li><li class="menu-item current-menu-item"><a href="https://{WP}{CAT}">工作报告</a></li><li class="menu-item"><a href="https://{WP}/category/xindetihui/">心得体会</a></li><li class="menu-item"><a href="https://{WP}/category/gerenzongjie/">个人总结</a></li><li class="menu-item"><a href="https://{WP}/vip">开通会员</a></li></ul>
<form method="get" class="navbar-form navbar-left" action="https://{WP}/"><input type="text" class="form-control search-input" name="s" placeholder="搜索资料"></form></div></div></nav></header>
"""


def wp_sidebar(hot: list[tuple[int, str]]) -> str:
    items = "".join(f'<li><a href="https://{WP}/{pid}.html">{esc(t)}</a></li>' for pid, t in hot)
    return f"""<div class="sidebar"><div class="zib-widget widget_text"><h3 class="widget-title">客服代找资料</h3><div class="textwidget"><p>加客服微信：wenku8866</p><p>私发想要资料的标题/关键词</p><p>快速代查找相关所有资料</p></div></div>
<div class="zib-widget"><h3 class="widget-title">热门文章</h3><ul class="hot-posts">{items}</ul></div></div>
"""


def wp_footer() -> str:
    return f"""<footer class="footer"><div class="container-fluid container-footer"><p class="footer-conter">Copyright &copy; 2024 · <a href="https://{WP}">{WP_NAME}</a> · 由<a href="https://zibll.com" target="_blank">子比主题</a>强力驱动. <a href="https://beian.miit.gov.cn/" target="_blank">浙ICP备2021038817号-2</a></p></div></footer>
<div class="float-right round position-bottom"><a class="float-btn ontop fade" data-toggle="tooltip" data-placement="left" title="返回顶部" href="javascript:(scrollTopTo());"><i class="fa fa-angle-up em12"></i></a></div>
<script type="text/javascript">window._win = {{ www: 'https://{WP}', uri: 'https://{WP}/wp-content/themes/zibll' }};</script>
<script type='text/javascript' src='https://{WP}/wp-content/themes/zibll/js/main.min.js?ver=7.1' id='_main-js'></script>
</body>
</html>
"""


def wp_article(pid: int, title: str, date: str, paras: list[str], cut: int | None, prev: tuple, nxt: tuple, related: list) -> str:
    shown = paras if cut is None else paras[:cut]
    body = [f'<p style="text-align: center;"><strong>{esc(shown[0])}</strong></p>']
    for p in shown[1:]:
        tag = "h2" if re.match(r"^[一二三四五六七八九十]+、", p) else "p"
        body.append(f"<{tag}>{esc(p)}</{tag}>")
    if cut is not None:
        body.append("""<div class="hidden-box reading-limit"><div class="hidden-text"><i class="fa fa-exclamation-circle mr10"></i>............试读结束............</div>
<p>查阅全文加微信wenku8866</p><a class="but jb-blue signin-loader" href="javascript:;">登录查看全文</a></div>""")
    body_html = "\n".join(body)
    rel = "".join(f'<li><a class="icon-circle" href="https://{WP}/{p}.html">{esc(t)}</a></li>' for p, t in related)
    y, m, d = date.split("-")
    page_title = f"{title}-{WP_NAME}"
    extra = (f'<meta name="keywords" content="政府工作报告,{esc(title)}">\n<meta name="description" content="{esc(paras[min(3, len(paras) - 1)][:60])}">\n'
             f'<link rel="canonical" href="https://{WP}/{pid}.html" />\n<link rel=\'shortlink\' href=\'https://{WP}/?p={pid}\' />\n'
             f'<meta property="og:title" content="{esc(title)}" /><meta property="og:site_name" content="{WP_NAME}" />\n')
    return wp_head(page_title, extra) + f"""<body class="post-template-default single single-post postid-{pid} single-format-standard white-theme site-layout-2">
{wp_header()}<main role="main" class="container">
<div class="content-wrap"><div class="content-layout">
<ul class="breadcrumb"><li><a href="https://{WP}"><i class="fa fa-map-marker"></i> 首页</a></li><li><a href="https://{WP}{CAT}">工作报告</a></li><li> 正文</li></ul>
<article class="article main-bg theme-box box-body radius8 main-shadow">
<div class="article-header theme-box clearfix relative">
<h1 class="article-title"> <a href="https://{WP}/{pid}.html">{esc(title)}</a></h1>
<div class="article-avatar"><div class="user-info flex ac article-avatar"><a href="https://{WP}/author/2"><span class="avatar-img"><img alt="文库君的头像" src="https://{WP}/wp-content/themes/zibll/img/avatar-default.png" class="lazyload avatar avatar-id-2"></span></a>
<div class="user-right flex flex1 ac jsb ml10"><div class="flex1"><name class="flex ac flex1"><a class="display-name text-ellipsis" href="https://{WP}/author/2">文库君</a></name>
<div class="px12-sm muted-2-color text-ellipsis"><span data-toggle="tooltip" data-placement="bottom" title="{y}年{m}月{d}日 09:15发布">{date} 09:15</span></div></div></div></div></div>
</div>
<div class="article-content">
<div data-nav="posts" class="theme-box wp-posts-content">
{body_html}
</div>
<div class="wechat-qrcode-box theme-box text-center"><img class="lazyload" data-src="https://{WP}/wp-content/uploads/2022/03/kefu.jpg" src="https://{WP}/wp-content/themes/zibll/img/thumbnail.svg" alt="微信扫码">
<p>如意写作网gw.ruyixiezuo.com(可搜索其他更多资料)</p></div>
<div class="em09 muted-3-color"><div><span>&copy;</span> 版权声明</div><div class="posts-copyright">本文内容由互联网用户自发贡献，该文观点仅代表作者本人。本站仅提供信息存储空间服务，不拥有所有权，不承担相关法律责任。如发现本站有涉嫌抄袭侵权/违法违规的内容， 请发送邮件至 wenku8866@qq.com 举报，一经查实，本站将立刻删除。<br>如若转载，请注明出处：https://{WP}/{pid}.html</div></div>
<div class="text-center theme-box muted-3-color box-body separator em09">THE END</div>
<div class="theme-box article-tags"><a class="but ml6 radius c-blue" title="查看更多分类文章" href="https://{WP}{CAT}"><i class="fa fa-folder-open-o" aria-hidden="true"></i>工作报告</a><a href="https://{WP}/tag/zfgzbg" title="查看此标签更多文章" class="but ml6 radius"># 政府工作报告</a></div>
</div>
<div class="text-center muted-3-color box-body em09"><a class="action action-like" href="javascript:;"><i class="fa fa-thumbs-o-up"></i><text>点赞</text><count>0</count></a></div>
</article>
<div class="theme-box" style="height:99px"><nav class="article-nav">
<div class="main-bg box-body radius8 main-shadow"><a href="https://{WP}/{prev[0]}.html"><p class="muted-2-color"><i class="fa fa-angle-left em12"></i>上一篇</p><div class="text-ellipsis-2">{esc(prev[1])}</div></a></div>
<div class="main-bg box-body radius8 main-shadow"><a href="https://{WP}/{nxt[0]}.html"><p class="muted-2-color">下一篇<i class="fa fa-angle-right em12 ml6"></i></p><div class="text-ellipsis-2">{esc(nxt[1])}</div></a></div>
</nav></div>
<div class="theme-box relates"><div class="box-body notop"><div class="title-theme">相关推荐</div></div>
<div class="zib-widget"><ul class="no-thumb">{rel}</ul></div></div>
</div></div>
{wp_sidebar(related)}</main>
""" + wp_footer()


def wp_category(page: int, total: int, items: list[tuple[int, str, str, str]], hot: list) -> str:
    entries = []
    for pid, title, date, excerpt in items:
        entries.append(f"""<posts class="posts-item list ajax-item flex">
<div class="post-graphic"><div class="item-thumbnail"><a href="https://{WP}/{pid}.html"><img src="https://{WP}/wp-content/themes/zibll/img/thumbnail.svg" alt="{esc(title)}-{WP_NAME}" class="lazyload fit-cover radius8"></a></div></div>
<div class="item-body flex xx flex1 jsb"><h2 class="item-heading"><a href="https://{WP}/{pid}.html">{esc(title)}</a></h2>
<div class="item-excerpt muted-color text-ellipsis mb6">{esc(excerpt)}</div>
<div class="item-meta muted-2-color flex jsb ac"><item class="meta-author flex ac"><a href="https://{WP}/author/2">文库君</a><span title="{date} 09:15:00" class="icon-circle">{date}</span></item>
<div class="meta-right"><item class="meta-comm"><a href="https://{WP}/{pid}.html#respond"><i class="fa fa-comment-o"></i>0</a></item><item class="meta-view"><i class="fa fa-eye"></i>1.{pid % 9}k</item></div></div></div>
</posts>""")
    base = f"https://{WP}{CAT}"
    href = lambda n: base if n == 1 else f"{base}page/{n}/"  # noqa: E731
    nav = [f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == page else f'<a class="page-numbers" href="{href(n)}">{n}</a>' for n in range(1, total + 1)]
    if page > 1:
        nav.insert(0, f'<a class="prev page-numbers" href="{href(page - 1)}">上一页</a>')
    if page < total:
        nav.append(f'<a class="next page-numbers" href="{href(page + 1)}">下一页</a>')
    rels = (f'<link rel="prev" href="{href(page - 1)}" />\n' if page > 1 else "") + (f'<link rel="next" href="{href(page + 1)}" />\n' if page < total else "")
    title = "工作报告" + (f" - 第{page}页" if page > 1 else "") + f" - {WP_NAME}"
    return wp_head(title, f'<link rel="canonical" href="{href(page)}" />\n{rels}') + f"""<body class="archive category category-gongzuobaogao category-3 white-theme site-layout-2">
{wp_header()}<main role="main" class="container">
<div class="content-wrap"><div class="content-layout">
<div class="main-bg theme-box radius8 main-shadow"><div class="box-body"><h1 class="title-h-left"><b>工作报告</b></h1><div class="muted-2-color">各类政府工作报告、述职报告全文</div></div></div>
<div class="ajaxpager">
{''.join(entries)}
<nav class="navigation pagination" aria-label="文章"><h2 class="screen-reader-text">文章导航</h2><div class="nav-links">{''.join(nav)}</div></nav>
</div>
</div></div>
{wp_sidebar(hot)}</main>
""" + wp_footer()


def wordpress() -> None:
    root = OUT / WP
    shutil.rmtree(root, ignore_errors=True)
    arts = [
        # pid, spec, title, date, cut (paragraphs shown incl. title line) or None, report_id
        (82301, "jingning2024", "2024年景宁畲族自治县政府工作报告", "2024-02-02", None, None),
        (82288, "qingtian2024", "2024年青田县政府工作报告全文", "2024-01-30", 9, None),
        (82150, None, "2024年政府工作报告学习心得体会范文（精选5篇）", "2024-01-22", None, None),
        (81603, "liandu2023", "2023年莲都区政府工作报告", "2023-02-20", None, None),
        (81571, "ruijin2023", "2023年瑞金市政府工作报告", "2023-02-18", None, "ruijin2023"),
        (81570, "longquan2023", "006-2023年龙泉市政府工作报告", "2023-02-18", 12, "longquan2023"),
        (81402, None, "政府工作报告中的热词解读", "2023-02-10", None, None),
        (80977, "yudu2022", "2022年于都县政府工作报告", "2022-01-25", None, None),
        (80850, None, "2022年个人述职报告范文", "2022-01-12", None, None),
    ]
    hot = [(a[0], a[2]) for a in arts[:4]]
    gold_pages = []
    for k, (pid, key, title, date, cut, _rid) in enumerate(arts):
        prev = arts[k + 1] if k + 1 < len(arts) else arts[0]
        nxt = arts[k - 1]
        related = [(a[0], a[2]) for a in arts if a[0] != pid][:4]
        if key:
            text = report_text(key, SPECS[key].title)
            shown = text if cut is None else text[:cut]
        else:
            text = shown = ["政府工作报告学习心得", "认真学习政府工作报告后，我深受鼓舞。", "我们要把报告精神落实到工作中去。"]
        (root / f"{pid}.html").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{pid}.html").write_bytes(wp_article(pid, title, date, text, cut, (prev[0], prev[2]), (nxt[0], nxt[2]), related).encode())
        g = {"url": f"https://{WP}/{pid}.html", "status": 200, "list_title": title, "is_report": key is not None, "documents": 1 if key else 0}
        if key:
            spec = SPECS[key]
            g.update(title=re.sub(r"^\d{3}-", "", title), published=date, region=spec.region, year=spec.year, truncated=cut is not None,
                     first_line=clean(shown[0]), last_line=clean(shown[-1]), report_id=key)
        gold_pages.append(g)
    pages = [arts[0:3], arts[3:6], arts[6:9]]
    list_urls = []
    for n, group in enumerate(pages, 1):
        items = [(a[0], a[2], a[3], "各位代表：现在，我代表人民政府向大会报告工作，请予审议……" if a[1] else "学习心得体会范文……") for a in group]
        path = root / ("category/gongzuobaogao/index.html" if n == 1 else f"category/gongzuobaogao/page/{n}/index.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(wp_category(n, len(pages), items, hot).encode())
        list_urls.append({"url": f"https://{WP}{CAT}" + (f"page/{n}/" if n > 1 else ""), "articles": [a[0] for a in group]})
    (root / "robots.txt").write_text(f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\nDisallow: /?s=\nDisallow: /vip\n\nSitemap: https://{WP}/wp-sitemap.xml\n")
    site = {"scheme": "https", "headers": {"Content-Type": "text/html; charset=UTF-8", "Server": "nginx", "X-Powered-By": "PHP/7.4.33",
                                           "Link": f"<https://{WP}/wp-json/>; rel=\"https://api.w.org/\"", "Vary": "Accept-Encoding"},
            "last_modified": "Fri, 02 Feb 2024 01:15:00 GMT", "files": {"/robots.txt": {"headers": {"Content-Type": "text/plain; charset=utf-8"}}}}
    (root / "_site.json").write_text(json.dumps(site, ensure_ascii=False, indent=2) + "\n")
    (root / "_gold.json").write_text(json.dumps({"list_pages": list_urls, "pages": gold_pages}, ensure_ascii=False, indent=1) + "\n")


# ---------------------------------------------------------------- city news portal (ENP, gb2312)
NEWS = "www.lsnews.com.cn"
CHANNEL = "/xsq/"


def news_page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{esc(title)}</title>
<meta name="keywords" content="丽水网,丽水新闻" />
<link href="http://{NEWS}/css/style2015.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="http://{NEWS}/js/jquery.js"></script>
</head>
<body>
<div class="w1000 top"><a href="http://{NEWS}/"><img src="http://{NEWS}/images/logo.gif" alt="丽水网" /></a>
<div class="nav"><a href="http://{NEWS}/">首页</a> | <a href="http://{NEWS}/lsxw/">丽水新闻</a> | <a href="http://{NEWS}{CHANNEL}">县市区</a> | <a href="http://{NEWS}/zt/">专题</a> | <a href="http://epaper.lsnews.com.cn/">数字报</a></div></div>
{body}
<div class="w1000 footer"><p><a href="http://{NEWS}/about/">关于我们</a> | <a href="http://{NEWS}/contact/">联系我们</a> | 新闻热线：0578-2123456</p>
<p class="copyright">丽水网 版权所有 未经授权禁止复制或建立镜像 浙ICP备05003620号</p></div>
</body>
</html>
"""


def news_article(path: str, title: str, stamp: str, source: str, author: str, paras: list[str], page: int, total: int, stem: str, related: list) -> str:
    y, m, d = stamp[:10].split("-")
    body = "\n".join(f"<p>　　{esc(p)}</p>" for p in paras)
    nav = ""
    if total > 1:
        links = [f"<span>{n}</span>" if n == page else f'<a href="{stem}{"" if n == 1 else "_" + str(n)}.shtml">{n}</a>' for n in range(1, total + 1)]
        if page < total:
            links.append(f'<a href="{stem}_{page + 1}.shtml">下一页</a>')
        nav = '<div class="pages" id="pages">' + " ".join(links) + "</div>"
    rel = "".join(f'<li><a href="{u}" target="_blank">{esc(t)}</a><span>{dt}</span></li>' for u, t, dt in related)
    enp = f"<!--enpproperty <articleid>{stem}</articleid><date>{stamp}</date><author>{author}</author><title>{esc(title)}</title><keyword>政府工作报告</keyword><subtitle></subtitle><introtitle></introtitle><siteid>2</siteid><nodeid>1021</nodeid><nodename>县市区</nodename><nodesearchname>县市区</nodesearchname>/enpproperty-->"
    return news_page(f"{title}_县市区_丽水网", f"""{enp}
<div class="w1000 nav_path">您当前的位置 ：<a href="http://{NEWS}/">丽水网</a> &gt;&gt; <a href="http://{NEWS}{CHANNEL}">县市区</a> &gt;&gt; 正文</div>
<div class="w1000 content">
  <div class="contentBody">
    <h1>{esc(title)}</h1>
    <div class="extInfo">{stamp}&nbsp;&nbsp;来源：{source}&nbsp;&nbsp;作者：{author}</div>
    <div class="article">
      <div class="TRS_Editor">
<!--enpcontent-->{body}<!--/enpcontent-->
      </div>
    </div>
    {nav}
    <div class="editor">编辑：周晓敏&nbsp;&nbsp;&nbsp;&nbsp;审核：叶建平</div>
    <div class="share">分享到：<a href="javascript:;" class="weixin">微信</a> <a href="javascript:;" class="weibo">微博</a></div>
  </div>
  <div class="related"><h3>相关新闻</h3><ul>{rel}</ul></div>
</div>""")


def news_list(page: int, total: int, items: list[tuple[str, str, str]]) -> str:
    lis = "\n".join(f'<li><span class="date">{dt}</span><a href="{u}" target="_blank">{esc(t)}</a></li>' for u, t, dt in items)
    href = lambda n: "index.shtml" if n == 1 else f"index_{n}.shtml"  # noqa: E731
    links = ['<a href="index.shtml">首页</a>']
    if page > 1:
        links.append(f'<a href="{href(page - 1)}">上一页</a>')
    links += [f"<span>{n}</span>" if n == page else f'<a href="{href(n)}">{n}</a>' for n in range(1, total + 1)]
    if page < total:
        links.append(f'<a href="{href(page + 1)}">下一页</a>')
    links.append(f'<a href="{href(total)}">尾页</a>')
    return news_page("县市区_丽水网", f"""<div class="w1000 nav_path">您当前的位置 ：<a href="http://{NEWS}/">丽水网</a> &gt;&gt; 县市区</div>
<div class="w1000 main"><div class="left"><div class="lmtit">县市区</div>
<ul class="list_news">
{lis}
</ul>
<div class="page">{' '.join(links)}</div></div>
<div class="right"><div class="box"><h3>热点推荐</h3><ul><li><a href="http://{NEWS}/zt/2024lh/">2024丽水两会专题</a></li><li><a href="http://{NEWS}/lsxw/">丽水新闻</a></li></ul></div></div></div>""")


def news() -> None:
    root = OUT / NEWS
    shutil.rmtree(root, ignore_errors=True)
    # (path stem, title, stamp, spec or None, pages, report_id, source, author)
    arts = [
        ("/system/2024/01/26/034120556", "图解：一图读懂2024年丽水市政府工作报告", "2024-01-26 18:20:11", None, 1, None),
        ("/system/2024/01/24/034118201", "2024年丽水市政府工作报告", "2024-01-24 16:05:42", "lishui2024", 2, "lishui2024"),
        ("/system/2024/01/23/034117760", "丽水市五届人大四次会议隆重开幕", "2024-01-23 12:31:08", None, 1, None),
        ("/system/2024/01/27/034121003", "2024年景宁畲族自治县政府工作报告", "2024-01-27 09:40:00", "jingning2024", 1, None),
        ("/system/2023/02/16/033501882", "2023年龙泉市政府工作报告", "2023-02-16 10:12:35", "longquan2023", 1, "longquan2023"),
        ("/system/2023/02/11/033498120", "2023年遂昌县政府工作报告", "2023-02-11 15:47:20", "suichang2023", 1, None),
        ("/system/2023/02/12/033498770", "遂昌县2023年政府工作报告提出的十件民生实事进展如何", "2023-02-12 08:00:00", None, 1, None),
    ]
    gold_pages = []
    related = [(f"http://{NEWS}{a[0]}.shtml", a[1], a[2][:10]) for a in arts[:3]]
    for stem, title, stamp, key, total, _rid in arts:
        if key:
            text = report_text(key, SPECS[key].title)
            text = text[1:]  # the portal prints the heading as its h1; the body starts at ——…会议上
            text.append("（来源：丽水日报）")
        else:
            text = [f"{stamp[5:7].lstrip('0')}月{stamp[8:10].lstrip('0')}日，记者从有关部门获悉相关情况。", "会议听取和审议了政府工作报告等议程。"]
        size = -(-len(text) // total)
        parts = [text[k:k + size] for k in range(0, len(text), size)]
        name = stem.rsplit("/", 1)[1]
        for n, part in enumerate(parts, 1):
            path = f"{stem}.shtml" if n == 1 else f"{stem}_{n}.shtml"
            page = news_article(path, title, stamp, "丽水日报", "记者 王晓丽", part, n, total, name, related)
            (root / path.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
            (root / path.lstrip("/")).write_bytes(page.encode("gbk"))
            g = {"url": f"http://{NEWS}{path}", "status": 200, "list_title": title, "is_report": key is not None, "article_page": n,
                 "documents": 1 if key else 0}
            if key:
                spec = SPECS[key]
                body = [p for p in part if p != "（来源：丽水日报）"]
                g.update(title=title, published=stamp[:10], region=spec.region, year=spec.year, first_line=clean(body[0]),
                         last_line=clean(body[-1]), report_id=key, source="丽水日报", part_of=f"http://{NEWS}{stem}.shtml" if n > 1 else None)
            gold_pages.append(g)
    lists = [arts[:4], arts[4:]]
    for n, group in enumerate(lists, 1):
        items = [(f"{a[0]}.shtml", a[1], a[2][:10]) for a in group]
        (root / "xsq").mkdir(parents=True, exist_ok=True)
        (root / "xsq" / ("index.shtml" if n == 1 else f"index_{n}.shtml")).write_bytes(news_list(n, len(lists), items).encode("gbk"))
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /cms/\nDisallow: /search/\n")
    site = {"scheme": "http", "headers": {"Content-Type": "text/html", "Server": "Apache", "Accept-Ranges": "bytes"},
            "last_modified": "Sat, 27 Jan 2024 02:00:00 GMT", "files": {"/robots.txt": {"headers": {"Content-Type": "text/plain"}}}}
    (root / "_site.json").write_text(json.dumps(site, ensure_ascii=False, indent=2) + "\n")
    list_gold = [{"url": f"http://{NEWS}{CHANNEL}" + ("index.shtml" if n == 1 else f"index_{n}.shtml"), "articles": [a[0] for a in g]} for n, g in enumerate(lists, 1)]
    (root / "_gold.json").write_text(json.dumps({"list_pages": list_gold, "pages": gold_pages}, ensure_ascii=False, indent=1) + "\n")


# ---------------------------------------------------------------- 招商 aggregator
AGG = "www.zhaoshangbao.net"
COL = "/zhejiang/lishui/gzbg/"


def agg_entry(iid: int, prefix: str, title: str, paras: list[str], date: str, source: str, hits: int, more: bool = False) -> str:
    body = "\n".join(f"       <p>{esc(p)}</p>" for p in paras)
    if more:
        body = body[: body.rfind("</p>")] + f'……<a href="{COL}{iid}.html" class="more">[阅读全文]</a></p>'
    return f"""   <div class="news-item" id="item-{iid}">
     <h2 class="news-title"><a href="{COL}{iid}.html" target="_blank">【{prefix}】{esc(title)}</a></h2>
     <div class="news-body">
{body}
     </div>
     <div class="news-info"><span class="source">来源：{source}</span> <span class="date">{date}</span> <span class="hits">浏览：{hits}次</span></div>
   </div>"""


def agg_page(page: int, total: int, entries: list[str]) -> str:
    href = lambda n: COL if n == 1 else f"{COL}list_{n}.html"  # noqa: E731
    links = [f'<a href="{COL}">首页</a>']
    if page > 1:
        links.append(f'<a href="{href(page - 1)}">上一页</a>')
    links += [f'<span class="current">{n}</span>' if n == page else f'<a href="{href(n)}">{n}</a>' for n in range(1, total + 1)]
    if page < total:
        links.append(f'<a href="{href(page + 1)}">下一页</a>')
    links.append(f'<a href="{href(total)}">末页</a><span class="pageinfo">共 <strong>{total}</strong>页<strong>{total * 4}</strong>条记录</span>')
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>丽水市招商_政府工作报告{'_第' + str(page) + '页' if page > 1 else ''}_丽水招商引资网</title>
<meta name="keywords" content="丽水招商,丽水市政府工作报告,丽水招商引资" />
<meta name="description" content="丽水招商引资网政府工作报告栏目，汇集丽水市及各县（市、区）历年政府工作报告全文。" />
<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zhejiang/">浙江招商</a> | <a href="/zhejiang/lishui/">丽水招商</a> | <a href="/qiye/">企业入驻</a> | <a href="/tougao/">我要投稿</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zhejiang/">浙江招商</a> &gt; <a href="/zhejiang/lishui/">丽水招商</a> &gt; 政府工作报告</div>
<div class="main">
 <div class="left">
  <div class="news-list">
{chr(10).join(entries)}
  </div>
  <div class="pages">{''.join(links)}</div>
 </div>
 <div class="right">
  <div class="box"><h3>丽水投资环境</h3><ul><li><a href="/zhejiang/lishui/touzi/">丽水投资指南</a></li><li><a href="/zhejiang/lishui/zhengce/">招商引资优惠政策</a></li><li><a href="/zhejiang/lishui/yuanqu/">丽水产业园区</a></li></ul></div>
  <div class="box"><h3>热门推荐</h3><ul><li><a href="/zhejiang/lishui/xiangmu/9120.html">丽水经开区半导体产业园招商</a></li><li><a href="/zhejiang/lishui/xiangmu/9108.html">青田侨乡进口商品城招商</a></li></ul></div>
  <div class="box contact"><h3>招商热线</h3><p>电话：0578-2281888</p><p><img src="/images/wx_qrcode.jpg" alt="扫码咨询" /></p></div>
 </div>
</div>
<div class="footer">Copyright © 丽水招商引资网 免责声明：本站部分信息来源于互联网，如有侵权请联系删除 <a href="/about/contact.html">联系我们</a></div>
</body>
</html>
"""


def runon(text: list[str]) -> list[str]:
    """How aggregators paste a report: heading run into the first paragraph, half-width punctuation."""
    text = [retype(t) for t in text]
    return ["".join(text[:6])] + text[6:]


def aggregator() -> None:
    root = OUT / AGG
    shutil.rmtree(root, ignore_errors=True)
    # per page: (iid, prefix, spec or None, date, source, form, report_id)  form: full | runon | teaser | project
    pages = [
        [(90412, "丽水市招商", "lishui2024", "2024-01-25", "丽水市人民政府", "full", "lishui2024"),
         (90388, "龙泉市招商", "longquan2023", "2023-02-17", "龙泉市人民政府", "runon", "longquan2023"),
         (90375, "庆元县招商", "qingyuan2023", "2023-02-20", "庆元县人民政府", "full", "qingyuan2023")],
        [(90360, "遂昌县招商", "suichang2023", "2023-02-13", "遂昌县人民政府", "full", None),
         (90351, "莲都区招商", "liandu2023", "2023-02-10", "莲都区人民政府", "runon", None),
         (90347, "松阳县招商", "songyang2024", "2024-02-02", "丽水日报", "teaser", None),
         (90322, "缙云县招商", None, "2023-01-30", "缙云县投资促进中心", "project", None)],
        [(90216, "缙云县招商", "jinyun2022", "2022-01-24", "缙云县人民政府", "full", None),
         (90208, "云和县招商", "yunhe2022", "2022-01-20", "云和县人民政府", "full", None),
         (90190, "松阳县招商", None, "2022-01-15", "松阳县投资促进中心", "project", None)],
    ]
    gold_pages = []
    for n, group in enumerate(pages, 1):
        entries, docs = [], []
        for iid, prefix, key, date, source, form, _rid in group:
            if key is None:
                title = f"{prefix[:3]}{date[:4]}年招商引资重点项目推介"
                paras = ["项目名称：智能装备产业园标准厂房招商", "投资估算：3.5亿元", "联系电话：0578-3123456"]
                entries.append(agg_entry(iid, prefix, title, paras, date, source, 233))
                continue
            spec = SPECS[key]
            text = report_text(key, spec.title)
            if form == "runon":
                text = runon(text)
            elif form == "full":
                text = text[1:]  # the heading is the entry title; the body starts at ——…会议上
            if form == "teaser":
                paras = [text[3] + text[4][:30]]
                entries.append(agg_entry(iid, prefix, spec.title, paras, date, source, 512, more=True))
                continue
            entries.append(agg_entry(iid, prefix, spec.title, text, date, source, 1000 + iid % 997))
            docs.append({"title": spec.title, "published": date, "region": spec.region, "year": spec.year,
                         # the page type drops the title an aggregator repeats at the start of a run-on body
                         "first_line": clean(text[0]).removeprefix(spec.title), "last_line": clean(text[-1]), "report_id": key, "form": form})
        path = root / (COL.strip("/") + ("/index.html" if n == 1 else f"/list_{n}.html"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(agg_page(n, len(pages), entries).encode())
        gold_pages.append({"url": f"https://{AGG}{COL}" + ("" if n == 1 else f"list_{n}.html"), "status": 200, "list_page": n,
                           "is_report": True, "documents": docs})
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /plus/\nDisallow: /dede/\nDisallow: /member/\nDisallow: /data/\nDisallow: /include/\nDisallow: /templets/\n")
    site = {"scheme": "https", "headers": {"Content-Type": "text/html", "Server": "Microsoft-IIS/7.5", "X-Powered-By": "ASP.NET"},
            "last_modified": "Fri, 02 Feb 2024 08:00:00 GMT", "files": {"/robots.txt": {"headers": {"Content-Type": "text/plain"}}}}
    (root / "_site.json").write_text(json.dumps(site, ensure_ascii=False, indent=2) + "\n")
    (root / "_gold.json").write_text(json.dumps({"pages": gold_pages}, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    wordpress()
    news()
    aggregator()
