"""The generated page ``docs/divisions.md``: every district's units per snapshot, with counts."""

from __future__ import annotations

from .diff import diff_snapshots
from .loading import shipped_registry
from .model import Registry, Snapshot

__all__ = ["diff_text", "divisions_page", "units_text"]

_SOURCES = """\
Source: the statistical division codes (统计用区划代码) of the National Bureau of Statistics,
as kept in the public repository
[modood/Administrative-divisions-of-China](https://github.com/modood/Administrative-divisions-of-China)
(`dist/streets.csv` and `dist/areas.csv`; licence WTFPL; the codes themselves are official public
data), at the commits that published each vintage:

| snapshot (data as of) | published | commit |
| --- | --- | --- |
| 2018-10-31 | 2019-01-31 | 31aaa3c |
| 2019-10-31 | 2020-02-25 | 2824502 |
| 2021-10-31 | 2021-12-30 | 0b7fd75 |
| 2022-10-31 | 2022-12-29 | dc3a1d7 |

The files ship in `src/jiexiang_policy/divisions/data/` (columns `code, name, district_code,
district_name`; UTF-8). No 2020 snapshot is shipped: a date in 2020 uses 2019-10-31.
"""

_COUNTING = """\
## How the totals are counted

A row is a *zone*, not a 街乡镇, when the 7th digit of its code is 4 and its name does not end
in 街道 (development zones, the airport and similar); 首都机场街道 has such a code and is a unit.
The 街乡镇 total of a snapshot is its rows minus its zones. Counted this way the data gives
**333 in 2019-10-31** and **343 in 2021-10-31**, the official totals (333 街乡镇 in 2019,
新华社; 343 街道乡镇 in December 2021, 北京青年报); the tests assert both.

Caveats: the name's suffix (街道 / 地区 / 镇 / 乡) is not the legal type: a …地区 is a 乡 with
an added 地区办事处 plate, and several became 街道 later under the same code (the NBS 2019 file
has 150 names ending in 街道 while the city counted 152 街道). Codes are sometimes given to another
unit later, so a unit's identity is code + name + date. The 2018 file has the long names
(…街道办事处). How renamings are told from reused codes: see `SnapshotDiff` in
`src/jiexiang_policy/divisions/diff.py`.
"""


def _counts(registry: Registry) -> list[str]:
    snaps = registry.snapshots
    lines = [
        "## 街乡镇 per district / 各区街乡镇数",
        "",
        "| district | code | " + " | ".join(s.label for s in snaps) + " |",
        "| --- | --- | " + " | ".join("---:" for _ in snaps) + " |",
    ]
    names: dict[str, str] = {}
    for s in snaps:
        for d in s.districts:
            names.setdefault(d.code, d.name)
    for code, name in sorted(names.items()):
        cells = []
        for s in snaps:
            found = s.district(code)
            cells.append(str(len(found.township_units)) if found else "—")
        lines.append(f"| {name} | {code} | " + " | ".join(cells) + " |")
    lines.append(
        "| **total 街乡镇** | | " + " | ".join(f"**{len(s.township_units)}**" for s in snaps) + " |"
    )
    lines.append(
        "| zones (not counted) | | "
        + " | ".join(str(len(s.units) - len(s.township_units)) for s in snaps)
        + " |"
    )
    return [*lines, ""]


def _changes(registry: Registry) -> list[str]:
    lines = ["## Changes between snapshots / 变化", ""]
    for before, after in zip(registry.snapshots, registry.snapshots[1:], strict=False):
        d = diff_snapshots(before, after)
        lines += [f"### {before.label} → {after.label}", ""]
        for title, units in (("added", d.added), ("removed", d.removed)):
            for u in units:
                lines.append(f"- {title}: {u.district_name} {u.name} `{u.code}`")
        for title, changes in (("renamed", d.renamed), ("code reused", d.code_reused)):
            for c in changes:
                assert c.before is not None
                assert c.after is not None
                lines.append(
                    f"- {title}: {c.after.district_name} `{c.code}` {c.before.name} → {c.after.name}"
                )
        if d.empty:
            lines.append("- (no change)")
        lines.append("")
    return lines


def _units(snapshot: Snapshot) -> list[str]:
    lines = [f"## {snapshot.label}", ""]
    for d in snapshot.districts:
        units = d.township_units
        lines.append(
            f"- **{d.name}** `{d.code}` ({len(units)}): "
            + "、".join(f"{u.name} `{u.code}`" for u in units)
        )
        zones = [u for u in d.units if u.is_zone]
        if zones:
            lines.append("  - zones: " + "、".join(f"{u.name} `{u.code}`" for u in zones))
    return [*lines, ""]


def divisions_page(registry: Registry | None = None) -> str:
    """The Markdown page of the shipped (or given) registry."""
    registry = registry or shipped_registry()
    lines = [
        "# Beijing's divisions by date / 北京市街乡镇（按日期）",
        "",
        "The division registry the checks JX024–JX027 and `jiexiang init` use. "
        "A date uses the latest snapshot not after it.",
        "",
        _SOURCES,
        *_counts(registry),
        _COUNTING,
        *_changes(registry),
    ]
    for s in reversed(registry.snapshots):
        lines += _units(s)
    return "\n".join(lines)


def units_text(snapshot: Snapshot, district: str | None = None, lang: str = "zh") -> str:
    """Plain text: each district's 街乡镇 (code, name, kind shown by the name) and zones."""
    en = lang == "en"
    chosen = snapshot.districts if district is None else (snapshot.district(district),)
    lines = [
        f"division codes of {snapshot.label} ({snapshot.source})"
        if en
        else f"统计用区划代码 {snapshot.label} 版（{snapshot.source}）"
    ]
    for d in chosen:
        if d is None:
            continue
        units = d.township_units
        lines.append(
            f"{d.code} {d.name}: {len(units)} units"
            if en
            else f"{d.code} {d.name}：{len(units)} 个街乡镇"
        )
        for u in d.units:
            zone = ("  zone, not a unit" if en else "  功能区，非街乡镇") if u.is_zone else ""
            lines.append(f"  {u.code}  {u.name}  （{u.kind.value}）{zone}")
    total = sum(len(d.township_units) for d in chosen if d)
    lines.append(f"total: {total} units" if en else f"合计：{total} 个街乡镇")
    return "\n".join(lines) + "\n"


def diff_text(
    before: Snapshot, after: Snapshot, district: str | None = None, lang: str = "zh"
) -> str:
    """Plain text: what changed from ``before`` to ``after`` (optionally in one district)."""
    d = diff_snapshots(before, after)
    lines = [f"{before.label} → {after.label}"]

    def keep(name: str) -> bool:
        return district is None or name == district

    en = lang == "en"
    added, removed = ("added", "removed") if en else ("新增", "撤销")
    for label, units in ((added, d.added), (removed, d.removed)):
        lines += [
            f"  {label}: {u.district_name} {u.code} {u.name}"
            for u in units
            if keep(u.district_name)
        ]
    renamed, reused = ("renamed", "code reused") if en else ("更名", "代码另用")
    for label, changes in ((renamed, d.renamed), (reused, d.code_reused)):
        for c in changes:
            if c.before is not None and c.after is not None and keep(c.after.district_name):
                lines.append(
                    f"  {label}: {c.after.district_name} {c.code} {c.before.name} → {c.after.name}"
                )
    if len(lines) == 1:
        lines.append("  no change" if en else "  无变化")
    return "\n".join(lines) + "\n"
