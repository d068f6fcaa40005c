"""The configuration file: found like ruff finds its own, printed by `jiexiang config`,
overridden by flags. Also shell completion and the JSON forms of `rules` and `explain`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from jiexiang_policy.cli import main
from jiexiang_policy.config import find_config, load_config
from jiexiang_policy.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
GAPS = ROOT / "examples" / "with-gaps.yaml"  # 1 error (JX001), 2 warnings (JX018)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIEXIANG_LANG", raising=False)
    monkeypatch.delenv("JIEXIANG_DOCS_BASE_URL", raising=False)


def test_discovery_walks_up_and_prefers_jiexiang_toml_in_one_folder(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) is None or not str(find_config(deep)).startswith(str(tmp_path))
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text(
        '[tool.jiexiang]\nlang = "en"\n', encoding="utf-8"
    )
    assert find_config(deep) == (tmp_path / "a" / "pyproject.toml").resolve()
    (tmp_path / "a" / "jiexiang.toml").write_text('lang = "zh"\n', encoding="utf-8")
    assert find_config(deep) == (tmp_path / "a" / "jiexiang.toml").resolve()
    (deep / ".jiexiang.toml").write_text("", encoding="utf-8")
    assert find_config(deep) == (deep / ".jiexiang.toml").resolve()


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "jiexiang.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(inner) == (tmp_path / "jiexiang.toml").resolve()


def test_settings_are_checked_with_line_and_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "jiexiang.toml"
    path.write_text('lang = "zh"\nfail_on = "warning"\nseverities = { JX001 = "loud" }\n')
    with pytest.raises(InputError) as err:
        load_config(path)
    text = str(err.value)
    assert f"{path}:2" in text
    assert "did you mean 'fail-on'" in text
    assert "unknown severity 'loud' for JX001" in text


def test_paths_in_the_config_are_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "jiexiang.toml").write_text('baseline = "setups/current.yaml"\n')
    config = load_config(tmp_path / "jiexiang.toml")
    assert config.get("baseline") == str(tmp_path / "setups" / "current.yaml")


def _project(tmp_path: Path, settings: str) -> Path:
    shutil.copy(GAPS, tmp_path / "setup.yaml")
    (tmp_path / "pyproject.toml").write_text(f"[tool.jiexiang]\n{settings}", encoding="utf-8")
    return tmp_path


def test_config_file_applies_and_flags_override_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(tmp_path, 'ignore = ["JX001"]\nfail-on = "warning"\nlang = "en"\nas-of = 2026-12-05\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "setup.yaml"]) == 1  # JX001 ignored, but warnings fail
    out = capsys.readouterr().out
    assert "JX001" not in out
    assert "warning(s)" in out  # lang = "en" from the file
    assert "as of 2026-12-05" in out
    assert main(["check", "setup.yaml", "--fail-on", "error"]) == 0  # the flag wins
    assert main(["check", "setup.yaml", "--ignore", "JX018"]) == 1  # JX001 back: flag replaces
    assert "JX001" in capsys.readouterr().out
    assert main(["check", "setup.yaml", "--lang", "zh"]) == 1
    assert "警告" in capsys.readouterr().out
    assert main(["check", "setup.yaml", "--isolated"]) == 1
    assert "错误 1 项" in capsys.readouterr().out  # no config: defaults (zh, all rules)


def test_severities_from_config_and_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(tmp_path, 'severities = { JX001 = "warning", JX018 = "off" }\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "setup.yaml", "--format", "json"]) == 0  # the only error downgraded
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule_id"], f["severity"]) for f in findings] == [("JX001", "warning")]
    assert main(["check", "setup.yaml", "--severity", "JX001=error", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule_id"], f["severity"]) for f in findings] == [("JX001", "error")]


def test_levels_may_be_written_in_the_words_reports_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A reader who sees 错误/警告/提示 in reports writes the same words back.
    _project(tmp_path, 'severities = { JX001 = "警告", JX018 = "关闭" }\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "setup.yaml", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule_id"], f["severity"]) for f in findings] == [("JX001", "warning")]
    assert main(["check", "setup.yaml", "--fail-on", "警告"]) == 1
    capsys.readouterr()
    assert main(["check", "setup.yaml", "--severity", "JX001=提示", "--fail-on", "警告"]) == 0


def test_jiexiang_config_shows_values_and_their_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(tmp_path, 'fail-on = "warning"\nselect = ["JX0"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert str((tmp_path / "pyproject.toml").resolve()) in out
    assert "来自配置文件" in out
    monkeypatch.setenv("JIEXIANG_DOCS_BASE_URL", "https://x.example/docs")
    assert main(["config", "--format", "json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["fail-on"] == {"value": "warning", "source": "config"}
    assert data["settings"]["lang"] == {"value": "en", "source": "flag"}
    assert data["settings"]["docs-base-url"]["source"] == "env"
    assert data["settings"]["as-of"] == {"value": None, "source": "default"}


@pytest.mark.parametrize(
    ("config", "env", "argv", "expected"),
    [
        ("", None, [], {"value": "zh", "source": "default"}),
        ('lang = "en"\n', None, [], {"value": "en", "source": "config"}),
        ('lang = "en"\n', "zh", [], {"value": "zh", "source": "env"}),
        ('lang = "en"\n', "zh", ["--lang", "en"], {"value": "en", "source": "flag"}),
    ],
)
def test_the_language_is_credited_to_where_it_was_chosen(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    config: str,
    env: str | None,
    argv: list[str],
    expected: dict[str, str],
) -> None:
    (tmp_path / "jiexiang.toml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    if env is None:
        monkeypatch.delenv("JIEXIANG_LANG", raising=False)
    else:
        monkeypatch.setenv("JIEXIANG_LANG", env)
    assert main(["config", "--format", "json", *argv]) == 0
    assert json.loads(capsys.readouterr().out)["settings"]["lang"] == expected


def test_the_config_language_applies_to_help(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "jiexiang.toml").write_text('lang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert capsys.readouterr().out.startswith("usage: ")


def test_a_broken_config_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "jiexiang.toml").write_text("lang = \n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["rules"]) == 2
    assert "TOML 格式错误" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("setting", "zh", "en"),
    [
        (
            'fail-on = "warnings"',
            "fail-on 的值不对：应为以下之一：错误、警告、提示、从不（或 error、warning、note、never）",
            "fail-on must be one of error, warning, note, never",
        ),
        ('lang = "fr"', "lang 的值不对：应为以下之一：zh, en", "lang must be one of zh, en"),
        ("as-of = 5", "as-of 的值不对：应为日期（YYYY-MM-DD）", "as-of must be a date"),
        ("select = 5", "select 的值不对：应为文字列表", "select must be a list of text"),
        ("severities = 5", "severities 的值不对：应为表", "severities must be a table"),
    ],
)
def test_a_wrong_setting_is_named_in_the_reader_s_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    setting: str,
    zh: str,
    en: str,
) -> None:
    (tmp_path / "jiexiang.toml").write_text(setting + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JIEXIANG_LANG", raising=False)
    assert main(["rules"]) == 2
    err = capsys.readouterr().err
    assert f"jiexiang.toml:1 [/{setting.split()[0]}]: {zh}" in err, err
    assert main(["--lang", "en", "rules"]) == 2
    assert en in capsys.readouterr().err


# --- rules and explain for tools ------------------------------------------------


def test_rules_and_explain_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json", "--isolated"]) == 0
    rules = json.loads(capsys.readouterr().out)
    ids = [r["id"] for r in rules]
    assert ids[0] == "JX001"
    assert "JX900" in ids
    assert main(["explain", "jx001", "--format", "json", "--isolated"]) == 0
    rule = json.loads(capsys.readouterr().out)
    assert rule == rules[0]
    assert {"title", "rationale", "quote", "example", "help_uri"} <= set(rule)


def test_explain_honours_policy_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policies = tmp_path / "policies"
    shutil.copytree(ROOT / "policies" / "plan-2018", policies)
    (policies / "plan.yaml").write_text("not: [valid", encoding="utf-8")
    assert main(["explain", "JX001", "--policy-dir", str(policies), "--isolated"]) == 2
    assert "plan.yaml" in capsys.readouterr().err


# --- shell completion -----------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_names_commands_and_options(
    shell: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for word in ("check", "explain", "--format", "--fail-on", "sarif", "JX001", "--lang"):
        assert word in script
    if shutil.which("bash"):
        path = tmp_path / "jiexiang.bash"
        path.write_text(script.removeprefix("#compdef jiexiang\n"), encoding="utf-8")
        if shell == "bash":
            assert subprocess.run(["bash", "-n", str(path)], check=False).returncode == 0
            probe = (
                f"source {path}; COMP_WORDS=(jiexiang check --for); COMP_CWORD=2; _jiexiang; "
                'echo "${COMPREPLY[@]}"'
            )
            done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
            assert done.stdout.split() == ["--format"]
