"""Where a work plan stands on a day: per measure, per unit (the 报到 side), what is due and overdue.

Every task falls in exactly one bucket on the as-of date: 已完成, 已取消, 逾期 (open and
past its deadline), 推进中 or 未启动 (open and not past it). A task implementing several
measures counts once under each of them, and once in the plan's totals.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

import attrs

from ..plan import Plan, Text
from ..plan_loader import load_plan
from .deadlines import Due
from .model import Task, TaskStatus, WorkPlan
from .rules import task_measures
from .settings import WorkplanSettings, load_settings

__all__ = [
    "STATUS_SCHEMA_VERSION",
    "Bucket",
    "Counts",
    "DueItem",
    "MeasureProgress",
    "UnitLedger",
    "WorkplanStatus",
    "bucket_of",
    "count_tasks",
    "workplan_status",
]

STATUS_SCHEMA_VERSION = 1
"""Bumped whenever a field of the JSON status changes meaning or disappears."""


class Bucket(enum.Enum):
    """Where a task stands on the as-of date; every task is in exactly one."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"

    def label(self, lang: str = "zh") -> str:
        """The word shown to people."""
        if lang == "en":
            return self.value.replace("_", " ")
        return {
            "done": "已完成",
            "in_progress": "推进中",
            "not_started": "未启动",
            "overdue": "逾期",
            "cancelled": "已取消",
        }[self.value]


def bucket_of(task: Task, as_of: dt.date) -> Bucket:
    """The bucket of ``task`` on ``as_of`` (due today is not overdue)."""
    if task.status is TaskStatus.DONE:
        return Bucket.DONE
    if task.status is TaskStatus.CANCELLED:
        return Bucket.CANCELLED
    if task.deadline.overdue_on(as_of):
        return Bucket.OVERDUE
    if task.status is TaskStatus.IN_PROGRESS:
        return Bucket.IN_PROGRESS
    return Bucket.NOT_STARTED


@attrs.frozen
class Counts:
    """Tasks per bucket."""

    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0
    cancelled: int = 0

    @property
    def total(self) -> int:
        """All tasks counted, whatever their bucket."""
        return self.done + self.in_progress + self.not_started + self.overdue + self.cancelled

    def get(self, bucket: Bucket) -> int:
        """The count of one bucket."""
        value: int = getattr(self, bucket.value)
        return value

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{b.value: self.get(b) + other.get(b) for b in Bucket})

    def to_dict(self) -> dict[str, int]:
        """JSON-ready form, with the total."""
        return {**{b.value: self.get(b) for b in Bucket}, "total": self.total}


def count_tasks(tasks: tuple[Task, ...] | list[Task], as_of: dt.date) -> Counts:
    """How many of ``tasks`` are in each bucket on ``as_of``."""
    tally = dict.fromkeys((b.value for b in Bucket), 0)
    for task in tasks:
        tally[bucket_of(task, as_of).value] += 1
    return Counts(**tally)


@attrs.frozen
class MeasureProgress:
    """The tasks of one measure and where they stand."""

    measure_id: str
    title: Text
    task_ids: tuple[str, ...]
    counts: Counts
    not_applicable: str | None = None
    """The plan's reason, when it marks the measure not applicable."""


@attrs.frozen
class DueItem:
    """An open task or milestone with a deadline: who owes it and by when."""

    task_id: str
    text: str
    milestone: str | None
    lead_unit: str | None
    units: tuple[str, ...]
    due: Due
    last_day: dt.date | None
    days_left: int | None
    """Days from the as-of date to the last day; negative once overdue; ``None`` for ongoing."""
    status: TaskStatus
    measures: tuple[str, ...]

    @property
    def overdue(self) -> bool:
        """Past its last day on the as-of date."""
        return self.days_left is not None and self.days_left < 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "task_id": self.task_id,
            "text": self.text,
            "milestone": self.milestone,
            "lead_unit": self.lead_unit,
            "units": list(self.units),
            "deadline": self.due.text(),
            "deadline_text": {"zh": self.due.describe("zh"), "en": self.due.describe("en")},
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "days_left": self.days_left,
            "overdue": self.overdue,
            "status": self.status.value,
            "measures": list(self.measures),
        }


@attrs.frozen
class UnitLedger:
    """What one unit owes: the open tasks it leads or cooperates on, by deadline."""

    unit: str
    leads: Counts
    """Its lead tasks per bucket."""
    owes: tuple[tuple[str, DueItem], ...]
    """(role, item) with role ``lead`` or ``cooperating``, soonest first (ongoing last)."""


