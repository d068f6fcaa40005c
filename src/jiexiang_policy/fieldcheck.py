"""Safe construction of setup classes in Python: plain values converted, wrong ones refused.

A setup read from a file goes through the converter, which checks every value.
A setup built in Python (``Office(status="下沉")``) goes straight to the class;
:func:`checked_fields` is the ``field_transformer`` that gives each field of a
setup class, from its annotation, what the file reader would have done:

- an enum field takes the member, its Chinese value (``"下沉"``) or its name
  (``"SUNK"``, ``"sunk"``) and stores the member;
- a ``Fraction`` field takes ``"1/3"``, ``"33.4%"``, ``"１/３"``, an int, a
  Decimal or a Fraction (see :func:`~jiexiang_policy.converter.parse_fraction`);
- a ``tuple[X, ...]`` field takes a list or tuple (never a bare string) and
  stores a tuple, each item checked or converted as an ``X``;
- ``str``, ``int``, ``bool``, dates, mappings and nested setup classes are
  checked for their type;
- a type registered with :func:`~jiexiang_policy.converter.register_scalar` (a
  work plan's deadline) is read with its reader, as the file reader does.

Anything else raises :class:`TypeError` or :class:`ValueError` at construction,
naming the class and the field, so that a wrong value can never turn into a
wrong verdict or a crash inside :func:`~jiexiang_policy.check`.

``checked_fields(convert=False)`` does the same from a validator instead of a
converter, for classes that are built slot by slot in bulk and so may have no
converter (see ``converter.build_instances``, which skips both).
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
import types
import typing
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

import attrs

from .errors import FieldValueError

__all__ = ["checked_fields", "enum_member", "is_field_check"]

_Convert = Callable[[Any], Any]


class _Skip(Exception):
    """The annotation is not one this module checks (e.g. the source document)."""


def _kind(value: object) -> str:
    if value is None:
        return "None"
    if isinstance(value, str):
        return f"文字 text {value!r}"
    return f"{type(value).__name__} {value!r}" if not isinstance(value, dict) else "dict"


def _where(cls: type, name: str) -> str:
    return f"{cls.__name__}.{name}"


def enum_member(cls: type[enum.Enum], value: object) -> enum.Enum:
    """``value`` as a member of ``cls``: the member, its value (Chinese) or its name (any case)."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        text = value.strip()
        for member in cls:
            if text == member.value or text.upper() == member.name:
                return member
    allowed = "、".join(str(m.value) for m in cls)
    names = ", ".join(m.name for m in cls)
    raise ValueError(
        f"{value!r} 不是 {cls.__name__} 的取值，可选：{allowed}（或 {names}）"
        f" ({value!r} is not a value of {cls.__name__}; expected one of {allowed} or {names})"
    ) from None


def _scalar(cls: type, name: str, t: Any) -> _Convert:
    where = _where(cls, name)
    if isinstance(t, type) and issubclass(t, enum.Enum):

        def to_enum(value: Any) -> Any:
            try:
                return enum_member(t, value)
            except ValueError as exc:
                raise ValueError(f"{where}：{exc}") from None

        return to_enum
    if t is Fraction:
        from .converter import parse_fraction

        def to_fraction(value: Any) -> Fraction:
            try:
                return parse_fraction(value)
            except (TypeError, ValueError) as exc:
                raise type(exc)(f"{where}：{exc}") from None

        return to_fraction
    if t is str:

        def to_str(value: Any) -> str:
            if isinstance(value, str):
                return value
            if isinstance(value, int) and not isinstance(value, bool):
                return str(value)  # as the file reader does: codes such as 110101 unquoted
            raise TypeError(f"{where}：应为文字 (expected text), got {_kind(value)}")

        return to_str
    if t is bool:

        def check_bool(value: Any) -> bool:
            if isinstance(value, bool):
                return value
            raise TypeError(f"{where}：应为 True 或 False (expected a bool), got {_kind(value)}")

        return check_bool
    if t is int:

        def check_int(value: Any) -> int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            raise TypeError(f"{where}：应为整数 (expected a whole number), got {_kind(value)}")

        return check_int
    if t is dt.date:

        def to_date(value: Any) -> dt.date:
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            if isinstance(value, str):
                from .converter import parse_date

                try:
                    return parse_date(value)
                except ValueError as exc:
                    raise ValueError(f"{where}：{exc}") from None
            raise TypeError(f"{where}：应为日期 (expected a datetime.date), got {_kind(value)}")

        return to_date
    if typing.get_origin(t) is dict:
        key_t, value_t = typing.get_args(t)
        check_key, check_value = _scalar(cls, name, key_t), _scalar(cls, name, value_t)

        def to_dict(value: Any) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"{where}：应为映射 (expected a dict), got {_kind(value)}")
            return {check_key(k): check_value(v) for k, v in value.items()}

        return to_dict
    from .converter import scalar_reader  # the module is loaded: it registered the type

    read = scalar_reader(t)
    if read is not None:  # a type read from one word or date (a work plan's deadline)

        def to_scalar(value: Any) -> Any:
            try:
                return read(value)
            except (TypeError, ValueError) as exc:
                raise type(exc)(f"{where}：{exc}") from None

        return to_scalar
    if attrs.has(t):

        def check_instance(value: Any) -> Any:
            if isinstance(value, t):
                return value
            raise TypeError(
                f"{where}：应为 {t.__name__} 对象 (expected a {t.__name__}), got {_kind(value)}"
            )

        return check_instance
    raise _Skip


