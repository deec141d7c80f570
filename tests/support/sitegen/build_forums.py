"""Write tests/sites/bbs.lishuiren.net (UTF-8, rewrite) and bbs.gannanren.com (GBK, dynamic URLs)."""
from __future__ import annotations

import html
import json
import shutil

from discuz_build import *  # noqa: F403
from reports import retype

OUT = SITES


def site_json(host: str, charset: str, server: str, routes: list, last_modified: str) -> dict:
    return {
        "scheme": "http",
        "headers": {"Content-Type": f"text/html; charset={charset}", "Server": server, "X-Powered-By": "PHP/5.6.40",
                    "Cache-Control": "no-store, private, post-check=0, pre-check=0, max-age=0", "Pragma": "no-cache",
                    "Set-Cookie": "x7Kd_2132_lastact=1709342100%09forum.php%09; expires=Sun, 03-Mar-2024 01:15:00 GMT; Max-Age=86400; path=/; HttpOnly"},
        "last_modified": last_modified,
        "files": {"/robots.txt": {"headers": {"Content-Type": "text/plain"}}},
        "routes": routes,
    }


def lishuiren() -> None:
    f = Forum("bbs.lishuiren.net", "丽水人论坛", 36, "时政要闻", "utf-8", True, "GMT+8, 2024-3-2 09:15")
    root = OUT / f.host
    shutil.rmtree(root, ignore_errors=True)
    starter = ("处州老陈", 5521, 23456, 730)
    starter2 = ("莲城阿明", 6610, 8820, 365)
    url_of = lambda tid, n: f"http://{f.host}/thread-{tid}-{n}-1.html"  # noqa: E731
    threads: dict[int, Thread] = {}
    gold: list[dict] = []

    def add(t: Thread, spec_key=None, text=None, report_id=None):
        threads[t.tid] = t
        gold.extend(gold_for(f, t, url_of, spec_key, text, report_id))

    # 2024 丽水市: one floor; also linked from the 本版热帖 box in the forum.php form.
    floors, text = report_floors(f, "lishui2024", starter, "2024-1-24", 902001)
    t = Thread(41502, "2024年丽水市政府工作报告", "[丽水]", starter[0], starter[1], "2024-1-24", 6, 4127,
               [floors + replies(2, 6, 902010, "2024-1-24")])
    add(t, "lishui2024", text, "lishui2024")
    # 学习体会: not a report
    t = Thread(41490, "关于2024年丽水市政府工作报告的学习体会", "[丽水]", starter2[0], starter2[1], "2024-1-26", 2, 388,
               [[Floor(901950, starter2[0], starter2[1], 1, "2024-1-26 19:02", body_html(["认真学习了今年的政府工作报告，感触很深。", "报告提出的目标实在，民生实事贴近百姓。"]), 8820, 365)]
                + replies(2, 2, 901960, "2024-1-26", 3)])
    add(t)
    # 2024 青田县: two thread pages; the report is whole on page 1, page 2 holds replies only.
    floors, text = report_floors(f, "qingtian2024", starter2, "2024-1-27", 901801)
    t = Thread(41388, "2024年青田县政府工作报告（全文）", "[青田]", starter2[0], starter2[1], "2024-1-27", 13, 2861,
               [floors + replies(2, 9, 901810, "2024-1-27"), replies(11, 4, 901830, "2024-1-28", 9)])
    add(t, "qingtian2024", text, None)
    t = Thread(41370, "丽水机场正式通航，首批航线公布", "[民生]", "山水之间", 77120, "2024-1-20", 1, 960,
               [[Floor(901700, "山水之间", 77120, 1, "2024-1-20 10:12", body_html(["丽水机场今天正式通航，首批开通北京、广州、成都等航线。"]), 2310, 120)]
                + replies(2, 1, 901710, "2024-1-20", 4)])
    add(t)
    # 2024 松阳县: split over two consecutive floors, then replies.
    floors, text = report_floors(f, "songyang2024", starter, "2024-2-1", 901601, split=2)
    t = Thread(41366, "2024年松阳县政府工作报告", "[松阳]", starter[0], starter[1], "2024-2-1", 3, 1502,
               [floors + replies(3, 3, 901610, "2024-2-1", 2)])
    t.gold["floors"] = 2
    add(t, "songyang2024", text, None)
    # 2023 龙泉市: three consecutive floors, a reply, then the starter again (a comment, not the report).
    floors, text = report_floors(f, "longquan2023", starter, "2023-2-15", 880101, split=3)
    later = [Floor(880120, starter[0], starter[1], 0, "2023-2-15 22:05", html.escape("补充一句：报告全文以市政府网站发布为准。"), starter[2], starter[3])]
    page = floors + replies(4, 1, 880110, "2023-2-15", 5) + later + replies(6, 2, 880130, "2023-2-16", 1)
    renumber(page, 1)
    t = Thread(41207, "2023年龙泉市政府工作报告", "[龙泉]", starter[0], starter[1], "2023-2-15", 4, 3390, [page])
    t.gold["floors"] = 3
    add(t, "longquan2023", text, "longquan2023")
    t = Thread(41150, "2023年遂昌县政府工作报告解读：十大民生实事", "[遂昌]", "老街坊", 65003, "2023-2-12", 0, 512,
               [[Floor(880050, "老街坊", 65003, 1, "2023-2-12 09:30", body_html(["今年遂昌县政府工作报告提出十大民生实事，小编整理如下。", "一是新建居家养老服务中心。"]), 15420, 380)]])
    add(t)
    # 2023 庆元县: reposted with an edit note and a 来源 quote box.
    quote = '<i class="pstatus"> 本帖最后由 莲城阿明 于 2023-2-18 08:12 编辑 </i><br />\n<div class="quote"><blockquote>来源：庆元县人民政府网站</blockquote></div><br />\n'
    floors, text = report_floors(f, "qingyuan2023", starter2, "2023-2-17", 880001, body_extra=quote)
    t = Thread(41102, "[转帖] 2023年庆元县政府工作报告", "[庆元]", starter2[0], starter2[1], "2023-2-17", 2, 1203,
               [floors + replies(2, 2, 880010, "2023-2-17", 6)])
    t.gold["title"] = "2023年庆元县政府工作报告"  # the [转帖] tag is not part of the title
    add(t, "qingyuan2023", text, "qingyuan2023")
    t = Thread(41088, "征集2024年政府工作报告意见建议，欢迎网友留言", "[公告]", "时政小编", 1002, "2023-11-20", 5, 780,
               [[Floor(879990, "时政小编", 1002, 1, "2023-11-20 09:00", body_html(["市政府办公室面向社会征集2024年政府工作报告意见建议。"]), 30100, 900)]
                + replies(2, 5, 879991, "2023-11-20", 7)])
    add(t)
    # 2022 缙云县: the starter posts the report over 12 floors; ten per page, so it continues on page 2.
    floors, text = report_floors(f, "jinyun2022", starter, "2022-1-21", 860001, split=12)
    t = Thread(40876, "2022年缙云县政府工作报告", "[缙云]", starter[0], starter[1], "2022-1-21", 14, 2288,
               [floors[:10], floors[10:] + replies(len(floors) + 1, 3, 860050, "2022-1-22", 8)])
    t.gold.update(floors=12, continued_on_page_2=True)
    add(t, "jinyun2022", text, None)
    t = Thread(40811, "2022年云和县政府工作报告", "[云和]", starter2[0], starter2[1], "2022-1-19", 1, 904, [])
    floors, text = report_floors(f, "yunhe2022", starter2, "2022-1-19", 859001)
    t.pages = [floors + replies(2, 1, 859010, "2022-1-19", 10)]
    add(t, "yunhe2022", text, None)
    t = Thread(40790, "一图读懂2022年缙云县政府工作报告", "[缙云]", "时政小编", 1002, "2022-1-22", 0, 655,
               [[Floor(858990, "时政小编", 1002, 1, "2022-1-22 10:00", '<ignore_js_op><img src="data/attachment/forum/202201/22/jinyun.jpg" /></ignore_js_op>一图读懂缙云县政府工作报告。', 30100, 900)]])
    add(t)
    sticky = Thread(30001, "【版规】时政要闻版发帖规范（2023年修订）", "[公告]", "时政小编", 1002, "2023-1-1", 0, 20021,
                    [[Floor(700001, "时政小编", 1002, 1, "2023-1-1 08:00", body_html(["转帖请注明来源，禁止发布广告。"]), 30100, 900)]])
    add(sticky)
    # the 本版热帖 box links 丽水市 2024 in the forum.php form
    threads[41502].gold["hot_rewrite"] = False
    lists = [[41502, 41490, 41388, 41370, 41366], [41207, 41150, 41102, 41088], [40876, 40811, 40790]]
    for n, tids in enumerate(lists, 1):
        hot = [threads[41502]] if n > 1 else []
        write(root / f"forum-{f.fid}-{n}.html", list_page(f, n, len(lists), [threads[x] for x in tids], [sticky], hot), f.charset)
    routes = []
    for t in threads.values():
        for n in range(1, len(t.pages) + 1):
            write(root / f"thread-{t.tid}-{n}-1.html", thread_page(f, t, n), f.charset)
    # the forum.php form answers too (a crawler that follows it fetches the thread twice)
    for t in threads.values():
        for n in range(len(t.pages), 0, -1):
            params = {"mod": "viewthread", "tid": str(t.tid)} | ({"page": str(n)} if n > 1 else {})
            routes.append({"method": "GET", "path": "/forum.php", "params": params, "file": f"thread-{t.tid}-{n}-1.html"})
    for n in range(len(lists), 0, -1):
        params = {"mod": "forumdisplay", "fid": str(f.fid)} | ({"page": str(n)} if n > 1 else {})
        routes.append({"method": "GET", "path": "/forum.php", "params": params, "file": f"forum-{f.fid}-{n}.html"})
    (root / "robots.txt").write_text(ROBOTS)
    (root / "_site.json").write_text(json.dumps(site_json(f.host, "utf-8", "nginx/1.16.1", routes, "Sat, 02 Mar 2024 01:15:00 GMT"), ensure_ascii=False, indent=2) + "\n")
    lists_gold = [{"url": f"http://{f.host}/forum-{f.fid}-{n}.html", "list_page": n, "threads": tids} for n, tids in enumerate(lists, 1)]
    (root / "_gold.json").write_text(json.dumps({"forum": f.forum_name, "charset": f.charset, "list_pages": lists_gold, "pages": gold}, ensure_ascii=False, indent=1) + "\n")


