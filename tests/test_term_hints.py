"""A typo in a list of the plan's terms gets a did-you-mean in the finding it causes."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy import Plan, check, load_setup
from jiexiang_policy.findings import Finding
from jiexiang_policy.ruleset import minimal_setup_text

# Where the minimal setup lists a parameter's terms, and the rule a missing term breaks.
LISTS: list[tuple[tuple[str | int, ...], str]] = [
    (("districts", 0, "street_rights"), "street-rights"),
    (("districts", 0, "whistle_domains"), "whistle-domains"),
    (("districts", 0, "network_integration", "street"), "networks"),
    (
        ("districts", 0, "streets", 0, "enforcement_center", "departments"),
        "enforcement-departments",
    ),
    (("districts", 0, "streets", 0, "enforcement_center", "fixed"), "enforcement-fixed-elements"),
    (("districts", 0, "assessment", "streets_assessed_by"), "unified-assessor"),
]


def _minimal() -> Any:
    return yaml.safe_load(minimal_setup_text())


def _list_at(data: Any, path: tuple[str | int, ...]) -> list[str]:
    for part in path:
        data = data[part]
    assert isinstance(data, list)
    return data


def _findings(data: Any, plan: Plan) -> list[Finding]:
    setup = load_setup("typo.yaml", text=yaml.safe_dump(data, allow_unicode=True))
    return list(check(setup, plan).findings)


@st.composite
def typos(draw: st.DrawFn, word: str) -> str:
    """``word`` with one character deleted or replaced (still at least two long)."""
    i = draw(st.integers(0, len(word) - 1))
    if len(word) > 3 and draw(st.booleans()):
        return word[:i] + word[i + 1 :]
    return word[:i] + draw(st.sampled_from("xq错字")) + word[i + 1 :]


@given(data=st.data())
def test_a_one_letter_typo_of_a_term_is_named_in_the_finding(
    plan: Plan, data: st.DataObject
) -> None:
    path, parameter = data.draw(st.sampled_from(LISTS))
    setup = _minimal()
    values = _list_at(setup, path)
    # Lists may also name the statutes' terms (Art. 11's powers): typo the plan's only.
    terms = plan.parameter(parameter).terms
    index = data.draw(
        st.sampled_from([i for i, v in enumerate(values) if any(v in (t.zh, t.id) for t in terms)])
    )
    term = next(t for t in terms if values[index] in (t.zh, t.id))
    spelling = data.draw(st.sampled_from([term.zh, term.id]))
    typo = data.draw(typos(spelling))
    names = {n for t in plan.parameter(parameter).terms for n in (t.zh, t.id)}
    if typo in names:  # the typo happens to be a real name: nothing to hint
        return
    values[index] = typo

    findings = _findings(setup, plan)

    assert len(findings) == 1, [f.message_en for f in findings]
    assert f"“{typo}”是否指“{term.zh}”" in findings[0].message_zh
    assert f"'{typo}': did you mean '{term.id}' ({term.zh})" in findings[0].message_en


@pytest.mark.parametrize(("path", "parameter"), LISTS)
def test_an_unrelated_value_gets_no_hint(
    plan: Plan, path: tuple[str | int, ...], parameter: str
) -> None:
    setup = _minimal()
    values = _list_at(setup, path)
    values[0] = "与此无关的某某事项"

    findings = _findings(setup, plan)

    assert len(findings) == 1
    assert "是否指" not in findings[0].message_zh
    assert "did you mean" not in findings[0].message_en


def test_extra_values_beside_the_terms_stay_allowed(plan: Plan) -> None:
    setup = _minimal()
    _list_at(setup, LISTS[3][0]).append("公安局")  # close to 公安, but 公安 is present

    assert _findings(setup, plan) == []


def test_lane_steward_sources_typo_is_hinted(plan: Plan) -> None:
    setup = _minimal()
    groups = setup["districts"][0]["streets"][0]["lane_stewards"]
    groups[0]["source"] = "社区两委干部"
    groups[1]["source"] = "党员群从"

    findings = _findings(setup, plan)

    assert len(findings) == 1
    assert "“党员群从”是否指“党员群众”" in findings[0].message_zh
