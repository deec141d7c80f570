"""Generated government work reports with the structure that makes dedup hard.

Built from the clauses of the real reports in tests/dedup_data: every report shares stock
phrases with all others, its year's national themes with every region's report of that year,
and a pool of region-specific sentences (projects, places) with its own region's other years;
the rest is region/year-specific (clauses recombined, with the region's name and figures).
Deterministic: the same (seed, region, year) always gives the same text.
"""

from __future__ import annotations

import random
import re
from functools import cached_property

from variants import DATA

FAMILY_NAMES = "东西南北上下安永兴宁平和新昌华阳明德清江海山河丰泰康顺云岳林城光远定乐"
SUFFIXES = ("市", "县", "区")
STOCK = 60
THEMES_PER_YEAR = 30
REGION_POOL = 30
REGION_PICKS = 12


class ReportGenerator:
    """Reports for (region, year); ``chars`` sets the rough length."""

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed

    @cached_property
    def clauses(self) -> list[str]:
        """Clauses of the real reports (between ，；。), 6–30 characters."""
        found: set[str] = set()
        for path in sorted(DATA.glob("*.txt")):
            for clause in re.split(r"[，,；;。！!？?：:\n]", path.read_text(encoding="utf-8")):
                clause = clause.strip()
                if 6 <= len(clause) <= 30 and not re.search(r"20\d\d|[宝普潮衡平龙丽慈]", clause):
                    found.add(clause)
        return sorted(found)

    def regions(self, count: int) -> list[str]:
        """``count`` distinct region names (两字 + 市/县/区)."""
        names = [a + b + s for s in SUFFIXES for a in FAMILY_NAMES for b in FAMILY_NAMES if a != b]
        random.Random(self.seed).shuffle(names)
        if count > len(names):
            names += [f"{n}{i}" for i in range(count // len(names) + 1) for n in names]
        return names[:count]

    def sentence(self, rng: random.Random, region: str | None = None) -> str:
        clauses = rng.sample(self.clauses, rng.randint(2, 4))
        if region and rng.random() < 0.5:
            clauses.insert(rng.randrange(len(clauses)), f"{region}{rng.choice(self.clauses)[:6]}")
        if rng.random() < 0.4:
            clauses.append(f"{rng.choice(self.clauses)[:5]}{rng.randint(2, 980)}.{rng.randint(1, 9)}亿元")
        return "，".join(clauses) + "。"

    def stock(self) -> list[str]:
        rng = random.Random(f"{self.seed}/stock")
        return [self.sentence(rng) for _ in range(STOCK)]

    def themes(self, year: int) -> list[str]:
        rng = random.Random(f"{self.seed}/theme/{year}")
        return [self.sentence(rng) for _ in range(THEMES_PER_YEAR)]

    def region_pool(self, region: str) -> list[str]:
        rng = random.Random(f"{self.seed}/region/{region}")
        return [self.sentence(rng, region) for _ in range(REGION_POOL)]

    def report(self, region: str, year: int, chars: int = 8000) -> tuple[str, str]:
        """(title, text) of the region's report for the year, one paragraph per line."""
        rng = random.Random(f"{self.seed}/report/{region}/{year}")
        stock, themes = self.stock(), self.themes(year)
        carried = rng.sample(self.region_pool(region), REGION_PICKS)
        lines = [
            f"{year}年{rng.randint(1, 2)}月{rng.randint(1, 28)}日在{region}第{rng.randint(10, 17)}届人民代表大会第{rng.randint(1, 7)}次会议上",
            "各位代表：",
            f"现在，我代表{region}人民政府向大会报告工作，请予审议，并请{region}政协委员和其他列席人员提出意见。",
            f"一、{year - 1}年工作回顾",
        ]
        size = sum(map(len, lines))
        while size < chars:
            paragraph = []
            for _ in range(rng.randint(3, 7)):
                pick = rng.random()
                if pick < 0.15:
                    paragraph.append(rng.choice(stock))
                elif pick < 0.25:
                    paragraph.append(rng.choice(themes))
                elif pick < 0.35 and carried:
                    paragraph.append(carried.pop())
                else:
                    paragraph.append(self.sentence(rng, region))
            lines.append("".join(paragraph))
            size += len(lines[-1])
        return f"{year}年{region}政府工作报告", "\n".join(lines)