def _for_type(cls: type, name: str, t: Any) -> _Convert:
    args = typing.get_args(t)
    if typing.get_origin(t) in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        convert = _for_type(cls, name, inner)
        return lambda value: None if value is None else convert(value)
    if typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item_t = args[0]
        item = _scalar(cls, name, item_t)
        exact = {item_t} if isinstance(item_t, type) else set()
        where = _where(cls, name)

        def to_tuple(value: Any) -> tuple[Any, ...]:
            if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
                raise TypeError(
                    f"{where}：应为列表或元组 (expected a list or tuple), got {_kind(value)}"
                )
            if type(value) is tuple and set(map(type, value)) <= exact:
                return value  # the file reader's objects: checked in C, the bulk of a city
            return tuple(map(item, value))

        return to_tuple
    return _scalar(cls, name, t)


_FIELD_CHECKS: set[_Convert] = set()


def is_field_check(converter: object) -> bool:
    """Whether ``converter`` is one :func:`checked_fields` made.

    Such a converter only checks: a value of the field's exact type (what the file
    reader produces) comes back unchanged, so ``reader.py`` may set it directly.
    """
    return converter in _FIELD_CHECKS


def checked_fields(
    *, convert: bool = True
) -> Callable[[type, list[attrs.Attribute[Any]]], list[attrs.Attribute[Any]]]:
    """An attrs ``field_transformer`` adding conversion and checks from the annotations."""

    def transform(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
        namespace = vars(sys.modules[cls.__module__])
        out = []
        for f in fields:
            t = f.type
            if isinstance(t, str):
                t = eval(t, namespace)  # the module's own annotations, resolved once
                f = f.evolve(type=t)  # and kept: readers need not evaluate them again
            try:
                check = _for_type(cls, f.name, t)
            except _Skip:
                out.append(f)
                continue
            if f.validator is not None:
                f = f.evolve(validator=_naming(cls, f.validator))
            if convert:
                _FIELD_CHECKS.add(check)
                out.append(f.evolve(converter=check))
            else:
                validate = _validator(check)
                chained = (
                    validate
                    if f.validator is None
                    else attrs.validators.and_(validate, f.validator)
                )
                out.append(f.evolve(validator=chained))
        return out

    return transform


def _naming(cls: type, validator: Any) -> Callable[[Any, Any, Any], None]:
    """``validator``, its errors naming the class (``Office.serves: must list…``)."""

    def validate(inst: Any, attr: Any, value: Any) -> None:
        try:
            validator(inst, attr, value)
        except FieldValueError as exc:
            if exc.owner is not None:
                raise
            raise FieldValueError(exc.field, exc.message, owner=cls.__name__) from None

    validate.__wrapped__ = validator  # type: ignore[attr-defined]  # reader.py calls it directly
    return validate


def _validator(check: _Convert) -> Callable[[Any, Any, Any], None]:
    def validate(inst: Any, attr: Any, value: Any) -> None:
        converted = check(value)  # raises for a value of the wrong kind
        if converted is not value:
            # The class has no converter (it is built slot by slot in bulk): store the
            # converted value in the slot, as a converter would have.
            object.__setattr__(inst, attr.name, converted)

    return validate
