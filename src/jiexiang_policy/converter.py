"""The project's one cattrs Converter, and turning its errors into located messages.

Structuring is strict: unknown keys are refused (with the nearest valid name),
a string is never taken for a number, a number never for a flag, and weights
are held as exact :class:`fractions.Fraction`.

A valid file is first read by ``reader.py``, which builds the objects directly;
the cattrs converter reads only what that pass refuses, to accept it or say what
is wrong and where. The converter is built on first use, not at import: importing
cattrs and making its hooks would otherwise cost every command.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import re
import types
import typing
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import repeat
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from .documents import Document, lookalike
from .errors import FieldValueError, InputError
from .locations import Location, PathPart

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "build_instances",
    "converter",  # noqa: F822 (made on first use: see __getattr__)
    "half_width",
    "omit_fields_not_data",
    "parse_date",
    "parse_fraction",
    "register_plain_reader",
    "register_scalar",
    "scalar_reader",
    "structure",
    "structure_versioned",
    "unstructure",
    "written_date",
]

T = TypeVar("T")

_PERCENT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$")
_RATIO = re.compile(r"^\s*(-?[0-9]+)\s*/\s*(-?[0-9]+)\s*$")
_DECIMAL = re.compile(r"^\s*-?[0-9]+(?:\.[0-9]+)?\s*$")


# What Chinese input methods type: full-width digits, ／ ％ ． ： － and the ideographic space.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９／％．：－\u3000", "0123456789/%.:- ")
_RATIO_COLON = re.compile(r"^\s*[0-9]+\s*:\s*[0-9]+\s*$")


def half_width(text: str) -> str:
    """``text`` with full-width digits, ／ ％ ． ： － and 　 as their ASCII forms."""
    return text.translate(_HALF_WIDTH)


def parse_fraction(value: object) -> Fraction:
    """Read an exact fraction from ``"1/3"``, ``"33.4%"``, ``"0.34"``, an int or a Decimal.

    Floats are read from their shortest decimal form (``0.34`` is 17/50), so no
    binary rounding ever decides a boundary. Full-width forms typed by Chinese
    input methods (``"１/３"``, ``"1／3"``, ``"33.4％"``) mean the same and are read so;
    a ratio such as ``"1:3"`` is refused (it could mean 1/3 or 1/4).
    """
    if isinstance(value, str) and value != (plain := half_width(value)):
        try:
            return parse_fraction(plain)
        except ValueError as exc:
            raise ValueError(f"{value!r} (read as {plain!r}): {exc}") from None
    if isinstance(value, bool):
        raise TypeError("expected a fraction such as 1/3, 33.4% or 0.34, got true/false")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | Decimal):
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValueError("a weight must be a finite number")
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("a weight must be a finite number")
        return Fraction(repr(value))
    if isinstance(value, str):
        if m := _RATIO.match(value):
            num, den = int(m[1]), int(m[2])
            if den == 0:
                raise ValueError(f"{value!r} has a zero denominator")
            return Fraction(num, den)
        if m := _PERCENT.match(value):
            return Fraction(m[1]) / 100
        if _DECIMAL.match(value):
            return Fraction(value.strip())
        if _RATIO_COLON.match(value):
            raise ValueError(
                f"{value!r} is not a fraction: a ratio with ':' could mean 1/3 or 1/4; "
                "write the share as 1/3, 33.4% or 0.34"
            )
        raise ValueError(f"{value!r} is not a fraction; write 1/3, 33.4% or 0.34")
    raise TypeError(f"expected a fraction such as 1/3, got {_kind(value)}")


def _format_fraction(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value)


def _strict_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # codes such as 110101 are often written unquoted
    raise TypeError(f"expected text, got {_kind(value)}")


def _strict_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"expected a whole number, got {_kind(value)}")


def _strict_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {_kind(value)}")


def _date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise TypeError(f"expected a date (YYYY-MM-DD), got {_kind(value)}")


# Year first, so never ambiguous: 2026-06-30 (ISO), 2026-6-30, and what Chinese office
# software writes: 2026/6/30 (a zh-CN Excel date saved as CSV), 2026.6.30, 2026年6月30日.
_DATE = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})|([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})"
    r"|([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})|([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日"
)


def written_date(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of a date written in one of the forms :func:`parse_date`
    reads, or ``None`` when ``text`` is not written as a date (its day may not exist)."""
    m = _DATE.fullmatch(half_width(text).strip())
    if m is None:
        return None
    year, month, day = (int(g) for g in m.groups() if g is not None)
    return year, month, day


