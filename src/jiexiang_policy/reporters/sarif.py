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
from ..findings import Finding, Report, RuleInfo, Severity, Status
from ..locations import Location
from ..messages import skip_reason, waiver_reason
from ..run import InputProblem, RunNote

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


def render_sarif(
    report: Report,
    *,
    lang: str | None = None,
    errors: Sequence[InputProblem] = (),
    notes: Sequence[RunNote] = (),
) -> str:
    """``report`` as SARIF 2.1.0 JSON text (deterministic: same report, same bytes).

    The rule metadata is what the report carries (``Report.rules``): the rules that
    ran, with the severity each ran with. ``lang`` (``zh`` or ``en``) is the
    language of every text a viewer shows, both languages being kept in
    ``properties``; ``None`` writes both, ``zh / en``. Input ``errors`` become
    error notifications with their location and results of the pseudo-rule JX000,
    so a viewer shows the broken file; ``notes`` (skipped files) become notes.
    A rule's ``helpUri`` is its ``help_uri`` when absolute (see :mod:`jiexiang_policy.links`).
    """
    descriptors = [_rule_descriptor(rule, lang) for rule in report.rules]
    for finding in report.findings:
        if finding.rule_id not in _ids(descriptors):
            descriptors.append({"id": finding.rule_id})
    if errors:
        descriptors.append(_input_error_descriptor(lang))
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = [_result(f, index[f.rule_id], lang) for f in report.findings]
    results += [_error_result(e, index[INPUT_ERROR_RULE], lang) for e in errors]
    run = {
        "tool": {
            "driver": {
                "name": "jiexiang",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "invocations": [_invocation(report, index, lang, errors, notes)],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


INPUT_ERROR_RULE = "JX000"
"""The pseudo-rule of input errors in SARIF: a file that could not be checked."""


def _pick(zh: str, en: str, lang: str | None) -> str:
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return f"{zh} / {en}"


def _input_error_descriptor(lang: str | None) -> dict[str, Any]:
    zh, en = "输入错误：文件无法检查", "input error: the file could not be checked"
    return {
        "id": INPUT_ERROR_RULE,
        "name": "input-error",
        "shortDescription": {"text": _pick(zh, en, lang)},
        "defaultConfiguration": {"level": "error"},
        "properties": {"title": {"zh": zh, "en": en}},
    }


def _physical(loc: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.file)}}
    if loc.line > 0:
        region = {"startLine": loc.line}
        if loc.column > 0:
            region["startColumn"] = loc.column
        physical["region"] = region
    return physical


def _located(loc: Location) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": _physical(loc)}
    if loc.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": loc.pointer}]
    return location


def _error_result(error: InputProblem, rule_index: int, lang: str | None) -> dict[str, Any]:
    zh, en = error.message_in("zh"), error.message_in("en")
    return {
        "ruleId": INPUT_ERROR_RULE,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": _pick(zh, en, lang)},
        "locations": [_located(error.location)],
        "properties": {"message": {"zh": zh, "en": en}},
    }


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


def _rule_descriptor(rule: RuleInfo, lang: str | None = None) -> dict[str, Any]:
    if rule.provision_id:
        clause_zh, clause_en = f"依据 {rule.provision_id}", f"Clause {rule.provision_id}"
    elif rule.quote:
        clause_zh, clause_en = "依据 总体考虑", "Clause: general part"
    else:
        clause_zh, clause_en = "不依据条款", "Rests on no clause"
    explain = f"jiexiang explain {rule.id}"
    cited = f"“{rule.quote}”" if rule.quote else ""
    page = f"\n{rule.help_uri}" if rule.help_uri and "://" in rule.help_uri else ""
    if lang in ("zh", "en"):
        zh = lang == "zh"
        clause = clause_zh if zh else clause_en
        rationale = rule.rationale_zh if zh else rule.rationale_en
        editorial_text = rule.editorial_zh if zh else rule.editorial_en
        editorial = (
            f"\n\n{'编辑性判断' if zh else 'Editorial'}：{editorial_text}"
            if rule.editorial_zh
            else ""
        )
        more = "规则说明、依据和示例" if zh else "Rule, clause and examples"
        text = f"{rationale}\n\n{clause}：{cited}{editorial}\n\n{more}：{explain}{page}"
        markdown = (
            f"{rationale}\n\n**{clause}**\n\n> {rule.quote or '—'}{editorial}\n\n"
            f"{more}：`{explain}`{page}"
        )
        short = full = rule.title(lang)
    else:
        editorial = (
            f"\n\n编辑性判断 / Editorial: {rule.editorial_zh} / {rule.editorial_en}"
            if rule.editorial_zh
            else ""
        )
        text = (
            f"{rule.rationale_zh}\n{rule.rationale_en}\n\n"
            f"{clause_zh} / {clause_en}: {cited}{editorial}\n\n"
            f"规则说明、依据和示例：{explain} / Rule, clause and examples: {explain}{page}"
        )
        markdown = (
            f"{rule.rationale_zh}\n\n{rule.rationale_en}\n\n"
            f"**{clause_zh} / {clause_en}**\n\n> {rule.quote or '—'}{editorial}\n\n"
            f"规则说明、依据和示例 / Rule, clause and examples: `{explain}`{page}"
        )
        short, full = rule.title_zh, f"{rule.title_zh} / {rule.title_en}"
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
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
            "title": {"zh": rule.title_zh, "en": rule.title_en},
        },
    }
    if rule.help_uri and "://" in rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    return descriptor


