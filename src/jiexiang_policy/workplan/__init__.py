"""Work plans: tasks implementing the measures, with units, deadlines and progress.

A district or the city breaks the plan into tasks (任务分解), each with a lead unit
(牵头单位), cooperating units (协办单位), a deadline and a status. This subpackage
reads such a plan (:func:`load_workplan`), checks it (:func:`check_workplan`, rules
WP001–WP009), reports progress (:func:`workplan_status`), rolls several district plans
up into a city view (:func:`rollup`), and exports deadlines as iCalendar (:func:`workplan_ics`)
and a dashboard page (:func:`status_html`). See ``docs/workplan-format.md``.
"""

from .catalog import Assignment, catalog_assignments
from .check import check_workplan, select_workplan_rules, workplan_rule_by_id
from .deadlines import Due, DueKind
from .html import rollup_html, status_html
from .ics import workplan_ics
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
from .progress import (
    Bucket,
    Counts,
    DueItem,
    MeasureProgress,
    UnitLedger,
    WorkplanStatus,
    bucket_of,
    count_tasks,
    workplan_status,
)
from .report import render_workplan_report
from .rollup import DistrictRow, Rollup, rollup
from .rules import ALL_WORKPLAN_RULES, WorkplanContext, WorkplanRule, WorkplanViolation
from .settings import BeforeYear, WorkplanSettings, load_settings
from .status_text import rollup_text, status_text
from .table import (
    parse_tasks_csv,
    read_tasks_csv,
    read_tasks_table,
    read_tasks_xlsx,
    tasks_csv,
    tasks_xlsx,
)

__all__ = [
    "ALL_WORKPLAN_RULES",
    "WORKPLAN_SCHEMA_VERSION",
    "Assignment",
    "BeforeYear",
    "Bucket",
    "Counts",
    "DistrictRow",
    "Due",
    "DueItem",
    "DueKind",
    "Issuer",
    "IssuerLevel",
    "MeasureProgress",
    "Milestone",
    "NotApplicable",
    "Rollup",
    "Task",
    "TaskStatus",
    "UnitLedger",
    "WorkPlan",
    "WorkPlanFileError",
    "WorkplanContext",
    "WorkplanRule",
    "WorkplanSettings",
    "WorkplanStatus",
    "WorkplanViolation",
    "bucket_of",
    "catalog_assignments",
    "check_workplan",
    "count_tasks",
    "load_settings",
    "load_workplan",
    "parse_tasks_csv",
    "read_tasks_csv",
    "read_tasks_table",
    "read_tasks_xlsx",
    "render_workplan_report",
    "rollup",
    "rollup_html",
    "rollup_text",
    "select_workplan_rules",
    "status_html",
    "status_text",
    "tasks_csv",
    "tasks_xlsx",
    "workplan_from_document",
    "workplan_ics",
    "workplan_rule_by_id",
    "workplan_status",
]
