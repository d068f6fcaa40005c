"""Findings and reports: what a check found, as data. Reporters only format them."""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

import attrs

from .locations import Location

__all__ = [
    "NEEDS_BASELINE",
    "REPORT_SCHEMA_VERSION",
    "Citation",
    "DocumentInForce",
    "Finding",
    "Report",
    "RuleInfo",
    "Severity",
    "Status",
]

REPORT_SCHEMA_VERSION = 1
"""Bumped whenever a field of the JSON report changes meaning or disappears."""

NEEDS_BASELINE = "needs a baseline (--baseline) to compare with"
"""Why a rule that compares with today's setup did not run."""


class Severity(enum.Enum):
    """How serious a finding is; by default it follows the wording of the clause.

    ``error`` for binding words (应/要/必须/确保/不得), ``warning`` for a system to be
    rolled out or phased in (推行/推广/逐步/试点), ``note`` for aims, encouragement and
    goal statements (探索/力争/鼓励/倡导): reported, never failing a run by default.
    """

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        """Higher is more serious."""
        return _RANKS[self]

    def label(self, lang: str = "zh") -> str:
        """The word shown to people: 错误/警告/提示 in Chinese, the value in English."""
        if lang == "en":
            return self.value
        return _LABELS_ZH[self]


_RANKS = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.NOTE: 0}
_LABELS_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTE: "提示"}


class Status(enum.Enum):
    """Whether a finding is new, already present in the baseline, or waived."""

    NEW = "new"
    EXISTING = "existing"
    WAIVED = "waived"


@attrs.frozen
class DocumentInForce:
    """A policy document that applied on a report's date."""

    id: str
    title_zh: str
    title_en: str
    in_force: dt.date | None = None
    """The day it took force; ``None`` where the source does not say (the 2018 plan)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "title": {"zh": self.title_zh, "en": self.title_en},
            "in_force": self.in_force.isoformat() if self.in_force else None,
        }


@attrs.frozen
class Citation:
    """A clause a finding cites, in any document of the corpus, with its words."""

    clause: str
    """Qualified ID, e.g. ``street-office-2019:art-43.c``."""
    quote: str
    relation: str | None = None
    """``None`` for a clause the rule rests on; for a clause cited through a
    cross-reference, how the later clause stands to the earlier (``carries-on`` …)."""
    in_force: dt.date | None = None
    """When its document took force; ``None`` where the source does not say."""
    label_zh: str = ""
    """How a person names it, e.g. 《街道办事处条例》第四十四条第二款; empty: use ``clause``."""
    label_en: str = ""

    def label(self, lang: str = "zh") -> str:
        """The clause as a person names it in ``lang`` (its ID where no label is known)."""
        return (self.label_en if lang == "en" else self.label_zh) or self.clause

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "clause": self.clause,
            "label": {"zh": self.label("zh"), "en": self.label("en")},
            "quote": self.quote,
            "relation": self.relation,
            "in_force": self.in_force.isoformat() if self.in_force else None,
        }


@attrs.frozen
class Finding:
    """One place where a setup departs from the plan."""

    rule_id: str
    severity: Severity
    message_zh: str
    message_en: str
    location: Location
    target: str
    """A stable, index-free name of what is wrong, e.g. ``东城区/东华门/enforcement_center``.
    Baselines and waivers match findings by rule and target."""
    measure_id: str | None = None
    provision_id: str | None = None
    obligation_ids: tuple[str, ...] = ()
    quote: str = ""
    status: Status = Status.NEW
    waiver_reason: str | None = None
    help_uri: str | None = None
    citations: tuple[Citation, ...] = ()
    """Every clause in force on the report's date that the finding rests on or that
    carries it on, in any document (see ``docs/policy-over-time.md``)."""

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.message_en if lang == "en" else self.message_zh

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """Order of findings in every report: file, line, column, rule, target."""
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule_id, self.target)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (see ``docs/report-format.md``)."""
        loc = self.location
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "status": self.status.value,
            "measure_id": self.measure_id,
            "provision_id": self.provision_id,
            "obligation_ids": list(self.obligation_ids),
            "message": {"zh": self.message_zh, "en": self.message_en},
            "target": self.target,
            "location": {
                "file": loc.file,
                "line": loc.line or None,
                "column": loc.column or None,
                "path": loc.pointer,
            },
            "quote": self.quote,
            "waiver_reason": self.waiver_reason,
            "help_uri": self.help_uri,
            "citations": [c.to_dict() for c in self.citations],
        }


