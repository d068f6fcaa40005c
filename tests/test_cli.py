"""The ``jiexiang`` command, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jiexiang_policy import __version__, load_plan, rules
from jiexiang_policy.cli import main
from jiexiang_policy.ruleset import minimal_setup_text


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English (JIEXIANG_LANG=en): these tests pin the English wording."""
    monkeypatch.setenv("JIEXIANG_LANG", "en")


ROOT = Path(__file__).resolve().parents[1]
DONGCHENG = ROOT / "examples" / "dongcheng.yaml"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiexiang_policy", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"jiexiang {__version__}"


def test_catalog_json_from_another_folder(tmp_path: Path) -> None:
    done = _run("catalog", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [len(data[k]) for k in ("categories", "headings", "measures", "provisions")] == [
        3,
        9,
        14,
        16,
    ]
    assert data["schema_version"] == 1


def test_catalog_text_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog"]) == 0
    zh = capsys.readouterr().out
    for words in ("确保“吹哨”有依据", "原文未说明", "2020年前（力争）"):
        assert words in zh
    assert main(["catalog", "--lang", "en"]) == 0
    en = capsys.readouterr().out
    for words in ("not stated in source", "before 2020 (strive to)"):
        assert words in en
    assert "(translation)" in en


def test_check_dongcheng_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DONGCHENG)]) == 0
    assert "错误 0 项" in capsys.readouterr().out


def test_check_exit_codes_and_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warn = tmp_path / "warn.yaml"  # a 街道 lane without a proper chief: 推行 → warning
    warn.write_text(
        minimal_setup_text().replace("chief_rank: 处级}", "chief_rank: 其他}", 1),
        encoding="utf-8",
    )
    note = tmp_path / "note.yaml"  # the same in a 镇: 逐步…探索 → note
    note.write_text(
        minimal_setup_text()
        .replace("kind: 街道", "kind: 镇", 1)
        .replace("chief_rank: 处级}", "chief_rank: 其他}", 1),
        encoding="utf-8",
    )
    assert main(["check", str(note), "--fail-on", "warning"]) == 0
    assert main(["check", str(note), "--fail-on", "note"]) == 1
    error = tmp_path / "error.yaml"
    error.write_text(
        minimal_setup_text().replace("physical: true", "physical: false", 1), encoding="utf-8"
    )
    assert main(["check", str(warn)]) == 0
    assert main(["check", str(warn), "--fail-on", "warning"]) == 1
    assert main(["check", str(error)]) == 1
    assert main(["check", str(error), "--fail-on", "never"]) == 0
    assert main(["check", str(error), "--ignore", "JX013"]) == 0
    out = capsys.readouterr().out
    line = next(
        i for i, t in enumerate(error.read_text().splitlines(), 1) if "physical: false" in t
    )
    assert f"{error}:{line}:21 JX013 错误" in out  # Chinese first, the rule ID as is
    assert "依据 《实施方案（2018）》P-2.1.2.a：“在街道乡镇普遍建立实体化综合执法中心”" in out
    assert main(["check", str(error), "--lang", "en"]) == 1
    assert f"{error}:{line}:21 JX013 error" in capsys.readouterr().out


def test_check_json_report_to_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert (
        main(
            [
                "check",
                str(DONGCHENG),
                "--format",
                "json",
                "--output",
                str(out),
                "--as-of",
                "2026-11-28",
            ]
        )
        == 0
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["schema_version"] == 1
    assert report["as_of"] == "2026-11-28"
    assert report["findings"] == []


@pytest.mark.usefixtures("english")
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DONGCHENG), "--select", "JX999"]) == 2
    assert "unknown rule 'JX999'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(DONGCHENG), "--as-of", "tomorrow"])
    assert exit_.value.code == 2
    assert main([]) == 2


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--ignore", "JX"], "leaves no rule to run"),
        (["--select", "JX001", "--ignore", "jx001"], "leaves no rule to run"),
        (["--encoding", "nonsense"], "unknown encoding 'nonsense'"),
    ],
)
@pytest.mark.usefixtures("english")
def test_options_that_would_check_nothing_or_crash_exit_2(
    capsys: pytest.CaptureFixture[str], options: list[str], words: str
) -> None:
    assert main(["check", str(DONGCHENG), *options]) == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err


