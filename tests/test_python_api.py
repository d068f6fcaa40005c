# mypy: disable-error-code="arg-type, unused-ignore"
"""Building a setup in Python: plain values converted, wrong ones refused at construction.

The property: a setup built in Python from the same plain values as a file
(Chinese enum values, weights as "1/3" or "33.4%", lists) equals the loaded
one and gets the same report.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import jiexiang_policy as jx
from jiexiang_policy import (
    AssessmentComponent,
    Assessor,
    DepartmentAssessment,
    District,
    Lane,
    Office,
    OfficeStatus,
    Plan,
    Rank,
    SettingBasis,
    Setup,
    Street,
    StreetKind,
    check,
    load_setup,
)
from jiexiang_policy.testing import setup_data

TODAY = dt.date(2026, 12, 5)


def _inner(t: Any) -> Any:
    args = [a for a in typing.get_args(t) if a is not type(None)]
    if typing.get_origin(t) in (typing.Union, type(int | None)) and len(args) == 1:
        return args[0]
    return t


def build(cls: Any, data: dict[str, Any]) -> Any:
    """``cls`` called with the file's plain values; only nested mappings built first."""
    attrs.resolve_types(cls)
    kwargs: dict[str, Any] = {}
    for f in attrs.fields(cls):
        if f.name not in data:
            continue
        value, t = data[f.name], _inner(f.type)
        args = typing.get_args(t)
        if attrs.has(t) and isinstance(value, dict):
            value = build(t, value)
        elif typing.get_origin(t) is tuple and args and attrs.has(args[0]):
            value = [build(args[0], v) for v in value]  # a list: the class makes it a tuple
        kwargs[f.name] = value
    return cls(**kwargs)


def _comparable(report: jx.Report) -> list[tuple[str, str, str, str, str]]:
    return [
        (f.rule_id, f.target, f.severity.value, f.message_zh, f.message_en)
        for f in sorted(report.findings, key=lambda f: (f.rule_id, f.target))
    ]


@given(setup_data())
def test_built_in_python_equals_loaded_and_reports_the_same(plan: Plan, data: Any) -> None:
    loaded = load_setup("s.json", text=json.dumps(data, ensure_ascii=False))
    built = build(Setup, data)
    assert built == loaded
    assert _comparable(check(built, plan, as_of=TODAY)) == _comparable(
        check(loaded, plan, as_of=TODAY)
    )


# The cases from the issue: each used to give a silent wrong verdict or a crash.
def test_plain_enum_values_are_converted() -> None:
    assert (
        Office(name="所", kind="派出所", serves=["街"], status="下沉").status is OfficeStatus.SUNK
    )
    assert Street(name="乡", kind="乡").kind is StreetKind.TOWNSHIP
    assert Office(name="所", kind="k", serves=["街"], basis="区划").basis is SettingBasis.DIVISION
    assert Office(name="所", kind="k", serves=["街"], status="sunk").status is OfficeStatus.SUNK
    assert Lane(name="巷", chief_rank="科级").chief_rank is Rank.SECTION


@pytest.mark.parametrize(
    "weight", [Fraction(3, 10), "3/10", "30%", "0.3", "３/１０", "30％", "3／10"]
)
def test_street_share_counts_a_plain_assessor(weight: Any) -> None:
    component = AssessmentComponent(assessor="街乡", weight=weight)
    dept = DepartmentAssessment(name="部门", components=[component])
    assert component.assessor is Assessor.STREET
    assert dept.street_share == Fraction(3, 10)


def test_sunk_office_given_as_text_gets_the_same_verdict(plan: Plan) -> None:
    def district(status: Any) -> Setup:
        street = Street(name="街", lanes=(Lane(name="巷", chief_rank=Rank.SECTION),))
        office = Office(name="所", kind="派出所", serves=("街",), status=status)
        return Setup(
            schema_version=1, districts=(District(name="区", streets=(street,), offices=(office,)),)
        )

    plain = _comparable(check(district("下沉"), plan, as_of=TODAY))
    typed = _comparable(check(district(OfficeStatus.SUNK), plan, as_of=TODAY))
    assert plain == typed


