"""``crawl --jobs N``: sites crawled by N worker processes writing to one database.

One Scrapy process runs every callback, extraction included, on its reactor thread: one core.
Each worker here is a process of its own running `crawl_in_process` with its own reactor; they
take groups of sites (`host_groups`: sites sharing a host stay together, so the host's politeness
slot is one) from a shared counter, as their groups finish. Every site is still crawled by one
process holding its lock (crawler/crawl/locks.py), with its own download delay; SQLite
serialises the writes (``Store.write``: ``BEGIN IMMEDIATE``). Workers are started with ``spawn``:
a fresh interpreter, no state inherited from the command line's process.
"""

from __future__ import annotations

import math
import multiprocessing
import queue
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from crawler.store.opening import DatabaseDamaged, StorageFailure

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

    from crawler.crawl.runner import CrawlOptions
    from crawler.sites import Site


@dataclass(frozen=True)
class Reported:
    """An environment failure a worker stopped on, as it crosses to the command line's process
    (the exceptions' own constructors take other arguments than their message: not picklable)."""

    kind: type[Exception]
    message: str

    def rebuilt(self) -> Exception:
        """The failure again, with its message."""
        problem = self.kind.__new__(self.kind)
        Exception.__init__(problem, self.message)
        return problem


def crawl_in_workers(groups: list[list[Site]], options: CrawlOptions, jobs: int) -> list[int]:
    """Crawl the groups of sites in ``jobs`` worker processes; the run ids they report.

    A worker that dies reports nothing: its sites count as failed (the command's exit code), and
    the next crawl closes their runs and resumes them."""
    context = multiprocessing.get_context("spawn")
    taken = context.Value("i", 0)
    results: multiprocessing.Queue[tuple[list[int], Reported | None]] = context.Queue()
    at_once = math.ceil(len(groups) / jobs)
    # One live board per terminal: with several workers, plain lines.
    worker_options = replace(options, progress=options.progress and "plain", jobs=1)
    workers = [context.Process(target=work, args=(groups, taken, results, worker_options, at_once), name=f"govcrawl-worker-{n}")
               for n in range(jobs)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    run_ids: list[int] = []
    while True:
        try:
            ids, problem = results.get(timeout=0.1)
        except queue.Empty:
            return run_ids
        if problem is not None:  # a full disk or a damaged database (crawler/crawl/failures.py)
            raise problem.rebuilt()
        run_ids.extend(ids)


def work(groups: list[list[Site]], taken: Synchronized[int], results: multiprocessing.Queue[tuple[list[int], Reported | None]],
         options: CrawlOptions, at_once: int) -> None:
    """A worker: crawl the groups it takes, ``at_once`` at a time; put its run ids on ``results``
    (or the environment failure that stopped it, for the command line to report)."""
    from crawler.crawl.runner import crawl_in_process

    def take() -> int:
        with taken.get_lock():
            taken.value += 1
            return taken.value - 1

    try:
        results.put((crawl_in_process(groups, options, at_once, take), None))
    except (DatabaseDamaged, StorageFailure) as problem:  # what crawler.crawl.failures raises
        results.put(([], Reported(type(problem), str(problem))))
