"""Every policy fact a rule uses comes from the policy folder: change it there, and both
the check and its message change; take it away, and the run stops with a policy-file error."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from jiexiang_policy import check, default_policy_dir, load_plan, load_setup
from jiexiang_policy.cli import main
from jiexiang_policy.errors import PolicyFileError
from jiexiang_policy.ruleset import minimal_setup_text


def _policy_copy(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "policies"
    shutil.copytree(default_policy_dir(), folder)
    path = folder / "parameters.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_the_floor_comes_from_the_policy_folder(tmp_path: Path) -> None:
    setup = load_setup("s.yaml", text=minimal_setup_text())  # streets give exactly 1/3
    assert check(setup, load_plan()).findings == ()
    stricter = load_plan(_policy_copy(tmp_path, 'fraction: "1/3"', 'fraction: "2/5"'))
    (finding,) = check(setup, stricter).findings
    assert finding.rule_id == "JX001"
    assert "2/5" in finding.message_zh
    assert "2/5" in finding.message_en
    assert "1/3" in finding.message_zh  # what the setup gives


@pytest.mark.parametrize(
    ("parameter_line", "replacement", "setup_old", "setup_new", "rule", "word"),
    [
        # The lane-chief ranks: with 处级 alone, a 科级 chief is a finding naming 处级 only.
        (
            "      - {id: section, zh: 科级, en: Section level}\n",
            "",
            "chief_rank: 科级",
            "chief_rank: 科级",
            "JX018",
            "处级干部担任",
        ),
        # The setting basis of sunk offices.
        (
            "- {id: by-division, zh: 区划, en: By administrative division}",
            "- {id: by-region, zh: 区域, en: By region}",
            "basis: 区划",
            "basis: 区划",
            "JX011",
            "区域",
        ),
    ],
)
def test_terms_come_from_the_policy_folder(
    tmp_path: Path,
    parameter_line: str,
    replacement: str,
    setup_old: str,
    setup_new: str,
    rule: str,
    word: str,
) -> None:
    setup = load_setup("s.yaml", text=minimal_setup_text().replace(setup_old, setup_new))
    assert [f.rule_id for f in check(setup, load_plan()).findings] == []
    plan = load_plan(_policy_copy(tmp_path, parameter_line, replacement))
    found = [f for f in check(setup, plan).findings if f.rule_id == rule]
    assert found, rule
    assert all(word in f.message_zh for f in found)


def test_the_departments_come_from_the_policy_folder(tmp_path: Path) -> None:
    # Without 食品药品监管 in the list, a center without it passes; with it, the finding names it.
    text = minimal_setup_text().replace(
        "departments: [公安, 消防, 城管, 工商, 交通, 食品药品监管]",
        "departments: [公安, 消防, 城管, 工商, 交通]",
    )
    setup = load_setup("s.yaml", text=text)
    found = [f for f in check(setup, load_plan()).findings if f.rule_id == "JX014"]
    assert found
    assert all("食品药品监管" in f.message_zh for f in found)
    line = "      - {id: food-drug, zh: 食品药品监管, en: Food and drug supervision}\n"
    plan = load_plan(_policy_copy(tmp_path, line, ""))
    assert [f for f in check(setup, plan).findings if f.rule_id == "JX014"] == []


def test_the_committee_levels_come_from_the_policy_folder(tmp_path: Path) -> None:
    # Swap the chairing levels: now a street's committee should be chaired from the street.
    old = "      - {id: district, zh: 区, en: District}\n      - {id: street, zh: 街道, en: Street}"
    new = "      - {id: street, zh: 街道, en: Street}\n      - {id: district, zh: 区, en: District}"
    setup = load_setup("s.yaml", text=minimal_setup_text())
    plan = load_plan(_policy_copy(tmp_path, old, new))
    messages = [f.message_zh for f in check(setup, plan).findings if f.rule_id == "JX017"]
    assert messages
    assert any("未由街道级党员领导干部担任" in m for m in messages)


def test_a_missing_parameter_is_a_policy_file_error(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    shutil.copytree(default_policy_dir(), folder)
    path = folder / "parameters.yaml"
    text = path.read_text(encoding="utf-8")
    # Drop the whole lane-chief-ranks entry.
    text = re.sub(r"  - id: lane-chief-ranks\n(?:    .*\n|      .*\n)+", "", text)
    path.write_text(text, encoding="utf-8")
    plan = load_plan(folder)
    setup = load_setup("s.yaml", text=minimal_setup_text())
    with pytest.raises(PolicyFileError, match="lane-chief-ranks") as caught:
        check(setup, plan)
    assert str(folder) in str(caught.value)


def test_a_missing_parameter_exits_2_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "policies"
    shutil.copytree(default_policy_dir(), folder)
    path = folder / "parameters.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"  - id: networks\n(?:    .*\n|      .*\n)+", "", text)
    path.write_text(text, encoding="utf-8")
    setup = tmp_path / "s.yaml"
    setup.write_text(minimal_setup_text(), encoding="utf-8")
    assert main(["--policy-dir", str(folder), "check", str(setup)]) == 2
    err = capsys.readouterr().err
    assert "networks" in err
    assert "Traceback" not in err
