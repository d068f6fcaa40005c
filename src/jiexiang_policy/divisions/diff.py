"""What changed between two snapshots: units added, removed, renamed, and codes reused."""

from __future__ import annotations

import attrs

from .model import Snapshot, TownshipUnit

__all__ = ["Change", "SnapshotDiff", "diff_snapshots"]


@attrs.frozen
class Change:
    """One code's unit before and after (either may be ``None``)."""

    code: str
    before: TownshipUnit | None
    after: TownshipUnit | None


@attrs.frozen
class SnapshotDiff:
    """Differences from ``before`` to ``after``, each in code order.

    The data cannot always tell a renamed unit from a code given to another
    unit; the rule used: a code whose name changed is *reused* when the short
    name before or after is also found under another code of the other snapshot's
    district (卢沟桥街道 110106008 → 六里桥街道, while 卢沟桥 lives on as 110106017);
    otherwise the unit was *renamed* (方庄地区 → 方庄街道, 宛平城地区 → 宛平街道).
    The 2018 long names (…街道办事处) are not counted as renamings.
    """

    before: Snapshot
    after: Snapshot
    added: tuple[TownshipUnit, ...]
    removed: tuple[TownshipUnit, ...]
    renamed: tuple[Change, ...]
    code_reused: tuple[Change, ...]

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (self.added or self.removed or self.renamed or self.code_reused)


def _shorts_elsewhere(snapshot: Snapshot, unit: TownshipUnit) -> set[str]:
    district = snapshot.district(unit.district_code)
    if district is None:
        return set()
    return {u.short_name for u in district.units if u.code != unit.code}


def diff_snapshots(before: Snapshot, after: Snapshot) -> SnapshotDiff:
    """The differences between two snapshots (see :class:`SnapshotDiff`)."""
    old = {u.code: u for u in before.units}
    new = {u.code: u for u in after.units}
    renamed: list[Change] = []
    reused: list[Change] = []
    for code in sorted(old.keys() & new.keys()):
        a, b = old[code], new[code]
        if a.plain_name == b.plain_name and a.district_name == b.district_name:
            continue
        change = Change(code, a, b)
        moved = a.short_name != b.short_name and (
            a.short_name in _shorts_elsewhere(after, b)
            or b.short_name in _shorts_elsewhere(before, a)
        )
        (reused if moved else renamed).append(change)
    return SnapshotDiff(
        before,
        after,
        added=tuple(new[c] for c in sorted(new.keys() - old.keys())),
        removed=tuple(old[c] for c in sorted(old.keys() - new.keys())),
        renamed=tuple(renamed),
        code_reused=tuple(reused),
    )
