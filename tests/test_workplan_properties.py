"""Properties of work plans: counts add up, findings ignore task order, files round-trip."""

from __future__ import annotations

import datetime as dt
import json
import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy.converter import unstructure
from jiexiang_policy.workplan import (
    Bucket,
    Due,
    Issuer,
    IssuerLevel,
    Milestone,
    NotApplicable,
    Task,
    TaskStatus,
    WorkPlan,
    check_workplan,
    load_workplan,
    rollup,
    workplan_status,
)
from jiexiang_policy.workplan.table import parse_tasks_csv, tasks_csv

MEASURES = [f"M{i:02d}" for i in range(1, 15)]
UNITS = [
    "区委组织部",
    "区民政局",
    "东城区民政局",
    "区城管委",
    "区城市管理委员会",
    "区财政局",
    "各街道办事处",
]
DAYS = st.dates(dt.date(2018, 1, 1), dt.date(2028, 12, 31))

dues = st.one_of(
    DAYS.map(Due.on),
    st.builds(Due.month_end, st.integers(2018, 2028), st.integers(1, 12)),
    st.builds(Due.quarter_end, st.integers(2018, 2028), st.integers(1, 4)),
    st.integers(2018, 2028).map(Due.year_end),
    st.just(Due.ongoing()),
    st.just(Due.not_set()),
)


@st.composite
def tasks(draw: st.DrawFn, id: str) -> Task:
    status = draw(st.sampled_from(list(TaskStatus)))
    return Task(
        id=id,
        text=f"任务{id}",
        measures=tuple(
            draw(st.lists(st.sampled_from(MEASURES), min_size=1, max_size=3, unique=True))
        ),
        lead_unit=draw(st.none() | st.sampled_from(UNITS)),
        cooperating_units=tuple(draw(st.lists(st.sampled_from(UNITS), max_size=2, unique=True))),
        deadline=draw(dues),
        milestones=tuple(
            draw(
                st.lists(
                    st.builds(
                        Milestone, st.sampled_from(["调研", "起草", "审议"]), dues, st.none() | DAYS
                    ),
                    max_size=2,
                    unique_by=lambda m: m.text,
                )
            )
        ),
        status=status,
        completed=draw(DAYS) if status is TaskStatus.DONE else None,
    )


@st.composite
def workplans(draw: st.DrawFn, district: str = "东城区") -> WorkPlan:
    n = draw(st.integers(0, 8))
    return WorkPlan(
        schema_version=1,
        title=f"{district}任务分解",
        issuer=Issuer(IssuerLevel.DISTRICT, district),
        implements=("beijing-2018-jiexiang",),
        tasks=tuple(draw(tasks(str(i + 1))) for i in range(n)),
        not_applicable=tuple(
            NotApplicable(m, "市级事项")
            for m in draw(st.lists(st.sampled_from(MEASURES), max_size=2, unique=True))
        ),
    )


@given(workplans(), DAYS)
def test_status_counts_sum_to_the_task_count(wp: WorkPlan, as_of: dt.date) -> None:
    status = workplan_status(wp, as_of=as_of)
    assert sum(status.counts.get(b) for b in Bucket) == len(wp.tasks) == status.counts.total
    for measure in status.measures:
        assert sum(measure.counts.get(b) for b in Bucket) == len(measure.task_ids)
    assert json.loads(status.to_json())["counts"]["total"] == len(wp.tasks)


def _key(wp: WorkPlan, as_of: dt.date) -> list[tuple[str, str, str, str]]:
    report = check_workplan(wp, as_of=as_of)
    return sorted((f.rule_id, f.target, f.severity.value, f.message_zh) for f in report.findings)


