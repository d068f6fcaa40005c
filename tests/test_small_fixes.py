"""The small things a new user noticed (issue #14, point 5 and the edges of point 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jiexiang_policy.cli import main
from jiexiang_policy.ruleset import minimal_setup_text

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = minimal_setup_text()


@pytest.fixture(autouse=True)
def _zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIEXIANG_LANG", raising=False)


def _setup(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_served_street_gets_did_you_mean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _setup(tmp_path, MINIMAL.replace("serves: [示例街道]", "serves: [示例街道街道]"))
    assert main(["check", str(path)]) == 2
    assert "不是 示例区 的街道；是不是 '示例街道'？" in capsys.readouterr().err
    assert main(["check", str(path), "--lang", "en"]) == 2
    assert "did you mean '示例街道'?" in capsys.readouterr().err


def test_a_duplicate_points_at_both_definitions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MINIMAL.replace("- name: 第二街道", "- name: 示例街道")
    text = text.replace("serves: [第二街道]", "serves: [示例街道]")
    path = _setup(tmp_path, text)
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines, 1) if "- name: 示例街道" in line)
    second = next(i for i, line in enumerate(lines, 1) if i > first and "- name: 示例街道" in line)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{second}:" in err
    assert f"第一次定义在 {path}:{first}:" in err


@pytest.mark.parametrize("content", ["", "# no waivers yet\n", "waivers:\n", "waivers: []\n"])
def test_an_empty_waiver_file_is_an_empty_list(tmp_path: Path, content: str) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(content, encoding="utf-8")
    setup = ROOT / "examples" / "dongcheng.yaml"
    assert main(["check", str(setup), "--waivers", str(waivers), "--as-of", "2026-12-05"]) == 0


def test_waiver_reasons_are_in_the_reports_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["check", str(ROOT / "examples" / "with-gaps.yaml"), "--as-of", "2026-12-05"]
    argv += ["--waivers", str(ROOT / "examples" / "waivers.yaml")]
    main(argv)
    zh = capsys.readouterr().out
    assert "有效期至 2029-06-30" in zh
    assert "expires" not in zh
    main([*argv, "--lang", "en"])
    en = capsys.readouterr().out
    assert "expires 2029-06-30" in en
    assert "有效期至" not in en


def test_skip_reasons_in_json_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(ROOT / "examples" / "dongcheng.yaml"), "--format", "json"])
    skipped = json.loads(capsys.readouterr().out)["rules_skipped"]
    assert skipped[0]["reason"].startswith("需要 --baseline")
    assert skipped[0]["reasons"]["en"].startswith("needs a baseline")


def test_sarif_texts_are_in_one_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(ROOT / "examples" / "with-gaps.yaml"), "--format", "sarif"])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    rule = run["tool"]["driver"]["rules"][0]
    assert rule["shortDescription"]["text"] == rule["properties"]["title"]["zh"]
    assert " / " not in run["results"][0]["message"]["text"]


def test_jx012_shows_percentages_like_jx001(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = _setup(tmp_path, MINIMAL)
    now = tmp_path / "now.yaml"
    now.write_text(MINIMAL.replace("{district: 60, street: 240}", "{district: 150, street: 150}"))
    assert main(["check", str(now), "--baseline", str(baseline), "--select", "JX012"]) == 1
    out = capsys.readouterr().out
    assert "由 4/5（约 80.00%）" in out
    assert "降至 1/2（约 50.00%）" in out
    main(["check", str(now), "--baseline", str(baseline), "--select", "JX012", "--lang", "en"])
    assert "from 4/5 (about 80.00%) to 1/2 (about 50.00%)" in capsys.readouterr().out


def test_text_catalog_in_both_languages_is_refused_clearly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["catalog", "--format", "text", "--lang", "both"]) == 2
    assert "--lang both" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(ROOT / "examples" / "dongcheng.yaml"), "--lang", "both"])
    assert exit_.value.code == 2


def test_explain_and_rules_need_no_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # From anywhere (no docs/ or policies/ in the working folder): shipped data is used.
    monkeypatch.chdir(tmp_path)
    shutil.rmtree(tmp_path, ignore_errors=True)
    tmp_path.mkdir()
    assert main(["explain", "JX012", "--isolated"]) == 0
    assert main(["rules", "--isolated"]) == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_junit_texts_are_in_one_language(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    import xml.etree.ElementTree as ET

    main(["check", str(ROOT / "examples" / "with-gaps.yaml"), "--format", "junit", "--lang", lang])
    root = ET.fromstring(capsys.readouterr().out)
    failure = next(
        c.find("failure") for c in root.iter("testcase") if c.find("failure") is not None
    )
    assert failure is not None
    text = failure.attrib["message"] + (failure.text or "")
    assert " / " not in text
    assert ("依据" in text) == (lang == "zh")


_TERM_LISTS = [
    (
        "JX004",
        # The plan's three rights and the seven powers of the street-office 条例 Art. 11.
        "    street_rights: [提出意见建议权, 统筹协调和督办权, 考核评价权, facility-planning, "
        "major-matters-advice, joint-enforcement-command, dispatched-offices-lead, "
        "multi-department-coordination, sunk-resources, coordinator-management]\n",
        "street_rights",
    ),
    ("JX003", "      streets_assessed_by: [区委区政府]\n", "streets_assessed_by"),
    (
        "JX014",
        "          departments: [公安, 消防, 城管, 工商, 交通, 食品药品监管]\n",
        "departments",
    ),
]


@pytest.mark.parametrize(("rule", "line", "field"), _TERM_LISTS)
def test_term_lists_tell_a_missing_field_from_an_empty_one(
    plan: object, rule: str, line: str, field: str
) -> None:
    from jiexiang_policy import check, load_setup

    assert line in MINIMAL
    indent = line[: len(line) - len(line.lstrip())]
    missing = load_setup("m.yaml", text=MINIMAL.replace(line, "", 1))
    empty = load_setup("e.yaml", text=MINIMAL.replace(line, f"{indent}{field}: []\n", 1))

    def found(setup: object) -> list[tuple[str, str]]:
        report = check(setup, select=[rule])  # type: ignore[arg-type]
        return [(f.target, f.message_zh) for f in report.findings]

    (m_target, m_message), *_ = found(missing)
    (e_target, e_message), *_ = found(empty)
    assert m_target == e_target  # the same gap, so waivers and baselines still match
    assert "未填写" in m_message
    if rule != "JX003":  # JX003 lists who assesses: "（现为：未填写）" against "（现为：无）"
        assert f"{field}: []" in m_message  # says how to declare none
    assert "未填写" not in e_message
    assert m_message != e_message


def test_init_and_divisions_speak_one_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.yaml"
    out.write_text("x", encoding="utf-8")
    assert main(["init", "--district", "东城区", "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert "文件已存在，未覆盖（确需覆盖请加 --force）" in err
    assert "not overwritten" not in err
    assert main(["init", "--district", "东城区", "--output", str(out), "--lang", "en"]) == 2
    assert "the file exists; not overwritten" in capsys.readouterr().err
    assert main(["divisions", "--district", "东城"]) == 2
    err = capsys.readouterr().err
    assert "不是" in err
    assert "is not a district" not in err
