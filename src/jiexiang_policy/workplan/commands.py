"""What ``jiexiang workplan check|status|rollup`` and ``catalog --workplan`` do (the CLI stays thin)."""

from __future__ import annotations

import argparse
import datetime as dt
import json

import attrs

from ..errors import InputError
from ..findings import Report
from ..locations import Location
from ..plan import Plan
from ..plan_loader import load_plan
from ..run import CheckRun, InputProblem
from .check import check_workplan
from .loader import load_workplan
from .progress import workplan_status
from .settings import WorkplanSettings, load_settings

__all__ = [
    "catalog_with_workplan",
    "explain_workplan_rule",
    "run_check",
    "run_rollup",
    "run_status",
]


def _settings(args: argparse.Namespace) -> WorkplanSettings:
    from pathlib import Path

    from .settings import SETTINGS_FILE

    own = Path(args.policy_dir) / SETTINGS_FILE if args.policy_dir else None
    settings = load_settings(own if own is not None and own.is_file() else None)
    days = getattr(args, "due_soon_days", None)
    if days is not None:
        if days < 0:
            raise InputError.at(Location("--due-soon-days"), f"must not be negative (got {days})")
        settings = attrs.evolve(settings, due_soon_days=days)
    return settings


def _plan(args: argparse.Namespace) -> Plan:
    return load_plan(args.policy_dir)


def run_check(args: argparse.Namespace, as_of: dt.date) -> CheckRun:
    """``workplan check`` as a run: the report of every plan that could be read, and the
    input errors of those that could not, so that the report is written either way."""
    from ..checker import merge_reports
    from .check import select_workplan_rules, workplan_rule_info
    from .rules import ALL_WORKPLAN_RULES

    errors: list[InputProblem] = []
    reports = []
    try:
        plan = _plan(args)
        settings = _settings(args)
        chosen = select_workplan_rules(args.select, args.ignore)  # a typo stops every file
    except InputError as exc:
        errors += InputProblem.each_of(exc)
        chosen = ()
    if not errors:
        for path in args.plans:  # never stop at one bad file, as `check` does not
            try:
                workplan = load_workplan(path, plan=plan, encoding=args.encoding)
                reports.append(
                    check_workplan(
                        workplan,
                        plan,
                        as_of=as_of,
                        select=args.select,
                        ignore=args.ignore,
                        settings=settings,
                    )
                )
            except InputError as exc:
                errors += InputProblem.each_of(exc)
    report = (
        merge_reports(reports)
        if reports
        else Report(
            findings=(),
            as_of=as_of,
            rules_run=tuple(r.id for r in chosen),
            rules=tuple(workplan_rule_info(r) for r in chosen or ALL_WORKPLAN_RULES),
        )
    )
    if args.waivers and not args.no_waivers:
        from ..waivers import apply_waivers, load_waivers

        try:
            report = apply_waivers(
                report,
                load_waivers(args.waivers),
                as_of,
                known_rules=[r.id for r in ALL_WORKPLAN_RULES],
            )
        except InputError as exc:
            errors += InputProblem.each_of(exc)
    return CheckRun(report=report, errors=tuple(errors), files=tuple(map(str, args.plans)))


def run_status(args: argparse.Namespace, as_of: dt.date) -> str:
    """The output of ``workplan status`` in ``args.format``."""
    plan = _plan(args)
    wp = load_workplan(args.plan, plan=plan, encoding=args.encoding)
    if args.unit:
        known = list(dict.fromkeys(u for t in wp.tasks for u in t.units))
        if args.unit not in known:
            import difflib

            near = difflib.get_close_matches(args.unit, known, n=1, cutoff=0.5)
            hint = f"; did you mean {near[0]!r}?" if near else f"; units: {', '.join(known)}"
            raise InputError.at(Location("--unit"), f"no task of {args.unit!r} in {wp.name}{hint}")
        wp = wp.involving(args.unit)
    status = workplan_status(
        wp,
        plan,
        as_of=as_of,
        settings=_settings(args),
    )
    if args.format == "json":
        return status.to_json()
    if args.format == "html":
        from .html import status_html

        return status_html(status)
    if args.format == "ics":
        from .ics import workplan_ics

        return workplan_ics(status, args.lang)
    from .status_text import status_text

    return status_text(status, args.lang)


def run_rollup(args: argparse.Namespace, as_of: dt.date) -> str:
    """The output of ``workplan rollup`` in ``args.format``."""
    from .rollup import rollup

    plan = _plan(args)
    plans = [load_workplan(p, plan=plan, encoding=args.encoding) for p in args.plans]
    view = rollup(plans, plan, as_of=as_of, settings=_settings(args))
    if args.format == "html":
        from .html import rollup_html

        return rollup_html(view)
    if args.format == "json":
        return view.to_json()
    from .status_text import rollup_text

    return rollup_text(view, args.lang)


def catalog_with_workplan(plan: Plan, path: str, fmt: str, lang: str) -> str:
    """The catalog (text or JSON) with units and deadlines from the work plan at ``path``."""
    from ..catalog import catalog_data, catalog_text
    from .catalog import catalog_assignments

    assignments = catalog_assignments(load_workplan(path, plan=plan), plan)
    if fmt == "json":
        data = catalog_data(plan)
        data["workplan"] = {
            "file": path,
            "assignments": [a.to_dict() for a in assignments.values()],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "text":
        raise InputError.at(Location("--workplan"), "--workplan works with --format text or json")
    return catalog_text(plan, "zh" if lang == "both" else lang, assignments=assignments)


def explain_workplan_rule(rule_id: str, lang: str = "zh") -> str:
    """Plain text for ``jiexiang explain WP001``: what it checks, why, where the examples are."""
    from .check import workplan_rule_by_id
    from .rules import WORKPLAN_RULES_DOC

    try:
        rule = workplan_rule_by_id(rule_id)
    except KeyError:
        raise InputError.at(
            Location("RULE"), f"unknown rule {rule_id!r}; the work-plan rules are WP001–WP009"
        ) from None
    en = lang == "en"
    head = ("What it checks", "Why", "Examples") if en else ("检查内容", "依据", "示例")
    clause = f"“{rule.quote}”" if rule.quote else ("(no clause)" if en else "（不对应方案条款）")
    return (
        "\n".join(
            [
                f"{rule.id} {rule.name} ({rule.severity.label(lang)})",
                rule.title.get(lang),
                "",
                f"{head[0]}: {rule.rationale.get(lang)}",
                f"{head[1]}: {clause}",
                f"{head[2]}: examples/workplans/rules/{rule.id}-{rule.name}.yaml",
                f"{'See' if en else '详见'} {WORKPLAN_RULES_DOC}#{rule.id.lower()}",
            ]
        )
        + "\n"
    )