@attrs.frozen
class WorkplanStatus:
    """The whole status of a work plan on one day."""

    title: str
    issuer: str
    file: str
    as_of: dt.date
    illustrative: bool
    due_soon_days: int
    counts: Counts
    measures: tuple[MeasureProgress, ...]
    units: tuple[UnitLedger, ...]
    tasks: tuple[tuple[Task, Bucket, tuple[str, ...]], ...]
    """Every task with its bucket and measures, in plan order."""
    overdue: tuple[DueItem, ...]
    upcoming: tuple[DueItem, ...]
    """Open items not yet past their last day, soonest first."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``schema_version`` 1)."""
        return {
            "schema_version": STATUS_SCHEMA_VERSION,
            "title": self.title,
            "issuer": self.issuer,
            "file": self.file,
            "as_of": self.as_of.isoformat(),
            "illustrative": self.illustrative,
            "due_soon_days": self.due_soon_days,
            "counts": self.counts.to_dict(),
            "measures": [
                {
                    "measure_id": m.measure_id,
                    "title": {"zh": m.title.zh, "en": m.title.en},
                    "task_ids": list(m.task_ids),
                    "counts": m.counts.to_dict(),
                    "not_applicable": m.not_applicable,
                }
                for m in self.measures
            ],
            "units": [
                {
                    "unit": u.unit,
                    "leads": u.leads.to_dict(),
                    "owes": [{"role": role, **item.to_dict()} for role, item in u.owes],
                }
                for u in self.units
            ],
            "tasks": [
                {
                    "id": t.id,
                    "text": t.text,
                    "measures": list(ms),
                    "lead_unit": t.lead_unit,
                    "cooperating_units": list(t.cooperating_units),
                    "leader": t.leader,
                    "deadline": t.deadline.text(),
                    "last_day": t.deadline.last_day.isoformat() if t.deadline.last_day else None,
                    "status": t.status.value,
                    "bucket": b.value,
                    "completed": t.completed.isoformat() if t.completed else None,
                    "evidence": t.evidence,
                    "notes": t.notes,
                }
                for t, b, ms in self.tasks
            ],
            "overdue": [i.to_dict() for i in self.overdue],
            "upcoming": [i.to_dict() for i in self.upcoming],
        }

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _items(task: Task, as_of: dt.date, measures: tuple[str, ...]) -> list[DueItem]:
    if not task.open:
        return []

    def item(due: Due, milestone: str | None) -> DueItem:
        return DueItem(
            task_id=task.id,
            text=task.text,
            milestone=milestone,
            lead_unit=task.lead_unit,
            units=task.units,
            due=due,
            last_day=due.last_day,
            days_left=due.days_left(as_of),
            status=task.status,
            measures=measures,
        )

    out = [item(task.deadline, None)]
    out += [
        item(ms.deadline, ms.text)
        for ms in task.milestones
        if ms.completed is None and ms.deadline.last_day is not None
    ]
    return out


def workplan_status(
    workplan: WorkPlan,
    plan: Plan | None = None,
    *,
    as_of: dt.date,
    settings: WorkplanSettings | None = None,
) -> WorkplanStatus:
    """Where ``workplan`` stands on ``as_of``."""
    plan = plan or load_plan()
    settings = settings or load_settings()
    rows = tuple((t, bucket_of(t, as_of), task_measures(t, plan)) for t in workplan.tasks)
    excused = {na.measure: na.reason for na in workplan.not_applicable}
    measures = tuple(
        MeasureProgress(
            measure_id=m.id,
            title=m.title,
            task_ids=tuple(t.id for t, _, ms in rows if m.id in ms),
            counts=count_tasks([t for t, _, ms in rows if m.id in ms], as_of),
            not_applicable=excused.get(m.id),
        )
        for m in plan.measures
    )
    order = {t.id: n for n, t in enumerate(workplan.tasks)}

    def soonest(item: DueItem) -> tuple[Any, ...]:
        return (item.last_day is None, item.last_day or dt.date.max, order[item.task_id])

    items = sorted((i for t, _, ms in rows for i in _items(t, as_of, ms)), key=soonest)
    # The plan's register of units first, in its order; then units as they first appear.
    unit_names = list(dict.fromkeys(workplan.units))
    used = dict.fromkeys(u for t, _, _ in rows for u in t.units)
    unit_names = [u for u in unit_names if u in used] + [u for u in used if u not in unit_names]
    units = []
    for unit in unit_names:
        owes = [
            ("lead" if i.lead_unit == unit else "cooperating", i) for i in items if unit in i.units
        ]
        leads = count_tasks([t for t, _, _ in rows if t.lead_unit == unit], as_of)
        units.append(UnitLedger(unit=unit, leads=leads, owes=tuple(owes)))
    return WorkplanStatus(
        title=workplan.title,
        issuer=workplan.issuer.name,
        file=workplan.name,
        as_of=as_of,
        illustrative=workplan.illustrative,
        due_soon_days=settings.due_soon_days,
        counts=count_tasks(workplan.tasks, as_of),
        measures=measures,
        units=tuple(units),
        tasks=rows,
        overdue=tuple(i for i in items if i.overdue),
        upcoming=tuple(i for i in items if not i.overdue),
    )
