"""Chinese first for work plans too: every kind of bad work plan or task table reads in
Chinese by default, with the file, line and field kept, and exit code 2."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from jiexiang_policy.cli import main
from jiexiang_policy.workplan import model
from test_messages import english_left
from test_workplan import BAD, DONGCHENG, EXAMPLES, TABLE

ROWS = (EXAMPLES / "table" / "dongcheng-2026-tasks.csv").read_text(encoding="utf-8")

# Beyond test_workplan.BAD (which pins the English): name → (old, new) in the YAML plan.
MORE: dict[str, tuple[str, str]] = {
    "no month 13": ("deadline: 2026-06-30", "deadline: 2026年13月"),
    "year out of range": ("deadline: 2026-06-30", "deadline: 10000年底"),
    "task names nothing": ("measures: [M01]", "measures: []"),
    "unknown document, no near name": ("[beijing-2018-jiexiang]", "[shanghai-2020]"),
    "tasks and a table": ("tasks:\n", "tasks_table: t.csv\ntasks:\n"),
}

# name → the task table's text (UTF-8 unless bytes)
TABLES: dict[str, str | bytes] = {
    "unknown column": ROWS.replace("牵头单位", "牵头部门", 1),
    "column twice": ROWS.replace("备注", "状态", 1),
    "missing column": ROWS.replace("编号,", "号码,", 1),
    "empty table": "",
    "bad milestone": ROWS.replace("2026-12-20 完成", "完成", 1),
    "GBK table": ROWS.replace("（", "(").replace("）", ")").encode("gbk"),
    "bad status in a table": ROWS.replace(",推进中,", ",进行中,", 1),
}


# Words a work plan's reader types as they are: its field names, and the file kinds.
_KEEP = {
    f.name
    for name in model.__all__
    if attrs.has(c := getattr(model, name))
    for f in attrs.fields(c)
} | {"tasks_table", "tasks_table_encoding", "Excel", "CSV"}


@pytest.fixture(autouse=True)
def _no_lang_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIEXIANG_LANG", raising=False)


def _assert_chinese(err: str, path: Path, located: bool = True) -> None:
    assert err.startswith("jiexiang：错误："), err
    assert "Traceback" not in err
    assert re.search(re.escape(str(path)) + (r":\d+" if located else ""), err), err
    for line in err.splitlines():
        left = english_left(line.replace(str(path), ""))
        assert [w for w in left if w not in _KEEP] == [], line


@pytest.mark.parametrize("case", [*BAD, *MORE])
def test_each_bad_work_plan_reads_in_chinese(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = MORE[case] if case in MORE else BAD[case][:2]
    text = DONGCHENG.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "plan.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["workplan", "check", str(bad), "--as-of", "2026-12-05"]) == 2
    _assert_chinese(capsys.readouterr().err, bad)


@pytest.mark.parametrize("case", sorted(TABLES))
def test_each_bad_task_table_reads_in_chinese(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = TABLES[case]
    table = tmp_path / "tasks.csv"
    table.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        TABLE.read_text(encoding="utf-8").replace(
            "tasks_table: dongcheng-2026-tasks.csv", "tasks_table: tasks.csv"
        ),
        encoding="utf-8",
    )
    assert main(["workplan", "check", str(plan), "--as-of", "2026-12-05"]) == 2
    # An empty table has no line to point at; every other problem has one.
    _assert_chinese(capsys.readouterr().err, table, located=case != "empty table")


def test_a_task_table_given_as_the_plan_says_how_to_use_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "tasks.csv"
    table.write_text(ROWS, encoding="utf-8")
    assert main(["workplan", "check", str(table)]) == 2
    err = capsys.readouterr().err
    assert "tasks_table" in err, err
    _assert_chinese(err, table, located=False)


@pytest.mark.parametrize("fmt", ["sarif", "junit", "json", "text"])
def test_a_bad_work_plan_still_gets_its_report_written(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # In CI the report is uploaded whatever the exit code: a file that cannot be read
    # must show in it, beside the findings of the files that could.
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: 方案\n", encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    argv = ["workplan", "check", str(bad), str(DONGCHENG), "--as-of", "2026-12-05"]
    assert main([*argv, "--format", fmt, "--output", str(out)]) == 2
    content = out.read_text(encoding="utf-8")
    assert str(bad) in content
    assert "WP00" in content  # the good plan's findings are there too
    assert "缺少必填字段 'issuer'" in capsys.readouterr().err
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers: [{rule: WP8}]\n", encoding="utf-8")
    extra = ["--waivers", str(waivers), "--format", fmt, "--output", str(out)]
    assert main(["workplan", "check", str(DONGCHENG), "--as-of", "2026-12-05", *extra]) == 2
    assert str(waivers) in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["workplan", "status", str(DONGCHENG), "--unit", "区委编辦"], "；是不是 '区委编办'？"),
        (["workplan", "status", str(DONGCHENG), "--unit", "某某局"], "；该方案的单位：区委编办、"),
        (["workplan", "status", str(DONGCHENG), "--unit", "O'Neil局"], '中没有 "O\'Neil局" 的任务'),
        (["workplan", "rollup", str(DONGCHENG), str(DONGCHENG)], "；每个区只给一份"),
        (
            ["catalog", "--workplan", str(DONGCHENG), "--format", "html"],
            "--workplan 只能与 --format text 或 json 一起使用",
        ),
    ],
)
def test_workplan_options_misused_read_in_chinese(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err, err
    if "--unit" in argv:
        assert f"{DONGCHENG} 中没有 {argv[-1]!r} 的任务" in err
    for line in err.splitlines():
        # Options and their values are typed as they are: --workplan, --format json.
        plain = re.sub(r"--\S+|\b(?:text|json)\b", "", line.replace(str(DONGCHENG), ""))
        assert [w for w in english_left(plain) if w not in _KEEP] == [], line


def test_a_waiver_rule_id_that_is_not_one_reads_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_text(
        "waivers:\n  - rule: WP8\n    target: x\n    reason: r\n    approved_by: a\n"
        "    expires: 2027-01-01\n",
        encoding="utf-8",
    )
    assert main(["workplan", "check", str(DONGCHENG), "--waivers", str(waivers)]) == 2
    err = capsys.readouterr().err
    assert "rule 必须是规则 ID，如 JX001 或 WP001（JX 或 WP 加三位数字），实际为 'WP8'" in err


def test_a_plan_with_a_task_table_is_one_junit_suite(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    out = tmp_path / "r.xml"
    argv = ["workplan", "check", str(TABLE), "--as-of", "2026-12-05", "--format", "junit"]
    assert main([*argv, "--output", str(out)]) == 1
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    (suite,) = root.iter("testsuite")
    assert suite.attrib["name"] == str(TABLE)
    names = [case.attrib["name"] for case in suite.iter("testcase")]
    assert len(names) == len(set(names)) == int(root.attrib["tests"])  # each rule once
    failed = [c for c in suite.iter("testcase") if c.find("failure") is not None]
    assert failed  # the findings located in the table are in the plan's suite
    assert "tasks.csv" in "".join(f.findtext("failure") or "" for f in failed)


def test_work_plan_rule_links_keep_their_anchor(tmp_path: Path) -> None:
    out = tmp_path / "r.sarif"
    argv = ["workplan", "check", str(DONGCHENG), "--as-of", "2026-12-05", "--format", "sarif"]
    main([*argv, "--output", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "workplan-format.md#wp0" in text
    assert "%23" not in text
    base = "https://docs.example.org/jiexiang"
    main([*argv, "--output", str(out), "--docs-base-url", base])
    assert f"{base}/workplan-format.md#wp0" in out.read_text(encoding="utf-8")
