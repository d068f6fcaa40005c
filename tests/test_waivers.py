"""Waiver files: loading with located errors, and applying them to a report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy.checker import check
from jiexiang_policy.errors import SetupFileError
from jiexiang_policy.findings import Finding, Report, Severity, Status
from jiexiang_policy.locations import Location
from jiexiang_policy.orgsetup import load_setup
from jiexiang_policy.waivers import (
    WAIVER_RULES,
    Waiver,
    WaiverFile,
    apply_waivers,
    load_waivers,
)

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2027, 6, 30)

WAIVER_FILE = """\
schema_version: 1
waivers:
  - rule: JX001
    target: 东城区/区城市管理委员会
    reason: 考核办法修订中
    approved_by: 区委编办
    document: 东编发〔2026〕3号
    expires: 2027-06-30
  - rule: JX018
    target: 东城区/东华门街道/*
    reason: 街巷长调整中
    approved_by: 东华门街道工委
    expires: 2027-12-31
"""


def _finding(rule_id: str, target: str, line: int = 1, status: Status = Status.NEW) -> Finding:
    return Finding(
        rule_id=rule_id,
        severity=Severity.ERROR,
        message_zh="问题",
        message_en="problem",
        location=Location("setup.yaml", line, 3, ("districts", 0)),
        target=target,
        status=status,
    )


def _report(*findings: Finding) -> Report:
    return Report(
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        as_of=DAY,
        files=("setup.yaml",),
        rules_run=("JX001", "JX018"),
        rules_skipped=(("JX007", "needs a baseline (--baseline) to compare with"),),
    )


def _waivers(text: str = WAIVER_FILE, name: str = "waivers.yaml") -> WaiverFile:
    return load_waivers(name, text=text)


def _by_rule(report: Report, rule_id: str) -> list[Finding]:
    return [f for f in report.findings if f.rule_id == rule_id]


# --- loading ------------------------------------------------------------------


def test_load_reads_every_field() -> None:
    waivers = _waivers()
    first, second = waivers.waivers
    assert first == Waiver(
        rule="JX001",
        target="东城区/区城市管理委员会",
        reason="考核办法修订中",
        approved_by="区委编办",
        document="东编发〔2026〕3号",
        expires=dt.date(2027, 6, 30),
    )
    assert second.document is None
    assert waivers.locate(1).line == 9


def test_load_from_file_and_json(tmp_path: Path) -> None:
    yaml_file = tmp_path / "w.yaml"
    yaml_file.write_text(WAIVER_FILE, encoding="utf-8")
    from_yaml = load_waivers(yaml_file)
    data = {
        "schema_version": 1,
        "waivers": [
            {
                "rule": "JX001",
                "target": "东城区/区城市管理委员会",
                "reason": "考核办法修订中",
                "approved_by": "区委编办",
                "document": "东编发〔2026〕3号",
                "expires": "2027-06-30",
            },
            {
                "rule": "JX018",
                "target": "东城区/东华门街道/*",
                "reason": "街巷长调整中",
                "approved_by": "东华门街道工委",
                "expires": "2027-12-31",
            },
        ],
    }
    json_file = tmp_path / "w.json"
    json_file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    from_json = load_waivers(json_file)
    assert from_json.waivers == from_yaml.waivers
    assert from_json.locate(1).line > from_json.locate(0).line > 0


def test_shipped_example_waives_every_gap_of_its_setup_until_it_expires() -> None:
    setup = load_setup(ROOT / "examples" / "with-gaps.yaml")
    waivers = load_waivers(ROOT / "examples" / "waivers.yaml")
    day = dt.date(2026, 11, 28)
    plain = check(setup, as_of=day)
    assert sorted(f.rule_id for f in plain.findings) == ["JX001", "JX018", "JX018"]
    waived = apply_waivers(plain, waivers, day)
    assert [f.status for f in waived.findings] == [Status.WAIVED] * 3  # and no JX900/JX901
    assert not waived.failing(Severity.WARNING)
    # Each waiver still holds on its last day; the day after, it is reported and waives nothing.
    for i, waiver in enumerate(waivers.waivers):
        last = apply_waivers(plain, waivers, waiver.expires)
        assert f"waivers/{i}" not in {f.target for f in _by_rule(last, "JX900")}
        assert all(f.status is Status.WAIVED for f in _by_rule(last, waiver.rule))
        after = apply_waivers(plain, waivers, waiver.expires + dt.timedelta(days=1))
        assert f"waivers/{i}" in {f.target for f in _by_rule(after, "JX900")}
        assert all(f.status is Status.NEW for f in _by_rule(after, waiver.rule))


# name: (text, words expected in the message, line expected)
BAD_FILES: dict[str, tuple[str, str, int]] = {
    "unknown key with hint": (
        WAIVER_FILE.replace("    document: 东编发", "    documnet: 东编发"),
        "unknown field 'documnet'; did you mean 'document'?",
        7,
    ),
    "missing reason": (
        WAIVER_FILE.replace("    reason: 考核办法修订中\n", ""),
        "required field 'reason' is missing",
        3,
    ),
    "empty reason": (
        WAIVER_FILE.replace("reason: 考核办法修订中", "reason: '  '"),
        "reason must not be empty",
        5,
    ),
    "empty approved_by": (
        WAIVER_FILE.replace("approved_by: 区委编办", "approved_by: ''"),
        "approved_by must not be empty",
        6,
    ),
    "bad date": (
        WAIVER_FILE.replace("expires: 2027-06-30", "expires: 30/06/2027"),
        "is not a date; write YYYY-MM-DD",
        8,
    ),
    "number for a date": (
        WAIVER_FILE.replace("expires: 2027-06-30", "expires: 2027"),
        "expected a date",
        8,
    ),
    "bad rule ID": (
        WAIVER_FILE.replace("rule: JX001", "rule: JX1"),
        "must be a rule ID such as JX001",
        3,
    ),
    "lower-case bad rule ID": (
        WAIVER_FILE.replace("rule: JX001", "rule: jx1"),
        "(JX or WP and three digits), got 'JX1'",
        3,
    ),
    "unknown top-level key": (
        WAIVER_FILE.replace("waivers:", "waiver:"),
        "unknown field 'waiver'; did you mean 'waivers'?",
        2,
    ),
    "not a mapping": ("- rule: JX001\n", "must be a mapping with a 'waivers' list", 1),
    "unsupported schema version": (
        WAIVER_FILE.replace("schema_version: 1", "schema_version: 2"),
        "schema_version 2 is not supported",
        1,
    ),
    "duplicate key": (
        WAIVER_FILE.replace("    reason: 考核办法修订中\n", "    reason: a\n    reason: b\n"),
        "duplicate key 'reason'",
        6,
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_gives_located_error(case: str) -> None:
    text, expected, line = BAD_FILES[case]
    with pytest.raises(SetupFileError) as info:
        load_waivers("bad.yaml", text=text)
    assert len(info.value.problems) == 1, str(info.value)
    location, message = info.value.problems[0]
    assert expected in message
    assert location.file == "bad.yaml"
    assert location.line == line, str(info.value)
    assert str(info.value).startswith(f"bad.yaml:{line}:")


def test_misspelt_required_key_is_one_problem_with_a_hint() -> None:
    text = WAIVER_FILE.replace("    approved_by: 区委编办", "    aproved_by: 区委编办")
    with pytest.raises(SetupFileError) as info:
        load_waivers("bad.yaml", text=text)
    assert [(loc.line, msg) for loc, msg in info.value.problems] == [
        (6, "unknown field 'aproved_by'; did you mean 'approved_by'?"),
    ]


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(SetupFileError, match="no such file"):
        load_waivers(tmp_path / "absent.yaml")


def test_impossible_date_is_an_input_error() -> None:
    text = WAIVER_FILE.replace("expires: 2027-06-30", "expires: 2027-02-30")
    with pytest.raises(SetupFileError, match=r"bad\.yaml"):
        load_waivers("bad.yaml", text=text)


def test_waiver_rules_describe_jx900_and_jx901() -> None:
    assert [(r.id, r.severity) for r in WAIVER_RULES] == [
        ("JX900", Severity.ERROR),
        ("JX901", Severity.WARNING),
    ]
    assert all(r.name and r.title.zh and r.title.en for r in WAIVER_RULES)


# --- applying -----------------------------------------------------------------


def test_valid_waiver_marks_finding_waived_and_keeps_it() -> None:
    kept = _finding("JX002", "东城区/区城市管理委员会", line=2)
    waived = _finding("JX001", "东城区/区城市管理委员会", line=1)
    lane = _finding("JX018", "东城区/东华门街道/南池子大街", line=3)
    report = apply_waivers(_report(waived, kept, lane), _waivers(), dt.date(2027, 1, 1))
    jx001 = _by_rule(report, "JX001")
    assert len(jx001) == 1
    assert jx001[0].status is Status.WAIVED
    assert jx001[0].waiver_reason == (
        "考核办法修订中 (区委编办, 东编发〔2026〕3号; 有效期至/expires 2027-06-30)"
    )
    assert _by_rule(report, "JX002") == [kept]
    assert _by_rule(report, "JX018")[0].waiver_reason == (
        "街巷长调整中 (东华门街道工委; 有效期至/expires 2027-12-31)"
    )
    assert not _by_rule(report, "JX900")
    assert not _by_rule(report, "JX901")


def test_report_fields_are_kept_and_findings_sorted() -> None:
    before = _report(
        _finding("JX001", "东城区/区城市管理委员会", line=40),
        _finding("JX002", "东城区/区城市管理委员会", line=2),
    )
    after = apply_waivers(before, _waivers(), dt.date(2027, 1, 1))
    assert (after.as_of, after.files, after.rules_run, after.rules_skipped) == (
        before.as_of,
        before.files,
        before.rules_run,
        before.rules_skipped,
    )
    assert list(after.findings) == sorted(after.findings, key=lambda f: f.sort_key)


def test_existing_finding_can_be_waived() -> None:
    finding = _finding("JX001", "东城区/区城市管理委员会", status=Status.EXISTING)
    report = apply_waivers(_report(finding), _waivers(), DAY)
    assert _by_rule(report, "JX001")[0].status is Status.WAIVED


def test_expired_waiver_leaves_finding_and_is_reported() -> None:
    finding = _finding("JX001", "东城区/区城市管理委员会")
    lane = _finding("JX018", "东城区/东华门街道/南池子大街")
    waivers = _waivers()
    report = apply_waivers(_report(finding, lane), waivers, dt.date(2027, 7, 1))
    assert _by_rule(report, "JX001") == [finding]
    (expired,) = _by_rule(report, "JX900")
    assert expired.severity is Severity.ERROR
    assert expired.status is Status.NEW
    assert expired.target == "waivers/0"
    assert expired.location == waivers.locate(0)
    assert (expired.location.file, expired.location.line) == ("waivers.yaml", 3)
    assert expired.location.path == ("waivers", 0)
    assert expired.quote == ""
    assert "2027-06-30" in expired.message_zh
    assert "expired" in expired.message_en
    assert report.count(Severity.ERROR) == 2  # the finding and the expired waiver


def test_expiry_day_is_inclusive() -> None:
    finding = _finding("JX001", "东城区/区城市管理委员会")
    on_the_day = apply_waivers(_report(finding), _waivers(), DAY)
    assert _by_rule(on_the_day, "JX001")[0].status is Status.WAIVED
    assert not _by_rule(on_the_day, "JX900")
    day_after = apply_waivers(_report(finding), _waivers(), DAY + dt.timedelta(days=1))
    assert _by_rule(day_after, "JX001")[0].status is Status.NEW
    assert len(_by_rule(day_after, "JX900")) == 1


def test_unused_waiver_is_a_warning() -> None:
    report = apply_waivers(_report(), _waivers(), dt.date(2027, 1, 1))
    unused = _by_rule(report, "JX901")
    assert [(f.target, f.severity) for f in unused] == [
        ("waivers/0", Severity.WARNING),
        ("waivers/1", Severity.WARNING),
    ]
    assert [f.location.line for f in unused] == [3, 9]
    assert "matches no finding" in unused[0].message_en


def test_waiver_of_a_rule_that_did_not_run_is_not_judged_unused() -> None:
    # With --select JX001 (or --ignore JX018, or JX018 skipped), the JX018 waiver
    # could not have matched anything: calling it unused would be wrong.
    only_jx001 = attrs.evolve(_report(), rules_run=("JX001",))
    report = apply_waivers(only_jx001, _waivers(), dt.date(2027, 1, 1))
    assert [f.target for f in _by_rule(report, "JX901")] == ["waivers/0"]
    # Expiry does not depend on the rule having run.
    later = apply_waivers(only_jx001, _waivers(), dt.date(2028, 1, 1))
    assert [f.target for f in _by_rule(later, "JX900")] == ["waivers/0", "waivers/1"]


def test_waiver_of_no_rule_at_all_says_so() -> None:
    text = WAIVER_FILE.replace("rule: JX018", "rule: JX081")
    report = apply_waivers(_report(), _waivers(text), dt.date(2027, 1, 1))
    unknown = [f for f in _by_rule(report, "JX901") if f.target == "waivers/1"]
    assert len(unknown) == 1
    assert "JX081 is not a rule of this tool" in unknown[0].message_en
    assert "JX081 不是本工具的规则" in unknown[0].message_zh


def test_expired_unused_waiver_is_reported_once_as_expired() -> None:
    report = apply_waivers(_report(), _waivers(), dt.date(2028, 1, 1))
    assert [(f.rule_id, f.target) for f in report.findings] == [
        ("JX900", "waivers/0"),
        ("JX900", "waivers/1"),
    ]


def test_glob_matches_by_rule_and_pattern() -> None:
    lanes = [
        _finding("JX018", "东城区/东华门街道/南池子大街", line=1),
        _finding("JX018", "东城区/东华门街道/北池子大街", line=2),
    ]
    other_street = _finding("JX018", "东城区/景山街道/景山前街", line=3)
    other_rule = _finding("JX019", "东城区/东华门街道/南池子大街", line=4)
    report = apply_waivers(
        _report(*lanes, other_street, other_rule), _waivers(), dt.date(2027, 1, 1)
    )
    status = {(f.rule_id, f.target): f.status for f in report.findings}
    assert status[("JX018", "东城区/东华门街道/南池子大街")] is Status.WAIVED
    assert status[("JX018", "东城区/东华门街道/北池子大街")] is Status.WAIVED
    assert status[("JX018", "东城区/景山街道/景山前街")] is Status.NEW
    assert status[("JX019", "东城区/东华门街道/南池子大街")] is Status.NEW


def test_exact_target_does_not_match_a_longer_one() -> None:
    finding = _finding("JX001", "东城区/区城市管理委员会/分局")
    report = apply_waivers(_report(finding), _waivers(), DAY)
    assert _by_rule(report, "JX001")[0].status is Status.NEW


def test_first_matching_waiver_gives_the_reason() -> None:
    text = WAIVER_FILE + (
        "  - {rule: JX001, target: '*', reason: 全区暂缓, approved_by: 区政府,"
        " expires: 2027-12-31}\n"
    )
    finding = _finding("JX001", "东城区/区城市管理委员会")
    report = apply_waivers(_report(finding), _waivers(text), DAY)
    reason = _by_rule(report, "JX001")[0].waiver_reason
    assert reason is not None
    assert reason.startswith("考核办法修订中")
    # Both JX001 waivers are used; only JX018's glob matches nothing.
    assert [f.target for f in _by_rule(report, "JX901")] == ["waivers/1"]


def test_waivers_built_in_code_have_a_placeholder_location() -> None:
    waiver = Waiver(
        rule="JX003", target="x", reason="r", approved_by="a", expires=dt.date(2027, 1, 1)
    )
    report = apply_waivers(_report(), WaiverFile(1, (waiver,)), DAY)
    (finding,) = report.findings
    assert finding.location == Location("<waivers>", 0, 0, ("waivers", 0))


def test_waiver_validation_in_code() -> None:
    with pytest.raises(ValueError, match="rule ID"):
        Waiver(rule="X1", target="x", reason="r", approved_by="a", expires=DAY)
    with pytest.raises(ValueError, match="must not be empty"):
        Waiver(rule="JX001", target="x", reason="", approved_by="a", expires=DAY)


# --- properties ---------------------------------------------------------------

_RULES = st.sampled_from(["JX001", "JX002", "JX018"])
_TARGETS = st.sampled_from(["甲区/乙街道", "甲区/乙街道/丙胡同", "甲区/丁街道", "乙区/部门"])
_PATTERNS = st.one_of(_TARGETS, st.sampled_from(["*", "甲区/*", "*/乙街道*", "乙区/部门"]))


