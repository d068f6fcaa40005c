"""Checking a work plan: run the WP rules, locate the findings, return a :class:`Report`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from ..findings import Finding, Report, RuleInfo, Severity
from ..plan import Plan
from ..plan_loader import load_plan
from ..selection import overrides_for, select_from
from .loader import WorkPlanFileError, check_references
from .model import WorkPlan
from .rules import (
    ALL_WORKPLAN_RULES,
    WORKPLAN_RULES_DOC,
    WorkplanContext,
    WorkplanRule,
    WorkplanViolation,
)
from .settings import WorkplanSettings, load_settings

__all__ = ["check_workplan", "select_workplan_rules", "workplan_rule_by_id", "workplan_rule_info"]


def workplan_rule_by_id(rule_id: str) -> WorkplanRule:
    """The work-plan rule with this ID (case-insensitive); :class:`KeyError` if none."""
    key = rule_id.strip().upper()
    for rule in ALL_WORKPLAN_RULES:
        if rule.id == key:
            return rule
    raise KeyError(rule_id)


def select_workplan_rules(
    select: Collection[str] | None = None, ignore: Collection[str] | None = None
) -> tuple[WorkplanRule, ...]:
    """The rules left after ``select`` and ``ignore`` (IDs, ID prefixes or names), as ``check``."""
    return select_from(ALL_WORKPLAN_RULES, select, ignore)


def check_workplan(
    workplan: WorkPlan,
    plan: Plan | None = None,
    *,
    as_of: dt.date,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
    settings: WorkplanSettings | None = None,
    severities: Mapping[str, Severity | None] | None = None,
) -> Report:
    """Check ``workplan`` as of ``as_of`` (the day the deadlines are judged on).

    Raises :class:`~jiexiang_policy.workplan.loader.WorkPlanFileError` when a plan built
    in Python names a task twice or a measure, provision or document ``plan`` does not
    have (a plan read from a file was checked so when it was read).

    ``severities`` overrides a rule's severity by ID (``None`` turns the rule off).
    """
    if not isinstance(as_of, dt.date):
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    plan = plan or load_plan()
    if workplan.document is None:
        # Built in Python: what the loader checks across a plan when it reads one (task
        # IDs, measures, provisions, documents), as check() does for setups.
        problems = check_references(workplan, plan)
        if problems:
            raise WorkPlanFileError(problems)
    settings = settings or load_settings()
    overrides = overrides_for(ALL_WORKPLAN_RULES, severities)
    rules = tuple(
        r
        for r in select_workplan_rules(select, ignore)
        if not (r.id in overrides and overrides[r.id] is None)
    )
    ctx = WorkplanContext(workplan=workplan, plan=plan, as_of=as_of, settings=settings)
    findings = [
        _finding(rule, v, workplan, overrides.get(rule.id))
        for rule in rules
        for v in rule.check(ctx)
    ]
    return Report(
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        as_of=as_of,
        files=workplan.files,
        parts=tuple((table, workplan.name) for table in workplan.files[1:]),
        rules_run=tuple(r.id for r in rules),
        rules=tuple(workplan_rule_info(r, overrides.get(r.id)) for r in rules),
    )


def workplan_rule_info(rule: WorkplanRule, override: Severity | None = None) -> RuleInfo:
    """What a report says about a work-plan rule: its metadata and the severity it runs with."""
    return RuleInfo(
        id=rule.id,
        name=rule.name,
        title_zh=rule.title.zh,
        title_en=rule.title.en,
        severity=override or rule.severity,
        default_severity=rule.severity,
        rationale_zh=rule.rationale.zh,
        rationale_en=rule.rationale.en,
        provision_id=rule.provision_id,
        obligation_ids=rule.obligation_ids,
        quote=rule.quote,
        modality=rule.modality,
        editorial_zh=rule.editorial.zh if rule.editorial else None,
        editorial_en=rule.editorial.en if rule.editorial else None,
        help_uri=f"{WORKPLAN_RULES_DOC}#{rule.id.lower()}",
    )


def _finding(
    rule: WorkplanRule, v: WorkplanViolation, workplan: WorkPlan, override: Severity | None
) -> Finding:
    return Finding(
        rule_id=rule.id,
        severity=override or v.severity or rule.severity,
        message_zh=v.message_zh,
        message_en=v.message_en,
        location=workplan.locate(v.path),
        target=v.target,
        measure_id=v.measure_id,
        provision_id=v.provision_id or rule.provision_id,
        obligation_ids=v.obligation_ids if v.obligation_ids is not None else rule.obligation_ids,
        quote=v.quote if v.quote is not None else rule.quote,
        help_uri=f"{WORKPLAN_RULES_DOC}#{rule.id.lower()}",
    )
