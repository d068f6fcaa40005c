"""The work-plan checks' settings (due-soon window, how "before year N" is read), as data.

Read from ``policies/workplan/settings.yaml`` (beside the plan folders); every value there is
an editorial choice documented in ``docs/workplan-format.md``. Callers may pass their own.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from pathlib import Path

import attrs

from ..converter import structure_versioned
from ..documents import load_document
from ..errors import FieldValueError, InputError, PolicyFileError
from ..plan import Deadline, DeadlineKind
from ..plan_loader import default_policy_dir

__all__ = ["SETTINGS_FILE", "BeforeYear", "WorkplanSettings", "load_settings", "source_last_day"]

SETTINGS_FILE = Path("workplan") / "settings.yaml"
"""Where the settings live: in the shipped ``policies/`` (beside the plan folders), or inside a
plan folder given with ``--policy-dir`` that carries its own."""


class BeforeYear(enum.Enum):
    """How a source deadline "before year N" is read as a last day."""

    PREVIOUS_YEAR_END = "previous_year_end"
    """31 December of N-1: the literal reading of “N 年前” (before N)."""
    YEAR_END = "year_end"
    """31 December of N."""


def _nonneg(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise FieldValueError(attribute.name, f"must not be negative (got {value})")


@attrs.frozen
class WorkplanSettings:
    """What the work-plan rules read besides the plan and the policy."""

    schema_version: int = 1
    due_soon_days: int = attrs.field(default=30, validator=_nonneg)
    """WP009: a deadline within this many days of the as-of date is a note."""
    before_year_last_day: BeforeYear = BeforeYear.PREVIOUS_YEAR_END
    """WP005: the last day of a source deadline "before year N"."""


@functools.cache
def _shipped_settings() -> WorkplanSettings:
    return _load(default_policy_dir().parent / SETTINGS_FILE)


def load_settings(path: str | Path | None = None) -> WorkplanSettings:
    """The settings in ``path`` (default: the shipped ``policies/workplan/settings.yaml``)."""
    return _shipped_settings() if path is None else _load(Path(path))


def _load(file: Path) -> WorkplanSettings:
    try:
        doc = load_document(file)
    except InputError as exc:
        raise PolicyFileError(list(exc.problems)) from None
    return structure_versioned(
        doc, WorkplanSettings, 1, "work-plan settings must be a mapping", PolicyFileError
    )


def source_last_day(deadline: Deadline, settings: WorkplanSettings) -> dt.date | None:
    """The last day a policy's own deadline allows; ``None`` when the source sets none."""
    if deadline.kind is DeadlineKind.DATE:
        return deadline.date
    if deadline.kind is DeadlineKind.BEFORE_YEAR and deadline.year is not None:
        if settings.before_year_last_day is BeforeYear.YEAR_END:
            return dt.date(deadline.year, 12, 31)
        return dt.date(deadline.year - 1, 12, 31)
    return None
