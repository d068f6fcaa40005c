"""The first pass (``reader.py``) builds what cattrs builds, or steps aside for it.

It exists for speed and skips the classes' ``__init__`` field checks; these properties
are what makes that safe: on valid data it gives the object cattrs gives, and on any
data it never accepts what cattrs refuses nor reads it differently.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _data import data_paths
from jiexiang_policy.converter import converter, structure
from jiexiang_policy.documents import parse_document
from jiexiang_policy.errors import InputError
from jiexiang_policy.orgsetup import Setup, load_setup
from jiexiang_policy.reader import Refused, read
from jiexiang_policy.testing import compliant_setup_data, setup_data

# Values of every JSON kind, plus the ones that trip naive checks (bool is an int; a
# list where a tuple is expected; enum names instead of values).
odd_values = (
    st.none()
    | st.booleans()
    | st.integers(-2, 2)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", "下沉", "SUNK", "1/3", "２０２６－０１－０１", "待填写", "110101"])
    | st.lists(st.text(max_size=2), max_size=2)
    | st.dictionaries(st.text(max_size=3), st.integers(), max_size=1)
)


@st.composite
def mutated_setup_data(draw: st.DrawFn) -> Any:
    """A valid setup with one change anywhere: a value replaced, a key dropped or added."""
    data = copy.deepcopy(draw(setup_data()))
    path = draw(st.sampled_from(data_paths(data)[1:]))
    *parent_path, last = path
    parent: Any = data  # a mapping or a list, as the path goes
    for part in parent_path:
        parent = parent[part]
    action = draw(st.sampled_from(["replace", "drop", "add"]))
    if action == "replace":
        parent[last] = draw(odd_values)
    elif action == "drop":
        del parent[last]
    elif isinstance(parent, dict):
        parent[draw(st.sampled_from(["extra", "name", "kind", "count"]))] = draw(odd_values)
    else:
        parent.append(draw(odd_values))
    return data


def _cattrs(data: Any) -> Setup | None:
    try:
        value: Setup = converter.structure(data, Setup)
    except Exception:
        return None
    return value


@given(setup_data())
def test_valid_setups_are_built_as_cattrs_builds_them(data: Any) -> None:
    plain = json.loads(json.dumps(data, ensure_ascii=False))  # what the JSON reader gives
    built = read(plain, Setup)
    assert built == _cattrs(plain)
    assert attrs.evolve(built) == built  # __init__'s field checks would change nothing


@given(mutated_setup_data())
def test_the_reader_never_accepts_what_cattrs_refuses_nor_reads_it_differently(
    data: Any,
) -> None:
    try:
        built = read(data, Setup)
    except Exception:
        return  # stepping aside is always allowed: cattrs then reads and explains
    assert built == _cattrs(data)


@given(mutated_setup_data())
def test_a_mutated_setup_gives_the_same_result_whichever_pass_reads_it(data: Any) -> None:
    doc = parse_document(json.dumps(data, ensure_ascii=False), name="s.json", is_json=True)
    expected = _cattrs(data)
    if expected is None:
        with pytest.raises(InputError, match=r"."):  # located problems, as before
            structure(data, Setup, doc)
    else:
        assert structure(data, Setup, doc) == expected


def _upper(value: str) -> str:
    return value.upper()


@attrs.frozen
class _Converted:
    code: str = attrs.field(converter=_upper)


@attrs.frozen(slots=False)
class _NotSlotted:
    name: str


@attrs.frozen
class _Computed:
    name: str
    size: int = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "size", len(self.name))


@pytest.mark.parametrize(
    ("cls", "data", "expected"),
    [
        (_Converted, {"code": "jx001"}, _Converted("JX001")),
        (_NotSlotted, {"name": "甲"}, _NotSlotted("甲")),
        (_Computed, {"name": "甲乙"}, _Computed("甲乙")),
    ],
    ids=["own-converter", "not-slotted", "init-false-field"],
)
def test_classes_it_cannot_fill_faithfully_are_left_to_cattrs(
    cls: type, data: dict[str, Any], expected: Any
) -> None:
    with pytest.raises(Refused):
        read(data, cls)
    doc = parse_document(json.dumps(data, ensure_ascii=False), name="x.json", is_json=True)
    assert structure(data, cls, doc) == expected


@given(compliant_setup_data())
def test_a_validator_and_the_post_init_still_run(data: Any) -> None:
    """Checks beyond the field types (a negative count, shares over 100%) are not skipped."""
    data["districts"][0]["assessment"]["departments"][0]["components"][1]["weight"] = "0.9"
    data["districts"][0]["streets"][0]["lane_stewards"] = [{"source": "党员群众", "count": -1}]
    with pytest.raises(ValueError, match=r"components|count"):
        read(data, Setup)
    with pytest.raises(InputError) as raised:
        load_setup("s.json", text=json.dumps(data, ensure_ascii=False))
    fields = {p[0].path[-1] for p in raised.value.problems}
    assert {"components", "count"} <= fields