@pytest.mark.parametrize(
    ("build_it", "error", "words"),
    [
        (
            lambda: Office(name="所", kind="k", serves=["街"], status="沉"),
            ValueError,
            "Office.status",
        ),
        (lambda: Office(name="所", kind="k", serves="街"), TypeError, "Office.serves"),
        (lambda: Office(name="所", kind="k", serves=[]), ValueError, "serves"),
        (lambda: Street(name="街", kind="街"), ValueError, "Street.kind"),
        (lambda: Street(name=None), TypeError, "Street.name"),
        (lambda: Street(name="街", lanes=[{"name": "巷"}]), TypeError, "Street.lanes"),
        (
            lambda: Street(name="街", uses_unified_duty_list="yes"),
            TypeError,
            "Street.uses_unified_duty_list",
        ),
        (
            lambda: AssessmentComponent(assessor="街乡", weight="1:3"),
            ValueError,
            "AssessmentComponent.weight",
        ),
        (lambda: AssessmentComponent(assessor="街乡", weight=0.3), None, ""),
        (lambda: AssessmentComponent(assessor="街乡", weight="150%"), ValueError, "weight"),
        (lambda: Lane(name="巷", chief_rank="厅级"), ValueError, "Lane.chief_rank"),
        (
            lambda: District(name="区", streets=[Street(name="街")], offices="x"),
            TypeError,
            "District.offices",
        ),
        (
            lambda: Setup(schema_version=1, districts=[District(name="区")], as_of="2026-02-30"),
            ValueError,
            "Setup.as_of",
        ),
    ],
)
def test_wrong_values_are_refused_at_construction_naming_the_field(
    build_it: Any, error: type[Exception] | None, words: str
) -> None:
    if error is None:
        build_it()  # a float weight is read from its shortest decimal form, as in a file
        return
    with pytest.raises(error, match=words):
        build_it()


def test_every_setup_class_is_exported() -> None:
    from jiexiang_policy import orgsetup

    for name in set(orgsetup.__all__) - {"terms_of"}:  # field metadata, not for users
        assert getattr(jx, name) is getattr(orgsetup, name)
        assert name in jx.__all__


def test_one_rule_may_be_selected_by_a_plain_string() -> None:
    from jiexiang_policy import check, load_setup

    setup = load_setup(Path(__file__).resolve().parents[1] / "examples" / "with-gaps.yaml")
    assert check(setup, select="JX001").findings == check(setup, select=["JX001"]).findings
    assert {f.rule_id for f in check(setup, select="JX001").findings} == {"JX001"}


def test_reports_of_different_dates_are_not_merged() -> None:
    import datetime as dt

    from jiexiang_policy import check, load_setup, merge_reports

    setup = load_setup(Path(__file__).resolve().parents[1] / "examples" / "with-gaps.yaml")
    early = check(setup, as_of=dt.date(2019, 1, 1))
    late = check(setup, as_of=dt.date(2026, 12, 5))
    with pytest.raises(ValueError, match="different dates"):
        merge_reports([early, late])
    assert merge_reports([late, late]).as_of == dt.date(2026, 12, 5)


def test_a_setup_built_in_python_is_refused_what_a_file_would_be() -> None:
    from jiexiang_policy import (
        District,
        Office,
        OfficeStatus,
        SettingBasis,
        Setup,
        SetupFileError,
        Street,
        check,
    )
    from jiexiang_policy.errors import FieldValueError

    with pytest.raises(FieldValueError, match="2 is not supported; this version reads 1"):
        Setup(schema_version=2, districts=(District(name="示例区"),))
    office = Office(
        name="示例派出所",
        kind="派出所",
        serves=("第三街道",),
        status=OfficeStatus.SUNK,
        basis=SettingBasis.DIVISION,
    )
    district = District(
        name="示例区", streets=(Street(name="示例街道"), Street(name="示例街道")), offices=(office,)
    )
    with pytest.raises(SetupFileError) as raised:
        check(Setup(schema_version=1, districts=(district, District(name="示例区"))))
    problems = {str(loc.path): message for loc, message in raised.value.problems}
    assert problems == {
        "('districts', 1, 'name')": "district '示例区' is defined twice; first defined at "
        "<setup> [/districts/0/name]",
        "('districts', 0, 'streets', 1, 'name')": "street '示例街道' is defined twice in 示例区; "
        "first defined at <setup> [/districts/0/streets/0/name]",
        "('districts', 0, 'offices', 0, 'serves', 0)": "office '示例派出所' serves '第三街道', "
        "which is not a street of 示例区; its streets: 示例街道, 示例街道",
    }


def test_the_types_public_functions_take_and_give_are_exported() -> None:
    # A report's citations and rules, a run's problems and notes, the registry check()
    # takes, a work plan's status and rollup, and their text forms.
    for name in (
        "Citation",
        "RuleInfo",
        "FieldValueError",
        "CheckRun",
        "InputProblem",
        "RunNote",
        "check_files",
        "Registry",
        "WorkplanStatus",
        "Rollup",
        "status_text",
        "rollup_text",
    ):
        assert name in jx.__all__
        assert getattr(jx, name) is not None


def test_a_baseline_built_in_python_is_held_to_the_same_names() -> None:
    from jiexiang_policy import District, Setup, SetupFileError, Street, check, load_setup

    setup = load_setup(Path(__file__).resolve().parents[1] / "examples" / "with-gaps.yaml")
    twice = Setup(
        schema_version=1,
        districts=(District(name="示例区", streets=(Street(name="甲"), Street(name="甲"))),),
    )
    with pytest.raises(SetupFileError, match="street '甲' is defined twice"):
        check(setup, baseline=twice)
