"""The JUnit XML report, for CI systems' test views (GitLab, Jenkins, Azure DevOps …).

One ``<testsuite>`` per setup file (or work plan, its task table included), one
``<testcase>`` per rule run on it:

- errors and warnings that are not waived make the test case fail: one
  ``<failure>`` listing them all, ``type="error"`` if any is an error, else
  ``type="warning"`` (JUnit has no warnings; a warning fails the test case even
  when ``--fail-on error`` lets the run pass);
- notes (aims, encouragement, goal statements) never fail a test case: they are
  listed in ``<system-out>``;
- a test case whose findings are all waived is ``<skipped message="waived: …">``;
  waived findings are listed in ``<system-out>``;
- rules that could not run (``rules_skipped``) are ``<skipped message="not run: …">``.

Findings in files that were not checked as setups (e.g. JX900/JX901 on the
waiver file) get a suite of their own with a test case per rule that found them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..findings import Finding, Report, Severity, Status
from ..messages import skip_reason, waiver_reason
from ..run import InputProblem

__all__ = ["render_junit"]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(
    report: Report,
    *,
    errors: Sequence[InputProblem] = (),
    lang: str | None = None,
) -> str:
    """``report`` as JUnit XML text (deterministic: same report, same bytes).

    Each file with input ``errors`` gets a suite with one errored test case
    (``<error type="input-error">``) listing them. Texts are in ``lang`` (``zh`` or
    ``en``; both, ``中文 / English``, when ``None``).
    """
    names = {r.id: r.name for r in report.rules}
    owner = dict(report.parts)  # a work plan's task table is reported with its plan
    by_file: dict[str, dict[str, list[Finding]]] = {}
    for f in report.findings:
        file = owner.get(f.location.file, f.location.file)
        by_file.setdefault(file, {}).setdefault(f.rule_id, []).append(f)
    checked = [f for f in dict.fromkeys(report.files) if f not in owner]
    extra = sorted(set(by_file) - set(checked))
    root = ET.Element("testsuites", name="jiexiang")
    for file in checked + extra:
        found = by_file.get(file, {})
        if file in checked:
            ran = list(dict.fromkeys([*report.rules_run, *sorted(found)]))
            skipped = report.rules_skipped
        else:
            ran, skipped = sorted(found), ()
        suite = ET.SubElement(root, "testsuite", name=_clean(file))
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="as_of", value=report.as_of.isoformat())
        for rule_id in ran:
            case = _case(suite, file, rule_id, names)
            _outcome(case, found.get(rule_id, []), lang)
        for rule_id, why in skipped:
            case = _case(suite, file, rule_id, names)
            text = f"未运行：{skip_reason(why, 'zh')}" if lang == "zh" else f"not run: {why}"
            ET.SubElement(case, "skipped", message=_clean(text))
        _count(suite)
    by_error_file: dict[str, list[InputProblem]] = {}
    for problem in errors:
        by_error_file.setdefault(problem.file, []).append(problem)
    for file, problems in by_error_file.items():
        suite = ET.SubElement(root, "testsuite", name=_clean(file))
        case = ET.SubElement(
            suite, "testcase", classname=_clean(f"jiexiang.{file}"), name="JX000 input-error"
        )
        texts = [_both(p, lang) for p in problems]
        error = ET.SubElement(case, "error", message=_clean(texts[0]), type="input-error")
        error.text = _clean(
            "\n".join(f"{p.location}: {t}" for p, t in zip(problems, texts, strict=True))
        )
        _count(suite)
    _count(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _case(suite: ET.Element, file: str, rule_id: str, names: dict[str, str]) -> ET.Element:
    name = f"{rule_id} {names[rule_id]}" if rule_id in names else rule_id
    return ET.SubElement(suite, "testcase", classname=_clean(f"jiexiang.{file}"), name=_clean(name))


def _outcome(case: ET.Element, findings: list[Finding], lang: str | None = None) -> None:
    live = [f for f in findings if f.status is not Status.WAIVED]
    failing = [f for f in live if f.severity is not Severity.NOTE]
    notes = [f for f in live if f.severity is Severity.NOTE]
    waived = [f for f in findings if f.status is Status.WAIVED]
    if failing:
        kind = "error" if any(f.severity is Severity.ERROR for f in failing) else "warning"
        failure = ET.SubElement(case, "failure", message=_summary(failing, lang), type=kind)
        failure.text = _clean("\n\n".join(_describe(f, lang) for f in failing))
    elif waived:
        reason = waiver_reason(waived[0].waiver_reason or "", lang)
        if lang == "zh":
            more = f"（另 {len(waived) - 1} 项）" if len(waived) > 1 else ""
            message = f"已豁免：{reason}{more}"
        else:
            more = f" (+{len(waived) - 1} more)" if len(waived) > 1 else ""
            message = f"waived: {reason}{more}"
        ET.SubElement(case, "skipped", message=_clean(message))
    if waived or notes:
        out = ET.SubElement(case, "system-out")
        out.text = _clean("\n\n".join(_describe(f, lang) for f in notes + waived))


def _both(problem: InputProblem, lang: str | None) -> str:
    if lang in ("zh", "en"):
        return problem.message_in(lang)
    return f"{problem.message_in('zh')} / {problem.message_in('en')}"


def _summary(findings: list[Finding], lang: str | None = None) -> str:
    first = findings[0]
    if lang == "zh":
        more = f"（另 {len(findings) - 1} 项）" if len(findings) > 1 else ""
        return _clean(f"{first.message_zh}{more}")
    more = f" (+{len(findings) - 1} more)" if len(findings) > 1 else ""
    if lang == "en":
        return _clean(f"{first.message_en}{more}")
    return _clean(f"{first.message_zh} / {first.message_en}{more}")


_WORDS = {
    None: ("总体考虑 / general part", "target", "依据 / clause", "豁免 / waived"),
    "zh": ("总体考虑", "对象", "依据", "豁免"),
    "en": ("general part", "target", "clause", "waived"),
}


def _describe(finding: Finding, lang: str | None = None) -> str:
    general, target, clause, waived = _WORDS.get(lang, _WORDS[None])
    status = "" if finding.status is Status.NEW else f" [{finding.status.value}]"
    if lang == "zh":
        status = "" if finding.status is Status.NEW else f" [{_STATUS_ZH[finding.status]}]"
    cite = finding.provision_id or general
    severity = finding.severity.label("zh") if lang == "zh" else finding.severity.value
    messages = {
        "zh": [finding.message_zh],
        "en": [finding.message_en],
    }.get(lang or "", [finding.message_zh, finding.message_en])
    lines = [
        f"{finding.location} {severity}{status}",
        *(f"  {m}" for m in messages),
        f"  {target}: {finding.target}",
    ]
    if finding.quote:
        lines.append(f"  {clause} {cite}: “{finding.quote}”")
    if finding.waiver_reason:
        lines.append(f"  {waived}: {waiver_reason(finding.waiver_reason, lang)}")
    return "\n".join(lines)


_STATUS_ZH = {Status.EXISTING: "现状已有", Status.WAIVED: "已豁免", Status.NEW: "新"}


def _count(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    element.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    element.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))


def _clean(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry written as ``\\xNN`` or ``\\uNNNN``."""
    return _NOT_XML.sub(lambda m: ascii(m.group())[1:-1], text)
