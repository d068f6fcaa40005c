"""The JUnit XML report, for CI systems' test views (GitLab, Jenkins, Azure DevOps …).

One ``<testsuite>`` per setup file, one ``<testcase>`` per rule run on it:

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

from ..findings import Finding, Report, Severity, Status

__all__ = ["render_junit"]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(report: Report) -> str:
    """``report`` as JUnit XML text (deterministic: same report, same bytes)."""
    names = {r.id: r.name for r in report.rules}
    by_file: dict[str, dict[str, list[Finding]]] = {}
    for f in report.findings:
        by_file.setdefault(f.location.file, {}).setdefault(f.rule_id, []).append(f)
    checked = list(dict.fromkeys(report.files))
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
            _outcome(case, found.get(rule_id, []))
        for rule_id, why in skipped:
            case = _case(suite, file, rule_id, names)
            ET.SubElement(case, "skipped", message=_clean(f"not run: {why}"))
        _count(suite)
    _count(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _case(suite: ET.Element, file: str, rule_id: str, names: dict[str, str]) -> ET.Element:
    name = f"{rule_id} {names[rule_id]}" if rule_id in names else rule_id
    return ET.SubElement(suite, "testcase", classname=_clean(f"jiexiang.{file}"), name=_clean(name))


def _outcome(case: ET.Element, findings: list[Finding]) -> None:
    live = [f for f in findings if f.status is not Status.WAIVED]
    failing = [f for f in live if f.severity is not Severity.NOTE]
    notes = [f for f in live if f.severity is Severity.NOTE]
    waived = [f for f in findings if f.status is Status.WAIVED]
    if failing:
        kind = "error" if any(f.severity is Severity.ERROR for f in failing) else "warning"
        failure = ET.SubElement(case, "failure", message=_summary(failing), type=kind)
        failure.text = _clean("\n\n".join(_describe(f) for f in failing))
    elif waived:
        reason = waived[0].waiver_reason or ""
        more = f" (+{len(waived) - 1} more)" if len(waived) > 1 else ""
        ET.SubElement(case, "skipped", message=_clean(f"waived: {reason}{more}"))
    if waived or notes:
        out = ET.SubElement(case, "system-out")
        out.text = _clean("\n\n".join(_describe(f) for f in notes + waived))


def _summary(findings: list[Finding]) -> str:
    first = findings[0]
    more = f" (+{len(findings) - 1} more)" if len(findings) > 1 else ""
    return _clean(f"{first.message_zh} / {first.message_en}{more}")


def _describe(finding: Finding) -> str:
    status = "" if finding.status is Status.NEW else f" [{finding.status.value}]"
    cite = finding.provision_id or "总体考虑 / general part"
    lines = [
        f"{finding.location} {finding.severity.value}{status}",
        f"  {finding.message_zh}",
        f"  {finding.message_en}",
        f"  target: {finding.target}",
    ]
    if finding.quote:
        lines.append(f"  依据 / clause {cite}: “{finding.quote}”")
    if finding.waiver_reason:
        lines.append(f"  豁免 / waived: {finding.waiver_reason}")
    return "\n".join(lines)


def _count(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    element.set("errors", "0")
    element.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))


def _clean(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry written as ``\\xNN`` or ``\\uNNNN``."""
    return _NOT_XML.sub(lambda m: ascii(m.group())[1:-1], text)