def parse_date(text: str) -> dt.date:
    """A calendar date: ``2026-06-30``, or as Chinese office software writes it
    (``2026/6/30``, ``2026.6.30``, ``2026年6月30日``); never 20290101 or 2029-W01-1.

    Full-width digits and signs (``２０２６－０１－０１``) are read as their ASCII forms.
    """
    ymd = written_date(text)
    if ymd is None:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD")
    try:
        return dt.date(*ymd)
    except ValueError:
        raise ValueError(f"{text!r} is not a valid date: there is no such day") from None


def _kind(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float | Decimal):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _enum_hook(cls: type[enum.Enum]) -> Any:
    by_value = {m.value: m for m in cls}

    def structure_enum(value: Any, _: type) -> enum.Enum:
        try:
            return by_value[value]
        except (KeyError, TypeError):
            allowed = ", ".join(str(v) for v in by_value)
            raise ValueError(f"{value!r} is not allowed here; expected one of: {allowed}") from None

    return structure_enum


def _is_optional(t: Any) -> bool:
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2
        and (type(None) in args)
    )


def _optional_hook_factory(c: cattrs.Converter) -> Any:
    def factory(t: Any) -> Any:
        (inner,) = [a for a in typing.get_args(t) if a is not type(None)]
        hook = c.get_structure_hook(inner)

        def structure_optional(value: Any, _: type) -> Any:
            return None if value is None else hook(value, inner)

        return structure_optional

    return factory


def _is_homogeneous_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


_plain_readers: dict[Any, Callable[[list[Any]], tuple[Any, ...]]] = {}
"""Bulk readers for lists of one class (see :func:`register_plain_reader`)."""

_scalar_readers: dict[Any, Callable[[Any], Any]] = {}
"""Readers of classes written as one plain value (see :func:`register_scalar`)."""


def _tuple_hook_factory(c: cattrs.Converter) -> Any:
    """Lists (or tuples) only: cattrs would also take a string as a tuple of characters."""

    from cattrs.errors import IterableValidationError, IterableValidationNote

    def factory(t: Any) -> Any:
        item = typing.get_args(t)[0]
        hook = c.get_structure_hook(item)

        def structure_tuple(value: Any, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise TypeError(f"expected a list, got {_kind(value)}")
            out, errors = [], []
            for i, v in enumerate(value):
                try:
                    out.append(hook(v, item))
                except Exception as exc:
                    exc.add_note(IterableValidationNote(f"Structuring {t} @ index {i}", i, item))
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {t}", errors, t)
            return tuple(out)

        return structure_tuple

    return factory


_registrations: list[Callable[[cattrs.Converter], None]] = []
"""What the modules that define classes register, applied to the converter when built."""


def _register(registration: Callable[[cattrs.Converter], None]) -> None:
    _registrations.append(registration)
    if _converter.cache_info().currsize:  # already built: apply it now
        registration(_converter())


def omit_fields_not_data(cls: type) -> None:
    """Keep fields marked ``metadata={"not_data": True}`` out of files, both ways."""
    _register(lambda c: _omit(c, cls))


def _omit(c: cattrs.Converter, cls: type) -> None:
    # As factories, so that each hook is made when first needed: the detailed one only
    # for a file with a problem, the unstructuring ones only for output.
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    def omitted() -> dict[str, Any]:
        fields = attrs.fields(cast(Any, cls))
        return {a.name: override(omit=True) for a in fields if a.metadata.get("not_data")}

    def is_cls(t: Any) -> bool:
        return t is cls

    c.register_structure_hook_factory(is_cls, lambda t: make_dict_structure_fn(t, c, **omitted()))
    c.register_unstructure_hook_factory(
        is_cls, lambda t: make_dict_unstructure_fn(t, c, **omitted())
    )


@functools.cache
def _converter() -> cattrs.Converter:
    """The converter, built once, on first use.

    It runs only for what ``reader.py`` refuses, mostly files with a problem, so it
    keeps detailed errors: every problem of a file is located at once.
    """
    import cattrs

    c = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    c.register_structure_hook(str, _strict_str)
    c.register_structure_hook(int, _strict_int)
    c.register_structure_hook(bool, _strict_bool)
    c.register_structure_hook(dt.date, _date)
    c.register_structure_hook(Fraction, lambda v, _: parse_fraction(v))
    c.register_unstructure_hook(Fraction, _format_fraction)
    c.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    c.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory(c))
    # Resolved once per type instead of on every value.
    c.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    c.register_structure_hook_factory(_is_optional, _optional_hook_factory(c))
    for registration in _registrations:
        registration(c)
    return c


