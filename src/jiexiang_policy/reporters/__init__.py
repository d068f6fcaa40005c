"""Reporters: each turns a :class:`~jiexiang_policy.findings.Report` into text. They only format."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..findings import Report
from ..links import absolute_links
from ..run import InputProblem, RunNote

if TYPE_CHECKING:
    from .json_report import render_json
    from .junit import render_junit
    from .sarif import render_sarif
    from .text import render_text

__all__ = ["FORMATS", "render", "render_json", "render_junit", "render_sarif", "render_text"]

FORMATS = ("text", "json", "sarif", "junit")


def render(
    report: Report,
    fmt: str = "text",
    *,
    lang: str = "zh",
    color: bool = False,
    errors: Sequence[InputProblem] = (),
    notes: Sequence[RunNote] = (),
    docs_base: str | None = None,
    list_problems: bool = True,
) -> str:
    """Render ``report`` in ``fmt`` (one of :data:`FORMATS`).

    ``lang`` is the language of what a person reads (the JSON report carries
    both languages of each message; its skip reasons follow ``lang``); ``color``
    applies to ``text`` only. ``errors`` and ``notes`` (from a
    :class:`~jiexiang_policy.run.CheckRun`) are included in every format, so
    a report is written even when a file could not be checked. Links to rule
    pages are absolute, under ``docs_base`` (see :mod:`jiexiang_policy.links`).
    ``list_problems=False`` (text only) leaves the errors and notes to the caller,
    saying only how many errors there were.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    report = absolute_links(report, docs_base)
    # Each format's module is imported when asked for (JUnit's brings in an XML library).
    if fmt == "json":
        from .json_report import render_json

        return render_json(report, errors=errors, notes=notes, lang=lang)
    if fmt == "text":
        from .text import render_text

        return render_text(
            report,
            lang=lang,
            color=color,
            input_errors=errors,
            run_notes=notes,
            list_problems=list_problems,
        )
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(report, lang=lang, errors=errors, notes=notes)
    from .junit import render_junit

    return render_junit(report, errors=errors, lang=lang)


_MODULES = {
    "render_json": "json_report",
    "render_junit": "junit",
    "render_sarif": "sarif",
    "render_text": "text",
}


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return getattr(importlib.import_module(f".{_MODULES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
