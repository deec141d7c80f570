"""Write whole government portals under tests/sites/ for `govcrawl add-site`: one per CMS family.

Each portal has a home page with a navigation bar, a 政务公开 page, the 政府工作报告 column two
clicks from home (three on the TRS portal: 政务公开 › 规划计划 › 政府工作报告), a decoy column
(政府工作报告解读), report articles and notices about the reports. ``_gold.json`` lists what a
crawl of the column must store (the reports) and must not (the notices). Run once after editing
and review the diff::

    .venv/bin/python tests/support/sitegen_portals.py
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import Any

from sitegen_cms import SITES, Report, centred_count, other_gold, paragraphs, report, report_gold, write, write_json


@dataclass(frozen=True)
class Portal:
    """One portal: host, site name, SiteIDCode, family, where its pages live."""

    host: str
    name: str
    site_id: str
    family: str
    column_title: str = "政府工作报告"


LONGGANG = Portal("www.longgang.gov.cn", "龙港市人民政府", "3303830001", "jcms")
TAISHAN = Portal("www.taishan.gov.cn", "台山市人民政府门户网站", "4407810001", "trs")
HONGHE = Portal("www.hh.gov.cn", "红河哈尼族彝族自治州人民政府", "5325000001", "vsb")
HUNAN = Portal("www.hunan.gov.cn", "湖南省人民政府门户网站", "4300000001", "govcn")
WENCHENG = Portal("www.wencheng.gov.cn", "文成县人民政府", "3303280001", "jcms")
"""A portal without a report column: add-site must say so and name what it saw."""
PORTALS = (LONGGANG, TAISHAN, HONGHE, HUNAN)


def longgang_reports() -> list[Report]:
    def lg(year: int, speaker: str, term: int, session: int, delivered: tuple[int, int], published: str) -> Report:
        features = ["“大部制、扁平化、低成本、高效率”改革持续深化，{k5}项政务服务事项实现就近办理。"]
        return Report("龙港市", "龙港", "市", year, speaker, term, session, delivered, published, features, seed="lg")
    return [
        lg(2025, "汤筱疏", 2, 1, (1, 9), "2025-01-16"),
        lg(2024, "汤筱疏", 1, 5, (1, 10), "2024-01-17"),
        lg(2023, "何宗静", 1, 4, (1, 12), "2023-01-19"),
        lg(2022, "何宗静", 1, 3, (1, 13), "2022-01-20"),
    ]


def notices(region: str, year: int) -> list[tuple[str, list[str]]]:
    """Pages about the reports that are not reports (title, body lines)."""
    return [
        (f"图解：{year}年{region}政府工作报告", [f"一图读懂{year}年{region}政府工作报告。"]),
        (f"关于征集{year + 1}年{region}政府工作报告意见建议的公告", [
            "为进一步提高政府工作报告起草工作的开放度，现面向社会公开征集意见建议。", f"{region}人民政府办公室"]),
        (f"{region}人民政府关于印发{year}年《政府工作报告》重点工作任务分工方案的通知", [
            "各有关单位：", "现将重点工作任务分工方案印发给你们，请认真贯彻执行。"]),
    ]


def nav(links: list[tuple[str, str]]) -> str:
    return '<div class="nav"><ul>' + "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links) + "</ul></div>"


def page(portal: Portal, title: str, body: str, head: str = "", foot: str = "") -> str:
    """A page of the portal: the meta set every government portal carries, a nav, the body, the footer."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="{portal.name}">
<meta name="SiteDomain" content="{portal.host}">
<meta name="SiteIDCode" content="{portal.site_id}">
{head}<title>{title}</title>
</head>
<body>
<div class="header"><a class="logo" href="/">{portal.name}</a><form action="/search/" method="get"><input name="q"><button>搜索</button></form></div>
{body}
<div class="footer"><p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
<p>主办：{portal.name.removesuffix("门户网站")}办公室　网站标识码：{portal.site_id}</p>{foot}</div>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------- JCMS
LG_NAV = [("/", "首页"), ("/col/col1229601001/index.html", "政务公开"), ("/col/col1229601002/index.html", "政务服务"),
          ("/col/col1229601003/index.html", "互动交流"), ("/col/col1229601004/index.html", "走进龙港")]
