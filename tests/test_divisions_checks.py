"""The registry checks JX024–JX027 and the placeholder summaries."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from jiexiang_policy import check, load_setup
from jiexiang_policy.cli import main
from jiexiang_policy.divisions import load_divisions
from jiexiang_policy.findings import Finding, Severity
from jiexiang_policy.ruleset import minimal_setup_text

REGISTRY_RULES = ["JX024", "JX025", "JX026", "JX027"]


def _setup(district: dict[str, Any], as_of: str | None = None) -> str:
    data: dict[str, Any] = {"schema_version": 1, "districts": [district]}
    if as_of:
        data["as_of"] = as_of
    return yaml.safe_dump(data, allow_unicode=True)


def _registry_findings(text: str, **kwargs: Any) -> list[Finding]:
    setup = load_setup("s.yaml", text=text)
    return list(check(setup, select=REGISTRY_RULES, **kwargs).findings)


def _xicheng(*streets: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"name": "西城区", "streets": list(streets), **extra}


def test_street_typo_gets_did_you_mean() -> None:
    (f,) = _registry_findings(_setup(_xicheng({"name": "西长安街道"}, partial=True)))
    assert f.rule_id == "JX024"
    assert f.severity is Severity.WARNING
    assert f.location.pointer == "/districts/0/streets/0/name"
    assert "是否指“西长安街街道”" in f.message_zh
    assert "did you mean 西长安街街道" in f.message_en


@pytest.mark.parametrize("name", ["东华门", "东华门街道"])
def test_short_and_full_names_are_the_same_unit(name: str) -> None:
    district = {"name": "东城区", "partial": True, "streets": [{"name": name, "code": "110101001"}]}
    assert _registry_findings(_setup(district)) == []


def test_unknown_district_gets_did_you_mean_and_its_streets_are_not_judged() -> None:
    (f,) = _registry_findings(_setup({"name": "西城", "streets": [{"name": "无此街道"}]}))
    assert (f.rule_id, f.target) == ("JX024", "西城")
    assert "是否指“西城区”" in f.message_zh


def test_a_code_that_is_another_units_code_is_named() -> None:
    # 2021: 110106008 is 六里桥街道; 卢沟桥街道 is 110106017.
    district = {
        "name": "丰台区",
        "partial": True,
        "streets": [{"name": "卢沟桥街道", "code": "110106008"}],
    }
    (f,) = _registry_findings(_setup(district, as_of="2021-11-01"))
    assert f.rule_id == "JX025"
    assert "110106017" in f.message_zh
    assert "六里桥街道" in f.message_zh
    # In 2019 the same code was 卢沟桥街道's: no finding.
    assert _registry_findings(_setup(district, as_of="2020-01-01")) == []


def test_a_wrong_district_code() -> None:
    (f,) = _registry_findings(_setup(_xicheng(code="110101", partial=True)))
    assert (f.rule_id, f.location.pointer) == ("JX025", "/districts/0/code")


def _all_units(district: str, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    from jiexiang_policy.divisions import divisions
    from jiexiang_policy.scaffold import kind_of

    found = divisions(as_of=as_of).district(district)
    assert found is not None
    return [{"name": u.name, "code": u.code, "kind": kind_of(u)} for u in found.township_units]


def test_a_missing_unit_is_named() -> None:
    streets = [s for s in _all_units("西城区") if s["name"] != "德胜街道"]
    (f,) = _registry_findings(_setup(_xicheng(*streets)))
    assert (f.rule_id, f.location.pointer) == ("JX026", "/districts/0/streets")
    assert "德胜街道（110102010）" in f.message_zh
    assert "1 个街乡镇" in f.message_zh
    assert _registry_findings(_setup(_xicheng(*streets, partial=True))) == []
    assert _registry_findings(_setup(_xicheng(*_all_units("西城区")))) == []


def test_fengtai_2019_setup_misses_the_units_of_2021() -> None:
    text = _setup({"name": "丰台区", "streets": _all_units("丰台区", dt.date(2019, 10, 31))})
    assert _registry_findings(text, as_of=dt.date(2019, 12, 1)) == []
    # The setup's own date decides the snapshot before the report's.
    dated = text.replace("schema_version: 1", "schema_version: 1\nas_of: 2020-01-01")
    assert _registry_findings(dated, as_of=dt.date(2026, 1, 1)) == []
    findings = _registry_findings(text, as_of=dt.date(2022, 1, 1))
    by_rule = {f.rule_id: [x for x in findings if x.rule_id == f.rule_id] for f in findings}
    (missing,) = by_rule["JX026"]
    for new in ("成寿寺街道", "石榴庄街道", "玉泉营街道", "看丹街道", "五里店街道", "青塔街道"):
        assert new in missing.message_zh
    unknown = {f.target for f in by_rule["JX024"]}
    assert {"丰台区/方庄地区", "丰台区/南苑地区", "丰台区/长辛店镇"} <= unknown
    # 卢沟桥街道 kept its name but not its code: 110106008 is 六里桥街道's from 2021.
    assert any("六里桥街道" in f.message_zh for f in by_rule["JX025"])


def test_kind_differing_from_the_name_is_noted_and_area_is_not_compared() -> None:
    (f,) = _registry_findings(_setup(_xicheng({"name": "德胜街道", "kind": "镇"}, partial=True)))
    assert (f.rule_id, f.location.pointer) == ("JX027", "/districts/0/streets/0/kind")
    assert f.severity is Severity.NOTE
    chaoyang = {
        "name": "朝阳区",
        "partial": True,
        "streets": [{"name": "南磨房地区", "kind": "镇"}],
    }
    assert _registry_findings(_setup(chaoyang)) == []


def test_synthetic_districts_are_skipped() -> None:
    setup = load_setup("m.yaml", text=minimal_setup_text())
    assert check(setup, select=REGISTRY_RULES).findings == ()
    unmarked = minimal_setup_text().replace("    synthetic: true", "    synthetic: false")
    (f,) = _registry_findings(unmarked)
    assert (f.rule_id, f.target) == ("JX024", "示例区")


def test_registry_is_injectable(tmp_path: Path) -> None:
    path = tmp_path / "city.csv"
    path.write_text(
        "code,name,district_code,district_name\n990101001,甲街道,990101,甲区\n", "utf-8"
    )
    registry = load_divisions(path)
    text = _setup({"name": "甲区", "streets": [{"name": "甲"}]})
    assert _registry_findings(text, divisions=registry) == []
    assert [f.rule_id for f in _registry_findings(text)] == ["JX024"]


def test_cli_check_takes_divisions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "city.csv"
    csv.write_text("code,name,district_code,district_name\n990101001,甲街道,990101,甲区\n")
    setup = tmp_path / "s.yaml"
    setup.write_text(_setup({"name": "甲区", "streets": [{"name": "甲街道"}]}), "utf-8")
    args = ["check", str(setup), "--select", ",".join(REGISTRY_RULES), "--format", "json"]
    assert main([*args, "--divisions", str(csv)]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\n1,2\n", "utf-8")
    assert main([*args, "--divisions", str(bad)]) == 2
    assert "bad.csv:1:1: missing column(s) district_code, district_name" in capsys.readouterr().err


# --- placeholders in a hand-written setup -------------------------------------------------


def test_placeholders_fold_per_field_and_others_stay_per_street() -> None:
    data = yaml.safe_load(minimal_setup_text())
    first, second = data["districts"][0]["streets"]
    first["uses_unified_duty_list"] = "待填写"
    second["uses_unified_duty_list"] = "待填写"
    del first["party_working_rules"]  # left out, not a placeholder: reported per street
    del second["party_working_rules"]
    setup = load_setup("p.yaml", text=yaml.safe_dump(data, allow_unicode=True))
    findings = check(setup).findings
    by_rule = Counter(f.rule_id for f in findings)
    assert by_rule == Counter({"JX005": 1, "JX016": 2})
    (summary,) = (f for f in findings if f.rule_id == "JX005")
    assert summary.target == "示例区/*/uses_unified_duty_list"
    assert "2 个街乡镇的 uses_unified_duty_list 待填写" in summary.message_zh
    assert "示例街道、第二街道" in summary.message_zh
    assert summary.location.pointer == "/districts/0/streets/0/uses_unified_duty_list"


def test_placeholders_read_the_same_from_json() -> None:
    data = yaml.safe_load(minimal_setup_text())
    for street in data["districts"][0]["streets"]:
        street["staffing"] = "待填写"
    text = json.dumps(data, ensure_ascii=False)
    setup = load_setup("p.json", text=text)
    assert setup.districts[0].streets[0].staffing is None
    assert [f.target for f in check(setup).findings] == ["示例区/*/staffing"]


def test_a_placeholder_in_the_baseline_marks_the_summary_existing() -> None:
    text = minimal_setup_text().replace("autonomous_funds: true", "autonomous_funds: 待填写")
    setup = load_setup("p.yaml", text=text)
    (f,) = [f for f in check(setup, baseline=setup).findings if f.severity.rank > 0]
    assert (f.rule_id, f.status.value, f.target) == ("JX022", "existing", "示例区/autonomous_funds")


def test_a_name_cannot_be_a_placeholder() -> None:
    from jiexiang_policy.errors import SetupFileError

    text = "districts:\n  - name: 待填写\n    synthetic: true\n"
    with pytest.raises(SetupFileError, match=r"s\.yaml:2:\d+ \[/districts/0/name\]: name must"):
        load_setup("s.yaml", text=text)


def test_each_registry_check_says_the_severity_it_has() -> None:
    from jiexiang_policy import load_plan, rules

    plan = load_plan()
    for rule in (r for r in rules() if r.registry):
        severity = rule.default_severity(plan)
        assert severity is not None
        assert f"默认为{severity.label('zh')}" in rule.rationale.zh, rule.id
        assert f"a {severity.value} by default" in rule.rationale.en, rule.id
