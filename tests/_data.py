"""Helpers for tests that walk plain setup data (what the YAML and JSON readers return)."""

from __future__ import annotations

from typing import Any

from jiexiang_policy.locations import PathPart


def data_paths(value: Any, path: tuple[PathPart, ...] = ()) -> list[tuple[PathPart, ...]]:
    """``path`` and the path of every mapping value and list item below it, depth first."""
    found = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            found += data_paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += data_paths(v, (*path, i))
    return found