@pytest.mark.parametrize("day", ["20290101", "2029-W01-1", "1/1/2029", "1.1.2029"])
@pytest.mark.usefixtures("english")
def test_as_of_takes_only_year_first_dates(capsys: pytest.CaptureFixture[str], day: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(DONGCHENG), "--as-of", day])
    assert exit_.value.code == 2
    assert "write YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.usefixtures("english")
def test_as_of_a_day_that_does_not_exist_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(DONGCHENG), "--as-of", "2026-02-30"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "no such day" in err
    assert "YYYY-MM-DD" not in err


@pytest.mark.usefixtures("english")
def test_a_district_missing_from_the_baseline_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = tmp_path / "setup.yaml"
    setup.write_text(minimal_setup_text(), encoding="utf-8")
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text(
        minimal_setup_text().replace("name: 示例区", "name: 示例 区"), encoding="utf-8"
    )
    assert main(["check", str(setup), "--baseline", str(baseline)]) == 2
    err = capsys.readouterr().err
    assert "[/districts/0/name]" in err
    assert "did you mean '示例 区'" in err
    baseline.write_text(minimal_setup_text(), encoding="utf-8")
    assert main(["check", str(setup), "--baseline", str(baseline)]) == 0


def test_encoding_applies_to_setups_not_to_waivers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    text = minimal_setup_text().replace("physical: true", "physical: false", 1)
    bad.write_bytes(text.replace("“", '"').replace("”", '"').encode("gbk"))
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - rule: JX013\n    target: 示例区/示例街道\n    reason: 场地建设中\n"
        "    approved_by: 区委编办\n    expires: 2026-12-31\n",
        encoding="utf-8",
    )
    args = ["check", str(bad), "--encoding", "gbk", "--waivers", str(waivers)]
    assert main([*args, "--as-of", "2026-12-01", "--format", "json"]) == 0
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert finding["status"] == "waived"


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listing] == [r.id for r in rules()] + ["JX900", "JX901"]
    assert [line.split()[1] for line in listing][: len(rules())] == [
        r.default_severity(load_plan()).label("zh") for r in rules()
    ]
    assert {line.split()[1] for line in listing} <= {"错误", "警告", "提示"}
    assert main(["rules", "--lang", "en"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert {line.split()[1] for line in listing} <= {"error", "warning", "note"}
    assert main(["explain", "jx001"]) == 0
    text = capsys.readouterr().out
    assert "所占比例应不少于被考核部门绩效的三分之一" in text
    assert "33.33%" in text
    assert main(["explain", "JX999"]) == 2


def test_cli_offers_every_report_format() -> None:
    from jiexiang_policy import cli, reporters

    assert cli.FORMATS == reporters.FORMATS


@pytest.mark.parametrize("fmt", ["sarif", "junit"])
def test_check_machine_formats(tmp_path: Path, fmt: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        minimal_setup_text().replace("physical: true", "physical: false", 1), encoding="utf-8"
    )
    out = tmp_path / f"report.{fmt}"
    assert main(["check", str(bad), "--format", fmt, "--output", str(out)]) == 1
    text = out.read_text(encoding="utf-8")
    assert "JX013" in text
    if fmt == "sarif":
        (result,) = json.loads(text)["runs"][0]["results"]
        assert result["ruleId"] == "JX013"
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] > 0


def test_waivers_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        minimal_setup_text().replace("physical: true", "physical: false", 1), encoding="utf-8"
    )
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - rule: JX013\n    target: 示例区/示例街道\n    reason: 场地建设中\n"
        "    approved_by: 区委编办\n    expires: 2026-12-31\n",
        encoding="utf-8",
    )
    args = ["check", str(bad), "--waivers", str(waivers), "--format", "json"]
    assert main([*args, "--as-of", "2026-12-31"]) == 0
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert finding["status"] == "waived"
    assert main([*args, "--as-of", "2027-01-01"]) == 1
    rules_found = sorted(f["rule_id"] for f in json.loads(capsys.readouterr().out)["findings"])
    assert rules_found == ["JX013", "JX900"]
    assert main([*args, "--as-of", "2026-12-31", "--no-waivers"]) == 1
    capsys.readouterr()
    text_args = ["check", str(bad), "--waivers", str(waivers)]
    assert main([*text_args, "--as-of", "2026-12-31"]) == 0
    assert "JX013 错误 [已豁免]" in capsys.readouterr().out
    assert main([*text_args, "--as-of", "2027-01-01"]) == 1
    out = capsys.readouterr().out
    assert "JX900 错误" in out
    assert "“”" not in out  # the waiver checks cite no clause: no empty quote line


