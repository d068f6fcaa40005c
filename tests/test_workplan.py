"""Work plans: deadlines, loading, the WP checks, progress, roll-up, iCalendar, CLI and catalog."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, cast

import attrs
import icalendar
import pytest

from jiexiang_policy import Plan
from jiexiang_policy.cli import main
from jiexiang_policy.findings import Severity
from jiexiang_policy.plan import Deadline, DeadlineKind
from jiexiang_policy.workplan import (
    ALL_WORKPLAN_RULES,
    BeforeYear,
    Bucket,
    Due,
    DueKind,
    Issuer,
    IssuerLevel,
    Milestone,
    NotApplicable,
    Task,
    TaskStatus,
    WorkPlan,
    WorkPlanFileError,
    check_workplan,
    load_settings,
    load_workplan,
    rollup,
    workplan_ics,
    workplan_status,
)
from jiexiang_policy.workplan.ics import item_uid
from test_reporters_sarif_junit import assert_valid_sarif

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "workplans"
DONGCHENG = EXAMPLES / "dongcheng-2026.yaml"
XICHENG = EXAMPLES / "xicheng-2026.yaml"
RULE_EXAMPLES = EXAMPLES / "rules"
EXAMPLE_DAY = dt.date(2019, 1, 15)
MEETING_DAY = dt.date(2026, 12, 5)
ALL_MEASURES = tuple(f"M{i:02d}" for i in range(1, 15))


@pytest.fixture
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests assert the English wording of input errors; zh is the default.
    monkeypatch.setenv("JIEXIANG_LANG", "en")


def _plan(*tasks: Task, **fields: object) -> WorkPlan:
    values: dict[str, object] = {
        "schema_version": 1,
        "title": "测试方案",
        "issuer": Issuer(IssuerLevel.DISTRICT, "示例区"),
        "implements": ("beijing-2018-jiexiang",),
        "tasks": tasks,
        **fields,
    }
    return WorkPlan(**values)  # type: ignore[arg-type]


def _task(id: str = "1", **fields: object) -> Task:
    values: dict[str, object] = {
        "id": id,
        "text": "落实全部举措",
        "measures": ALL_MEASURES,
        "lead_unit": "区委办公室",
        "deadline": Due.on(dt.date(2019, 6, 30)),
        "status": TaskStatus.IN_PROGRESS,
        **fields,
    }
    return Task(**values)  # type: ignore[arg-type]


def _rules(wp: WorkPlan, as_of: dt.date = EXAMPLE_DAY, **kw: object) -> Counter[str]:
    report = check_workplan(wp, as_of=as_of, **kw)  # type: ignore[arg-type]
    return Counter(f.rule_id for f in report.findings)


# --- deadlines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind", "last"),
    [
        ("2026-06-30", DueKind.DATE, dt.date(2026, 6, 30)),
        (dt.date(2026, 6, 30), DueKind.DATE, dt.date(2026, 6, 30)),
        ("2026-02", DueKind.MONTH, dt.date(2026, 2, 28)),
        ("2028年2月", DueKind.MONTH, dt.date(2028, 2, 29)),
        ("2026年6月底", DueKind.MONTH, dt.date(2026, 6, 30)),
        ("2026Q1", DueKind.QUARTER, dt.date(2026, 3, 31)),
        ("2026-Q2", DueKind.QUARTER, dt.date(2026, 6, 30)),
        ("2026年第三季度", DueKind.QUARTER, dt.date(2026, 9, 30)),
        ("2026年四季度", DueKind.QUARTER, dt.date(2026, 12, 31)),
        ("2026年底", DueKind.YEAR_END, dt.date(2026, 12, 31)),
        ("2026年末", DueKind.YEAR_END, dt.date(2026, 12, 31)),
        ("2026-end", DueKind.YEAR_END, dt.date(2026, 12, 31)),
        ("长期坚持", DueKind.ONGOING, None),
        ("ongoing", DueKind.ONGOING, None),
        ("未设定", DueKind.NOT_SET, None),
        (None, DueKind.NOT_SET, None),
    ],
)
def test_deadline_kinds_and_their_last_day(
    written: object, kind: DueKind, last: dt.date | None
) -> None:
    due = Due.parse(written)
    assert due.kind is kind
    assert due.last_day == last
    assert Due.parse(due.text()) == due


@pytest.mark.parametrize("written", ["2026-13", "2026Q5", "明年", "2026-02-30", "2026", True, 3])
def test_deadline_that_is_not_one_is_refused(written: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        Due.parse(written)


def test_due_today_is_not_overdue_the_day_after_is() -> None:
    for due in (Due.on(dt.date(2026, 6, 30)), Due.month_end(2026, 6), Due.quarter_end(2026, 2)):
        assert not due.overdue_on(dt.date(2026, 6, 30))
        assert due.days_left(dt.date(2026, 6, 30)) == 0
        assert due.overdue_on(dt.date(2026, 7, 1))
    assert not Due.year_end(2026).overdue_on(dt.date(2026, 12, 31))
    assert Due.year_end(2026).overdue_on(dt.date(2027, 1, 1))


def test_ongoing_and_not_set_are_never_overdue() -> None:
    for due in (Due.ongoing(), Due.not_set()):
        assert not due.overdue_on(dt.date(9999, 12, 31))
        assert due.days_left(dt.date(2026, 1, 1)) is None
    assert Due.ongoing().is_set
    assert not Due.not_set().is_set


def test_deadline_describes_itself_in_both_languages() -> None:
    assert Due.quarter_end(2026, 2).describe() == "2026年第二季度"
    assert Due.quarter_end(2026, 2).describe("en") == "Q2 2026"
    assert Due.year_end(2026).describe() == "2026年底前"
    assert Due.ongoing().describe("en") == "ongoing"


# --- the model and the loader ---------------------------------------------------------------


def test_objects_are_frozen_and_built_in_python() -> None:
    task = _task()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        task.id = "2"  # type: ignore[misc]
    wp = _plan(task)
    assert check_workplan(wp, as_of=EXAMPLE_DAY).findings == ()


def test_done_needs_a_completion_date_and_only_done_has_one() -> None:
    with pytest.raises(ValueError, match="required when status is 已完成"):
        _task(status=TaskStatus.DONE)
    with pytest.raises(ValueError, match="已完成"):
        _task(completed=dt.date(2019, 1, 1))


def test_dongcheng_example_loads_and_is_marked_illustrative(plan: Plan) -> None:
    wp = load_workplan(DONGCHENG)
    assert wp.illustrative
    assert wp.issuer.name == "东城区"
    assert len(wp.tasks) == 16
    text = DONGCHENG.read_text(encoding="utf-8")
    assert "ILLUSTRATIVE EXAMPLE, NOT OFFICIAL" in text
    covered = {m for t in wp.tasks for m in t.measures} | {n.measure for n in wp.not_applicable}
    assert covered == {m.id for m in plan.measures}


BAD: dict[str, tuple[str, str, str, int]] = {
    "unknown measure": (
        "measures: [M01]",
        "measures: [M1]",
        "unknown measure 'M1'; did you mean 'M01'?",
        0,
    ),
    "bad deadline": ("deadline: 2026-06-30", "deadline: 下个月", "'下个月' is not a deadline", 0),
    "bad status": (
        "status: 已完成\n    completed: 2026-06-20",
        "status: 完成\n    completed: 2026-06-20",
        "'完成' is not allowed here",
        0,
    ),
    "done without date": (
        "    completed: 2026-06-20\n",
        "",
        "completed is required when status is 已完成",
        0,
    ),
    "unknown field": (
        "lead_unit: 区委编办\n    cooperating_units: [区司法局",
        "lead_units: 区委编办\n    cooperating_units: [区司法局",
        "unknown field 'lead_units'; did you mean 'lead_unit'?",
        0,
    ),
    "duplicate task": ('id: "2"', 'id: "1"', "task '1' is defined twice", 0),
    "unknown document": (
        "[beijing-2018-jiexiang]",
        "[beijing-2018-jiexian]",
        "unknown policy document 'beijing-2018-jiexian'",
        0,
    ),
    "unknown provision": (
        "provisions: [P-1.2.2]",
        "provisions: [P-1.2.9]",
        "unknown provision or obligation 'P-1.2.9'",
        0,
    ),
}


@pytest.mark.usefixtures("english_messages")
@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_plan_exits_2_with_a_located_message(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new, words, _ = BAD[case]
    text = DONGCHENG.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "plan.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["workplan", "check", str(bad), "--as-of", "2026-12-05"]) == 2
    err = capsys.readouterr().err
    assert words in err
    assert re.search(rf"{re.escape(str(bad))}:\d+:\d+", err), err
    assert "Traceback" not in err
    with pytest.raises(WorkPlanFileError):
        load_workplan(bad)


def test_a_setup_is_not_taken_for_a_work_plan() -> None:
    with pytest.raises(WorkPlanFileError, match="this is a setup"):
        load_workplan(ROOT / "examples" / "dongcheng.yaml")


def test_json_plan_reads_like_yaml() -> None:
    import yaml

    data = yaml.safe_load(DONGCHENG.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, default=str)
    assert load_workplan("plan.json", text=text) == load_workplan(DONGCHENG)


# --- the checks -------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ALL_WORKPLAN_RULES, ids=lambda r: r.id)
def test_each_failing_example_fails_exactly_its_check(rule: object) -> None:
    rule_id = rule.id  # type: ignore[attr-defined]
    path = RULE_EXAMPLES / f"{rule_id}-{rule.name}.yaml"  # type: ignore[attr-defined]
    assert _rules(load_workplan(path)) == Counter({rule_id: 1})


def test_passing_example_passes_every_check() -> None:
    report = check_workplan(load_workplan(RULE_EXAMPLES / "passing.yaml"), as_of=EXAMPLE_DAY)
    assert report.findings == ()
    assert report.rules_run == tuple(r.id for r in ALL_WORKPLAN_RULES)


def test_rule_ids_are_their_own_series() -> None:
    ids = [r.id for r in ALL_WORKPLAN_RULES]
    assert ids == sorted(ids) == [f"WP{i:03d}" for i in range(1, 10)]


def test_rules_quote_the_source_verbatim(plan: Plan) -> None:
    for rule in ALL_WORKPLAN_RULES:
        assert rule.quote in plan.source_text


def test_not_applicable_covers_a_measure_and_cancelled_tasks_do_not() -> None:
    rest = tuple(m for m in ALL_MEASURES if m != "M02")
    na = (NotApplicable("M02", "市级立法，区级不设任务"),)
    assert _rules(_plan(_task(measures=rest), not_applicable=na)) == Counter()
    assert _rules(_plan(_task(measures=rest))) == Counter({"WP001": 1})
    cancelled = _task("2", measures=("M02",), status=TaskStatus.CANCELLED)
    report = check_workplan(_plan(_task(measures=rest), cancelled), as_of=EXAMPLE_DAY)
    assert [(f.rule_id, f.measure_id) for f in report.findings] == [("WP001", "M02")]
    assert "已取消" in report.findings[0].message_zh


def test_a_measure_is_covered_through_its_provisions_and_obligations() -> None:
    rest = tuple(m for m in ALL_MEASURES if m not in ("M02", "M11"))
    by_clause = _task(measures=rest, provisions=("P-1.1.2.b", "P-2.3.2"))
    assert _rules(_plan(by_clause)) == Counter()


def test_ongoing_counts_as_a_deadline_but_is_later_than_the_source_for_m02() -> None:
    rest = tuple(m for m in ALL_MEASURES if m != "M02")
    assert (
        _rules(
            _plan(
                _task(measures=rest, deadline=Due.ongoing()),
                not_applicable=(NotApplicable("M02", "市级"),),
            )
        )
        == Counter()
    )
    assert _rules(_plan(_task(deadline=Due.ongoing()))) == Counter({"WP005": 1})


def test_source_deadline_is_read_from_the_measures_data(plan: Plan) -> None:
    wp = _plan(_task(deadline=Due.quarter_end(2020, 2)))
    findings = check_workplan(wp, plan, as_of=EXAMPLE_DAY).findings
    assert [(f.rule_id, f.severity, f.measure_id) for f in findings] == [
        ("WP005", Severity.NOTE, "M02")
    ]
    # 力争: the clause stating the deadline is an aim, so the finding is a note.
    assert findings[0].obligation_ids == ("P-1.1.2.b",)
    assert plan.obligation("P-1.1.2.b").modality.default_severity is Severity.NOTE
    assert findings[0].quote == plan.measure("M02").deadline.quote
    # A binding date instead of 力争: the same task is now an error; a later one, no finding.
    binding = Deadline(DeadlineKind.DATE, date=dt.date(2019, 3, 31), quote="x")
    strict = _with_m02(plan, binding)
    assert [f.severity for f in check_workplan(wp, strict, as_of=EXAMPLE_DAY).findings] == [
        Severity.ERROR
    ]
    relaxed = _with_m02(plan, Deadline(DeadlineKind.DATE, date=dt.date(2021, 1, 1), quote="x"))
    assert check_workplan(wp, relaxed, as_of=EXAMPLE_DAY).findings == ()


def _with_m02(plan: Plan, deadline: Deadline) -> Plan:
    measures = tuple(
        attrs.evolve(m, deadline=deadline) if m.id == "M02" else m for m in plan.measures
    )
    return attrs.evolve(plan, measures=measures)


def test_how_before_year_is_read_is_a_setting() -> None:
    wp = _plan(_task(deadline=Due.quarter_end(2020, 2)))
    literal = load_settings()
    assert literal.before_year_last_day is BeforeYear.PREVIOUS_YEAR_END
    assert _rules(wp, settings=literal) == Counter({"WP005": 1})
    inclusive = attrs.evolve(literal, before_year_last_day=BeforeYear.YEAR_END)
    assert _rules(wp, settings=inclusive) == Counter()
    # The boundary: 2019-12-31 is in time under the literal reading, 2020-01-01 is not.
    assert _rules(_plan(_task(deadline=Due.on(dt.date(2019, 12, 31))))) == Counter()
    assert _rules(_plan(_task(deadline=Due.on(dt.date(2020, 1, 1))))) == Counter({"WP005": 1})


def test_unit_spellings_and_the_register() -> None:
    spelled = _plan(
        _task(lead_unit="东城区民政局"),
        _task("2", measures=("M01",), lead_unit="区民政局"),
        _task("3", measures=("M01",), lead_unit="区民政局"),
        issuer=Issuer(IssuerLevel.DISTRICT, "东城区"),
    )
    (finding,) = check_workplan(spelled, as_of=EXAMPLE_DAY).findings
    assert finding.rule_id == "WP004"
    assert "did you mean '区民政局'" in finding.message_en
    # Different units that merely look alike are not flagged.
    alike = _plan(_task(lead_unit="区民政局"), _task("2", measures=("M01",), lead_unit="区财政局"))
    assert _rules(alike) == Counter()
    registered = _plan(
        _task(lead_unit="区城管委", cooperating_units=("区财政局",)),
        units=("区城市管理委员会", "区财政局"),
    )
    (finding,) = check_workplan(registered, as_of=EXAMPLE_DAY).findings
    assert finding.target == "示例区/units/区城管委"
    assert "是否指“区城市管理委员会”" in finding.message_zh


def test_milestones_and_completion_dates() -> None:
    ms = Milestone("评估", Due.month_end(2019, 6))
    assert _rules(_plan(_task(milestones=(ms,)))) == Counter()
    late = Milestone("评估", Due.month_end(2019, 7))
    assert _rules(_plan(_task(milestones=(late,)))) == Counter({"WP006": 1})
    assert (
        _rules(
            _plan(
                _task(deadline=Due.ongoing(), measures=ALL_MEASURES[2:], milestones=(late,)),
                not_applicable=(NotApplicable("M01", "x"), NotApplicable("M02", "x")),
            )
        )
        == Counter()
    )
    done_today = _task(status=TaskStatus.DONE, completed=EXAMPLE_DAY)
    assert _rules(_plan(done_today)) == Counter()
    done_tomorrow = _task(status=TaskStatus.DONE, completed=EXAMPLE_DAY + dt.timedelta(days=1))
    assert _rules(_plan(done_tomorrow)) == Counter({"WP007": 1})
    ms_future = Milestone("评估", Due.month_end(2019, 6), completed=dt.date(2019, 2, 1))
    assert _rules(_plan(_task(milestones=(ms_future,)))) == Counter({"WP007": 1})


def test_overdue_boundary_and_what_is_never_overdue() -> None:
    due = dt.date(2019, 6, 30)
    wp = _plan(_task(deadline=Due.on(due)))
    assert _rules(wp, due, settings=attrs.evolve(load_settings(), due_soon_days=0)) == Counter(
        {"WP009": 1}
    )
    assert _rules(wp, due + dt.timedelta(days=1)) == Counter({"WP008": 1})
    for status, completed in (
        (TaskStatus.DONE, dt.date(2019, 1, 1)),
        (TaskStatus.CANCELLED, None),
    ):
        closed = _plan(_task(status=status, completed=completed))
        assert "WP008" not in _rules(closed, dt.date(2019, 12, 1))
    overdue_ms = _plan(_task(milestones=(Milestone("调研", Due.on(dt.date(2019, 1, 10))),)))
    report = check_workplan(overdue_ms, as_of=EXAMPLE_DAY)
    assert [f.target for f in report.findings] == ["示例区/tasks/1/milestones/调研"]
    assert report.findings[0].severity is Severity.ERROR


def test_due_soon_window_is_configurable_and_a_note() -> None:
    wp = _plan(_task(deadline=Due.on(EXAMPLE_DAY + dt.timedelta(days=16))))
    report = check_workplan(wp, as_of=EXAMPLE_DAY)
    assert [(f.rule_id, f.severity) for f in report.findings] == [("WP009", Severity.NOTE)]
    assert not report.failing(Severity.ERROR)
    narrow = attrs.evolve(load_settings(), due_soon_days=15)
    assert _rules(wp, settings=narrow) == Counter()
    assert load_settings().due_soon_days == 30


def test_select_ignore_and_severity_overrides() -> None:
    wp = load_workplan(DONGCHENG)
    assert set(_rules(wp, MEETING_DAY, select=["WP008"])) == {"WP008"}
    assert "WP009" not in _rules(wp, MEETING_DAY, ignore=["due-soon"])
    assert "WP009" not in _rules(wp, MEETING_DAY, severities={"WP009": None})
    report = check_workplan(wp, as_of=MEETING_DAY, severities={"WP008": Severity.WARNING})
    assert {f.severity for f in report.findings if f.rule_id == "WP008"} == {Severity.WARNING}


def test_dongcheng_checks_as_documented() -> None:
    report = check_workplan(load_workplan(DONGCHENG), as_of=MEETING_DAY)
    assert Counter(f.rule_id for f in report.findings) == Counter({"WP008": 3, "WP009": 3})
    first = report.findings[0]
    assert first.location.file == str(DONGCHENG)
    assert first.location.line > 0


# --- progress and roll-up -----------------------------------------------------------------


def test_status_per_measure_unit_and_upcoming() -> None:
    st = workplan_status(load_workplan(DONGCHENG), as_of=MEETING_DAY)
    assert st.counts.to_dict() == {
        "done": 5,
        "in_progress": 5,
        "not_started": 3,
        "overdue": 2,
        "cancelled": 1,
        "total": 16,
    }
    m04 = next(m for m in st.measures if m.measure_id == "M04")
    assert (m04.counts.overdue, m04.counts.total) == (1, 1)
    m02 = next(m for m in st.measures if m.measure_id == "M02")
    assert m02.not_applicable
    assert m02.counts.total == 0
    assert [(i.task_id, i.milestone is not None) for i in st.overdue] == [
        ("3", True),
        ("3", False),
        ("8", False),
    ]
    days = [i.last_day for i in st.upcoming if i.last_day]
    assert days == sorted(days)
    assert days[0] == dt.date(2026, 12, 20)
    office = next(u for u in st.units if u.unit == "区委组织部")
    assert [(role, i.task_id) for role, i in office.owes] == [("lead", "8"), ("lead", "10")]
    assert office.leads.done == 1
    data = json.loads(st.to_json())
    assert data["counts"]["total"] == 16
    assert data["schema_version"] == 1


def test_rollup_totals_are_the_sum_of_the_districts() -> None:
    plans = [load_workplan(XICHENG), load_workplan(DONGCHENG)]
    view = rollup(plans, as_of=MEETING_DAY)
    assert [r.district for r in view.districts] == ["东城区", "西城区"]
    data = view.to_dict()
    assert data["totals"]["counts"] == {
        "done": 8,
        "in_progress": 8,
        "not_started": 3,
        "overdue": 4,
        "cancelled": 1,
        "total": 24,
    }
    assert data["totals"]["overdue_items"] == 5
    assert [r["overdue_items"] for r in data["districts"]] == [3, 2]
    for mid, total in data["totals"]["measures"].items():
        for key, value in total.items():
            assert value == sum(r["measures"][mid][key] for r in data["districts"])
    assert data["districts"][1]["measures"]["M05"] == {
        "done": 0,
        "in_progress": 1,
        "not_started": 0,
        "overdue": 0,
        "cancelled": 0,
        "total": 1,
    }


def test_rollup_refuses_two_plans_of_one_district() -> None:
    with pytest.raises(WorkPlanFileError.__mro__[1], match="two work plans"):
        rollup([load_workplan(DONGCHENG), load_workplan(DONGCHENG)], as_of=MEETING_DAY)


# --- iCalendar --------------------------------------------------------------------------


def _day(event: icalendar.Component, name: str) -> dt.date:
    value = cast(Any, event[name]).dt
    assert type(value) is dt.date, value  # all-day events: a DATE, not a DATE-TIME
    return value


def test_ics_parses_back_with_the_same_events() -> None:
    st = workplan_status(load_workplan(DONGCHENG), as_of=MEETING_DAY)
    text = workplan_ics(st)
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cal = icalendar.Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0"
    assert cal["PRODID"]
    events = {
        str(e["UID"]): (_day(e, "DTSTART"), _day(e, "DTEND"), str(e["SUMMARY"]))
        for e in cal.walk("VEVENT")
    }
    expected = [i for i in (*st.overdue, *st.upcoming) if i.last_day is not None]
    assert len(events) == len(expected) == 11
    assert {uid: start for uid, (start, _, _) in events.items()} == {
        item_uid(st, i): i.last_day for i in expected
    }
    for uid, (start, end, summary) in events.items():
        assert uid.endswith("@jiexiang-policy")
        assert end - start == dt.timedelta(days=1)
        assert "东城区" in summary
    assert sorted(start for start, _, _ in events.values()) == sorted(
        i.last_day for i in expected if i.last_day
    )
    assert workplan_ics(st) == text  # same status, same bytes


def test_ics_escapes_text_and_round_trips_it() -> None:
    task = _task(text="调研，座谈；汇报\\总结\n第二行")
    st = workplan_status(_plan(task), as_of=EXAMPLE_DAY)
    (event,) = icalendar.Calendar.from_ical(workplan_ics(st)).walk("VEVENT")
    assert "调研，座谈；汇报\\总结\n第二行" in str(event["DESCRIPTION"])
    task = _task(text="a,b;c")
    st = workplan_status(_plan(task), as_of=EXAMPLE_DAY)
    (event,) = icalendar.Calendar.from_ical(workplan_ics(st)).walk("VEVENT")
    assert str(event["SUMMARY"]).endswith("a,b;c")


# --- command line and catalog -----------------------------------------------------------


def test_cli_check_formats_and_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["workplan", "check", str(DONGCHENG), "--as-of", "2026-12-05"]
    assert main(args) == 1
    assert "WP008" in capsys.readouterr().out
    assert main([*args, "--fail-on", "never"]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "workplan",
                "check",
                str(RULE_EXAMPLES / "WP009-due-soon.yaml"),
                "--as-of",
                "2019-01-15",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert (
        main(
            [
                "workplan",
                "check",
                str(RULE_EXAMPLES / "WP009-due-soon.yaml"),
                "--as-of",
                "2019-01-15",
                "--fail-on",
                "note",
            ]
        )
        == 1
    )
    capsys.readouterr()
    assert main([*args, "--format", "sarif", "--fail-on", "never"]) == 0
    sarif = json.loads(capsys.readouterr().out)
    rules = [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert rules[:9] == [r.id for r in ALL_WORKPLAN_RULES]
    assert_valid_sarif(json.dumps(sarif))
    levels = {r["ruleId"]: r["level"] for r in sarif["runs"][0]["results"]}
    assert levels == {"WP008": "error", "WP009": "note"}
    assert main([*args, "--format", "junit", "--fail-on", "never"]) == 0
    assert "WP008 overdue" in capsys.readouterr().out
    assert main([*args, "--format", "json", "--fail-on", "never"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2026-12-05"


def test_cli_waivers_of_wp_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n"
        "  - {rule: WP008, target: 东城区/tasks/*, reason: 区委常委会延期审议, approved_by: 区委办,"
        " expires: 2027-01-31}\n",
        encoding="utf-8",
    )
    args = ["workplan", "check", str(DONGCHENG), "--as-of", "2026-12-05", "--waivers", str(waivers)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.count("已豁免") == 3
    assert "JX901" not in out


def test_cli_status_and_rollup_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--as-of", "2026-12-05"]
    assert main(["workplan", "status", str(DONGCHENG), *base]) == 0
    text = capsys.readouterr().out
    assert "逾期事项：任务和节点（3）" in text
    assert "示例" in text
    assert main(["workplan", "status", str(DONGCHENG), *base, "--lang", "en"]) == 0
    assert "Overdue items, tasks and milestones (3)" in capsys.readouterr().out
    for fmt, probe in (("json", '"schema_version"'), ("html", "<svg"), ("ics", "BEGIN:VCALENDAR")):
        out = tmp_path / f"status.{fmt}"
        assert (
            main(
                ["workplan", "status", str(DONGCHENG), *base, "--format", fmt, "--output", str(out)]
            )
            == 0
        )
        assert probe in out.read_text(encoding="utf-8")
    rollup_args = ["workplan", "rollup", str(DONGCHENG), str(XICHENG), *base]
    assert main([*rollup_args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["counts"]["total"] == 24
    # On a terminal (the default): each district and the city, with the same figures.
    assert main(rollup_args) == 0
    text = capsys.readouterr().out
    for district in data["districts"]:
        counts, overdue = district["counts"], district["overdue_items"]
        assert f"{district['district']}（{district['file']}）：任务 {counts['total']}" in text
        assert (
            f"逾期 {counts['overdue']}，已取消 {counts['cancelled']}）；逾期事项 {overdue}" in text
        )
    assert f"合计：任务 {data['totals']['counts']['total']}" in text
    assert "M02 启动街道办事处工作条例立法工作 — 各区均不适用" in text
    assert main([*rollup_args, "--lang", "en"]) == 0
    assert "all: 24 tasks" in capsys.readouterr().out
    assert (
        main(["workplan", "rollup", str(DONGCHENG), str(XICHENG), *base, "--format", "html"]) == 0
    )
    assert 'id="matrix"' in capsys.readouterr().out
    assert (
        main(
            [
                "workplan",
                "status",
                str(DONGCHENG),
                *base,
                "--unit",
                "区委组织部",
                "--format",
                "json",
            ]
        )
        == 0
    )
    mine = json.loads(capsys.readouterr().out)
    assert [t["id"] for t in mine["tasks"]] == ["5", "8", "9", "10"]  # 5 as cooperating unit
    assert main(["workplan", "status", str(DONGCHENG), "--unit", "区组织部"]) == 2
    assert "'区委组织部'" in capsys.readouterr().err
    assert main(["workplan", "status", str(DONGCHENG), "--due-soon-days", "-1"]) == 2
    assert main(["workplan"]) == 2


def test_catalog_units_and_deadlines_from_a_work_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog"]) == 0
    plain = capsys.readouterr().out
    assert "区委编办" not in plain
    assert "原文未说明" in plain
    assert main(["catalog", "--workplan", str(DONGCHENG)]) == 0
    out = capsys.readouterr().out
    assert "取自东城区《东城区2026年深化" in out
    m01 = out.split("[M01]")[1].split("[P-1.1.1]")[0]
    assert "责任单位（工作方案）: 牵头：区委编办；协办：区司法局、各街道办事处" in m01
    assert "完成时限（工作方案）: 2026-06-30" in m01
    assert main(["catalog", "--workplan", str(DONGCHENG), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    m07 = next(a for a in data["workplan"]["assignments"] if a["measure_id"] == "M07")
    assert m07["lead_units"] == ["区市场监管局"]
    assert m07["deadlines"] == ["2027年第一季度"]
    # A measure the plan does not assign keeps the source's words.
    wp_only_m01 = RULE_EXAMPLES / "WP001-measure-covered.yaml"
    assert main(["catalog", "--workplan", str(wp_only_m01)]) == 0
    m14 = capsys.readouterr().out.split("[M14]")[1]
    assert "责任单位: 原文未说明" in m14
    assert main(["catalog", "--workplan", str(DONGCHENG), "--format", "md"]) == 2


def test_bucket_labels_in_both_languages() -> None:
    assert [b.label() for b in Bucket] == ["已完成", "推进中", "未启动", "逾期", "已取消"]
    assert Bucket.IN_PROGRESS.label("en") == "in progress"


def test_list_the_work_plan_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workplan", "rules", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [r.id for r in ALL_WORKPLAN_RULES]
    assert "due-soon" in lines[-1]
    assert "note" in lines[-1]


def test_explain_a_work_plan_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "wp008"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("WP008 overdue (错误)")
    assert "examples/workplans/rules/WP008-overdue.yaml" in out
    assert main(["explain", "WP099", "--lang", "en"]) == 2


# --- spreadsheets (CSV) -----------------------------------------------------------------

TABLE = EXAMPLES / "table" / "dongcheng-2026.yaml"


def test_tasks_kept_in_a_csv_table_read_like_yaml() -> None:
    from jiexiang_policy.workplan.table import tasks_csv

    yaml_plan, table_plan = load_workplan(DONGCHENG), load_workplan(TABLE)
    assert table_plan.tasks == yaml_plan.tasks
    committed = (EXAMPLES / "table" / "dongcheng-2026-tasks.csv").read_bytes().decode()
    assert tasks_csv(yaml_plan.tasks) == committed  # the example is the writer's own output
    report = check_workplan(table_plan, as_of=MEETING_DAY)
    overdue = [f for f in report.findings if f.rule_id == "WP008"]
    assert overdue[0].location.file.endswith("dongcheng-2026-tasks.csv")
    assert (overdue[0].location.line, overdue[0].location.column) == (4, 8)  # row 3, 完成时限
    assert report.files == (str(TABLE), str(TABLE.parent / "dongcheng-2026-tasks.csv"))


def _table_plan(tmp_path: Path, csv_text: str, encoding: str = "utf-8") -> Path:
    (tmp_path / "tasks.csv").write_bytes(csv_text.encode(encoding))
    head = TABLE.read_text(encoding="utf-8").replace(
        "tasks_table: dongcheng-2026-tasks.csv", "tasks_table: tasks.csv"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(head, encoding="utf-8")
    return plan


@pytest.mark.usefixtures("english_messages")
def test_csv_problems_are_located_at_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = (EXAMPLES / "table" / "dongcheng-2026-tasks.csv").read_text(encoding="utf-8")
    bad = _table_plan(tmp_path, rows.replace(",推进中,", ",进行中,", 1))
    assert main(["workplan", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "tasks.csv:4:10 [/tasks/2/status]: '进行中' is not allowed here" in err
    bad = _table_plan(tmp_path, rows.replace("牵头单位", "牵头部门", 1))
    assert main(["workplan", "check", str(bad)]) == 2
    assert "unknown column '牵头部门'; did you mean '牵头单位'?" in capsys.readouterr().err
    bad = _table_plan(tmp_path, rows.replace("2026-12-20 完成", "完成", 1))
    assert main(["workplan", "check", str(bad)]) == 2
    assert "tasks.csv:8:9: milestone '完成派出机构设置现状调研': write 时限 内容" in (
        capsys.readouterr().err
    )


@pytest.mark.usefixtures("english_messages")
def test_csv_saved_as_gbk_needs_the_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = (EXAMPLES / "table" / "dongcheng-2026-tasks.csv").read_text(encoding="utf-8")
    plan = _table_plan(tmp_path, rows.replace("（", "(").replace("）", ")"), "gbk")
    assert main(["workplan", "check", str(plan), "--as-of", "2026-12-05"]) == 2
    assert "tasks_table_encoding: gbk" in capsys.readouterr().err
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text + "tasks_table_encoding: gbk\n", encoding="utf-8")
    assert main(["workplan", "check", str(plan), "--as-of", "2026-12-05"]) == 1
    assert "WP008" in capsys.readouterr().out


def test_tasks_and_tasks_table_together_are_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        DONGCHENG.read_text(encoding="utf-8").replace("tasks:\n", "tasks_table: t.csv\ntasks:\n"),
        encoding="utf-8",
    )
    with pytest.raises(WorkPlanFileError, match="either tasks or tasks_table"):
        load_workplan(plan)


@pytest.mark.usefixtures("english_messages")
def test_a_policy_folder_may_carry_its_own_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    folder = tmp_path / "plan-2018"
    shutil.copytree(ROOT / "policies" / "plan-2018", folder)
    settings = folder / "workplan" / "settings.yaml"
    settings.parent.mkdir()
    shipped = ROOT / "policies" / "workplan" / "settings.yaml"
    settings.write_text(
        shipped.read_text(encoding="utf-8").replace("due_soon_days: 30", "due_soon_days: 10"),
        encoding="utf-8",
    )
    args = ["workplan", "check", str(DONGCHENG), "--as-of", "2026-12-05", "--format", "json"]
    assert main(["--policy-dir", str(folder), *args]) == 1
    found = Counter(f["rule_id"] for f in json.loads(capsys.readouterr().out)["findings"])
    assert found == Counter({"WP008": 3})  # nothing is due within 10 days
    settings.write_text("due_soon_days: -1\n", encoding="utf-8")
    assert main(["--policy-dir", str(folder), *args]) == 2
    assert "must not be negative" in capsys.readouterr().err


def test_tasks_kept_in_an_excel_workbook_round_trip(tmp_path: Path) -> None:
    import openpyxl

    from jiexiang_policy.workplan.table import tasks_xlsx

    yaml_plan = load_workplan(DONGCHENG)
    (tmp_path / "tasks.xlsx").write_bytes(tasks_xlsx(yaml_plan.tasks))
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        TABLE.read_text(encoding="utf-8").replace(
            "tasks_table: dongcheng-2026-tasks.csv", "tasks_table: tasks.xlsx"
        ),
        encoding="utf-8",
    )
    assert load_workplan(plan).tasks == yaml_plan.tasks
    # Cells Excel typed itself (a date, a whole number) read as their written form.
    book = openpyxl.load_workbook(tmp_path / "tasks.xlsx")
    sheet = book.worksheets[0]
    sheet["H2"] = dt.datetime(2026, 6, 30)
    sheet["A2"] = 1
    sheet["J3"] = "进行中"
    book.save(tmp_path / "tasks.xlsx")
    with pytest.raises(WorkPlanFileError) as error:
        load_workplan(plan)
    assert str(error.value).startswith(f"{tmp_path / 'tasks.xlsx'}:3:10 [/tasks/1/status]")
    sheet["J3"] = "已完成"
    book.save(tmp_path / "tasks.xlsx")
    assert load_workplan(plan).tasks == yaml_plan.tasks
    (tmp_path / "tasks.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(WorkPlanFileError, match="cannot be read as an Excel workbook"):
        load_workplan(plan)


def test_an_unknown_rule_in_the_work_plan_severities_is_an_error() -> None:
    # Overrides are checked against the work-plan rules, as check() checks the setup rules.
    from jiexiang_policy.errors import InputError
    from jiexiang_policy.workplan import check_workplan, load_workplan

    plan = load_workplan(EXAMPLES / "dongcheng-2026.yaml")
    with pytest.raises(InputError, match="WP999"):
        check_workplan(plan, as_of=dt.date(2026, 12, 5), severities={"WP999": None})


def test_the_rollup_names_which_plans_are_examples() -> None:
    from jiexiang_policy.workplan import rollup_text

    real = attrs.evolve(load_workplan(XICHENG), illustrative=False)
    text = rollup_text(rollup([load_workplan(DONGCHENG), real], as_of=MEETING_DAY))
    assert "注意：东城区的方案为示例" in text
    assert "西城区的方案为示例" not in text
    assert "注意" not in rollup_text(rollup([real], as_of=MEETING_DAY))


def test_ics_descriptions_are_in_one_language() -> None:
    import re

    st = workplan_status(load_workplan(DONGCHENG), as_of=MEETING_DAY)
    for lang, own, other in (("zh", "牵头单位：", "Lead unit"), ("en", "Lead unit: ", "牵头单位")):
        events = icalendar.Calendar.from_ical(workplan_ics(st, lang)).walk("VEVENT")
        for event in events:
            text = str(event["DESCRIPTION"])
            assert own in text
            assert other not in text
            if lang == "zh":  # beyond the plan's own words, no English
                assert not re.search(r"\b(?:Task|due|measures|none)\b", text)


def test_ics_titles_and_categories_follow_the_language_too() -> None:
    st = workplan_status(load_workplan(DONGCHENG), as_of=MEETING_DAY)
    events = icalendar.Calendar.from_ical(workplan_ics(st, "en")).walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert all(s.split("] ", 1)[0] in ("[overdue", "[东城区") for s in summaries), summaries
    assert not any("任务" in s or "逾期" in s or "节点" in s for s in summaries)
    assert any(s.startswith("[overdue] [东城区] task ") for s in summaries)