@attrs.frozen
class RuleInfo:
    """What a report says about a rule it ran, so reporters need no registry.

    ``severity`` is the one used in this run: ``default_severity`` (from the wording
    of the clause) unless a configuration made the rule stricter or weaker.
    """

    id: str
    name: str
    title_zh: str
    title_en: str
    severity: Severity
    default_severity: Severity
    rationale_zh: str = ""
    rationale_en: str = ""
    provision_id: str | None = None
    obligation_ids: tuple[str, ...] = ()
    quote: str = ""
    modality: str | None = None
    """The modality of the main clause (``binding``, ``rollout`` …); ``None`` for checks
    that rest on no clause (e.g. of the waiver file)."""
    editorial_zh: str | None = None
    editorial_en: str | None = None
    """Why the rule, or its title, is our reading rather than the text's words."""
    help_uri: str | None = None
    needs_baseline: bool = False

    @property
    def overridden(self) -> bool:
        """Whether the run used a severity other than the text's default."""
        return self.severity is not self.default_severity

    def title(self, lang: str = "zh") -> str:
        """The title in ``lang``."""
        return self.title_en if lang == "en" else self.title_zh

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        editorial = (
            {"zh": self.editorial_zh, "en": self.editorial_en} if self.editorial_zh else None
        )
        return {
            "id": self.id,
            "name": self.name,
            "title": {"zh": self.title_zh, "en": self.title_en},
            "severity": self.severity.value,
            "default_severity": self.default_severity.value,
            "modality": self.modality,
            "provision_id": self.provision_id,
            "obligation_ids": list(self.obligation_ids),
            "quote": self.quote,
            "editorial": editorial,
            "help_uri": self.help_uri,
        }


@attrs.frozen
class Report:
    """The result of checking one or more setups."""

    findings: tuple[Finding, ...]
    as_of: dt.date
    files: tuple[str, ...] = ()
    rules_run: tuple[str, ...] = ()
    rules_skipped: tuple[tuple[str, str], ...] = ()
    """Rules that could not run, with the reason (e.g. no baseline given)."""
    documents: tuple[DocumentInForce, ...] = ()
    """The policy documents in force on ``as_of``, in order of taking force."""
    rules_not_yet_in_force: tuple[tuple[str, dt.date], ...] = ()
    """Rules whose clauses had not yet taken force on ``as_of``, with the date they do."""
    rules: tuple[RuleInfo, ...] = ()
    """The rules this report speaks of (those selected, run or skipped, and the checks
    of the waiver file where waivers were applied), with the severities used."""
    parts: tuple[tuple[str, str], ...] = ()
    """Files of ``files`` read as part of another (a work plan's task table), each with
    that file: the rules ran once for both, and a report per file counts them once."""

    def rule(self, rule_id: str) -> RuleInfo | None:
        """What the report says about ``rule_id``, if it ran."""
        for info in self.rules:
            if info.id == rule_id:
                return info
        return None

    @property
    def documents_in_force(self) -> tuple[str, ...]:
        """IDs of the documents in force on ``as_of``."""
        return tuple(d.id for d in self.documents)

    def count(self, severity: Severity, *, include_waived: bool = False) -> int:
        """How many findings of ``severity`` there are (waived ones excluded by default)."""
        return sum(
            1
            for f in self.findings
            if f.severity is severity and (include_waived or f.status is not Status.WAIVED)
        )

    def failing(self, fail_on: Severity | None) -> tuple[Finding, ...]:
        """Findings that fail a run with ``--fail-on`` (``None`` means never)."""
        if fail_on is None:
            return ()
        return tuple(
            f
            for f in self.findings
            if f.status is not Status.WAIVED and f.severity.rank >= fail_on.rank
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with a schema version."""
        return {
            "schema_version": REPORT_SCHEMA_VERSION,
            "as_of": self.as_of.isoformat(),
            "files": list(self.files),
            "summary": {
                "errors": self.count(Severity.ERROR),
                "warnings": self.count(Severity.WARNING),
                "notes": self.count(Severity.NOTE),
                "waived": sum(1 for f in self.findings if f.status is Status.WAIVED),
                "existing": sum(1 for f in self.findings if f.status is Status.EXISTING),
            },
            "rules_run": list(self.rules_run),
            "rules": [r.to_dict() for r in self.rules],
            "rules_skipped": [{"rule_id": r, "reason": why} for r, why in self.rules_skipped],
            "documents_in_force": list(self.documents_in_force),
            "documents": [d.to_dict() for d in self.documents],
            "rules_not_yet_in_force": [
                {"rule_id": r, "from": day.isoformat()} for r, day in self.rules_not_yet_in_force
            ],
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
