"""Work plans: tasks implementing the measures, with units, deadlines and progress.

A district or the city breaks the plan into tasks (任务分解), each with a lead unit
(牵头单位), cooperating units (协办单位), a deadline and a status. This subpackage
reads such a plan (:func:`load_workplan`), checks it (:func:`check_workplan`, rules
WP001–WP009), reports progress (:func:`workplan_status`), rolls several district plans
up into a city view (:func:`rollup`), and exports deadlines as iCalendar (:func:`workplan_ics`)
and a dashboard page (:func:`status_html`). See ``docs/workplan-format.md``.
"""

from .check import check_workplan, select_workplan_rules, workplan_rule_by_id
from .deadlines import Due, DueKind
from .loader import WorkPlanFileError, load_workplan, workplan_from_document
from .model import (
    WORKPLAN_SCHEMA_VERSION,
    Issuer,
    IssuerLevel,
    Milestone,
    NotApplicable,
    Task,
    TaskStatus,
    WorkPlan,
)
from .rules import ALL_WORKPLAN_RULES, WorkplanContext, WorkplanRule, WorkplanViolation
from .settings import BeforeYear, WorkplanSettings, load_settings

__all__ = [
    "ALL_WORKPLAN_RULES",
    "WORKPLAN_SCHEMA_VERSION",
    "BeforeYear",
    "Due",
    "DueKind",
    "Issuer",
    "IssuerLevel",
    "Milestone",
    "NotApplicable",
    "Task",
    "TaskStatus",
    "WorkPlan",
    "WorkPlanFileError",
    "WorkplanContext",
    "WorkplanRule",
    "WorkplanSettings",
    "WorkplanViolation",
    "check_workplan",
    "load_settings",
    "load_workplan",
    "select_workplan_rules",
    "workplan_from_document",
    "workplan_rule_by_id",
]