LG_COLUMN = "/col/col1229601020/index.html"
LG_DECOY = "/col/col1229601021/index.html"
LG_FOOT = "<p>技术支持：大汉网络</p>"
LG_HEAD = '<script src="/module/jslib/jquery/jquery.js"></script>\n'


def lg_article(title: str, date: str, body: str) -> str:
    metas = f'<meta name="ArticleTitle" content="{title}">\n<meta name="PubDate" content="{date} 10:00">\n<meta name="ContentSource" content="龙港市人民政府办公室">\n'
    return page(LONGGANG, f"{title}_龙港市人民政府", nav(LG_NAV) + f"""
<div class="main"><div class="wz">当前位置：<a href="/">首页</a> &gt; <a href="{LG_NAV[1][0]}">政务公开</a> &gt; <a href="{LG_COLUMN}">政府工作报告</a></div>
<table class="xxgk"><tr><td>索引号：</td><td>11330383MB1234567X/2025-00001</td><td>发布机构：</td><td>龙港市人民政府办公室</td></tr></table>
<div class="title">{title}</div>
<div class="info">发布日期：{date} 浏览次数：<script src="/module/visitcount/articlehits.jsp?colid=1229601020"></script></div>
<div id="zoom"><meta name="ContentStart">
{body}
<meta name="ContentEnd"></div>
<div class="tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div></div>
""", LG_HEAD + metas, LG_FOOT)


def lg_column(title: str, rows: list[tuple[str, str, str]]) -> str:
    records = "\n".join(
        f'<record><![CDATA[\n<li><a href="{href}" title="{text}" target="_blank">{text}</a><span>{date}</span></li>]]></record>'
        for href, text, date in rows
    )
    return page(LONGGANG, f"{title}_龙港市人民政府", nav(LG_NAV) + f"""
<div class="main"><div class="column_tit">{title}</div>
<div id="7501001"><script type="text/xml"><datastore>
<recordset>
{records}
</recordset>
</datastore></script></div>
<script type="text/javascript">
$(function(){{$('#7501001').jpage({{themeName:'default',totalRecord:{len(rows)},groupSize:1,proxyUrl:'/module/web/jpage/dataproxy.jsp',perPage:15,ajaxParam:{{col:1,appid:'1',webid:3400,path:'/',columnid:1229601020,unitid:'7501001'}}}});}});
</script></div>
""", LG_HEAD, LG_FOOT)


