"""Building whole setups from a rule's example fragments.

A fragment is merged into the minimal compliant setup at ``Example.at``:
mappings merge key by key, anything else (lists included) is replaced. The
result is what the documentation shows and what the tests run.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

from .locations import PathPart
from .rule import Rule
from .ruleset import baseline_setup_text, minimal_setup_text

__all__ = ["example_files", "example_setup_data", "example_setup_yaml", "merge_at"]


def merge_at(base: Any, at: tuple[PathPart, ...], fragment: Any) -> Any:
    """A deep copy of ``base`` with ``fragment`` merged in at path ``at``."""
    result = copy.deepcopy(base)
    if not at:
        return _merge(result, fragment)
    parent = result
    for step in at[:-1]:
        parent = parent[step]
    parent[at[-1]] = _merge(parent[at[-1]], fragment)
    return result


def _merge(old: Any, new: Any) -> Any:
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(old)
        for key, value in new.items():
            merged[key] = _merge(old[key], value) if key in old else value
        return merged
    return new


def example_setup_data(rule: Rule, which: str) -> Any:
    """The minimal setup with the rule's ``failing`` or ``passing`` fragment merged in."""
    base = yaml.safe_load(minimal_setup_text())
    fragment = yaml.safe_load(getattr(rule.example, which))
    return merge_at(base, rule.example.at, fragment)


BASELINE_EXAMPLE = "examples/rules/baseline.yaml"
"""Today's setup as a file: the ``--baseline`` for rules that compare with one."""


def example_setup_yaml(rule: Rule, which: str) -> str:
    """:func:`example_setup_data` as a YAML document."""
    header = f"# {rule.id} {rule.name}: {which} example (generated; see docs/rules/{rule.id}.md)\n"
    if rule.needs_baseline:
        header += f"# {rule.id} compares with today's setup; run: jiexiang check <this file> --baseline {BASELINE_EXAMPLE}\n"
    body = yaml.safe_dump(
        example_setup_data(rule, which), allow_unicode=True, sort_keys=False, width=100
    )
    return header + body


def example_files() -> dict[str, str]:
    """``examples/rules/<ID>-<name>.yaml`` for every rule: its failing example as a whole setup."""
    from .ruleset import ALL_RULES

    files = {
        f"examples/rules/{rule.id}-{rule.name}.yaml": example_setup_yaml(rule, "failing")
        for rule in ALL_RULES
    }
    files[BASELINE_EXAMPLE] = (
        "# The --baseline for the examples of rules that compare a proposal with today's\n"
        "# setup: the minimal setup with one more layer and a lower grassroots share.\n"
        + baseline_setup_text()
    )
    return files
