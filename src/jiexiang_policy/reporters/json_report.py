"""The JSON report: versioned, deterministic, documented in ``docs/report-format.md``."""

from __future__ import annotations

from ..findings import Report

__all__ = ["render_json"]


def render_json(report: Report) -> str:
    """The report as JSON text."""
    return report.to_json()
