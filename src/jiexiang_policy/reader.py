"""The first pass over a file: data in the usual, valid shape built into objects directly.

Most files are valid. For them, cattrs' structuring and then each class's ``__init__``
checked every value twice (the cattrs hooks, then the field checks of ``fieldcheck``),
and importing cattrs and generating its functions cost every command about 30 ms more.
This pass checks each value once, with the same scalar readers the cattrs hooks use,
and fills the slots of the frozen objects without ``__init__``; it then runs what
``__init__`` would run besides the field checks (the fields' validators and
``__attrs_post_init__``). On Beijing's 1x JSON it structures in about 0.03 s what took
0.04 s (``docs/performance.md``).

It accepts less than the cattrs pass, never more: anything not in the usual shape (a
missing or unknown key, a value of another type, a class it cannot fill faithfully)
makes it raise, and :func:`~jiexiang_policy.converter.structure` then runs cattrs'
detailed pass, which accepts or explains the data exactly as before. Tests compare
the two on generated and mutated setups.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from .converter import (
    _date,
    _is_homogeneous_tuple,
    _is_optional,
    _plain_readers,
    _scalar_readers,
    _strict_bool,
    _strict_int,
    _strict_str,
    parse_fraction,
)
from .fieldcheck import is_field_check

__all__ = ["Refused", "read"]

T = TypeVar("T")
_Read = Callable[[Any], Any]


class Refused(Exception):
    """The data is not in the shape this pass builds; the cattrs pass decides."""


def read(data: Any, cls: type[T]) -> T:
    """``data`` (plain values from a file) as a ``cls``; raises if anything is unusual."""
    value: T = _reader(cls)(data)
    return value


_SCALARS: dict[Any, _Read] = {
    str: lambda v: _strict_str(v, str),
    int: lambda v: _strict_int(v, int),
    bool: lambda v: _strict_bool(v, bool),
    dt.date: lambda v: _date(v, dt.date),
    Fraction: parse_fraction,
}

_readers: dict[type, _Read] = {}
_FACTORY: type[Any] = type(
    attrs.Factory(list)
)  # the class (attrs' stubs type Factory as a function)


def _refuse(_value: Any) -> Any:
    raise Refused


def _reader(cls: type) -> _Read:
    found = _readers.get(cls)
    if found is not None:
        return found
    # Set before the fields' readers are made, so that a class that (indirectly)
    # contains itself finds its reader; replaced below once it is complete.
    slot: list[_Read] = [_refuse]
    _readers[cls] = lambda data: slot[0](data)
    try:
        made = _class_reader(cls)
    except Refused:
        made = _refuse  # not a class this pass can build: always the cattrs pass
    slot[0] = made
    _readers[cls] = made
    return made


def _value_reader(t: Any) -> _Read:
    if t in _SCALARS:
        return _SCALARS[t]
    if t in _scalar_readers:
        return _scalar_readers[t]
    if isinstance(t, type) and issubclass(t, enum.Enum):
        by_value = {m.value: m for m in t}
        return by_value.__getitem__  # KeyError or TypeError: refused
    if _is_optional(t):
        (inner,) = [a for a in typing.get_args(t) if a is not type(None)]
        if isinstance(inner, type) and issubclass(inner, enum.Enum):
            return {None: None, **{m.value: m for m in inner}}.__getitem__
        some = _value_reader(inner)
        return lambda v: None if v is None else some(v)
    if _is_homogeneous_tuple(t):
        return _tuple_reader(typing.get_args(t)[0])
    if typing.get_origin(t) is dict:
        key_t, value_t = typing.get_args(t)
        read_key, read_value = _value_reader(key_t), _value_reader(value_t)

        def read_dict(v: Any) -> dict[Any, Any]:
            if type(v) is not dict:
                raise Refused
            return {read_key(k): read_value(x) for k, x in v.items()}

        return read_dict
    if isinstance(t, type) and attrs.has(t):
        return _reader(t)
    raise Refused


_STR = {str}


def _tuple_reader(item: Any) -> _Read:
    read_item = _value_reader(item)
    plain = _plain_readers.get(item)

    def read_tuple(v: Any) -> tuple[Any, ...]:
        if type(v) is not list:
            raise Refused
        if item is str and set(map(type, v)) <= _STR:
            return tuple(v)  # checked in C: lists of names are the bulk of a setup
        if plain is not None:
            try:
                return plain(v)
            except Exception:  # not plain: item by item below
                pass
        return tuple(map(read_item, v))

    return read_tuple


def _class_reader(cls: type) -> _Read:
    fields = attrs.fields(cls)
    if any(isinstance(f.type, str) for f in fields):  # fieldcheck's classes come resolved
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
    slots = set(cls.__dict__.get("__slots__", ())) - {"__weakref__"}
    if (
        slots != {f.name for f in fields}  # not slotted here, or hidden slots (a cached hash)
        or hasattr(cls, "__attrs_pre_init__")
        or any(not f.init or f.name.startswith("_") for f in fields)
        or any(f.converter is not None and not is_field_check(f.converter) for f in fields)
        or any(isinstance(f.default, _FACTORY) and f.default.takes_self for f in fields)
    ):
        raise Refused  # its __init__ does more than check: only cattrs builds it
    data_fields = [f for f in fields if not f.metadata.get("not_data")]
    names: dict[str, Any] = {"cls": cls, "new": object.__new__, "Refused": Refused}
    names["known"] = frozenset(f.name for f in data_fields)
    names["required"] = frozenset(f.name for f in data_fields if f.default is attrs.NOTHING)
    # Written out as straight-line code, as attrs and cattrs write theirs: a loop looked
    # up each field's reader and slot in dictionaries, object by object.
    lines = [
        "def read_instance(data):",
        "    if type(data) is not dict or not known.issuperset(data)"
        " or not required <= data.keys():",
        "        raise Refused",
        "    obj = new(cls)",
    ]
    for i, f in enumerate(fields):
        names[f"set_{i}"] = cls.__dict__[f.name].__set__
        if f.default is attrs.NOTHING:
            absent = None
        elif isinstance(f.default, _FACTORY):
            names[f"factory_{i}"] = f.default.factory
            absent = f"factory_{i}()"
        else:
            names[f"default_{i}"] = f.default
            absent = f"default_{i}"
        if f in data_fields:
            names[f"read_{i}"] = _value_reader(f.type)
            final = _final_types(f.type)
            names[f"final_{i}"] = final
            read = [
                f"v_{i} = data[{f.name!r}]",
                f"v_{i} = v_{i} if type(v_{i}) in final_{i} else read_{i}(v_{i})"
                if final  # usually the file's value is final already: no call
                else f"v_{i} = read_{i}(v_{i})",
            ]
            if absent is None:
                lines += [f"    {line}" for line in read]
            else:
                lines += [f"    if {f.name!r} in data:", *(f"        {line}" for line in read)]
                lines += ["    else:", f"        v_{i} = {absent}"]
        elif absent is None:
            raise Refused  # a field not read from files, without a default
        else:
            lines.append(f"    v_{i} = {absent}")
        lines.append(f"    set_{i}(obj, v_{i})")
    for i, f in enumerate(fields):
        if f.validator is not None:
            # Without fieldcheck's naming wrapper: a failure here only sends the data to cattrs.
            validator = getattr(f.validator, "__wrapped__", f.validator)
            names[f"validate_{i}"], names[f"field_{i}"] = validator, f
            lines.append(f"    validate_{i}(obj, field_{i}, v_{i})")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    obj.__attrs_post_init__()")
    lines.append("    return obj")
    code = compile("\n".join(lines), f"<jiexiang reader {cls.__qualname__}>", "exec")
    exec(code, names)  # our own generated text, as attrs and cattrs do
    made: _Read = names["read_instance"]
    return made


_FINAL: dict[Any, frozenset[type]] = {
    str: frozenset({str}),
    int: frozenset({int}),  # type() is exact: a bool is not taken for an int
    bool: frozenset({bool}),
}


def _final_types(t: Any) -> frozenset[type]:
    """The types of file values that a field of type ``t`` keeps as they are."""
    if t in _FINAL:
        return _FINAL[t]
    if _is_optional(t):
        (inner,) = [a for a in typing.get_args(t) if a is not type(None)]
        if inner in _FINAL:
            return _FINAL[inner] | {type(None)}
    return frozenset()
