"""``jiexiang init``: every unit of a district, placeholders, and a readable first check."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy import Plan, Setup, check, load_setup, rule_by_id
from jiexiang_policy.cli import main
from jiexiang_policy.divisions import Snapshot, TownshipUnit, shipped_registry
from jiexiang_policy.scaffold import DISTRICT_FIELDS, STREET_FIELDS, scaffold

SNAPSHOTS = shipped_registry().snapshots
# enforcement_personnel is compared with a --baseline only (JX012): no finding without one.
DISTRICT_SUMMARIES = [f.name for f in DISTRICT_FIELDS if f.name != "enforcement_personnel"]


@functools.cache
def _scaffolded(as_of: dt.date, district: str) -> Setup:
    return load_setup(f"{district}.yaml", text=scaffold([district], as_of=as_of))


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=lambda s: s.label)
def test_init_every_district_loads_and_checks_to_the_placeholder_summary(
    plan: Plan, snapshot: Snapshot
) -> None:
    assert snapshot.as_of is not None
    for district in snapshot.districts:
        setup = _scaffolded(snapshot.as_of, district.name)
        report = check(setup, plan, as_of=dt.date(2026, 12, 5))
        expected = {f"{district.name}/*/{f.name}" for f in STREET_FIELDS}
        expected |= {f"{district.name}/{name}" for name in DISTRICT_SUMMARIES}
        targets = [f.target for f in report.findings]
        assert sorted(targets) == sorted(expected), district.name  # one per field, no other
        by_field = {f.name: f for f in STREET_FIELDS}
        for finding in report.findings:
            if "/*/" not in finding.target:
                continue
            # A field read only by clauses naming 街道 (P-1.1.1, P-1.3.x) lists only 街道.
            field = by_field[finding.target.rsplit("/", 1)[1]]
            scopes = [
                set(plan.obligation(c.obligation_id).applies_to)
                for r in field.rule_ids
                for c in rule_by_id(r).all_cases()
                if c.obligation_id
            ]
            units = [
                s.name
                for s in setup.districts[0].streets
                if any(not scope or s.kind.value in scope for scope in scopes)
            ]
            assert finding.message_zh.endswith("：" + "、".join(units))


def _units() -> list[tuple[dt.date, TownshipUnit]]:
    return [(s.as_of, u) for s in SNAPSHOTS if s.as_of for u in s.township_units]


@given(st.sampled_from(_units()))
def test_every_unit_round_trips_through_init_and_the_loader(
    dated: tuple[dt.date, TownshipUnit],
) -> None:
    as_of, unit = dated
    setup = _scaffolded(as_of, unit.district_name)
    (district,) = setup.districts
    assert (district.name, district.code) == (unit.district_name, unit.district_code)
    (street,) = (s for s in district.streets if s.code == unit.code)
    assert street.name == unit.name
    assert setup.as_of == as_of


def test_init_writes_kind_and_code_and_leaves_out_zones() -> None:
    text = scaffold(["大兴区"], as_of=dt.date(2022, 10, 31))
    assert "大兴国际机场" not in [
        s.name for s in load_setup("d.yaml", text=text).districts[0].streets
    ]
    assert "# 未列入（功能区，非街乡镇）：" in text
    assert "大兴国际机场（110115406）" in text
    chaoyang = scaffold(["朝阳区"])
    assert "      - name: 南磨房地区\n        kind: 乡  # 名称为“地区”" in chaoyang
    assert "        code: '110105001'\n" in chaoyang


def test_init_city_lists_every_unit() -> None:
    setup = load_setup("city.yaml", text=scaffold(None, as_of=dt.date(2021, 12, 1)))
    assert len(setup.districts) == 16
    assert sum(len(d.streets) for d in setup.districts) == 343
    assert setup.as_of == dt.date(2021, 12, 1)


def test_cli_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "xicheng.yaml"
    assert (
        main(["init", "--district", "西城区", "--as-of", "2019-11-01", "--output", str(out)]) == 0
    )
    assert "已写入" in capsys.readouterr().err
    setup = load_setup(out)
    assert len(setup.districts[0].streets) == 15
    assert main(["check", str(out), "--as-of", "2026-12-05"]) == 1
    assert "15 个街乡镇的 staffing 待填写" in capsys.readouterr().out
    # An existing file is never overwritten by accident: edits would be lost.
    assert main(["init", "--district", "西城区", "--output", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["init", "--district", "东城区", "--output", str(out), "--force"]) == 0
    assert load_setup(out).districts[0].name == "东城区"


@pytest.mark.parametrize("command", ["init", "divisions"])
def test_an_unknown_district_gets_one_message_in_the_reader_s_language(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JIEXIANG_LANG", raising=False)
    assert main([command, "--district", "西城"]) == 2
    assert capsys.readouterr().err == (
        "jiexiang：错误：--district: '西城' 不是 2022-10-31 版区划中的区；是不是 '西城区'？\n"
    )
    assert main([command, "--district", "上海"]) == 2
    err = capsys.readouterr().err
    assert "'上海' 不是 2022-10-31 版区划中的区；已知的区：东城区、西城区、" in err
    assert main(["--lang", "en", command, "--district", "西城"]) == 2
    assert (
        "'西城' is not a district of the division snapshot 2022-10-31; did you mean '西城区'?"
        in (capsys.readouterr().err)
    )


def test_cli_init_needs_district_or_city(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["init"])
    assert info.value.code == 2
    capsys.readouterr()


def test_cli_init_from_user_divisions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "city.csv"
    csv.write_text("code,name,district_code,district_name\n990101001,甲街道,990101,甲区\n")
    assert main(["init", "--city", "--divisions", str(csv)]) == 0
    text = capsys.readouterr().out
    setup = load_setup("c.yaml", text=text)
    assert [(s.name, s.code) for s in setup.districts[0].streets] == [("甲街道", "990101001")]


_NAMES = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("C", "Z"), include_characters=" "),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(lambda n: n and n != "待填写")
)


@given(district=_NAMES, units=st.lists(_NAMES, min_size=1, max_size=6, unique=True))
def test_any_names_of_a_user_registry_round_trip_through_init(
    district: str, units: list[str]
) -> None:
    import csv
    import io

    from jiexiang_policy.divisions import Registry, parse_divisions

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "name", "district_code", "district_name"])
    for i, name in enumerate(units, start=1):
        writer.writerow([f"990101{i:03d}", name, "990101", district])
    registry = Registry((parse_divisions(out.getvalue(), "city.csv"),))
    setup = load_setup("c.yaml", text=scaffold(None, registry=registry))
    (loaded,) = setup.districts
    assert loaded.name == district
    expected = [(u.name, u.code) for u in registry.at().township_units]
    assert [(s.name, s.code) for s in loaded.streets] == expected


def test_divisions_takes_the_name_as_init_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["divisions", "--district", "东城区"]) == 0
    plain = capsys.readouterr().out
    for written in ("东城区 ", " 东城区", "110101"):
        assert main(["divisions", "--district", written]) == 0
        assert capsys.readouterr().out == plain
