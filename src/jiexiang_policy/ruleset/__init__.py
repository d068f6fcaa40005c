"""The rule registry: every rule, in one explicit tuple.

IDs are stable and never reused; a retired rule's ID stays listed in
``RETIRED_IDS``. Duplicate IDs or names fail at import.
"""

from __future__ import annotations

from importlib import resources

from ..rule import Rule
from . import divisions, report, support, whistle

__all__ = ["ALL_RULES", "RETIRED_IDS", "minimal_setup_text", "rule_by_id", "rules"]

ALL_RULES: tuple[Rule, ...] = (
    *whistle.RULES,
    *report.RULES,
    *support.RULES,
    *divisions.RULES,
)

RETIRED_IDS: frozenset[str] = frozenset()

_ids = [r.id for r in ALL_RULES]
_names = [r.name for r in ALL_RULES]
if len(set(_ids)) != len(_ids) or len(set(_names)) != len(_names):
    raise RuntimeError("duplicate rule ID or name in the registry")
if RETIRED_IDS & set(_ids):
    raise RuntimeError("a retired rule ID is in use again")
if _ids != sorted(_ids):
    raise RuntimeError("rules must be listed in ID order")

_BY_ID = {r.id: r for r in ALL_RULES}


def rules() -> tuple[Rule, ...]:
    """Every rule, in ID order."""
    return ALL_RULES


def rule_by_id(rule_id: str) -> Rule:
    """The rule with ``rule_id`` (case-insensitive). Raises :class:`KeyError`."""
    return _BY_ID[rule_id.upper()]


def minimal_setup_text() -> str:
    """The small compliant setup that rule examples are merged into."""
    return (resources.files(__package__) / "minimal-setup.yaml").read_text(encoding="utf-8")