def __getattr__(name: str) -> cattrs.Converter:
    # ``converter``: the project's converter (never use cattrs' global one), made on first use.
    if name == "converter":
        return _converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def register_scalar(cls: type[T], read: Callable[[Any], T], write: Callable[[T], Any]) -> None:
    """Read ``cls`` from one plain value with ``read``, and write it back with ``write``.

    For values written as a single word or date in a file (a work plan's deadline,
    ``2026年第二季度``): ``read`` raises :class:`ValueError` or :class:`TypeError` with a
    message for the user. Used by both passes.
    """
    _scalar_readers[cls] = read

    def registration(c: cattrs.Converter) -> None:
        c.register_structure_hook(cls, lambda v, _: read(v))
        c.register_unstructure_hook(cls, write)

    _register(registration)


def scalar_reader(cls: Any) -> Callable[[Any], Any] | None:
    """The reader :func:`register_scalar` registered for ``cls``, if any."""
    return _scalar_readers.get(cls)


def register_plain_reader(cls: type[T], read: Callable[[list[Any]], tuple[T, ...]]) -> None:
    """Read lists of ``cls`` (lanes, steward groups: tens of thousands a city) by hand.

    ``read`` turns a raw list whose items all have the plain, valid shape into a
    tuple of objects and raises for anything else; then the whole list goes
    through the general readers as before, so every error and its message stay
    the same. Used only by the first pass (``reader.py``).
    """
    _plain_readers[cls] = read


_fillable: dict[type, frozenset[str]] = {}


def _check_fillable(cls: type, names: Iterable[str]) -> None:
    if _fillable.get(cls) == names:
        return
    fields = attrs.fields(cls) if attrs.has(cls) else ()
    field_names = frozenset(f.name for f in fields)
    if (
        not fields
        or "__slots__" not in cls.__dict__
        or set(names) != field_names
        or any(f.converter is not None for f in fields)
        or hasattr(cls, "__attrs_pre_init__")
        or hasattr(cls, "__attrs_post_init__")
        or not all(isinstance(cls.__dict__.get(f.name), types.MemberDescriptorType) for f in fields)
    ):
        raise TypeError(
            f"{cls.__name__} cannot be built slot by slot: it needs a slotted attrs "
            "class without converters or init hooks, and a column for every field"
        )
    _fillable[cls] = field_names


def build_instances(cls: type[T], columns: Mapping[str, Sequence[Any]]) -> tuple[T, ...]:
    """One ``cls`` per row of ``columns`` (field name → values), without calling ``__init__``.

    For a plain reader (see :func:`register_plain_reader`): each field's slot is
    set for every row in one C-level ``map``, which halves the cost of calling
    ``cls`` row by row for the tens of thousands of lanes of a city. Validators
    do not run, so the reader checks the values first. ``cls`` must be a slotted
    attrs class without converters or ``__attrs_pre_init__``/``__attrs_post_init__``,
    and ``columns`` must name every field with equally long columns.
    """
    _check_fillable(cls, columns.keys())
    sizes = set(map(len, columns.values()))
    if len(sizes) != 1:
        raise ValueError(f"columns of unequal length for {cls.__name__}: {sorted(sizes)}")
    objs = list(map(object.__new__, repeat(cls, sizes.pop())))
    for name, values in columns.items():
        deque(map(cls.__dict__[name].__set__, objs, values), maxlen=0)  # frozen: set the slot
    return tuple(objs)


def unstructure(obj: Any) -> Any:
    """Plain JSON-ready data for any domain object (tuples become lists)."""
    return _converter().unstructure(obj)


