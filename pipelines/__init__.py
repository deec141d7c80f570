"""Item pipelines, in ITEM_PIPELINES order: raw → extract → store."""
