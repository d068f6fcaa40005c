"""A run over several files and directories never loses its report.

An input error in one file is reported and the others are still checked; every
format (SARIF, JSON, JUnit, text) is written, also on input errors; the exit
code is the worst of 2 (input error), 1 (findings) and 0. Rule links are absolute.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from jiexiang_policy.cli import main
from jiexiang_policy.links import docs_dir, rule_url
from jiexiang_policy.run import check_files, find_setup_files
from test_reporters_sarif_junit import assert_valid_sarif

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "examples" / "dongcheng.yaml"  # passes every rule
GAPS = ROOT / "examples" / "with-gaps.yaml"  # has errors and warnings
BROKEN = "districts:\n  - name: [示例区\n"


@pytest.fixture
def setups(tmp_path: Path) -> Path:
    folder = tmp_path / "setups"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(GOOD, folder / "a.yaml")
    shutil.copy(GAPS, folder / "sub" / "b.yml")
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIEXIANG_LANG", raising=False)
    monkeypatch.delenv("JIEXIANG_DOCS_BASE_URL", raising=False)


def _run(tmp_path: Path, *argv: str) -> int:
    return main(["check", *argv, "--as-of", "2026-12-05", "--isolated"])


def test_directory_with_one_broken_and_two_good_files_gives_a_full_sarif_and_exit_2(
    tmp_path: Path, setups: Path
) -> None:
    out = tmp_path / "report.sarif"
    assert _run(tmp_path, str(setups), "--format", "sarif", "--output", str(out)) == 2
    log = assert_valid_sarif(out.read_text(encoding="utf-8"))
    (run,) = log["runs"]
    files = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert any(f.endswith("sub/b.yml") for f in files)  # the findings of the file with gaps
    assert any(f.endswith("broken.yaml") for f in files)  # the input error, as a result
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert [f.rsplit("/", 1)[-1] for f in invocation["properties"]["files"]] == ["a.yaml", "b.yml"]
    (error,) = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    physical = error["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"].endswith("broken.yaml")
    assert physical["region"]["startLine"] == 3
    assert "YAML 格式错误" in error["message"]["text"]


def test_a_text_report_on_screen_counts_the_files_it_could_not_check(
    tmp_path: Path, setups: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (setups / "sub" / "b.yml").unlink()  # left: one good file and one broken
    assert _run(tmp_path, str(setups)) == 2
    out, err = capsys.readouterr()
    assert out.rstrip().endswith("输入错误 1 处（见标准错误输出）：有错误的文件未检查"), out
    assert "broken.yaml" not in out  # the error itself is said once, on standard error
    assert err.count("broken.yaml:3") == 1, err
    report = tmp_path / "report.txt"
    assert _run(tmp_path, str(setups), "--output", str(report)) == 2
    written = report.read_text(encoding="utf-8")
    assert "broken.yaml:3" in written
    assert "输入错误 1 处：有错误的文件未检查" in written


def test_the_exit_code_is_the_worst(tmp_path: Path, setups: Path) -> None:
    assert _run(tmp_path, str(GOOD)) == 0
    assert _run(tmp_path, str(GAPS)) == 1
    assert _run(tmp_path, str(GOOD), str(setups / "broken.yaml")) == 2
    assert _run(tmp_path, str(GAPS), str(setups / "broken.yaml")) == 2


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "text"])
def test_every_format_is_written_on_input_errors(tmp_path: Path, setups: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    assert _run(tmp_path, str(setups), "--format", fmt, "--output", str(out)) == 2
    content = out.read_text(encoding="utf-8")
    assert "broken.yaml" in content
    if fmt == "json":
        report = json.loads(content)
        (error,) = report["errors"]
        assert error["location"]["line"] == 3
        assert error["message"]["zh"].startswith("YAML 格式错误")
        assert error["message"]["en"].startswith("invalid YAML")
        assert report["summary"]["errors"] >= 1  # the findings of the file with gaps
    elif fmt == "junit":
        root = ET.fromstring(content)
        errored = [c for c in root.iter("testcase") if c.find("error") is not None]
        assert len(errored) == 1
        assert root.attrib["errors"] == "1"
        assert int(root.attrib["failures"]) >= 1
    elif fmt == "sarif":
        assert_valid_sarif(content)


@pytest.mark.parametrize(
    "options",
    [
        ["--select", "JX999"],
        ["--baseline", "missing-baseline.yaml"],
        ["--waivers", "missing-waivers.yaml"],
        ["--severity", "JX001=loud"],
    ],
)
def test_a_problem_before_any_file_still_writes_the_report(
    tmp_path: Path, options: list[str]
) -> None:
    out = tmp_path / "report.sarif"
    assert _run(tmp_path, str(GOOD), *options, "--format", "sarif", "--output", str(out)) == 2
    log = assert_valid_sarif(out.read_text(encoding="utf-8"))
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False


def test_files_in_a_directory_that_are_not_setups_are_skipped_with_a_note(
    tmp_path: Path, setups: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (setups / "broken.yaml").unlink()
    shutil.copy(ROOT / "examples" / "waivers.yaml", setups / "waivers.yaml")
    (setups / ".hidden").mkdir()
    (setups / ".hidden" / "x.yaml").write_text("nonsense: [", encoding="utf-8")
    (setups / "ci.yml").write_text("jobs: {}\n", encoding="utf-8")
    (setups / "notes.txt").write_text("not even YAML", encoding="utf-8")
    out = tmp_path / "report.json"
    assert _run(tmp_path, str(setups), "--format", "json", "--output", str(out)) == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    notes = {Path(n["file"]).name: n["message"]["zh"] for n in report["notes"]}
    assert set(notes) == {"waivers.yaml", "ci.yml"}
    assert "--waivers" in notes["waivers.yaml"]
    assert "districts" in notes["ci.yml"]
    assert "已跳过" in capsys.readouterr().err


def test_a_named_file_is_always_checked_and_an_empty_directory_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "ci.yml"
    other.write_text("jobs: {}\n", encoding="utf-8")
    assert _run(tmp_path, str(other)) == 2  # named: a setup it must be
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run(tmp_path, str(empty)) == 2
    assert "目录中没有 .yaml、.yml 或 .json 文件" in capsys.readouterr().err


def test_find_setup_files_is_sorted_and_recursive(setups: Path) -> None:
    files, _notes, empty = find_setup_files([setups])
    assert [Path(f).relative_to(setups).as_posix() for f, _ in files] == [
        "a.yaml",
        "broken.yaml",
        "sub/b.yml",
    ]
    assert empty == []


def test_check_files_from_python(setups: Path) -> None:
    run = check_files([setups])
    assert len(run.errors) == 1
    assert run.exit_code() == 2
    assert {Path(f).name for f in run.report.files} == {"a.yaml", "b.yml"}


# --- absolute links ------------------------------------------------------------


def _links(content: str) -> list[str]:
    import re

    return re.findall(r"(?:file|https?)://[^\s\"')\]<>]+|docs/rules/JX\d+\.md", content)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_links_in_reports_are_absolute_and_exist(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    _run(tmp_path, str(GAPS), "--format", fmt, "--output", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    if fmt == "json":
        uris = [f["help_uri"] for f in data["findings"]]
    else:
        uris = [d["helpUri"] for d in data["runs"][0]["tool"]["driver"]["rules"] if "helpUri" in d]
    assert uris
    for uri in uris:
        assert uri.startswith("file:///"), uri
        assert Path(uri.removeprefix("file://")).is_file(), uri


@pytest.mark.parametrize("how", ["flag", "env", "config"])
def test_one_docs_base_url_decides_every_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    base = "https://docs.example.org/jiexiang"
    argv = ["check", str(GAPS), "--format", "sarif", "--as-of", "2026-12-05"]
    argv += ["--waivers", str(ROOT / "examples" / "waivers.yaml")]
    if how == "flag":
        argv += ["--docs-base-url", base + "/"]
    elif how == "env":
        monkeypatch.setenv("JIEXIANG_DOCS_BASE_URL", base)
    else:
        (tmp_path / "jiexiang.toml").write_text(f'docs-base-url = "{base}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "r.sarif"
    main([*argv, "--output", str(out)])
    rules = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"] == f"{base}/rules/{rules[0]['id']}.md"
    waiver = next(r for r in rules if r["id"] == "JX900")
    assert waiver["helpUri"] == f"{base}/waivers.md"


def test_explain_and_rules_link_to_the_shipped_pages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "JX001", "--isolated"]) == 0
    assert rule_url("JX001") in capsys.readouterr().out
    assert main(["rules", "--format", "json", "--isolated"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(r["help_uri"].startswith("file:///") for r in data)
    assert (docs_dir() / "rules" / "JX001.md").is_file()


def test_the_wheel_ships_the_rule_pages() -> None:
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["docs"] == "jiexiang_policy/docs"
    assert force["policies"] == "jiexiang_policy/policies"


def test_the_html_catalog_links_rules_absolutely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    out = tmp_path / "catalog.html"
    assert main(["catalog", "--format", "html", "--output", str(out), "--isolated"]) == 0
    hrefs = re.findall(r'href="([^"]*JX\d+\.md)"', out.read_text(encoding="utf-8"))
    assert hrefs
    assert all(
        h.startswith("file:///") and Path(h.removeprefix("file://")).is_file() for h in hrefs
    )
    base = "https://intranet.example/jx"
    argv = ["catalog", "--format", "html", "--docs-base-url", base, "--isolated"]
    assert main(argv) == 0
    hrefs = re.findall(r'href="([^"]*JX\d+\.md)"', capsys.readouterr().out)
    assert all(h.startswith(base + "/rules/") for h in hrefs)


def test_a_street_the_baseline_lacks_is_noted_not_passed_over_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GOOD.read_text(encoding="utf-8")
    renamed = tmp_path / "baseline.yaml"
    renamed.write_text(text.replace("东华门街道", "东华门街道办"), encoding="utf-8")
    same = tmp_path / "same.yaml"
    same.write_text(text, encoding="utf-8")
    out = tmp_path / "r.json"
    _run(tmp_path, str(GOOD), "--baseline", str(renamed), "--format", "json", "--output", str(out))
    (note,) = json.loads(out.read_text(encoding="utf-8"))["notes"]
    assert note["message"]["zh"].startswith(f"现状设置 {renamed} 中没有 东城区/东华门街道：")
    assert "JX007、JX012" in note["message"]["zh"]
    assert "东城区/东华门街道：与现状比较" in capsys.readouterr().err
    _run(tmp_path, str(GOOD), "--baseline", str(same), "--format", "json", "--output", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["notes"] == []


def test_the_baseline_note_speaks_only_of_rules_that_ran(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    renamed = tmp_path / "baseline.yaml"
    renamed.write_text(
        GOOD.read_text(encoding="utf-8").replace("东华门街道", "东华门街道办"), encoding="utf-8"
    )
    out = tmp_path / "r.json"
    for options in (
        ["--select", "JX001"],
        ["--severity", "JX007=off", "--severity", "JX012=off"],
    ):
        argv = [str(GOOD), "--baseline", str(renamed), *options, "--format", "json"]
        _run(tmp_path, *argv, "--output", str(out))
        assert json.loads(out.read_text(encoding="utf-8"))["notes"] == [], options
    argv = [str(GOOD), "--baseline", str(renamed), "--ignore", "JX012", "--format", "json"]
    _run(tmp_path, *argv, "--output", str(out))
    (note,) = json.loads(out.read_text(encoding="utf-8"))["notes"]
    assert "（JX007）" in note["message"]["zh"]
    capsys.readouterr()
