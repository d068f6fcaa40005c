"""The public Hypothesis strategies keep their promises (see jiexiang_policy.testing)."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

from hypothesis import given

from jiexiang_policy import District, Plan, Setup, check, load_setup, parse_fraction
from jiexiang_policy.testing import (
    _TERMS,
    compliant_setup_data,
    compliant_setups,
    district_data,
    districts,
    setup_data,
    setups,
    weight_texts,
    weights,
)

TODAY = dt.date(2026, 12, 5)


@given(weights())
def test_weights_are_exact_shares(weight: Fraction) -> None:
    assert isinstance(weight, Fraction)
    assert 0 <= weight <= 1


@given(weight_texts(min_value=Fraction(1, 3)))
def test_weight_texts_read_back_within_bounds(text: str) -> None:
    assert isinstance(text, str)
    assert Fraction(1, 3) <= parse_fraction(text) <= 1


@given(setups())
def test_any_setup_is_valid_and_checks(plan: Plan, setup: Setup) -> None:
    assert isinstance(setup, Setup)
    check(setup, plan, as_of=TODAY)  # no input error, no crash


@given(setup_data())
def test_setup_data_loads(data: dict[str, object]) -> None:
    load_setup("s.json", text=json.dumps(data, ensure_ascii=False))


@given(compliant_setups())
def test_compliant_setups_have_no_findings(plan: Plan, setup: Setup) -> None:
    assert check(setup, plan, as_of=TODAY).findings == ()


@given(compliant_setup_data())
def test_compliant_setup_data_has_no_findings(plan: Plan, data: dict[str, object]) -> None:
    setup = load_setup("s.json", text=json.dumps(data, ensure_ascii=False))
    assert check(setup, plan, as_of=TODAY).findings == ()


@given(districts(), district_data())
def test_districts_are_districts(district: District, data: dict[str, object]) -> None:
    assert isinstance(district, District)
    assert district.streets
    assert isinstance(data["name"], str)


def test_the_strategies_terms_are_the_plans(plan: Plan) -> None:
    for parameter, names in _TERMS.items():
        assert set(names) <= {t.zh for t in plan.parameter(parameter).terms}, parameter
