"""The versions of this code's stages, which every copy it makes is stamped with.

Each stage keeps its own version next to its code (the page types', clean's, metadata's,
dedup's), so that `govcrawl reprocess --outdated` redoes only the stages that changed. This
module imports every stage: the store itself never imports it; the writers that stamp copies
(the crawl's store pipeline, ingest, reprocess) do.
"""

from __future__ import annotations

from crawler.dedup.fingerprints import DEDUP_VERSION
from crawler.extract.clean import CLEAN_VERSION
from crawler.extract.metadata import METADATA_VERSION
from crawler.extract.pages.registry import EXTRACTOR_VERSION
from crawler.store.rows import StageVersions

STAGE_VERSIONS = StageVersions(extract=EXTRACTOR_VERSION, clean=CLEAN_VERSION, metadata=METADATA_VERSION, dedup=DEDUP_VERSION)
"""What every copy this code makes is stamped with."""
