"""Export at scale: rows/s and peak RSS of `export` for every format (and search latency), on generated databases.

Generates databases of 10,000 and 100,000 synthetic reports (two copies each, FTS index
kept by the triggers), then runs each export in a fresh process and reports its peak RSS
next to the RSS it had before exporting (imports, open database): flat memory means the
peak does not grow with the number of documents.

    python benchmarks/export.py [--docs 10000,100000] [--chars 1000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.store.db import Store  # noqa: E402

FORMATS = ("txt", "jsonl", "csv", "parquet")
PHRASES = ["坚持稳中求进工作总基调", "大力发展数字经济", "推进共同富裕示范区建设", "实施乡村振兴战略", "深化改革开放",
           "加强生态文明建设", "保障和改善民生", "统筹发展和安全", "建设现代化产业体系", "全面推进依法治市"]
REGIONS = [("温州市", "330300", "市"), ("杭州市", "330100", "市"), ("鹿城区", "330302", "区"), ("瑞安市", "330381", "县"),
           ("宁波市", "330200", "市"), ("北京市", "110000", "市")]


def report_text(rng: random.Random, n: int, chars: int) -> str:
    lines = []
    while sum(map(len, lines)) < chars:
        lines.append("".join(rng.choice(PHRASES) + "，" for _ in range(4)) + f"第{n}号报告第{len(lines)}段。")
    return "\n".join(lines)


def generate(path: Path, docs: int, chars: int) -> None:
    """A database of ``docs`` reports, each with a copy on an official site and a mirror."""
    store = Store(path)
    rng = random.Random(docs)
    db = store.db
    with db.atomic():
        for n in range(1, docs + 1):
            text = report_text(rng, n, chars)
            region, code, level = REGIONS[n % len(REGIONS)]
            year = 2010 + n % 15
            for copy in (0, 1):
                page_id = 2 * n - 1 + copy
                body = zlib.compress(text.encode()[:200])
                db.execute(
                    "insert into pages (id, url, site, fetched_at, status, body, sha1) values (?, ?, ?, ?, 200, ?, ?)",
                    [page_id, f"https://site{copy}.example.cn/art/{n}.html", ("official", "mirror")[copy],
                     "2026-11-21T00:00:00+00:00", body, hashlib.sha1(body + bytes([copy])).hexdigest()],
                )
            db.execute(
                "insert into documents (id, title, text, chars, year, region, region_code, level, published_on, best_copy_id) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [n, f"{year}年{region}政府工作报告（{n}）", text, len(text), year, region, code, level, f"{year}-02-01", 2 * n - 1],
            )
            for copy in (0, 1):
                db.execute(
                    "insert into copies (id, page_id, seg, document_id, relation, similarity, title_as_seen, text, chars, "
                    "published_on, truncated) values (?, ?, 0, ?, ?, 1.0, ?, ?, ?, ?, 0)",
                    [2 * n - 1 + copy, 2 * n - 1 + copy, n, ("canonical", "exact")[copy], f"报告{n}", text, len(text), f"{year}-02-01"],
                )
    store.close()


def child(fmt: str, db_path: str, out: str) -> None:
    """Run one export in this process; print rows, seconds, RSS before and peak RSS (MB)."""
    from crawler.tools.export import export

    if fmt == "parquet":
        import pyarrow.parquet  # noqa: F401 - count the import in the baseline, not the export
    store = Store(db_path)
    before = _rss_mb()
    started = time.perf_counter()
    result = export(store.db, fmt, Path(out))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": result.rows, "seconds": seconds, "rss_before": before, "peak_rss": peak}))


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS")) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="10000,100000")
    parser.add_argument("--chars", type=int, default=1000, help="Characters per report.")
    parser.add_argument("--child", nargs=3, metavar=("FORMAT", "DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    with tempfile.TemporaryDirectory(prefix="govcrawl-bench-") as tmp:
        for docs in map(int, args.docs.split(",")):
            db_path = Path(tmp) / f"bench{docs}.db"
            started = time.perf_counter()
            generate(db_path, docs, args.chars)
            size = db_path.stat().st_size / 2**20
            print(f"{docs} reports of ~{args.chars} chars: generated in {time.perf_counter() - started:.0f}s, {size:.0f} MB")
            for fmt in FORMATS:
                out = Path(tmp) / f"out{docs}.{fmt}"
                line = subprocess.run([sys.executable, __file__, "--child", fmt, str(db_path), str(out)],
                                      check=True, capture_output=True, text=True).stdout
                m = json.loads(line)
                print(f"  {fmt:<8} {m['rows']} rows in {m['seconds']:.1f}s = {m['rows'] / m['seconds']:,.0f} rows/s; "
                      f"RSS {m['rss_before']:.0f} MB before, peak {m['peak_rss']:.0f} MB")
            time_searches(db_path)


def time_searches(db_path: Path) -> None:
    """Milliseconds of `govcrawl search` for an indexed (≥ 3 characters) and a LIKE (< 3) query."""
    from crawler.tools.search import search

    store = Store(db_path)
    for query in ("数字经济", "乡村振兴战略 第77号报告", "改革"):
        started = time.perf_counter()
        hits = search(store.db, query, limit=20)
        print(f"  search {query!r}: {len(hits)} hits in {(time.perf_counter() - started) * 1000:.0f} ms")
    store.close()


if __name__ == "__main__":
    main()
