"""Each rule fails its failing example and passes its passing one, and nothing else fires."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from jiexiang_policy import Plan, check, load_setup, rules
from jiexiang_policy.corpus_loader import load_corpus
from jiexiang_policy.rule import Rule
from jiexiang_policy.rule_examples import example_setup_data
from jiexiang_policy.ruleset import baseline_setup_text, minimal_setup_text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _run(data: object, plan: Plan, rule: Rule | None = None) -> Counter[str]:
    setup = load_setup("example.yaml", text=yaml.safe_dump(data, allow_unicode=True))
    baseline = load_setup("baseline.yaml", text=baseline_setup_text())
    report = check(setup, plan, baseline=baseline if rule is None or rule.needs_baseline else None)
    return Counter(f.rule_id for f in report.findings)


def test_minimal_setup_passes_every_rule(plan: Plan) -> None:
    setup = load_setup("minimal.yaml", text=minimal_setup_text())
    report = check(setup, plan, baseline=load_setup("b.yaml", text=baseline_setup_text()))
    assert report.findings == ()
    assert report.rules_skipped == ()
    assert len(report.rules_run) == len(rules())


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r.id)
def test_failing_example_gives_exactly_one_finding_of_its_rule(plan: Plan, rule: Rule) -> None:
    assert _run(example_setup_data(rule, "failing"), plan, rule) == Counter({rule.id: 1})


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r.id)
def test_passing_example_gives_no_finding(plan: Plan, rule: Rule) -> None:
    assert _run(example_setup_data(rule, "passing"), plan, rule) == Counter()


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r.id)
def test_rule_cites_a_verbatim_clause_of_its_provision(plan: Plan, rule: Rule) -> None:
    if rule.provision_id is None and not rule.obligation_ids and rule.clauses:
        # A rule resting on the statutes alone quotes one of its clauses.
        corpus = load_corpus()
        assert any(rule.quote in corpus.clause(c).quote for c in rule.clauses), rule.id
        return
    assert rule.quote in plan.source_text
    if rule.provision_id is not None:
        assert rule.quote in plan.provision(rule.provision_id).quote
    for obligation_id in rule.obligation_ids:
        assert plan.obligation(obligation_id)


def test_dongcheng_example_passes_every_rule(plan: Plan) -> None:
    setup = load_setup(EXAMPLES / "dongcheng.yaml")
    assert len(setup.districts[0].streets) == 17
    assert [f.rule_id for f in check(setup, plan).findings] == []
    # Compared with itself, nothing is worse; only the notes that nothing improved remain.
    report = check(setup, plan, baseline=setup)
    assert {(f.rule_id, f.severity.value) for f in report.findings} <= {
        ("JX007", "note"),
        ("JX012", "note"),
    }
    assert len(report.findings) == 17 + 1  # each street's layers, the district's share


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r.id)
def test_shipped_per_rule_example_fails_exactly_its_rule(plan: Plan, rule: Rule) -> None:
    path = EXAMPLES / "rules" / f"{rule.id}-{rule.name}.yaml"
    setup = load_setup(path)
    # The header says how to run it; a baseline rule's example names the shipped baseline.
    header = path.read_text(encoding="utf-8").split("\n", 2)[1]
    baseline = None
    if rule.needs_baseline:
        assert header.endswith("--baseline examples/rules/baseline.yaml")
        baseline = load_setup(EXAMPLES / "rules" / "baseline.yaml")
    report = check(setup, plan, baseline=baseline)
    assert Counter(f.rule_id for f in report.findings) == Counter({rule.id: 1})


def test_shipped_baseline_is_compliant_and_the_minimal_setup_improves_on_it(plan: Plan) -> None:
    baseline = load_setup(EXAMPLES / "rules" / "baseline.yaml")
    assert check(baseline, plan).findings == ()
    minimal = load_setup("minimal.yaml", text=minimal_setup_text())
    assert check(minimal, plan, baseline=baseline).findings == ()


def test_findings_point_at_the_offending_line(plan: Plan) -> None:
    text = minimal_setup_text().replace("basis: 区划}", "basis: 区域}", 1)
    report = check(load_setup("s.yaml", text=text), plan)
    (finding,) = report.findings
    assert finding.rule_id == "JX011"
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "basis: 区域" in t)
    assert finding.location.line == line
    assert finding.location.pointer == "/districts/0/offices/0/basis"
    assert finding.provision_id == "P-2.1.1"
    assert finding.measure_id == plan.measure_of("P-2.1.1").id


@pytest.mark.parametrize(
    ("kind", "severity", "clause"),
    [("街道", "warning", "P-2.3.2.a"), ("镇", "note", "P-2.3.2.b"), ("乡", "note", "P-2.3.2.b")],
)
def test_lane_chief_gap_follows_the_clause_for_the_kind_of_unit(
    plan: Plan, kind: str, severity: str, clause: str
) -> None:
    # 街道: 在全市推行 (rollout) → warning; 乡镇: 逐步…探索推开 (aim) → note.
    text = (
        minimal_setup_text()
        .replace("kind: 街道", f"kind: {kind}", 1)
        .replace("chief_rank: 处级}", "chief_rank: 其他}", 1)
    )
    (finding,) = check(load_setup("s.yaml", text=text), plan).findings
    assert (finding.rule_id, finding.severity.value) == ("JX018", severity)
    assert finding.obligation_ids == (clause,)


def test_baseline_rules_are_skipped_without_a_baseline(plan: Plan) -> None:
    report = check(load_setup("s.yaml", text=minimal_setup_text()), plan)
    skipped = {rule_id for rule_id, _ in report.rules_skipped}
    assert skipped == {r.id for r in rules() if r.needs_baseline}
    assert skipped.isdisjoint(report.rules_run)


def test_findings_in_the_baseline_are_marked_existing(plan: Plan) -> None:
    current = minimal_setup_text().replace("autonomous_funds: true", "autonomous_funds: false")
    proposed = current.replace("physical: true", "physical: false", 1)
    report = check(
        load_setup("p.yaml", text=proposed), plan, baseline=load_setup("c.yaml", text=current)
    )
    status = {f.rule_id: f.status.value for f in report.findings if f.severity.rank > 0}
    assert status == {"JX022": "existing", "JX013": "new"}


def test_select_and_ignore(plan: Plan) -> None:
    setup = load_setup(
        "s.yaml",
        text=minimal_setup_text().replace("autonomous_funds: true", "autonomous_funds: false"),
    )
    assert [f.rule_id for f in check(setup, plan).findings] == ["JX022"]
    assert check(setup, plan, ignore=["JX022"]).findings == ()
    assert check(setup, plan, select=["JX01"]).rules_run == tuple(
        f"JX01{i}" for i in range(10) if f"JX01{i}" not in ("JX012",)
    )


def test_shipped_per_rule_examples_are_up_to_date() -> None:
    from jiexiang_policy.rule_examples import example_files

    root = EXAMPLES.parent
    expected = example_files()
    assert sorted(p.name for p in (EXAMPLES / "rules").iterdir()) == sorted(
        Path(p).name for p in expected
    )
    for path, text in expected.items():
        assert (root / path).read_text(encoding="utf-8") == text, f"{path} is stale"


@pytest.mark.parametrize(
    ("rule_id", "path"),
    [
        ("JX016", ("districts", 0, "streets", 0, "party_working_rules")),
        ("JX017", ("districts", 0, "streets", 0, "coordination_committee")),
        ("JX022", ("districts", 0, "autonomous_funds")),
    ],
)
def test_a_field_left_out_is_reported_as_not_declared_not_as_false(
    plan: Plan, rule_id: str, path: tuple[str | int, ...]
) -> None:
    data = yaml.safe_load(minimal_setup_text())
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    setup = load_setup("left-out.yaml", text=yaml.safe_dump(data, allow_unicode=True))

    (finding,) = check(setup, plan, select=[rule_id]).findings

    assert "未填写" in finding.message_zh
    assert f"（{path[-1]}），无法确认符合要求" in finding.message_zh
    assert "so compliance cannot be shown" in finding.message_en
