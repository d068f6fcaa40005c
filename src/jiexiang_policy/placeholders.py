"""Placeholders: fields a setup marks ``待填写`` ("to be filled in"), as ``jiexiang init`` writes them.

The loader treats a mapping value that is exactly ``待填写`` as if the field were
left out (its default: not declared) and remembers where it was. The checker
then reports the findings that rest on placeholders as one summary per rule,
district and field (naming the streets), instead of one finding per street, so
the first check of a fresh scaffold is a readable to-do list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .locations import PathPart

if TYPE_CHECKING:
    from .orgsetup import Setup
    from .rule import Rule, Violation

__all__ = ["PLACEHOLDER", "strip_placeholders", "summarise_placeholders"]

PLACEHOLDER = "待填写"
"""The value that marks a field still to be filled in."""

Path = tuple[PathPart, ...]


def strip_placeholders(data: Any, text: str) -> frozenset[Path]:
    """Remove every mapping entry whose value is ``待填写`` from ``data``; return their paths.

    ``text`` is the file's text: a file without the word is not walked at all.
    """
    if PLACEHOLDER not in text:
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


def summarise_placeholders(
    rule: Rule, violations: Iterable[Violation], setup: Setup
) -> list[Violation]:
    """``violations`` with those resting on placeholders folded into one per district and field.

    A summary's path is the first placeholder's; its target is
    ``<district>/*/<field>`` for a street field, ``<district>/<field>`` for a
    district one; its message names the field, the rule and the streets.
    """
    from .rule import Violation

    if not setup.placeholders:
        return list(violations)
    kept: list[Violation] = []
    groups: dict[tuple[PathPart, ...], list[tuple[Path, Violation]]] = {}
    for v in violations:
        where = _placeholder_of(v.path, setup.placeholders)
        if where is None:
            kept.append(v)
            continue
        # districts/D/streets/S/field → (D, "*", field); districts/D/field → (D, field)
        street_level = len(where) > 4 and where[2] == "streets"
        key = (where[1], "*", *where[4:]) if street_level else where[1:]
        groups.setdefault(key, []).append((where, v))
    for key, members in groups.items():
        first_path = members[0][0]
        district = setup.districts[int(key[0])]
        field = "/".join(str(p) for p in key[1:] if p != "*")
        streets = []
        if key[1] == "*":
            for where, _ in members:
                name = district.streets[int(where[3])].name
                if name not in streets:
                    streets.append(name)
        # The strongest severity of the group: a street's override (乡镇: warning) or the rule's.
        overrides = [v.severity for _, v in members]
        severity = None if None in overrides else max(filter(None, overrides), key=lambda s: s.rank)
        if key[1] == "*":
            zh = (
                f"{district.name}：{len(streets)} 个街乡镇的 {field} 待填写"
                f"（{rule.id} {rule.title.zh}）：{'、'.join(streets)}"
            )
            en = (
                f"{district.name}: {field} is still to be filled in for {len(streets)} "
                f"street(s) ({rule.id} {rule.title.en}): {', '.join(streets)}"
            )
            target = f"{district.name}/*/{field}"
        else:
            zh = f"{district.name}的 {field} 待填写（{rule.id} {rule.title.zh}）"
            en = f"{district.name}: {field} is still to be filled in ({rule.id} {rule.title.en})"
            target = f"{district.name}/{field}"
        kept.append(Violation(first_path, target, zh, en, severity))
    return kept
