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

from __future__ import annotations

from ._version import __version__

TYPE_CHECKING = False  # not typing's: importing typing would slow `jiexiang --version`
if TYPE_CHECKING:
    from typing import Any

    from .catalog import CATALOG_SCHEMA_VERSION, catalog_data, catalog_json, catalog_text
    from .checker import check, merge_reports, select_rules
    from .converter import parse_fraction
    from .corpus import Corpus, PolicyDocument
    from .corpus_loader import load_corpus
    from .divisions import load_divisions, shipped_registry
    from .documents import Document, Limits, load_document, parse_document
    from .errors import InputError, JiexiangPolicyError, PolicyFileError, SetupFileError
    from .findings import REPORT_SCHEMA_VERSION, Finding, Report, Severity, Status
    from .locations import Location
    from .orgsetup import (
        SETUP_SCHEMA_VERSION,
        Assessment,
        AssessmentComponent,
        Assessor,
        CoordinationCommittee,
        Coordinators,
        DepartmentAssessment,
        District,
        EnforcementCenter,
        EnforcementPersonnel,
        Feedback,
        InternalBodies,
        InternalBody,
        Lane,
        MatchingBodyRequirement,
        NetworkIntegration,
        Office,
        OfficeStatus,
        Rank,
        SettingBasis,
        Setup,
        Staffing,
        StewardGroup,
        Street,
        StreetKind,
        load_setup,
    )
    from .placeholders import PLACEHOLDER
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
    from .ruleset import rule_by_id, rules
    from .scaffold import scaffold
    from .workplan import (
        Due,
        DueKind,
        Issuer,
        IssuerLevel,
        Milestone,
        NotApplicable,
        Task,
        TaskStatus,
        WorkPlan,
        WorkPlanFileError,
        check_workplan,
        load_workplan,
        rollup,
        rollup_html,
        status_html,
        workplan_ics,
        workplan_status,
    )

# Submodules load on first use, so `jiexiang --version` stays as fast as Python's start.
_LAZY = {
    "Assessment": "orgsetup",
    "AssessmentComponent": "orgsetup",
    "Assessor": "orgsetup",
    "CATALOG_SCHEMA_VERSION": "catalog",
    "Category": "plan",
    "Context": "rule",
    "CoordinationCommittee": "orgsetup",
    "Coordinators": "orgsetup",
    "Corpus": "corpus",
    "Deadline": "plan",
    "DeadlineKind": "plan",
    "DepartmentAssessment": "orgsetup",
    "District": "orgsetup",
    "Document": "documents",
    "Due": "workplan",
    "DueKind": "workplan",
    "EnforcementCenter": "orgsetup",
    "EnforcementPersonnel": "orgsetup",
    "Example": "rule",
    "Feedback": "orgsetup",
    "Finding": "findings",
    "Heading": "plan",
    "InputError": "errors",
    "Issuer": "workplan",
    "IssuerLevel": "workplan",
    "InternalBodies": "orgsetup",
    "InternalBody": "orgsetup",
    "JiexiangPolicyError": "errors",
    "Lane": "orgsetup",
    "MatchingBodyRequirement": "orgsetup",
    "Level": "plan",
    "Limits": "documents",
    "Location": "locations",
    "Measure": "plan",
    "Milestone": "workplan",
    "Modality": "plan",
    "NotApplicable": "workplan",
    "NetworkIntegration": "orgsetup",
    "Obligation": "plan",
    "Office": "orgsetup",
    "OfficeStatus": "orgsetup",
    "PLACEHOLDER": "placeholders",
    "Parameter": "plan",
    "Plan": "plan",
    "PlanMetadata": "plan",
    "PolicyDocument": "corpus",
    "PolicyFileError": "errors",
    "Provision": "plan",
    "REPORT_SCHEMA_VERSION": "findings",
    "Rank": "orgsetup",
    "Report": "findings",
    "ResponsibleParty": "plan",
    "Rule": "rule",
    "SETUP_SCHEMA_VERSION": "orgsetup",
    "SettingBasis": "orgsetup",
    "Setup": "orgsetup",
    "SetupFileError": "errors",
    "Severity": "findings",
    "Staffing": "orgsetup",
    "Status": "findings",
    "Task": "workplan",
    "TaskStatus": "workplan",
    "StewardGroup": "orgsetup",
    "Street": "orgsetup",
    "StreetKind": "orgsetup",
    "Term": "plan",
    "Text": "plan",
    "Violation": "rule",
    "WorkPlan": "workplan",
    "WorkPlanFileError": "workplan",
    "catalog_data": "catalog",
    "catalog_json": "catalog",
    "catalog_text": "catalog",
    "check": "checker",
    "check_workplan": "workplan",
    "default_policy_dir": "plan_loader",
    "load_corpus": "corpus_loader",
    "load_divisions": "divisions",
    "load_document": "documents",
    "load_plan": "plan_loader",
    "load_setup": "orgsetup",
    "load_workplan": "workplan",
    "merge_reports": "checker",
    "parse_document": "documents",
    "parse_fraction": "converter",
    "render": "reporters",
    "rollup": "workplan",
    "rollup_html": "workplan",
    "rule_by_id": "ruleset",
    "rules": "ruleset",
    "scaffold": "scaffold",
    "select_rules": "checker",
    "shipped_registry": "divisions",
    "status_html": "workplan",
    "workplan_ics": "workplan",
    "workplan_status": "workplan",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CATALOG_SCHEMA_VERSION",
    "PLACEHOLDER",
    "REPORT_SCHEMA_VERSION",
    "SETUP_SCHEMA_VERSION",
    "Assessment",
    "AssessmentComponent",
    "Assessor",
    "Category",
    "Context",
    "CoordinationCommittee",
    "Coordinators",
    "Corpus",
    "Deadline",
    "DeadlineKind",
    "DepartmentAssessment",
    "District",
    "Document",
    "Due",
    "DueKind",
    "EnforcementCenter",
    "EnforcementPersonnel",
    "Example",
    "Feedback",
    "Finding",
    "Heading",
    "InputError",
    "InternalBodies",
    "InternalBody",
    "Issuer",
    "IssuerLevel",
    "JiexiangPolicyError",
    "Lane",
    "Level",
    "Limits",
    "Location",
    "MatchingBodyRequirement",
    "Measure",
    "Milestone",
    "Modality",
    "NetworkIntegration",
    "NotApplicable",
    "Obligation",
    "Office",
    "OfficeStatus",
    "Parameter",
    "Plan",
    "PlanMetadata",
    "PolicyDocument",
    "PolicyFileError",
    "Provision",
    "Rank",
    "Report",
    "ResponsibleParty",
    "Rule",
    "SettingBasis",
    "Setup",
    "SetupFileError",
    "Severity",
    "Staffing",
    "Status",
    "StewardGroup",
    "Street",
    "StreetKind",
    "Task",
    "TaskStatus",
    "Term",
    "Text",
    "Violation",
    "WorkPlan",
    "WorkPlanFileError",
    "__version__",
    "catalog_data",
    "catalog_json",
    "catalog_text",
    "check",
    "check_workplan",
    "default_policy_dir",
    "load_corpus",
    "load_divisions",
    "load_document",
    "load_plan",
    "load_setup",
    "load_workplan",
    "merge_reports",
    "parse_document",
    "parse_fraction",
    "render",
    "rollup",
    "rollup_html",
    "rule_by_id",
    "rules",
    "scaffold",
    "select_rules",
    "shipped_registry",
    "status_html",
    "workplan_ics",
    "workplan_status",
]