def build_longgang() -> list[dict[str, Any]]:
    gold: list[dict[str, Any]] = []
    rows = []
    for n, rep in enumerate(longgang_reports()):
        y, m, d = (int(part) for part in rep.published.split("-"))
        path = f"/art/{y}/{m}/{d}/art_1229601020_{59200010 + n}.html"
        write(LONGGANG.host, path, lg_article(rep.title, rep.published, paragraphs(rep.text_lines(), centred_count(rep))))
        gold.append(report_gold(f"https://{LONGGANG.host}{path}", rep))
        rows.append((path, rep.title, rep.published))
    for n, (title, lines) in enumerate(notices("龙港市", 2024)):
        path = f"/art/2024/2/{n + 1}/art_1229601020_{59200100 + n}.html"
        write(LONGGANG.host, path, lg_article(title, f"2024-02-0{n + 1}", paragraphs(lines)))
        gold.append(other_gold(f"https://{LONGGANG.host}{path}", title, published=f"2024-02-0{n + 1}"))
        rows.append((path, title, f"2024-02-0{n + 1}"))
    rows.sort(key=lambda row: row[2], reverse=True)
    write(LONGGANG.host, LG_COLUMN, lg_column("政府工作报告", rows))
    write(LONGGANG.host, LG_DECOY, lg_column("政府工作报告解读", [rows[-1]]))
    home_links = "".join(f'<li><a href="{href}" title="{text}">{text}</a></li>' for href, text, _ in rows[:3])
    write(LONGGANG.host, "/", page(LONGGANG, "龙港市人民政府", nav(LG_NAV) + f'<div class="news"><h3>龙港要闻</h3><ul>{home_links}</ul></div>', LG_HEAD, LG_FOOT))
    write(LONGGANG.host, LG_NAV[1][0], page(LONGGANG, "政务公开_龙港市人民政府", nav(LG_NAV) + f"""
<div class="xxgk_left"><h2>政府信息公开</h2><ul>
<li><a href="/col/col1229601011/index.html">政府信息公开指南</a></li><li><a href="/col/col1229601012/index.html">政府文件</a></li>
<li><a href="{LG_DECOY}">政府工作报告解读</a></li><li><a href="{LG_COLUMN}">政府工作报告</a></li>
<li><a href="/col/col1229601015/index.html">政府信息公开年报</a></li></ul></div>""", LG_HEAD, LG_FOOT))
    return gold


# ----------------------------------------------------------------------------------------- TRS
TS_NAV = [("/", "首页"), ("/zwgk/", "政务公开"), ("/zwfw/", "政务服务"), ("/hdjl/", "互动交流")]
TS_COLUMN = "/zwgk/ghjh/zfgzbg/"
TS_HEAD = '<meta name="ColumnName" content="政府工作报告">\n'
TS_FOOT = '<script src="https://ta.trs.cn/c/js/ta.js?mpid=4081" id="_trs_ta_js"></script>'


def ts_article(title: str, date: str, body: str) -> str:
    return page(TAISHAN, f"{title}_台山市人民政府门户网站", nav(TS_NAV) + f"""
<div class="location">当前位置：<a href="../../../../">首页</a> &gt; <a href="../../../">政务公开</a> &gt; <a href="../../">规划计划</a> &gt; <a href="../">政府工作报告</a></div>
<div class="article"><h1 class="article-title">{title}</h1>
<div class="article-info"><span>发布时间：{date} 09:30</span><span>来源：台山市人民政府办公室</span></div>
<div class="article-content" id="zoom"><div class=TRS_Editor><div class="Custom_UnionStyle">
{body}
</div></div></div></div>
""", TS_HEAD + f'<meta name="ArticleTitle" content="{title}">\n<meta name="PubDate" content="{date} 09:30">\n', TS_FOOT)


def ts_list(rows: list[tuple[str, str, str]]) -> str:
    items = "\n".join(f'<li><span class="date">{date}</span><a href="{href}" title="{text}">{text}</a></li>' for href, text, date in rows)
    return page(TAISHAN, "政府工作报告_台山市人民政府门户网站", nav(TS_NAV) + f"""
<div class="right-list"><h3>政府工作报告</h3><ul class="list-ul">
{items}
</ul><div class="page"><script type="text/javascript">createPageHTML(1, 0, "index", "html");</script></div></div>
""", TS_HEAD, TS_FOOT)


