"""Reporters: each turns a :class:`~jiexiang_policy.findings.Report` into text. They only format."""

from __future__ import annotations

from ..findings import Report
from .json_report import render_json
from .text import render_text

__all__ = ["FORMATS", "render", "render_json", "render_text"]

FORMATS = ("text", "json")


def render(report: Report, fmt: str = "text", *, lang: str = "zh", color: bool = False) -> str:
    """Render ``report`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return render_json(report)
    if fmt == "text":
        return render_text(report, lang=lang, color=color)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
