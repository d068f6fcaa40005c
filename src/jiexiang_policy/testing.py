"""Hypothesis strategies for projects that build on jiexiang-policy.

Property-test your own code (importers, dashboards, exporters…) against any
valid setup, or against setups the checker passes without a finding::

    from hypothesis import given
    from jiexiang_policy import check
    from jiexiang_policy.testing import compliant_setups, setups

    @given(setups())
    def test_my_export_never_crashes(setup):
        my_export(setup, check(setup))

    @given(compliant_setups())
    def test_compliant_setups_pass(setup):
        assert check(setup).findings == ()

Every strategy has a ``*_data`` twin giving the same thing as plain data (what
``yaml.safe_load`` of a setup file gives), to test readers and writers of
files. Needs Hypothesis (``pip install "jiexiang-policy[testing]"``).

What each strategy promises (and the project's own tests check):

- :func:`weights`: an exact :class:`~fractions.Fraction` between 0 and 1;
  :func:`weight_texts`: the same written as a file would (``"1/3"``, ``"33.4%"``, ``"0.34"``).
- :func:`setup_data` / :func:`setups`: any valid setup: it loads without an
  input error and :func:`~jiexiang_policy.check` runs on it (it may have findings).
- :func:`district_data` / :func:`districts`: one valid district.
- :func:`compliant_setup_data` / :func:`compliant_setups`: a setup with no
  finding at all (as of any date, without a baseline).
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from .orgsetup import (
    District,
    Feedback,
    OfficeStatus,
    Rank,
    SettingBasis,
    Setup,
    load_setup,
)
from .plan_loader import load_plan

__all__ = [
    "compliant_setup_data",
    "compliant_setups",
    "district_data",
    "districts",
    "setup_data",
    "setups",
    "weight_texts",
    "weights",
]

Data = dict[str, Any]

# Terms as the shipped plan lists them (tests check they still are terms of the plan).
_TERMS = {
    "enforcement-departments": ["公安", "消防", "城管", "工商", "交通", "食品药品监管"],
    "enforcement-fixed-elements": ["人员", "责任", "工作机制", "工作场地"],
    "lane-steward-sources": ["社区“两委”干部", "党员群众"],
    "networks": ["城市管理网", "社会服务管理网", "社会治安网", "城管综合执法网"],
    "staffing-categories": ["行政", "执法", "事业"],
    "street-rights": ["提出意见建议权", "统筹协调和督办权", "考核评价权"],
    "unified-assessor": ["区委区政府"],
    "whistle-domains": ["综合执法", "重点工作", "应急处置"],
}
_OFFICE_KINDS = ["派出所", "司法所", "市场监管所(工商所)", "食药所"]
_LEVELS = ["市", "区", "街道乡镇", "社区村"]


def _minimal() -> Data:
    import yaml

    from .ruleset import minimal_setup_text

    data: Data = yaml.safe_load(minimal_setup_text())
    return data


def weights(*, min_value: Fraction = Fraction(0), max_value: Fraction = Fraction(1)) -> Any:
    """Exact weights between ``min_value`` and ``max_value`` (default 0 to 1)."""
    return st.fractions(min_value=min_value, max_value=max_value, max_denominator=10**6)


def _as_text(value: Fraction, form: int) -> str:
    if form == 1 and (value * 1000).denominator == 1:
        percent = value * 100
        return f"{percent.numerator}%" if percent.denominator == 1 else f"{float(percent)}%"
    if form == 2 and (value * 10000).denominator == 1:
        return str(float(value)) if value.denominator != 1 else str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def weight_texts(**bounds: Fraction) -> Any:
    """Weights as a file writes them: ``"1/3"``, ``"33.4%"`` or ``"0.34"`` (exact each time)."""
    return st.tuples(weights(**bounds), st.integers(0, 2)).map(lambda p: _as_text(*p))


def _subset(parameter: str, *, min_size: int = 0) -> Any:
    return st.lists(st.sampled_from(_TERMS[parameter]), min_size=min_size, unique=True)


def _optional(strategy: Any) -> Any:
    return st.one_of(st.none(), strategy)


_FLAG = _optional(st.booleans())
_COUNT = st.integers(0, 500)


@st.composite
def _street(draw: st.DrawFn, name: str) -> Data:
    lanes = draw(st.integers(0, 3))
    street: Data = {
        "name": name,
        "kind": draw(st.sampled_from(["街道", "乡", "镇"])),
        "communities": [f"{name}社区{i}" for i in range(draw(st.integers(0, 2)))],
        "uses_unified_duty_list": draw(_FLAG),
        "party_working_rules": draw(_FLAG),
        "lanes": [
            {
                "name": f"{name}巷{j}",
                "chief_rank": draw(_optional(st.sampled_from([r.value for r in Rank]))),
            }
            for j in range(lanes)
        ],
        "lane_stewards": [
            {"source": source, "count": draw(_COUNT)}
            for source in draw(_subset("lane-steward-sources"))
        ],
    }
    if draw(st.booleans()):
        street["internal_bodies"] = {
            "comprehensive": draw(_FLAG),
            "management_layers": draw(_optional(st.integers(0, 5))),
            "bodies": [
                {"name": f"机构{i}", "serves_public": draw(st.booleans())}
                for i in range(draw(st.integers(0, 2)))
            ],
        }
    if draw(st.booleans()):
        categories = draw(_subset("staffing-categories"))
        street["staffing"] = {
            "approved": {c: draw(_COUNT) for c in categories},
            "actual": {c: draw(_COUNT) for c in categories},
            "leadership_approved": draw(_optional(st.integers(0, 20))),
            "leadership_actual": draw(_optional(st.integers(0, 20))),
        }
    if draw(st.booleans()):
        street["enforcement_center"] = {
            "physical": draw(_FLAG),
            "departments": draw(_subset("enforcement-departments")),
            "fixed": draw(_subset("enforcement-fixed-elements")),
        }
    if draw(st.booleans()):
        street["coordination_committee"] = {
            "established": draw(_FLAG),
            "chair_level": draw(_optional(st.sampled_from(_LEVELS))),
            "chair_is_party_member_leader": draw(_FLAG),
        }
    return street


@st.composite
def _department(draw: st.DrawFn, name: str) -> Data:
    street = draw(weights())
    district = draw(weights(max_value=1 - street))
    return {
        "name": name,
        "feedback": draw(_optional(st.sampled_from([f.value for f in Feedback]))),
        "components": [
            {"assessor": "街乡", "weight": _as_text(street, draw(st.integers(0, 2)))},
            {"assessor": "区委区政府", "weight": _as_text(district, 0)},
        ],
    }


@st.composite
def district_data(draw: st.DrawFn, name: str = "示例区") -> Data:
    """One valid district, as plain data: 1–4 streets, offices serving them, optional parts."""
    names = [f"第{i}街道" for i in range(draw(st.integers(1, 4)))]
    district: Data = {
        "name": name,
        "streets": [draw(_street(n)) for n in names],
        "offices": [
            {
                "name": f"{n}{kind}",
                "kind": kind,
                "serves": [n],
                "status": draw(st.sampled_from([o.value for o in OfficeStatus])),
                "basis": draw(_optional(st.sampled_from([b.value for b in SettingBasis]))),
            }
            for kind in draw(st.lists(st.sampled_from(_OFFICE_KINDS), max_size=2, unique=True))
            for n in names
        ],
        "street_rights": draw(_subset("street-rights")),
        "autonomous_funds": draw(_FLAG),
        "whistle_domains": draw(_subset("whistle-domains")),
    }
    if draw(st.booleans()):
        district["assessment"] = {
            "streets_assessed_by": draw(_subset("unified-assessor")),
            "departments": [draw(_department(f"部门{k}")) for k in range(draw(st.integers(0, 2)))],
        }
    if draw(st.booleans()):
        district["enforcement_personnel"] = {"district": draw(_COUNT), "street": draw(_COUNT)}
    if draw(st.booleans()):
        district["coordinators"] = {
            k: draw(_optional(st.sampled_from(_LEVELS)))
            for k in ("overall_coordination", "recruitment_training", "management_use")
        }
    if draw(st.booleans()):
        district["network_integration"] = {
            k: draw(_subset("networks")) for k in ("district", "street", "community")
        }
    return district


@st.composite
def setup_data(draw: st.DrawFn) -> Data:
    """Any valid setup as plain data: one or two districts (it may well have findings)."""
    count = draw(st.integers(1, 2))
    return {
        "schema_version": 1,
        "districts": [draw(district_data(f"第{d}区")) for d in range(count)],
    }


@st.composite
def compliant_setup_data(draw: st.DrawFn) -> Data:
    """A setup with no finding, as plain data: the minimal compliant setup, varied.

    1–5 streets with 1–3 lanes each, 1–3 kinds of sunk offices, 1–3 departments
    assessed with a street share at least the plan's floor (1/3), in any of the written
    forms. The floor, the ranks, the feedback principle and the setting basis are read
    from the shipped plan, so the setups stay compliant if a policy value changes.
    """
    plan = load_plan()
    floor = plan.parameter("assessment-weight-floor").fraction
    assert floor is not None
    ranks = [t.zh for t in plan.parameter("lane-chief-ranks").terms]
    feedback = plan.parameter("assessment-feedback").terms[0].zh
    basis = plan.parameter("office-setting-basis").terms[0].zh
    data = _minimal()
    district = data["districts"][0]
    template = district["streets"][0]
    names = [f"第{i}街道" for i in range(draw(st.integers(1, 5)))]
    streets = []
    for name in names:
        street = copy.deepcopy(template)
        street["name"] = name
        street["communities"] = [f"{name}社区"]
        street["lanes"] = [
            {"name": f"{name}巷{j}", "chief_rank": draw(st.sampled_from(ranks))}
            for j in range(draw(st.integers(1, 3)))
        ]
        streets.append(street)
    district["streets"] = streets
    kinds = draw(st.lists(st.sampled_from(_OFFICE_KINDS), min_size=1, max_size=3, unique=True))
    district["offices"] = [
        {"name": f"{n}{kind}", "kind": kind, "serves": [n], "status": "下沉", "basis": basis}
        for kind in kinds
        for n in names
    ]
    departments = []
    for k in range(draw(st.integers(1, 3))):
        share = draw(weights(min_value=floor))
        departments.append(
            {
                "name": f"部门{k}",
                "feedback": feedback,
                "components": [
                    {"assessor": "街乡", "weight": _as_text(share, draw(st.integers(0, 2)))},
                    {"assessor": "区委区政府", "weight": _as_text(1 - share, 0)},
                ],
            }
        )
    district["assessment"]["departments"] = departments
    return data


def _load(data: Data) -> Setup:
    return load_setup("generated.json", text=json.dumps(data, ensure_ascii=False))


def setups() -> Any:
    """Any valid :class:`~jiexiang_policy.Setup` (see :func:`setup_data`)."""
    return setup_data().map(_load)


def compliant_setups() -> Any:
    """A :class:`~jiexiang_policy.Setup` with no finding (see :func:`compliant_setup_data`)."""
    return compliant_setup_data().map(_load)


def districts() -> Any:
    """One valid :class:`~jiexiang_policy.District` (see :func:`district_data`)."""

    def build(data: Data) -> District:
        return _load({"districts": [data]}).districts[0]

    return district_data().map(build)
