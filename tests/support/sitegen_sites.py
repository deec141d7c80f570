"""Templates of the recorded TRS / gov.cn / VSB / generic sites (see sitegen_cms.py)."""

from __future__ import annotations

import shutil
from typing import Any

from sitegen_cms import SITES, Report, centred_count, other_gold, paragraphs, report, report_gold, write, write_json

# --------------------------------------------------------------------------------------------
# TRS WCM: 江门市人民政府门户网站, GBK (gb2312 header and meta)
# --------------------------------------------------------------------------------------------
JM = "www.jiangmen.gov.cn"
JM_COLUMN = "/zwgk/ghjh/zfgzbg/"
JM_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<meta name="SiteName" content="江门市人民政府门户网站" />
<meta name="SiteDomain" content="www.jiangmen.gov.cn" />
<meta name="SiteIDCode" content="4407000001" />
<meta name="ColumnName" content="政府工作报告" />
<meta name="ColumnType" content="政府工作报告" />
{metas}<title>{title}</title>
<link href="/images/jm_style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/images/jquery-1.11.3.min.js"></script>
</head>
<body>
<div class="top-bar"><div class="w1200"><span class="fl">欢迎访问江门市人民政府门户网站</span><span class="fr"><a href="javascript:void(0)" id="jft">繁體</a> | <a href="/wza/">无障碍</a> | <a href="/m/">手机版</a> | <a href="/wxb/">微信</a></span></div></div>
<div class="header"><div class="w1200"><a href="/" class="logo"><img src="/images/logo.png" alt="江门市人民政府门户网站" /></a>
<form class="search" action="https://search.jiangmen.gov.cn/search/" method="get"><input type="text" name="q" placeholder="请输入关键字" /><input type="submit" value="搜索" /></form></div></div>
<div class="nav"><ul class="w1200">
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjjm/">走进江门</a></li><li><a href="/ztzl/">专题专栏</a></li>
</ul></div>
"""
JM_FOOT = """<div class="footer"><div class="w1200">
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sybz/">使用帮助</a></p>
<p>主办：江门市人民政府办公室　承办：江门市政务服务数据管理局</p>
<p>网站标识码：4407000001　<a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备05083869号</a>　粤公网安备 44070302000123号</p>
<p><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E"));</script></p>
</div></div>
<script type="text/javascript" src="https://ta.trs.cn/c/js/ta.js?mpid=3871" id="_trs_ta_js" charset="utf-8"></script>
</body>
</html>
"""
JM_PAGER = """<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
if(_nPageCount == null || _nPageCount<=1){ return; }
var nCurrIndex = _nCurrIndex || 0;
if(nCurrIndex == 0) document.write("<span>首页</span> <span>上一页</span> ");
else { document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a> ");
  document.write("<a href=\\""+(nCurrIndex-1==0 ? _sPageName+"."+_sPageExt : _sPageName+"_"+(nCurrIndex-1)+"."+_sPageExt)+"\\">上一页</a> "); }
if(nCurrIndex+1 < _nPageCount) document.write("<a href=\\""+_sPageName+"_"+(nCurrIndex+1)+"."+_sPageExt+"\\">下一页</a> <a href=\\""+_sPageName+"_"+(_nPageCount-1)+"."+_sPageExt+"\\">尾页</a>");
document.write(" 共"+_nPageCount+"页 当前第"+(nCurrIndex+1)+"页");
} //WCM置标
</script>
<script type="text/javascript">createPageHTML({count}, {index}, "index", "html");</script>"""


def jm_reports() -> list[tuple[str, Report]]:
    r = report
    return [
        ("202501/t20250124_3152871.html", r("江门市", "江门", "市", 2025, "林志强", 16, 5, (1, 15), "2025-01-24")),
        ("202402/t20240205_2995031.html", r("台山市", "台山", "县", 2024, "黄振宇", 17, 4, (1, 30), "2024-02-05", seed="ts")),
        ("202401/t20240126_2987654.html", r("江门市", "江门", "市", 2024, "林志强", 16, 4, (1, 17), "2024-01-26")),
        ("202302/t20230215_2811290.html", r("开平市", "开平", "县", 2023, "关卓明", 17, 3, (2, 8), "2023-02-15", seed="kp", title_line=False)),
        ("202302/t20230203_2804417.html", r("江门市", "江门", "市", 2023, "林志强", 16, 3, (1, 29), "2023-02-03")),
        ("202201/t20220128_2601987.html", r("鹤山市", "鹤山", "县", 2022, "冯伟杰", 17, 2, (1, 20), "2022-01-28", seed="hs")),
        ("202201/t20220121_2593216.html", r("江门市", "江门", "市", 2022, "吴国强", 16, 2, (1, 11), "2022-01-21")),
        ("202102/t20210205_2278345.html", r("江门市", "江门", "市", 2021, "吴国强", 16, 1, (1, 27), "2021-02-05", title_line=False)),
        ("202001/t20200117_1987012.html", r("江门市", "江门", "市", 2020, "吴国强", 15, 5, (1, 9), "2020-01-17")),
        ("201902/t20190215_1703398.html", r("江门市", "江门", "市", 2019, "刘少华", 15, 4, (1, 29), "2019-02-15")),
    ]


JM_OTHERS = [  # (path, title, date, body lines)
    ("202501/t20250125_3153002.html", "图解：2025年江门市政府工作报告", "2025-01-25", ["（图解）", "一图速览2025年江门市政府工作报告要点。"]),
    ("202412/t20241202_3120456.html", "关于公开征集2025年市政府工作报告意见建议的公告", "2024-12-02",
     ["为进一步提高政府工作报告起草工作的开放度，现面向社会公开征集意见建议。", "征集时间：2024年12月2日至12月20日。", "江门市人民政府办公室", "2024年12月2日"]),
    ("202401/t20240127_2987790.html", "一图读懂2024年江门市政府工作报告", "2024-01-27", ["一图读懂2024年江门市政府工作报告。"]),
    ("202303/t20230310_2830021.html", "江门市人民政府关于印发2023年《政府工作报告》重点工作任务分工方案的通知", "2023-03-10",
     ["各市、区人民政府，市政府各部门、各直属机构：", "现将《2023年〈政府工作报告〉重点工作任务分工方案》印发给你们，请认真贯彻执行。", "江门市人民政府", "2023年3月10日"]),
]
JM_DEAD = ("201802/t20180212_1432209.html", "2018年江门市政府工作报告", "2018-02-12")
JM_OLD = ("/oldsite/zwgk/ghjh/zfgzbg/201702/t20170215_1032876.html", "2017年江门市政府工作报告", "2017-02-15")


def jm_article(title: str, date: str, body: str, source: str = "江门市人民政府办公室") -> str:
    metas = (f'<meta name="ArticleTitle" content="{title}" />\n<meta name="PubDate" content="{date} 09:30" />\n'
             f'<meta name="ContentSource" content="{source}" />\n<meta name="Keywords" content="政府工作报告" />\n')
    return JM_HEAD.format(metas=metas, title=f"{title}_政府工作报告_江门市人民政府门户网站") + f"""<div class="w1200 location">当前位置：<a href="../../../../">首页</a> &gt; <a href="../../../">政务公开</a> &gt; <a href="../../">规划计划</a> &gt; <a href="../">政府工作报告</a></div>
