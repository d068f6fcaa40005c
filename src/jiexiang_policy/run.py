"""Checking many files and directories in one run, without losing a report.

:func:`find_setup_files` expands directories into the setup files inside them;
:func:`check_files` checks each file on its own, so an input error in one file
is recorded (with its file, line, column and path) and the other files are
still checked. The result, a :class:`CheckRun`, carries the merged report, the
input errors and the notes (e.g. files skipped because they are not setups);
every reporter can render it, so a CI step always finds its report file.

Exit codes: the worst of 2 (an input error), 1 (findings at or above
``fail_on``) and 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .errors import InputError
from .findings import Report, Severity
from .locations import Location

__all__ = [
    "SETUP_EXTENSIONS",
    "CheckRun",
    "InputProblem",
    "RunNote",
    "check_files",
    "exit_code",
    "find_setup_files",
]

SETUP_EXTENSIONS = (".yaml", ".yml", ".json")
"""Files a directory is searched for (case-insensitive)."""

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


@attrs.frozen
class InputProblem:
    """One problem that kept a file (or the run) from being checked."""

    location: Location
    message: str
    """The message as raised (see :func:`jiexiang_policy.messages.translate` for ``zh``/``en``)."""

    @property
    def file(self) -> str:
        """The file the problem is in (an option such as ``--select`` for a usage problem)."""
        return self.location.file

    @classmethod
    def each_of(cls, error: InputError) -> list[InputProblem]:
        """One problem per located message of ``error``."""
        return [cls(location, message) for location, message in error.problems]

    def message_in(self, lang: str = "zh") -> str:
        """The message in ``lang``."""
        from .messages import translate

        return translate(self.message, lang)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, both languages."""
        loc = self.location
        return {
            "message": {"zh": self.message_in("zh"), "en": self.message_in("en")},
            "location": {
                "file": loc.file,
                "line": loc.line or None,
                "column": loc.column or None,
                "path": loc.pointer,
            },
        }


@attrs.frozen
class RunNote:
    """Something a person should know about a run that is not a problem (a skipped file)."""

    file: str
    message_zh: str
    message_en: str

    def message(self, lang: str = "zh") -> str:
        """The note in ``lang``."""
        return self.message_en if lang == "en" else self.message_zh

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"file": self.file, "message": {"zh": self.message_zh, "en": self.message_en}}


