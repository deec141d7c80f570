"""Optional dependencies (the ``parquet`` and ``browse`` extras): import them, or say which extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message names the extra that brings it."""


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, or raise ``MissingExtra`` with the one-line install hint."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f"{module.split('.')[0]} is not installed: pip install 'govcrawl[{extra}]'") from None
