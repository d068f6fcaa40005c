"""Reporters: each turns a :class:`~jiexiang_policy.findings.Report` into text. They only format."""

from __future__ import annotations

from ..findings import Report
from .json_report import render_json
from .junit import render_junit
from .sarif import render_sarif
from .text import render_text

__all__ = ["FORMATS", "render", "render_json", "render_junit", "render_sarif", "render_text"]

FORMATS = ("text", "json", "sarif", "junit")


def render(report: Report, fmt: str = "text", *, lang: str = "zh", color: bool = False) -> str:
    """Render ``report`` in ``fmt`` (one of :data:`FORMATS`).

    ``lang`` and ``color`` apply to ``text`` only; the other formats carry both languages.
    """
    if fmt == "json":
        return render_json(report)
    if fmt == "text":
        return render_text(report, lang=lang, color=color)
    if fmt == "sarif":
        return render_sarif(report)
    if fmt == "junit":
        return render_junit(report)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
