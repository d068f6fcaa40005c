"""A work plan (工作方案 / 任务分解) as typed values: who issued it, what it implements, its tasks.

Frozen attrs objects: build them in Python, or read them from YAML/JSON with
:func:`~jiexiang_policy.workplan.loader.load_workplan` (see ``docs/workplan-format.md``).
Built in Python they are converted and checked as the file reader does (``"推进中"``
becomes ``TaskStatus.IN_PROGRESS``, ``"2026年底"`` a :class:`Due`, a list a tuple; a
wrong value raises at construction), and :func:`check_workplan` checks what the loader
checks across them (task IDs, measures, provisions, documents).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from ..converter import omit_fields_not_data, register_scalar
from ..documents import Document
from ..errors import FieldValueError
from ..fieldcheck import checked_fields
from ..locations import Location, PathPart
from .deadlines import Due

__all__ = [
    "WORKPLAN_SCHEMA_VERSION",
    "Issuer",
    "IssuerLevel",
    "Milestone",
    "NotApplicable",
    "Task",
    "TaskStatus",
    "WorkPlan",
]

WORKPLAN_SCHEMA_VERSION = 1

register_scalar(Due, Due.parse, Due.text)
_NOT_SET = Due.not_set()


class IssuerLevel(enum.Enum):
    """Who issued the plan: the city (市) or a district (区)."""

    CITY = "市"
    DISTRICT = "区"


class TaskStatus(enum.Enum):
    """Where a task stands."""

    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"
    CANCELLED = "已取消"

    def label(self, lang: str = "zh") -> str:
        """The word shown to people."""
        if lang == "en":
            return {"未启动": "not started", "推进中": "in progress", "已完成": "done"}.get(
                self.value, "cancelled"
            )
        return self.value


def _nonblank(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not value.strip():
        raise FieldValueError(attribute.name, "must not be empty")


def _nonblank_items(_inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if any(not v.strip() for v in value):
        raise FieldValueError(attribute.name, "must not contain an empty name")


@attrs.frozen(field_transformer=checked_fields())
class Issuer:
    """The district or the city that issued the plan."""

    level: IssuerLevel
    """市 or 区."""
    name: str = attrs.field(validator=_nonblank)
    """The district's name (东城区) or the city's (北京市); the roll-up groups by it."""
    unit: str | None = attrs.field(default=None, validator=_nonblank)
    """The issuing body, e.g. 区委区政府, if stated."""


@attrs.frozen(field_transformer=checked_fields())
class Milestone:
    """A step of a task with a deadline of its own."""

    text: str = attrs.field(validator=_nonblank)
    deadline: Due = _NOT_SET
    completed: dt.date | None = None
    """The day it was done; ``None`` while it is not."""


@attrs.frozen(field_transformer=checked_fields())
class Task:
    """One task of the plan: what, for which measures, who leads, by when, how far."""

    id: str = attrs.field(validator=_nonblank)
    """The plan's own number, e.g. ``1`` or ``DC-03``; unique in the plan."""
    text: str = attrs.field(validator=_nonblank)
    """What is to be done (任务内容)."""
    measures: tuple[str, ...] = ()
    """IDs of the measures it implements (M01 … M14)."""
    provisions: tuple[str, ...] = ()
    """IDs of the provisions or obligations it implements (P-1.2.2, P-1.1.2.b)."""
    leader: str | None = attrs.field(default=None, validator=_nonblank)
    """The responsible leader (责任领导 / 责任区领导), optional."""
    lead_unit: str | None = attrs.field(default=None, validator=_nonblank)
    """The lead unit (牵头单位 / 主责单位)."""
    cooperating_units: tuple[str, ...] = attrs.field(default=(), validator=_nonblank_items)
    """Cooperating units (协办单位 / 配合单位)."""
    deadline: Due = _NOT_SET
    """完成时限: a date, month, quarter, year's end, 长期坚持, or not set."""
    milestones: tuple[Milestone, ...] = ()
    status: TaskStatus = TaskStatus.NOT_STARTED
    completed: dt.date | None = None
    """The day it was completed; required for 已完成 and only then."""
    evidence: str | None = attrs.field(default=None, validator=_nonblank)
    """A link or file number showing it is done (optional)."""
    notes: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.status is TaskStatus.DONE and self.completed is None:
            raise FieldValueError(
                "completed", "is required when status is 已完成 (the day it was done)"
            )
        if self.status is not TaskStatus.DONE and self.completed is not None:
            raise FieldValueError(
                "completed", f"is set but status is {self.status.value}; set status: 已完成"
            )

    @property
    def units(self) -> tuple[str, ...]:
        """The lead unit (if any) and the cooperating units, in that order."""
        lead = (self.lead_unit,) if self.lead_unit else ()
        return lead + tuple(u for u in self.cooperating_units if u != self.lead_unit)

    @property
    def open(self) -> bool:
        """Whether the task is still to be done (not done, not cancelled)."""
        return self.status in (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)


@attrs.frozen(field_transformer=checked_fields())
class NotApplicable:
    """A measure the plan has no task for, on purpose, and why."""

    measure: str = attrs.field(validator=_nonblank)
    reason: str = attrs.field(validator=_nonblank)


def _supported_version(_inst: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value != WORKPLAN_SCHEMA_VERSION:  # as the file reader says of a file's version
        raise FieldValueError(
            attribute.name,
            f"{value} is not supported; this version reads {WORKPLAN_SCHEMA_VERSION}",
        )


@attrs.frozen(field_transformer=checked_fields())
class WorkPlan:
    """A district's or the city's task breakdown of the policy documents it implements."""

    schema_version: int = attrs.field(validator=_supported_version)
    title: str = attrs.field(validator=_nonblank)
    issuer: Issuer
    implements: tuple[str, ...] = attrs.field(validator=attrs.validators.min_len(1))
    """Corpus IDs of the policy documents it implements (``beijing-2018-jiexiang``)."""
    tasks: tuple[Task, ...] = ()
    """The tasks; or keep them in a table (.csv, .xlsx) named by ``tasks_table`` in the file."""
    not_applicable: tuple[NotApplicable, ...] = ()
    """Measures without a task, each with the reason."""
    units: tuple[str, ...] = attrs.field(default=(), validator=_nonblank_items)
    """The register of unit names, if the plan keeps one: every unit named must be in it."""
    issued: dt.date | None = None
    """The day the plan was issued (not checked)."""
    illustrative: bool = False
    """True for an example: the reports say its tasks, units and dates are not official."""
    notes: str | None = None
    document: Document | None = attrs.field(
        default=None, eq=False, repr=False, metadata={"not_data": True}
    )
    """Where it was read from; lets findings point at lines. Not part of the data."""

    def locate(self, path: tuple[PathPart, ...]) -> Location:
        """The file, line and column of ``path`` in the file this plan came from."""
        if self.document is None:
            return Location("<workplan>", 0, 0, path)
        return self.document.locate(path)

    def involving(self, unit: str) -> WorkPlan:
        """The same plan with only the tasks ``unit`` leads or cooperates on."""
        return attrs.evolve(self, tasks=tuple(t for t in self.tasks if unit in t.units))

    @property
    def files(self) -> tuple[str, ...]:
        """The files it was read from: the plan, and its task table when it has one."""
        table = getattr(self.document, "table", None)
        return (self.name,) if table is None else (self.name, table.name)

    @property
    def name(self) -> str:
        """The file name, or ``<workplan>`` for a plan built in Python."""
        return self.document.name if self.document is not None else "<workplan>"


omit_fields_not_data(WorkPlan)
