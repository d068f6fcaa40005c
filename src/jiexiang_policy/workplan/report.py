"""Rendering a work-plan check report in the same formats as a setup check."""

from __future__ import annotations

from typing import Any, cast

from ..findings import Report
from ..reporters import render_json, render_junit, render_sarif, render_text
from .rules import ALL_WORKPLAN_RULES

__all__ = ["WORKPLAN_FORMATS", "render_workplan_report"]

WORKPLAN_FORMATS = ("text", "json", "sarif", "junit")


def render_workplan_report(
    report: Report, fmt: str = "text", *, lang: str = "zh", color: bool = False
) -> str:
    """Render a work-plan ``report``; SARIF and JUnit describe the WP rules instead of the JX ones."""
    # The SARIF and JUnit writers read a rule's id, name, title, severity, clause and
    # rationale; a WorkplanRule has them all under the same names.
    rules = cast(Any, ALL_WORKPLAN_RULES)
    if fmt == "json":
        return render_json(report)
    if fmt == "text":
        return render_text(report, lang=lang, color=color)
    if fmt == "sarif":
        return render_sarif(report, rules)
    if fmt == "junit":
        return render_junit(report, rules)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(WORKPLAN_FORMATS)}")
