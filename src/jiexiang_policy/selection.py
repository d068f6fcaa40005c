"""Choosing rules and their severities by ID: the same for setup and work-plan rules."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Protocol, TypeVar

from .errors import InputError
from .findings import Severity
from .locations import Location

__all__ = ["overrides_for", "select_from"]


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


R = TypeVar("R", bound=_Named)


def select_from(
    rules: Sequence[R],
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
) -> tuple[R, ...]:
    """The rules left after ``select`` (default: all) and ``ignore``.

    IDs are case-insensitive; a prefix such as ``JX01`` selects JX010–JX019, and a
    rule's name selects it too; a single ID may be given as a plain string. An ID that matches no rule is an error, so a typo
    never silently disables a check; so is a selection that leaves no rule at all.
    """

    def expand(ids: Collection[str] | str, option: str) -> set[str]:
        out: set[str] = set()
        # One ID given as a string ("JX001") is one rule, not four characters.
        for raw in (ids,) if isinstance(ids, str) else ids:
            key = raw.strip().upper()
            matched = {r.id for r in rules if r.id.startswith(key) or r.name == raw.strip()}
            if not key or not matched:
                known = ", ".join(r.id for r in rules)
                raise InputError.at(Location(option), f"unknown rule {raw!r}; known: {known}")
            out |= matched
        return out

    chosen = expand(select, "--select") if select else {r.id for r in rules}
    dropped = expand(ignore, "--ignore") if ignore else set()
    kept = tuple(r for r in rules if r.id in chosen and r.id not in dropped)
    if not kept:  # a run that checks nothing would pass whatever the file says
        raise InputError.at(
            Location("--ignore"),
            f"--ignore {', '.join(ignore or ())} leaves no rule to run; "
            "ignore fewer rules, or select the ones to run with --select",
        )
    return kept


def overrides_for(
    rules: Sequence[_Named], severities: Mapping[str, Severity | None] | None
) -> dict[str, Severity | None]:
    """Severity overrides by rule ID (``None``: off), each ID checked against ``rules``."""
    known = {r.id for r in rules}
    out: dict[str, Severity | None] = {}
    for raw, severity in (severities or {}).items():
        if severity is not None and not isinstance(severity, Severity):
            raise TypeError(
                f"severities[{raw!r}] must be a Severity or None, not {type(severity).__name__}"
            )
        key = raw.strip().upper()
        if key not in known:
            listed = ", ".join(r.id for r in rules)
            raise InputError.at(Location("severities"), f"unknown rule {raw!r}; known: {listed}")
        out[key] = severity
    return out
