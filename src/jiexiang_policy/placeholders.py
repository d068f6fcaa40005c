"""Placeholders: fields a setup marks ``待填写`` ("to be filled in"), as ``jiexiang init`` writes them.

The loader treats a mapping value that is exactly ``待填写`` as if the field were
left out (its default: not declared) and remembers where it was. The checker
then reports the findings that rest on placeholders as one summary per district
and field (naming the rules and the streets), instead of one finding per street, so
the first check of a fresh scaffold is a readable to-do list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .locations import PathPart

if TYPE_CHECKING:
    from .orgsetup import Setup
    from .plan import Plan
    from .rule import Rule, Violation

__all__ = ["PLACEHOLDER", "fold_placeholders", "strip_placeholders"]

PLACEHOLDER = "待填写"
"""The value that marks a field still to be filled in."""

Path = tuple[PathPart, ...]


def strip_placeholders(data: Any, text: str) -> frozenset[Path]:
    """Remove every mapping entry whose value is ``待填写`` from ``data``; return their paths.

    ``text`` is the file's text: a file without the word is not walked at all.
    """
    # One character is found by a vectorised scan, several by a slower search: at
    # city scale 0.1 ms against 2 ms, and most files have no 待 at all.
    if PLACEHOLDER[0] not in text or PLACEHOLDER not in text:
        return frozenset()
    found: list[Path] = []
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for key in [
                k for k, v in node.items() if isinstance(v, str) and v.strip() == PLACEHOLDER
            ]:
                del node[key]
                found.append((*path, key))
            stack.extend(((*path, k), v) for k, v in node.items() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node) if isinstance(v, dict | list))
    return frozenset(found)


def _placeholder_of(path: Path, placeholders: frozenset[Path]) -> Path | None:
    for end in range(len(path), 0, -1):
        if path[:end] in placeholders:
            return path[:end]
    return None


def fold_placeholders(
    results: Iterable[tuple[Rule, Iterable[Violation]]], setup: Setup, plan: Plan
) -> list[tuple[Rule, Violation]]:
    """Each rule's violations, with those resting on placeholders folded into one per field.

    Violations under a ``待填写`` field become one summary per district and field,
    whichever rules read the field: it belongs to the one whose finding is the most
    serious (the first in ID order among equals), so it keeps that severity, and it
    names them all and, for a street field, the streets. Its target is ``<district>/*/<field>`` for a
    street field and ``<district>/<field>`` for a district one.
    """
    from .rule import Violation

    kept: list[tuple[Rule, Violation]] = []
    groups: dict[tuple[PathPart, ...], list[tuple[Rule, Path, Violation]]] = {}
    for rule, violations in results:
        for v in violations:
            where = _placeholder_of(v.path, setup.placeholders) if setup.placeholders else None
            if where is None:
                kept.append((rule, v))
                continue
            # districts/D/streets/S/field → (D, "*", field); districts/D/field → (D, field)
            street_level = len(where) > 4 and where[2] == "streets"
            key = (where[1], "*", *where[4:]) if street_level else where[1:]
            groups.setdefault(key, []).append((rule, where, v))
    for key, members in groups.items():

        def rank(member: tuple[Rule, Path, Violation]) -> int:
            severity = member[0].severity_of(plan, member[2].case)
            return severity.rank if severity is not None else -1

        rule, first_path, strongest = max(members, key=rank)
        district = setup.districts[int(key[0])]
        field = "/".join(str(p) for p in key[1:] if p != "*")
        rules = list(dict.fromkeys(r for r, _, _ in members))
        cited_zh = "；".join(f"{r.id} {r.title.zh}" for r in rules)
        cited_en = "; ".join(f"{r.id} {r.title.en}" for r in rules)
        if key[1] == "*":
            streets = list(dict.fromkeys(district.streets[int(w[3])].name for _, w, _ in members))
            zh = (
                f"{district.name}：{len(streets)} 个街乡镇的 {field} 待填写（{cited_zh}）："
                f"{'、'.join(streets)}"
            )
            en = (
                f"{district.name}: {field} is still to be filled in for {len(streets)} "
                f"street(s) ({cited_en}): {', '.join(streets)}"
            )
            target = f"{district.name}/*/{field}"
        else:
            zh = f"{district.name}的 {field} 待填写（{cited_zh}）"
            en = f"{district.name}: {field} is still to be filled in ({cited_en})"
            target = f"{district.name}/{field}"
        kept.append((rule, Violation(first_path, target, zh, en, strongest.case)))
    return kept
