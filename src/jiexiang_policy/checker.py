"""Checking a setup against the plan: run the rules, locate and classify the findings."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Iterable, Mapping, Sequence

import attrs

from .corpus import Corpus
from .corpus_loader import load_corpus
from .divisions import Registry
from .errors import InputError
from .findings import (
    NEEDS_BASELINE,
    Citation,
    DocumentInForce,
    Finding,
    Report,
    RuleInfo,
    Severity,
    Status,
)
from .locations import Location, PathPart
from .orgsetup import Setup, StreetKind, check_names
from .placeholders import fold_placeholders
from .plan import Plan
from .plan_loader import load_plan
from .rule import Context, Rule, Violation, clause_modality
from .ruleset import ALL_RULES
from .ruleset.statutes import STREET_OFFICE
from .selection import overrides_for, select_from
from .termlists import check_term_lists
from .timeline import citations, rule_effective, rule_in_force

__all__ = ["RULE_DOCS_BASE", "check", "merge_reports", "rule_info", "select_rules"]

RULE_DOCS_BASE = "docs/rules/"
"""Where the generated rule pages live, relative to the repository root."""


def select_rules(
    select: Collection[str] | None = None, ignore: Collection[str] | None = None
) -> tuple[Rule, ...]:
    """The setup rules left after ``select`` (default: all) and ``ignore``.

    IDs are case-insensitive; a prefix such as ``JX01`` selects JX010–JX019.
    An ID that matches no rule is an error, so a typo never silently disables a
    check; so is a selection that leaves no rule at all (e.g. ``--ignore JX``).
    """
    return select_from(ALL_RULES, select, ignore)


def check(
    setup: Setup,
    plan: Plan | None = None,
    *,
    baseline: Setup | None = None,
    as_of: dt.date | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
    corpus: Corpus | None = None,
    severities: Mapping[str, Severity | None] | None = None,
    divisions: Registry | None = None,
) -> Report:
    """Check ``setup`` against ``plan`` (default: the shipped plan).

    Each finding's severity follows the wording of the clause it rests on.
    ``severities`` lets a district be stricter (or quieter) than that default:
    rule ID → :class:`Severity`, or ``None`` to turn the rule off, e.g.
    ``{"JX019": Severity.ERROR, "JX023": None}``. The report records the severity
    each rule ran with (``Report.rules``).

    ``baseline`` is today's setup: rules that ask for change compare against
    it, and findings already present in it are marked ``existing``.
    Every district of ``setup`` must be in ``baseline`` (streets may be new),
    or :class:`~jiexiang_policy.errors.InputError` says which is missing.
    ``as_of`` is the date the report is for (default: today), printed in every
    report; :func:`~jiexiang_policy.waivers.apply_waivers` judges expiry by it.
    ``divisions`` is the division registry the registry checks use (default:
    the shipped one); they pick the snapshot in force on the setup's ``as_of``,
    else on ``as_of``. Findings resting on fields marked ``待填写`` are folded
    into one summary per district and field (see ``placeholders.py``).
    It also selects the law: only rules resting on a document of ``corpus``
    (default: the shipped corpus) in force on ``as_of`` run; the others are
    listed in ``rules_not_yet_in_force`` with the day they take force, and each
    finding cites the clauses in force that day (``timeline.py``).
    """
    if as_of is not None and not isinstance(as_of, dt.date):
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    plan = plan or (corpus.plan if corpus is not None else load_plan())
    corpus = (corpus or load_corpus()).with_plan(plan)
    day = as_of or dt.date.today()
    overrides = overrides_for(ALL_RULES, severities)
    selected = tuple(
        r for r in select_rules(select, ignore) if overrides.get(r.id, r.id) is not None
    )
    if not selected:
        raise InputError.at(Location("severities"), "every selected rule is turned off")
    rules = tuple(r for r in selected if rule_in_force(r, corpus, day))
    not_yet = tuple(
        (r.id, start)
        for r in selected
        if r not in rules and (start := rule_effective(r, corpus)) is not None and start > day
    )
    ctx = Context(
        setup=setup, plan=plan, baseline=baseline, as_of=as_of, divisions=divisions, corpus=corpus
    )
    for built in (setup, baseline):  # built in Python: refuse what load_setup refuses
        if built is not None and built.document is None:
            check_names(built)
    check_term_lists(ctx)
    before: set[tuple[str, str]] = set()
    if baseline is not None:
        _check_baseline_covers(setup, baseline)
        base_ctx = Context(
            setup=baseline, plan=plan, as_of=as_of, divisions=divisions, corpus=corpus
        )
        ran = ((r, r.check(base_ctx)) for r in rules if not r.needs_baseline)
        before = {(r.id, v.target) for r, v in fold_placeholders(ran, baseline, plan)}
    findings: list[Finding] = []
    skipped: list[tuple[str, str]] = []
    results: list[tuple[Rule, Iterable[Violation]]] = []
    for rule in rules:
        if rule.needs_baseline and baseline is None:
            skipped.append((rule.id, NEEDS_BASELINE))
            continue
        results.append((rule, rule.check(ctx)))
    cited: dict[tuple[str, str | None], tuple[Citation, ...]] = {}
    for rule, violation in fold_placeholders(results, setup, plan):
        finding = _finding(rule, violation, setup, plan, overrides.get(rule.id))
        if finding is None:
            continue
        key = (rule.id, violation.case)
        if key not in cited:  # per case: each cites its own obligation and what followed it
            cited[key] = citations(rule, corpus, day, violation.case)
        shown = cited[key]
        if not _street_office_reaches(setup, violation.path):
            # Art. 49: 乡镇 may follow the street-office regulations (可以参照); a finding
            # about a township, or a district of townships only, does not cite them.
            shown = tuple(c for c in shown if not c.clause.startswith(f"{STREET_OFFICE}:"))
        finding = attrs.evolve(finding, citations=shown)
        if (rule.id, violation.target) in before:
            finding = attrs.evolve(finding, status=Status.EXISTING)
        findings.append(finding)
    name = setup.document.name if setup.document is not None else "<setup>"
    return Report(
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        as_of=day,
        files=(name,),
        rules_run=tuple(r.id for r in rules if r.id not in dict(skipped)),
        rules_skipped=tuple(skipped),
        documents=tuple(
            DocumentInForce(d.id, d.metadata.title.zh, d.metadata.title.en, d.effective)
            for d in corpus.in_force(day)
        ),
        rules_not_yet_in_force=not_yet,
        rules=tuple(rule_info(r, plan, overrides.get(r.id)) for r in rules),
    )


def rule_info(rule: Rule, plan: Plan, override: Severity | None = None) -> RuleInfo:
    """What a report says about ``rule``: its metadata and the severity it runs with."""
    default = rule.default_severity(plan)
    first = rule.all_cases()[0].obligation_id
    main = clause_modality(plan, first) if first else None
    return RuleInfo(
        id=rule.id,
        name=rule.name,
        title_zh=rule.title.zh,
        title_en=rule.title.en,
        severity=override or default,
        default_severity=default,
        rationale_zh=rule.rationale.zh,
        rationale_en=rule.rationale.en,
        provision_id=rule.provision_id,
        obligation_ids=rule.obligation_ids or rule.clauses,
        quote=rule.quote,
        modality=main.value if main else None,
        editorial_zh=rule.editorial.zh if rule.editorial else None,
        editorial_en=rule.editorial.en if rule.editorial else None,
        help_uri=f"{RULE_DOCS_BASE}{rule.id}.md",
        needs_baseline=rule.needs_baseline,
    )


def _street_office_reaches(setup: Setup, path: tuple[PathPart, ...]) -> bool:
    """Whether the unit a finding is about is a 街道 (or a district that has one)."""
    if len(path) < 2 or path[0] != "districts" or not isinstance(path[1], int):
        return True
    if path[1] >= len(setup.districts):
        return True
    district = setup.districts[path[1]]
    if (
        len(path) >= 4
        and path[2] == "streets"
        and isinstance(path[3], int)
        and path[3] < len(district.streets)
    ):
        return district.streets[path[3]].kind is StreetKind.STREET
    kinds = {s.kind for s in district.streets}
    return not kinds or StreetKind.STREET in kinds


def _check_baseline_covers(setup: Setup, baseline: Setup) -> None:
    # A district missing from the baseline would silently skip every comparison
    # with it (JX007, JX012): most likely a misspelt name, so say so.
    known = [d.name for d in baseline.districts]
    names = set(known)
    where = baseline.document.name if baseline.document is not None else "the baseline"
    problems = []
    for d, district in enumerate(setup.districts):
        if district.name not in names:
            near = difflib.get_close_matches(district.name, known, n=1, cutoff=0.5)
            hint = f"; did you mean {near[0]!r}?" if near else f"; it has {', '.join(known)}"
            problems.append(
                (
                    setup.locate(("districts", d, "name")),
                    f"district {district.name!r} is not in the baseline {where}{hint}",
                )
            )
    if problems:
        raise InputError(problems)


def merge_reports(reports: Sequence[Report]) -> Report:
    """One report for several files checked on the same date (a ``ValueError`` otherwise:
    the documents in force, and so the rules run, depend on the date)."""
    if not reports:
        raise ValueError("no reports to merge")
    dates = sorted({r.as_of for r in reports})
    if len(dates) > 1:
        raise ValueError(
            f"reports of different dates cannot be merged: {', '.join(map(str, dates))}"
        )
    findings = sorted((f for r in reports for f in r.findings), key=lambda f: f.sort_key)
    return Report(
        findings=tuple(findings),
        as_of=reports[0].as_of,
        files=tuple(f for r in reports for f in r.files),
        parts=tuple(p for r in reports for p in r.parts),
        rules_run=reports[0].rules_run,
        rules_skipped=reports[0].rules_skipped,
        documents=reports[0].documents,
        rules_not_yet_in_force=reports[0].rules_not_yet_in_force,
        rules=reports[0].rules,
    )


def _finding(
    rule: Rule, violation: Violation, setup: Setup, plan: Plan, override: Severity | None
) -> Finding | None:
    case = rule.case(violation.case)
    severity = case.severity_in(plan)
    if severity is None:  # the clause only permits (可): nothing to report
        return None
    measure_id = None
    if rule.provision_id is not None:
        measure_id = plan.measure_of(rule.provision_id).id
    return Finding(
        rule_id=rule.id,
        # A district's configuration applies to the whole rule; otherwise the clause decides.
        severity=override or severity,
        message_zh=violation.message_zh,
        message_en=violation.message_en,
        location=setup.locate(violation.path),
        target=violation.target,
        measure_id=measure_id,
        provision_id=rule.provision_id,
        obligation_ids=(case.obligation_id,) if case.obligation_id else (),
        # A statute's clause (qualified ID) is quoted by the rule; its words are verified there.
        quote=plan.obligation(case.obligation_id).quote
        if case.obligation_id and ":" not in case.obligation_id
        else rule.quote,
        help_uri=f"{RULE_DOCS_BASE}{rule.id}.md",
    )
