"""A rule explained in words: what it checks, the clause, and its examples."""

from __future__ import annotations

from typing import Any

from .links import rule_url, waivers_doc_url
from .locations import format_path
from .plan import Plan
from .plan_loader import load_plan
from .rule import Rule, clause_obligation
from .waivers import WAIVERS_DOC, WaiverRule

__all__ = ["explain_rule", "explain_waiver_rule", "rule_data", "waiver_rule_data"]


def explain_rule(
    rule: Rule, *, lang: str = "zh", plan: Plan | None = None, docs_base: str | None = None
) -> str:
    """Plain text for ``jiexiang explain RULE`` (``plan``: default the shipped one)."""
    en = lang == "en"
    plan = plan or load_plan()
    measure = plan.measure_of(rule.provision_id).id if rule.provision_id else "-"
    at = format_path(rule.example.at) or "/"
    if rule.provision_id:
        where = f"{rule.provision_id} / {measure}"
    elif rule.clauses and not rule.obligation_ids:  # a rule on a later regulation
        from .corpus_loader import load_corpus
        from .timeline import clause_labels

        corpus = load_corpus()
        labels = [clause_labels(corpus, c) for c in rule.clauses]
        where = "; ".join(en_ if en else zh for zh, en_ in labels)
    else:  # a rule on the plan's general part, which belongs to no measure
        where = "general part" if en else "总体考虑"
    head = (
        ("What it checks", "Why", "Example that fails", "Use instead", "in the setup at")
        if en
        else ("检查内容", "依据", "不合规示例", "合规写法", "在设置文件中的位置")
    )
    lines = [
        f"{rule.id} {rule.name} ({rule.default_severity(plan).label(lang)})",
        rule.title.get(lang),
        "",
        f"{head[0]}: {rule.rationale.get(lang)}",
        f"{head[1]}: [{where}] “{rule.quote}”"
        if not rule.registry
        else f"{head[1]}: "
        + (
            "no clause: checks the setup's data against the division registry (docs/divisions.md)"
            if en
            else "无条文依据：核对设置中的区划数据（docs/divisions.md）"
        ),
        "",
        "Severity, from the wording of each clause:" if en else "严重程度（依条款措辞而定）：",
    ]
    for case in rule.all_cases():
        severity = case.severity_in(plan)
        shown = severity.label(lang) if severity else ("not checked" if en else "不检查")
        if case.obligation_id is None:
            lines.append(f"  - {case.text.get(lang)}: {shown}")
        else:
            ob = clause_obligation(plan, case.obligation_id)
            words = "、".join(ob.decided_by)
            lines.append(
                f"  - {case.text.get(lang)}: {shown} "
                f"({case.obligation_id}, {ob.modality.label(lang)}: “{words}”)"
            )
        if case.editorial:
            lines.append(f"    {'editorial' if en else '编辑性判断'}: {case.editorial.get(lang)}")
    if rule.editorial:
        lines.append(f"{'Editorial' if en else '编辑性判断'}: {rule.editorial.get(lang)}")
    lines += [
        "",
        f"{head[2]} ({head[4]} {at}):",
        *("    " + ln for ln in rule.example.failing.splitlines()),
        "",
        f"{head[3]}:",
        *("    " + ln for ln in rule.example.passing.splitlines()),
    ]
    if rule.needs_baseline:
        lines += ["", "Needs --baseline." if en else "需要 --baseline（现状设置）才能运行。"]
    lines += ["", f"{'Page' if en else '说明页面'}: {rule_url(rule.id, docs_base)}"]
    return "\n".join(lines) + "\n"


def rule_data(
    rule: Rule, *, plan: Plan | None = None, docs_base: str | None = None
) -> dict[str, Any]:
    """A rule as plain data, for ``rules --format json`` and ``explain --format json``."""
    plan = plan or load_plan()
    return {
        "id": rule.id,
        "name": rule.name,
        "severity": rule.default_severity(plan).value,
        "title": {"zh": rule.title.zh, "en": rule.title.en},
        "rationale": {"zh": rule.rationale.zh, "en": rule.rationale.en},
        "measure_id": plan.measure_of(rule.provision_id).id if rule.provision_id else None,
        "provision_id": rule.provision_id,
        "obligation_ids": list(rule.obligation_ids),
        "quote": rule.quote,
        "needs_baseline": rule.needs_baseline,
        "help_uri": rule_url(rule.id, docs_base),
        "example": {
            "at": format_path(rule.example.at),
            "failing": rule.example.failing,
            "passing": rule.example.passing,
        },
    }


def waiver_rule_data(check: WaiverRule, *, docs_base: str | None = None) -> dict[str, Any]:
    """A check on the waiver file (JX900/JX901) as plain data."""
    return {
        "id": check.id,
        "name": check.name,
        "severity": check.severity.value,
        "title": {"zh": check.title.zh, "en": check.title.en},
        "measure_id": None,
        "provision_id": None,
        "obligation_ids": [],
        "quote": "",
        "needs_baseline": False,
        "help_uri": waivers_doc_url(docs_base),
    }


def explain_waiver_rule(
    check: WaiverRule, *, lang: str = "zh", docs_base: str | None = None
) -> str:
    """Plain text for ``jiexiang explain JX900`` / ``JX901``: checks on the waiver file."""
    if lang == "en":
        why = "Checks the waiver file itself (--waivers); it cites no clause of the plan."
    else:
        why = "检查豁免文件本身（--waivers），不对应方案条款。"
    return (
        "\n".join(
            [
                f"{check.id} {check.name} ({check.severity.label(lang)})",
                check.title.get(lang),
                "",
                why,
                f"{'See' if lang == 'en' else '详见'} {WAIVERS_DOC} ({waivers_doc_url(docs_base)})",
            ]
        )
        + "\n"
    )
