"""A finding is as strong as the clause it rests on, and a district may be stricter."""

from __future__ import annotations

import json

import pytest

from jiexiang_policy import Severity, check, load_plan, load_setup, render
from jiexiang_policy.catalog import catalog_data, catalog_text
from jiexiang_policy.docgen import render_catalog
from jiexiang_policy.ruleset import baseline_setup_text, minimal_setup_text, rule_by_id

PLAN = load_plan()


def _check(text: str, **kw: object) -> list[tuple[str, str, str]]:
    report = check(load_setup("s.yaml", text=text), PLAN, **kw)  # type: ignore[arg-type]
    return sorted((f.rule_id, f.severity.value, f.obligation_ids[0]) for f in report.findings)


def _as(kind: str, text: str) -> str:
    """The first street of the minimal setup as a 乡 or 镇."""
    return text.replace("kind: 街道", f"kind: {kind}", 1)


# --- scope: clauses that speak of 街道 only -----------------------------------------


@pytest.mark.parametrize(
    ("rule", "old", "new"),
    [
        ("JX005", "uses_unified_duty_list: true", "uses_unified_duty_list: false"),
        ("JX006", "comprehensive: true", "comprehensive: false"),
        ("JX008", "leadership_approved: 10", "leadership_approved: null"),
        ("JX050", "leadership_actual: 10", "leadership_actual: 12"),
    ],
)
@pytest.mark.parametrize("kind", ["乡", "镇"])
def test_street_only_clauses_give_townships_no_finding(
    rule: str, old: str, new: str, kind: str
) -> None:
    broken = minimal_setup_text().replace(old, new, 1)
    assert [r for r, _, _ in _check(broken)] == [rule]  # a 街道 gets it
    assert _check(_as(kind, broken)) == []  # a 乡 or 镇 does not


@pytest.mark.parametrize("kind", ["乡", "镇"])
def test_layers_growth_is_not_judged_for_townships(kind: str) -> None:
    base = load_setup("b.yaml", text=_as(kind, baseline_setup_text()))
    grown = _as(kind, minimal_setup_text()).replace(
        "management_layers: 2", "management_layers: 4", 1
    )
    report = check(load_setup("s.yaml", text=grown), PLAN, baseline=base, select=["JX007"])
    assert report.findings == ()


# --- one rule, several clauses ---------------------------------------------------------


def test_a_doubled_sunk_office_is_an_error_a_missing_one_a_warning() -> None:
    text = minimal_setup_text()
    doubled = text.replace("serves: [第二街道]", "serves: [示例街道]", 1)
    found = _check(doubled, select=["JX009"])
    assert ("JX009", "error", "P-2.1.1.b") in found  # 示例街道 has two: 一街一所 broken
    assert ("JX009", "warning", "P-2.1.1.a") in found  # 第二街道 has none yet: 逐步下沉
    assert len(found) == 2


@pytest.mark.parametrize(
    ("rule", "old", "new", "severity", "clause"),
    [
        (
            "JX019",
            "source: 党员群众, count: 12",
            "source: 物业公司, count: 12",
            "warning",
            "P-2.3.3.a",
        ),
        ("JX021", "management_use: 街道乡镇", "management_use: 区", "warning", "P-3.2.1.c"),
        (
            "JX023",
            "whistle_domains: [综合执法, 重点工作, 应急处置, 群众诉求]",
            "whistle_domains: [综合执法, 群众诉求]",
            "note",
            "G-1.a",
        ),
        ("JX017", "chair_level: 区", "chair_level: 街道乡镇", "warning", "P-2.2.2.b"),
        (
            "JX017",
            "established: true\n          chair_level",
            "established: false\n          chair_level",
            "error",
            "P-2.2.2.a",
        ),
    ],
)
def test_severity_follows_the_wording_of_the_clause(
    rule: str, old: str, new: str, severity: str, clause: str
) -> None:
    text = minimal_setup_text()
    if rule == "JX019":  # both steward groups must go
        text = text.replace("source: 社区“两委”干部, count: 4", "source: 物业公司, count: 4")
    found = _check(text.replace(old, new, 1), select=[rule])
    assert found
    assert set(found) == {(rule, severity, clause)}


def test_no_change_against_the_baseline_is_a_note_growth_an_error() -> None:
    setup = minimal_setup_text()
    base = load_setup("b.yaml", text=setup)
    same = check(load_setup("s.yaml", text=setup), PLAN, baseline=base, select=["JX007", "JX012"])
    assert {(f.rule_id, f.severity) for f in same.findings} == {
        ("JX007", Severity.NOTE),
        ("JX012", Severity.NOTE),
    }
    assert all("减少" in f.message_zh or "提高" in f.message_zh for f in same.findings)
    worse = setup.replace("management_layers: 2", "management_layers: 3", 1).replace(
        "{district: 60, street: 240}", "{district: 100, street: 200}"
    )
    report = check(load_setup("w.yaml", text=worse), PLAN, baseline=base, select=["JX007", "JX012"])
    assert {(f.rule_id, f.severity) for f in report.findings if f.severity is Severity.ERROR} == {
        ("JX007", Severity.ERROR),
        ("JX012", Severity.ERROR),
    }
    (fall,) = [f for f in report.findings if f.rule_id == "JX012"]
    assert "%" in fall.message_zh  # a share is printed as a fraction and a percentage
    assert "%" in fall.message_en


def test_a_lane_without_a_chief_says_so_in_both_languages() -> None:
    text = minimal_setup_text().replace("{name: 示例胡同, chief_rank: 处级}", "{name: 示例胡同}", 1)
    report = check(load_setup("s.yaml", text=text), PLAN, select=["JX018"])
    (finding,) = report.findings
    assert "没有街巷长" in finding.message_zh
    assert "has no lane chief" in finding.message_en
    assert "无" not in finding.message_en


