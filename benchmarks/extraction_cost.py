"""Cost of extraction: a 17 MB page, and known families against trafilatura.

Usage: ``python benchmarks/extraction_cost.py [--gate]``. Targets (issue 13):

- a 17 MB page (a 行政处罚 notice with a table of 60,000 rows, the shape of real agency pages
  that run to megabytes) in at most 15 s and 1 GB of memory, in a fresh process (wall time is
  printed with CPU time: on a machine shared with other work the CPU time is the page's cost);
- pages of the known families (every fixture with a family page type) at least 3x faster than
  plain ``trafilatura.extract`` on the same decoded pages, in process.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.extract.decoding import decode_html  # noqa: E402
from crawler.extract.fallback import plain_trafilatura  # noqa: E402
from crawler.extract.stages import process_page  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
BIG_MB = 17
MAX_SECONDS, MAX_RSS_MB = 15.0, 1024
MIN_FAMILY_SPEEDUP = 3.0
ROUNDS = 5
BIG_URL = "http://www.example.gov.cn/xzcf/202103/t20210301_1.html"


def big_page(megabytes: float = BIG_MB) -> str:
    """A penalty-notice page whose table makes it ``megabytes`` long."""
    head = (
        "<html><head><meta charset='utf-8'><title>行政处罚决定公示_某某市市场监督管理局</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/xxgk/'>信息公开</a></div><div class='main'>"
        "<h1>行政处罚决定公示</h1><div class='info'>发布时间：2021-03-01 来源：执法稽查科</div><div class='content'>"
        "<p>根据《中华人民共和国行政处罚法》的规定，现将本局作出的行政处罚决定予以公示，请社会各界监督。</p><table>"
    )
    rows, size, index = [head], len(head.encode()), 0
    while size < megabytes * 1024 * 1024:
        row = (
            f"<tr><td>{index}</td><td>某某商贸有限公司第{index}分店</td><td>市监罚字〔2021〕{index}号</td>"
            f"<td>销售不合格商品，违反了产品质量法第三十二条的规定，责令改正并处罚款。</td><td>2021年3月{index % 28 + 1}日</td></tr>"
        )
        rows.append(row)
        size, index = size + len(row.encode()), index + 1
    rows.append("</table></div></div><div class='footer'>版权所有 某某市人民政府</div></body></html>")
    return "".join(rows)


def big_page_child() -> None:
    """In a fresh process: build the page, extract it, print seconds, max RSS and characters as JSON."""
    html = big_page()
    start, cpu = time.perf_counter(), time.process_time()
    drafts = process_page(BIG_URL, html)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(len(d.text) for d in drafts)
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": rss_mb, "chars": chars, "mb": len(html.encode()) / 2**20}))


def measure_big_page() -> dict:
    out = subprocess.run([sys.executable, __file__, "--big-page-child"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def family_pages() -> list[tuple[str, str, str | None]]:
    """(url, html, hint) of every fixture of a known family."""
    pages = []
    for case in sorted(p.parent for p in FIXTURES.glob("*/*/body.html")):
        expected = json.loads((case / "expected.json").read_text("utf-8"))
        if expected and all(d["page_type"] != "generic" for d in expected):
            meta = json.loads((case / "meta.json").read_text("utf-8"))
            _, html = decode_html((case / "body.html").read_bytes(), meta.get("headers", {}).get("Content-Type"))
            pages.append((meta["url"], html, meta.get("page_type")))
    return pages


def family_speedup() -> tuple[int, float, float]:
    """Pages, and CPU seconds of govcrawl and of plain trafilatura over them (best of ``ROUNDS``;
    CPU time, so that other processes on the machine do not decide the ratio)."""
    pages = family_pages()
    ours = min(_timed(lambda: [process_page(url, html, hint) for url, html, hint in pages]) for _ in range(ROUNDS))
    theirs = min(_timed(lambda: [plain_trafilatura(html) for _, html, _ in pages]) for _ in range(ROUNDS))
    return len(pages), ours, theirs


def _timed(run) -> float:  # type: ignore[no-untyped-def]
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gate", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--big-page-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.big_page_child:
        big_page_child()
        return 0
    big = measure_big_page()
    count, ours, theirs = family_speedup()
    speedup = theirs / ours
    print(
        f"{big['mb']:.1f} MB page: {big['seconds']:.1f} s ({big['cpu']:.1f} s CPU), max RSS {big['rss_mb']:.0f} MB, "
        f"{big['chars']} characters of text"
    )
    print(f"known families ({count} fixture pages): govcrawl {ours:.2f} s CPU, trafilatura {theirs:.2f} s CPU, {speedup:.1f}x faster")
    missed = [
        *([f"big page {big['seconds']:.1f} s > {MAX_SECONDS} s"] if big["seconds"] > MAX_SECONDS else []),
        *([f"big page {big['rss_mb']:.0f} MB > {MAX_RSS_MB} MB"] if big["rss_mb"] > MAX_RSS_MB else []),
        *([f"families only {speedup:.1f}x faster than trafilatura"] if speedup < MIN_FAMILY_SPEEDUP else []),
    ]
    print("all targets met" if not missed else "targets missed: " + "; ".join(missed))
    return 1 if missed and args.gate else 0


if __name__ == "__main__":
    sys.exit(main())
