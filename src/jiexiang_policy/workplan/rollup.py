"""Several district work plans as one city view: districts × measures, and overdue counts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import attrs

from ..errors import InputError
from ..plan import Plan, Text
from ..plan_loader import load_plan
from .model import WorkPlan
from .progress import Counts, WorkplanStatus, count_tasks, workplan_status
from .settings import WorkplanSettings

__all__ = ["ROLLUP_SCHEMA_VERSION", "DistrictRow", "Rollup", "rollup"]

ROLLUP_SCHEMA_VERSION = 1


@attrs.frozen
class DistrictRow:
    """One district's plan: its totals and one cell per measure."""

    district: str
    title: str
    file: str
    illustrative: bool
    counts: Counts
    cells: tuple[Counts, ...]
    """Per measure, in the plan's measure order."""
    not_applicable: tuple[str, ...]
    overdue_items: int
    """Overdue tasks and milestones (a task's overdue milestones count too)."""


@attrs.frozen
class Rollup:
    """The city view on one day."""

    as_of: dt.date
    measures: tuple[tuple[str, Text], ...]
    districts: tuple[DistrictRow, ...]
    statuses: tuple[WorkplanStatus, ...] = attrs.field(eq=False, repr=False)

    @property
    def totals(self) -> Counts:
        """All districts' tasks per bucket."""
        total = Counts()
        for row in self.districts:
            total = total + row.counts
        return total

    def measure_totals(self) -> tuple[Counts, ...]:
        """Per measure, all districts' tasks per bucket."""
        out = []
        for i in range(len(self.measures)):
            total = Counts()
            for row in self.districts:
                total = total + row.cells[i]
            out.append(total)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "schema_version": ROLLUP_SCHEMA_VERSION,
            "as_of": self.as_of.isoformat(),
            "measures": [{"id": i, "title": {"zh": t.zh, "en": t.en}} for i, t in self.measures],
            "districts": [
                {
                    "district": r.district,
                    "title": r.title,
                    "file": r.file,
                    "illustrative": r.illustrative,
                    "counts": r.counts.to_dict(),
                    "overdue_items": r.overdue_items,
                    "not_applicable": list(r.not_applicable),
                    "measures": {
                        mid: cell.to_dict()
                        for (mid, _), cell in zip(self.measures, r.cells, strict=True)
                    },
                }
                for r in self.districts
            ],
            "totals": {
                "counts": self.totals.to_dict(),
                "overdue_items": sum(r.overdue_items for r in self.districts),
                "measures": {
                    mid: c.to_dict()
                    for (mid, _), c in zip(self.measures, self.measure_totals(), strict=True)
                },
            },
        }

    def to_json(self) -> str:
        """Deterministic JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def rollup(
    workplans: Sequence[WorkPlan],
    plan: Plan | None = None,
    *,
    as_of: dt.date,
    settings: WorkplanSettings | None = None,
) -> Rollup:
    """The city view of ``workplans`` (one per district) on ``as_of``, districts in name order."""
    plan = plan or load_plan()
    seen: dict[str, WorkPlan] = {}
    for wp in workplans:
        if wp.issuer.name in seen:
            raise InputError.at(
                wp.locate(("issuer", "name")),
                f"{wp.issuer.name} has two work plans here ({seen[wp.issuer.name].name!r} and "
                f"{wp.name!r}); give one per district",
            )
        seen[wp.issuer.name] = wp
    statuses = [
        workplan_status(seen[name], plan, as_of=as_of, settings=settings) for name in sorted(seen)
    ]
    rows = []
    for st in statuses:
        by_id = {t.id: t for t, _, _ in st.tasks}
        cells = tuple(count_tasks([by_id[i] for i in m.task_ids], as_of) for m in st.measures)
        rows.append(
            DistrictRow(
                district=st.issuer,
                title=st.title,
                file=st.file,
                illustrative=st.illustrative,
                counts=st.counts,
                cells=cells,
                not_applicable=tuple(m.measure_id for m in st.measures if m.not_applicable),
                overdue_items=len(st.overdue),
            )
        )
    return Rollup(
        as_of=as_of,
        measures=tuple((m.id, m.title) for m in plan.measures),
        districts=tuple(rows),
        statuses=tuple(statuses),
    )
