"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers.

One run; the driver declares every rule (also those without results, so a viewer
can close an alert once its finding is gone) and the waiver-file checks
JX900/JX901. See ``docs/ci-integration.md``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from .._version import __version__
from ..checker import RULE_DOCS_BASE
from ..findings import Finding, Report, Severity, Status
from ..rule import Rule
from ..ruleset import ALL_RULES
from ..waivers import WAIVER_RULES, WAIVERS_DOC, WaiverRule

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


def render_sarif(report: Report, rules: Sequence[Rule] = ALL_RULES) -> str:
    """``report`` as SARIF 2.1.0 JSON text (deterministic: same report, same bytes)."""
    descriptors = [_rule_descriptor(rule) for rule in rules]
    descriptors += [_waiver_descriptor(w) for w in WAIVER_RULES if w.id not in _ids(descriptors)]
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


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    clause_zh = f"依据 {rule.provision_id}" if rule.provision_id else "依据 总体考虑"
    clause_en = f"Clause {rule.provision_id}" if rule.provision_id else "Clause: general part"
    explain = f"jiexiang explain {rule.id}"
    text = (
        f"{rule.rationale.zh}\n{rule.rationale.en}\n\n"
        f"{clause_zh} / {clause_en}: “{rule.quote}”\n\n"
        f"规则说明、依据和示例：{explain} / Rule, clause and examples: {explain}"
    )
    markdown = (
        f"{rule.rationale.zh}\n\n{rule.rationale.en}\n\n"
        f"**{clause_zh} / {clause_en}**\n\n> {rule.quote}\n\n"
        f"规则说明、依据和示例 / Rule, clause and examples: `{explain}`"
    )
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title.en},
        "fullDescription": {"text": rule.title.zh},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "provision_id": rule.provision_id,
            "obligation_ids": list(rule.obligation_ids),
            "quote": rule.quote,
            "severity": rule.severity.value,
            "needs_baseline": rule.needs_baseline,
            "help_uri": f"{RULE_DOCS_BASE}{rule.id}.md",
        },
    }


def _waiver_descriptor(rule: WaiverRule) -> dict[str, Any]:
    doc = f"jiexiang-policy {WAIVERS_DOC}"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title.en},
        "fullDescription": {"text": rule.title.zh},
        "help": {
            "text": f"{rule.title.zh}\n{rule.title.en}\n\n豁免文件格式 / Waiver format: {doc}",
            "markdown": f"{rule.title.zh}\n\n{rule.title.en}\n\n"
            f"豁免文件格式 / Waiver format: `{doc}`",
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"severity": rule.severity.value, "help_uri": WAIVERS_DOC},
    }


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
