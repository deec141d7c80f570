"""Item pipelines, in ITEM_PIPELINES order: raw → extract → clean → metadata → dedup → store → frontier."""
