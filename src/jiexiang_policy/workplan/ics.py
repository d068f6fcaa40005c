"""The deadlines of a work plan as an iCalendar file (RFC 5545), for any calendar client.

One all-day event per open task and open milestone that has a last day (ongoing
work has none and is left out). Written by hand to the letter of RFC 5545: CRLF
line ends, lines folded at 75 octets without splitting a character, TEXT values
escaped, a stable ``UID`` per item (re-importing updates instead of duplicating)
and ``DTSTAMP`` set from the as-of date, so the same status gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from urllib.parse import quote

from .._version import __version__
from .progress import DueItem, WorkplanStatus

__all__ = ["escape_text", "fold", "item_uid", "workplan_ics"]

_PRODID = f"-//jiexiang-policy//workplan {__version__}//ZH"


def escape_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 says (backslash, semicolon, comma, newline)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """One content line folded at 75 octets (§3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def item_uid(status: WorkplanStatus, item: DueItem) -> str:
    """A stable, globally unique ID for a task's or milestone's deadline."""
    plan = hashlib.sha256(f"{status.issuer}\0{status.title}".encode()).hexdigest()[:16]
    what = f"task-{quote(item.task_id, safe='')}"
    if item.milestone is not None:
        what += "-ms-" + hashlib.sha256(item.milestone.encode()).hexdigest()[:12]
    return f"{plan}-{what}@jiexiang-policy"


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def workplan_ics(status: WorkplanStatus, lang: str = "zh") -> str:
    """The open deadlines of ``status`` as iCalendar text (CRLF line ends).

    Every word the tool adds to an event (title, description, categories) is in ``lang``
    (``zh``, the default, or ``en``), never both at once; the plan's own words (the
    district, tasks, units) stay as the plan writes them.
    """
    stamp = status.as_of.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(status.title)}",
    ]
    for item in (*status.overdue, *status.upcoming):
        if item.last_day is None:
            continue
        if lang == "en":
            what = f"[{status.issuer}] task {item.task_id}"
            what += f" milestone: {item.milestone}" if item.milestone else f": {item.text}"
            what = "[overdue] " + what if item.overdue else what
        else:
            what = f"【{status.issuer}】任务 {item.task_id}"
            what += f" 节点：{item.milestone}" if item.milestone else f"：{item.text}"
            what = "[逾期] " + what if item.overdue else what
        if lang == "en":
            description = (
                f"{item.text}\nLead unit: {item.lead_unit or 'not stated'}\n"
                f"Units: {', '.join(item.units) or 'not stated'}\n"
                f"Due: {item.due.describe('en')}\nMeasures: {', '.join(item.measures)}\n"
                f"Status: {item.status.label('en')}"
            )
            if status.illustrative:
                description += "\n(illustrative, not official)"
        else:
            units = "、".join(item.units) or "未明确"
            description = (
                f"{item.text}\n牵头单位：{item.lead_unit or '未明确'}\n责任单位：{units}\n"
                f"完成时限：{item.due.describe('zh')}\n举措：{'、'.join(item.measures)}\n"
                f"状态：{item.status.value}"
            )
            if status.illustrative:
                description += "\n（示例，非官方）"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item_uid(status, item)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_date(item.last_day)}",
            f"DTEND;VALUE=DATE:{_date(item.last_day + dt.timedelta(days=1))}",
            f"SUMMARY:{escape_text(what)}",
            f"DESCRIPTION:{escape_text(description)}",
            "CATEGORIES:"
            + (
                ",".join(escape_text(u) for u in item.units)
                or escape_text("not stated" if lang == "en" else "未明确")
            ),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
