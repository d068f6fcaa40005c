"""A broken policy folder fails with one clear, located message per problem.

Each case adds one small bad file from tests/bad_policy_files/ to a copy of
the shipped policy folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jiexiang_policy import PolicyFileError, default_policy_dir, load_plan

BAD = Path(__file__).parent / "bad_policy_files"

CASES = {
    # file: (line, JSON pointer or "", words the message must contain)
    "bad_yaml.yaml": (4, "", "invalid YAML"),
    "duplicate_key.yaml": (4, "/headings/0/category_id", "duplicate key 'category_id'"),
    "unknown_key.yaml": (4, "/headings/0/titel", "did you mean 'title'"),
    "wrong_type.yaml": (4, "/headings/0/title", "expected a mapping"),
    "quote_not_in_source.yaml": (5, "/headings/0/quote", "not verbatim in the source text"),
    "duplicate_id.yaml": (2, "/headings/0/id", "duplicate ID 'H-1.1'"),
    "missing_provision.yaml": (5, "/measures/0/provision_ids/0", "'P-9.9.9' is not a known"),
}


def _folder_with(tmp_path: Path, bad_file: str) -> Path:
    folder = tmp_path / "policies"
    shutil.copytree(default_policy_dir(), folder)
    shutil.copy(BAD / bad_file, folder / ("zz_" + bad_file))
    return folder


@pytest.mark.parametrize("bad_file", sorted(CASES))
def test_each_bad_file_gives_one_located_message(tmp_path: Path, bad_file: str) -> None:
    line, pointer, words = CASES[bad_file]
    with pytest.raises(PolicyFileError) as caught:
        load_plan(_folder_with(tmp_path, bad_file))
    problems = caught.value.problems
    assert len(problems) == 1, str(caught.value)
    location, message = problems[0]
    assert location.file.endswith("zz_" + bad_file)
    assert location.line == line
    assert location.pointer == pointer
    assert words in message
    assert f"zz_{bad_file}:{line}" in str(caught.value)


def test_every_case_has_a_bad_file() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(CASES)


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileError, match="policy folder not found"):
        load_plan(tmp_path / "nowhere")


def test_provision_in_no_measure_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    shutil.copytree(default_policy_dir(), folder)
    measures = folder / "measures.yaml"
    text = measures.read_text(encoding="utf-8")
    assert "P-3.3.1" in text
    measures.write_text(text.replace("P-3.3.1", "P-3.2.1", 1), encoding="utf-8")
    with pytest.raises(PolicyFileError) as caught:
        load_plan(folder)
    message = str(caught.value)
    assert "'P-3.3.1' is in no measure" in message
    assert "already in measure" in message
