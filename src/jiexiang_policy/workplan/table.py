"""Tasks kept in a spreadsheet: read them from CSV or an Excel workbook (.xlsx), write them back.

A work-plan file names the table with ``tasks_table: 任务.csv`` (or ``任务.xlsx``; relative to
the plan) instead of listing ``tasks``; the plan's other fields stay in YAML. A CSV saved as GBK
(Excel's default on Chinese Windows) needs ``tasks_table_encoding: gbk`` in the plan. Workbooks
are read from their first sheet with openpyxl (the ``xlsx`` extra). One row per task; the headers are the
Chinese column names offices use (the English field names work too):

编号, 任务, 举措, 条款, 责任领导, 牵头单位, 协办单位, 完成时限, 节点, 状态, 完成日期, 佐证, 备注

Lists (举措, 条款, 协办单位) are separated by 、 , ， ; ； or new lines. 节点 holds one milestone
per line: ``2026-07-31 形成征求意见稿`` or ``2026-07-31 形成征求意见稿（完成 2026-07-25）``.
Problems are located at the CSV's line and column (the spreadsheet column, 1-based).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..documents import Document
from ..errors import InputError
from ..locations import Location, PathPart
from .model import Task

__all__ = [
    "COLUMNS",
    "PlanWithTable",
    "TableDocument",
    "parse_tasks_csv",
    "read_tasks_csv",
    "read_tasks_table",
    "read_tasks_xlsx",
    "tasks_csv",
    "tasks_xlsx",
]

COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("id", ("编号", "序号")),
    ("text", ("任务", "任务内容", "工作任务")),
    ("measures", ("举措",)),
    ("provisions", ("条款",)),
    ("leader", ("责任领导", "责任区领导")),
    ("lead_unit", ("牵头单位", "主责单位")),
    ("cooperating_units", ("协办单位", "配合单位")),
    ("deadline", ("完成时限",)),
    ("milestones", ("节点",)),
    ("status", ("状态",)),
    ("completed", ("完成日期",)),
    ("evidence", ("佐证",)),
    ("notes", ("备注",)),
)
"""Each field with the headers that name it (its own name is accepted too)."""

_LISTS = frozenset(("measures", "provisions", "cooperating_units"))
_SPLIT = re.compile(r"[、,，;；\n]")
_MILESTONE = re.compile(r"^(\S+)\s+(.+?)(?:\s*[（(]\s*完成\s*(\S+?)\s*[)）])?$")
_HEADERS = {h: field for field, names in COLUMNS for h in (field, *names)}


@attrs.define
class TableDocument(Document):
    """A CSV table as a document: ``locate`` answers with the row's line and the cell's column."""

    lines: list[int] = attrs.Factory(list)
    """The line (1-based) each task row starts on."""
    columns: dict[str, int] = attrs.Factory(dict)
    """The column (1-based) of each field."""

    def locate(self, path: tuple[PathPart, ...] = (), *, key: bool = False) -> Location:
        """``("tasks", i, field, …)`` → the row's line and the field's column."""
        row = path[1] if len(path) >= 2 and path[0] == "tasks" else None
        if isinstance(row, int) and row < len(self.lines):
            column = self.columns.get(str(path[2]), 0) if len(path) > 2 else 0
            return Location(self.name, self.lines[row], column, path)
        return Location(self.name, 1 if path else 0, 0, path)


@attrs.define
class PlanWithTable(Document):
    """A YAML plan whose tasks come from a CSV table: each path is located in its own file."""

    table: TableDocument | None = None

    def locate(self, path: tuple[PathPart, ...] = (), *, key: bool = False) -> Location:
        """Task paths in the table, the rest in the YAML file."""
        if self.table is not None and len(path) >= 2 and path[0] == "tasks":
            return self.table.locate(path, key=key)
        return super().locate(path, key=key)


def _cell(field: str, value: str) -> Any:
    if field in _LISTS:
        return [v.strip() for v in _SPLIT.split(value) if v.strip()]
    if field == "milestones":
        out = []
        for line in value.splitlines():
            if not line.strip():
                continue
            m = _MILESTONE.match(line.strip())
            if not m:
                raise ValueError(
                    f"milestone {line.strip()!r}: write 时限 内容, e.g. 2026-07-31 形成征求意见稿"
                )
            item = {"deadline": m[1], "text": m[2]}
            if m[3]:
                item["completed"] = m[3]
            out.append(item)
        return out
    return value.strip()


def read_tasks_csv(path: str | Path, *, encoding: str | None = None) -> TableDocument:
    """The task rows of a CSV file as plain data (``{"tasks": [...]}``), located by line and column."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError.at(Location(name), f"cannot be read: {exc.strerror or exc}") from None
    enc = encoding or "utf-8"
    if codecs.lookup(enc).name == "utf-8":
        raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError.at(
            Location(name, line),
            f"is not valid {enc}; a table saved from Excel is often GBK: write "
            "tasks_table_encoding: gbk in the plan, or save the table as “CSV UTF-8”",
        ) from None
    return parse_tasks_csv(text, name)


