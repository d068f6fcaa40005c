"""The dated registry of Beijing's real township-level divisions (街道 / 乡 / 镇).

Four snapshots of the statistical division codes (统计用区划代码) ship with the
package (as of 31 October 2018, 2019, 2021 and 2022; see ``docs/divisions.md``).
They are read on first use, not at import. A user's own CSV (same columns) can
replace them: :func:`load_divisions`.

    >>> from jiexiang_policy.divisions import divisions
    >>> snap = divisions(as_of=datetime.date(2020, 6, 1))  # doctest: +SKIP
    >>> snap.as_of, len(snap.township_units)  # doctest: +SKIP
    (datetime.date(2019, 10, 31), 333)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .loading import COLUMNS, load_divisions, parse_divisions, shipped_registry
from .model import District, NameKind, Registry, Snapshot, TownshipUnit, short_name

if TYPE_CHECKING:
    from .diff import Change, SnapshotDiff, diff_snapshots

__all__ = [
    "COLUMNS",
    "Change",
    "District",
    "NameKind",
    "Registry",
    "Snapshot",
    "SnapshotDiff",
    "TownshipUnit",
    "diff_snapshots",
    "divisions",
    "load_divisions",
    "parse_divisions",
    "shipped_registry",
    "short_name",
]


def divisions(as_of: dt.date | None = None, registry: Registry | None = None) -> Snapshot:
    """The snapshot in force on ``as_of``: the latest not after it (default: the latest).

    ``registry`` defaults to the shipped one. ``snapshot.as_of`` says which was used.
    """
    return (registry or shipped_registry()).at(as_of)


def __getattr__(name: str) -> Any:
    # The diff (and difflib) is for the divisions page and the API, not for every check.
    if name in ("Change", "SnapshotDiff", "diff_snapshots"):
        from . import diff

        return getattr(diff, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
