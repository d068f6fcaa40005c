"""The rule registry: every rule, in one explicit tuple.

IDs are stable and never reused; a retired rule's ID stays listed in
``RETIRED_IDS``. Duplicate IDs or names fail at import.
"""

from __future__ import annotations

from pathlib import Path

from ..findings import RuleInfo
from ..plan import Plan
from ..rule import Rule
from . import divisions, report, statutes, support, whistle

__all__ = [
    "ALL_RULES",
    "RETIRED_IDS",
    "baseline_setup_text",
    "describe_rules",
    "minimal_setup_text",
    "rule_by_id",
    "rules",
]

# Sorted by ID, so no rule's place depends on the order of the modules.
ALL_RULES: tuple[Rule, ...] = tuple(
    sorted(
        (*whistle.RULES, *report.RULES, *support.RULES, *divisions.RULES, *statutes.RULES),
        key=lambda r: r.id,
    )
)

RETIRED_IDS: frozenset[str] = frozenset()

_ids = [r.id for r in ALL_RULES]
_names = [r.name for r in ALL_RULES]
if len(set(_ids)) != len(_ids) or len(set(_names)) != len(_names):
    raise RuntimeError("duplicate rule ID or name in the registry")
if RETIRED_IDS & set(_ids):
    raise RuntimeError("a retired rule ID is in use again")

_BY_ID = {r.id: r for r in ALL_RULES}


def rules() -> tuple[Rule, ...]:
    """Every rule, in ID order."""
    return ALL_RULES


def rule_by_id(rule_id: str) -> Rule:
    """The rule with ``rule_id`` (case-insensitive). Raises :class:`KeyError`."""
    return _BY_ID[rule_id.upper()]


def describe_rules(plan: Plan | None = None) -> tuple[RuleInfo, ...]:
    """Every rule, setup rules and the checks of the waiver file, as reports describe them."""
    from ..checker import rule_info
    from ..plan_loader import load_plan
    from ..waivers import WAIVER_RULES  # the waiver file's own checks, for listings only

    plan = plan or load_plan()
    return (*(rule_info(r, plan) for r in ALL_RULES), *(w.info() for w in WAIVER_RULES))


def minimal_setup_text() -> str:
    """The small compliant setup that rule examples are merged into."""
    return (Path(__file__).parent / "minimal-setup.yaml").read_text(encoding="utf-8")


def baseline_setup_text() -> str:
    """ "Today's setup" for the examples of rules that compare with one (``--baseline``).

    The minimal setup with one more management layer per street and a lower grassroots
    share of enforcement staff, so the minimal setup is an improvement on it: compared
    with it, nothing is reported.
    """
    text = minimal_setup_text()
    text = text.replace("management_layers: 2", "management_layers: 3")
    text = text.replace(
        "enforcement_personnel: {district: 60, street: 240}",
        "enforcement_personnel: {district: 80, street: 220}",
    )
    return "# Today's setup, before the reform (generated).\n" + text
