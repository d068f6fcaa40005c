"""Rendering a work-plan check report in the same formats as a setup check.

The report carries its rules' metadata (``Report.rules``), so the setup reporters
describe the WP rules as they do the JX ones; this is only the formats' one entry point.
"""

from __future__ import annotations

from ..findings import Report
from ..reporters import FORMATS, render

__all__ = ["WORKPLAN_FORMATS", "render_workplan_report"]

WORKPLAN_FORMATS = FORMATS


def render_workplan_report(
    report: Report, fmt: str = "text", *, lang: str = "zh", color: bool = False
) -> str:
    """Render a work-plan ``report`` as :func:`~jiexiang_policy.reporters.render` does."""
    return render(report, fmt, lang=lang, color=color)