def build_taishan() -> list[dict[str, Any]]:
    gold: list[dict[str, Any]] = []
    rows = []
    reports = [
        report("台山市", "台山", "县", 2025, "黄振宇", 17, 5, (1, 8), "2025-01-15", seed="ts25"),
        report("台山市", "台山", "县", 2024, "黄振宇", 17, 4, (1, 30), "2024-02-05", seed="ts"),
        report("台山市", "台山", "县", 2023, "黄振宇", 17, 3, (2, 1), "2023-02-08", seed="ts23"),
    ]
    for n, rep in enumerate(reports):
        path = f"{rep.published[:4]}{rep.published[5:7]}/t{rep.published.replace('-', '')}_{3300100 + n}.html"
        write(TAISHAN.host, TS_COLUMN + path, ts_article(rep.title, rep.published, paragraphs(rep.text_lines(), centred_count(rep))))
        gold.append(report_gold(f"https://{TAISHAN.host}{TS_COLUMN}{path}", rep))
        rows.append(("./" + path, rep.title, rep.published))
    for n, (title, lines) in enumerate(notices("台山市", 2024)):
        path = f"202402/t2024021{n}_{3300200 + n}.html"
        write(TAISHAN.host, TS_COLUMN + path, ts_article(title, f"2024-02-1{n}", paragraphs(lines)))
        gold.append(other_gold(f"https://{TAISHAN.host}{TS_COLUMN}{path}", title, published=f"2024-02-1{n}"))
        rows.append(("./" + path, title, f"2024-02-1{n}"))
    rows.sort(key=lambda row: row[2], reverse=True)
    write(TAISHAN.host, TS_COLUMN, ts_list(rows))
    write(TAISHAN.host, "/", page(TAISHAN, "台山市人民政府门户网站", nav(TS_NAV) + '<div class="news"><h3>台山要闻</h3><ul><li><a href="/xwzx/tsyw/">台山要闻</a></li></ul></div>', TS_HEAD, TS_FOOT))
    write(TAISHAN.host, "/zwgk/", page(TAISHAN, "政务公开_台山市人民政府门户网站", nav(TS_NAV) + """
<div class="zwgk"><ul><li><a href="/zwgk/zcwj/">政策文件</a></li><li><a href="/zwgk/ghjh/">规划计划</a></li><li><a href="/zwgk/czxx/">财政信息</a></li></ul></div>""", TS_HEAD, TS_FOOT))
    write(TAISHAN.host, "/zwgk/ghjh/", page(TAISHAN, "规划计划_台山市人民政府门户网站", nav(TS_NAV) + f"""
<div class="left-nav"><h2>规划计划</h2><ul><li><a href="/zwgk/ghjh/fzgh/">发展规划</a></li><li><a href="/zwgk/ghjh/ndjh/">年度计划</a></li><li><a href="{TS_COLUMN}">政府工作报告</a></li></ul></div>""", TS_HEAD, TS_FOOT))
    return gold


# ----------------------------------------------------------------------------------------- VSB
HH_NAV = [("/index.htm", "首页"), ("/zwgk.htm", "政务公开"), ("/xwzx.htm", "新闻中心"), ("/bsfw.htm", "办事服务")]
HH_HEAD = '<!--Announced by Visual SiteBuilder 9-->\n<script src="/system/resource/js/dynclicks.js"></script>\n'


def hh_article(title: str, date: str, body: str, article: int) -> str:
    return page(HONGHE, f"{title}-红河哈尼族彝族自治州人民政府", nav(HH_NAV) + f"""
<form name="_newscontent_fromname"><table>
<tr><td class="titlestyle1701">{title}</td></tr>
<tr><td><span class="timestyle1701">{date}</span> 来源：红河州人民政府办公室 点击：<script>_showDynClicks("wbnews", 1701, {article})</script></td></tr>
<tr><td><div id="vsb_content_2"><div class="v_news_content">
{body}
</div></div></td></tr></table></form>
""", HH_HEAD)


def hh_list(rows: list[tuple[str, str, str]]) -> str:
    items = "\n".join(f'<li><a href="../info/{href}" title="{text}">{text}</a><span>{date}</span></li>' for href, text, date in rows)
    return page(HONGHE, "政府工作报告-红河哈尼族彝族自治州人民政府", nav(HH_NAV).replace('href="/', 'href="../') + f"""
<ul class="list">
{items}
</ul><div class="pb_sys_common"><span class="p_t">共{len(rows)}条</span></div>
""", HH_HEAD)


