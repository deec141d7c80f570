"""What an export records so it can be cited and checked: which govcrawl made it and the
version of each stage (page types, clean, metadata, dedup), when, from which database (path,
schema version) with which filters, how many rows, and a SHA-256 of every file written. Written
as ``<out>.manifest.json`` (``OUT/manifest.json`` for a directory) and, in Parquet, into each
file's metadata too."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler import __version__

MANIFEST_JSON = "manifest.json"
CHUNK = 1 << 20


@dataclass
class Manifest:
    """The record of one export (see module docstring)."""

    format: str
    database: dict[str, Any]
    filters: dict[str, Any]
    versions: dict[str, str]
    """Each stage's version in the exporting code, named as the ``copies`` columns that record it."""
    rows: dict[str, int] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    govcrawl_version: str = __version__
    exported_at: str = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0).isoformat())

    def add_file(self, path: Path, root: Path, rows: int | None = None) -> None:
        """Record a finished file: its path relative to ``root``, size, rows and SHA-256."""
        entry: dict[str, Any] = {"path": path.relative_to(root).as_posix(), "bytes": path.stat().st_size, "sha256": sha256(path)}
        if rows is not None:
            entry["rows"] = rows
        self.files.append(entry)

    def as_json(self) -> str:
        """The manifest as pretty JSON, Chinese kept readable."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_path(out: Path) -> Path:
    """Where the manifest of an export to ``out`` goes: inside a directory, else beside the file."""
    return out / MANIFEST_JSON if out.is_dir() else out.with_name(out.name + ".manifest.json")