def parse_tasks_csv(text: str, name: str = "<tasks.csv>") -> TableDocument:
    """Parse CSV text into a :class:`TableDocument` (see :func:`read_tasks_csv`)."""
    reader = csv.reader(io.StringIO(text, newline=""))

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = 1
        try:
            for record in reader:
                yield start, record
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InputError.at(Location(name, reader.line_num), f"invalid CSV: {exc}") from None

    return _table(rows(), name, text)


def _table(rows: Iterator[tuple[int, list[str]]], name: str, text: str) -> TableDocument:
    """The header row, then one task per non-empty row, as plain data located by line and column."""
    try:
        _, header = next(rows)
    except StopIteration:
        raise InputError.at(Location(name), "the table is empty; expected a header row") from None
    columns: dict[str, int] = {}
    problems: list[tuple[Location, str]] = []
    for i, head in enumerate(header):
        field = _HEADERS.get(head.strip())
        if field is None:
            if head.strip():
                near = difflib.get_close_matches(head.strip(), list(_HEADERS), n=1, cutoff=0.5)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                problems.append((Location(name, 1, i + 1), f"unknown column {head!r}{hint}"))
            continue
        if field in columns:
            problems.append((Location(name, 1, i + 1), f"column {head!r} appears twice"))
        columns[field] = i + 1
    for required in ("id", "text"):
        if required not in columns:
            zh = dict(COLUMNS)[required][0]
            problems.append((Location(name, 1), f"missing column {zh} ({required})"))
    if problems:
        raise InputError(problems)
    tasks: list[dict[str, Any]] = []
    lines: list[int] = []
    for line, record in rows:
        if not any(c.strip() for c in record):
            continue
        row: dict[str, Any] = {}
        for field, col in columns.items():
            value = record[col - 1] if col <= len(record) else ""
            if value.strip():
                try:
                    row[field] = _cell(field, value)
                except ValueError as exc:
                    problems.append((Location(name, line, col), str(exc)))
        tasks.append(row)
        lines.append(line)
    if problems:
        raise InputError(problems)
    return TableDocument(name=name, data={"tasks": tasks}, text=text, lines=lines, columns=columns)


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_tasks_xlsx(path: str | Path) -> TableDocument:
    """The task rows of the first sheet of an Excel workbook, located by row and column."""
    name = str(path)
    try:
        import openpyxl
    except ImportError:
        raise InputError.at(
            Location(name),
            "reading .xlsx needs openpyxl: pip install 'jiexiang-policy[xlsx]', or save the "
            "table as CSV",
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError.at(Location(name), f"cannot be read as an Excel workbook: {exc}") from None
    try:
        sheet = book.worksheets[0]
        rows = [
            (n, [_xlsx_text(v) for v in values])
            for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    return _table(iter(rows), name, "")


def read_tasks_table(path: str | Path, *, encoding: str | None = None) -> TableDocument:
    """A task table: CSV, or an Excel workbook when the name ends in ``.xlsx``."""
    if str(path).lower().endswith(".xlsx"):
        return read_tasks_xlsx(path)
    if not str(path).lower().endswith(".csv"):
        raise InputError.at(Location(str(path)), "a task table is a .csv or .xlsx file")
    return read_tasks_csv(path, encoding=encoding)


def tasks_csv(tasks: tuple[Task, ...]) -> str:
    """``tasks`` as a CSV table with the Chinese headers, read back by :func:`read_tasks_csv`."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([names[0] for _, names in COLUMNS])
    for t in tasks:
        milestones = "\n".join(
            f"{m.deadline.text()} {m.text}"
            + (f"（完成 {m.completed.isoformat()}）" if m.completed else "")
            for m in t.milestones
        )
        writer.writerow(
            [
                t.id,
                t.text,
                "、".join(t.measures),
                "、".join(t.provisions),
                t.leader or "",
                t.lead_unit or "",
                "、".join(t.cooperating_units),
                t.deadline.text() if t.deadline.is_set else "",
                milestones,
                t.status.value,
                t.completed.isoformat() if t.completed else "",
                t.evidence or "",
                t.notes or "",
            ]
        )
    return out.getvalue()


def tasks_xlsx(tasks: tuple[Task, ...]) -> bytes:
    """``tasks`` as an Excel workbook (one sheet, 任务), read back by :func:`read_tasks_xlsx`."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务"
    for record in csv.reader(io.StringIO(tasks_csv(tasks), newline="")):
        sheet.append(record)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
