"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers.

One run; the driver declares every rule (also those without results, so a viewer
can close an alert once its finding is gone) and the waiver-file checks
JX900/JX901. See ``docs/ci-integration.md``.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any
from urllib.parse import quote

from .._version import __version__
from ..findings import Finding, Report, RuleInfo, Severity, Status

__all__ = [
    "FINGERPRINT_KEY",
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "artifact_uri",
    "fingerprint",
    "render_sarif",
]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "jiexiang/v1"
"""The ``partialFingerprints`` key; bump the suffix if :func:`fingerprint` ever changes."""

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}
_BASELINE_STATES = {Status.NEW: "new", Status.EXISTING: "unchanged"}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def render_sarif(report: Report) -> str:
    """``report`` as SARIF 2.1.0 JSON text (deterministic: same report, same bytes).

    The rule metadata is what the report carries (``Report.rules``): the rules that
    ran, with the severity each ran with.
    """
    descriptors = [_rule_descriptor(rule) for rule in report.rules]
    for finding in report.findings:
        if finding.rule_id not in _ids(descriptors):
            descriptors.append({"id": finding.rule_id})
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    run = {
        "tool": {
            "driver": {
                "name": "jiexiang",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "invocations": [_invocation(report, index)],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule_id]) for f in report.findings],
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def fingerprint(finding: Finding) -> str:
    """A stable hash of the finding's rule and target (its identity across runs)."""
    return hashlib.sha256(f"{finding.rule_id}\0{finding.target}".encode()).hexdigest()


def artifact_uri(file: str) -> str:
    """A finding's file as a URI reference: relative paths stay relative, with ``/``."""
    path = file.replace("\\", "/")
    if _WINDOWS_DRIVE.match(path):
        return "file:///" + quote(path, safe="/:")
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(path, safe="/")


def _ids(descriptors: list[dict[str, Any]]) -> set[str]:
    return {d["id"] for d in descriptors}


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    if rule.provision_id:
        clause_zh, clause_en = f"依据 {rule.provision_id}", f"Clause {rule.provision_id}"
    elif rule.quote:
        clause_zh, clause_en = "依据 总体考虑", "Clause: general part"
    else:
        clause_zh, clause_en = "不依据条款", "Rests on no clause"
    explain = f"jiexiang explain {rule.id}"
    cited = f"“{rule.quote}”" if rule.quote else ""
    editorial = (
        f"\n\n编辑性判断 / Editorial: {rule.editorial_zh} / {rule.editorial_en}"
        if rule.editorial_zh
        else ""
    )
    text = (
        f"{rule.rationale_zh}\n{rule.rationale_en}\n\n"
        f"{clause_zh} / {clause_en}: {cited}{editorial}\n\n"
        f"规则说明、依据和示例：{explain} / Rule, clause and examples: {explain}"
    )
    markdown = (
        f"{rule.rationale_zh}\n\n{rule.rationale_en}\n\n"
        f"**{clause_zh} / {clause_en}**\n\n> {rule.quote or '—'}{editorial}\n\n"
        f"规则说明、依据和示例 / Rule, clause and examples: `{explain}`"
    )
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title_zh},
        "fullDescription": {"text": f"{rule.title_zh} / {rule.title_en}"},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "provision_id": rule.provision_id,
            "obligation_ids": list(rule.obligation_ids),
            "quote": rule.quote,
            "modality": rule.modality,
            "severity": rule.severity.value,
            "default_severity": rule.default_severity.value,
            "editorial": rule.editorial_zh is not None,
            "needs_baseline": rule.needs_baseline,
            "help_uri": rule.help_uri,
        },
    }
    if rule.help_uri and "://" in rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    return descriptor


def _invocation(report: Report, index: dict[str, int]) -> dict[str, Any]:
    invocation: dict[str, Any] = {
        "executionSuccessful": True,
        "properties": {
            "as_of": report.as_of.isoformat(),
            "files": list(report.files),
            "rules_run": list(report.rules_run),
            "rules_skipped": [{"rule_id": r, "reason": why} for r, why in report.rules_skipped],
        },
    }
    notes = [
        {
            "level": "note",
            "message": {"text": f"{rule_id} not run: {why}"},
            "associatedRule": {
                "id": rule_id,
                **({"index": index[rule_id]} if rule_id in index else {}),
            },
        }
        for rule_id, why in report.rules_skipped
    ]
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.file)}}
    if loc.line > 0:
        region = {"startLine": loc.line}
        if loc.column > 0:
            region["startColumn"] = loc.column
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if loc.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": loc.pointer}]
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": f"{finding.message_zh} / {finding.message_en}"},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding)},
    }
    if finding.status is Status.WAIVED:
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": finding.waiver_reason or ""}
        ]
    if finding.status in _BASELINE_STATES:
        result["baselineState"] = _BASELINE_STATES[finding.status]
    result["properties"] = {
        "measure_id": finding.measure_id,
        "provision_id": finding.provision_id,
        "obligation_ids": list(finding.obligation_ids),
        "target": finding.target,
        "status": finding.status.value,
        "severity": finding.severity.value,
        "quote": finding.quote,
        "help_uri": finding.help_uri,
    }
    return result
