"""Discuz! X3.x threads: the starter's report joined over his first floors, chrome and replies left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract.decoding import decode_html
from crawler.extract.items import Draft
from crawler.extract.pages.discuz import DiscuzThread
from crawler.extract.pages.registry import recognise

FIXTURES = Path(__file__).parents[1] / "fixtures" / "discuz"
CHROME = (
    "签到天数", "积分", "Rank", "发表于", "只看该作者", "您需要登录后才可以回帖", "Powered by", "本帖最后由",
    "楼主", "沙发", "举报", "发消息", "返回列表", "TA的每日心情", "[复制链接]", "查看:", "GMT+8",
)


def load(case: str) -> tuple[str, str, str]:
    """URL, decoded HTML and encoding of a fixture page."""
    meta = json.loads((FIXTURES / case / "meta.json").read_text("utf-8"))
    encoding, html = decode_html((FIXTURES / case / "body.html").read_bytes(), meta["headers"]["Content-Type"])
    return meta["url"], html, encoding


def report(case: str) -> Draft:
    url, html, _ = load(case)
    drafts = DiscuzThread(url, html).drafts()
    assert len(drafts) == 1
    return drafts[0]


def thread(floors: str, footer: str = "") -> str:
    """A minimal thread page around the given ``div#post_PID`` floors."""
    return (
        '<html><head><meta name="generator" content="Discuz! X3.4" /></head><body>'
        f'<span id="thread_subject">某县政府工作报告</span><div id="postlist">{floors}</div>'
        f'<div id="ft"><div id="flk"><p class="xs0">{footer}</p></div></div></body></html>'
    )


def floor(pid: int, uid: int, posted: str, body: str, label: str = "楼主") -> str:
    return (
        f'<div id="post_{pid}"><table><tr><td class="pls"><div class="favatar"><div class="authi">'
        f'<a href="space-uid-{uid}.html" class="xw1">user{uid}</a></div></div></td><td class="plc">'
        f'<div class="pi"><strong><a id="postnum{pid}">{label}</a></strong><div class="authi">'
        f'<em id="authorposton{pid}">发表于 {posted}</em></div></div>'
        f'<table><tr><td class="t_f" id="postmessage_{pid}">{body}</td></tr></table></td></tr></table></div>'
    )


def test_single_floor_report_boundaries_and_fields() -> None:
    draft = report("single_floor_utf8")
    lines = draft.text.splitlines()
    assert lines[0] == "2022年歙县人民政府工作报告"
    assert lines[2] == "县长 汪建平"
    assert lines[-1].endswith("为奋力谱写现代化美好歙县建设新篇章而努力奋斗！")
    assert draft.title == "2022年歙县人民政府工作报告（全文）"
    assert draft.published == "2022-01-10"
    assert draft.metadata == {"author": "徽州老街"}
    assert (draft.truncated, draft.source_name) == (False, None)
    assert "支持！" not in draft.text  # the reply on 沙发


@pytest.mark.parametrize("case", ["single_floor_utf8", "split_floors", "gbk_thread", "edit_note_quote_sign_attach"])
def test_no_forum_chrome(case: str) -> None:
    draft = report(case)
    leaked = [chrome for chrome in CHROME if chrome in draft.text or chrome in draft.title]
    assert not leaked


def test_starter_floors_joined_until_another_user_replies() -> None:
    draft = report("split_floors")
    lines = draft.text.splitlines()
    assert lines[0] == "2023年栾川县人民政府工作报告"
    assert lines[-1] == (
        "各位代表，新时代赋予新使命，新征程呼唤新作为。让我们更加紧密地团结在以习近平同志为核心的党中央周围，"
        "在市委、市政府和县委的坚强领导下，踔厉奋发，勇毅前行，为加快建设现代化生态栾川而努力奋斗！"
    )
    # the end of floor 1 is followed by the start of floor 2, floor 2's end by floor 3's start
    end_of_first = next(i for i, line in enumerate(lines) if line.startswith("（三）乡村振兴扎实推进"))
    assert lines[end_of_first + 1].startswith("（四）生态环境持续改善")
    assert lines[lines.index("二、2023年工作安排") + 2].startswith("（一）聚力产业发展")
    assert "老君山这两年确实火了" not in draft.text  # reply by another user
    assert "同意楼上" not in draft.text  # the starter's later comment is not joined
    assert draft.published == "2023-02-16"


