"""Coverage is honest: every obligation is checked by a rule or documented as not checkable."""

from __future__ import annotations

from jiexiang_policy import Plan, rules
from jiexiang_policy.ruleset.coverage import DOCUMENTATION_ONLY


def test_every_obligation_is_checked_or_documentation_only(plan: Plan) -> None:
    checked = {ob for rule in rules() for ob in rule.obligation_ids}
    all_ids = {ob.id for _, ob in plan.obligations()}
    assert checked <= all_ids
    assert set(DOCUMENTATION_ONLY) <= all_ids
    assert checked.isdisjoint(DOCUMENTATION_ONLY)
    assert checked | set(DOCUMENTATION_ONLY) == all_ids


def test_rules_cite_obligations_of_their_own_provision(plan: Plan) -> None:
    for rule in rules():
        for ob_id in rule.obligation_ids:
            assert ob_id.rsplit(".", 1)[0] == rule.provision_id
            assert plan.obligation(ob_id).quote in plan.source_text


def test_severity_follows_modality(plan: Plan) -> None:
    # error where the text binds; weaker wording never gives an error.
    for rule in rules():
        modalities = {plan.obligation(o).modality.value for o in rule.obligation_ids}
        if rule.severity.value == "error":
            assert "binding" in modalities or rule.provision_id is None, rule.id
