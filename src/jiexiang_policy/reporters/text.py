"""The text report: grouped by file, ``file:line:col RULE severity message``, then the clause.

In Chinese (the default) the severity and status words are Chinese too (错误/警告,
已豁免/现状已有); the rule ID stays, for searching and for ``jiexiang explain``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from ..findings import Report, Severity, Status
from ..messages import skip_reason, waiver_reason
from ..run import InputProblem, RunNote

__all__ = ["render_text"]

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.NOTE: "\033[36m"}
_RESET = "\033[0m"
_STATUS_ZH = {Status.EXISTING: "现状已有", Status.WAIVED: "已豁免"}


def _status(status: Status, en: bool) -> str:
    return status.value if en else _STATUS_ZH.get(status, status.value)


_RELATIONS_ZH = {"carries-on": "承接", "narrows": "收窄", "widens": "扩展", "replaces": "取代"}


def _relation(relation: str | None, en: bool) -> str:
    if relation is None:
        return "clause" if en else "依据"
    return f"see also ({relation})" if en else f"另见（{_RELATIONS_ZH.get(relation, relation)}）"


def render_text(
    report: Report,
    *,
    lang: str = "zh",
    color: bool = False,
    input_errors: Sequence[InputProblem] = (),
    run_notes: Sequence[RunNote] = (),
    list_problems: bool = True,
) -> str:
    """Readable findings with the quoted clause under each; then input errors and notes.

    With ``list_problems=False`` (a report on a terminal, where the command writes the
    errors and notes to standard error) only the count of input errors is said, in the
    summary, so the report never looks clean when a file could not be checked.
    """
    en = lang == "en"
    lines: list[str] = []
    for file, group in groupby(report.findings, key=lambda f: f.location.file):
        lines.append(f"{file}")
        for f in group:
            loc = f.location
            where = f"{loc.file}:{loc.line}:{loc.column}" if loc.line else loc.file
            severity = f.severity.label("en" if en else "zh")
            if color:
                severity = f"{_COLORS[f.severity]}{severity}{_RESET}"
            status = "" if f.status is Status.NEW else f" [{_status(f.status, en)}]"
            lines.append(f"  {where} {f.rule_id} {severity}{status} {f.message(lang)}")
            if f.waiver_reason:
                reason = waiver_reason(f.waiver_reason, lang)
                lines.append(f"      {'waived' if en else '豁免'}: {reason}")
            if f.quote:  # the waiver checks (JX900/JX901) cite no clause
                own = [c for c in f.citations if c.relation is None]
                general = "general part" if en else "总体考虑"
                cite = own[0].clause if own else (f.provision_id or general)
                # Named as a reader names it: 《实施方案（2018）》P-2.3.2.a, 《…条例》第五条第一款.
                shown = own[0].label(lang) if own else (f.provision_id or general)
                colon = ": " if en else "："
                lines.append(f"      {'clause' if en else '依据'} {shown}{colon}“{f.quote}”")
                # Then what else is in force that day: the statutes' clauses it rests on or
                # that carry it on (the plan's own clauses are the line above).
                for c in f.citations:
                    if c.clause == cite or (c.relation is None and c.clause.startswith("plan-")):
                        continue
                    lines.append(
                        f"      {_relation(c.relation, en)} {c.label(lang)}{colon}“{c.quote}”"
                    )
        lines.append("")
    for problem in input_errors if list_problems else ():
        label = "input error" if en else "输入错误"
        if color:
            label = f"{_COLORS[Severity.ERROR]}{label}{_RESET}"
        lines.append(f"{problem.location}: {label}: {problem.message_in(lang)}")
    for note in run_notes if list_problems else ():
        lines.append(f"{note.file}: {'note' if en else '提示'}: {note.message(lang)}")
    if list_problems and (input_errors or run_notes):
        lines.append("")
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    notes = report.count(Severity.NOTE)
    waived = sum(1 for f in report.findings if f.status is Status.WAIVED)
    if en:
        lines.append(
            f"{errors} error(s), {warnings} warning(s), {notes} note(s), {waived} waived; "
            f"as of {report.as_of.isoformat()}; {len(report.rules_run)} rules run"
        )
    else:
        lines.append(
            f"错误 {errors} 项，警告 {warnings} 项，提示 {notes} 项，豁免 {waived} 项；"
            f"检查日期 {report.as_of.isoformat()}；运行规则 {len(report.rules_run)} 条"
        )
    if report.documents:
        day = report.as_of.isoformat()
        lines.append(f"  in force on {day}:" if en else f"  {day} 施行中的文件：")
        for d in report.documents:
            if en:
                since = f"in force from {d.in_force}" if d.in_force else "date not stated"
                lines.append(f"    {d.id}: {d.title_en} ({since})")
            else:
                since = f"{d.in_force} 起施行" if d.in_force else "施行日期原文未说明"
                lines.append(f"    {d.id}：《{d.title_zh}》（{since}）")
    for rule_id, start in report.rules_not_yet_in_force:
        if en:
            lines.append(f"  not yet in force: {rule_id} applies from {start.isoformat()}")
        else:
            lines.append(
                f"  尚未适用：{rule_id} 自 {start.isoformat()} 起适用（所依据的条例届时施行）"
            )
    for rule_id, reason in report.rules_skipped:
        if en:
            lines.append(f"  skipped {rule_id}: {reason}")
        else:
            lines.append(f"  未运行 {rule_id}：{skip_reason(reason, 'zh')}")
    if input_errors:
        count = len(input_errors)
        where = "" if list_problems else (" (on standard error)" if en else "（见标准错误输出）")
        lines.append(
            f"{count} input error(s){where}: files with errors were not checked"
            if en
            else f"输入错误 {count} 处{where}：有错误的文件未检查"
        )
    return "\n".join(lines) + "\n"