def test_gbk_thread_decodes_without_mojibake() -> None:
    url, html, encoding = load("gbk_thread")
    assert encoding == "gb18030"
    draft = DiscuzThread(url, html).drafts()[0]
    assert "\ufffd" not in draft.text + draft.title
    assert draft.title == "2021年婺源县政府工作报告"
    assert draft.text.splitlines()[-1].endswith("为全面建设社会主义现代化“最美婺源”而努力奋斗！")
    assert draft.published == "2021-01-22"  # <span title="2021-1-22 10:15:33">前天 10:15</span>


def test_edit_note_quote_signature_attachments_jammer_dropped() -> None:
    draft = report("edit_note_quote_sign_attach")
    assert draft.text.splitlines()[0] == "固始县2022年政府工作报告"
    assert draft.source_name == "固始县人民政府网"
    for chrome in ("本帖最后由", "来源", "下载附件", "上传", "大会现场.jpg", "固始县2022年政府工作报告.docx",
                   "点击文件名下载附件", "下载积分", "参与人数", "查看全部评分", "关注固始发展", "7Xk2q", "ZzHs3Wq"):
        assert chrome not in draft.text, chrome
    assert "一是抓产业提质，壮大县域经济实力。坚持工业兴县，实施制造业“六新”突破行动" in draft.text  # jammer inside it
    assert draft.published == "2022-01-14"  # "3 天前" counted back from the footer's GMT+8, 2022-1-17 21:05


@pytest.mark.parametrize(
    ("posted", "footer", "published"),
    [
        ("2021-3-2 10:15", "", "2021-03-02"),
        ('<span title="2021-3-2 10:15:33">前天&nbsp;10:15</span>', "GMT+8, 2021-3-9 08:00", "2021-03-02"),
        ("昨天&nbsp;10:15", "GMT+8, 2021-3-1 08:00", "2021-02-28"),
        ("前天&nbsp;23:59", "GMT+8, 2021-3-2 00:10", "2021-02-28"),
        ("5&nbsp;天前", "GMT+8, 2021-3-9 08:00", "2021-03-04"),
        ("半小时前", "GMT+8, 2021-3-9 00:10", "2021-03-08"),
        ("3&nbsp;小时前", "GMT+8, 2021-3-9 08:00", "2021-03-09"),
        ("昨天&nbsp;10:15", "", None),  # no absolute date anywhere: no guess
    ],
)
def test_published_in_every_discuz_form(posted: str, footer: str, published: str | None) -> None:
    html = thread(floor(1, 7, posted, "各位代表：<br />现在，我代表县人民政府向大会报告工作。"), footer)
    assert DiscuzThread("http://bbs.x.cn/thread-9-1-1.html", html).drafts()[0].published == published


def test_zhuanzi_quote_becomes_source_and_hidden_content_marks_truncated() -> None:
    body = (
        '<div class="quote"><blockquote>转自 XX市人民政府网</blockquote></div>各位代表：<br />'
        '<div class="locked">游客，如果您要查看本帖隐藏内容请<a href="forum.php?mod=post">回复</a></div>'
    )
    draft = DiscuzThread("http://bbs.x.cn/thread-9-1-1.html", thread(floor(1, 7, "2021-3-2 10:15", body))).drafts()[0]
    assert (draft.text, draft.source_name, draft.truncated) == ("各位代表：", "XX市人民政府网", True)


def test_reply_page_of_a_thread_holds_no_report() -> None:
    html = thread(floor(11, 8, "2021-3-3 10:00", "顶", "<em>11</em><sup>#</sup>") + floor(12, 7, "2021-3-3 11:00", "谢谢"))
    assert DiscuzThread("http://bbs.x.cn/thread-9-2-1.html", html).drafts() == []


@pytest.mark.parametrize("case", ["single_floor_utf8", "gbk_thread", "split_floors"])
def test_thread_recognised_without_hint(case: str) -> None:
    url, html, _ = load(case)
    assert recognise(url, html) is DiscuzThread


def test_forum_list_page_is_not_a_thread() -> None:
    html = '<html><head><meta name="generator" content="Discuz! X3.4" /></head><body><div id="threadlist"></div></body></html>'
    assert not DiscuzThread.matches("http://bbs.x.cn/forum-12-2.html", DiscuzThread("u", html).sel)