def test_output_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    import os

    out = tmp_path / "catalog.json"
    assert main(["catalog", "--format", "json", "--output", str(out)]) == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.usefixtures("english")
def test_catalog_check_outside_a_checkout_says_where_to_run_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["catalog", "--check"]) == 2
    assert "from the repository root" in capsys.readouterr().err
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "catalog.zh.md").write_text("old\n", encoding="utf-8")
    assert main(["catalog", "--check"]) == 1
    err = capsys.readouterr().err
    assert "docs/catalog.zh.md: differs from the generated version" in err
    assert "docs/catalog.en.md: is missing" in err


@pytest.mark.parametrize(("rule_id", "words"), [("jx900", "expired-waiver"), ("JX901", "unused")])
def test_explain_knows_the_waiver_checks(
    capsys: pytest.CaptureFixture[str], rule_id: str, words: str
) -> None:
    assert main(["explain", rule_id]) == 0
    out = capsys.readouterr().out
    assert words in out
    assert "docs/waivers.md" in out


def test_explain_a_rule_of_the_general_part(capsys: pytest.CaptureFixture[str]) -> None:
    general = next(r for r in rules() if r.provision_id is None)
    assert main(["explain", general.id]) == 0
    out = capsys.readouterr().out
    assert "[总体考虑]" in out
    assert "[- / -]" not in out


@pytest.mark.parametrize("fault", [RuntimeError("boom"), KeyError("street")])
@pytest.mark.usefixtures("english")
def test_a_bug_says_internal_error_not_a_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fault: Exception,
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise fault

    monkeypatch.setattr("jiexiang_policy.checker.check", broken)
    monkeypatch.delenv("JIEXIANG_TRACEBACK", raising=False)
    out = tmp_path / "report.json"
    code = main(["check", str(DONGCHENG), "--format", "json", "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 3
    assert f"internal error: {type(fault).__name__}" in err
    assert "JIEXIANG_TRACEBACK=1" in err
    assert "Traceback" not in err
    assert not out.exists()

    monkeypatch.setenv("JIEXIANG_TRACEBACK", "1")
    with pytest.raises(type(fault)):
        main(["check", str(DONGCHENG)])


@pytest.mark.usefixtures("english")
def test_interrupt_exits_130_without_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("jiexiang_policy.checker.check", interrupted)
    out = tmp_path / "report.sarif"
    code = main(["check", str(DONGCHENG), "--format", "sarif", "--output", str(out)])
    assert code == 130
    assert "interrupted" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.usefixtures("english")
def test_a_waiver_file_among_the_setups_is_named_as_such(
    capsys: pytest.CaptureFixture[str],
) -> None:
    waivers = ROOT / "examples" / "waivers.yaml"
    assert main(["check", str(DONGCHENG), str(waivers)]) == 2
    err = capsys.readouterr().err
    assert f"{waivers}:" in err
    assert "[/waivers]: this is a waiver file, not a setup: pass it with --waivers" in err

    assert main(["check", str(DONGCHENG), "--waivers", str(DONGCHENG)]) == 2
    assert "this is a setup, not a waiver file" in capsys.readouterr().err


def test_rules_name_the_regulations_clauses_and_line_up_on_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import unicodedata

    def columns(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    assert main(["rules"]) == 0
    listing = capsys.readouterr().out.splitlines()
    jx030 = next(line for line in listing if line.startswith("JX030"))
    assert "《街道办事处条例》第五条第一款" in jx030
    assert "street-office-2019:" not in "\n".join(listing)
    # The title starts in the same terminal column on every line, Chinese or not.
    titles = {
        columns(line[: line.index(rule.title.zh)])
        for line, rule in zip(listing, rules(), strict=False)
    }
    assert len(titles) == 1
    assert main(["explain", "JX031"]) == 0
    assert "依据: [《街道办事处条例》第十一条第一款]" in capsys.readouterr().out
