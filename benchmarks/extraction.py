"""Extraction quality over every fixture page: govcrawl vs plain trafilatura, per family.

Usage: ``python benchmarks/extraction.py [--gate]`` (``make bench`` runs it). ``--gate`` exits 1
when a target of issue 3 is missed.

Measures, per family (tests/fixtures/<family>/<case>/):

- character precision / recall / F1 of the page's documents (texts concatenated in order)
  against the gold expected.json. Whitespace is removed first; the characters in common are
  the matching blocks of ``difflib.SequenceMatcher`` (an LCS-style alignment: order counts,
  so a paragraph moved or duplicated is an error, unlike with a bag of characters). Sums over
  the pages of a family (micro average).
- the same for plain ``trafilatura.extract(html)`` (its defaults), and for govcrawl's generic
  page type forced on every page (how well the fallback alone generalises to these families);
- chrome leaks: output lines not in the gold that match a chrome vocabulary (share/print,
  bylines, counters, forum panels, paywall, disclaimers …);
- documents right: pages whose document count equals the gold's;
- fields right: share of gold fields other than text (title, dates, region, speaker …) equal.

Then, when ``../shared/realpages/*/gold.json`` is there, the real pages of each set against plain
trafilatura with the ten worst pages and why (``benchmarks/real_pages.py``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from real_pages import real_page_report  # noqa: E402  (benchmarks/ is sys.path[0] when run as a script)

from crawler.extract.decoding import decode_html  # noqa: E402
from crawler.extract.fallback import plain_trafilatura  # noqa: E402
from crawler.extract.pages.generic.article import GenericArticle  # noqa: E402
from crawler.extract.stages import process_page  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
TARGET_F1 = 0.995
# Substrings of lines that are page furniture, not report text (a line of the gold never counts).
CHROME = re.compile(
    r"分享到|分享至|打印本页|打印|关闭窗口|【关闭】|字号|字体|浏览次数|阅读量|点击[:：数]|访问量|当前位置|您的位置|首页\s*[>＞]"
    r"|上一篇|下一篇|上一条|下一条|相关推荐|相关阅读|相关文章|相关新闻|热点新闻|排行榜|猜你喜欢"
    r"|来源[:：]|编辑[:：]|责任编辑|审核[:：]|作者[:：]|扫一扫|扫码|二维码|公众号|免责声明|仅供参考|侵权|版权所有|Copyright|©"
    r"|发表于|只看该作者|签到|积分|Rank|UID|帖子|主题|回复|注册|登录|Powered by|本帖最后由|快速回复|返回列表|返回顶部"
    r"|试读|全文|会员|下载|联系我们|客服|微信"
)
_SPACE = re.compile(r"\s+")


@dataclass
class Score:
    """Character counts of one extractor over some pages."""

    matched: int = 0
    got: int = 0
    gold: int = 0
    leaks: int = 0
    leak_lines: list[str] = field(default_factory=list)

    def add(self, got: str, gold: str) -> None:
        a, b = _SPACE.sub("", got), _SPACE.sub("", gold)
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        self.matched += sum(block.size for block in matcher.get_matching_blocks())
        self.got, self.gold = self.got + len(a), self.gold + len(b)
        gold_lines = {line.strip() for line in gold.splitlines()}
        for line in got.splitlines():
            if line.strip() and line.strip() not in gold_lines and CHROME.search(line):
                self.leaks += 1
                self.leak_lines.append(line.strip()[:60])

    @property
    def precision(self) -> float:
        return self.matched / self.got if self.got else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Family:
    """Scores of one family."""

    pages: int = 0
    counts_right: int = 0
    fields_right: int = 0
    fields: int = 0
    govcrawl: Score = field(default_factory=Score)
    trafilatura: Score = field(default_factory=Score)
    generic: Score = field(default_factory=Score)


def load(case: Path) -> tuple[str, str, str | None, list[dict]]:
    """url, decoded html, page-type hint and gold documents of a fixture."""
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    _, html = decode_html((case / "body.html").read_bytes(), meta.get("headers", {}).get("Content-Type"))
    gold = json.loads((case / "expected.json").read_text("utf-8"))
    return meta["url"], html, meta.get("page_type"), gold


def document_text(documents: list[dict]) -> str:
    return "\n".join(d["text"] for d in documents)


def score_case(case: Path, family: Family) -> None:
    url, html, hint, gold = load(case)
    got = [asdict(d) for d in process_page(url, html, hint)]
    generic = [asdict(d) for d in process_page(url, html, GenericArticle.name)]
    family.pages += 1
    family.counts_right += len(got) == len(gold)
    family.govcrawl.add(document_text(got), document_text(gold))
    family.trafilatura.add(plain_trafilatura(html), document_text(gold))
    family.generic.add(document_text(generic), document_text(gold))
    for got_doc, gold_doc in zip(got + [{}] * len(gold), gold, strict=False):
        for key, value in gold_doc.items():
            if key != "text":
                family.fields += 1
                family.fields_right += got_doc.get(key) == value


def measure() -> dict[str, Family]:
    families: dict[str, Family] = {}
    for case in sorted(p.parent for p in FIXTURES.glob("*/*/expected.json")):
        score_case(case, families.setdefault(case.parent.name, Family()))
    return families


def table(families: dict[str, Family]) -> str:
    rows = [
        "| family | pages | docs right | govcrawl P / R / F1 | trafilatura P / R / F1 | generic-only F1 "
        "| chrome lines govcrawl / trafilatura | fields right |",
        "| --- | ---: | ---: | --- | --- | ---: | ---: | ---: |",
    ]
    for name, f in families.items():
        g, t = f.govcrawl, f.trafilatura
        rows.append(
            f"| {name} | {f.pages} | {f.counts_right}/{f.pages} | {g.precision:.4f} / {g.recall:.4f} / **{g.f1:.4f}** "
            f"| {t.precision:.4f} / {t.recall:.4f} / {t.f1:.4f} | {f.generic.f1:.4f} | {g.leaks} / {t.leaks} "
            f"| {f.fields_right}/{f.fields} |"
        )
    return "\n".join(rows)


def misses(families: dict[str, Family]) -> list[str]:
    """Targets of issue 3 that are missed, one line each."""
    found = []
    for name, f in families.items():
        if f.govcrawl.f1 < TARGET_F1:
            found.append(f"{name}: F1 {f.govcrawl.f1:.4f} < {TARGET_F1}")
        if f.govcrawl.f1 < f.trafilatura.f1:
            found.append(f"{name}: worse than trafilatura")
        if f.govcrawl.leaks:
            found.append(f"{name}: chrome lines {f.govcrawl.leak_lines}")
        if f.counts_right != f.pages:
            found.append(f"{name}: document counts wrong on {f.pages - f.counts_right} pages")
        if f.fields_right != f.fields:
            found.append(f"{name}: {f.fields - f.fields_right} fields wrong")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gate", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    families = measure()
    print(table(families))
    missed = misses(families)
    print("\nall targets met" if not missed else "\ntargets missed:\n- " + "\n- ".join(missed))
    real = real_page_report()
    print("\n" + "\n".join(real) if real else "\n(no real page sets under ../shared/realpages)")
    return 1 if missed and args.gate else 0


if __name__ == "__main__":
    sys.exit(main())
