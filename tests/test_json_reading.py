"""JSON files: duplicate keys are refused where they are written, whatever the strings hold.

The reader counts keys against colons instead of inspecting every object (see
``documents._parse_json``); these properties pin down that the shortcut never
lets a duplicate through and never refuses a valid file.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy import load_setup
from jiexiang_policy.documents import parse_document
from jiexiang_policy.errors import InputError, SetupFileError
from jiexiang_policy.locations import PathPart

# Keys and strings full of what could confuse a scanner: colons, quotes, brackets, escapes.
tricky = st.text(alphabet=st.sampled_from('ab:"\\{}[],\n 街'), max_size=6)
scalars = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | tricky
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(tricky, inner, max_size=4),
    max_leaves=25,
)
documents = st.dictionaries(tricky, values, max_size=5)


def _objects(value: Any, path: tuple[PathPart, ...] = ()) -> list[tuple[PathPart, ...]]:
    """Paths of every non-empty object in document order."""
    found: list[tuple[PathPart, ...]] = []
    if isinstance(value, dict):
        if value:
            found.append(path)
        for k, v in value.items():
            found += _objects(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _objects(v, (*path, i))
    return found


def _dump_with_repeat(
    value: Any, target: tuple[PathPart, ...], ascii_only: bool
) -> tuple[str, int]:
    """JSON text of ``value`` whose object at ``target`` repeats its first key at its end.

    Returns the text and the offset of the repeated key.
    """
    parts: list[str] = []
    offset = -1

    def emit(v: Any, path: tuple[PathPart, ...]) -> None:
        nonlocal offset
        if isinstance(v, dict):
            parts.append("{")
            for i, (k, item) in enumerate(v.items()):
                parts.append(", " if i else "")
                parts.append(json.dumps(k, ensure_ascii=ascii_only) + ": ")
                emit(item, (*path, k))
            if path == target:
                first = next(iter(v))
                parts.append(",\n ")
                offset = sum(map(len, parts))
                parts.append(json.dumps(first, ensure_ascii=ascii_only) + ": null")
            parts.append("}")
        elif isinstance(v, list):
            parts.append("[")
            for i, item in enumerate(v):
                parts.append(", " if i else "")
                emit(item, (*path, i))
            parts.append("]")
        else:
            parts.append(json.dumps(v, ensure_ascii=ascii_only))

    emit(value, ())
    return "".join(parts), offset


@given(documents, st.booleans())
def test_valid_json_reads_back_exactly(value: dict[str, Any], ascii_only: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only)
    assert parse_document(text, is_json=True).data == value


@given(documents, st.booleans(), st.data())
def test_a_repeated_key_is_refused_at_its_second_place(
    value: dict[str, Any], ascii_only: bool, data: st.DataObject
) -> None:
    objects = _objects(value)
    if not objects:
        value, objects = {"a": value}, [()]
    target = data.draw(st.sampled_from(objects))
    text, offset = _dump_with_repeat(value, target, ascii_only)
    with pytest.raises(InputError) as caught:
        parse_document(text, name="s.json", is_json=True)
    ((where, message),) = caught.value.problems
    node: Any = value
    for step in target:
        node = node[step]
    key = next(iter(node))
    assert message == f"duplicate key {key!r}; each field may appear once"
    assert where.path == (*target, key)
    assert (where.line, where.column) == (
        text.count("\n", 0, offset) + 1,
        offset - (text.rfind("\n", 0, offset) + 1) + 1,
    )


def test_a_repeated_name_in_a_later_street_points_at_that_street() -> None:
    # "name" is written many times in a setup; the message must point at the repeat, not
    # at the second "name" of the file.
    text = (
        '{"districts": [{"name": "东城区", "streets": [\n'
        '  {"name": "东华门街道"},\n'
        '  {"name": "景山街道",\n'
        '   "name": "交道口街道"}]}]}'
    )
    with pytest.raises(SetupFileError) as caught:
        load_setup("s.json", text=text)
    ((where, message),) = caught.value.problems
    assert "duplicate key 'name'" in message
    assert (where.line, where.column) == (4, 4)
    assert where.path == ("districts", 0, "streets", 1, "name")


def test_colons_inside_strings_are_not_keys() -> None:
    text = '{"a": "09:00", "b": {"c": "http://x", "d": ":\\":"}}'
    assert parse_document(text, is_json=True).data == {
        "a": "09:00",
        "b": {"c": "http://x", "d": ':":'},
    }
