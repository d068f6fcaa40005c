"""The work-plan status, and the city's rollup of several, as plain text for a terminal."""

from __future__ import annotations

from .progress import Bucket, Counts, DueItem, WorkplanStatus
from .rollup import Rollup

__all__ = ["rollup_text", "status_text"]

_ILLUSTRATIVE = {
    "zh": "注意：本方案为示例，任务、单位和日期均为示意，并非官方数据。",
    "en": "Note: an illustrative plan; its tasks, units and dates are not official.",
}


def _counts(c: Counts, lang: str) -> str:
    sep = "，" if lang == "zh" else ", "
    return sep.join(f"{b.label(lang)} {c.get(b)}" for b in Bucket)


def _measure_line(measure_id: str, title: str, counts: Counts, lang: str) -> str:
    """``  M04 title — 0/2 已完成，逾期 2``: one measure's progress."""
    if lang == "en":
        overdue = f", {counts.overdue} overdue" if counts.overdue else ""
        return f"  {measure_id} {title} — {counts.done}/{counts.total} done{overdue}"
    overdue = f"，逾期 {counts.overdue}" if counts.overdue else ""
    return f"  {measure_id} {title} — {counts.done}/{counts.total} 已完成{overdue}"


def _when(item: DueItem, lang: str) -> str:
    due = item.due.describe(lang)
    if item.days_left is None:
        return due
    if lang == "en":
        if item.days_left < 0:
            return f"{due}, {-item.days_left} day(s) overdue"
        return f"{due}, in {item.days_left} day(s)" if item.days_left else f"{due}, today"
    if item.days_left < 0:
        return f"{due}，已逾期 {-item.days_left} 天"
    return f"{due}，还有 {item.days_left} 天" if item.days_left else f"{due}，今天到期"


def _what(item: DueItem, lang: str) -> str:
    if item.milestone:
        return (
            f"task {item.task_id}, milestone “{item.milestone}”"
            if lang == "en"
            else f"任务 {item.task_id} 节点“{item.milestone}”"
        )
    return (
        f"task {item.task_id} {item.text}" if lang == "en" else f"任务 {item.task_id} {item.text}"
    )


def status_text(status: WorkplanStatus, lang: str = "zh") -> str:
    """Readable status: totals, per measure, overdue, upcoming, per unit."""
    en = lang == "en"
    lines = [
        status.title,
        f"{status.issuer} · {'as of' if en else '截至'} {status.as_of.isoformat()}",
    ]
    if status.illustrative:
        lines.append(_ILLUSTRATIVE[lang])
    lines += [
        "",
        f"Tasks: {status.counts.total} ({_counts(status.counts, lang)})"
        if en
        else f"任务：{status.counts.total}（{_counts(status.counts, lang)}）",
        "",
    ]
    lines.append("By measure" if en else "按举措")
    for m in status.measures:
        if m.not_applicable and not m.task_ids:
            why = f"not applicable: {m.not_applicable}" if en else f"不适用：{m.not_applicable}"
            lines.append(f"  {m.measure_id} {m.title.get(lang)} — {why}")
            continue
        lines.append(_measure_line(m.measure_id, m.title.get(lang), m.counts, lang))
    n = len(status.overdue)
    # Tasks and milestones: the count above is of tasks only, so say what is listed here.
    lines += [
        "",
        f"Overdue items, tasks and milestones ({n})" if en else f"逾期事项：任务和节点（{n}）",
    ]
    for item in status.overdue:
        sep = "; " if en else "；"
        lines.append(f"  {_what(item, lang)} — {item.lead_unit or '-'}{sep}{_when(item, lang)}")
    lines += [
        "",
        f"Upcoming deadlines (* = due within {status.due_soon_days} days)"
        if en
        else f"今后的时限（标 * 者 {status.due_soon_days} 天内到期）",
    ]
    for item in status.upcoming:
        if item.days_left is None:
            continue
        star = "*" if item.days_left <= status.due_soon_days else " "
        lines.append(f" {star}{item.last_day} {_what(item, lang)} — {item.lead_unit or '-'}")
    lines += ["", "By unit (what each owes)" if en else "按单位（各单位“报到”事项）"]
    for unit in status.units:
        lines.append(f"  {unit.unit}")
        for role, item in unit.owes:
            r = (
                ("lead" if role == "lead" else "cooperating")
                if en
                else ("牵头" if role == "lead" else "协办")
            )
            lines.append(f"    [{r}] {_what(item, lang)}{'; ' if en else '；'}{_when(item, lang)}")
        if not unit.owes:
            lines.append("    nothing open" if en else "    无未完成事项")
    return "\n".join(lines) + "\n"


def rollup_text(view: Rollup, lang: str = "zh") -> str:
    """Readable city view: each district's tasks and overdue items, then each measure's."""
    en = lang == "en"
    lines = [
        f"Work plans of {len(view.districts)} district(s) · as of {view.as_of.isoformat()}"
        if en
        else f"{len(view.districts)} 个区的工作方案汇总 · 截至 {view.as_of.isoformat()}",
    ]
    examples = [row.district for row in view.districts if row.illustrative]
    if examples:  # name them: a city view may mix examples with real plans
        lines.append(
            f"Note: illustrative plan(s), not official: {', '.join(examples)}"
            if en
            else f"注意：{'、'.join(examples)}的方案为示例，任务、单位和日期均为示意，并非官方数据。"
        )
    lines += ["", "By district" if en else "按区"]
    for row in view.districts:
        overdue = (
            f"; {row.overdue_items} overdue item(s)" if en else f"；逾期事项 {row.overdue_items}"
        )
        lines.append(
            f"  {row.district} ({row.file}): {row.counts.total} tasks "
            f"({_counts(row.counts, lang)}){overdue}"
            if en
            else f"  {row.district}（{row.file}）：任务 {row.counts.total}"
            f"（{_counts(row.counts, lang)}）{overdue}"
        )
        if row.not_applicable:
            na = (", " if en else "、").join(row.not_applicable)
            lines.append(f"    not applicable: {na}" if en else f"    不适用：{na}")
    total = view.totals
    overdue_items = sum(row.overdue_items for row in view.districts)
    lines.append(
        f"  all: {total.total} tasks ({_counts(total, lang)}); {overdue_items} overdue item(s)"
        if en
        else f"  合计：任务 {total.total}（{_counts(total, lang)}）；逾期事项 {overdue_items}"
    )
    lines += ["", "By measure, all districts" if en else "按举措（各区合计）"]
    for (measure_id, title), counts in zip(view.measures, view.measure_totals(), strict=True):
        if not counts.total and all(measure_id in r.not_applicable for r in view.districts):
            why = "not applicable in any district" if en else "各区均不适用"
            lines.append(f"  {measure_id} {title.get(lang)} — {why}")
            continue
        lines.append(_measure_line(measure_id, title.get(lang), counts, lang))
    return "\n".join(lines) + "\n"