def gannan() -> None:
    f = Forum("bbs.gannanren.com", "赣南论坛", 12, "赣南时政", "gbk", False, "GMT+8, 2024-2-26 22:40")
    root = OUT / f.host
    shutil.rmtree(root, ignore_errors=True)
    a1 = ("客家老表", 3301, 15880, 512)
    a2 = ("章贡夜雨", 4102, 6420, 233)
    url_of = lambda tid, n: f"http://{f.host}/forum.php?mod=viewthread" + (f"&page={n}" if n > 1 else "") + f"&tid={tid}"  # noqa: E731
    threads: dict[int, Thread] = {}
    gold: list[dict] = []

    def add(t: Thread, spec_key=None, text=None, report_id=None):
        threads[t.tid] = t
        gold.extend(gold_for(f, t, url_of, spec_key, text, report_id))

    floors, text = report_floors(f, "ningdu2024", a1, "2024-1-23", 52001)
    add(Thread(2890, "2024年宁都县政府工作报告", "[宁都]", a1[0], a1[1], "2024-1-23", 2, 880, [floors + replies(2, 2, 52010, "2024-1-23", 1)]), "ningdu2024", text)
    floors, text = report_floors(f, "ganxian2024", a2, "2024-1-20", 51901)
    t = Thread(2885, "2024年赣县区政府工作报告全文", "[赣县]", a2[0], a2[1], "2024-1-20", 1, 641, [floors + replies(2, 1, 51910, "2024-1-20", 4)])
    t.gold["hot_rewrite"] = True
    add(t, "ganxian2024", text)
    add(Thread(2871, "宁都县召开2024年政府工作报告学习贯彻会", "[宁都]", a2[0], a2[1], "2024-1-30", 0, 233,
               [[Floor(51850, a2[0], a2[1], 1, "2024-1-30 16:20", body_html(["1月30日，宁都县召开会议，学习贯彻县十八届人大四次会议精神。"]), 6420, 233)]]))
    # 2023 瑞金市, re-typed with half-width punctuation
    floors, text = report_floors(f, "ruijin2023", a1, "2023-2-14", 48001, transform=retype)
    add(Thread(2866, "2023年瑞金市政府工作报告", "[瑞金]", a1[0], a1[1], "2023-2-14", 3, 1932, [floors + replies(2, 3, 48010, "2023-2-14", 2)]), "ruijin2023", text, "ruijin2023")
    add(Thread(2850, "兴国灰鹅上市了，价格比去年便宜", "[兴国]", "老街坊", 65003, "2023-2-10", 4, 512,
               [[Floor(47950, "老街坊", 65003, 1, "2023-2-10 11:00", body_html(["今天赶集，兴国灰鹅每斤比去年便宜两块。"]), 15420, 380)] + replies(2, 4, 47960, "2023-2-10", 5)]))
    # 2023 兴国县: two thread pages, report whole on page 1
    floors, text = report_floors(f, "xingguo2023", a2, "2023-2-7", 47001)
    add(Thread(2790, "2023年兴国县政府工作报告", "[兴国]", a2[0], a2[1], "2023-2-7", 12, 2210,
               [floors + replies(2, 9, 47010, "2023-2-7"), replies(11, 3, 47030, "2023-2-8", 9)]), "xingguo2023", text)
    # 2022 于都县: three consecutive floors
    floors, text = report_floors(f, "yudu2022", a1, "2022-1-15", 41001, split=3)
    t = Thread(2760, "2022年于都县政府工作报告", "[于都]", a1[0], a1[1], "2022-1-15", 2, 1705, [floors + replies(4, 2, 41010, "2022-1-15", 11)])
    t.gold["floors"] = 3
    add(t, "yudu2022", text)
    add(Thread(2755, "于都县2022年政府工作报告重点任务分工方案", "[于都]", a2[0], a2[1], "2022-2-20", 0, 302,
               [[Floor(40990, a2[0], a2[1], 1, "2022-2-20 09:00", body_html(["为确保县十八届人大六次会议确定的目标任务落到实处，现将重点任务分工如下。"]), 6420, 233)]]))
    floors, text = report_floors(f, "nankang2022", a2, "2022-1-12", 40001)
    add(Thread(2731, "2022年南康区政府工作报告", "[南康]", a2[0], a2[1], "2022-1-12", 1, 1290, [floors + replies(2, 1, 40010, "2022-1-12", 12)]), "nankang2022", text)
    lists = [[2890, 2885, 2871, 2866, 2850], [2790, 2760, 2755, 2731]]
    routes = []
    for t in threads.values():
        for n in range(len(t.pages), 0, -1):
            name = f"_threads/tid-{t.tid}-{n}.html"
            write(root / name, thread_page(f, t, n), f.charset)
            params = {"mod": "viewthread", "tid": str(t.tid)} | ({"page": str(n)} if n > 1 else {})
            routes.append({"method": "GET", "path": "/forum.php", "params": params, "file": name})
    for n, tids in reversed(list(enumerate(lists, 1))):
        name = f"_lists/fid-{f.fid}-{n}.html"
        hot = [threads[2885]] if n == 2 else []
        write(root / name, list_page(f, n, len(lists), [threads[x] for x in tids], [], hot), f.charset)
        params = {"mod": "forumdisplay", "fid": str(f.fid)} | ({"page": str(n)} if n > 1 else {})
        routes.append({"method": "GET", "path": "/forum.php", "params": params, "file": name})
    (root / "robots.txt").write_text(ROBOTS)
    (root / "_site.json").write_text(json.dumps(site_json(f.host, "gbk", "Apache/2.2.15 (CentOS)", routes, "Mon, 26 Feb 2024 14:40:00 GMT"), ensure_ascii=False, indent=2) + "\n")
    lists_gold = [{"url": f"http://{f.host}/forum.php?fid={f.fid}&mod=forumdisplay" + (f"&page={n}" if n > 1 else ""), "list_page": n, "threads": tids}
                  for n, tids in enumerate(lists, 1)]
    (root / "_gold.json").write_text(json.dumps({"forum": f.forum_name, "charset": f.charset, "list_pages": lists_gold, "pages": gold}, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    lishuiren()
    gannan()
