"""A rule explained in words: what it checks, the clause, and its examples."""

from __future__ import annotations

from .locations import format_path
from .plan_loader import load_plan
from .rule import Rule

__all__ = ["explain_rule"]


def explain_rule(rule: Rule, *, lang: str = "zh") -> str:
    """Plain text for ``jiexiang explain RULE``."""
    en = lang == "en"
    plan = load_plan()
    measure = plan.measure_of(rule.provision_id).id if rule.provision_id else "-"
    at = format_path(rule.example.at) or "/"
    head = (
        ("What it checks", "Why", "Example that fails", "Use instead", "merged at")
        if en
        else ("检查内容", "依据", "不合规示例", "合规写法", "合并位置")
    )
    lines = [
        f"{rule.id} {rule.name} ({rule.severity.value})",
        rule.title.get(lang),
        "",
        f"{head[0]}: {rule.rationale.get(lang)}",
        f"{head[1]}: [{rule.provision_id or '-'} / {measure}] “{rule.quote}”",
        "",
        f"{head[2]} ({head[4]} {at}):",
        *("    " + ln for ln in rule.example.failing.splitlines()),
        "",
        f"{head[3]}:",
        *("    " + ln for ln in rule.example.passing.splitlines()),
    ]
    if rule.needs_baseline:
        lines += ["", "Needs --baseline." if en else "需要 --baseline（现状设置）才能运行。"]
    return "\n".join(lines) + "\n"
