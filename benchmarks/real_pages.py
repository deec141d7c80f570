"""Extraction on real pages nobody here wrote: ``../shared/realpages/*/gold.json``, beside plain trafilatura.

Imported by ``benchmarks/extraction.py``; runnable alone: ``python benchmarks/real_pages.py``.

Per set (a folder holding ``gold.json`` and ``pages/``): mean F of govcrawl and of plain
``trafilatura.extract`` (its defaults), pages more than 0.05 below trafilatura, pages where
govcrawl finds nothing but trafilatura finds more than 200 characters, time in process, CPU
time of a whole process over the set (Python start and imports included), and the ten worst pages
with why each fails. The metric is ``../shared/tools/score_extract.py``'s, imported from it so
the numbers are the ones that tool prints: character-3-gram F1 after NFKC without whitespace,
each gold document matched to its best predicted document.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.extract.decoding import NotHtml  # noqa: E402
from crawler.extract.fallback import plain_trafilatura  # noqa: E402
from crawler.extract.stages import process_page, read_page  # noqa: E402

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_extract.py"
BELOW = 0.05
EMPTY_CHARS = 200
WORST = 10


@dataclass
class PageScore:
    """One page: govcrawl's and trafilatura's F, and what govcrawl made of it."""

    name: str
    f: float
    precision: float
    recall: float
    trafilatura_f: float
    chars: int
    trafilatura_chars: int
    page_type: str
    leaked: list[str]

    def why(self) -> str:
        """A short reason for a low score."""
        if not self.chars:
            return "nothing found"
        reason = "kept furniture" if self.precision < self.recall else "lost text"
        leaks = f", leaked {'/'.join(self.leaked[:3])}" if self.leaked else ""
        return f"{reason} (P {self.precision:.2f} R {self.recall:.2f}, {self.page_type}{leaks})"


def scorer() -> ModuleType | None:
    """The shared scoring tool as a module, when it is there."""
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("score_extract", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_sets() -> list[Path]:
    """Folders of real pages with gold text."""
    return sorted(p.parent for p in (SHARED / "realpages").glob("*/gold.json"))


def govcrawl_documents(body: bytes, url: str) -> list[dict]:
    """What ``govcrawl extract`` prints for a page, as dicts."""
    try:
        _, html = read_page(body)
    except NotHtml:
        return []
    return [asdict(d) for d in process_page(url, html)]


def score_set(folder: Path, tool: ModuleType) -> tuple[list[PageScore], float, float]:
    """Every page of a set scored, and the in-process seconds of govcrawl and of trafilatura."""
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    pages, ours_s, theirs_s = [], 0.0, 0.0
    for name, entry in gold.items():
        body = (folder / "pages" / name).read_bytes()
        start = time.perf_counter()
        docs = govcrawl_documents(body, entry["url"])
        middle = time.perf_counter()
        theirs = plain_trafilatura_bytes(body, entry["url"])
        ours_s, theirs_s = ours_s + middle - start, theirs_s + time.perf_counter() - middle
        rows, leaked, _ = tool.score_page(docs, entry["documents"])
        trows, _, _ = tool.score_page([{"text": theirs}], entry["documents"])
        pages.append(
            PageScore(
                name=name,
                f=_mean([r["F"] for r in rows]),
                precision=_mean([r["P"] for r in rows]),
                recall=_mean([r["R"] for r in rows]),
                trafilatura_f=_mean([r["F"] for r in trows]),
                chars=sum(len(d["text"]) for d in docs),
                trafilatura_chars=len(theirs),
                page_type=",".join(sorted({d["page_type"] for d in docs})) or "-",
                leaked=leaked,
            )
        )
    return pages, ours_s, theirs_s


def plain_trafilatura_bytes(body: bytes, url: str) -> str:
    """Plain trafilatura on the page's bytes, as score_extract.py calls it (it decodes by itself)."""
    return plain_trafilatura(body, url, comments=False)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def whole_process_seconds(folder: Path, extractor: str) -> float:
    """CPU time of one fresh Python process extracting every page of a set (start and imports
    included; CPU, not wall time, so that other processes on the machine do not decide it)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, __file__, "--only", extractor, str(folder)], check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def run_only(extractor: str, folder: Path) -> None:
    """Extract every page of a set with one extractor and print nothing (timed from outside)."""
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    for name, entry in gold.items():
        body = (folder / "pages" / name).read_bytes()
        if extractor == "govcrawl":
            govcrawl_documents(body, entry["url"])
        else:
            plain_trafilatura_bytes(body, entry["url"])


def report(folder: Path, tool: ModuleType) -> list[str]:
    """The lines printed for one set."""
    pages, ours_s, theirs_s = score_set(folder, tool)
    below = [p for p in pages if p.f < p.trafilatura_f - BELOW]
    empty = [p for p in pages if not p.chars and p.trafilatura_chars > EMPTY_CHARS]
    ours_w, theirs_w = whole_process_seconds(folder, "govcrawl"), whole_process_seconds(folder, "trafilatura")
    lines = [
        f"## {folder.name}: {len(pages)} pages",
        f"mean F govcrawl {_mean([p.f for p in pages]):.4f}, trafilatura {_mean([p.trafilatura_f for p in pages]):.4f}",
        f"pages > {BELOW} below trafilatura: {len(below)} ({len(below) / len(pages):.1%}); "
        f"empty where trafilatura has > {EMPTY_CHARS} chars: {len(empty)}",
        f"in process (wall): govcrawl {ours_s:.1f} s, trafilatura {theirs_s:.1f} s; "
        f"whole process (CPU): govcrawl {ours_w:.1f} s ({len(pages) / ours_w:.1f} pages/s), "
        f"trafilatura {theirs_w:.1f} s ({len(pages) / theirs_w:.1f} pages/s)",
        f"{WORST} worst pages against trafilatura:",
    ]
    for page in sorted(pages, key=lambda p: p.f - p.trafilatura_f)[:WORST]:
        lines.append(f"  {page.f:.3f} vs {page.trafilatura_f:.3f}  {page.name}: {page.why()}")
    return lines


def real_page_report() -> list[str]:
    """Lines for every real set present (none when ../shared/realpages is absent)."""
    tool = scorer()
    if tool is None:
        return []
    return [line for folder in real_sets() for line in report(folder, tool)]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--only":
        run_only(sys.argv[2], Path(sys.argv[3]))
    else:
        print("\n".join(real_page_report()) or "no real page sets found under ../shared/realpages")
