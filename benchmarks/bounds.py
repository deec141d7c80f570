"""Memory bounds: peak RSS of extracting 20 MB pages, and of reading a gzip-bomb sitemap.

    .venv/bin/python benchmarks/bounds.py

Each measurement runs in its own process (``govcrawl extract`` for pages; ``sitemap_entries``
with the crawl's ``DOWNLOAD_MAXSIZE`` for the sitemap) and reports that process's peak RSS.
Targets (issue 14): a 20 MB page ≤ 1 GB; a sitemap unpacks to no more than ``DOWNLOAD_MAXSIZE``.
Pages (written here, in a temporary folder):

- ``tables``: a 30,000-character report, then 20 MB of table rows (1.6M elements);
- ``links``: the report, then link lists and tables with 500 KB inline scripts;
- ``images``: the report with images pasted from Word as inline base64.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))

from reportgen import ReportGenerator  # noqa: E402

GOVCRAWL = str(Path(sys.executable).with_name("govcrawl"))
MB = 1024 * 1024
PAGE_TARGET = 1024 * MB
PEAK_RSS = (  # run argv[1:]; print its peak RSS in bytes (Linux reports KB) as the last stderr line
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, file=sys.stderr); sys.exit(code)"
)
SITEMAP = (
    "import sys; from spiders.generic import SitemapTooLarge, sitemap_entries\n"
    "from crawler.crawl.settings import DOWNLOAD_MAXSIZE\n"
    "try: sitemap_entries(open(sys.argv[1], 'rb').read(), DOWNLOAD_MAXSIZE)\n"
    "except SitemapTooLarge as e: print(e)\n"
)


def write_page(path: Path, shape: str) -> None:
    """A page of about 20 MB: the report, then ``shape``'s bloat."""
    title, text = ReportGenerator(seed=14).report("安平市", 2024, 30_000)
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    rows = "".join(f"<tr><td>{i}</td><td>项目</td><td>{i * 7 % 997}万元</td></tr>" for i in range(1000))
    links = "".join(f"<li><a href=\"/art/2024/{i}.html\">关于做好第{i}批重点项目建设的通知</a></li>" for i in range(1000))
    bloat = {
        "tables": f"<table>{rows}</table>",
        "links": f"<ul>{links}</ul><table>{rows}</table><script>var data='{'A' * 500_000}';</script>",
        "images": "<p><img src=\"data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAA" * 43_690 + "\"></p>",
    }[shape]
    with path.open("w", encoding="utf-8") as out:
        out.write(f"<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>"
                  f"<div class=\"content\">{paragraphs}</div>")
        while out.tell() < 20 * MB:
            out.write(bloat)
        out.write("</body></html>")


def write_bomb(path: Path, unpacked: int = 1024 * MB) -> None:
    """A gzipped sitemap of about 1 MB that unpacks to ``unpacked`` bytes."""
    with gzip.open(path, "wb", compresslevel=9) as bomb:
        bomb.write(b"<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        for _ in range(unpacked // MB):
            bomb.write(b" " * MB)
        bomb.write(b"<url><loc>https://www.example.gov.cn/a.html</loc></url></urlset>")


def peak_rss(command: list[str]) -> int:
    """Peak RSS in bytes of ``command`` run to its end."""
    result = subprocess.run([sys.executable, "-c", PEAK_RSS, *command], capture_output=True, text=True, cwd=ROOT)
    if result.returncode:
        raise SystemExit(f"{command[:2]} failed: {result.stderr[-500:]}")
    return int(result.stderr.splitlines()[-1])


def main() -> int:
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for shape in ("tables", "links", "images"):
            page = Path(tmp) / f"{shape}.html"
            write_page(page, shape)
            rss = peak_rss([GOVCRAWL, "extract", str(page), "--url", "https://www.example.gov.cn/art/2024/big.html"])
            failed |= rss > PAGE_TARGET
            print(f"20 MB page ({shape}, {page.stat().st_size / MB:.1f} MB): peak RSS {rss / MB:.0f} MB (target ≤ 1024 MB)")
        bomb = Path(tmp) / "sitemap.xml.gz"
        write_bomb(bomb)
        rss = peak_rss([sys.executable, "-c", SITEMAP, str(bomb)])
        print(f"gzip sitemap ({bomb.stat().st_size / MB:.1f} MB, unpacks to 1024 MB): peak RSS {rss / MB:.0f} MB "
              f"(unpacking stops at DOWNLOAD_MAXSIZE)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
