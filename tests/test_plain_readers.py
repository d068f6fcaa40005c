"""The hand-written readers for lanes and steward groups agree with cattrs, or step aside.

They exist for speed (a city has tens of thousands of each) and skip the
classes' ``__init__``; these properties are what makes that safe.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy.converter import build_instances, converter
from jiexiang_policy.orgsetup import (
    Lane,
    Rank,
    StewardGroup,
    _NotPlain,
    _plain_lanes,
    _plain_steward_groups,
)

RANKS = [r.value for r in Rank]
# Values of every JSON kind, plus the ones that trip naive checks (bool is an int).
anything = st.none() | st.booleans() | st.integers(-3, 3) | st.floats() | st.text(max_size=3)
lane_rows = st.lists(
    st.fixed_dictionaries(
        {"name": st.text()}, optional={"chief_rank": st.none() | st.sampled_from(RANKS)}
    )
)
steward_rows = st.lists(
    st.fixed_dictionaries({"source": st.text(), "count": st.integers(0, 10**6)})
)


def _off_shape(fields: list[str], values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    item = st.dictionaries(st.sampled_from([*fields, "extra"]), values, max_size=3)
    return st.lists(item | anything, max_size=4)  # readers are only ever given lists


def _cattrs(rows: Any, cls: type) -> tuple[Any, ...] | None:
    try:
        return tuple(converter.structure(rows, tuple[cls, ...]))  # type: ignore[valid-type]
    except Exception:
        return None


@given(lane_rows)
def test_plain_lanes_build_what_cattrs_builds(rows: list[dict[str, Any]]) -> None:
    fast, slow = _plain_lanes(rows), _cattrs(rows, Lane)
    assert fast == slow
    assert slow is not None
    assert [hash(lane) for lane in fast] == [hash(lane) for lane in slow]


@given(steward_rows)
def test_plain_steward_groups_build_what_cattrs_builds(rows: list[dict[str, Any]]) -> None:
    fast = _plain_steward_groups(rows)
    assert fast == _cattrs(rows, StewardGroup)
    assert fast == tuple(StewardGroup(**row) for row in rows)


@pytest.mark.parametrize(
    ("reader", "cls", "fields", "values"),
    [
        (_plain_lanes, Lane, ["name", "chief_rank"], anything | st.sampled_from(RANKS)),
        (_plain_steward_groups, StewardGroup, ["source", "count"], anything),
    ],
    ids=["lanes", "steward_groups"],
)
@given(data=st.data())
def test_plain_readers_never_take_what_cattrs_refuses(
    data: st.DataObject, reader: Any, cls: type, fields: list[str], values: Any
) -> None:
    rows = data.draw(_off_shape(fields, values))
    try:
        fast = reader(rows)
    except Exception:
        return  # stepping aside is always allowed: cattrs then reads and explains
    assert fast == _cattrs(rows, cls)


def test_a_negative_count_is_left_to_the_validator() -> None:
    with pytest.raises(_NotPlain):
        _plain_steward_groups(
            [{"source": "党员群众", "count": 1}, {"source": "党员群众", "count": -1}]
        )


def test_built_instances_are_frozen_and_equal_to_constructed_ones() -> None:
    built = build_instances(Lane, {"name": ["甲", "乙"], "chief_rank": [Rank.SECTION, None]})
    assert built == (Lane("甲", Rank.SECTION), Lane("乙"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built[0].name = "丙"  # type: ignore[misc]


@attrs.define(slots=False)
class _NotSlotted:
    name: str


@attrs.frozen
class _Converted:
    count: int = attrs.field(converter=int)


@pytest.mark.parametrize(
    ("cls", "columns"),
    [
        (_NotSlotted, {"name": ["a"]}),
        (_Converted, {"count": ["1"]}),
        (Lane, {"name": ["a"]}),  # a field without a column would be left unset
        (dict, {"name": ["a"]}),
    ],
    ids=["not-slotted", "converter", "missing-column", "not-attrs"],
)
def test_build_instances_refuses_classes_it_cannot_build_faithfully(
    cls: type, columns: dict[str, list[Any]]
) -> None:
    with pytest.raises(TypeError, match="cannot be built slot by slot"):
        build_instances(cls, columns)


def test_build_instances_refuses_columns_of_unequal_length() -> None:
    with pytest.raises(ValueError, match="unequal length"):
        build_instances(Lane, {"name": ["a", "b"], "chief_rank": [None]})
