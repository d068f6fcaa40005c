"""The work-plan rules (WP001–WP009): each a small frozen value with a pure check.

Their IDs are a series of their own, ``WP`` and three digits, so they never clash
with the setup rules (``JX…``). They produce the same :class:`~jiexiang_policy.findings.Finding`
as the setup rules, so every report format, waivers and ``--fail-on`` work unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

import attrs

from ..findings import Severity
from ..locations import PathPart
from ..plan import Measure, Modality, Obligation, Plan, Provision, Text
from .deadlines import Due, DueKind
from .model import Task, TaskStatus, WorkPlan
from .settings import WorkplanSettings, source_last_day

__all__ = [
    "ALL_WORKPLAN_RULES",
    "WorkplanContext",
    "WorkplanRule",
    "WorkplanViolation",
    "task_measures",
]

WORKPLAN_RULES_DOC = "docs/workplan-format.md"
_EACH_MEASURE = "为确保落地,每项举措明确了责任单位和完成时限"
_FOURTEEN = "《实施方案》共提出 14 项推进举措"


@attrs.frozen
class WorkplanViolation:
    """What a work-plan check returns: where, what is wrong, and which measure it concerns."""

    path: tuple[PathPart, ...]
    target: str
    message_zh: str
    message_en: str
    severity: Severity | None = None
    """Overrides the rule's severity (WP005 follows the source deadline's wording)."""
    measure_id: str | None = None
    provision_id: str | None = None
    quote: str | None = None
    """Overrides the rule's quote (WP005 quotes the deadline of the measure concerned)."""
    obligation_ids: tuple[str, ...] | None = None
    """Overrides the rule's obligations (WP005: the obligation stating the deadline)."""


@attrs.frozen
class WorkplanContext:
    """What a work-plan check may read."""

    workplan: WorkPlan
    plan: Plan
    as_of: dt.date
    settings: WorkplanSettings

    def tasks(self) -> Iterator[tuple[tuple[PathPart, ...], Task]]:
        """Every task with its path."""
        for t, task in enumerate(self.workplan.tasks):
            yield ("tasks", t), task

    def target(self, *parts: str) -> str:
        """An index-free finding target: ``东城区/tasks/3``."""
        return "/".join((self.workplan.issuer.name, *parts))


WorkplanCheck = Callable[[WorkplanContext], Iterable[WorkplanViolation]]


@attrs.frozen
class WorkplanRule:
    """One check on a work plan (the counterpart of a setup :class:`~jiexiang_policy.rule.Rule`)."""

    id: str = attrs.field(validator=attrs.validators.matches_re(r"^WP\d{3}$"))
    name: str
    title: Text
    severity: Severity
    provision_id: str | None
    obligation_ids: tuple[str, ...]
    quote: str
    rationale: Text
    check: WorkplanCheck = attrs.field(eq=False, repr=False)
    modality: str | None = None
    """The modality of the clause it rests on (``binding``); ``None`` for checks of the
    ledger's own consistency, which rest on no clause."""
    editorial: Text | None = None
    """Why the rule is our reading rather than the text's words."""


def task_measures(task: Task, plan: Plan) -> tuple[str, ...]:
    """The measures a task implements: those it names and those of its provisions, in plan order."""
    ids = set(task.measures)
    for p in task.provisions:
        found = plan.get(p)
        if isinstance(found, Obligation):
            p = p.rsplit(".", 1)[0]
            found = plan.get(p)
        if isinstance(found, Provision):
            ids.add(plan.measure_of(found.id).id)
    return tuple(m.id for m in plan.measures if m.id in ids)


# --- WP001 ------------------------------------------------------------------


def _coverage(ctx: WorkplanContext) -> Iterator[WorkplanViolation]:
    covered: set[str] = set()
    for _, task in ctx.tasks():
        if task.status is not TaskStatus.CANCELLED:
            covered.update(task_measures(task, ctx.plan))
    excused = {na.measure for na in ctx.workplan.not_applicable}
    cancelled_only = {
        m
        for _, task in ctx.tasks()
        if task.status is TaskStatus.CANCELLED
        for m in task_measures(task, ctx.plan)
    }
    for measure in ctx.plan.measures:
        if measure.id in covered or measure.id in excused:
            continue
        why_zh = "（其任务均已取消）" if measure.id in cancelled_only else ""
        why_en = " (all its tasks are cancelled)" if measure.id in cancelled_only else ""
        yield WorkplanViolation(
            path=("tasks",),
            target=ctx.target("measures", measure.id),
            message_zh=f"举措 {measure.id}“{measure.title.zh}”没有任何任务{why_zh}；"
            "请增加任务，或在 not_applicable 中写明不适用的理由",
            message_en=f"measure {measure.id} ({measure.title.en}) has no task{why_en}; add a "
            "task, or list it under not_applicable with the reason",
            measure_id=measure.id,
        )