# --- a district may be stricter ---------------------------------------------------------


def test_configured_severities_change_findings_report_and_exit_code() -> None:
    text = minimal_setup_text().replace(
        "whistle_domains: [综合执法, 重点工作, 应急处置, 群众诉求]",
        "whistle_domains: [综合执法, 群众诉求]",
    )
    setup = load_setup("s.yaml", text=text)
    default = check(setup, PLAN)
    (note,) = default.findings
    assert note.severity is Severity.NOTE
    assert default.failing(Severity.ERROR) == ()
    stricter = check(setup, PLAN, severities={"jx023": Severity.ERROR})
    (error,) = stricter.findings
    assert error.severity is Severity.ERROR
    assert stricter.failing(Severity.ERROR) == (error,)
    info = stricter.rule("JX023")
    assert info is not None
    assert (info.severity, info.default_severity, info.overridden) == (
        Severity.ERROR,
        Severity.NOTE,
        True,
    )
    data = json.loads(render(stricter, "json"))
    (described,) = [r for r in data["rules"] if r["id"] == "JX023"]
    assert (described["severity"], described["default_severity"]) == ("error", "note")
    sarif = json.loads(render(stricter, "sarif"))
    (descriptor,) = [d for d in sarif["runs"][0]["tool"]["driver"]["rules"] if d["id"] == "JX023"]
    assert descriptor["defaultConfiguration"]["level"] == "error"
    off = check(setup, PLAN, severities={"JX023": None})
    assert off.findings == ()
    assert "JX023" not in off.rules_run


def test_an_unknown_rule_in_the_severities_is_an_error() -> None:
    from jiexiang_policy.errors import InputError

    setup = load_setup("s.yaml", text=minimal_setup_text())
    with pytest.raises(InputError, match="JX999"):
        check(setup, PLAN, severities={"JX999": Severity.ERROR})
    with pytest.raises(TypeError):
        check(setup, PLAN, severities={"JX001": "error"})  # type: ignore[dict-item]


# --- editorial marks -------------------------------------------------------------------


def test_editorial_rules_say_why_everywhere() -> None:
    rule = rule_by_id("JX050")
    assert rule.editorial is not None
    report = check(load_setup("s.yaml", text=minimal_setup_text()), PLAN, select=["JX050"])
    info = report.rule("JX050")
    assert info is not None
    assert info.editorial_zh == rule.editorial.zh
    sarif = json.loads(render(report, "sarif"))
    (descriptor,) = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rule.editorial.zh in descriptor["help"]["text"]
    assert descriptor["properties"]["editorial"] is True


def test_every_catalog_view_says_the_grouping_and_titles_are_editorial() -> None:
    editorial = PLAN.metadata.editorial
    assert editorial is not None
    assert "编辑性" in editorial.zh
    assert editorial.zh in render_catalog(PLAN, "md", "zh")
    assert editorial.en in render_catalog(PLAN, "md", "en")
    assert editorial.zh in catalog_text(PLAN, "zh")
    assert editorial.en in catalog_text(PLAN, "en")
    assert catalog_data(PLAN)["editorial"] == {"zh": editorial.zh, "en": editorial.en}
    html = render_catalog(PLAN, "html")
    assert "编辑说明" in html
    assert "Editorial" in html


def test_measures_have_no_responsible_units_only_actors_the_clauses_name() -> None:
    zh = render_catalog(PLAN, "md", "zh")
    assert zh.count("责任单位: 原文未说明") == len(PLAN.measures)
    m04 = PLAN.measure("M04")
    assert [a.unit for a in m04.named_actors] == ["区委区政府"]
    assert "条文提及的主体（不等于责任单位）: 区委区政府" in zh


def test_a_resident_force_is_permitted_and_not_a_second_office() -> None:
    # 有条件的区可安排专门力量常驻 (P-2.1.1.c) permits it: nothing to report.
    text = minimal_setup_text().replace(
        "    offices:\n",
        "    offices:\n      - {name: 常驻警务站, kind: 派出所, serves: [示例街道], status: 常驻}\n",
        1,
    )
    assert _check(text) == []


def test_a_shared_sunk_office_is_reported_once_by_jx010() -> None:
    text = minimal_setup_text().replace("serves: [示例街道]", "serves: [示例街道, 第二街道]", 1)
    assert [r for r, _, _ in _check(text, select=["JX009", "JX010"])] == ["JX010"]


@pytest.mark.parametrize("kind", ["乡", "镇"])
def test_township_communities_chairs_are_not_asked(kind: str) -> None:
    text = _as(kind, minimal_setup_text()).replace(
        "community_chair_level: 街道乡镇", "community_chair_level: 社区村", 1
    )
    assert _check(text, select=["JX017"]) == []
    street = minimal_setup_text().replace(
        "community_chair_level: 街道乡镇", "community_chair_level: 社区村", 1
    )
    (found,) = check(load_setup("s.yaml", text=street), PLAN, select=["JX017"]).findings
    assert "社区（村）" in found.message_zh
    assert found.severity is Severity.WARNING


def test_network_integration_is_pushed_ahead_not_bound() -> None:
    text = minimal_setup_text().replace(
        "community: [城市管理网, 社会服务管理网, 社会治安网, 城管综合执法网]",
        "community: [城市管理网]",
    )
    assert _check(text, select=["JX020"]) == [("JX020", "warning", "P-3.1.1.a")]