@given(workplans(), DAYS, st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_task_order(
    wp: WorkPlan, as_of: dt.date, rnd: random.Random
) -> None:
    shuffled = list(wp.tasks)
    rnd.shuffle(shuffled)
    assert _key(attrs.evolve(wp, tasks=tuple(shuffled)), as_of) == _key(wp, as_of)


@given(dues)
def test_deadline_text_round_trips(due: Due) -> None:
    assert Due.parse(due.text()) == due


@given(workplans())
def test_work_plan_round_trips_through_a_file(wp: WorkPlan) -> None:
    text = json.dumps(unstructure(wp), ensure_ascii=False)
    assert load_workplan("plan.json", text=text) == wp


@given(workplans("东城区"), workplans("西城区"), DAYS)
def test_rollup_totals_add_up(a: WorkPlan, b: WorkPlan, as_of: dt.date) -> None:
    view = rollup([a, b], as_of=as_of)
    assert view.totals.total == len(a.tasks) + len(b.tasks)
    assert view.totals.overdue == sum(r.counts.overdue for r in view.districts)


@given(workplans())
def test_tasks_round_trip_through_a_csv_table(wp: WorkPlan) -> None:
    table = parse_tasks_csv(tasks_csv(wp.tasks))
    data = {**unstructure(wp), "tasks": table.data["tasks"]}
    assert load_workplan("plan.json", text=json.dumps(data, ensure_ascii=False)).tasks == wp.tasks


def test_a_task_built_in_python_is_read_as_the_file_reader_reads_it() -> None:
    import datetime as dt

    from jiexiang_policy.workplan import Due, Task, TaskStatus

    # Plain values, as code building objects from data passes them (typed code passes
    # the types themselves: tuples, TaskStatus members, Due).
    plain: dict[str, object] = {
        "measures": ["M04"],
        "lead_unit": "区委编办",
        "deadline": "2026年底",
        "status": "推进中",
    }
    task = Task(id="1", text="x", **plain)  # type: ignore[arg-type]
    assert task.status is TaskStatus.IN_PROGRESS
    assert task.deadline == Due.year_end(2026)
    assert task.measures == ("M04",)
    on_a_day: dict[str, object] = {"deadline": dt.date(2026, 6, 30)}
    assert Task(id="2", text="y", **on_a_day).deadline == Due.on(dt.date(2026, 6, 30))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"status": "进行中"}, "Task.status"),
        ({"deadline": "下半年"}, "Task.deadline"),
        ({"deadline": 2026}, "Task.deadline"),
        ({"measures": "M04"}, "Task.measures"),
        ({"completed": "2026-13-01", "status": "已完成"}, "Task.completed"),
    ],
)
def test_a_wrong_value_in_python_raises_at_construction(
    fields: dict[str, object], words: str
) -> None:
    from jiexiang_policy.workplan import Task

    with pytest.raises((TypeError, ValueError), match=words):
        Task(id="1", text="x", **fields)  # type: ignore[arg-type]


def test_a_plan_built_in_python_is_held_to_the_loader_s_checks_across_tasks() -> None:
    import datetime as dt

    from jiexiang_policy.workplan import (
        Due,
        Issuer,
        IssuerLevel,
        Task,
        WorkPlan,
        WorkPlanFileError,
        check_workplan,
    )

    task = Task(id="1", text="x", measures=("M04",), lead_unit="u", deadline=Due.year_end(2026))
    plan = WorkPlan(
        schema_version=1,
        title="t",
        issuer=Issuer(level=IssuerLevel.DISTRICT, name="东城区"),
        implements=("beijing-2018-jiexiang",),
        tasks=(task,),
    )
    assert check_workplan(plan, as_of=dt.date(2026, 12, 5)).findings
    twice = attrs.evolve(plan, tasks=(task, attrs.evolve(task, measures=("M99",))))
    with pytest.raises(WorkPlanFileError) as raised:
        check_workplan(twice, as_of=dt.date(2026, 12, 5))
    messages = [m for _, m in raised.value.problems]
    assert "task '1' is defined twice" in messages
    assert any(m.startswith("unknown measure 'M99'") for m in messages)


def test_a_work_plan_of_another_schema_version_is_refused_at_construction() -> None:
    from jiexiang_policy.errors import FieldValueError
    from jiexiang_policy.workplan import Issuer, IssuerLevel, WorkPlan

    with pytest.raises(FieldValueError, match="2 is not supported; this version reads 1"):
        WorkPlan(
            schema_version=2,
            title="t",
            issuer=Issuer(level=IssuerLevel.DISTRICT, name="东城区"),
            implements=("beijing-2018-jiexiang",),
        )