@st.composite
def _findings(draw: st.DrawFn) -> Finding:
    return _finding(
        draw(_RULES),
        draw(_TARGETS),
        line=draw(st.integers(1, 50)),
        status=draw(st.sampled_from([Status.NEW, Status.EXISTING])),
    )


@st.composite
def _waiver_lists(draw: st.DrawFn) -> tuple[Waiver, ...]:
    return tuple(
        Waiver(
            rule=draw(_RULES),
            target=draw(_PATTERNS),
            reason="原因",
            approved_by="区委编办",
            expires=draw(st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31))),
            document=draw(st.none() | st.just("东编发〔2026〕3号")),
        )
        for _ in range(draw(st.integers(0, 5)))
    )


@given(
    findings=st.lists(_findings(), max_size=12),
    waivers=_waiver_lists(),
    as_of=st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31)),
)
def test_applying_waivers_never_removes_a_finding(
    findings: list[Finding], waivers: tuple[Waiver, ...], as_of: dt.date
) -> None:
    before = _report(*findings)
    after = apply_waivers(before, WaiverFile(1, waivers), as_of)
    waiver_ids = {r.id for r in WAIVER_RULES}
    rest = [f for f in after.findings if f.rule_id not in waiver_ids]
    # Same findings, same count; only status and waiver_reason may change.
    assert len(rest) == len(before.findings)
    unwaive = [attrs.evolve(f, status=Status.NEW, waiver_reason=None) for f in rest]
    original = [attrs.evolve(f, status=Status.NEW) for f in before.findings]
    assert sorted(unwaive, key=repr) == sorted(original, key=repr)
    # One waiver finding per expired or unused waiver, never more.
    assert len(after.findings) - len(rest) <= len(waivers)
    for f in rest:
        if f.status is Status.WAIVED:
            assert any(w.matches(f) and w.valid_on(as_of) for w in waivers)
        else:
            assert not any(w.matches(f) and w.valid_on(as_of) for w in waivers)
    assert list(after.findings) == sorted(after.findings, key=lambda f: f.sort_key)


def test_a_lower_case_rule_id_is_read_as_upper_case_like_select() -> None:
    waivers = load_waivers("w.yaml", text=WAIVER_FILE.replace("rule: JX001", "rule: jx001 "))
    assert waivers.waivers[0].rule == "JX001"


def test_no_setup_rule_uses_the_id_of_a_check_of_the_waiver_file() -> None:
    from jiexiang_policy.ruleset import ALL_RULES, describe_rules

    assert {r.id for r in WAIVER_RULES}.isdisjoint(r.id for r in ALL_RULES)
    listed = [info.id for info in describe_rules()]
    assert len(listed) == len(set(listed)) == len(ALL_RULES) + len(WAIVER_RULES)
