"""Tools over the store and the extractor: export, ingest, reprocess, check, search, browse, replay."""
