"""Crawl throughput benchmark: ``crawl --all --jobs 1`` against ``--jobs 2``, and ``govcrawl extract``.

    .venv/bin/python benchmarks/crawl.py [--sites 40] [--reports 100] [--jobs 1 2]

Generates a corpus of TRS WCM portals with the recorded sites' generators (tests/support:
``sitegen_sites`` page templates, ``reportgen`` report texts, one distinct report per page):
``--sites`` portals of ``--reports`` reports each, listed 20 to a page. A replay server in its own
process serves them; each ``--jobs`` value crawls the whole corpus into a fresh database with
``govcrawl crawl bench00 … --sites FILE --replay URL --jobs N`` (politeness off, as for every
replayed crawl).

Reported per run: pages stored per second of wall time, CPU utilisation of the crawl's processes
(user + system time of the whole process tree over wall time; 100 % is one core), peak RSS (the
largest single process, and the process tree's total, sampled every 0.2 s) and the tree's RSS when
a quarter, half and all of the pages were stored (flat means memory does not grow with pages).
Then ``govcrawl extract`` on 400 of the same pages in one process: the extraction a crawl cannot
avoid, on one core.

Targets (issue 14): ``--jobs 2`` ≥ 1.6 × ``--jobs 1``; the 2-job crawl at least as fast as one core
of ``govcrawl extract``; peak RSS flat in the number of pages.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))

from reportgen import ReportGenerator  # noqa: E402
from sitegen_cms import paragraphs  # noqa: E402
from sitegen_sites import jm_article, jm_list  # noqa: E402

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
COLUMN = "/zwgk/ghjh/zfgzbg/"
PER_LIST_PAGE = 20
YEARS = range(2015, 2025)


def build_corpus(folder: Path, sites: int, reports: int) -> tuple[Path, Path, list[Path]]:
    """Write the portals under ``folder/sites`` and their sites file; the article files."""
    generator = ReportGenerator(seed=14)
    per_site = -(-reports // len(YEARS))
    regions = generator.regions(sites * per_site)
    entries, articles = [], []
    for n in range(sites):
        host = f"www.bench{n:02d}.gov.cn"
        root = folder / "sites" / host
        rows = []
        for i in range(reports):
            year = YEARS[i % len(YEARS)]
            title, text = generator.report(regions[n * per_site + i // len(YEARS)], year, chars=6000)
            date = f"{year}-02-{1 + i % 27:02d}"
            path = f"{year}02/t{year}02{1 + i % 27:02d}_{n * 1000 + i}.html"
            articles.append(_write(root, COLUMN + path, jm_article(title, date, paragraphs(text.splitlines(), 1))))
            rows.append((date, "./" + path, title))
        rows.sort(reverse=True)
        pages = [rows[i:i + PER_LIST_PAGE] for i in range(0, len(rows), PER_LIST_PAGE)]
        for index, page in enumerate(pages):
            name = "index.html" if index == 0 else f"index_{index}.html"
            _write(root, COLUMN + name, jm_list(index, len(pages), [(href, title, date) for date, href, title in page]))
        _write(root, "/robots.txt", "User-agent: *\nDisallow: /wcm/\n")
        (root / "_site.json").write_text(json.dumps({
            "scheme": "https", "headers": {"Content-Type": "text/html; charset=gb2312"},
            "files": {"/robots.txt": {"headers": {"Content-Type": "text/plain"}}},
        }), "utf-8")
        entries.append(
            f'[bench{n:02d}]\ntitle = "测试门户{n}"\nfamily = "trs"\nkind = "official"\npage_type = "trs"\n'
            f'allowed_domains = ["{host}"]\nstart_urls = ["https://{host}{COLUMN}"]\n'
        )
    sites_file = folder / "sites.toml"
    sites_file.write_text("\n".join(entries), "utf-8")
    return folder / "sites", sites_file, articles


def _write(root: Path, path: str, text: str) -> Path:
    file = root / path.lstrip("/")
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(text.encode("gb18030"))  # what a gb2312 label decodes as (w3lib), the report texts need it
    return file


@dataclass
class Sampler:
    """RSS of a process tree, sampled while it runs."""

    root_pid: int
    peak_total: int = 0
    """Largest sum of the tree's RSS seen, in bytes."""
    at_pages: dict[str, int] = field(default_factory=dict)

    def tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [self.root_pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def sample(self) -> int:
        total = 0
        for pid in self.tree():
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, IndexError, ValueError):
                continue
        self.peak_total = max(self.peak_total, total)
        return total


