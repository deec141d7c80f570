"""Dedup benchmark: pair precision/recall on generated report copies, and cost per document at scale.

    .venv/bin/python benchmarks/dedup.py            # quality + 1k, 10k, 100k stored documents
    .venv/bin/python benchmarks/dedup.py --quick    # quality + 1k, 10k

Quality: reports of many regions over five years (tests/support/reportgen.py: shared stock phrases,
the year's themes shared by all regions, region sentences carried over between years), each
with an official copy and some of: a news reflow, a re-typed forum copy split over floors,
content-farm previews (10–80 %, flagged or not), a mirror excerpt, aggregator pages of three
reports (the last cut off). Half the copies carry year/region metadata. All copies are stored
in a shuffled order; every pair of copies is scored "same report" against the truth.

Scale: N canonical documents are stored first, then a probe of new reports, previews and
re-typed copies of stored ones; the fingerprint (pipeline) and store (lookup + write) time per
probe document is reported.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))

from reportgen import ReportGenerator  # noqa: E402
from variants import aggregator, excerpt, forum_floors, preview, retype  # noqa: E402

from crawler.dedup import fingerprints as dedup  # noqa: E402
from crawler.extract.items import Draft  # noqa: E402
from crawler.store.db import Store  # noqa: E402
from crawler.store.rows import RawPage  # noqa: E402
from crawler.store.versions import STAGE_VERSIONS

YEARS = range(2019, 2024)


@dataclass
class Page:
    url: str
    kind: str
    drafts: list[Draft]
    truth: list[str]
    """The report (region/year) each draft is a copy of."""
    label: list[str]
    """What kind of copy each draft is (official, preview10, forum…)."""


def make_draft(url: str, title: str, text: str, key: tuple[str, int], rng: random.Random, **kwargs) -> Draft:
    meta = {"region": key[0], "year": key[1]} if rng.random() < 0.5 else {}
    return Draft(url=url, title=title, text=text, page_type="bench", **meta, **kwargs)


def labelled_pages(regions: int, seed: int) -> list[Page]:
    """Copies of ``regions`` × 5 years of reports, as pages of official, news, forum, farm… sites."""
    generator = ReportGenerator(seed)
    rng = random.Random(seed)
    pages: list[Page] = []
    reports = {}
    for region in generator.regions(regions):
        for year in YEARS:
            key = (region, year)
            title, text = generator.report(region, year, chars=rng.randint(5000, 15000))
            reports[key] = (title, text)
            name = f"{region}{year}"
            pages.extend(variant_pages(name, key, title, text, rng))
    pages.extend(aggregator_pages(reports, rng))
    return pages


def variant_pages(name: str, key: tuple[str, int], title: str, text: str, rng: random.Random) -> list[Page]:
    truth = f"{key[0]}/{key[1]}"

    def page(host: str, kind: str, label: str, body: str, **kwargs) -> Page:
        url = f"https://{host}/{hashlib.md5(name.encode()).hexdigest()}/{label}.html"
        return Page(url, kind, [make_draft(url, title, body, key, rng, **kwargs)], [truth], [label])

    out = [page("www.gov.example.cn", "official", "official", text)]
    if rng.random() < 0.3:
        out.append(page("news.example.cn", "news", "news", text.replace("\n", "\n\n").replace("，", ",")))
    if rng.random() < 0.5:
        floors = forum_floors(retype(text, rng.randint(3, 40), rng.random()), rng.randint(2, 8), 1)
        out.append(page("bbs.example.cn", "forum", "forum", floors))
    if rng.random() < 0.6:
        share = rng.choice([0.1, 0.1, 0.2, 0.3, 0.5, 0.8])
        out.append(page("wenku.example.com", "farm", f"preview{int(share * 100)}", preview(text, share), truncated=rng.random() < 0.5))
    if rng.random() < 0.2:
        out.append(page("mirror.example.org", "mirror", "excerpt", excerpt(text, rng.random() * 0.6, 0.3)))
    return out


def hard_pages(regions: int, seed: int) -> list[Page]:
    """Beyond the targets: 5 % and 10 % previews without a truncation flag, copies re-typed with
    one edit per 40 characters, and per 20 characters split over floors."""
    generator = ReportGenerator(seed)
    rng = random.Random(seed)
    pages = []
    for region in generator.regions(regions):
        for year in YEARS:
            key = (region, year)
            title, text = generator.report(region, year, chars=rng.randint(4000, 12000))
            truth, digest = f"{region}/{year}", hashlib.md5(f"{region}{year}".encode()).hexdigest()
            for label, kind, body in (
                ("official", "official", text), ("preview5", "farm", preview(text, 0.05)),
                ("preview10", "farm", preview(text, 0.10)), ("edit/40", "forum", retype(text, len(text) // 40, 1)),
                ("edit/20", "forum", forum_floors(retype(text, len(text) // 20, 2), 5, 1)),
            ):
                url = f"https://{label.replace('/', '')}.example.cn/{digest}.html"
                pages.append(Page(url, kind, [make_draft(url, title, body, key, rng)], [truth], [label]))
    return pages


def aggregator_pages(reports: dict, rng: random.Random) -> list[Page]:
    """Pages of three same-year reports of different regions, the last cut off (one in 25 reports)."""
    pages = []
    by_year: dict[int, list] = {}
    for key in sorted(reports):
        by_year.setdefault(key[1], []).append(key)
    for year, keys in by_year.items():
        rng.shuffle(keys)
        for index in range(0, len(keys) // 25 * 3, 3):
            trio = keys[index:index + 3]
            url = f"https://zhaoshang.example.com/{year}/{index}.html"
            segments = aggregator([reports[k][1] for k in trio], cut_last=rng.choice([0.3, 0.6]))
            drafts = [
                make_draft(url, reports[k][0], text, k, rng, seg_start=a, seg_end=b)
                for k, (text, a, b) in zip(trio, segments, strict=True)
            ]
            pages.append(Page(url, "aggregator", drafts, [f"{k[0]}/{k[1]}" for k in trio], ["aggregated"] * 3))
    return pages


def save(store: Store, page: Page, fingerprints: list[dedup.Fingerprint] | None = None) -> list[int]:
    body = "\n".join(d.text for d in page.drafts).encode()
    raw = RawPage(url=page.url, site=page.url.split("/")[2], status=200, headers={}, body=body,
                  encoding="utf-8", fetched_at="2026-11-21T00:00:00+00:00",
                  site_kind=page.kind)
    result = store.save_page(raw, page.drafts, None, STAGE_VERSIONS, fingerprints)
    return [row[0] for row in store.db.execute("select id from copies where page_id = ? order by seg", [result.page_id])]


def pair_scores(truth: list[str], predicted: list[int]) -> tuple[float, float]:
    """Pair precision and recall of a predicted grouping against the true one."""
    pairs = lambda counts: sum(n * (n - 1) // 2 for n in counts.values())  # noqa: E731
    both = pairs(Counter(zip(truth, predicted, strict=True)))
    return both / max(pairs(Counter(predicted)), 1), both / max(pairs(Counter(truth)), 1)


def quality(regions: int, seed: int, hard: bool = False) -> dict:
    pages = hard_pages(regions, seed) if hard else labelled_pages(regions, seed)
    random.Random(seed).shuffle(pages)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "quality.db")
        started = time.perf_counter()
        copy_ids, truth, labels = [], [], []
        for page in pages:
            copy_ids += save(store, page)
            truth += page.truth
            labels += page.label
        elapsed = time.perf_counter() - started
        document_of = dict(store.db.execute("select id, document_id from copies").fetchall())
        predicted = [document_of[c] for c in copy_ids]
        store.close()
    precision, recall = pair_scores(truth, predicted)
    official = {t: p for t, p, label in zip(truth, predicted, labels, strict=True) if label == "official"}
    found = Counter(label for t, p, label in zip(truth, predicted, labels, strict=True) if official[t] == p)
    total = Counter(labels)
    return {"copies": len(truth), "reports": len(official), "documents": len(set(predicted)),
            "precision": precision, "recall": recall, "seconds": elapsed,
            "by_label": {label: (found[label], total[label]) for label in sorted(total)}}


def scale(stored: int, probe: int, seed: int) -> dict:
    """Store ``stored`` canonical reports, then time a probe of new and duplicate copies."""
    generator = ReportGenerator(seed + 1)
    rng = random.Random(seed)
    regions = generator.regions(stored // len(YEARS) + probe)
    keys = [(r, y) for r in regions[: stored // len(YEARS)] for y in YEARS][:stored]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / f"scale{stored}.db")
        started = time.process_time()
        for index, key in enumerate(keys):
            title, text = generator.report(*key, chars=2000)
            url = f"https://www.gov.example.cn/{index}.html"
            save(store, Page(url, "official", [Draft(url=url, title=title, text=text, page_type="bench")], [], []))
        load = time.process_time() - started
        pages = probe_pages(generator, regions[stored // len(YEARS):], keys, probe, rng)
        fingerprint_time = store_time = 0.0
        wall = time.perf_counter()
        for page in pages:
            t0 = time.process_time()
            fingerprints = [dedup.fingerprint(d.text) for d in page.drafts]
            t1 = time.process_time()
            save(store, page, fingerprints)
            t2 = time.process_time()
            fingerprint_time += t1 - t0
            store_time += t2 - t1
        wall = time.perf_counter() - wall
        documents = store.count("documents")
        size = Path(tmp, f"scale{stored}.db").stat().st_size
        store.close()
    n = len(pages)
    return {"stored": stored, "documents": documents, "load_per_s": len(keys) / max(load, 1e-9),
            "fingerprint_ms": fingerprint_time / n * 1000, "store_ms": store_time / n * 1000,
            "per_s": n / (fingerprint_time + store_time), "wall_per_s": n / wall, "db_mb": size / 1e6}


def probe_pages(generator: ReportGenerator, new_regions: list[str], keys: list, probe: int, rng: random.Random) -> list[Page]:
    """A third new reports (8k chars), a third 30 % previews of stored ones, a third re-typed copies."""
    pages = []
    for index in range(probe):
        if index % 3 == 0:
            title, text = generator.report(new_regions[index], 2021, chars=8000)
        else:
            title, text = generator.report(*rng.choice(keys), chars=2000)
            text = preview(text, 0.3) if index % 3 == 1 else retype(text, 5, index)
        url = f"https://probe.example.com/{index}.html"
        pages.append(Page(url, "mirror", [Draft(url=url, title=title, text=text, page_type="bench")], [], []))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="Scale runs at 1k and 10k stored documents only.")
    parser.add_argument("--scales", help="Comma-separated stored-document counts (default 1000,10000,100000; '' skips).")
    parser.add_argument("--regions", type=int, default=170, help="Regions in the quality set (× 5 years).")
    parser.add_argument("--probe", type=int, default=300, help="Documents timed at each scale.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for name, q in (("quality", quality(args.regions, args.seed)), ("hard cases", quality(30, args.seed, hard=True))):
        print(f"{name}: {q['copies']} copies of {q['reports']} reports → {q['documents']} documents "
              f"in {q['seconds']:.1f}s ({q['copies'] / q['seconds']:.0f} copies/s, shuffled arrival)")
        print(f"  pair precision {q['precision']:.5f}   pair recall {q['recall']:.5f}")
        print(f"  {'copy kind':<14} {'joined its report':>18}")
        for label, (found, total) in q["by_label"].items():
            print(f"  {label:<14} {found:>8} / {total:<8} {found / total:.4f}")
        print(flush=True)
    print("scale (CPU time of this process, one core; wall clock depends on the machine's load):")
    print(f"{'stored docs':>12} {'load docs/s':>12} {'fingerprint ms':>15} {'store ms':>9} {'docs/s':>8} {'wall docs/s':>12} {'db MB':>8}")
    scales = "1000,10000" if args.quick else "1000,10000,100000"
    for stored in [int(n) for n in (scales if args.scales is None else args.scales).split(",") if n]:
        s = scale(stored, args.probe, args.seed)
        print(f"{s['stored']:>12,} {s['load_per_s']:>12.0f} {s['fingerprint_ms']:>15.2f} {s['store_ms']:>9.2f} "
              f"{s['per_s']:>8.0f} {s['wall_per_s']:>12.0f} {s['db_mb']:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