# --- WP002, WP003 -----------------------------------------------------------


def _lead_unit(ctx: WorkplanContext) -> Iterator[WorkplanViolation]:
    for path, task in ctx.tasks():
        if task.lead_unit is None and task.status is not TaskStatus.CANCELLED:
            yield WorkplanViolation(
                path=path,
                target=ctx.target("tasks", task.id),
                message_zh=f"任务 {task.id} 没有牵头单位（lead_unit）",
                message_en=f"task {task.id} has no lead unit (lead_unit)",
                measure_id=_first(task_measures(task, ctx.plan)),
            )


def _deadline_set(ctx: WorkplanContext) -> Iterator[WorkplanViolation]:
    for path, task in ctx.tasks():
        if not task.deadline.is_set and task.status is not TaskStatus.CANCELLED:
            yield WorkplanViolation(
                path=(*path, "deadline"),
                target=ctx.target("tasks", task.id),
                message_zh=f"任务 {task.id} 没有完成时限；写日期、月份、季度、年底或“长期坚持”",
                message_en=f"task {task.id} has no deadline; give a date, month, quarter, "
                "year's end or 长期坚持 (ongoing)",
                measure_id=_first(task_measures(task, ctx.plan)),
            )


def _first(ids: tuple[str, ...]) -> str | None:
    return ids[0] if ids else None


# --- WP004 ------------------------------------------------------------------

_BRACKETS = str.maketrans({"（": "(", "）": ")", "“": '"', "”": '"'})
_SPACE = re.compile(r"\s+")


