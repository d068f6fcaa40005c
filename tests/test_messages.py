"""Chinese first: every kind of bad input, usage error and help text reads in Chinese by
default and in English with --lang en (or JIEXIANG_LANG=en); file, line, column and path
are kept in both. Full-width values typed by Chinese input methods are read."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

from jiexiang_policy import load_setup, orgsetup, parse_fraction
from jiexiang_policy.cli import main
from jiexiang_policy.messages import CLI, lang_from_argv, translate
from jiexiang_policy.ruleset import minimal_setup_text
from test_bad_setup_input import CASES

MINIMAL = minimal_setup_text()

# Words that stay as typed in a Chinese message: formats, encodings, values and options.
_KEEP = {
    "YAML",
    "JSON",
    "utf-",
    "UTF-",
    "True",
    "False",
    "UTF",
    "GBK",
    "GB18030",
    "NUL",
    "YYYY",
    "MM",
    "DD",
    "BOM",
    "TOML",
    "true",
    "false",
    "null",
    "nan",
    "NaN",
    "inf",
    "Infinity",
    "encoding",
    "waivers",
    "FILE",
    "SETUP",
    "select",
    "ignore",
    "baseline",
    "jiexiang",
    "catalog",
    "check",
    "rules",
    "total",
    "points",
    "weight",
    "components",
    "schema_version",
    "districts",
    "gbk",
}
_FIELDS = {
    f.name
    for name in orgsetup.__all__
    if attrs.has(cls := getattr(orgsetup, name))
    for f in attrs.fields(cls)
}


def english_left(message: str) -> list[str]:
    """English words in a Chinese message, once quoted values, paths and names are set aside."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”|\[[^\]]*\]|`[^`]*`|\S*[/\\]\S*", " ", message)
    words = re.findall(r"[A-Za-z][A-Za-z_-]{2,}", text)
    return [w for w in words if w not in _KEEP and w not in _FIELDS and not w.startswith("JX")]


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_lang_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIEXIANG_LANG", raising=False)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_bad_input_reads_in_chinese_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    name, content, _words, line = CASES[case]
    path = _write(tmp_path, name, content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jiexiang：错误：")
    assert str(path) in err
    if line is not None:
        assert f"{path}:{line}" in err
    assert re.search(r"[\u4e00-\u9fff]", err.split(str(path), 1)[1]), err
    assert english_left(err.replace(str(path), "")) == [], err


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_bad_input_reads_in_english_with_lang_en(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    name, content, words, line = CASES[case]
    path = _write(tmp_path, name, content)
    assert main(["check", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jiexiang: error: ")
    assert words in err
    if line is not None:
        assert f"{path}:{line}" in err


def test_the_environment_variable_chooses_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIEXIANG_LANG", "en")
    assert main(["check", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "nope.yaml"), "--lang", "zh"]) == 2
    assert "文件不存在" in capsys.readouterr().err  # the flag wins over the variable


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        (["check"], "缺少以下参数：SETUP", "the following arguments are required: SETUP"),
        (["check", "x.yaml", "--format", "pdf"], "无效的选择：'pdf'", "invalid choice: 'pdf'"),
        (["nonsense"], "无效的选择：'nonsense'", "invalid choice: 'nonsense'"),
        (
            ["check", "x.yaml", "--bogus"],
            "无法识别的参数：--bogus",
            "unrecognized arguments: --bogus",
        ),
        (["check", "x.yaml", "--as-of", "2026-02-30"], "没有这一天", "there is no such day"),
        (["check", "x.yaml", "--as-of", "1/1/2026"], "YYYY-MM-DD", "write YYYY-MM-DD"),
    ],
)
def test_usage_errors_in_both_languages(
    capsys: pytest.CaptureFixture[str], argv: list[str], zh: str, en: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert zh in err
    assert "用法：" in err
    with pytest.raises(SystemExit):
        main([*argv, "--lang", "en"])
    err = capsys.readouterr().err
    assert en in err
    assert "usage: " in err


@pytest.mark.parametrize(
    "command", [[], ["check"], ["catalog"], ["rules"], ["explain"], ["config"]]
)
def test_help_is_chinese_by_default_and_english_on_request(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    zh = capsys.readouterr().out
    assert zh.startswith("用法：")
    assert "显示此帮助并退出" in zh
    assert "show this help" not in zh
    with pytest.raises(SystemExit):
        main([*command, "--help", "--lang", "en"])
    en = capsys.readouterr().out
    assert en.startswith("usage: ")
    assert "show this help message and exit" in en
    # Only the plan's own name and the Chinese names of things (街乡镇) stay Chinese.
    assert not re.search(
        r"[\u4e00-\u9fff]", en.replace("街乡吹哨、部门报到", "").replace("街乡镇", "")
    )


def test_every_cli_message_exists_in_both_languages() -> None:
    for key, (zh, en) in CLI.items():
        assert zh, key
        assert en, key
        assert re.search(r"[\u4e00-\u9fff]", zh), key


def test_language_is_read_before_parsing() -> None:
    assert lang_from_argv(["check", "--lang", "en"]) == "en"
    assert lang_from_argv(["--lang=en", "rules"]) == "en"
    assert lang_from_argv(["rules"], "en") == "en"
    assert lang_from_argv(["catalog", "--lang", "both"]) == "zh"


# --- full-width values ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("１/３", Fraction(1, 3)),
        ("1／3", Fraction(1, 3)),
        ("１／３", Fraction(1, 3)),
        ("33.4％", Fraction(334, 1000)),
        ("３３．４％", Fraction(334, 1000)),
        ("０.３４", Fraction(34, 100)),
        ("1/3\u3000", Fraction(1, 3)),
    ],
)
def test_full_width_weights_mean_what_they_say(typed: str, value: Fraction) -> None:
    assert parse_fraction(typed) == value
    text = MINIMAL.replace("weight: 1/3}", f"weight: '{typed}'}}").replace(
        "weight: 2/3}", "weight: 0}"
    )
    setup = load_setup("s.yaml", text=text)
    assert setup.districts[0].assessment is not None
    dept = setup.districts[0].assessment.departments[0]
    assert dept.components[0].weight == value


@pytest.mark.parametrize(
    ("typed", "zh", "en"),
    [
        ("１：３", "（按 '1:3' 读取）", "(read as '1:3')"),
        ("1:3", "用冒号写的比例既可理解为 1/3 也可理解为 1/4", "could mean 1/3 or 1/4"),
        ("三分之一", "请写 1/3、33.4% 或 0.34", "write 1/3, 33.4% or 0.34"),
        ("１５０％", "必须在 0 到 1 之间，即 0% 到 100%（实际为 3/2 = 150%）", "(got 3/2 = 150%)"),
    ],
)
def test_refused_weights_say_what_was_read_and_what_to_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, zh: str, en: str
) -> None:
    path = _write(tmp_path, "s.yaml", MINIMAL.replace("weight: 1/3}", f"weight: '{typed}'}}"))
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert zh in err, err
    assert english_left(err.replace(str(path), "")) == [], err
    assert main(["check", str(path), "--lang", "en"]) == 2
    assert en in capsys.readouterr().err