def structure(
    data: Any,
    cls: type[T],
    document: Document,
    base: tuple[PathPart, ...] = (),
) -> T:
    """Structure ``data`` (found at ``base`` in ``document``) into ``cls``.

    Raises :class:`~jiexiang_policy.errors.InputError` listing every problem
    with its file, line, column and path.
    """
    from .reader import read

    try:
        return read(data, cls)
    except Exception:  # anything unusual is read again below, to be accepted or explained
        pass
    from cattrs.errors import ClassValidationError, IterableValidationError

    try:
        return _converter().structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        problems = _problems(exc, base, cls, document)
    except FieldValueError as exc:
        problems = [(document.locate((*base, exc.field)), f"{exc.field} {exc.message}")]
    except (ValueError, TypeError, KeyError) as exc:
        problems = [(document.locate(base), _message(exc, cls))]
    raise InputError(sorted(problems, key=lambda p: (p[0].line, p[0].column)))


def structure_versioned(
    document: Document,
    cls: type[T],
    version: int,
    what: str,
    error: type[InputError],
) -> T:
    """Structure a whole file whose top level is a mapping with an optional ``schema_version``.

    ``what`` is the message when the top level is not a mapping; problems are
    raised as ``error``, a kind of :class:`InputError`.
    """
    data = document.data
    if not isinstance(data, dict):
        raise error.at(document.locate(), what)
    found = data.get("schema_version")
    # 1.0 equals 1 but is not a schema version: only a whole number is (and never true).
    if found is not None and (type(found) is not int or found != version):
        shown = found if isinstance(found, Decimal | float) else repr(found)
        raise error.at(
            document.locate(("schema_version",)),
            f"schema_version {shown} is not supported; this version reads {version}",
        )
    try:
        return structure({"schema_version": version, **data}, cls, document)
    except InputError as exc:
        raise error(list(exc.problems)) from None


def _problems(
    exc: BaseException, path: tuple[PathPart, ...], cls: Any, document: Document
) -> list[tuple[Location, str]]:
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    out: list[tuple[Location, str]] = []
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            # Attribute notes carry a name; list and mapping notes an index or a key.
            raw = getattr(note, "name", None)
            raw = raw if isinstance(raw, str) else getattr(note, "index", 0)
            step: PathPart = raw if isinstance(raw, str | int) else str(raw)
            if isinstance(sub, KeyError) and isinstance(step, str):
                out.append((document.locate(path), f"required field {step!r} is missing"))
                continue
            out += _problems(sub, (*path, step), note.type, document)
        for sub in without:
            out += _problems(sub, path, getattr(exc, "cl", cls), document)
        # A misspelt field is one mistake: keep "did you mean 'x'", drop "'x' is missing".
        hinted = {m.split("did you mean '")[1].rstrip("'?") for _, m in out if "did you mean" in m}
        return [
            (loc, m)
            for loc, m in out
            if not (m.startswith("required field") and m.split("'")[1] in hinted)
        ]
    if isinstance(exc, ForbiddenExtraKeysError):
        valid = (
            [a.name for a in attrs.fields(exc.cl) if not a.metadata.get("not_data")]
            if attrs.has(exc.cl)
            else []
        )
        for extra in sorted(exc.extra_fields):
            hint = difflib.get_close_matches(extra, valid, n=1, cutoff=0.5)
            msg = f"unknown field {extra!r}"
            if (what := lookalike(extra)) is not None:  # e.g. indented with full-width spaces
                msg += f" (the name has {what})"
            msg += f"; did you mean {hint[0]!r}?" if hint else f"; valid fields: {', '.join(valid)}"
            out.append((document.locate((*path, extra), key=True), msg))
        return out
    if isinstance(exc, FieldValueError):
        out.append((document.locate((*path, exc.field)), f"{exc.field} {exc.message}"))
        return out
    out.append((document.locate(path), _message(exc, cls)))
    return out


def _message(exc: BaseException, cls: Any) -> str:
    name = _type_name(cls)
    if isinstance(exc, AttributeError) and ("items" in str(exc) or "keys" in str(exc)):
        return f"expected a mapping for {name}"
    if isinstance(exc, TypeError) and "not iterable" in str(exc):
        if attrs.has(cls):  # a list item or field that should be a mapping: `- ` with nothing
            got = ", got nothing (null)" if "'NoneType'" in str(exc) else ""
            return f"expected a mapping for {name}{got}"
        return "expected a list"
    text = str(exc).strip() or type(exc).__name__
    if "__init__()" in text or ("missing" in text and "argument" in text):
        return f"invalid {name}: {text}"
    return text


def _type_name(cls: Any) -> str:
    return getattr(cls, "__name__", None) or str(cls)
