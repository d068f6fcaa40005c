"""Rules that know when they apply: the same setup, judged by what was in force on each date."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy import Report, Severity, check, load_setup
from jiexiang_policy.cli import main
from jiexiang_policy.ruleset import minimal_setup_text

OFFICE_RULES = ["JX030", "JX031", "JX032", "JX033", "JX034"]
HOTLINE_RULES = ["JX035", "JX036"]


def _minimal() -> Any:
    return yaml.safe_load(minimal_setup_text())


def _plan_only() -> Any:
    """The minimal setup as written for the 2018 plan alone, before the two regulations."""
    data = _minimal()
    district = data["districts"][0]
    district["street_rights"] = ["提出意见建议权", "统筹协调和督办权", "考核评价权"]
    district["whistle_domains"] = ["综合执法", "重点工作", "应急处置"]
    del district["matching_body_requirements"]
    for field in (
        "residents_satisfaction_main",
        "department_evaluators",
        "double_assessment",
        "hotline_core_rates",
    ):
        del district["assessment"][field]
    return data


def _check(data: Any, day: str) -> Report:
    setup = load_setup("setup.yaml", text=yaml.safe_dump(data, allow_unicode=True))
    return check(setup, as_of=dt.date.fromisoformat(day))


def _rules(report: Report) -> list[str]:
    return sorted({f.rule_id for f in report.findings})


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2019-06-01", []),
        ("2019-12-31", []),
        ("2020-01-01", OFFICE_RULES),
        ("2021-09-23", OFFICE_RULES),
        ("2021-09-24", OFFICE_RULES + HOTLINE_RULES),
        ("2022-01-01", OFFICE_RULES + HOTLINE_RULES),
    ],
)
def test_a_plan_only_setup_is_judged_by_what_was_in_force(day: str, expected: list[str]) -> None:
    assert _rules(_check(_plan_only(), day)) == expected


def test_the_report_names_the_documents_in_force_and_the_rules_still_to_come() -> None:
    before = _check(_plan_only(), "2019-12-31")
    assert before.documents_in_force == ("plan-2018",)
    assert dict(before.rules_not_yet_in_force) == {
        **dict.fromkeys(OFFICE_RULES, dt.date(2020, 1, 1)),
        **dict.fromkeys(HOTLINE_RULES, dt.date(2021, 9, 24)),
    }
    assert not set(before.rules_run) & {*OFFICE_RULES, *HOTLINE_RULES}
    after = _check(_plan_only(), "2020-01-01")
    assert after.documents_in_force == ("plan-2018", "street-office-2019")
    assert dict(after.rules_not_yet_in_force) == dict.fromkeys(HOTLINE_RULES, dt.date(2021, 9, 24))
    data = json.loads(after.to_json())
    assert data["documents_in_force"] == ["plan-2018", "street-office-2019"]
    assert data["documents"][1] == {
        "id": "street-office-2019",
        "title": {
            "zh": "北京市街道办事处条例",
            "en": "Beijing Municipal Regulations on Sub-district Offices",
        },
        "in_force": "2020-01-01",
    }
    assert data["documents"][0]["in_force"] is None
    assert data["rules_not_yet_in_force"][0] == {"rule_id": "JX035", "from": "2021-09-24"}


def test_statute_findings_follow_their_clauses() -> None:
    # Binding clauses give errors; JX031 (Art. 11 confers powers) and JX036 (Art. 32 binds
    # the city's system) are our reading of what a district shows, so notes.
    report = _check(_plan_only(), "2022-01-01")
    by_rule = {(f.rule_id, f.severity) for f in report.findings}
    assert {s for r, s in by_rule if r in ("JX031", "JX036")} <= {Severity.NOTE}
    assert {s for r, s in by_rule if r not in ("JX031", "JX036")} == {Severity.ERROR}


def test_a_plan_rule_cites_the_article_that_carries_it_on_once_in_force() -> None:
    data = _minimal()
    data["districts"][0]["assessment"]["streets_assessed_by"] = ["区委区政府", "区民政局"]
    before = [f for f in _check(data, "2019-12-31").findings if f.rule_id == "JX003"]
    after = [f for f in _check(data, "2020-01-01").findings if f.rule_id == "JX003"]
    assert len(before) == len(after) == 1
    assert [c.clause for c in before[0].citations] == ["plan-2018:P-1.2.2.a"]
    cited = {c.clause: c.relation for c in after[0].citations}
    assert cited == {
        "plan-2018:P-1.2.2.a": None,
        # JX003 rests on Art. 43 ¶1 and ¶2 too, once the 条例 is in force.
        "street-office-2019:art-43.a": None,
        "street-office-2019:art-43.c": None,
    }
    assert after[0].to_dict()["citations"][1]["in_force"] == "2020-01-01"


def test_a_statute_finding_cites_the_plan_clause_it_widens() -> None:
    data = _minimal()
    data["districts"][0]["whistle_domains"] = ["综合执法", "重点工作", "应急处置"]
    (finding,) = _check(data, "2020-01-01").findings
    assert finding.rule_id == "JX030"
    assert [(c.clause, c.relation) for c in finding.citations] == [
        ("street-office-2019:art-5.a", None),
        ("plan-2018:G-1.a", "widens"),
    ]


def test_townships_follow_the_street_office_regulations_only_by_reference() -> None:
    # Art. 49 (可以参照) is a permission: a district of 乡/镇 only is not judged by the
    # street-office rules; the hotline regulations name 乡镇 themselves.
    data = _plan_only()
    for street in data["districts"][0]["streets"]:
        street["kind"] = "镇"
    assert _rules(_check(data, "2022-01-01")) == HOTLINE_RULES
    data["districts"][0]["streets"][0]["kind"] = "街道"
    assert _rules(_check(data, "2022-01-01")) == OFFICE_RULES + HOTLINE_RULES


def test_matching_body_requirements_need_an_express_legal_basis() -> None:
    data = _minimal()
    district = data["districts"][0]
    district["matching_body_requirements"] = [
        {"department": "区某局", "body": "某某工作站"},
        {"department": "区另一局", "body": "另一站", "legal_basis": "某某法第十条"},
    ]
    findings = _check(data, "2020-01-01").findings
    assert [(f.rule_id, f.target) for f in findings] == [("JX033", "示例区/区某局/某某工作站")]
    assert _check(data, "2019-12-31").findings == ()


@given(day=st.dates(dt.date(2015, 1, 1), dt.date(2035, 12, 31)))
def test_a_setup_compliant_under_all_three_is_compliant_on_every_date(day: dt.date) -> None:
    setup = load_setup("minimal.yaml", text=minimal_setup_text())
    report = check(setup, as_of=day)
    assert report.findings == ()
    assert report.documents_in_force[0] == "plan-2018"


@given(
    day=st.sampled_from(["2019-12-31", "2020-01-01", "2021-09-23", "2021-09-24"]),
    order=st.permutations(range(2)),
)
def test_findings_do_not_depend_on_the_order_of_streets(day: str, order: list[int]) -> None:
    data = _plan_only()
    data["districts"][0]["streets"][1]["uses_unified_duty_list"] = False
    shuffled = _plan_only()
    shuffled["districts"][0]["streets"][1]["uses_unified_duty_list"] = False
    streets = shuffled["districts"][0]["streets"]
    shuffled["districts"][0]["streets"] = [streets[i] for i in order]

    def key(report: Report) -> Counter[tuple[str, str, str]]:
        return Counter((f.rule_id, f.target, f.severity.value) for f in report.findings)

    assert key(_check(data, day)) == key(_check(shuffled, day))


def test_the_cli_shows_the_effect_of_the_regulations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "setup.yaml"
    path.write_text(yaml.safe_dump(_plan_only(), allow_unicode=True), encoding="utf-8")
    assert main(["check", str(path), "--as-of", "2019-12-31"]) == 0
    out = capsys.readouterr().out
    assert "2019-12-31 施行中的文件：\n    plan-2018：《关于党建引领" in out
    assert "（施行日期原文未说明）" in out
    assert "尚未适用：JX030 自 2020-01-01 起适用" in out
    assert main(["check", str(path), "--as-of", "2020-01-01", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "in force on 2020-01-01:" in out
    assert (
        "street-office-2019: Beijing Municipal Regulations on Sub-district Offices "
        "(in force from 2020-01-01)"
    ) in out
    assert "not yet in force: JX035 applies from 2021-09-24" in out
    assert "JX030" in out
    assert "clause Sub-district Office Regulations, Art. 5 ¶1" in out


def test_policy_dir_takes_a_whole_corpus_and_a_bad_one_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from jiexiang_policy.corpus_loader import default_corpus_dir

    root = tmp_path / "policies"
    shutil.copytree(default_corpus_dir(), root)
    setup = tmp_path / "setup.yaml"
    setup.write_text(yaml.safe_dump(_plan_only(), allow_unicode=True), encoding="utf-8")
    # A corpus where the street-office regulations took force a year later.
    document = root / "street-office-2019" / "document.yaml"
    text = document.read_text(encoding="utf-8")
    document.write_text(
        text.replace(
            "date: 2020-01-01\n    quote: 本条例自2020年1月1日起施行",
            "date: 2021-01-01\n    source: {zh: 假设, en: hypothetical}",
        ),
        encoding="utf-8",
    )
    args = ["--policy-dir", str(root), "check", str(setup), "--as-of", "2020-06-01"]
    assert main(args) == 0
    assert "尚未适用：JX030 自 2021-01-01 起适用" in capsys.readouterr().out
    document.write_text(
        text.replace("quote: 本条例自2020年1月1日起施行", "quote: 本条例施行"), encoding="utf-8"
    )
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{document}:" in err
    assert "quote is not verbatim in the source text" in err


def test_sarif_carries_the_documents_in_force_and_the_citations() -> None:
    from jiexiang_policy import render

    data = _minimal()
    data["districts"][0]["whistle_domains"] = ["综合执法", "重点工作", "应急处置"]
    sarif = json.loads(render(_check(data, "2020-01-01"), "sarif"))
    run = sarif["runs"][0]
    props = run["invocations"][0]["properties"]
    assert props["documents_in_force"] == ["plan-2018", "street-office-2019"]
    assert props["rules_not_yet_in_force"] == [
        {"rule_id": "JX035", "from": "2021-09-24"},
        {"rule_id": "JX036", "from": "2021-09-24"},
    ]
    (result,) = run["results"]
    assert result["properties"]["citations"][0]["clause"] == "street-office-2019:art-5.a"


# Changes to the minimal setup, each breaking one or more rules of one document or another.
_CHANGES: dict[str, tuple[tuple[str | int, ...], Any]] = {
    "no 群众诉求": (("whistle_domains",), ["综合执法", "重点工作", "应急处置"]),
    "two domains": (("whistle_domains",), ["综合执法", "群众诉求"]),
    "three rights": (("street_rights",), ["提出意见建议权", "统筹协调和督办权", "考核评价权"]),
    "two assessors": (("assessment", "streets_assessed_by"), ["区委区政府", "区民政局"]),
    "satisfaction not first": (("assessment", "residents_satisfaction_main"), False),
    "no double assessment": (("assessment", "double_assessment"), False),
    "one rate": (("assessment", "hotline_core_rates"), ["满意率"]),
    "plaque demanded": (
        ("matching_body_requirements",),
        [{"department": "区某局", "body": "某某工作站"}],
    ),
    "no funds": (("autonomous_funds",), False),
}


def _changed(names: set[str]) -> Any:
    data = _minimal()
    for name in sorted(names):
        path, value = _CHANGES[name]
        node = data["districts"][0]
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return data


@given(
    names=st.sets(st.sampled_from(sorted(_CHANGES))),
    day=st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
)
def test_what_fails_on_a_date_still_fails_later(names: set[str], day: dt.date) -> None:
    # The law only grew: a finding on one date is a finding on every later date, so a
    # setup compliant under all three documents is compliant on every date.
    data = _changed(names)

    def found(report: Report) -> set[tuple[str, str]]:
        return {(f.rule_id, f.target) for f in report.findings}

    earlier = found(_check(data, day.isoformat()))
    later = found(_check(data, "2030-12-31"))
    assert earlier <= later
    if not later:
        assert not earlier


@given(day=st.sampled_from(["2019-12-31", "2020-01-01", "2021-09-24"]), reverse=st.booleans())
def test_findings_do_not_depend_on_the_order_of_files(day: str, reverse: bool) -> None:
    from jiexiang_policy import merge_reports

    setups = [
        load_setup(f"{name}.yaml", text=yaml.safe_dump(_changed({name}), allow_unicode=True))
        for name in ("no 群众诉求", "one rate")
    ]
    ordered = setups[::-1] if reverse else setups
    merged = merge_reports([check(s, as_of=dt.date.fromisoformat(day)) for s in ordered])
    expected = merge_reports([check(s, as_of=dt.date.fromisoformat(day)) for s in setups])
    assert merged.findings == expected.findings
    assert merged.documents_in_force == expected.documents_in_force


def test_a_district_of_townships_is_not_cited_the_street_office_regulations() -> None:
    # Art. 49: 乡镇 may follow the 条例 (可以参照); their findings cite the plan alone.
    data = _minimal()
    data["districts"][0]["assessment"]["streets_assessed_by"] = ["区委区政府", "区民政局"]
    for street in data["districts"][0]["streets"]:
        street["kind"] = "镇"
    (finding,) = [f for f in _check(data, "2020-06-01").findings if f.rule_id == "JX003"]
    assert [c.clause for c in finding.citations] == ["plan-2018:P-1.2.2.a"]


def test_citations_name_articles_as_a_reader_does() -> None:
    from jiexiang_policy.timeline import chinese_number

    assert [chinese_number(n) for n in (1, 10, 11, 20, 44, 50)] == [
        "一",
        "十",
        "十一",
        "二十",
        "四十四",
        "五十",
    ]
    data = _minimal()
    data["districts"][0]["whistle_domains"] = ["综合执法", "重点工作", "应急处置"]
    (finding,) = _check(data, "2020-01-01").findings
    own = finding.citations[0]
    assert own.label("zh") == "《街道办事处条例》第五条第一款"
    assert own.label("en").endswith("Art. 5 ¶1")
    assert finding.to_dict()["citations"][0]["label"]["zh"] == own.label("zh")


@pytest.mark.parametrize(
    ("right", "relation", "words"),
    [
        (
            "提出意见建议权",
            "carries-on",
            "对涉及辖区的全市性、全区性重大事项和重大决策提出意见和建议",
        ),
        ("统筹协调和督办权", "carries-on", "进行统筹协调和考核督办"),
        ("考核评价权", "narrows", "对其工作考核和人事任免提出意见和建议"),
    ],
)
def test_each_case_cites_what_became_of_its_own_obligation(
    right: str, relation: str, words: str
) -> None:
    # JX004 checks three rights; Art. 11 carries each on in its own item. A finding on
    # one right cites that item, not the first right's.
    data = _minimal()
    data["districts"][0]["street_rights"].remove(right)
    (finding,) = [f for f in _check(data, "2026-12-05").findings if f.rule_id == "JX004"]
    later = [c for c in finding.citations if c.relation is not None]
    assert [(c.clause, c.relation) for c in later] == [("street-office-2019:art-11", relation)]
    assert words in later[0].quote
    assert later[0].label("zh") == "《街道办事处条例》第十一条"
    assert later[0].label("en").endswith("Art. 11")
    assert [c.clause for c in finding.citations if c.relation is None] == [
        f"plan-2018:{finding.obligation_ids[0]}"
    ]