def test_full_width_dates_are_read() -> None:
    setup = load_setup(
        "s.yaml",
        text=MINIMAL.replace(
            "schema_version: 1", "schema_version: 1\nas_of: '２０２６－１２－０５'"
        ),
    )
    assert str(setup.as_of) == "2026-12-05"


def test_translate_keeps_values_and_english_is_unchanged() -> None:
    message = "unknown field 'autonomus_funds'; did you mean 'autonomous_funds'?"
    assert translate(message, "en") == message
    assert translate(message, "zh") == "未知字段 'autonomus_funds'；是不是 'autonomous_funds'？"


def test_leftover_english_after_a_general_pattern_is_translated_too() -> None:
    from jiexiang_policy.messages import translate

    setting = translate("unknown setting 'severity'; did you mean 'severities'?")
    assert setting == "未知配置项 'severity'；是不是 'severities'？"
    yaml_error = translate(
        "invalid YAML: while parsing a block collection did not find expected '-' indicator"
    )
    assert "indicator" not in yaml_error
    assert "缩进" in yaml_error


@pytest.mark.parametrize(
    "command", [["check"], ["workplan", "check"], ["workplan", "status"], ["init"], ["divisions"]]
)
def test_every_option_is_explained_in_the_help(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    out = capsys.readouterr().out
    options = out.split("选项:", 1)[1]
    # An option line without words after it is an option the reader is left to guess.
    lines = options.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("  -") and "  " not in line.strip():
            following = lines[i + 1] if i + 1 < len(lines) else ""
            assert following.startswith(" " * 10), line
            assert following.strip(), line
