"""`govcrawl add-site`: recorded portals of each government family → a sites entry whose crawl stores exactly the reports."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import pytest
from site_crawl import GOVCRAWL, Gold, assert_documents_match_gold, crawl
from sitegen_portals import HONGHE, HUNAN, LONGGANG, TAISHAN, WENCHENG, Portal

from crawler.tools.addsite import Fetcher, detect_family, site_meta, site_name_from

EXPECTED = {  # portal → (entry name, family, region_code, column)
    LONGGANG: ("longgang", "jcms", "330383", "https://www.longgang.gov.cn/col/col1229601020/index.html"),
    TAISHAN: ("taishan", "trs", "440781", "https://www.taishan.gov.cn/zwgk/ghjh/zfgzbg/"),
    HONGHE: ("hh", "vsb", "532500", "https://www.hh.gov.cn/zwgk/zfgzbg.htm"),
    HUNAN: ("hunan", "govcn", "430000", "https://www.hunan.gov.cn/hnszf/zwgk/zfgzbg/home.htm"),
    # no fingerprint, no SiteIDCode: a hand-built site (tests/support/sitegen_sites.py)
    Portal("dfz.yongzhou.gov.cn", "永州市地方志编纂室", "", "generic"): ("yongzhou", "generic", None, "https://dfz.yongzhou.gov.cn/zfbg/"),
}


def add_site(replay_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([GOVCRAWL, "add-site", *args, "--replay", replay_url], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("portal", list(EXPECTED), ids=lambda portal: portal.family)
def test_added_site_crawls_exactly_the_reports(portal, replay_server, replay_url: str, tmp_path: Path) -> None:
    sites_file = tmp_path / "sites.toml"
    result = add_site(replay_url, f"https://{portal.host}/", "--sites", str(sites_file))
    assert result.returncode == 0, result.stderr + result.stdout
    name, family, region_code, column = EXPECTED[portal]
    entry = tomllib.loads(sites_file.read_text("utf-8"))[name]
    page_type = None if family == "generic" else family
    assert (entry["family"], entry.get("page_type"), entry["kind"], entry.get("region_code")) == (family, page_type, "official", region_code)
    assert (entry["start_urls"], entry["allowed_domains"], entry["title"]) == ([column], [portal.host], portal.name)
    assert f"appended [{name}] to {sites_file}" in result.stdout
    run = crawl(replay_server, portal.host, tmp_path / "db.sqlite", name, "--sites", str(sites_file))
    assert run.result.returncode == 0, run.result.stderr
    assert_documents_match_gold(run.documents(), Gold(portal.host).reports)
    if family != "generic":  # the generic spider reads pages to tell; the others choose by list titles
        assert not Gold(portal.host).not_reports & set(run.fetched)  # notices are never fetched


def test_three_clicks_deep_and_the_path_is_told(replay_url: str, tmp_path: Path) -> None:
    result = add_site(replay_url, f"https://{TAISHAN.host}/", "--dry-run", "--sites", str(tmp_path / "sites.toml"))
    assert result.returncode == 0, result.stderr
    assert "column 政务公开 › 规划计划 › 政府工作报告 (3 reports listed)" in result.stdout
    assert "trs by createPageHTML" in result.stdout


def test_dry_run_prints_and_writes_nothing(replay_server, replay_url: str, tmp_path: Path) -> None:
    sites_file = tmp_path / "sites.toml"
    before = len(replay_server.requested(LONGGANG.host))
    result = add_site(replay_url, f"https://{LONGGANG.host}/", "--dry-run", "--sites", str(sites_file))
    assert result.returncode == 0, result.stderr
    assert '[longgang]\ntitle = "龙港市人民政府"' in result.stdout and "ok  report page" in result.stdout
    assert not sites_file.exists()
    paths = [url.split(LONGGANG.host)[1] for _, url in replay_server.requested(LONGGANG.host)[before:]]
    assert paths == [  # the column link is tried before other links of the 政务公开 page; then `check`
        "/robots.txt", "/", "/col/col1229601001/index.html", "/col/col1229601020/index.html",
        "/col/col1229601020/index.html", "/art/2025/1/16/art_1229601020_59200010.html",
    ]


def test_default_file_is_the_users_config(replay_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("GOVCRAWL_SITES", None)
    result = subprocess.run([GOVCRAWL, "add-site", f"https://{HONGHE.host}/", "--name", "honghe", "--replay", replay_url],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    listed = subprocess.run([GOVCRAWL, "sites"], capture_output=True, text=True, env=env, cwd=tmp_path).stdout
    line = next(line for line in listed.splitlines() if line.startswith("honghe"))
    assert "532500" in line and line.endswith(f"[{tmp_path / 'config' / 'govcrawl' / 'sites.toml'}]")


def test_no_column_names_the_best_candidates(replay_url: str, tmp_path: Path) -> None:
    result = add_site(replay_url, f"https://{WENCHENG.host}/", "--sites", str(tmp_path / "sites.toml"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: no 政府工作报告 column within 3 clicks of https://{WENCHENG.host}/; best candidates: "
        f"政务公开 https://{WENCHENG.host}/col/col1229701001/index.html; 规划计划 https://{WENCHENG.host}/col/col1229701010/index.html; "
        f"政府文件 https://{WENCHENG.host}/col/col1229701011/index.html"
    ]
    assert not (tmp_path / "sites.toml").exists()


def test_a_name_already_in_the_file_is_refused_and_the_file_kept(replay_url: str, tmp_path: Path) -> None:
    sites_file = tmp_path / "sites.toml"
    assert add_site(replay_url, f"https://{HUNAN.host}/", "--sites", str(sites_file)).returncode == 0
    before = sites_file.read_text("utf-8")
    again = add_site(replay_url, f"https://{HUNAN.host}/", "--sites", str(sites_file))
    assert again.returncode == 1 and "has a site called 'hunan' already" in again.stderr
    assert sites_file.read_text("utf-8") == before


def test_crawl_region_picks_the_added_county(replay_server, replay_url: str, tmp_path: Path) -> None:
    sites_file = tmp_path / "sites.toml"
    for portal in (LONGGANG, TAISHAN):
        assert add_site(replay_url, f"https://{portal.host}/", "--sites", str(sites_file)).returncode == 0
    run = crawl(replay_server, LONGGANG.host, tmp_path / "db.sqlite", "--region", "330383", "--sites", str(sites_file))
    assert run.result.returncode == 0, run.result.stderr
    assert {row["site"] for row in run.db.execute("select distinct site from pages")} == {"longgang"}
    assert set(run.documents()) == set(Gold(LONGGANG.host).reports)


def test_unknown_region_prefix_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run([GOVCRAWL, "crawl", "--region", "9999", "--db", str(tmp_path / "db.sqlite")], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: no configured site has a region_code starting with '9999'; `govcrawl sites` shows them"


@pytest.mark.parametrize(("markup", "family"), [
    ('<a href="/col/col1229117804/index.html">报告</a><script src="/module/jslib/jquery/jpage/jquery.page.min.js"></script>', "jcms"),
    ('<script>createPageHTML(3, 0, "index", "html");</script><a href="./202401/t20240126_2987654.html">x</a>', "trs"),
    ('<!--Announced by Visual SiteBuilder 9--><a href="/info/1040/23529.htm">x</a>', "vsb"),
    ('<div id="UCAP-CONTENT"></div><a href="/zhengce/2024-01/29/content_6928731.htm">x</a>', "govcn"),
    ('<meta name="generator" content="Discuz! X3.4" /><a href="forum.php?mod=viewthread&tid=1">x</a>', "discuz"),
    ('<meta name="generator" content="WordPress 6.4.2" /><link href="/wp-content/themes/zibll/style.css">', "wordpress"),
    ('<html><body><a href="/news/1.html">新闻</a></body></html>', "generic"),
])
def test_family_from_markup_fingerprints(markup: str, family: str) -> None:
    assert detect_family([markup]).name == family


def test_site_meta_reads_the_region_code_and_name() -> None:
    html = '<meta name="SiteName" content="龙港市人民政府"><meta name="SiteIDCode" content="3303830001">'
    assert site_meta(html) == ("330383", "龙港市人民政府")
    assert site_meta('<meta name="SiteIDCode" content="bm01000001"><title>中国政府网</title>') == (None, "中国政府网")
    assert site_meta("<title>首页_永州市地方志编纂室</title>") == (None, "永州市地方志编纂室")
    assert site_meta('<meta name="SiteIDCode" content="9999990001">')[0] is None  # not a division


@pytest.mark.parametrize(("url", "name"), [
    ("https://www.longgang.gov.cn/", "longgang"), ("http://xxgk.jiangmen.gov.cn/zwgk/", "jiangmen"), ("https://www.hh.gov.cn", "hh"),
])
def test_entry_name_from_the_domain(url: str, name: str) -> None:
    assert site_name_from(url) == name


def test_fetches_obey_robots_txt_and_pause_between_requests(replay_server, replay_url: str) -> None:
    pauses: list[float] = []
    before = len(replay_server.requested(TAISHAN.host))
    fetcher = Fetcher(f"https://{TAISHAN.host}/", replay_url, delay=1.5, sleep=pauses.append)
    assert fetcher.get(f"https://{TAISHAN.host}/search/?q=政府工作报告") is None  # Disallow: /search/
    assert "台山市人民政府门户网站" in fetcher.get(f"https://{TAISHAN.host}/")
    assert fetcher.get(f"https://{TAISHAN.host}/zwgk/") is not None
    assert pauses == [1.5, 1.5]  # none before robots.txt, one before each page after it
    paths = [url.split(TAISHAN.host)[1] for _, url in replay_server.requested(TAISHAN.host)[before:]]
    assert paths == ["/robots.txt", "/", "/zwgk/"]


def test_a_link_shape_alone_is_not_a_family() -> None:
    # a news portal linking gov.cn-style or WCM-style articles is not built on those CMSs
    assert detect_family(['<a href="/politics/2012-01/11/content_24382214.htm">新闻</a>']).name == "generic"
    assert detect_family(['<a href="./201201/t20120111_6542.html">新闻</a>']).name == "generic"


def test_a_broken_sites_file_is_one_line_before_any_request(replay_server, replay_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "sites.toml"
    broken.write_text("[hh\n", encoding="utf-8")
    before = len(replay_server.requested(HONGHE.host))
    result = add_site(replay_url, f"https://{HONGHE.host}/", "--sites", str(broken))
    assert result.returncode == 1 and result.stderr.strip().startswith(f"Error: {broken}: not valid TOML")
    assert len(replay_server.requested(HONGHE.host)) == before and broken.read_text("utf-8") == "[hh\n"