def _norm(name: str, issuer: str) -> str:
    key = _SPACE.sub("", name.translate(_BRACKETS))
    for prefix in ("北京市" + issuer, issuer):
        if issuer.endswith("区") and key.startswith(prefix):
            return "区" + key[len(prefix) :]
    return key


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _same_unit(a: str, b: str) -> bool:
    """Two normalised names that most likely name one unit: equal, or an abbreviation."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and short[0] == long[0] and _subsequence(short, long)


def _unit_uses(ctx: WorkplanContext) -> list[tuple[str, tuple[PathPart, ...]]]:
    uses: list[tuple[str, tuple[PathPart, ...]]] = []
    for path, task in ctx.tasks():
        if task.lead_unit:
            uses.append((task.lead_unit, (*path, "lead_unit")))
        for i, unit in enumerate(task.cooperating_units):
            uses.append((unit, (*path, "cooperating_units", i)))
    return uses


def _unit_spelling(ctx: WorkplanContext) -> Iterator[WorkplanViolation]:
    import difflib

    issuer = ctx.workplan.issuer.name
    uses = _unit_uses(ctx)
    first_at: dict[str, tuple[PathPart, ...]] = {}
    for name, path in uses:
        first_at.setdefault(name, path)
    counts = Counter(name for name, _ in uses)
    register = ctx.workplan.units
    if register:
        known = set(register)
        for name in sorted(first_at):
            if name in known:
                continue
            norm = _norm(name, issuer)
            near = [r for r in register if _same_unit(norm, _norm(r, issuer))]
            near = near or difflib.get_close_matches(name, register, n=1, cutoff=0.5)
            hint_zh = f"，是否指“{near[0]}”？" if near else "；请加入 units 或更正"
            hint_en = f"; did you mean '{near[0]}'?" if near else "; add it to units or correct it"
            yield WorkplanViolation(
                path=first_at[name],
                target=ctx.target("units", name),
                message_zh=f"单位“{name}”不在本方案的单位名录（units）中{hint_zh}",
                message_en=f"unit '{name}' is not in the plan's register of units (units){hint_en}",
            )
        return
    names = sorted(first_at, key=lambda n: (-counts[n], -len(n), n))
    canonical: list[str] = []
    for name in names:
        norm = _norm(name, issuer)
        same = next((c for c in canonical if _same_unit(norm, _norm(c, issuer))), None)
        if same is None:
            canonical.append(name)
            continue
        yield WorkplanViolation(
            path=first_at[name],
            target=ctx.target("units", name),
            message_zh=f"单位“{name}”（{counts[name]} 处）与“{same}”（{counts[same]} 处）"
            f"疑为同一单位的不同写法，是否指“{same}”？请统一名称",
            message_en=f"unit '{name}' ({counts[name]} use(s)) and '{same}' ({counts[same]} "
            f"use(s)) look like two spellings of one unit; did you mean '{same}'? Use one name",
        )


# --- WP005 ------------------------------------------------------------------


def _deadline_clause(plan: Plan, measure: Measure) -> tuple[str | None, Severity | None]:
    """The obligation that states a measure's deadline, and the severity its wording sets.

    The severity follows the clause (“力争 2020 年前…” is an aim: a note); where no
    obligation states the deadline, the deadline's own ``aspirational`` flag decides.
    """
    quote = measure.deadline.quote or ""
    for provision_id in measure.provision_ids:
        for ob in plan.provision(provision_id).obligations:
            if quote and (quote in ob.quote or ob.quote in quote):
                return ob.id, ob.modality.default_severity
    fallback = Modality.AIM if measure.deadline.aspirational else Modality.BINDING
    return None, fallback.default_severity


def _within_source(ctx: WorkplanContext) -> Iterator[WorkplanViolation]:
    for path, task in ctx.tasks():
        if task.status is TaskStatus.CANCELLED:
            continue
        for measure_id in task_measures(task, ctx.plan):
            measure = ctx.plan.measure(measure_id)
            limit = source_last_day(measure.deadline, ctx.settings)
            if limit is None:
                continue
            obligation_id, severity = _deadline_clause(ctx.plan, measure)
            last = task.deadline.last_day
            ongoing = task.deadline.kind is DueKind.ONGOING
            if severity is None or (not ongoing and (last is None or last <= limit)):
                continue
            said_zh = measure.deadline.describe("zh")
            said_en = measure.deadline.describe("en")
            planned_zh = task.deadline.describe("zh")
            planned_en = task.deadline.describe("en")
            yield WorkplanViolation(
                path=(*path, "deadline"),
                target=ctx.target("tasks", task.id, measure_id),
                message_zh=f"任务 {task.id} 的完成时限“{planned_zh}”晚于原文对举措 {measure_id} "
                f"的时限“{said_zh}”（即不晚于 {limit.isoformat()}）",
                message_en=f"task {task.id} is due {planned_en}, later than the source's "
                f"deadline for measure {measure_id}, {said_en} (i.e. by {limit.isoformat()})",
                severity=severity,
                measure_id=measure_id,
                provision_id=obligation_id.rsplit(".", 1)[0]
                if obligation_id
                else measure.provision_ids[0],
                quote=measure.deadline.quote,
                obligation_ids=(obligation_id,) if obligation_id else (),
            )


# --- WP006, WP007 -----------------------------------------------------------


def _milestones_in_time(ctx: WorkplanContext) -> Iterator[WorkplanViolation]:
    for path, task in ctx.tasks():
        end = task.deadline.last_day
        if end is None:
            continue
        for i, ms in enumerate(task.milestones):
            at = ms.deadline.last_day
            if at is not None and at > end:
                yield WorkplanViolation(
                    path=(*path, "milestones", i, "deadline"),
                    target=ctx.target("tasks", task.id, "milestones", ms.text),
                    message_zh=f"任务 {task.id} 的节点“{ms.text}”时限 {ms.deadline.describe('zh')}，"
                    f"晚于任务本身的时限 {task.deadline.describe('zh')}",
                    message_en=f"milestone '{ms.text}' of task {task.id} is due "
                    f"{ms.deadline.describe('en')}, after the task itself "
                    f"({task.deadline.describe('en')})",
                    measure_id=_first(task_measures(task, ctx.plan)),
                )


def _completed_not_future(ctx: WorkplanContext) -> Iterator[WorkplanViolation]:
    day = ctx.as_of.isoformat()
    for path, task in ctx.tasks():
        if task.completed is not None and task.completed > ctx.as_of:
            yield WorkplanViolation(
                path=(*path, "completed"),
                target=ctx.target("tasks", task.id),
                message_zh=f"任务 {task.id} 的完成日期 {task.completed.isoformat()} 晚于检查日期 {day}",
                message_en=f"task {task.id} is recorded as completed on "
                f"{task.completed.isoformat()}, after the as-of date {day}",
                measure_id=_first(task_measures(task, ctx.plan)),
            )
        for i, ms in enumerate(task.milestones):
            if ms.completed is not None and ms.completed > ctx.as_of:
                yield WorkplanViolation(
                    path=(*path, "milestones", i, "completed"),
                    target=ctx.target("tasks", task.id, "milestones", ms.text),
                    message_zh=f"任务 {task.id} 的节点“{ms.text}”完成日期 "
                    f"{ms.completed.isoformat()} 晚于检查日期 {day}",
                    message_en=f"milestone '{ms.text}' of task {task.id} is recorded as completed "
                    f"on {ms.completed.isoformat()}, after the as-of date {day}",
                    measure_id=_first(task_measures(task, ctx.plan)),
                )


# --- WP008, WP009 -----------------------------------------------------------


def _due_items(
    ctx: WorkplanContext,
) -> Iterator[tuple[tuple[PathPart, ...], Task, str | None, int, Due]]:
    """Open tasks and open milestones with a last day: path, task, milestone, days left, due."""
    for path, task in ctx.tasks():
        if not task.open:
            continue
        days = task.deadline.days_left(ctx.as_of)
        if days is not None:
            yield (*path, "deadline"), task, None, days, task.deadline
        for i, ms in enumerate(task.milestones):
            days = ms.deadline.days_left(ctx.as_of)
            if ms.completed is None and days is not None:
                yield (*path, "milestones", i, "deadline"), task, ms.text, days, ms.deadline


def _dated(
    ctx: WorkplanContext, keep: Callable[[int], bool], says: Callable[[int], tuple[str, str]]
) -> Iterator[WorkplanViolation]:
    """A violation for each open item whose days left ``keep`` accepts; ``says`` words it."""
    for path, task, milestone, days, due in _due_items(ctx):
        if not keep(days):
            continue
        what_zh = f"任务 {task.id} " + (f"的节点“{milestone}”" if milestone else "")
        what_en = (f"milestone '{milestone}' of " if milestone else "") + f"task {task.id}"
        zh, en = says(days)
        target = ("tasks", task.id) + (("milestones", milestone) if milestone else ())
        yield WorkplanViolation(
            path=path,
            target=ctx.target(*target),
            message_zh=f"{what_zh}{zh}（时限 {due.describe('zh')}，"
            f"牵头单位 {task.lead_unit or '未明确'}）",
            message_en=f"{what_en} {en} (due {due.describe('en')}, "
            f"lead unit {task.lead_unit or 'none'})",
            measure_id=_first(task_measures(task, ctx.plan)),
        )


def _overdue(ctx: WorkplanContext) -> Iterator[WorkplanViolation]:
    return _dated(
        ctx,
        lambda days: days < 0,
        lambda days: (f"已逾期 {-days} 天", f"is {-days} day(s) overdue"),
    )


def _due_soon(ctx: WorkplanContext) -> Iterator[WorkplanViolation]:
    window = ctx.settings.due_soon_days
    return _dated(
        ctx,
        lambda days: 0 <= days <= window,
        lambda days: (
            ("今天到期", "is due today")
            if days == 0
            else (f"{days} 天后到期", f"is due in {days} day(s)")
        ),
    )


def _rule(
    id: str,
    name: str,
    zh: str,
    en: str,
    severity: Severity,
    check: WorkplanCheck,
    why: Text,
    quote: str = "",
    *,
    modality: str | None = None,
    editorial: Text | None = None,
) -> WorkplanRule:
    return WorkplanRule(
        id=id,
        name=name,
        title=Text(zh, en),
        severity=severity,
        provision_id=None,
        obligation_ids=(),
        quote=quote,
        rationale=why,
        check=check,
        modality=modality,
        editorial=editorial,
    )


_READING = Text(
    "编辑性解读：原文说每项举措“明确了责任单位和完成时限”，但未公布该表；本规则要求落实方案的"
    "工作方案为每项举措（本项目的 14 项编辑性分组）写明任务、牵头单位和完成时限。",
    "Editorial reading: the text says each measure has responsible units and a deadline but "
    "never published them; this rule asks a work plan implementing it to give each measure (our "
    "editorial grouping of 14) tasks, a lead unit and a deadline.",
)


ALL_WORKPLAN_RULES: tuple[WorkplanRule, ...] = (
    _rule(
        "WP001",
        "measure-covered",
        "每项举措至少有一项任务，或写明不适用的理由",
        "Every measure has at least one task, or is marked not applicable with a reason",
        Severity.ERROR,
        _coverage,
        Text(
            "方案要落实《实施方案》的全部举措：没有任务也没有说明的举措无人负责。",
            "A work plan implements all the measures: a measure with no task and no reason has no owner.",
        ),
        _FOURTEEN,
        modality="binding",
        editorial=_READING,
    ),
    _rule(
        "WP002",
        "task-lead-unit",
        "每项任务有牵头单位",
        "Every task has a lead unit",
        Severity.ERROR,
        _lead_unit,
        Text(
            "原文：每项举措明确了责任单位和完成时限；没有牵头单位的任务无人催办。",
            "The text gives each measure a responsible unit and a deadline; a task without a lead unit has no one to chase.",
        ),
        _EACH_MEASURE,
        modality="binding",
        editorial=_READING,
    ),
    _rule(
        "WP003",
        "task-deadline",
        "每项任务有完成时限（“长期坚持”也算）",
        "Every task has a deadline (ongoing counts as one)",
        Severity.ERROR,
        _deadline_set,
        Text(
            "原文：每项举措明确了责任单位和完成时限。",
            "The text gives each measure a responsible unit and a deadline.",
        ),
        _EACH_MEASURE,
        modality="binding",
        editorial=_READING,
    ),
    _rule(
        "WP004",
        "unit-spelling",
        "同一单位只用一种写法",
        "One unit, one spelling",
        Severity.WARNING,
        _unit_spelling,
        Text(
            "同一单位写法不一，按单位汇总的“报到”台账会把它拆成两个单位。",
            "A unit spelt two ways splits in the per-unit ledger and its tasks are chased twice or not at all.",
        ),
    ),
    _rule(
        "WP005",
        "deadline-within-source",
        "任务时限不晚于原文为该举措设定的时限",
        "No task is due later than the source's deadline for its measure",
        Severity.NOTE,
        _within_source,
        Text(
            "原文设定时限的举措（如“力争 2020 年前完成地方立法”），任务时限不应更晚；"
            "严重程度随规定该时限的条款措辞：“力争”为目标性，故为提示。",
            "Where the source sets a deadline (“strive to complete the local legislation before "
            "2020”), a task should not be due later; the severity follows the wording of the "
            "clause setting it: 力争 is an aim, so a note.",
        ),
    ),
    _rule(
        "WP006",
        "milestone-before-deadline",
        "节点时限不晚于任务时限",
        "Milestones fall before their task's deadline",
        Severity.ERROR,
        _milestones_in_time,
        Text(
            "节点晚于任务本身的时限，台账自相矛盾。",
            "A milestone due after its task makes the ledger contradict itself.",
        ),
    ),
    _rule(
        "WP007",
        "completed-not-in-future",
        "完成日期不晚于检查日期",
        "Completion dates are not after the as-of date",
        Severity.ERROR,
        _completed_not_future,
        Text(
            "尚未到来的完成日期是笔误或预填，会让进度失真。",
            "A completion date still to come is a typo or filled in ahead, and makes progress look better than it is.",
        ),
    ),
    _rule(
        "WP008",
        "overdue",
        "未完成的任务或节点已过时限",
        "An open task or milestone is past its deadline",
        Severity.ERROR,
        _overdue,
        Text(
            "时限当天仍按期，次日起逾期；“长期坚持”和已完成、已取消的任务不会逾期。",
            "Due today is in time, the day after is overdue; ongoing, done and cancelled tasks are never overdue.",
        ),
    ),
    _rule(
        "WP009",
        "due-soon",
        "任务或节点即将到期",
        "A task or milestone is due soon",
        Severity.NOTE,
        _due_soon,
        Text(
            "在设定天数（默认 30 天，policies/workplan/settings.yaml）内到期的未完成事项，提前提醒。",
            "Open items due within the set number of days (30 by default, "
            "policies/workplan/settings.yaml), as a reminder.",
        ),
    ),
)
