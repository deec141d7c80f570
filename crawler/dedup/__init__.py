"""Deduplication, pure: fingerprints of a text, and the matcher (the policy, against an index interface)."""
