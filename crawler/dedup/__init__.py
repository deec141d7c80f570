"""Deduplication: fingerprints of a text (exact key, MinHash, sentence hashes)."""
