"""Bad setup files end with exit code 2 and one located message, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from jiexiang_policy import load_setup
from jiexiang_policy.cli import main
from jiexiang_policy.orgsetup import Lane, Rank
from jiexiang_policy.ruleset import minimal_setup_text

MINIMAL = minimal_setup_text()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    # The English wording is what these tests pin; test_messages.py checks every one
    # of these cases again in Chinese, the default.
    monkeypatch.setenv("JIEXIANG_LANG", "en")


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(lines) + "\n"


def _minimal_json() -> str:
    return json.dumps(yaml.safe_load(MINIMAL), ensure_ascii=False, indent=1)


# name: (file name, content, words expected in the message, line expected or None)
CASES: dict[str, tuple[str, str | bytes, str, int | None]] = {
    "invalid YAML": ("s.yaml", "districts:\n  - name: [x\n", "invalid YAML", 3),
    "invalid JSON": ("s.json", '{"districts": [}', "invalid JSON", 1),
    "duplicate key": (
        "s.yaml",
        "districts:\n  - name: a\n    name: b\n",
        "[/districts/0/name]: duplicate key 'name'",
        3,
    ),
    "duplicate JSON key": ("s.json", '{"districts": [],\n "districts": []}', "duplicate key", 2),
    "unknown field": (
        "s.yaml",
        MINIMAL.replace("autonomous_funds:", "autonomus_funds:"),
        "did you mean 'autonomous_funds'",
        None,
    ),
    "wrong type": (
        "s.yaml",
        MINIMAL.replace("autonomous_funds: true", "autonomous_funds: 是"),
        "expected true or false",
        None,
    ),
    "empty file": ("s.yaml", "", "file is empty", None),
    "GBK": ("s.yaml", "districts:\n  - name: 东城区\n".encode("gbk"), "--encoding gbk", 2),
    "NaN in YAML": (
        "s.yaml",
        MINIMAL.replace("district: 60", "district: .nan"),
        "not a number",
        None,
    ),
    "NaN in JSON": (
        "s.json",
        _minimal_json().replace('"district": 60', '"district": NaN'),
        "NaN is not a number",
        None,
    ),
    "Infinity in JSON": (
        "s.json",
        _minimal_json().replace('"street": 240', '"street": Infinity'),
        "Infinity is not a number",
        None,
    ),
    "negative count": (
        "s.yaml",
        MINIMAL.replace("district: 60", "district: -60"),
        "must not be negative",
        None,
    ),
    "weight above 1": (
        "s.yaml",
        MINIMAL.replace("weight: 1/3}", "weight: 4/3}"),
        "between 0 and 1",
        None,
    ),
    "weight in percent above 100%": (
        "s.yaml",
        MINIMAL.replace("weight: 1/3}", "weight: 150%}"),
        "(got 3/2 = 150%)",
        None,
    ),
    "weights above the whole": (
        "s.yaml",
        MINIMAL.replace("weight: 2/3}", "weight: 3/4}"),
        "components add up to 13/12",
        None,
    ),
    "points above the whole": (
        "s.yaml",
        MINIMAL.replace("weight: 1/3}", "points: 40, total: 100}").replace(
            "weight: 2/3}", "points: 70, total: 100}"
        ),
        "components add up to 11/10 = 110%",
        None,
    ),
    "weight and points above the whole": (
        "s.yaml",
        MINIMAL.replace(
            "weight: 2/3}", "weight: 2/3}\n            - {assessor: 部门, points: 50, total: 50}"
        ),
        "components add up to 2 = 200%",
        None,
    ),
    "points with different totals": (
        "s.yaml",
        MINIMAL.replace("weight: 1/3}", "points: 30, total: 90}").replace(
            "weight: 2/3}", "points: 60, total: 100}"
        ),
        "components give points out of different totals (90, 100)",
        None,
    ),
    "weight as a base-60 ratio": (
        "s.yaml",
        MINIMAL.replace("weight: 1/3}", "weight: 1:3}"),
        "'1:3' is not a fraction: a ratio with ':' could mean 1/3 or 1/4; write the share as 1/3",
        None,
    ),
    "street kind not in the list": (
        "s.yaml",
        MINIMAL.replace("kind: 街道", "kind: 街", 1),
        "'街' is not allowed here; expected one of: 街道, 乡, 镇",
        None,
    ),
    "zero denominator": (
        "s.yaml",
        MINIMAL.replace("weight: 1/3}", "weight: 1/0}"),
        "zero denominator",
        None,
    ),
    "undefined street": (
        "s.yaml",
        MINIMAL.replace("serves: [第二街道]", "serves: [第三街道]"),
        "'第三街道', which is not a street",
        None,
    ),
    "list typed with Chinese commas": (
        "s.yaml",
        MINIMAL.replace(
            "whistle_domains: [综合执法, 重点工作, 应急处置, 群众诉求]",
            "whistle_domains: [综合执法，重点工作，应急处置，群众诉求]",
        ),
        "[/districts/0/whistle_domains/0]: '综合执法，重点工作，应急处置，群众诉求' is one item "
        "joining 4 values",
        None,
    ),
    "list typed with 顿号 in JSON": (
        "s.json",
        _minimal_json().replace('"责任"', '"人员、责任"', 1),
        "is one item joining 2 values (人员, 责任) with '、'",
        None,
    ),
    "a list where a number belongs": (
        "s.yaml",
        MINIMAL.replace("leadership_approved: 10", "leadership_approved: [10]", 1),
        "expected a whole number, got a list",
        None,
    ),
    "a mapping where a list belongs": (
        "s.yaml",
        MINIMAL.replace(
            "whistle_domains: [综合执法, 重点工作, 应急处置, 群众诉求]", "whistle_domains: {a: 1}"
        ),
        "expected a list, got a mapping",
        None,
    ),
    "an empty list item": (
        "s.yaml",
        "districts:\n  - name: 示例区\n    streets:\n      -\n",
        "[/districts/0/streets/0]: expected a mapping for Street, got nothing (null)",
        4,
    ),
    "null in a JSON list": (
        "s.json",
        '{"districts": [null]}',
        "[/districts/0]: expected a mapping for District, got nothing (null)",
        1,
    ),
    "trailing comma in JSON": (
        "s.json",
        '{"districts": [],\n "name": "示例区",\n}',
        "s.json:2:15: invalid JSON: a comma before } or ]",
        2,
    ),
    "trailing comma in a JSON list": (
        "s.json",
        '{"districts": [\n  {"name": "示例区"},\n  ]}',
        "s.json:2:18: invalid JSON: a comma before } or ]",
        2,
    ),
    "control character pasted from Word": (
        "s.yaml",
        "districts:\n  - name: 东城区\x0b\n",
        "s.yaml:2:14: invalid YAML: control character U+000B is not allowed",
        2,
    ),
    "full-width colon after a key": (
        "s.yaml",
        "name: 示例\nautonomous_funds：true\ndistricts: []\n",
        "(line 2 has a full-width colon '：' (U+FF1A)",
        None,
    ),
    "full-width space as indentation": (
        "s.yaml",
        "districts:\n  - name: 示例区\n\u3000\u3000autonomous_funds: true\n",
        "unknown field '\\u3000\\u3000autonomous_funds' (the name has a full-width space (U+3000)",
        3,
    ),
    "full-width space in a list's indentation": (
        "s.yaml",
        "districts:\n  - name: 示例区\n  \u3000autonomous_funds: true\n",
        "did not find expected '-' indicator (line 3 has a full-width space (U+3000)",
        3,
    ),
    "alias bomb": ("s.yaml", _alias_bomb(), "aliases expand", None),
    # Our limit or libyaml's own (newer builds stop at 1,000 levels): either says "nest".
    "deep nesting": ("s.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n", "nest", 1),
    "deep JSON nesting": ("s.json", "[" * 100000 + "]" * 100000, "nested too deeply", None),
    "binary": ("s.yaml", b"\x00\x01\x02districts", "NUL byte", 1),
    "binary JSON": ("s.json", b'{\n"districts": [\x00\x01]}', "NUL byte", 2),
    "NUL inside a JSON string": ("s.json", b'{"name": "a\x00b", "districts": []}', "NUL byte", 1),
    "not a mapping": ("s.yaml", "- 1\n- 2\n", "must be a mapping", None),
    "schema version 1.0": (
        "s.json",
        '{"schema_version": 1.0, "districts": []}',
        "schema_version 1.0 is not supported",
        1,
    ),
    "schema version true": (
        "s.yaml",
        MINIMAL.replace("schema_version: 1", "schema_version: true"),
        "schema_version True is not supported",
        None,
    ),
    "impossible date": (
        "s.yaml",
        "as_of: 2027-02-30\ndistricts: []\n",
        "[/as_of]: '2027-02-30' is not a valid date",
        1,
    ),
    "tab indent": ("s.yaml", "districts:\n\t- name: a\n", "YAML indents with spaces, not tabs", 2),
    "unsupported tag": ("s.yaml", "districts: !!python/object:os.system x\n", "not supported", 1),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_exits_2_with_a_located_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    name, content, words, line = CASES[case]
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert words in err, err
    assert str(path) in err
    if line is not None:
        assert f"{path}:{line}" in err, err


def test_unknown_field_message_names_line_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL.replace("autonomous_funds:", "autonomus_funds:"), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    line = next(
        i for i, text in enumerate(path.read_text().splitlines(), 1) if "autonomus_funds" in text
    )
    err = capsys.readouterr().err
    assert f"{path}:{line}:5 [/districts/0/autonomus_funds]" in err


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert main(["check", str(path)]) == 0


def test_gbk_file_reads_with_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(MINIMAL.replace("“", '"').replace("”", '"').encode("gbk"))
    assert main(["check", str(path), "--encoding", "gbk"]) == 0


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_missing_path_or_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = tmp_path / "nope.yaml" if kind == "missing" else tmp_path
    assert main(["check", str(target)]) == 2
    err = capsys.readouterr().err
    assert ("no such file" if kind == "missing" else "no .yaml, .yml or .json file") in err


def test_large_junk_file_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("districts:\n" + "  - name: x\n" * 10 + "{" * 20_000_000, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert "invalid YAML" in capsys.readouterr().err


def test_failed_run_still_writes_a_whole_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # CI uploads the report whatever happened: an input error is in it, with where.
    out = tmp_path / "report.json"
    out.write_text("previous report\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("districts: [", encoding="utf-8")
    assert main(["check", str(bad), "--format", "json", "--output", str(out)]) == 2
    report = json.loads(out.read_text(encoding="utf-8"))
    (error,) = report["errors"]
    assert error["location"]["file"] == str(bad)
    assert error["location"]["line"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "report.json"]


def test_wrong_type_inside_a_mapping_field_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by the fuzz test: a bad value under a mapping key (staffing.actual.行政).
    path = tmp_path / "s.yaml"
    path.write_text(
        MINIMAL.replace("actual: {行政: 38", "actual: {行政: !!str 38", 1), encoding="utf-8"
    )
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "[/districts/0/streets/0/staffing/actual/行政]: expected a whole number" in err


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("communities: [示例社区]", "communities: 示例社区", "expected a list, got text"),
        ("chief_rank: 处级}", "chief_rank: 厅级}", "expected one of: 处级, 科级, 其他"),
    ],
)
def test_text_is_not_a_list_and_enums_list_their_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, words: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert words in capsys.readouterr().err


LANES = "          - {name: 示例大街, chief_rank: 科级}"
STEWARDS = "          - {source: 党员群众, count: 12}"


@pytest.mark.parametrize(
    ("old", "new", "path", "words"),
    [
        # Lanes and steward groups have a hand-written fast path; whatever it does not
        # take must still be explained exactly as for every other field.
        (
            LANES,
            "          - {name: 示例大街, chef_rank: 科级}",
            "lanes/1/chef_rank",
            "did you mean 'chief_rank'",
        ),
        (
            LANES,
            "          - {name: [示例大街], chief_rank: 科级}",
            "lanes/1/name",
            "expected text, got a list",
        ),
        (
            LANES,
            "          - {name: 示例大街, chief_rank: [科级]}",
            "lanes/1/chief_rank",
            "expected one of",
        ),
        (LANES, "          - 示例大街", "lanes/1", "expected a mapping"),
        (
            STEWARDS,
            "          - {source: 党员群众, count: -12}",
            "lane_stewards/1/count",
            "must not be negative",
        ),
        (
            STEWARDS,
            "          - {source: 党员群众, count: 12.5}",
            "lane_stewards/1/count",
            "expected a whole number",
        ),
        (
            STEWARDS,
            "          - {source: 党员群众}",
            "lane_stewards/1",
            "required field 'count' is missing",
        ),
    ],
)
def test_lanes_and_stewards_off_the_plain_shape_are_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, path: str, words: str
) -> None:
    assert old in MINIMAL
    setup = tmp_path / "s.yaml"
    setup.write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    assert main(["check", str(setup)]) == 2
    err = capsys.readouterr().err
    assert f"[/districts/0/streets/0/{path}]" in err, err
    assert words in err, err


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("          - {name: 110101, chief_rank: 科级}", Lane("110101", Rank.SECTION)),
        ("          - {name: 示例大街, chief_rank: null}", Lane("示例大街")),
        ("          - {name: 示例大街}", Lane("示例大街")),
    ],
)
def test_lanes_off_the_plain_shape_read_as_elsewhere(new: str, expected: Lane) -> None:
    setup = load_setup("s.yaml", text=MINIMAL.replace(LANES, new, 1))
    assert setup.districts[0].streets[0].lanes[1] == expected


def test_a_utf8_file_read_as_gbk_is_told_to_drop_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(MINIMAL.encode("utf-8"))
    assert main(["check", str(path), "--encoding", "gbk"]) == 2
    assert "is not valid gbk" in (err := capsys.readouterr().err)
    assert "It is valid UTF-8: leave out --encoding." in err


def test_a_gbk_waiver_file_is_told_to_be_utf8_not_to_use_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = tmp_path / "s.yaml"
    setup.write_bytes(MINIMAL.replace("“", '"').replace("”", '"').encode("gbk"))
    waivers = tmp_path / "w.yaml"
    waivers.write_bytes(
        "waivers:\n  - rule: JX013\n    target: 示例区/示例街道\n    reason: 场地建设中\n"
        "    approved_by: 区委编办\n    expires: 2026-12-31\n".encode("gbk")
    )
    assert main(["check", str(setup), "--encoding", "gbk", "--waivers", str(waivers)]) == 2
    err = capsys.readouterr().err
    assert f"{waivers}:" in err
    assert "It looks like GBK/GB18030: save it as UTF-8; this kind of file is always UTF-8." in err
    assert "--encoding" not in err


def _duplicate(what: str) -> tuple[dict[str, object], str, str]:
    data = yaml.safe_load(MINIMAL)
    district = data["districts"][0]
    if what == "district":
        data["districts"].append(dict(district))
        return data, "/districts/1/name", f"district {district['name']!r} is defined twice"
    if what == "office":
        district["offices"].append(dict(district["offices"][0]))
        o = len(district["offices"]) - 1
        name = district["offices"][0]["name"]
        return data, f"/districts/0/offices/{o}/name", f"office {name!r} is defined twice"
    street = district["streets"][0]
    street["lanes"].append(dict(street["lanes"][0]))
    i = len(street["lanes"]) - 1
    name = street["lanes"][0]["name"]
    return data, f"/districts/0/streets/0/lanes/{i}/name", f"lane {name!r} is listed twice"


@pytest.mark.parametrize("what", ["district", "office", "lane"])
def test_a_name_defined_twice_is_refused_where_it_repeats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    data, pointer, words = _duplicate(what)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"[{pointer}]: {words}" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("encoding", ["utf-16", "gbk", "big5", "latin-1", "cp1252"])
def test_a_utf8_file_read_with_another_encoding_is_refused_not_garbled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert main(["check", str(path), "--encoding", encoding]) == 2
    err = capsys.readouterr().err
    assert "leave out --encoding" in err, err
    assert "Traceback" not in err
    # The same text saved in that encoding (where it can hold Chinese) is read.
    if encoding in ("utf-16", "gbk"):
        path.write_bytes(MINIMAL.encode(encoding))
        assert main(["check", str(path), "--encoding", encoding]) == 0


def test_a_report_into_a_missing_folder_says_the_folder_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "no-such-folder" / "report.txt"
    assert main(["check", str(path), "--output", str(out)]) == 2
    assert f"cannot write: the folder {out.parent} does not exist" in capsys.readouterr().err


def test_utf8_sig_is_utf8(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert main(["check", str(path), "--encoding", "utf-8-sig"]) == 0
    path.write_text(MINIMAL, encoding="utf-8")
    assert main(["check", str(path), "--encoding", "UTF8"]) == 0


@pytest.mark.parametrize("libyaml", [True, False])
def test_a_control_character_is_located_with_or_without_libyaml(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    libyaml: bool,
) -> None:
    # libyaml reports a byte offset, PyYAML's own reader a character offset.
    if not libyaml:
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    path = tmp_path / "s.yaml"
    path.write_text("districts:\n  - name: 东城区\x0b\n", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert f"{path}:2:14: invalid YAML: control character U+000B" in capsys.readouterr().err
