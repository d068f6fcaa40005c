"""JSON setups build each street as soon as it is parsed (to save memory at city scale).

What must hold: the result, and every error with its place, is exactly what structuring
the plain parsed file gives. These tests compare the two on valid files, on files with
one mutation anywhere in a street, and on street-shaped mappings where no street belongs.
"""

from __future__ import annotations

import copy
import json
import os
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy import load_setup, orgsetup
from jiexiang_policy.documents import Limits, load_document, parse_document
from jiexiang_policy.errors import InputError, SetupFileError
from jiexiang_policy.locations import PathPart
from jiexiang_policy.orgsetup import Setup, Street, setup_from_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE: dict[str, Any] = load_document(ROOT / "examples" / "dongcheng.yaml").data


def _outcome(setup_or_error: Setup | SetupFileError) -> tuple[str, object]:
    if isinstance(setup_or_error, SetupFileError):
        return ("error", setup_or_error.problems)
    return ("setup", setup_or_error)


def _both(text: str) -> tuple[tuple[str, object], tuple[str, object]]:
    """What load_setup gives, and what structuring the plain parse gives."""
    try:
        ours = _outcome(load_setup("setup.json", text=text))
    except SetupFileError as exc:
        ours = _outcome(exc)
    try:
        plain = _outcome(setup_from_document(parse_document(text, name="setup.json", is_json=True)))
    except SetupFileError as exc:
        plain = _outcome(exc)
    return ours, plain


def _paths(value: Any, path: tuple[PathPart, ...]) -> list[tuple[PathPart, ...]]:
    found = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*path, i))
    return found


STREETS = [("districts", 0, "streets", i) for i in range(len(EXAMPLE["districts"][0]["streets"]))]
STREET_PATHS = [p for p in _paths(EXAMPLE, ()) if p[:4] in STREETS]  # each street and within it
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


def test_a_valid_setup_is_the_same_as_from_plain_data() -> None:
    text = json.dumps(EXAMPLE, ensure_ascii=False, indent=1)
    ours, plain = _both(text)
    assert ours[0] == "setup"
    assert ours == plain


@given(one_mutation())
def test_one_mutation_in_a_street_gives_what_plain_data_gives(data: dict[str, Any]) -> None:
    ours, plain = _both(json.dumps(data, ensure_ascii=False, indent=1))
    assert ours == plain


@pytest.mark.parametrize("field", ["offices", "street_rights", "assessment", "coordinators"])
def test_a_street_where_no_street_belongs_is_explained_as_plain_data(field: str) -> None:
    data = copy.deepcopy(EXAMPLE)
    street = data["districts"][0]["streets"][0]
    data["districts"][0][field] = [street] if field in ("offices", "street_rights") else street
    ours, plain = _both(json.dumps(data, ensure_ascii=False, indent=1))
    assert ours[0] == "error"
    assert ours == plain
    # No message speaks of a Street object: the detailed pass saw plain mappings only.
    assert "Street" not in repr(ours)


def test_the_hook_replaces_each_mapping_innermost_first() -> None:
    seen: list[list[str]] = []

    def hook(obj: dict[str, Any]) -> Any:
        seen.append(sorted(obj))
        return ("built", sorted(obj))

    doc = parse_document(
        '{"a": {"b": {"c": 1}}, "d": [{"e": 2}]}', is_json=True, json_object_hook=hook
    )
    assert seen == [["c"], ["b"], ["e"], ["a", "d"]]
    assert doc.data == ("built", ["a", "d"])


def test_the_hook_does_not_hide_a_duplicate_key() -> None:
    with pytest.raises(InputError, match="duplicate key 'b'"):
        parse_document('{"a": {"b": 1, "b": 2}}', is_json=True, json_object_hook=lambda o: 0)


def _count_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[object]:
    """Record what ``orgsetup.<name>`` returns, from now on."""
    results: list[object] = []
    real = getattr(orgsetup, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        results.append(out := real(*args, **kwargs))
        return out

    monkeypatch.setattr(orgsetup, name, spy)
    return results


def test_a_valid_file_is_parsed_once_with_its_streets_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the memory saving rests on: load_setup builds the streets during the parse
    # and never falls back to a second, plain parse for a valid file.
    path = tmp_path / "setup.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    built = _count_calls(monkeypatch, "_street_when_parsed")
    again = _count_calls(monkeypatch, "parse_document")
    setup = load_setup(path)
    assert [b for b in built if type(b) is Street] == list(setup.districts[0].streets)
    assert len(setup.districts[0].streets) == len(STREETS)
    assert again == []


def test_a_file_with_a_problem_is_parsed_again_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy.deepcopy(EXAMPLE)
    data["districts"][0]["streets"][-1]["kind"] = "街"
    path = tmp_path / "setup.json"
    text = json.dumps(data, ensure_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
    again = _count_calls(monkeypatch, "parse_document")
    with pytest.raises(SetupFileError) as caught:
        load_setup(path)
    assert len(again) == 1
    ((where, message),) = caught.value.problems
    assert where.path == ("districts", 0, "streets", len(STREETS) - 1, "kind")
    assert "'街'" in message


@pytest.mark.parametrize("form", ["str", "bytes", "bytes with BOM", "file", "GBK file"])
def test_every_way_in_gives_the_plain_messages(
    form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy.deepcopy(EXAMPLE)
    data["districts"][0]["streets"][0]["lanes"][0]["chief_rank"] = 3
    data["districts"][0]["streets"][1]["staffing"] = []
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(SetupFileError) as plain:
        setup_from_document(parse_document(text, name="setup.json", is_json=True))
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
    assert len(plain.value.problems) == 2
    assert ours.value.problems == plain.value.problems


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
