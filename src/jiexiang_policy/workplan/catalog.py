"""The catalog's 责任单位 and 完成时限 filled from a work plan, saying whose plan they come from.

Without a work plan the catalog says what the source says (mostly "not stated in
source"); with one, each measure shows the lead and cooperating units of its tasks
and their deadlines, attributed to the plan's issuer and title, never to the source.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..plan import Plan
from .deadlines import DueKind
from .model import TaskStatus, WorkPlan
from .rules import task_measures

__all__ = ["Assignment", "catalog_assignments"]


@attrs.frozen
class Assignment:
    """What a work plan assigns for one measure."""

    measure_id: str
    lead_units: tuple[str, ...]
    cooperating_units: tuple[str, ...]
    deadlines: tuple[str, ...]
    """The distinct deadlines of its tasks, zh, in task order."""
    deadlines_en: tuple[str, ...]
    source: str
    """Whose plan: ``东城区《…》``."""
    not_applicable: str | None = None

    def units_text(self, lang: str = "zh") -> str:
        """The units as one line."""
        if self.not_applicable and not self.lead_units:
            return (
                f"not applicable: {self.not_applicable}"
                if lang == "en"
                else f"不适用：{self.not_applicable}"
            )
        if lang == "en":
            text = "lead: " + ", ".join(self.lead_units or ("none",))
            return text + (
                f"; cooperating: {', '.join(self.cooperating_units)}"
                if self.cooperating_units
                else ""
            )
        text = "牵头：" + "、".join(self.lead_units or ("未明确",))
        return text + (
            f"；协办：{'、'.join(self.cooperating_units)}" if self.cooperating_units else ""
        )

    def deadline_text(self, lang: str = "zh") -> str:
        """The deadlines as one line."""
        parts = self.deadlines_en if lang == "en" else self.deadlines
        if not parts:
            return "—"
        return ("; " if lang == "en" else "；").join(parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "measure_id": self.measure_id,
            "lead_units": list(self.lead_units),
            "cooperating_units": list(self.cooperating_units),
            "deadlines": list(self.deadlines),
            "source": self.source,
            "not_applicable": self.not_applicable,
        }


def catalog_assignments(workplan: WorkPlan, plan: Plan) -> dict[str, Assignment]:
    """Per measure ID, the units and deadlines ``workplan`` assigns (cancelled tasks left out)."""
    source = f"{workplan.issuer.name}《{workplan.title}》"
    excused = {na.measure: na.reason for na in workplan.not_applicable}
    out: dict[str, Assignment] = {}
    for measure in plan.measures:
        tasks = [
            t
            for t in workplan.tasks
            if t.status is not TaskStatus.CANCELLED and measure.id in task_measures(t, plan)
        ]
        if not tasks and measure.id not in excused:
            continue
        leads = tuple(dict.fromkeys(t.lead_unit for t in tasks if t.lead_unit))
        coops = tuple(
            dict.fromkeys(u for t in tasks for u in t.cooperating_units if u not in leads)
        )
        dues = [t.deadline for t in tasks if t.deadline.kind is not DueKind.NOT_SET]
        out[measure.id] = Assignment(
            measure_id=measure.id,
            lead_units=leads,
            cooperating_units=coops,
            deadlines=tuple(dict.fromkeys(d.describe("zh") for d in dues)),
            deadlines_en=tuple(dict.fromkeys(d.describe("en") for d in dues)),
            source=source,
            not_applicable=excused.get(measure.id),
        )
    return out
