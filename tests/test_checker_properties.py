"""Properties of the checker over generated setups.

A generated compliant setup has no findings; one targeted mutation gives
exactly the matching rule's finding; findings do not depend on the order of
streets or offices; the 1/3 boundary is exact for any fraction.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy import Plan, check, load_setup
from jiexiang_policy.ruleset import minimal_setup_text

_BASE = yaml.safe_load(minimal_setup_text())
_STREET = _BASE["districts"][0]["streets"][0]
OFFICE_KINDS = ["派出所", "司法所", "市场监管所(工商所)"]

Data = dict[str, Any]


@st.composite
def compliant_setups(draw: st.DrawFn) -> Data:
    """A compliant district with 1–6 streets, 1–4 lanes each, 1–3 sunk office kinds."""
    data: Data = copy.deepcopy(_BASE)
    district = data["districts"][0]
    n_streets = draw(st.integers(1, 6))
    kinds = draw(st.lists(st.sampled_from(OFFICE_KINDS), min_size=1, max_size=3, unique=True))
    streets = []
    for i in range(n_streets):
        street = copy.deepcopy(_STREET)
        street["name"] = f"街道{i}"
        street["lanes"] = [
            {"name": f"街道{i}巷{j}", "chief_rank": draw(st.sampled_from(["处级", "科级"]))}
            for j in range(draw(st.integers(1, 4)))
        ]
        streets.append(street)
    district["streets"] = streets
    district["offices"] = [
        {
            "name": f"街道{i}{kind}",
            "kind": kind,
            "serves": [f"街道{i}"],
            "status": "下沉",
            "basis": "区划",
        }
        for kind in kinds
        for i in range(n_streets)
    ]
    departments = []
    for k in range(draw(st.integers(1, 4))):
        share = draw(st.fractions(min_value=Fraction(1, 3), max_value=1, max_denominator=1000))
        departments.append(
            {
                "name": f"部门{k}",
                "feedback": "背靠背",
                "components": [
                    {"assessor": "街乡", "weight": f"{share.numerator}/{share.denominator}"},
                    {
                        "assessor": "区委区政府",
                        "weight": f"{(1 - share).numerator}/{(1 - share).denominator}",
                    },
                ],
            }
        )
    district["assessment"]["departments"] = departments
    return data


def _findings(data: Data, plan: Plan) -> Counter[tuple[str, str]]:
    setup = load_setup("gen.yaml", text=yaml.safe_dump(data, allow_unicode=True))
    return Counter((f.rule_id, f.target) for f in check(setup, plan).findings)


def _street(data: Data, i: int) -> Data:
    streets: list[Data] = data["districts"][0]["streets"]
    return streets[i % len(streets)]


def _set_weight(data: Data, i: int) -> None:
    departments = data["districts"][0]["assessment"]["departments"]
    dept = departments[i % len(departments)]
    dept["components"] = [
        {"assessor": "街乡", "weight": "3333/10000"},
        {"assessor": "区委区政府", "weight": "6667/10000"},
    ]


def _second_office(data: Data, i: int) -> None:
    # Dropping an office could remove its kind altogether (which kinds sink is the
    # setup's choice), so a second office for one street is the targeted mutation.
    offices = data["districts"][0]["offices"]
    twin = dict(next(o for o in offices if o["serves"] == [_street(data, i)["name"]]))
    twin["name"] += "（第二所）"
    offices.append(twin)


MUTATIONS: dict[str, Callable[[Data, int], None]] = {
    "JX001": _set_weight,
    "JX005": lambda d, i: _street(d, i).update(uses_unified_duty_list=False),
    "JX009": _second_office,
    "JX011": lambda d, i: d["districts"][0]["offices"][
        i % len(d["districts"][0]["offices"])
    ].update(basis="区域"),
    "JX013": lambda d, i: _street(d, i)["enforcement_center"].update(physical=False),
    "JX014": lambda d, i: _street(d, i)["enforcement_center"].update(departments=["公安"]),
    "JX016": lambda d, i: _street(d, i).update(party_working_rules=False),
    "JX018": lambda d, i: _street(d, i)["lanes"][0].update(chief_rank="其他"),
    "JX019": lambda d, i: _street(d, i).update(lane_stewards=[]),
    "JX022": lambda d, i: d["districts"][0].update(autonomous_funds=False),
}


@given(compliant_setups())
def test_generated_compliant_setup_has_no_findings(plan: Plan, data: Data) -> None:
    assert _findings(data, plan) == Counter()


@given(compliant_setups(), st.sampled_from(sorted(MUTATIONS)), st.integers(0, 50))
def test_one_mutation_gives_exactly_its_rules_finding(
    plan: Plan, data: Data, rule_id: str, where: int
) -> None:
    MUTATIONS[rule_id](data, where)
    found = _findings(data, plan)
    assert sum(found.values()) == 1
    assert next(iter(found))[0] == rule_id


@given(compliant_setups(), st.sampled_from(sorted(MUTATIONS)), st.integers(0, 50), st.randoms())
def test_findings_do_not_depend_on_order(
    plan: Plan, data: Data, rule_id: str, where: int, rnd: Any
) -> None:
    MUTATIONS[rule_id](data, where)
    shuffled = copy.deepcopy(data)
    rnd.shuffle(shuffled["districts"][0]["streets"])
    rnd.shuffle(shuffled["districts"][0]["offices"])
    assert _findings(shuffled, plan) == _findings(data, plan)


@given(st.fractions(min_value=0, max_value=1, max_denominator=10**12))
def test_one_third_boundary_is_exact(plan: Plan, share: Fraction) -> None:
    data = copy.deepcopy(_BASE)
    data["districts"][0]["assessment"]["departments"][0]["components"] = [
        {"assessor": "街乡", "weight": f"{share.numerator}/{share.denominator}"},
        {"assessor": "区委区政府", "weight": f"{(1 - share).numerator}/{(1 - share).denominator}"},
    ]
    fired = any(rule == "JX001" for rule, _ in _findings(data, plan))
    assert fired == (share < Fraction(1, 3))


def test_decimal_and_percent_near_one_third(plan: Plan) -> None:
    def fires(weight: str) -> bool:
        data = copy.deepcopy(_BASE)
        data["districts"][0]["assessment"]["departments"][0]["components"] = [
            {"assessor": "街乡", "weight": weight}
        ]
        return any(rule == "JX001" for rule, _ in _findings(data, plan))

    assert not fires("1/3")
    assert fires("0.3333")
    assert fires("33.33%")
    assert fires("0.33333333333333333")
    assert not fires("33.4%")
    assert not fires("0.34")


def test_as_of_must_be_a_date_not_text(plan: Plan) -> None:
    setup = load_setup("s.yaml", text=minimal_setup_text())
    with pytest.raises(TypeError, match=r"as_of must be a datetime\.date"):
        check(setup, plan, as_of="2026-01-01")  # type: ignore[arg-type]