def stored_pages(db: Path) -> int:
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return connection.execute("select count(*) from pages").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.OperationalError:
        return 0


def crawl(jobs: int, sites_file: Path, replay_url: str, db: Path, expected: int, names: list[str]) -> dict[str, float]:
    """One crawl of the corpus: wall time, CPU, RSS, pages."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen(
        [GOVCRAWL, "crawl", *names, "--sites", str(sites_file), "--replay", replay_url, "--db", str(db),
         "--jobs", str(jobs)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    sampler = Sampler(process.pid)
    marks = {"25%": expected // 4, "50%": expected // 2}
    while process.poll() is None:
        rss = sampler.sample()
        pages = stored_pages(db)
        for name, at in marks.items():
            if name not in sampler.at_pages and pages >= at:
                sampler.at_pages[name] = rss
        time.sleep(0.2)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.exit(f"crawl --jobs {jobs} exited {process.returncode}: {process.stderr.read()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pages = stored_pages(db)
    return {
        "pages": pages, "wall": wall, "pages_per_s": pages / wall, "cpu_percent": 100 * cpu / wall,
        "peak_rss_mb": after.ru_maxrss / 1024, "peak_tree_rss_mb": sampler.peak_total / 2**20,
        **{f"rss_at_{name}_mb": value / 2**20 for name, value in sampler.at_pages.items()},
    }


def extract_rate(articles: list[Path], count: int = 400) -> float:
    """Pages per second of one ``govcrawl extract`` process over ``count`` article pages."""
    chosen = articles[:: max(1, len(articles) // count)][:count]
    started = time.monotonic()
    result = subprocess.run([GOVCRAWL, "extract", "--page-type", "trs", *map(str, chosen)],
                            capture_output=True, text=True)
    wall = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"govcrawl extract exited {result.returncode}: {result.stderr[-2000:]}")
    return len(chosen) / wall


def serve(sites_dir: Path) -> tuple[subprocess.Popen[str], str]:
    """The replay server over ``sites_dir`` in its own process, and its URL."""
    code = ("import sys, time; from crawler.tools.replay import ReplayServer; "
            "s = ReplayServer(sys.argv[1]); print(s.start(), flush=True); time.sleep(1e6)")
    process = subprocess.Popen([sys.executable, "-c", code, str(sites_dir)], stdout=subprocess.PIPE, text=True)
    return process, process.stdout.readline().strip()  # type: ignore[union-attr]


def main() -> None:
    """Build the corpus, crawl it once per ``--jobs`` value, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sites", type=int, default=40)
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sites_dir, sites_file, articles = build_corpus(folder, args.sites, args.reports)
        lists = args.sites * -(-args.reports // PER_LIST_PAGE)
        print(f"corpus: {args.sites} sites, {len(articles)} report pages + {lists} list pages")
        server, url = serve(sites_dir)
        try:
            names = [f"bench{n:02d}" for n in range(args.sites)]  # the sites file adds to the bundled ones
            results = {jobs: crawl(jobs, sites_file, url, folder / f"jobs{jobs}.db", len(articles), names)
                       for jobs in args.jobs}
        finally:
            server.terminate()
            server.wait()
        extract = extract_rate(articles)
    for jobs, r in results.items():
        marks = ", ".join(f"{k[7:-3]} {v:.0f} MB" for k, v in r.items() if k.startswith("rss_at_"))
        print(f"--jobs {jobs}: {r['pages']} pages in {r['wall']:.1f} s = {r['pages_per_s']:.1f} pages/s, "
              f"CPU {r['cpu_percent']:.0f} %, peak RSS {r['peak_rss_mb']:.0f} MB per process, "
              f"{r['peak_tree_rss_mb']:.0f} MB all processes (tree RSS at {marks})")
    print(f"govcrawl extract: {extract:.1f} pages/s on one core")
    if 1 in results and 2 in results:
        speedup = results[2]["pages_per_s"] / results[1]["pages_per_s"]
        print(f"--jobs 2 / --jobs 1: {speedup:.2f}x (target >= 1.6x); "
              f"--jobs 2 / extract: {results[2]['pages_per_s'] / extract:.2f}x (target >= 1x)")


if __name__ == "__main__":
    main()
