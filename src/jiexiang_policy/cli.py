"""The ``jiexiang`` command: a thin layer over the library.

Exit codes: 0 success (no finding at or above ``--fail-on``), 1 findings at or
above ``--fail-on``, 2 usage or input error, 3 internal error (a bug: the message
says how to report it), 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from ._version import __version__

TYPE_CHECKING = False  # not typing's, nor argparse at import: keeps --version fast
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import Any

    from .divisions import Registry

FORMATS = (
    "text",
    "json",
    "sarif",
    "junit",
)  # = reporters.FORMATS (tested); not imported: --version stays fast

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
TRACEBACK_VARIABLE = "JIEXIANG_TRACEBACK"
"""Set to 1 to see the traceback of an internal error instead of the short message."""


def _build_parser() -> argparse.ArgumentParser:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # type: ignore[override]
            self.print_usage(sys.stderr)
            self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")

    parser = _Parser(
        prog="jiexiang",
        description="Beijing 2018 “街乡吹哨、部门报到” plan: catalog and setup checker.",
        epilog="Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, "
        "3 internal error (a bug; please report it).",
    )
    parser.add_argument("--version", action="version", version=f"jiexiang {__version__}")
    parser.add_argument(
        "--policy-dir", metavar="DIR", help="use the policy folder DIR instead of the shipped one"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    cat = sub.add_parser(
        "catalog",
        help="print the plan's catalog, or write and check the generated docs",
        epilog="--check exits 1 when a committed generated page differs from the code.",
    )
    cat.add_argument("--format", choices=("text", "md", "html", "json"), default="text")
    cat.add_argument(
        "--lang",
        choices=("zh", "en", "both"),
        default="zh",
        help="language of text and md output (html carries both)",
    )
    cat.add_argument("--output", metavar="PATH", help="write to PATH instead of standard output")
    cat.add_argument(
        "--check",
        action="store_true",
        help="compare the committed docs/ and examples/rules/ with what the code generates",
    )
    cat.add_argument(
        "--write",
        action="store_true",
        help="regenerate docs/ and examples/rules/ in the current folder",
    )
    cat.add_argument(
        "--workplan",
        metavar="PLAN",
        help="fill each measure's units and deadline from this work plan (text or json)",
    )
    cat.set_defaults(run=_run_catalog)

    chk = sub.add_parser(
        "check",
        help="check setup files against the plan",
        epilog="Exit codes: 0 no finding at or above --fail-on, 1 such findings, "
        "2 usage or input error, 3 internal error (a bug; please report it).",
    )
    chk.add_argument("setups", nargs="+", metavar="SETUP", help="YAML or JSON setup files")
    chk.add_argument("--format", choices=FORMATS, default="text")
    chk.add_argument("--output", metavar="FILE", help="write the report to FILE (atomically)")
    chk.add_argument(
        "--select",
        action="append",
        metavar="RULE",
        default=[],
        help="run only these rules (repeatable; comma-separated; ID prefixes allowed)",
    )
    chk.add_argument(
        "--ignore",
        action="append",
        metavar="RULE",
        default=[],
        help="skip these rules (repeatable; comma-separated)",
    )
    chk.add_argument(
        "--fail-on",
        choices=("error", "warning", "note", "never"),
        default="error",
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    chk.add_argument(
        "--baseline",
        metavar="FILE",
        help="today's setup: compare against it; its findings are marked existing",
    )
    chk.add_argument(
        "--waivers",
        metavar="FILE",
        help="approved, expiring waivers: waived findings are reported but do not fail the run",
    )
    chk.add_argument("--no-waivers", action="store_true", help="ignore --waivers (for audits)")
    chk.add_argument(
        "--as-of",
        metavar="DATE",
        type=_date,
        help="date of the report, YYYY-MM-DD (default: today)",
    )
    chk.add_argument("--lang", choices=("zh", "en"), default="zh")
    chk.add_argument(
        "--encoding",
        metavar="ENC",
        help="encoding of the setup and baseline files, e.g. gbk (default: UTF-8, with or "
        "without BOM); waiver files are always UTF-8",
    )
    chk.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    _divisions_option(chk)
    chk.set_defaults(run=_run_check)

    ini = sub.add_parser(
        "init",
        help="write a setup to start from: every real unit of a district, fields to fill in",
        description="生成设置初稿：列出该区（或全市）全部街乡镇（名称、类型、代码），"
        "其余字段为“待填写”并注明依据。Writes a setup listing every unit of the district "
        "(or city) from the division codes, every other field a marked placeholder.",
    )
    where = ini.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--district", action="append", metavar="NAME", help="区名或代码，如 西城区 (repeatable)"
    )
    where.add_argument("--city", action="store_true", help="全市各区 / every district")
    ini.add_argument(
        "--as-of",
        metavar="DATE",
        type=_date,
        help="use the division snapshot in force on DATE, YYYY-MM-DD (default: today)",
    )
    ini.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    ini.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    _divisions_option(ini)
    ini.set_defaults(run=_run_init)

    div = sub.add_parser(
        "divisions",
        help="list the real 街乡镇 of a district (or the city) on a date, or what changed",
    )
    div.add_argument("--district", metavar="NAME", help="区名或代码，如 丰台区 (default: all)")
    div.add_argument(
        "--as-of",
        metavar="DATE",
        type=_date,
        help="the snapshot in force on DATE (default: latest)",
    )
    div.add_argument(
        "--since",
        metavar="DATE",
        type=_date,
        help="show what changed from the snapshot in force on DATE to the one of --as-of",
    )
    _divisions_option(div)
    div.set_defaults(run=_run_divisions)

    _add_workplan_parser(sub, _Parser)

    rls = sub.add_parser("rules", help="list the rules")
    rls.add_argument("--lang", choices=("zh", "en"), default="zh")
    rls.set_defaults(run=_run_rules)

    exp = sub.add_parser("explain", help="show a rule, its clause and its examples")
    exp.add_argument("rule", metavar="RULE")
    exp.add_argument("--lang", choices=("zh", "en"), default="zh")
    exp.set_defaults(run=_run_explain)
    return parser


def _add_workplan_parser(
    sub: argparse._SubParsersAction[Any], parser_class: type[argparse.ArgumentParser]
) -> None:
    wp = sub.add_parser(
        "workplan",
        help="check work plans (tasks, units, deadlines) and report their progress",
        epilog="See docs/workplan-format.md. Rules WP001–WP009.",
    )
    wsub = wp.add_subparsers(dest="workplan_command", metavar="ACTION", parser_class=parser_class)
    wp.set_defaults(run=lambda _args: _usage(wp))

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--as-of", metavar="DATE", type=_date, help="YYYY-MM-DD (default: today)")
        p.add_argument("--output", metavar="FILE", help="write to FILE (atomically)")
        p.add_argument("--lang", choices=("zh", "en"), default="zh")
        p.add_argument("--encoding", metavar="ENC", help="encoding of the plans (default UTF-8)")
        p.add_argument(
            "--due-soon-days",
            metavar="N",
            type=int,
            help="items due within N days are 'due soon' (default: policies/workplan/settings.yaml)",
        )

    chk = wsub.add_parser("check", help="check work plans (rules WP001–WP009)")
    chk.add_argument("plans", nargs="+", metavar="PLAN", help="YAML or JSON work plans")
    chk.add_argument("--format", choices=FORMATS, default="text")
    chk.add_argument("--select", action="append", metavar="RULE", default=[])
    chk.add_argument("--ignore", action="append", metavar="RULE", default=[])
    chk.add_argument("--fail-on", choices=("error", "warning", "note", "never"), default="error")
    chk.add_argument("--waivers", metavar="FILE", help="approved, expiring waivers of WP findings")
    chk.add_argument("--no-waivers", action="store_true", help="ignore --waivers (for audits)")
    chk.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    common(chk)
    chk.set_defaults(run=_run_workplan_check)

    st = wsub.add_parser("status", help="progress per measure and per unit, overdue, upcoming")
    st.add_argument("plan", metavar="PLAN")
    st.add_argument("--format", choices=("text", "json", "html", "ics"), default="text")
    st.add_argument(
        "--unit", metavar="UNIT", help="only the tasks UNIT leads or cooperates on (e.g. its ICS)"
    )
    common(st)
    st.set_defaults(run=_run_workplan_status)

    wr = wsub.add_parser("rules", help="list the work-plan rules (WP001–WP009)")
    wr.add_argument("--lang", choices=("zh", "en"), default="zh")
    wr.set_defaults(run=_run_workplan_rules)

    ru = wsub.add_parser("rollup", help="several district plans as one city view")
    ru.add_argument("plans", nargs="+", metavar="PLAN")
    ru.add_argument("--format", choices=("json", "html"), default="json")
    common(ru)
    ru.set_defaults(run=_run_workplan_rollup)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_INPUT


def _run_workplan_check(args: argparse.Namespace) -> int:
    from .workplan.commands import run_check

    args.select, args.ignore = _ids(args.select), _ids(args.ignore)
    color = args.color == "always" or (
        args.color == "auto" and not args.output and sys.stdout.isatty()
    )
    text, code = run_check(args, args.as_of or dt.date.today(), color)
    _emit(text, args.output)
    return code


def _run_workplan_status(args: argparse.Namespace) -> int:
    from .workplan.commands import run_status

    _emit(run_status(args, args.as_of or dt.date.today()), args.output)
    return EXIT_OK


def _run_workplan_rules(args: argparse.Namespace) -> int:
    from .workplan.rules import ALL_WORKPLAN_RULES

    for rule in ALL_WORKPLAN_RULES:
        sys.stdout.write(
            f"{rule.id}  {rule.severity.label(args.lang):<7}  {rule.name:<28}  "
            f"{rule.title.get(args.lang)}\n"
        )
    return EXIT_OK


def _run_workplan_rollup(args: argparse.Namespace) -> int:
    from .workplan.commands import run_rollup

    _emit(run_rollup(args, args.as_of or dt.date.today()), args.output)
    return EXIT_OK


def _divisions_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--divisions",
        action="append",
        metavar="FILE.csv",
        default=[],
        help="division codes to use instead of the shipped Beijing snapshots: a CSV with columns "
        "code,name,district_code,district_name (repeatable; dates from names like "
        "beijing-2023-10-31.csv)",
    )


def _registry(args: argparse.Namespace) -> Registry | None:
    if not args.divisions:
        return None
    from .divisions import load_divisions

    return load_divisions(args.divisions)


def _date(text: str) -> dt.date:
    from .converter import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        import argparse

        raise argparse.ArgumentTypeError(str(exc)) from None


def _ids(values: list[str]) -> list[str]:
    return [v for value in values for v in value.split(",") if v.strip()]


def _emit(text: str, output: str | None) -> None:
    from .output import write_atomically

    if output:
        write_atomically(output, text)
    else:
        sys.stdout.write(text)


def _run_catalog(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .catalog import catalog_text
    from .plan_loader import load_plan

    plan = load_plan(args.policy_dir)
    if args.check or args.write:
        from .docgen import check_docs, write_docs
        from .errors import InputError
        from .locations import Location

        root = Path.cwd()
        if args.write:
            for path in write_docs(root, plan):
                sys.stdout.write(f"wrote {path}\n")
            return EXIT_OK
        drifted = check_docs(root, plan)
        if drifted and all(not (root / path).exists() for path in drifted):
            raise InputError.at(
                Location(str(root)),
                "no generated docs here; run `jiexiang catalog --check` from the repository root",
            )
        for path in drifted:
            what = "differs from the generated version" if (root / path).exists() else "is missing"
            sys.stderr.write(f"{path}: {what}\n")
        if drifted:
            sys.stderr.write("run `jiexiang catalog --write` and commit the result\n")
            return EXIT_FINDINGS
        return EXIT_OK
    if args.workplan:
        from .workplan.commands import catalog_with_workplan

        text = catalog_with_workplan(plan, args.workplan, args.format, args.lang)
    elif args.format == "text":
        lang = "zh" if args.lang == "both" else args.lang
        text = catalog_text(plan, lang)
    else:
        from .docgen import render_catalog

        text = render_catalog(plan, args.format, args.lang)
    _emit(text, args.output)
    return EXIT_OK


def _run_check(args: argparse.Namespace) -> int:
    from .checker import check, merge_reports
    from .findings import Severity
    from .orgsetup import load_setup
    from .plan_loader import load_plan
    from .reporters import render

    plan = load_plan(args.policy_dir)
    as_of = args.as_of or dt.date.today()
    baseline = load_setup(args.baseline, encoding=args.encoding) if args.baseline else None
    registry = _registry(args)
    reports = [
        check(
            load_setup(path, encoding=args.encoding),
            plan,
            baseline=baseline,
            as_of=as_of,
            select=_ids(args.select),
            ignore=_ids(args.ignore),
            divisions=registry,
        )
        for path in args.setups
    ]
    report = merge_reports(reports)
    if args.waivers and not args.no_waivers:
        from .waivers import apply_waivers, load_waivers

        # Waiver files are the tool's own format: always UTF-8, whatever the setups use.
        report = apply_waivers(report, load_waivers(args.waivers), as_of)
    color = args.color == "always" or (
        args.color == "auto" and not args.output and sys.stdout.isatty()
    )
    _emit(render(report, args.format, lang=args.lang, color=color), args.output)
    fail_on = None if args.fail_on == "never" else Severity(args.fail_on)
    return EXIT_FINDINGS if report.failing(fail_on) else EXIT_OK


def _run_init(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .divisions import shipped_registry
    from .errors import InputError
    from .locations import Location
    from .scaffold import scaffold

    registry = _registry(args) or shipped_registry()
    as_of = args.as_of or dt.date.today()
    if args.output and Path(args.output).exists() and not args.force:
        raise InputError.at(
            Location(args.output),
            "文件已存在，未覆盖（确需覆盖请加 --force）/ the file exists; not overwritten "
            "(add --force to overwrite)",
        )
    text = scaffold(None if args.city else args.district, as_of=as_of, registry=registry)
    _emit(text, args.output)
    snapshot = registry.at(as_of)
    if args.output:
        sys.stderr.write(
            f"已写入 {args.output}（{snapshot.label} 版区划代码）。下一步：填写其中的“待填写”，"
            f"再运行 jiexiang check {args.output}\n"
            f"wrote {args.output} (division codes of {snapshot.label}); fill in every 待填写, "
            f"then run jiexiang check {args.output}\n"
        )
    return EXIT_OK


def _run_divisions(args: argparse.Namespace) -> int:
    from .divisions import shipped_registry
    from .divisions.page import diff_text, units_text
    from .errors import InputError
    from .locations import Location

    registry = _registry(args) or shipped_registry()
    snapshot = registry.at(args.as_of)
    if args.district and snapshot.district(args.district) is None:
        names = "、".join(d.name for d in snapshot.districts)
        raise InputError.at(
            Location("--district"),
            f"{args.district!r} 不是 {snapshot.label} 版中的区 / is not a district of "
            f"{snapshot.label}; known: {names}",
        )
    if args.since:
        sys.stdout.write(diff_text(registry.at(args.since), snapshot, args.district))
    else:
        sys.stdout.write(units_text(snapshot, args.district))
    return EXIT_OK


def _run_rules(args: argparse.Namespace) -> int:
    from .ruleset import describe_rules

    for info in describe_rules():
        where = info.provision_id or ("总体" if info.quote and args.lang != "en" else "-")
        if info.quote and not info.provision_id and args.lang == "en":
            where = "general"
        mark = (" [编辑性]" if args.lang != "en" else " [editorial]") if info.editorial_zh else ""
        sys.stdout.write(
            f"{info.id}  {info.default_severity.label(args.lang):<7}  {where:<8}  "
            f"{info.name:<36}  {info.title(args.lang)}{mark}\n"
        )
    return EXIT_OK


def _run_explain(args: argparse.Namespace) -> int:
    from .explain import explain_rule, explain_waiver_rule
    from .ruleset import rule_by_id

    try:
        rule = rule_by_id(args.rule)
    except KeyError:
        from .waivers import WAIVER_RULES

        for check in WAIVER_RULES:
            if check.id == args.rule.strip().upper():
                sys.stdout.write(explain_waiver_rule(check, lang=args.lang))
                return EXIT_OK
        if args.rule.strip().upper().startswith("WP"):
            from .workplan.commands import explain_workplan_rule

            sys.stdout.write(explain_workplan_rule(args.rule, args.lang))
            return EXIT_OK
        from .errors import InputError
        from .locations import Location

        raise InputError.at(
            Location("RULE"), f"unknown rule {args.rule!r}; see `jiexiang rules`"
        ) from None
    sys.stdout.write(explain_rule(rule, lang=args.lang))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        sys.stdout.write(f"jiexiang {__version__}\n")  # as argparse would, without importing it
        raise SystemExit(EXIT_OK)
    parser = _build_parser()
    args = parser.parse_args(argv)
    from .errors import JiexiangPolicyError  # not at import time: keeps --version fast

    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        return int(args.run(args))
    except JiexiangPolicyError as exc:
        print(f"jiexiang: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("jiexiang: interrupted; no report was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug, not bad input: say so instead of a traceback
        if os.environ.get(TRACEBACK_VARIABLE) == "1":
            raise
        print(
            f"jiexiang: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in jiexiang-policy, not a problem with your files; no report was "
            "written. Please report it with the command and the input that caused it "
            f"({TRACEBACK_VARIABLE}=1 shows the traceback).",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
