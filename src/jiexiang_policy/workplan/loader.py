"""Reading a work plan from YAML or JSON, with the same reader, locations and messages as setups.

Besides each field's shape, the loader checks what ties the plan to the policy: the
documents it implements exist, every measure and provision ID resolves (with a
did-you-mean), task IDs are unique, and a measure is marked not applicable once.
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from ..converter import structure_versioned
from ..documents import Document, Limits, load_document, parse_document
from ..errors import InputError
from ..locations import Location, PathPart
from ..plan import Obligation, Plan, Provision
from ..plan_loader import load_plan
from .model import WORKPLAN_SCHEMA_VERSION, WorkPlan

__all__ = ["WorkPlanFileError", "check_references", "load_workplan", "workplan_from_document"]


class WorkPlanFileError(InputError):
    """A work-plan file is malformed or names measures, provisions or documents that do not exist."""


def load_workplan(
    source: str | Path,
    *,
    text: str | bytes | None = None,
    plan: Plan | None = None,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> WorkPlan:
    """Read a work plan from a YAML or JSON file, or from ``text`` named ``source``.

    ``plan`` is the policy the IDs are checked against (default: the shipped plan).
    Raises :class:`WorkPlanFileError` naming the file, line, column and path of each problem.
    """
    name = str(source)
    if name.lower().endswith((".csv", ".xlsx")):
        raise WorkPlanFileError.at(
            Location(name),
            "this is a task table, not a work plan: name it in a work plan with "
            "tasks_table: FILE (see docs/workplan-format.md)",
        )
    try:
        if text is None:
            doc = load_document(source, encoding=encoding, limits=limits)
        else:
            doc = parse_document(
                text,
                name=name,
                encoding=encoding,
                is_json=name.lower().endswith(".json"),
                limits=limits,
            )
    except InputError as exc:
        raise WorkPlanFileError(list(exc.problems)) from None
    return workplan_from_document(doc, plan, encoding=encoding)


def _with_table(doc: Document, encoding: str | None) -> Document:
    """``doc`` with the tasks of its ``tasks_table``, each located in the table."""
    from .table import PlanWithTable, read_tasks_table

    data = dict(doc.data)
    where = data.pop("tasks_table")
    table_encoding = data.pop("tasks_table_encoding", None)
    if table_encoding is not None:
        if not isinstance(table_encoding, str):
            raise WorkPlanFileError.at(
                doc.locate(("tasks_table_encoding",)), "tasks_table_encoding must be text, e.g. gbk"
            )
        try:
            codecs.lookup(table_encoding)
        except LookupError:
            raise WorkPlanFileError.at(
                doc.locate(("tasks_table_encoding",)), f"unknown encoding {table_encoding!r}"
            ) from None
        encoding = table_encoding
    if "tasks" in data:
        raise WorkPlanFileError.at(
            doc.locate(("tasks_table",), key=True), "give either tasks or tasks_table, not both"
        )
    if not isinstance(where, str) or not where.strip():
        raise WorkPlanFileError.at(
            doc.locate(("tasks_table",)), "tasks_table must name a .csv or .xlsx file"
        )
    path = Path(doc.name).parent / where
    try:
        table = read_tasks_table(path, encoding=encoding)
    except InputError as exc:
        raise WorkPlanFileError(list(exc.problems)) from None
    data["tasks"] = table.data["tasks"]
    return PlanWithTable(name=doc.name, data=data, text=doc.text, is_json=doc.is_json, table=table)


def workplan_from_document(
    doc: Document, plan: Plan | None = None, *, encoding: str | None = None
) -> WorkPlan:
    """Structure an already parsed document into a :class:`WorkPlan` and check its references.

    A plan whose tasks are in a table (``tasks_table``: .csv or .xlsx) reads it, relative to
    the plan's file.
    """
    data = doc.data
    if isinstance(data, dict) and "tasks_table" in data:
        doc = _with_table(doc, encoding)
        data = doc.data
    if isinstance(data, dict) and "districts" in data and "tasks" not in data:
        raise WorkPlanFileError.at(
            doc.locate(("districts",), key=True),
            "this is a setup, not a work plan: check it with `jiexiang check`",
        )
    wp = structure_versioned(
        doc,
        WorkPlan,
        WORKPLAN_SCHEMA_VERSION,
        "a work plan must be a mapping with 'title', 'issuer', 'implements' and 'tasks'",
        WorkPlanFileError,
    )
    problems = check_references(wp, plan or load_plan(), doc.locate)
    if problems:
        raise WorkPlanFileError(problems)
    return attrs.evolve(wp, document=attrs.evolve(doc, data=None))


def _key(id: str) -> str:
    # M1, m01 and M01 name one measure: case and leading zeros do not matter to a reader.
    return re.sub(r"\d+", lambda m: str(int(m.group())), id.strip().upper())


def _hint(value: str, known: Iterable[str]) -> str:
    known = list(known)
    same = [k for k in known if _key(k) == _key(value)]
    near = same or difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    return f"; did you mean {near[0]!r}?" if near else ""


def check_references(
    wp: WorkPlan,
    plan: Plan,
    locate: Callable[[tuple[PathPart, ...]], Location] | None = None,
) -> list[tuple[Location, str]]:
    """What in ``wp`` names something ``plan`` does not have (empty when all resolve)."""
    where = locate or wp.locate
    problems: list[tuple[Location, str]] = []

    def add(path: tuple[PathPart, ...], message: str) -> None:
        problems.append((where(path), message))

    documents = {plan.metadata.id}
    for i, doc_id in enumerate(wp.implements):
        if doc_id not in documents:
            add(
                ("implements", i),
                f"unknown policy document {doc_id!r}{_hint(doc_id, documents)}; "
                f"known: {', '.join(map(repr, sorted(documents)))}",
            )
    measures = [m.id for m in plan.measures]
    clauses = [p.id for p in plan.provisions] + [ob.id for _, ob in plan.obligations()]
    seen: set[str] = set()
    for t, task in enumerate(wp.tasks):
        if task.id in seen:
            add(("tasks", t, "id"), f"task {task.id!r} is defined twice")
        seen.add(task.id)
        for i, m in enumerate(task.measures):
            if m not in measures:
                add(("tasks", t, "measures", i), f"unknown measure {m!r}{_hint(m, measures)}")
        for i, p in enumerate(task.provisions):
            try:
                found = plan.get(p)
            except KeyError:
                found = None
            if not isinstance(found, Provision | Obligation):
                add(
                    ("tasks", t, "provisions", i),
                    f"unknown provision or obligation {p!r}{_hint(p, clauses)}",
                )
        if not task.measures and not task.provisions:
            add(
                ("tasks", t),
                f"task {task.id!r} names no measure and no provision; "
                "say what it implements with 'measures' (M01 …) or 'provisions'",
            )
    marked: set[str] = set()
    for i, na in enumerate(wp.not_applicable):
        if na.measure not in measures:
            add(
                ("not_applicable", i, "measure"),
                f"unknown measure {na.measure!r}{_hint(na.measure, measures)}",
            )
        if na.measure in marked:
            add(("not_applicable", i, "measure"), f"{na.measure} is marked twice")
        marked.add(na.measure)
    return sorted(problems, key=lambda p: (p[0].line, p[0].column))