def build_honghe() -> list[dict[str, Any]]:
    gold: list[dict[str, Any]] = []
    rows = []
    reports = [
        report("红河哈尼族彝族自治州", "红河", "州", 2025, "李文祥", 13, 4, (1, 7), "2025-01-14", seed="hh25"),
        report("红河哈尼族彝族自治州", "红河", "州", 2023, "李文祥", 13, 2, (1, 9), "2023-01-16", seed="hh23"),
    ]
    for n, rep in enumerate(reports):
        article = 31200 + n
        write(HONGHE.host, f"/info/1021/{article}.htm", hh_article(rep.title, rep.published, paragraphs(rep.text_lines(), centred_count(rep)), article))
        gold.append(report_gold(f"https://{HONGHE.host}/info/1021/{article}.htm", rep))
        rows.append((f"1021/{article}.htm", rep.title, rep.published))
    for n, (title, lines) in enumerate(notices("红河州", 2023)):
        article = 31300 + n
        write(HONGHE.host, f"/info/1021/{article}.htm", hh_article(title, f"2023-02-0{n + 1}", paragraphs(lines), article))
        gold.append(other_gold(f"https://{HONGHE.host}/info/1021/{article}.htm", title, published=f"2023-02-0{n + 1}"))
        rows.append((f"1021/{article}.htm", title, f"2023-02-0{n + 1}"))
    rows.sort(key=lambda row: row[2], reverse=True)
    write(HONGHE.host, "/zwgk/zfgzbg.htm", hh_list(rows))
    write(HONGHE.host, "/", page(HONGHE, "红河哈尼族彝族自治州人民政府", nav(HH_NAV) + '<div class="news"><a href="/xwzx/hhyw.htm">红河要闻</a></div>', HH_HEAD))
    write(HONGHE.host, "/zwgk.htm", page(HONGHE, "政务公开-红河哈尼族彝族自治州人民政府", nav(HH_NAV) + """
<div class="left"><h2>政务公开</h2><ul><li><a href="/zwgk/zcwj.htm">政策文件</a></li><li><a href="/zwgk/zfgzbg.htm">政府工作报告</a></li><li><a href="/zwgk/czyjs.htm">财政预决算</a></li></ul></div>""", HH_HEAD))
    return gold


# --------------------------------------------------------------------------------- gov.cn UCAP
HN_NAV = [("/", "首页"), ("/hnszf/zwgk/home.htm", "政务公开"), ("/hnszf/hdjl/home.htm", "互动交流")]
HN_COLUMN = "/hnszf/zwgk/zfgzbg/home.htm"
HN_HEAD = '<script src="/govweb/xhtml/js/jquery.min.js"></script>\n'


def hn_article(title: str, date: str, body: str) -> str:
    return page(HUNAN, f"{title}_湖南省人民政府门户网站", nav(HN_NAV) + f"""
<div class="article"><h1 id="ti">{title}</h1>
<div class="pages-date">{date} 08:45 <span class="font">来源： 湖南省人民政府办公厅</span></div>
<div class="pages_content" id="UCAP-CONTENT">
{body}
</div></div>
""", HN_HEAD + f'<meta name="firstpublishedtime" content="{date}-08:45:00">\n')


def hn_list(rows: list[tuple[str, str, str]]) -> str:
    items = "\n".join(f'<li><h4><a href="{href}">{text}</a><span class="date">{date}</span></h4></li>' for href, text, date in rows)
    return page(HUNAN, "政府工作报告_湖南省人民政府门户网站", nav(HN_NAV) + f"""
<div class="list"><ul>
{items}
</ul><div class="page"><span class="current">1</span></div></div>
""", HN_HEAD)


