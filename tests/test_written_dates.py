"""Dates as Chinese office software writes them (a zh-CN Excel date saved as CSV is
2026/6/25) are read wherever a date is read: setups, work plans and their task tables,
waivers, --as-of; anything that is not a year-first date is still refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy.cli import main
from jiexiang_policy.converter import parse_date
from jiexiang_policy.workplan.deadlines import Due
from test_workplan import EXAMPLES, TABLE

FULL_WIDTH = str.maketrans("0123456789-/.", "０１２３４５６７８９－／．")


def _forms(day: dt.date) -> list[str]:
    y, m, d = day.year, day.month, day.day
    return [
        day.isoformat(),
        f"{y}-{m}-{d}",
        f"{y}/{m}/{d}",
        f"{y}/{m:02d}/{d:02d}",
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日",
        day.isoformat().translate(FULL_WIDTH),
        f" {y}/{m}/{d} ",
    ]


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_written_form_is_the_same_day(day: dt.date) -> None:
    for text in _forms(day):
        assert parse_date(text) == day, text
        assert Due.parse(text) == Due.on(day), text


@pytest.mark.parametrize(
    "text", ["20260101", "2026-W01-1", "6/25/2026", "25.6.2026", "2026/6-25", "2026年6月", ""]
)
def test_what_is_not_a_year_first_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text)


@pytest.mark.parametrize("text", ["2026/2/30", "2026年13月1日", "2026.4.31"])
def test_a_day_that_does_not_exist_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="no such day"):
        parse_date(text)


def test_a_task_table_saved_from_excel_reads_its_dates(tmp_path: Path) -> None:
    rows = (EXAMPLES / "table" / "dongcheng-2026-tasks.csv").read_text(encoding="utf-8")
    assert ",2026-06-20," in rows
    excel = rows.replace(",2026-06-20,", ",2026/6/20,", 1).replace("2026-06-30,", "2026/6/30,", 1)
    assert excel != rows
    (tmp_path / "tasks.csv").write_text(excel, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        TABLE.read_text(encoding="utf-8").replace(
            "tasks_table: dongcheng-2026-tasks.csv", "tasks_table: tasks.csv"
        ),
        encoding="utf-8",
    )
    (tmp_path / "orig.csv").write_text(rows, encoding="utf-8")
    original = tmp_path / "orig.yaml"
    original.write_text(
        plan.read_text(encoding="utf-8").replace("tasks_table: tasks.csv", "tasks_table: orig.csv"),
        encoding="utf-8",
    )
    argv = ["workplan", "status", "--as-of", "2026-12-05", "--format", "json"]
    assert main([*argv[:2], str(plan), *argv[2:], "--output", str(tmp_path / "a.json")]) == 0
    assert main([*argv[:2], str(original), *argv[2:], "--output", str(tmp_path / "b.json")]) == 0
    excel_status = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    plain_status = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert excel_status["tasks"] == plain_status["tasks"]
    assert excel_status["counts"] == plain_status["counts"]


def test_as_of_and_a_waiver_expiry_take_the_same_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).resolve().parents[1]
    gaps = str(root / "examples" / "with-gaps.yaml")
    assert main(["check", gaps, "--as-of", "2026/12/5", "--format", "json"]) == 1
    assert '"as_of": "2026-12-05"' in capsys.readouterr().out
    waivers = tmp_path / "w.yaml"
    text = (root / "examples" / "waivers.yaml").read_text(encoding="utf-8")
    assert "expires: " in text
    waivers.write_text(
        "\n".join(
            line.replace("expires: 2029-06-30", "expires: 2029年6月30日")
            for line in text.splitlines()
        ),
        encoding="utf-8",
    )
    assert "2029年6月30日" in waivers.read_text(encoding="utf-8")
    argv = ["check", gaps, "--waivers", str(waivers), "--as-of", "2026-12-05"]
    assert main([*argv, "--format", "json"]) in (0, 1)
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert "JX900" not in {f["rule_id"] for f in findings}  # read as a date, not expired
    assert "waived" in {f["status"] for f in findings}