@attrs.frozen
class CheckRun:
    """The outcome of a run over several files: the report, input errors and notes."""

    report: Report
    errors: tuple[InputProblem, ...] = ()
    notes: tuple[RunNote, ...] = ()
    files: tuple[str, ...] = ()
    """Every file the run was given or found, checked or not, in order."""

    def exit_code(self, fail_on: Severity | None = Severity.ERROR) -> int:
        """2 if any input error, else 1 if findings fail the run, else 0."""
        return exit_code(self.report, self.errors, fail_on)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report, with ``errors`` and ``notes`` added."""
        data = self.report.to_dict()
        data["errors"] = [p.to_dict() for p in self.errors]
        data["notes"] = [n.to_dict() for n in self.notes]
        return data


def exit_code(
    report: Report, errors: Collection[InputProblem], fail_on: Severity | None = Severity.ERROR
) -> int:
    """The worst of 2 (input errors), 1 (failing findings) and 0."""
    if errors:
        return EXIT_INPUT
    return EXIT_FINDINGS if report.failing(fail_on) else EXIT_OK


def _is_setup_extension(path: Path) -> bool:
    return path.suffix.lower() in SETUP_EXTENSIONS


def find_setup_files(
    paths: Iterable[str | Path],
) -> tuple[list[tuple[str, bool]], list[RunNote], list[str]]:
    """The files to check: ``(path, named)`` pairs, ``named`` False for files found in a directory.

    A directory is searched recursively for ``*.yaml``, ``*.yml`` and ``*.json``
    files, in sorted order, skipping hidden directories (``.git``, ``.venv``…).
    Also returns notes, and the directories holding no such file.
    """
    out: list[tuple[str, bool]] = []
    notes: list[RunNote] = []
    empty: list[str] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            out.append((str(raw), True))
            continue
        found = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and _is_setup_extension(p)
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not found:
            empty.append(str(raw))
        out += [(str(p), False) for p in found]
    return out, notes, empty


def _not_a_setup(path: str, encoding: str | None) -> str | None:
    """Why a file found in a directory is not a setup (``None`` if it looks like one)."""
    from .documents import load_document

    try:
        data = load_document(path, encoding=encoding).data
    except InputError:
        return None  # a broken file: reported as an input error
    if isinstance(data, dict) and "districts" in data:
        return None
    if isinstance(data, dict) and "waivers" in data:
        return "waivers"
    return "no-districts"


def check_files(
    paths: Sequence[str | Path],
    plan: Any = None,
    *,
    baseline: Any = None,
    as_of: dt.date | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
    encoding: str | None = None,
    waivers: Any = None,
    severities: Mapping[str, str | Severity | None] | None = None,
    divisions: Any = None,
    corpus: Any = None,
) -> CheckRun:
    """Check every setup file in ``paths`` (files or directories); never stop at one bad file.

    ``baseline`` is a :class:`~jiexiang_policy.Setup` (or ``None``); ``waivers``
    a loaded waiver file; ``divisions`` a division registry for the registry checks
    (default: the shipped one); ``corpus`` the dated policy documents (default: the
    shipped ones); ``severities`` maps rule IDs to a severity (``"error"``,
    ``"warning"``, ``"note"``, a :class:`~jiexiang_policy.Severity`) or ``"off"``/``None``.
    """
    from .checker import check, merge_reports, select_rules
    from .orgsetup import load_setup
    from .plan_loader import load_plan

    as_of = as_of or dt.date.today()
    plan = plan or load_plan()
    select_rules(select, ignore)  # a usage error stops the run before any file
    overrides = _severity_overrides(severities or {}, select_rules())
    options: dict[str, Any] = {}
    if overrides:
        options["severities"] = overrides
    if divisions is not None:
        options["divisions"] = divisions
    if corpus is not None:  # the documents by date (default: the shipped corpus)
        options["corpus"] = corpus
    # The rules that compare with the baseline, as selected and not turned off: a note
    # says which streets they could not compare (see _not_in_baseline).
    comparing = [
        r.id
        for r in select_rules(select, ignore)
        if r.needs_baseline and (r.id not in overrides or overrides[r.id] is not None)
    ]
    files, notes, empty = find_setup_files(paths)
    reports: list[Report] = []
    errors = [
        InputProblem(Location(folder), "no .yaml, .yml or .json file in this directory")
        for folder in empty
    ]
    for path, named in files:
        try:
            setup = load_setup(path, encoding=encoding)
        except InputError as exc:
            why = None if named else _not_a_setup(path, encoding)
            if why is None:
                errors += InputProblem.each_of(exc)
            elif why == "waivers":
                notes.append(
                    RunNote(
                        path,
                        "已跳过：这是豁免文件，不是设置；请用 --waivers 指定它",
                        "skipped: a waiver file, not a setup; pass it with --waivers",
                    )
                )
            else:
                notes.append(
                    RunNote(
                        path,
                        "已跳过：顶层没有 districts，不是设置文件",
                        "skipped: not a setup (no top-level 'districts')",
                    )
                )
            continue
        if baseline is not None and comparing:
            notes += _not_in_baseline(path, setup, baseline, comparing)
        try:
            reports.append(
                check(
                    setup,
                    plan,
                    baseline=baseline,
                    as_of=as_of,
                    select=select,
                    ignore=ignore,
                    **options,
                )
            )
        except InputError as exc:
            errors += InputProblem.each_of(exc)
    if not reports and not errors:
        # Every file found was skipped: a run that checks nothing must not pass.
        errors.append(
            InputProblem(
                Location(", ".join(str(p) for p in paths)), "no setup file found; nothing checked"
            )
        )
    if reports:
        report = merge_reports(reports)
    else:
        rules = select_rules(select, ignore)
        report = Report(
            findings=(),
            as_of=as_of,
            rules_run=tuple(r.id for r in rules),
            rules=_rules_described(plan),
        )
    if waivers is not None:
        from .waivers import apply_waivers

        report = apply_waivers(report, waivers, as_of)
    return CheckRun(
        report=report,
        errors=tuple(errors),
        notes=tuple(notes),
        files=tuple(path for path, _ in files),
    )


def _not_in_baseline(
    path: str, setup: Any, baseline: Any, comparing: Sequence[str]
) -> list[RunNote]:
    """The streets of ``setup`` that ``baseline`` lacks: the rules that compare with it
    (``comparing``) pass them by, which is right for a new street and hides a change
    for a renamed one; either way the user should know."""
    known = {(d.name, s.name) for d in baseline.districts for s in d.streets}
    districts = {d.name for d in baseline.districts}  # a missing district is an error already
    missing = [
        f"{d.name}/{s.name}"
        for d in setup.districts
        if d.name in districts
        for s in d.streets
        if (d.name, s.name) not in known
    ]
    if not missing:
        return []
    where = baseline.document.name if baseline.document is not None else "--baseline"
    shown = "、".join(missing[:10]) + (f" 等 {len(missing)} 个" if len(missing) > 10 else "")
    shown_en = ", ".join(missing[:10]) + (
        f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    )
    return [
        RunNote(
            path,
            f"现状设置 {where} 中没有 {shown}：与现状比较的规则（{'、'.join(comparing)}）未比较这些街乡镇"
            "（新设的街乡镇如此；如是改名，请让两份文件用同一名称）",
            f"the baseline {where} has no {shown_en}: the rules that compare with it "
            f"({', '.join(comparing)}) did not compare them (right for a new street; for a "
            "renamed one, use one name in both files)",
        )
    ]


def _severity_overrides(
    severities: Mapping[str, str | Severity | None], known: Sequence[Any]
) -> dict[str, Severity | None]:
    ids = {r.id for r in known}
    out: dict[str, Severity | None] = {}
    for rule, level in severities.items():
        key = rule.strip().upper()
        if key not in ids:
            raise InputError.at(
                Location("--severity"), f"unknown rule {rule!r}; known: {', '.join(sorted(ids))}"
            )
        if level is None or level == "off":
            out[key] = None
        else:
            out[key] = level if isinstance(level, Severity) else Severity(level)
    return out


def _rules_described(plan: Any = None) -> tuple[Any, ...]:
    """The rules as reports describe them (for a report with no file checked)."""
    try:
        from .ruleset import describe_rules
    except ImportError:  # pragma: no cover - older rule sets
        return ()
    return describe_rules(plan)


def failed_run(problems: Iterable[tuple[Location, str]], as_of: dt.date) -> CheckRun:
    """A run stopped before any file by a usage or input error (bad option, baseline …)."""
    return CheckRun(
        report=Report(findings=(), as_of=as_of, rules=_rules_described()),
        errors=tuple(InputProblem(loc, msg) for loc, msg in problems),
    )
