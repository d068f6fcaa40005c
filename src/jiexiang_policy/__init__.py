"""jiexiang-policy: Beijing's 2018 “街乡吹哨、部门报到” plan as typed data, and a checker.

Load the plan::

    >>> from jiexiang_policy import load_plan
    >>> plan = load_plan()
    >>> len(plan.measures)
    14

Check an organisational setup::

    >>> from jiexiang_policy import check, load_setup
    >>> report = check(load_setup("examples/dongcheng.yaml"))  # doctest: +SKIP
"""

from ._version import __version__
from .catalog import CATALOG_SCHEMA_VERSION, catalog_data, catalog_json, catalog_text
from .checker import check, merge_reports, select_rules
from .converter import parse_fraction
from .documents import Document, Limits, load_document, parse_document
from .errors import InputError, JiexiangPolicyError, PolicyFileError, SetupFileError
from .findings import REPORT_SCHEMA_VERSION, Finding, Report, Severity, Status
from .locations import Location
from .orgsetup import SETUP_SCHEMA_VERSION, Setup, load_setup
from .plan import (
    Category,
    Deadline,
    DeadlineKind,
    Heading,
    Level,
    Measure,
    Modality,
    Obligation,
    Parameter,
    Plan,
    PlanMetadata,
    Provision,
    ResponsibleParty,
    Term,
    Text,
)
from .plan_loader import default_policy_dir, load_plan
from .reporters import render
from .rule import Context, Example, Rule, Violation
from .rules import rule_by_id, rules

__all__ = [
    "CATALOG_SCHEMA_VERSION",
    "REPORT_SCHEMA_VERSION",
    "SETUP_SCHEMA_VERSION",
    "Category",
    "Context",
    "Deadline",
    "DeadlineKind",
    "Document",
    "Example",
    "Finding",
    "Heading",
    "InputError",
    "JiexiangPolicyError",
    "Level",
    "Limits",
    "Location",
    "Measure",
    "Modality",
    "Obligation",
    "Parameter",
    "Plan",
    "PlanMetadata",
    "PolicyFileError",
    "Provision",
    "Report",
    "ResponsibleParty",
    "Rule",
    "Setup",
    "SetupFileError",
    "Severity",
    "Status",
    "Term",
    "Text",
    "Violation",
    "__version__",
    "catalog_data",
    "catalog_json",
    "catalog_text",
    "check",
    "default_policy_dir",
    "load_document",
    "load_plan",
    "load_setup",
    "merge_reports",
    "parse_document",
    "parse_fraction",
    "render",
    "rule_by_id",
    "rules",
    "select_rules",
]