def _invocation(
    report: Report,
    index: dict[str, int],
    lang: str | None = None,
    errors: Sequence[InputProblem] = (),
    notes: Sequence[RunNote] = (),
) -> dict[str, Any]:
    invocation: dict[str, Any] = {
        "executionSuccessful": not errors,
        "properties": {
            "as_of": report.as_of.isoformat(),
            "files": list(report.files),
            "rules_run": list(report.rules_run),
            "rules_skipped": [
                {"rule_id": r, "reason": skip_reason(why, lang or "en")}
                for r, why in report.rules_skipped
            ],
            "documents_in_force": list(report.documents_in_force),
            "rules_not_yet_in_force": [
                {"rule_id": r, "from": day.isoformat()} for r, day in report.rules_not_yet_in_force
            ],
        },
    }
    messages: list[dict[str, Any]] = [
        {
            "level": "error",
            "message": {"text": _pick(e.message_in("zh"), e.message_in("en"), lang)},
            "locations": [_located(e.location)],
            "associatedRule": {"id": INPUT_ERROR_RULE, "index": index[INPUT_ERROR_RULE]},
        }
        for e in errors
    ]
    messages += [
        {
            "level": "note",
            "message": {"text": _pick(n.message_zh, n.message_en, lang)},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(n.file)}}}
            ],
        }
        for n in notes
    ]
    messages += [
        {
            "level": "note",
            "message": {
                "text": _pick(
                    f"{rule_id} 未运行：{skip_reason(why, 'zh')}",
                    f"{rule_id} not run: {skip_reason(why, 'en')}",
                    lang,
                )
            },
            "associatedRule": {
                "id": rule_id,
                **({"index": index[rule_id]} if rule_id in index else {}),
            },
        }
        for rule_id, why in report.rules_skipped
    ]
    if messages:
        invocation["toolExecutionNotifications"] = messages
    return invocation


def _result(finding: Finding, rule_index: int, lang: str | None = None) -> dict[str, Any]:
    location = _located(finding.location)
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": _pick(finding.message_zh, finding.message_en, lang)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding)},
    }
    if finding.status is Status.WAIVED:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": waiver_reason(finding.waiver_reason or "", lang),
            }
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
        "message": {"zh": finding.message_zh, "en": finding.message_en},
        # The clauses in force on the report's date, in any document (policy-over-time.md).
        "citations": [c.to_dict() for c in finding.citations],
    }
    return result