<div class="w1200 main-box">
<div class="article">
  <h1 class="article-title">{title}</h1>
  <div class="article-info"><span>发布时间：{date} 09:30</span><span>来源：{source}</span><span>字号：[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</span><span class="share">分享到：<a href="javascript:;" class="wx">微信</a><a href="javascript:;" class="wb">微博</a></span></div>
  <div class="article-content" id="zoom"><div class=TRS_Editor><style type="text/css">
.TRS_Editor P{{margin-top:0;margin-bottom:12px;line-height:2;font-family:仿宋_GB2312;font-size:16pt;}}.TRS_Editor DIV,.TRS_Editor TD,.TRS_Editor TH,.TRS_Editor SPAN,.TRS_Editor BR{{line-height:2;font-family:仿宋_GB2312;font-size:16pt;}}
</style><div class="Custom_UnionStyle">
{body}
</div></div></div>
  <div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
  <div class="related"><h3>相关稿件</h3><ul><li><a href="../202501/t20250125_3153002.html">图解：2025年江门市政府工作报告</a></li></ul></div>
</div>
</div>
""" + JM_FOOT


def jm_list(index: int, count: int, rows: list[tuple[str, str, str]]) -> str:
    items = "\n".join(
        f'<li><span class="date">{date}</span><a href="{href}" target="_blank" title="{title}">{title if len(title) <= 24 else title[:23] + "…"}</a></li>'
        for href, title, date in rows
    )
    return JM_HEAD.format(metas="", title="政府工作报告_江门市人民政府门户网站") + f"""<div class="w1200 location">当前位置：<a href="../../../">首页</a> &gt; <a href="../../">政务公开</a> &gt; <a href="../">规划计划</a> &gt; 政府工作报告</div>
<div class="w1200 main-box">
<div class="left-nav"><h2>规划计划</h2><ul>
<li><a href="../fzgh/">发展规划</a></li><li><a href="../ndjh/">年度计划</a></li><li class="on"><a href="./">政府工作报告</a></li><li><a href="../zxgh/">专项规划</a></li>
</ul></div>
<div class="right-list"><div class="list-title"><h3>政府工作报告</h3></div>
<ul class="list-ul">
{items}
</ul>
<div class="page">{JM_PAGER.replace("{count}", str(count)).replace("{index}", str(index))}</div>
</div>
</div>
""" + JM_FOOT


def build_trs() -> None:
    shutil.rmtree(SITES / JM, ignore_errors=True)
    gold: list[dict[str, Any]] = []
    rows: list[tuple[str, str, str, str]] = []  # (date, href, title, kind)
    base = f"https://{JM}{JM_COLUMN}"
    for path, rep in jm_reports():
        body = paragraphs(rep.text_lines(), centred_count(rep))
        write(JM, JM_COLUMN + path, jm_article(rep.title, rep.published, body), "gbk")
        gold.append(report_gold(base + path, rep))
        rows.append((rep.published, "./" + path, rep.title, "report"))
    for path, title, date, lines in JM_OTHERS:
        write(JM, JM_COLUMN + path, jm_article(title, date, paragraphs(lines)), "gbk")
        gold.append(other_gold(base + path, title, published=date))
        rows.append((date, "./" + path, title, "other"))
    gold.append(other_gold(base + JM_DEAD[0], JM_DEAD[1], is_report=True, status=404))
    rows.append((JM_DEAD[2], "./" + JM_DEAD[0], JM_DEAD[1], "dead"))
    old_report = report("江门市", "江门", "市", 2017, "刘少华", 15, 2, (2, 7), JM_OLD[2])
    write(JM, JM_OLD[0], jm_article(JM_OLD[1], JM_OLD[2], paragraphs(old_report.text_lines(), 3)), "gbk")
    gold.append(other_gold(f"https://{JM}{JM_OLD[0]}", JM_OLD[1], is_report=True, disallowed=True))
    rows.append((JM_OLD[2], JM_OLD[0], JM_OLD[1], "old"))
    rows.sort(reverse=True)
    pages = [rows[i:i + 6] for i in range(0, len(rows), 6)]
    for n, page in enumerate(pages):
        name = "index.html" if n == 0 else f"index_{n}.html"
        write(JM, JM_COLUMN + name, jm_list(n, len(pages), [(href, title, date) for date, href, title, _ in page]), "gbk")
    write(JM, "/robots.txt", "User-agent: *\nDisallow: /oldsite/\nDisallow: /wcm/\nDisallow: /search/\nDisallow: /images/\n")
    write_json(JM, "_site.json", {
        "scheme": "https",
        "headers": {"Content-Type": "text/html; charset=gb2312", "Server": "nginx", "X-Frame-Options": "SAMEORIGIN"},
        "last_modified": "Mon, 03 Feb 2025 01:30:00 GMT",
        "files": {
            "/robots.txt": {"headers": {"Content-Type": "text/plain"}},
            # An old WCM publication served without a charset: only the page's meta says gb2312.
            JM_COLUMN + "201902/t20190215_1703398.html": {"headers": {"Content-Type": "text/html"}},
        },
    })
    write_json(JM, "_gold.json", sorted(gold, key=lambda g: g["url"]))


# --------------------------------------------------------------------------------------------
# gov.cn: 中国政府网 地方政府工作报告 column (UCAP templates), UTF-8
# --------------------------------------------------------------------------------------------
GOV = "www.gov.cn"
GOV_COLUMN = "/zhengce/dfzfgzbg/"
GOV_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
{metas}<title>{title}</title>
<link rel="stylesheet" href="/govweb/xhtml/2016gov/css/common.css">
<script src="/govweb/xhtml/2016gov/js/jquery.min.js"></script>
</head>
<body>
<div class="header"><div class="w1200"><a class="logo" href="/"><img src="/govweb/xhtml/2016gov/images/logo.png" alt="中国政府网"></a>
<div class="top_right"><a href="/">首页</a> | <a href="http://big5.www.gov.cn/">繁</a> | <a href="http://english.www.gov.cn/">EN</a> | <a href="/zhuanti/login.htm">登录</a> | <a href="/zhuanti/grzx.htm">个人中心</a></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/guowuyuan/">国务院</a></li><li><a href="/premier/">总理</a></li><li><a href="/xinwen/">新闻</a></li><li><a href="/zhengce/">政策</a></li><li><a href="/hudong/">互动</a></li><li><a href="/fuwu/">服务</a></li><li><a href="/shuju/">数据</a></li><li><a href="/guoqing/">国情</a></li></ul></div></div>
"""
GOV_FOOT = """<div class="footer"><div class="w1200">
<p><a href="/zhuanti/wzgs.htm">关于本网</a> | <a href="/zhuanti/wzsm.htm">网站声明</a> | <a href="/zhuanti/wzdt.htm">网站地图</a> | <a href="/zhuanti/lxwm.htm">联系我们</a> | <a href="/zhuanti/wzjc.htm">网站纠错</a></p>
<p>版权所有：中国政府网 | 中文域名：中国政府网.政务</p>
<p>网站标识码bm01000001 <a href="https://beian.miit.gov.cn/" target="_blank">京ICP备05070218号</a> 京公网安备11010202000001号</p>
<p>国务院办公厅主办 中国政府网运行中心负责运行维护</p>
</div></div>
</body>
</html>
"""


def gov_reports() -> list[tuple[str, str, Report]]:
    """(path, layout, report)."""
    r = report
    return [
        ("/zhengce/2025-01/20/content_6999130.htm", "news", r("广东省", "广东", "省", 2025, "王立新", 14, 3, (1, 14), "2025-01-20")),
        ("/zhengce/2024-01/31/content_6929455.htm", "news", r("四川省", "四川", "省", 2024, "黄晓峰", 14, 2, (1, 25), "2024-01-31")),
        ("/zhengce/2024-01/29/content_6928731.htm", "news", r("浙江省", "浙江", "省", 2024, "周建华", 14, 2, (1, 23), "2024-01-29", title_line=False)),
        ("/zhengce/2023-01/20/content_5738210.htm", "news", r("山东省", "山东", "省", 2023, "孙宏伟", 14, 1, (1, 13), "2023-01-20")),
        ("/zhengce/content/2023-01/19/content_5738112.htm", "policy", r("江苏省", "江苏", "省", 2023, "许志明", 14, 1, (1, 14), "2023-01-19")),
        ("/zhengce/2022-01/17/content_5668690.htm", "news", r("河南省", "河南", "省", 2022, "马俊峰", 13, 6, (1, 8), "2022-01-17")),
        ("/zhengce/content/2021-02/05/content_5585211.htm", "policy", r("湖南省", "湖南", "省", 2021, "毛卫国", 13, 5, (1, 30), "2021-02-05")),
    ]


GOV_OTHERS = [
    ("/zhengce/2024-02/01/content_6929700.htm", "四川省政府工作报告解读：2024年这样干", "2024-02-01"),
    ("/zhengce/2024-01/30/content_6929002.htm", "一图读懂2024年浙江省政府工作报告", "2024-01-30"),
    ("/xinwen/2023-01/20/content_5738300.htm", "江苏省政府新闻办举行2023年政府工作报告新闻发布会", "2023-01-20"),
]
GOV_DEAD = ("/zhengce/2022-01/24/content_5670088.htm", "2022年河北省政府工作报告", "2022-01-24")
GOV_OLD = ("/test/2012-03/15/content_2067314.htm", "2012年湖北省政府工作报告", "2012-03-15")


def gov_news(title: str, date: str, source: str, body: str) -> str:
    metas = (f'<meta name="firstpublishedtime" content="{date}-08:45:00">\n<meta name="lastmodifiedtime" content="{date}-08:45:00">\n'
             f'<meta name="lanmu" content="地方政府工作报告">\n<meta name="keywords" content="政府工作报告">\n')
    return GOV_HEAD.format(metas=metas, title=f"{title}_地方政府工作报告_中国政府网") + f"""<div class="w1200 BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; <a href="{GOV_COLUMN}home.htm">地方政府工作报告</a></div>
<div class="article oneColumn pub_border">
  <h1 id="ti">{title}</h1>
  <div class="pages-date">{date} 08:45  <span class="font">来源： {source}</span>
    <div class="pages_print"><span class="font index_switchsize">【字体：<span class="bigger">大</span> <span class="medium">中</span> <span class="smaller">小</span>】</span><span style="cursor:pointer;" class="font printIco" onclick="javascript:window.print()">打印</span></div>
  </div>
  <div class="pages_content" id="UCAP-CONTENT">
{body}
  </div>
  <div class="editor">【我要纠错】 责任编辑：李晓宁</div>
  <div class="share"><span>分享到：</span><a href="javascript:;" class="wx">微信</a><a href="javascript:;" class="wb">微博</a></div>
</div>
""" + GOV_FOOT


def gov_policy(title: str, date: str, written: str, issuer: str, index_no: str, body: str) -> str:
    metas = (f'<meta name="firstpublishedtime" content="{date}-16:20:00">\n<meta name="lanmu" content="政策">\n'
             f'<meta name="keywords" content="政府工作报告">\n')
    y, m, d = date.split("-")
    wy, wm, wd = written.split("-")
    return GOV_HEAD.format(metas=metas, title=f"{title}_政策_中国政府网") + f"""<div class="w1200 BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; <a href="{GOV_COLUMN}home.htm">地方政府工作报告</a></div>
<div class="policyLibraryOverview_header">
<table width="100%" border="0" cellspacing="1" cellpadding="0" class="bd1">
  <tr><td width="90" nowrap="nowrap"><b>索&nbsp;&nbsp;引&nbsp;&nbsp;号：</b></td><td width="260">{index_no}</td><td width="80" nowrap="nowrap"><b>主题分类：</b></td><td class="zcwj_ztfl" width="190">综合政务\\其他</td></tr>
  <tr><td><b>发文机关：</b></td><td>{issuer}</td><td><b>成文日期：</b></td><td>{wy}年{wm}月{wd}日</td></tr>
  <tr><td><b>标　　题：</b></td><td colspan="3">{title}</td></tr>
  <tr><td><b>发文字号：</b></td><td></td><td><b>发布日期：</b></td><td>{y}年{m}月{d}日</td></tr>
</table>
</div>
<div class="share-title">{title}</div>
<table width="100%"><tr><td class="b12c" id="UCAP-CONTENT"><div class="TRS_UEDITOR trs_paper_default trs_web">
{body}
</div></td></tr></table>
<div><span class="font-zyygwj">来源：{issuer}</span></div>
""" + GOV_FOOT


def gov_list(index: int, count: int, rows: list[tuple[str, str, str]]) -> str:
    items = "\n".join(f'<li><h4><a href="{href}" target="_blank">{title}</a><span class="date">{date}</span></h4></li>' for href, title, date in rows)
    pages = ['<a href="home.htm">首页</a>']
    if index > 0:
        pages.append(f'<a href="{"home.htm" if index == 1 else f"home_{index - 1}.htm"}">上一页</a>')
    for n in range(count):
        pages.append(f'<span class="current">{n + 1}</span>' if n == index else f'<a href="{"home.htm" if n == 0 else f"home_{n}.htm"}">{n + 1}</a>')
    if index < count - 1:
        pages.append(f'<a href="home_{index + 1}.htm">下一页</a>')
    pages.append(f'<a href="home_{count - 1}.htm">尾页</a>')
    return GOV_HEAD.format(metas="", title="地方政府工作报告_政策_中国政府网") + f"""<div class="w1200 BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; 地方政府工作报告</div>
<div class="w1200 list list_1 list_2">
<div class="channel_tab"><a href="/zhengce/zuixin/home.htm">最新政策</a><a href="/zhengce/xxgk/">国务院政策文件库</a><a class="on" href="{GOV_COLUMN}home.htm">地方政府工作报告</a></div>
<ul>
{items}
</ul>
<div class="page" id="page">{" ".join(pages)}</div>
</div>
""" + GOV_FOOT


def build_govcn() -> None:
    shutil.rmtree(SITES / GOV, ignore_errors=True)
    gold: list[dict[str, Any]] = []
    rows: list[tuple[str, str, str]] = []
    for n, (path, layout, rep) in enumerate(gov_reports()):
        body = paragraphs(rep.text_lines(), centred_count(rep))
        if layout == "news":
            page = gov_news(rep.title, rep.published, f"{rep.short}日报" if n % 2 else f"{rep.region}人民政府网站", body)
        else:
            page = gov_policy(rep.title, rep.published, rep.delivered_on, f"{rep.region}人民政府", f"{4300 + n:06d}/{rep.year}-0{n + 1}12", body)
        write(GOV, path, page)
        gold.append(report_gold(f"https://{GOV}{path}", rep, layout=layout))
        rows.append((rep.published, path, rep.title))
    for path, title, date in GOV_OTHERS:
        write(GOV, path, gov_news(title, date, "新华网", paragraphs([f"{title}。", "详见附件。"])))
        gold.append(other_gold(f"https://{GOV}{path}", title, published=date))
        rows.append((date, path, title))
    gold.append(other_gold(f"https://{GOV}{GOV_DEAD[0]}", GOV_DEAD[1], is_report=True, status=404))
    rows.append((GOV_DEAD[2], GOV_DEAD[0], GOV_DEAD[1]))
    old = report("湖北省", "湖北", "省", 2012, "王国庆", 11, 5, (2, 10), GOV_OLD[2])
    write(GOV, GOV_OLD[0], gov_news(GOV_OLD[1], GOV_OLD[2], "湖北日报", paragraphs(old.text_lines(), 3)))
    gold.append(other_gold(f"https://{GOV}{GOV_OLD[0]}", GOV_OLD[1], is_report=True, disallowed=True))
    rows.append((GOV_OLD[2], GOV_OLD[0], GOV_OLD[1]))
    rows.sort(reverse=True)
    pages = [rows[i:i + 5] for i in range(0, len(rows), 5)]
    for n, page in enumerate(pages):
        name = "home.htm" if n == 0 else f"home_{n}.htm"
        write(GOV, GOV_COLUMN + name, gov_list(n, len(pages), [(href, title, date) for date, href, title in page]))
    write(GOV, "/robots.txt", "User-agent: *\nDisallow: /test/\nDisallow: /govweb/\nDisallow: /search/\n")
    write_json(GOV, "_site.json", {
        "scheme": "https",
        "headers": {"Content-Type": "text/html; charset=utf-8", "Server": "nginx", "Cache-Control": "max-age=600"},
        "last_modified": "Mon, 20 Jan 2025 01:00:00 GMT",
        "files": {"/robots.txt": {"headers": {"Content-Type": "text/plain"}}},
    })
    write_json(GOV, "_gold.json", sorted(gold, key=lambda g: g["url"]))


# --------------------------------------------------------------------------------------------
# 博达 VSB: 石屏县人民政府, UTF-8, static list pages counting down
# --------------------------------------------------------------------------------------------
SP = "www.shiping.gov.cn"
SP_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>{title}</title>
<meta name="description" content="{title}" />
<meta content="IE=edge" http-equiv="X-UA-Compatible" />
<link type="text/css" href="{root}style.css" rel="stylesheet" />
<script language="javascript" src="/system/resource/js/dynclicks.js"></script>
<script language="javascript" src="/system/resource/js/jquery/jquery-latest.min.js"></script>
<!--Announced by Visual SiteBuilder 9-->
<link rel="stylesheet" type="text/css" href="{root}_sitegray/_sitegray_d.css" />
<script language="javascript" src="{root}_sitegray/_sitegray.js"></script>
<!-- CustomerNO:77656262657232307b784657535b5742000200024654 -->
<link rel="stylesheet" type="text/css" href="{root}{css}.vsb.css" />
</head>
<body>
<div class="top"><div class="top_c"><img src="{root}images/logo.png" alt="石屏县人民政府" /><div class="top_r"><a href="javascript:;" onclick="_vsb_sethome()">设为首页</a> | <a href="javascript:;" onclick="_vsb_addfav()">加入收藏</a></div></div></div>
<div class="nav"><ul>
<li><a href="{root}index.htm">首页</a></li><li><a href="{root}zjsp.htm">走进石屏</a></li><li><a href="{root}xwdt.htm">新闻动态</a></li><li><a href="{root}zwgk.htm">政务公开</a></li><li><a href="{root}zmhd.htm">政民互动</a></li><li><a href="{root}bsfw.htm">办事服务</a></li>
</ul></div>
"""
SP_FOOT = """<div class="foot"><div class="foot_c">
<p>主办单位：石屏县人民政府办公室　联系电话：0873-4850000</p>
<p>网站标识码：5325250001　<a href="https://beian.miit.gov.cn" target="_blank">滇ICP备05001234号</a>　滇公网安备53252502000101号</p>
<p><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E"));</script></p>
</div></div>
</body>
</html>
"""


def sp_reports() -> list[tuple[int, Report]]:
    r = report
    return [
        (25061, r("石屏县", "石屏", "县", 2025, "杨丽萍", 18, 5, (1, 10), "2025-01-17")),
        (24987, r("红河哈尼族彝族自治州", "红河", "州", 2024, "李文祥", 13, 3, (1, 8), "2024-01-15", title_line=False)),
        (24955, r("石屏县", "石屏", "县", 2024, "杨丽萍", 18, 4, (1, 5), "2024-01-12")),
        (23529, r("石屏县", "石屏", "县", 2023, "普建明", 18, 3, (1, 6), "2023-01-13")),
        (22340, r("石屏县", "石屏", "县", 2022, "普建明", 18, 2, (1, 7), "2022-01-14", title_line=False)),
        (21108, r("石屏县", "石屏", "县", 2021, "普建明", 18, 1, (2, 20), "2021-02-26")),
        (19826, r("石屏县", "石屏", "县", 2020, "白志强", 17, 5, (1, 9), "2020-01-16")),
    ]


SP_OTHERS = [
    (25002, "县人民政府召开2025年《政府工作报告》起草工作座谈会", "2024-11-26"),
    (24470, "石屏县2024年政府工作报告重点任务分解方案", "2024-02-20"),
    (24960, "视频：县长杨丽萍作政府工作报告", "2024-01-12"),
]
SP_DEAD = (18233, "2019年石屏县政府工作报告", "2019-01-18")
SP_OLD = ("/info/1099/12001.htm", "2018年石屏县政府工作报告", "2018-01-19")


def sp_article(title: str, date: str, body: str, column: str = "1040", source: str = "石屏县人民政府办公室") -> str:
    y, m, d = date.split("-")
    return SP_HEAD.format(title=f"{title}-石屏县人民政府", root="../../", css="content") + f"""<div class="main">
<div class="dqwz">当前位置: <a href="../../index.htm">首页</a> &gt;&gt; <a href="../../zwgk.htm">政务公开</a> &gt;&gt; <a href="../../zwgk/zfgzbg.htm">政府工作报告</a> &gt;&gt; 正文</div>
<script language="javascript" src="/system/resource/js/counter.js"></script>
<script type="text/javascript">_jsq_(1040,'/content.jsp',{column},1663285641)</script>
<form name="_newscontent_fromname">
<table width="100%" border="0" cellspacing="0" cellpadding="0">
  <tr><td class="titlestyle1663285641" align="center">{title}</td></tr>
  <tr><td align="center" height="30"><span class="timestyle1663285641">{y}-{m}-{d}</span>&nbsp;&nbsp;&nbsp;<span class="authorstyle1663285641">来源：{source}</span>&nbsp;&nbsp;&nbsp;点击：<span class="WBA_content_clicks"><script>_showDynClicks("wbnews", 1663285641, {column})</script></span>次</td></tr>
  <tr><td class="contentstyle1663285641">
  <div id="vsb_content_2"><div class="v_news_content">
{body}
  </div></div>
  <div id="div_vote_id"></div>
  </td></tr>
  <tr><td class="pagestyle1663285641" align="left">
  <p><span>上一篇：</span><a href="24955.htm">2024年石屏县政府工作报告</a></p>
  <p><span>下一篇：</span><a href="23529.htm">2023年石屏县政府工作报告</a></p>
  </td></tr>
</table>
</form>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
""" + SP_FOOT


def sp_list(pages: list[list[tuple[str, str, str]]], n: int) -> str:
    """List page n (0: zfgzbg.htm, then zfgzbg/{count-1}.htm … zfgzbg/1.htm)."""
    count = len(pages)
    root = "../" if n == 0 else "../../"
    prefix = "zfgzbg/" if n == 0 else ""
    name = lambda k: ("../zfgzbg.htm" if n else "zfgzbg.htm") if k == 0 else f"{prefix}{count - k}.htm"  # noqa: E731
    info = "../info/" if n == 0 else "../../info/"
    items = "\n".join(f'<li><a href="{info}{href}" target="_blank" title="{title}">{title}</a><span>{date}</span></li>' for href, title, date in pages[n])
    pager = [f'<span class="p_t">共{sum(map(len, pages))}条</span> <span class="p_pages">']
    pager.append('<span class="p_first_d p_fun_d">首页</span><span class="p_prev_d p_fun_d">上页</span>' if n == 0 else
                 f'<span class="p_first p_fun"><a href="{name(0)}">首页</a></span><span class="p_prev p_fun"><a href="{name(n - 1)}">上页</a></span>')
    for k in range(count):
        pager.append(f'<span class="p_no_d">{k + 1}</span>' if k == n else f'<span class="p_no"><a href="{name(k)}">{k + 1}</a></span>')
    pager.append('<span class="p_next_d p_fun_d">下页</span><span class="p_last_d p_fun_d">尾页</span>' if n == count - 1 else
                 f'<span class="p_next p_fun"><a href="{name(n + 1)}">下页</a></span><span class="p_last p_fun"><a href="{name(count - 1)}">尾页</a></span>')
    pager.append(f'</span> <span class="p_t">到第</span><span class="p_goto"><input type="text" class="p_goto_input" maxlength="10" id="u8_goto" /></span><span class="p_t">页</span> '
                 f'<span class="p_goto"><a href="javascript:;" onclick="_simple_list_gotopage_fun({count},\'u8_goto\',2)">跳转</a></span>')
    return SP_HEAD.format(title="政府工作报告-石屏县人民政府", root=root, css="list") + f"""<div class="main">
<div class="left"><h2>政务公开</h2><ul><li><a href="{root}zwgk/zcwj.htm">政策文件</a></li><li class="on"><a href="{root}zwgk/zfgzbg.htm">政府工作报告</a></li><li><a href="{root}zwgk/czyjs.htm">财政预决算</a></li></ul></div>
<div class="right"><div class="dqwz">当前位置: <a href="{root}index.htm">首页</a> &gt;&gt; <a href="{root}zwgk.htm">政务公开</a> &gt;&gt; 政府工作报告</div>
<script language="javascript" src="/system/resource/js/centerCutImg.js"></script><script language="javascript" src="/system/resource/js/ajax.js"></script>
<ul class="list">
{items}
</ul>
<div align="center"><input type="hidden" name="currentnum" value="{n + 1}" /><div class="pb_sys_common pb_sys_normal pb_sys_style1">{"".join(pager)}</div></div>
<script>_showDynClickBatch(['dynclicks_u8_25061'],[25061],"wbnews", 1663285641)</script>
</div>
</div>
""" + SP_FOOT


def build_vsb() -> None:
    shutil.rmtree(SITES / SP, ignore_errors=True)
    gold: list[dict[str, Any]] = []
    rows: list[tuple[str, str, str]] = []
    for article, rep in sp_reports():
        write(SP, f"/info/1040/{article}.htm", sp_article(rep.title, rep.published, paragraphs(rep.text_lines(), centred_count(rep)), str(article)))
        gold.append(report_gold(f"https://{SP}/info/1040/{article}.htm", rep))
        rows.append((rep.published, f"1040/{article}.htm", rep.title))
    for article, title, date in SP_OTHERS:
        write(SP, f"/info/1040/{article}.htm", sp_article(title, date, paragraphs([f"{title}。", "（石屏县融媒体中心）"]), str(article)))
        gold.append(other_gold(f"https://{SP}/info/1040/{article}.htm", title, published=date))
        rows.append((date, f"1040/{article}.htm", title))
    gold.append(other_gold(f"https://{SP}/info/1040/{SP_DEAD[0]}.htm", SP_DEAD[1], is_report=True, status=404))
    rows.append((SP_DEAD[2], f"1040/{SP_DEAD[0]}.htm", SP_DEAD[1]))
    old = report("石屏县", "石屏", "县", 2018, "白志强", 17, 3, (1, 12), SP_OLD[2])
    write(SP, SP_OLD[0], sp_article(SP_OLD[1], SP_OLD[2], paragraphs(old.text_lines(), 3), "12001"))
    gold.append(other_gold(f"https://{SP}{SP_OLD[0]}", SP_OLD[1], is_report=True, disallowed=True))
    rows.append((SP_OLD[2], SP_OLD[0].removeprefix("/info/"), SP_OLD[1]))
    rows.sort(reverse=True)
    pages = [[(href, title, date) for date, href, title in rows[i:i + 5]] for i in range(0, len(rows), 5)]
    for n in range(len(pages)):
        path = "/zwgk/zfgzbg.htm" if n == 0 else f"/zwgk/zfgzbg/{len(pages) - n}.htm"
        write(SP, path, sp_list(pages, n))
    write(SP, "/robots.txt", "User-agent: *\nDisallow: /system/\nDisallow: /info/1099/\nDisallow: /_sitegray/\n")
    write_json(SP, "_site.json", {
        "scheme": "https",
        "headers": {"Content-Type": "text/html", "Server": "VWebServer", "X-Frame-Options": "SAMEORIGIN"},
        "last_modified": "Fri, 17 Jan 2025 02:00:00 GMT",
        "files": {"/robots.txt": {"headers": {"Content-Type": "text/plain"}}},
    })
    write_json(SP, "_gold.json", sorted(gold, key=lambda g: g["url"]))


# --------------------------------------------------------------------------------------------
# Generic: 永州市地方志编纂室, a hand-built PHP site with a sitemap, an RSS feed and columns
# --------------------------------------------------------------------------------------------
YZ = "dfz.yongzhou.gov.cn"
YZ_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/css/main.css?v=20230311">
<link rel="alternate" type="application/rss+xml" title="永州方志 RSS" href="/rss.xml">
<link rel="shortcut icon" href="/favicon.ico">
</head>
<body>
<header class="top"><div class="wrap">
<a class="logo" href="/"><img src="/static/img/logo.png" alt="永州市地方志编纂室"></a>
<nav><ul>
<li><a href="/">首页</a></li><li><a href="/fzdt/">方志动态</a></li><li><a href="/njbz/">年鉴编纂</a></li><li><a href="/zfbg/">政府工作报告</a></li><li><a href="/dqzl/">地情资料</a></li><li><a href="/about.html">关于我们</a></li>
</ul></nav>
<form class="so" action="/search.php" method="get"><input name="kw" placeholder="站内搜索"><button>搜索</button></form>
</div></header>
"""
YZ_FOOT = """<footer><div class="wrap">
<p><a href="/about.html">关于我们</a> · <a href="https://www.yzcity.gov.cn/" target="_blank">永州市人民政府</a> · <a href="http://www.hnsqw.org.cn/" target="_blank">湖南省情网</a></p>
<p>版权所有：永州市地方志编纂室　地址：永州市冷水滩区逸云路1号　电话：0746-8223456</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">湘ICP备12003456号-1</a></p>
</div></footer>
<script src="/static/js/jquery.min.js"></script><script src="/static/js/hits.js"></script>
</body>
</html>
"""


def yz_reports() -> list[tuple[str, Report, tuple[str, ...]]]:
    """(path, report, where it is linked: home/list1/list2/list3/feed/sitemap)."""
    r = report
    return [
        ("/zfbg/2024/03/05/1206.html", r("新田县", "新田", "县", 2024, "谢雨晴", 18, 4, (2, 27), "2024-03-05"), ("feed",)),
        ("/zfbg/2024/02/26/1204.html", r("宁远县", "宁远", "县", 2024, "欧阳斌", 18, 4, (2, 22), "2024-02-26"), ("home", "list1", "feed", "sitemap")),
        ("/zfbg/2024/02/20/1201.html", r("永州市", "永州", "市", 2024, "朱洪武", 6, 4, (2, 18), "2024-02-20"), ("home", "list1", "feed", "sitemap")),
        ("/zfbg/2023/02/28/1108.html", r("东安县", "东安", "县", 2023, "唐志刚", 18, 3, (2, 23), "2023-02-28"), ("sitemap",)),
        ("/zfbg/2023/02/21/1105.html", r("道县", "道县", "县", 2023, "何少军", 18, 3, (2, 16), "2023-02-21", title_line=False), ("list2", "sitemap")),
        ("/zfbg/2023/02/14/1102.html", r("永州市", "永州", "市", 2023, "朱洪武", 6, 3, (2, 10), "2023-02-14"), ("list1", "sitemap")),
        ("/zfbg/2022/02/18/1003.html", r("永州市", "永州", "市", 2022, "朱洪武", 6, 2, (2, 14), "2022-02-18"), ("list2", "sitemap")),
        ("/zfbg/2020/01/20/0801.html", r("永州市", "永州", "市", 2020, "严华", 5, 5, (1, 15), "2020-01-20"), ("list3",)),
        ("/preview/zfbg/2022/03/01/1010.html", r("江永县", "江永", "县", 2022, "蒋文", 18, 2, (2, 25), "2022-03-01"), ("list2",)),
    ]


YZ_DEAD = ("/zfbg/2021/03/02/0908.html", "2021年双牌县政府工作报告", "2021-03-02")
YZ_NEWS = [  # (path, title, date, column)
    ("/fzdt/2024/03/12/2210.html", "市地方志编纂室召开2024年全市地方志工作会议", "2024-03-12", "fzdt"),
    ("/fzdt/2024/01/08/2201.html", "《永州市志（1989-2010）》通过省级终审验收", "2024-01-08", "fzdt"),
    ("/fzdt/2023/11/20/2187.html", "我室开展“方志进校园”主题宣传活动走进永州一中", "2023-11-20", "fzdt"),
    ("/zfbg/2024/02/22/1202.html", "2024年永州市政府工作报告解读：十项民生实事怎么干", "2024-02-22", "zfbg"),
    ("/njbz/2023/09/15/3102.html", "《永州年鉴（2023）》正式出版发行", "2023-09-15", "njbz"),
]


def yz_article(title: str, date: str, source: str, body_lines: list[str], column: tuple[str, str]) -> str:
    body = "\n".join(f"<p>{line}</p>" for line in body_lines)
    return YZ_HEAD.format(title=f"{title}_{column[1]}_永州市地方志编纂室") + f"""<div class="wrap crumbs">您现在的位置：<a href="/">首页</a> » <a href="/{column[0]}/">{column[1]}</a> » 正文</div>
<div class="wrap main">
<article class="post">
<h1 class="post-title">{title}</h1>
<p class="post-meta">发布时间：{date}　来源：{source}　浏览：<span id="hits">{len(body) % 997 + 103}</span>次</p>
<div class="post-body">
{body}
</div>
<div class="post-nav"><p>上一篇：<a href="/zfbg/2023/02/14/1102.html">2023年永州市政府工作报告</a></p><p>下一篇：<a href="/fzdt/2024/03/12/2210.html">市地方志编纂室召开2024年全市地方志工作会议</a></p></div>
</article>
<aside class="side"><h3>热门文章</h3><ul>
<li><a href="/fzdt/2024/01/08/2201.html">《永州市志（1989-2010）》通过省级终审验收</a></li>
<li><a href="/njbz/2023/09/15/3102.html">《永州年鉴（2023）》正式出版发行</a></li>
</ul></aside>
</div>
""" + YZ_FOOT


def yz_column(title: str, rows: list[tuple[str, str, str]], pager: str = "", intro: str = "") -> str:
    items = "\n".join(f'<li><a href="{href}">{t}</a><span class="d">{d}</span></li>' for href, t, d in rows)
    return YZ_HEAD.format(title=f"{title}_永州市地方志编纂室") + f"""<div class="wrap crumbs">您现在的位置：<a href="/">首页</a> » {title}</div>
<div class="wrap main"><section class="col">
<h2>{title}</h2>{intro}
<ul class="art-list">
{items}
</ul>
<div class="pager">{pager}</div>
</section></div>
""" + YZ_FOOT


def build_generic() -> None:
    shutil.rmtree(SITES / YZ, ignore_errors=True)
    gold: list[dict[str, Any]] = []
    by_place: dict[str, list[tuple[str, str, str]]] = {}
    feed: list[tuple[str, str, str]] = []
    sitemap: list[tuple[str, str]] = []
    for path, rep, where in yz_reports():
        write(YZ, path, yz_article(rep.title, rep.published, f"{rep.region}人民政府", rep.text_lines(), ("zfbg", "政府工作报告")))
        disallowed = path.startswith("/preview/")
        gold.append(report_gold(f"https://{YZ}{path}", rep, found_by=list(where), **({"disallowed": True} if disallowed else {})))
        for place in where:
            by_place.setdefault(place, []).append((path, rep.title, rep.published))
        if "feed" in where:
            feed.append((path, rep.title, rep.published))
        if "sitemap" in where:
            sitemap.append((path, rep.published))
    by_place["list2"].append((YZ_DEAD[0], YZ_DEAD[1], YZ_DEAD[2]))
    gold.append(other_gold(f"https://{YZ}{YZ_DEAD[0]}", YZ_DEAD[1], is_report=True, status=404, found_by=["list2"]))
    names = {"fzdt": "方志动态", "zfbg": "政府工作报告", "njbz": "年鉴编纂"}
    for path, title, date, column in YZ_NEWS:
        lines = [f"{title}。", f"{date[:4]}年{int(date[5:7])}月{int(date[8:])}日，永州市地方志编纂室组织开展相关工作，室领导班子成员和各科室负责人参加。", "（永州市地方志编纂室 供稿）"]
        write(YZ, path, yz_article(title, date, "永州市地方志编纂室", lines, (column, names[column])))
        found = ["sitemap"] + (["home", "fzdt"] if column == "fzdt" else []) + (["list1"] if column == "zfbg" else []) + (["njbz"] if column == "njbz" else [])
        gold.append(other_gold(f"https://{YZ}{path}", title, published=date, found_by=found))
        sitemap.append((path, date))
        for place in found:
            if place != "sitemap":
                by_place.setdefault(place, []).append((path, title, date))
    feed += [(p, t, d) for p, t, d, c in YZ_NEWS[:2]]
    order = lambda rows: sorted(rows, key=lambda row: row[2], reverse=True)  # noqa: E731
    write(YZ, "/", yz_column("永州市地方志编纂室", order(by_place["home"]), intro="<p>最新发布</p>"))
    write(YZ, "/zfbg/", yz_column("政府工作报告", order(by_place["list1"]), '<a href="/zfbg/index_2.html">下一页</a>'))
    write(YZ, "/zfbg/index_2.html", yz_column("政府工作报告", order(by_place["list2"]), '<a href="/zfbg/">上一页</a> <a href="/zfbg/index_3.html">下一页</a>'))
    write(YZ, "/zfbg/index_3.html", yz_column("政府工作报告", order(by_place["list3"]), '<a href="/zfbg/index_2.html">上一页</a>'))
    write(YZ, "/fzdt/", yz_column("方志动态", order(by_place["fzdt"])))
    write(YZ, "/njbz/", yz_column("年鉴编纂", order(by_place["njbz"])))
    write(YZ, "/dqzl/", yz_column("地情资料", [], intro="<p>永州古称零陵，位于湖南省南部，潇水与湘江在此汇合。</p>"))
    write(YZ, "/about.html", yz_column("关于我们", [], intro="<p>永州市地方志编纂室负责全市地方志、年鉴的编纂和地情资料的收集整理工作。</p>"))
    items = "\n".join(
        f"<item><title>{t}</title><link>https://{YZ}{p}</link><guid>https://{YZ}{p}</guid><pubDate>{d}</pubDate></item>"
        for p, t, d in order(feed)
    )
    write(YZ, "/rss.xml", f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>永州方志</title><link>https://{YZ}/</link><description>永州市地方志编纂室</description><language>zh-cn</language>
{items}
</channel></rss>
""")
    urls = "\n".join(f"<url><loc>https://{YZ}{p}</loc><lastmod>{d}</lastmod></url>" for p, d in sorted(sitemap))
    write(YZ, "/sitemap-posts.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>
""")
    pages = "\n".join(f"<url><loc>https://{YZ}{p}</loc><changefreq>daily</changefreq></url>" for p in ("/", "/fzdt/", "/njbz/", "/zfbg/", "/dqzl/", "/about.html"))
    write(YZ, "/sitemap-pages.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{pages}
</urlset>
""")
    write(YZ, "/sitemap_index.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://{YZ}/sitemap-posts.xml</loc><lastmod>2024-03-12</lastmod></sitemap>
<sitemap><loc>https://{YZ}/sitemap-pages.xml</loc></sitemap>
</sitemapindex>
""")
    write(YZ, "/robots.txt", f"User-agent: *\nDisallow: /admin/\nDisallow: /preview/\nDisallow: /search.php\n\nSitemap: https://{YZ}/sitemap_index.xml\n")
    write_json(YZ, "_site.json", {
        "scheme": "https",
        "headers": {"Content-Type": "text/html; charset=UTF-8", "Server": "Apache/2.4.6 (CentOS) PHP/5.4.16", "X-Powered-By": "PHP/5.4.16"},
        "last_modified": "Tue, 12 Mar 2024 08:00:00 GMT",
        "files": {
            "/robots.txt": {"headers": {"Content-Type": "text/plain"}},
            "/rss.xml": {"headers": {"Content-Type": "application/rss+xml; charset=utf-8"}},
            "/sitemap_index.xml": {"headers": {"Content-Type": "application/xml"}},
            "/sitemap-posts.xml": {"headers": {"Content-Type": "application/xml"}},
            "/sitemap-pages.xml": {"headers": {"Content-Type": "application/xml"}},
        },
    })
    write_json(YZ, "_gold.json", sorted(gold, key=lambda g: g["url"]))


def build_all() -> None:
    build_trs()
    build_govcn()
    build_vsb()
    build_generic()
