"""Absolute links to the rule pages, wherever a report is read.

One setting decides them: the docs base URL (``--docs-base-url``,
``JIEXIANG_DOCS_BASE_URL`` or ``docs-base-url`` in the configuration): the URL
of a copy of the project's ``docs/`` folder, e.g. on an organisation's internal
docs site; rule pages are ``{base}/rules/JX001.md``. Without one, links
are ``file://`` URIs of the rule pages shipped inside the installed package
(``jiexiang_policy/docs/rules/``), or of ``docs/rules/`` in a source checkout.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from .findings import Report

__all__ = ["absolute_links", "docs_dir", "rule_url", "waivers_doc_url"]

RELATIVE_PREFIX = "docs/"


def docs_dir() -> Path:
    """The documentation shipped with the package (a wheel), or the checkout's ``docs/``."""
    packaged = Path(__file__).parent / "docs"
    if (packaged / "rules").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "docs"


def _url(relative: str, base: str | None) -> str:
    """``relative`` (a path under ``docs/``, perhaps with a ``#fragment``) as an absolute URL."""
    path, _, fragment = relative.partition("#")
    url = base.rstrip("/") + "/" + path if base else (docs_dir() / path).resolve().as_uri()
    return f"{url}#{fragment}" if fragment else url


def rule_url(rule_id: str, base: str | None = None) -> str:
    """The page of ``rule_id``: ``{base}/rules/{rule_id}.md``, or the shipped page as ``file://``."""
    return _url(f"rules/{rule_id}.md", base)


def waivers_doc_url(base: str | None = None) -> str:
    """The waiver format page: ``{base}/waivers.md``, or the shipped page as ``file://``."""
    return _url("waivers.md", base)


def absolute_links(report: Report, base: str | None = None) -> Report:
    """``report`` with each relative ``help_uri`` (``docs/…``) of its findings and rules absolute."""

    def fix(uri: str | None) -> str | None:
        if uri is None or "://" in uri:
            return uri
        return _url(uri.removeprefix(RELATIVE_PREFIX), base)

    findings = tuple(attrs.evolve(f, help_uri=fix(f.help_uri)) for f in report.findings)
    report = attrs.evolve(report, findings=findings)
    if hasattr(report, "rules"):  # the rules a report carries, for SARIF's helpUri
        rules = tuple(attrs.evolve(r, help_uri=fix(r.help_uri)) for r in report.rules)
        report = attrs.evolve(report, rules=rules)
    return report
