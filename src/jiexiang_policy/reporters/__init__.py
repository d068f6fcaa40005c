"""Reporters: each turns a :class:`~jiexiang_policy.findings.Report` into text. They only format.

Each reporter is imported when its format is asked for: the SARIF and JUnit ones bring
in the rule registry, the waivers and XML, which a plain text run does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..findings import Report
    from .json_report import render_json
    from .junit import render_junit
    from .sarif import render_sarif
    from .text import render_text

__all__ = ["FORMATS", "render", "render_json", "render_junit", "render_sarif", "render_text"]

FORMATS = ("text", "json", "sarif", "junit")

_MODULES = {
    "render_json": ".json_report",
    "render_junit": ".junit",
    "render_sarif": ".sarif",
    "render_text": ".text",
}


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return getattr(importlib.import_module(_MODULES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render(report: Report, fmt: str = "text", *, lang: str = "zh", color: bool = False) -> str:
    """Render ``report`` in ``fmt`` (one of :data:`FORMATS`).

    ``lang`` and ``color`` apply to ``text`` only; the other formats carry both languages.
    """
    if fmt == "json":
        from .json_report import render_json

        return render_json(report)
    if fmt == "text":
        from .text import render_text

        return render_text(report, lang=lang, color=color)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(report)
    if fmt == "junit":
        from .junit import render_junit

        return render_junit(report)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
