"""A setup written as JSON reads as the same setup, and fails with the same problems, as YAML.

What a user sees: the result, and every problem with the field it is about and a line in
the file that was read, whatever the format and whichever way the text comes in.
"""

from __future__ import annotations

import copy
import gc
import json
import os
import threading
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from _data import data_paths
from jiexiang_policy import load_setup
from jiexiang_policy.documents import Limits, load_document
from jiexiang_policy.errors import InputError, SetupFileError
from jiexiang_policy.locations import PathPart

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE: dict[str, Any] = load_document(ROOT / "examples" / "dongcheng.yaml").data


def _outcome(name: str, text: str) -> tuple[str, object]:
    """The setup's data, or each problem as (path, message); and the lines are checked."""
    try:
        setup = load_setup(name, text=text)
    except SetupFileError as exc:
        problems = exc.problems
    else:
        return ("setup", setup)
    lines = text.count("\n") + 1
    assert all(1 <= where.line <= lines for where, _ in problems), problems
    assert all(where.file == name for where, _ in problems)
    return (
        "error",
        sorted((where.path, message) for where, message in problems),
    )  # a Setup compares by its data, not by the file it came from


def _both(data: dict[str, Any]) -> tuple[tuple[str, object], tuple[str, object]]:
    as_json = _outcome("setup.json", json.dumps(data, ensure_ascii=False, indent=1))
    as_yaml = _outcome("setup.yaml", yaml.safe_dump(data, allow_unicode=True))
    return as_json, as_yaml


STREETS = [("districts", 0, "streets", i) for i in range(len(EXAMPLE["districts"][0]["streets"]))]
STREET_PATHS = [p for p in data_paths(EXAMPLE) if p[:4] in STREETS]  # each street and within it
WRONG = st.sampled_from([None, -1, 2.5, "文本", True, [], [1], {}, {"x": 1}])


def _at(data: Any, path: tuple[PathPart, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


@st.composite
def one_mutation(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(EXAMPLE)
    path = draw(st.sampled_from(STREET_PATHS))
    parent, last = _at(data, path[:-1]), path[-1]
    value = parent[last]
    how = draw(st.sampled_from(["replace", "drop", "unknown key"]))
    if how == "unknown key" and isinstance(value, dict):
        value["lanez"] = []
    elif how == "drop" and isinstance(parent, dict):
        del parent[last]
    else:
        parent[last] = draw(WRONG)
    return data


def test_a_valid_json_setup_is_the_yaml_setup() -> None:
    as_json, as_yaml = _both(EXAMPLE)
    assert as_json[0] == "setup"
    assert as_json == as_yaml


@given(one_mutation())
def test_one_mutation_in_a_street_gives_the_same_outcome_in_both_formats(
    data: dict[str, Any],
) -> None:
    as_json, as_yaml = _both(data)
    assert as_json == as_yaml


def test_a_problem_in_a_street_is_located_at_its_field_and_line() -> None:
    data = copy.deepcopy(EXAMPLE)
    data["districts"][0]["streets"][-1]["kind"] = "街"
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(SetupFileError) as caught:
        load_setup("setup.json", text=text)
    ((where, message),) = caught.value.problems
    assert where.path == ("districts", 0, "streets", len(STREETS) - 1, "kind")
    assert "'街'" in message
    assert '"kind": "街"' in text.splitlines()[where.line - 1]


@pytest.mark.parametrize("form", ["str", "bytes", "bytes with BOM", "file", "GBK file"])
def test_every_way_in_gives_the_same_problems(
    form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy.deepcopy(EXAMPLE)
    data["districts"][0]["streets"][0]["lanes"][0]["chief_rank"] = 3
    data["districts"][0]["streets"][1]["staffing"] = []
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(SetupFileError) as plain:
        load_setup("setup.json", text=text)
    content: str | bytes | None = None
    encoding = None
    if form == "str":
        content = text
    elif form == "bytes":
        content = text.encode()
    elif form == "bytes with BOM":
        content = b"\xef\xbb\xbf" + text.encode()
    else:
        monkeypatch.chdir(tmp_path)  # so the file's name is the same as above
        encoding = "gbk" if form == "GBK file" else None
        (tmp_path / "setup.json").write_bytes(text.encode(encoding or "utf-8"))
    with pytest.raises(SetupFileError) as ours:
        load_setup("setup.json", text=content, encoding=encoding)
    assert [where.path[-1] for where, _ in ours.value.problems] == ["chief_rank", "staffing"]
    assert ours.value.problems == plain.value.problems


@pytest.fixture
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("_collector_restored")
@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("valid", [True, False])
def test_reading_leaves_the_garbage_collector_as_it_was(enabled: bool, valid: bool) -> None:
    # The reader may pause the collector; the caller's program must get it back as it was.
    data = copy.deepcopy(EXAMPLE)
    if not valid:
        data["districts"][0]["streets"][0]["kind"] = "街"
    (gc.enable if enabled else gc.disable)()
    try:
        load_setup("setup.json", text=json.dumps(data, ensure_ascii=False))
    except SetupFileError:
        assert not valid
    assert gc.isenabled() is enabled


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_held_to_the_size_limit(tmp_path: Path) -> None:
    # A pipe has no size to check before reading: what is read is checked instead.
    fifo = tmp_path / "setup.json"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(b"{" + b" " * 200 + b"}",))
    writer.start()
    try:
        with pytest.raises(InputError, match="more than the limit of 50 bytes"):
            load_document(fifo, limits=Limits(max_bytes=50))
    finally:
        writer.join(timeout=5)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("kind", ["file", "pipe"])
def test_reading_allocates_for_the_input_not_for_the_limit(kind: str, tmp_path: Path) -> None:
    # The default limit is 256 MB; reading a small input must not reserve all of it.
    path = tmp_path / "setup.json"
    content = json.dumps(EXAMPLE, ensure_ascii=False).encode()
    writer = None
    if kind == "pipe":
        os.mkfifo(path)
        writer = threading.Thread(target=path.write_bytes, args=(content,))
        writer.start()
    else:
        path.write_bytes(content)
    tracemalloc.start()
    try:
        load_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        if writer is not None:
            writer.join(timeout=5)
    assert peak < 50 * len(content)
