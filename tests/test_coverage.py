"""Coverage is honest: every obligation is checked by a rule or documented as not checkable."""

from __future__ import annotations

from jiexiang_policy import Plan, rules
from jiexiang_policy.rule import clause_obligation
from jiexiang_policy.ruleset.coverage import DOCUMENTATION_ONLY


def test_every_obligation_is_checked_or_documentation_only(plan: Plan) -> None:
    checked = {ob for rule in rules() for ob in rule.obligation_ids}
    all_ids = {ob.id for _, ob in plan.obligations()} | {ob.id for ob in plan.general}
    assert checked <= all_ids
    assert set(DOCUMENTATION_ONLY) <= all_ids
    assert checked.isdisjoint(DOCUMENTATION_ONLY)
    assert checked | set(DOCUMENTATION_ONLY) == all_ids


def test_rules_cite_obligations_of_their_own_provision(plan: Plan) -> None:
    general = {ob.id for ob in plan.general}
    for rule in rules():
        for ob_id in rule.obligation_ids:
            if rule.provision_id is None:
                assert ob_id in general
            else:
                assert ob_id.rsplit(".", 1)[0] == rule.provision_id
            assert plan.obligation(ob_id).quote in plan.source_text


def test_each_case_takes_the_severity_of_its_clause(plan: Plan) -> None:
    # Authority no stronger than the text: a case's severity is its clause's default,
    # or, where an editorial reading sets one, weaker; a permissive clause is never checked.
    for rule in rules():
        for case in rule.all_cases():
            got = case.severity_in(plan)
            if case.obligation_id is None:  # a registry check: no clause, its own reason
                assert rule.registry
                assert case.editorial is not None
                assert got is not None
                continue
            clause = clause_obligation(plan, case.obligation_id).modality.default_severity
            assert clause is not None, (rule.id, case.id)
            assert got is not None
            if case.editorial is None:
                assert got is clause, (rule.id, case.id)
            else:
                assert got.rank <= clause.rank, (rule.id, case.id)


def test_no_rule_is_stronger_than_the_words_it_rests_on(plan: Plan) -> None:
    for rule in rules():
        if rule.registry:
            continue
        strongest = max(
            (
                m.default_severity
                for o in (*rule.obligation_ids, *rule.clauses)
                if (m := clause_obligation(plan, o).modality).default_severity is not None
            ),
            key=lambda s: s.rank,
        )
        assert rule.default_severity(plan).rank <= strongest.rank, rule.id
