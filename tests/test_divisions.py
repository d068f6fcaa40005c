"""The division registry: snapshots by date, totals, changes, lookups and user files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from jiexiang_policy.divisions import (
    NameKind,
    Registry,
    diff_snapshots,
    divisions,
    load_divisions,
    parse_divisions,
    shipped_registry,
)
from jiexiang_policy.errors import InputError

DATES = (dt.date(2018, 10, 31), dt.date(2019, 10, 31), dt.date(2021, 10, 31), dt.date(2022, 10, 31))
DAY = dt.timedelta(days=1)


def test_four_snapshots_ship() -> None:
    assert shipped_registry().dates == DATES


@pytest.mark.parametrize("i", range(len(DATES)))
def test_snapshot_choice_at_each_boundary(i: int) -> None:
    date = DATES[i]
    assert divisions(as_of=date).as_of == date  # on the day: that snapshot
    assert divisions(as_of=date + DAY).as_of == date  # the day after: still it
    before = divisions(as_of=date - DAY).as_of
    assert before == (DATES[i - 1] if i else DATES[0])  # the day before: the previous one


def test_a_date_before_every_snapshot_gets_the_first_and_none_the_latest() -> None:
    assert divisions(as_of=dt.date(2018, 1, 1)).as_of == DATES[0]
    assert divisions().as_of == DATES[-1]
    assert divisions(as_of=dt.date(2020, 6, 1)).as_of == DATES[1]  # no 2020 snapshot


@pytest.mark.parametrize(
    ("date", "units", "zones"),
    [(DATES[0], 331, 5), (DATES[1], 333, 6), (DATES[2], 343, 6), (DATES[3], 343, 6)],
)
def test_totals_zones_excluded(date: dt.date, units: int, zones: int) -> None:
    snap = divisions(as_of=date)
    assert len(snap.township_units) == units  # 2019: 333 街乡镇 (新华社); 2021: 343 (北京青年报)
    assert len(snap.units) - len(snap.township_units) == zones
    assert len(snap.districts) == 16


def test_the_airport_street_is_a_unit_though_its_code_looks_like_a_zone() -> None:
    unit = divisions(as_of=DATES[1]).unit("110105400")
    assert unit is not None
    assert unit.name == "首都机场街道"
    assert not unit.is_zone
    zone = divisions(as_of=DATES[1]).unit("110115406")
    assert zone is not None
    assert (zone.name, zone.is_zone, zone.kind) == ("大兴国际机场", True, NameKind.OTHER)


@pytest.mark.parametrize(("district", "before", "after"), [("丰台区", 21, 26), ("通州区", 17, 22)])
def test_fengtai_and_tongzhou_change_between_2019_and_2021(
    district: str, before: int, after: int
) -> None:
    old, new = divisions(as_of=DATES[1]), divisions(as_of=DATES[2])
    old_d, new_d = old.district(district), new.district(district)
    assert old_d is not None
    assert new_d is not None
    assert (len(old_d.township_units), len(new_d.township_units)) == (before, after)


def test_diff_2019_2021_names_added_removed_renamed_and_reused() -> None:
    d = diff_snapshots(divisions(as_of=DATES[1]), divisions(as_of=DATES[2]))
    added = {u.code for u in d.added}
    assert {f"1101060{n}" for n in range(20, 26)} <= added
    assert {f"1101120{n:02d}" for n in range(9, 14)} | {"110112120", "110112121"} <= added
    assert {u.name for u in d.removed} >= {"永顺地区", "梨园地区", "南苑地区"}
    renamed = {c.code: (c.before.name, c.after.name) for c in d.renamed if c.before and c.after}
    assert renamed["110106013"] == ("方庄地区", "方庄街道")
    assert renamed["110106014"] == ("宛平城地区", "宛平街道")
    reused = {c.code: (c.before.name, c.after.name) for c in d.code_reused if c.before and c.after}
    assert reused == {
        "110106008": ("卢沟桥街道", "六里桥街道"),
        "110106100": ("长辛店镇", "北宫镇"),
    }


def test_reused_code_names_another_unit_by_date() -> None:
    names = [getattr(divisions(as_of=d).unit("110106008"), "name", None) for d in DATES]
    assert names == ["卢沟桥街道办事处", "卢沟桥街道", "六里桥街道", "六里桥街道"]
    # 卢沟桥 lives on under another code: identity is code + name + date.
    (later,) = divisions(as_of=DATES[2]).named("卢沟桥街道")
    assert later.code == "110106017"


def test_long_names_of_2018_are_not_renamings() -> None:
    d = diff_snapshots(divisions(as_of=DATES[0]), divisions(as_of=DATES[1]))
    assert d.renamed == ()
    assert d.code_reused == ()
    assert {u.name for u in d.added} == {"潞源街道", "通运街道", "大兴国际机场"}


def test_lookups_by_code_full_long_and_short_name() -> None:
    xicheng = divisions().district("西城区")
    assert xicheng is not None
    assert divisions().district("110102") is xicheng
    unit = xicheng.find("西长安街街道")
    assert unit is not None
    assert (unit.code, unit.short_name, unit.kind) == ("110102001", "西长安街", NameKind.STREET)
    assert xicheng.find("西长安街") is unit
    assert xicheng.find("西长安街道") is None
    old = divisions(as_of=DATES[0]).district("东城区")
    assert old is not None
    assert (u := old.find("东华门街道")) is not None
    assert u.name == "东华门街道办事处"
    assert old.find("东华门") is u


def test_a_short_name_two_units_share_is_not_accepted() -> None:
    fengtai = divisions(as_of=DATES[1]).district("丰台区")
    assert fengtai is not None
    assert fengtai.find("长辛店") is None  # 长辛店街道 and 长辛店镇 in 2019
    assert fengtai.find("长辛店镇") is not None


def test_the_same_name_in_two_districts() -> None:
    assert {u.district_name for u in divisions().named("八里庄街道")} == {"朝阳区", "海淀区"}


def test_registry_is_not_read_at_import() -> None:
    code = (
        "import jiexiang_policy.checker, jiexiang_policy.cli\n"
        "from jiexiang_policy.divisions import shipped_registry\n"
        "assert shipped_registry.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- user files ------------------------------------------------------------------------

HEADER = "code,name,district_code,district_name\n"


def test_user_file_undated_is_used_for_any_date(tmp_path: Path) -> None:
    path = tmp_path / "mycity.csv"
    path.write_text(HEADER + "990101001,甲街道,990101,甲区\n990101100,乙镇,990101,甲区\n", "utf-8")
    registry = load_divisions(path)
    snap = registry.at(dt.date(1999, 1, 1))
    assert snap.as_of is None
    assert [u.kind for u in snap.township_units] == [NameKind.STREET, NameKind.TOWN]


def test_user_files_dated_by_name(tmp_path: Path) -> None:
    for year in (2023, 2024):
        (tmp_path / f"bj-{year}-10-31.csv").write_text(
            HEADER + "110101001,东华门街道,110101,东城区\n"
        )
    registry = load_divisions(sorted(tmp_path.glob("*.csv")))
    assert registry.dates == (dt.date(2023, 10, 31), dt.date(2024, 10, 31))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty division file"),
        ("code,name,district\n1,2,3\n", "missing column(s) district_code, district_name"),
        (HEADER + "110101001,甲,110101,东城区\n110101001,乙,110101,东城区\n", "x.csv:3:1 "),
        (HEADER + "110101001,甲,110101,东城区\n110101001,乙,110101,东城区\n", "duplicate code"),
        (HEADER + "11010100,甲,110101,东城区\n", "code '11010100' is not 9 digits"),
        (HEADER + "110102001,甲,110101,东城区\n", "does not start with its district_code"),
        (HEADER + "110101001,,110101,东城区\n", "must not be empty"),
        (HEADER + "110101001,甲,110101,东城区\n110101002,乙,110101,西城区\n", "is named"),
        (HEADER, "no division rows"),
        (HEADER + '110101001,"甲\n乙",110101,东城区\n', "must not contain line breaks"),
    ],
)
def test_bad_division_files_say_where_and_what(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_divisions(text, "x.csv")
    assert message in str(info.value)


def test_a_gbk_file_is_told_to_be_saved_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "110101001,东华门街道,110101,东城区\n").encode("gbk"))
    with pytest.raises(InputError, match=r"gbk\.csv: cannot read as UTF-8.*save it as UTF-8"):
        load_divisions(path)
    assert load_divisions(path, encoding="gbk").at().units[0].name == "东华门街道"


def test_several_files_need_dates(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(HEADER + "110101001,甲街道,110101,东城区\n", "utf-8")
    (tmp_path / "b-2023-10-31.csv").write_text(HEADER + "110101001,甲街道,110101,东城区\n")
    with pytest.raises(InputError, match="need a date each"):
        load_divisions(sorted(tmp_path.glob("*.csv")))


def test_a_registry_needs_a_snapshot() -> None:
    with pytest.raises(ValueError, match="at least one snapshot"):
        Registry(())


def test_cli_lists_units_and_changes(capsys: pytest.CaptureFixture[str]) -> None:
    from jiexiang_policy.cli import main

    assert main(["divisions", "--district", "丰台区", "--as-of", "2021-12-01"]) == 0
    out = capsys.readouterr().out
    assert "110106 丰台区：26 个街乡镇" in out
    assert "  110106008  六里桥街道  （街道）" in out
    args = ["divisions", "--district", "丰台区", "--since", "2019-12-01", "--as-of", "2021-12-01"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "代码另用: 丰台区 110106008 卢沟桥街道 → 六里桥街道" in out
    assert "新增: 丰台区 110106025 青塔街道" in out
    assert " / " not in out  # one language
    assert "通州区" not in out
    assert main(["divisions", "--district", "西城"]) == 2
    assert "是不是 '西城区'？" in capsys.readouterr().err  # zh by default, as init says it


def test_generated_page_lists_counts_and_official_totals(repo_root: Path) -> None:
    page = (repo_root / "docs" / "divisions.md").read_text(encoding="utf-8")
    assert "| **total 街乡镇** | | **331** | **333** | **343** | **343** |" in page
    assert "| 丰台区 | 110106 | 21 | 21 | 26 | 26 |" in page
    assert "| 通州区 | 110112 | 15 | 17 | 22 | 22 |" in page
    assert "- code reused: 丰台区 `110106008` 卢沟桥街道 → 六里桥街道" in page