def build_hunan() -> list[dict[str, Any]]:
    gold: list[dict[str, Any]] = []
    rows = []
    reports = [
        report("湖南省", "湖南", "省", 2024, "毛卫国", 14, 2, (1, 22), "2024-01-29", seed="hn24"),
        report("湖南省", "湖南", "省", 2023, "毛卫国", 14, 1, (1, 13), "2023-01-19", seed="hn23"),
        report("湖南省", "湖南", "省", 2022, "毛卫国", 13, 6, (1, 18), "2022-01-24", seed="hn22"),
    ]
    for n, rep in enumerate(reports):
        path = f"/hnszf/zwgk/zfgzbg/{rep.published[:7]}/{rep.published[8:]}/content_{5800100 + n}.htm"
        write(HUNAN.host, path, hn_article(rep.title, rep.published, paragraphs(rep.text_lines(), centred_count(rep))))
        gold.append(report_gold(f"https://{HUNAN.host}{path}", rep))
        rows.append((path, rep.title, rep.published))
    for n, (title, lines) in enumerate(notices("湖南省", 2023)):
        path = f"/hnszf/zwgk/zfgzbg/2023-02/0{n + 1}/content_{5800200 + n}.htm"
        write(HUNAN.host, path, hn_article(title, f"2023-02-0{n + 1}", paragraphs(lines)))
        gold.append(other_gold(f"https://{HUNAN.host}{path}", title, published=f"2023-02-0{n + 1}"))
        rows.append((path, title, f"2023-02-0{n + 1}"))
    rows.sort(key=lambda row: row[2], reverse=True)
    write(HUNAN.host, HN_COLUMN, hn_list(rows))
    write(HUNAN.host, "/", page(HUNAN, "湖南省人民政府门户网站", nav(HN_NAV) + '<div class="news"><a href="/hnyw/home.htm">湖南要闻</a></div>', HN_HEAD))
    write(HUNAN.host, "/hnszf/zwgk/home.htm", page(HUNAN, "政务公开_湖南省人民政府门户网站", nav(HN_NAV) + f"""
<div class="zwgk"><ul><li><a href="/hnszf/zwgk/zcwj/home.htm">政策文件</a></li><li><a href="{HN_COLUMN}">政府工作报告</a></li></ul></div>""", HN_HEAD))
    return gold


def build_wencheng() -> list[dict[str, Any]]:
    links = [("/", "首页"), ("/col/col1229701001/index.html", "政务公开"), ("/col/col1229701003/index.html", "互动交流")]
    write(WENCHENG.host, "/", page(WENCHENG, "文成县人民政府", nav(links), LG_HEAD, LG_FOOT))
    write(WENCHENG.host, links[1][0], page(WENCHENG, "政务公开_文成县人民政府", nav(links) + """
<ul><li><a href="/col/col1229701010/index.html">规划计划</a></li><li><a href="/col/col1229701011/index.html">政府文件</a></li></ul>""", LG_HEAD, LG_FOOT))
    write(WENCHENG.host, "/col/col1229701010/index.html", page(WENCHENG, "规划计划_文成县人民政府", nav(links) + """
<ul><li><a href="/col/col1229701020/index.html">国民经济和社会发展规划</a></li><li><a href="/col/col1229701021/index.html">年度计划</a></li></ul>""", LG_HEAD, LG_FOOT))
    return []


BUILDERS = {LONGGANG: build_longgang, TAISHAN: build_taishan, HONGHE: build_honghe, HUNAN: build_hunan, WENCHENG: build_wencheng}


def build_all() -> None:
    for portal, builder in BUILDERS.items():
        shutil.rmtree(SITES / portal.host, ignore_errors=True)
        gold = builder()
        write(portal.host, "/robots.txt", "User-agent: *\nDisallow: /search/\nDisallow: /module/visitcount/\n")
        write_json(portal.host, "_site.json", {
            "scheme": "https", "headers": {"Content-Type": "text/html; charset=utf-8", "Server": "nginx"},
            "files": {"/robots.txt": {"headers": {"Content-Type": "text/plain"}}},
        })
        write_json(portal.host, "_gold.json", sorted(gold, key=lambda g: g["url"]))


if __name__ == "__main__":
    build_all()
