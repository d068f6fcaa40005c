"""The ``jiexiang`` command: a thin layer over the library.

Exit codes: 0 success (no finding at or above ``--fail-on``), 1 findings at or
above ``--fail-on``, 2 usage or input error, 3 internal error (a bug: the message
says how to report it), 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .messages import CLI, LANGS, lang_from_argv, text

if TYPE_CHECKING:
    from .divisions import Registry
    from .run import CheckRun

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


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        from .messages import translate

        self.print_usage(sys.stderr)
        lang = _LANG[0]
        prefix = f"{self.prog}：错误：" if lang == "zh" else f"{self.prog}: error: "
        self.exit(EXIT_INPUT, f"{prefix}{translate(message, lang)}\n")


_LANG = ["zh"]
"""The language of this run, decided before parsing (see :func:`messages.lang_from_argv`)."""

_ARGPARSE_ZH = {
    "usage: ": "usage",
    "positional arguments": "positional",
    "options": "options",
    "show this help message and exit": "help",
    "show program's version number and exit": "version",
    "the following arguments are required: %s": "required",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid choice",
    "unrecognized arguments: %s": "unrecognized",
    "expected one argument": "expected one",
    "invalid %(type)s value: %(value)r": "invalid type",
    "not allowed with argument %s": "not allowed with",
    "argument %(argument_name)s: %(message)s": "argument",
}


def _argparse_text(message: str) -> str:
    """argparse's own words (usage, option titles, its errors) in the run's language."""
    key = _ARGPARSE_ZH.get(message)
    if key is None:
        return message
    return CLI[key][0] if _LANG[0] == "zh" else CLI[key][1]


def _h(key: str) -> str:
    return text(key, _LANG[0])


def _common(parser: argparse.ArgumentParser, *, lang: bool = True) -> None:
    """Options every command takes (before or after its name)."""
    s = argparse.SUPPRESS
    if lang:
        parser.add_argument("--lang", choices=LANGS, default=s, help=_h("--lang"))
    parser.add_argument("--config", metavar="FILE", default=s, help=_h("--config"))
    parser.add_argument("--isolated", action="store_true", default=s, help=_h("--isolated"))
    parser.add_argument("--policy-dir", metavar="DIR", default=s, help=_h("--policy-dir"))
    parser.add_argument("--docs-base-url", metavar="URL", default=s, help=_h("--docs-base-url"))


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jiexiang", description=_h("description"), epilog=_h("exit codes"))
    parser.add_argument(
        "--version", action="version", version=f"jiexiang {__version__}", help=_h("version")
    )
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    cat = sub.add_parser("catalog", help=_h("catalog"), epilog=_h("catalog epilog"))
    _common(cat, lang=False)
    cat.add_argument("--format", choices=("text", "md", "html", "json"), default="text")
    cat.add_argument(
        "--lang", choices=("zh", "en", "both"), default=argparse.SUPPRESS, help=_h("catalog --lang")
    )
    cat.add_argument(
        "--workplan",
        metavar="PLAN",
        help=_h("catalog --workplan"),
    )
    cat.add_argument("--output", metavar="PATH", help=_h("--output"))
    cat.add_argument("--check", action="store_true", help=_h("--check"))
    cat.add_argument("--write", action="store_true", help=_h("--write"))
    cat.set_defaults(run=_run_catalog)

    chk = sub.add_parser("check", help=_h("check"), epilog=_h("exit codes"))
    _common(chk)
    chk.add_argument("setups", nargs="+", metavar="SETUP", help=_h("SETUP"))
    chk.add_argument("--format", choices=FORMATS, default=None, help=_h("--format"))
    chk.add_argument("--output", metavar="FILE", help=_h("check --output"))
    chk.add_argument("--select", action="append", metavar="RULE", default=None, help=_h("--select"))
    chk.add_argument("--ignore", action="append", metavar="RULE", default=None, help=_h("--ignore"))
    chk.add_argument(
        "--severity", action="append", metavar="RULE=LEVEL", default=None, help=_h("--severity")
    )
    chk.add_argument(
        "--fail-on",
        choices=("error", "warning", "note", "never"),
        type=_level,
        default=None,
        help=_h("--fail-on"),
    )
    chk.add_argument("--baseline", metavar="FILE", help=_h("--baseline"))
    chk.add_argument("--waivers", metavar="FILE", help=_h("--waivers"))
    chk.add_argument("--no-waivers", action="store_true", help=_h("--no-waivers"))
    chk.add_argument("--as-of", metavar="DATE", type=_date, help=_h("--as-of"))
    chk.add_argument("--encoding", metavar="ENC", help=_h("--encoding"))
    chk.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help=_h("--color")
    )
    _divisions_option(chk)
    chk.set_defaults(run=_run_check)

    ini = sub.add_parser(
        "init",
        help=_h("init"),
        description=_h("init description"),
    )
    where = ini.add_mutually_exclusive_group(required=True)
    where.add_argument("--district", action="append", metavar="NAME", help=_h("init --district"))
    where.add_argument("--city", action="store_true", help=_h("--city"))
    ini.add_argument(
        "--as-of",
        metavar="DATE",
        type=_date,
        help=_h("init --as-of"),
    )
    ini.add_argument("--output", metavar="FILE", help=_h("--output"))
    ini.add_argument("--force", action="store_true", help=_h("--force"))
    _divisions_option(ini)
    _common(ini)
    ini.set_defaults(run=_run_init)

    div = sub.add_parser(
        "divisions",
        help=_h("divisions"),
    )
    div.add_argument("--district", metavar="NAME", help=_h("divisions --district"))
    div.add_argument(
        "--as-of",
        metavar="DATE",
        type=_date,
        help=_h("divisions --as-of"),
    )
    div.add_argument(
        "--since",
        metavar="DATE",
        type=_date,
        help=_h("--since"),
    )
    _divisions_option(div)
    _common(div)
    div.set_defaults(run=_run_divisions)

    _add_workplan_parser(sub)

    rls = sub.add_parser("rules", help=_h("rules"))
    _common(rls)
    rls.add_argument("--format", choices=("text", "json"), default="text", help=_h("--format"))
    rls.set_defaults(run=_run_rules)

    exp = sub.add_parser("explain", help=_h("explain"))
    _common(exp)
    exp.add_argument("rule", metavar="RULE", help=_h("RULE"))
    exp.add_argument("--format", choices=("text", "json"), default="text", help=_h("--format"))
    exp.set_defaults(run=_run_explain)

    cfg = sub.add_parser("config", help=_h("config"))
    _common(cfg)
    cfg.add_argument("--format", choices=("text", "json"), default="text", help=_h("--format"))
    cfg.set_defaults(run=_run_config)

    comp = sub.add_parser("completion", help=_h("completion"))
    _common(comp)
    comp.add_argument("shell", metavar="SHELL", choices=("bash", "zsh"), help=_h("SHELL"))
    comp.set_defaults(run=_run_completion)
    return parser


def _add_workplan_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    wp = sub.add_parser("workplan", help=_h("workplan"), epilog=_h("workplan epilog"))
    _common(wp)
    wsub = wp.add_subparsers(dest="workplan_command", metavar="ACTION", parser_class=_Parser)
    wp.set_defaults(run=lambda _args: _usage(wp))

    def common(p: argparse.ArgumentParser) -> None:
        _common(p)
        p.add_argument("--as-of", metavar="DATE", type=_date, help=_h("workplan --as-of"))
        p.add_argument("--output", metavar="FILE", help=_h("check --output"))
        p.add_argument("--encoding", metavar="ENC", help=_h("workplan --encoding"))
        p.add_argument("--due-soon-days", metavar="N", type=int, help=_h("--due-soon-days"))

    chk = wsub.add_parser("check", help=_h("workplan check"))
    chk.add_argument("plans", nargs="+", metavar="PLAN", help=_h("PLAN"))
    chk.add_argument("--format", choices=FORMATS, default="text", help=_h("--format"))
    chk.add_argument("--select", action="append", metavar="RULE", default=[], help=_h("--select"))
    chk.add_argument("--ignore", action="append", metavar="RULE", default=[], help=_h("--ignore"))
    chk.add_argument(
        "--fail-on",
        choices=("error", "warning", "note", "never"),
        type=_level,
        default="error",
        help=_h("--fail-on"),
    )
    chk.add_argument("--waivers", metavar="FILE", help=_h("workplan --waivers"))
    chk.add_argument("--no-waivers", action="store_true", help=_h("workplan --no-waivers"))
    chk.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help=_h("--color")
    )
    common(chk)
    chk.set_defaults(run=_run_workplan_check)

    st = wsub.add_parser("status", help=_h("workplan status"))
    st.add_argument("plan", metavar="PLAN", help=_h("PLAN"))
    st.add_argument(
        "--format", choices=("text", "json", "html", "ics"), default="text", help=_h("--format")
    )
    st.add_argument("--unit", metavar="UNIT", help=_h("workplan --unit"))
    common(st)
    st.set_defaults(run=_run_workplan_status)

    wr = wsub.add_parser("rules", help=_h("workplan rules"))
    _common(wr)
    wr.set_defaults(run=_run_workplan_rules)

    ru = wsub.add_parser("rollup", help=_h("workplan rollup"))
    ru.add_argument("plans", nargs="+", metavar="PLAN", help=_h("PLAN"))
    ru.add_argument(
        "--format", choices=("text", "json", "html"), default="text", help=_h("--format")
    )
    common(ru)
    ru.set_defaults(run=_run_workplan_rollup)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_INPUT


def _run_workplan_check(args: argparse.Namespace) -> int:
    from .workplan.commands import run_check

    args.select, args.ignore = _ids(args.select), _ids(args.ignore)
    run = run_check(args, args.as_of or dt.date.today())
    # As `check` does: the report is written even when a file could not be read (exit 2).
    return _report_run(args, run, args.format, _LANG[0], _docs_base(args, {}), args.fail_on)


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
        help=_h("--divisions"),
    )


def _registry(args: argparse.Namespace) -> Registry | None:
    if not args.divisions:
        return None
    from .divisions import load_divisions

    return load_divisions(args.divisions)


def _level(text: str) -> str:
    """``--fail-on`` in the words reports use (错误/警告/提示/从不) or in English."""
    from .config import level_word

    return level_word(text)


def _date(text: str) -> dt.date:
    from .converter import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ids(values: list[str]) -> list[str]:
    return [v for value in values for v in value.split(",") if v.strip()]


def _emit(content: str, output: str | None) -> None:
    from .output import write_atomically

    if output:
        write_atomically(output, content)
    else:
        sys.stdout.write(content)


def _config(args: argparse.Namespace) -> Any:
    """The configuration file's settings (empty with ``--isolated`` or when none is found)."""
    from .config import Config, find_config, load_config

    if getattr(args, "isolated", False):
        return Config()
    named = getattr(args, "config", None)
    path = named or find_config()
    return load_config(path) if path else Config()


def _setting(
    args: argparse.Namespace, config: Any, flag: str, key: str, default: Any = None
) -> Any:
    """A flag's value if given, else the configuration's, else ``default``."""
    value = getattr(args, flag, None)
    return value if value is not None else config.get(key, default)


def _docs_base(args: argparse.Namespace, config: Any) -> str | None:
    from .config import docs_base_url_from_env

    return (
        getattr(args, "docs_base_url", None)
        or docs_base_url_from_env()
        or config.get("docs-base-url")
    )


def _plan(args: argparse.Namespace, config: Any) -> Any:
    return _policies(args, config)[0]


def _policies(args: argparse.Namespace, config: Any) -> tuple[Any, Any]:
    """The plan and the corpus for ``--policy-dir``: a plan's folder (its other documents are
    the shipped ones), or a whole corpus folder (with document folders and their dates)."""
    from pathlib import Path

    from .corpus_loader import DOCUMENT_FILE, load_corpus
    from .plan_loader import load_plan

    folder = _setting(args, config, "policy_dir", "policy-dir")
    if folder is None:
        corpus = load_corpus()
        return corpus.plan, corpus
    root = Path(folder)
    if root.is_dir() and any((sub / DOCUMENT_FILE).is_file() for sub in root.iterdir()):
        corpus = load_corpus(root)
        return corpus.plan, corpus
    plan = load_plan(root)
    return plan, load_corpus().with_plan(plan)


def _run_catalog(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .catalog import catalog_text

    config = _config(args)
    plan = _plan(args, config)
    lang = getattr(args, "lang", None) or _LANG[0]
    if args.check or args.write:
        from .docgen import check_docs, write_docs
        from .errors import InputError
        from .locations import Location

        root = Path.cwd()
        if args.write:
            for path in write_docs(root, plan):
                sys.stdout.write(f"wrote {path}\n")
            return EXIT_OK
        from .prebuilt import CHECKOUT_FOLDER

        drifted = check_docs(root, plan)
        in_checkout = (root / CHECKOUT_FOLDER).parent.is_dir()  # this project's own root
        if drifted and not in_checkout and all(not (root / p).exists() for p in drifted):
            raise InputError.at(
                Location(str(root)),
                "no generated docs here; run `jiexiang catalog --check` from the repository root",
            )
        for path in drifted:
            what = _h("differs") if (root / path).exists() else _h("is missing")
            sys.stderr.write(f"{path}: {what}\n")
        if drifted:
            sys.stderr.write(_h("run write") + "\n")
            return EXIT_FINDINGS
        return EXIT_OK
    if args.workplan:
        from .workplan.commands import catalog_with_workplan

        content = catalog_with_workplan(plan, args.workplan, args.format, lang)
    elif args.format == "text":
        if lang == "both":
            from .errors import InputError
            from .locations import Location

            raise InputError.at(Location("--lang"), text("lang both text", "en"))
        content = catalog_text(plan, lang)
    elif args.format == "html":
        from .catalog_html import catalog_html
        from .links import rule_url

        base = _docs_base(args, config)
        content = catalog_html(plan, lambda rule_id: rule_url(rule_id, base))
    else:
        from .docgen import render_catalog

        content = render_catalog(plan, args.format, lang)
    _emit(content, args.output)
    return EXIT_OK


def _severities(args: argparse.Namespace, config: Any) -> dict[str, str]:
    from .config import parse_severities
    from .errors import InputError
    from .locations import Location

    merged = dict(config.get("severities", {}))
    try:
        merged |= parse_severities(args.severity or ())
    except ValueError as exc:
        raise InputError.at(Location("--severity"), str(exc)) from None
    return merged


def _run_check(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .run import check_files, failed_run

    as_of: dt.date = args.as_of or dt.date.today()
    fmt = args.format or "text"
    lang = _LANG[0]
    docs_base = None
    fail_on_name = args.fail_on or "error"
    try:
        config = _config(args)
        fmt = _setting(args, config, "format", "format", "text")
        as_of = args.as_of or config.get("as-of") or dt.date.today()
        docs_base = _docs_base(args, config)
        fail_on_name = _setting(args, config, "fail_on", "fail-on", "error")
        plan, corpus = _policies(args, config)
        encoding = _setting(args, config, "encoding", "encoding")
        select = _ids(args.select) if args.select else config.get("select")
        ignore = _ids(args.ignore) if args.ignore else config.get("ignore")
        severities = _severities(args, config)
        baseline_path = _setting(args, config, "baseline", "baseline")
        waivers_path = _setting(args, config, "waivers", "waivers")
        from .orgsetup import load_setup

        baseline = load_setup(baseline_path, encoding=encoding) if baseline_path else None
        waivers = None
        if waivers_path and not args.no_waivers:
            from .waivers import load_waivers

            # Waiver files are the tool's own format: always UTF-8, whatever the setups use.
            waivers = load_waivers(waivers_path)
        registry = _registry(args)
        run = check_files(
            args.setups,
            plan,
            baseline=baseline,
            as_of=as_of,
            select=select,
            ignore=ignore,
            encoding=encoding,
            waivers=waivers,
            severities=severities,
            divisions=registry,
            corpus=corpus,
        )
    except InputError as exc:
        # A problem before any file (an option, the baseline, the waivers): still
        # write the report, so the CI step that uploads it finds it.
        run = failed_run(exc.problems, as_of)
    return _report_run(args, run, fmt, lang, docs_base, fail_on_name)


def _report_run(
    args: argparse.Namespace,
    run: CheckRun,
    fmt: str,
    lang: str,
    docs_base: str | None,
    fail_on_name: str,
) -> int:
    from .findings import Severity
    from .reporters import render

    color = args.color == "always" or (
        args.color == "auto" and not args.output and sys.stdout.isatty()
    )
    # Problems always go to standard error; the report carries them too, except a
    # text report on standard output (it would say them twice on a terminal): that
    # one only counts them, so that it never looks clean.
    in_report = fmt != "text" or bool(args.output)
    content = render(
        run.report,
        fmt,
        lang=lang,
        color=color,
        errors=run.errors,
        notes=run.notes,
        docs_base=docs_base,
        list_problems=in_report,
    )
    if in_report or run.report.files:  # no empty summary when nothing could be checked
        _emit(content, args.output)
    for problem in run.errors:
        sys.stderr.write(f"{_h('error prefix')}{problem.location}: {problem.message_in(lang)}\n")
    for note in run.notes:
        sys.stderr.write(f"{_h('note prefix')}{note.file}: {note.message(lang)}\n")
    fail_on = None if fail_on_name == "never" else Severity(fail_on_name)
    code: int = run.exit_code(fail_on)
    return code


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
            "the file exists; not overwritten (add --force to overwrite)",
        )
    content = scaffold(None if args.city else args.district, as_of=as_of, registry=registry)
    _emit(content, args.output)
    snapshot = registry.at(as_of)
    if args.output:
        sys.stderr.write(text("init wrote", _LANG[0], path=args.output, label=snapshot.label))
    return EXIT_OK


def _run_divisions(args: argparse.Namespace) -> int:
    from .divisions import shipped_registry
    from .divisions.page import diff_text, units_text
    from .scaffold import district_named

    registry = _registry(args) or shipped_registry()
    snapshot = registry.at(args.as_of)
    # The district as the snapshot names it (a code or stray spaces are fine); one message
    # for a name that init and this command share.
    name = district_named(snapshot, args.district).name if args.district else None
    if args.since:
        sys.stdout.write(diff_text(registry.at(args.since), snapshot, name, _LANG[0]))
    else:
        sys.stdout.write(units_text(snapshot, name, _LANG[0]))
    return EXIT_OK


def _run_rules(args: argparse.Namespace) -> int:
    from .ruleset import rules

    config = _config(args)
    lang = _LANG[0]
    if args.format == "json":
        import json

        from .explain import rule_data, waiver_rule_data
        from .waivers import WAIVER_RULES

        plan = _plan(args, config)
        base = _docs_base(args, config)
        data = [rule_data(r, plan=plan, docs_base=base) for r in rules()]
        data += [waiver_rule_data(w, docs_base=base) for w in WAIVER_RULES]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    from .corpus_loader import load_corpus
    from .ruleset import describe_rules
    from .timeline import clause_labels

    corpus = load_corpus()
    rows = []
    for info in describe_rules():
        where = info.provision_id or ("总体" if info.quote and lang != "en" else "-")
        if info.quote and not info.provision_id and lang == "en":
            where = "general"
        if not info.provision_id and info.obligation_ids and ":" in info.obligation_ids[0]:
            # A statute's clause, as a reader names it: 《街道办事处条例》第五条第一款.
            zh, en = clause_labels(corpus, info.obligation_ids[0])
            where = en if lang == "en" else zh
        mark = (" [编辑性]" if lang != "en" else " [editorial]") if info.editorial_zh else ""
        rows.append(
            (info.id, info.default_severity.label(lang), where, info.title(lang) + mark, info.name)
        )
    widths = [max(_width(row[i]) for row in rows) for i in (1, 2)]
    for rule_id, severity, where, title, name in rows:
        sys.stdout.write(
            f"{rule_id}  {_pad(severity, widths[0])}  {_pad(where, widths[1])}  {title}  ({name})\n"
        )
    return EXIT_OK


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _run_explain(args: argparse.Namespace) -> int:
    from .explain import explain_rule, explain_waiver_rule, rule_data, waiver_rule_data
    from .ruleset import rule_by_id

    config = _config(args)
    lang = _LANG[0]
    base = _docs_base(args, config)
    as_json = args.format == "json"
    try:
        rule = rule_by_id(args.rule)
    except KeyError:
        from .waivers import WAIVER_RULES

        for check in WAIVER_RULES:
            if check.id == args.rule.strip().upper():
                if as_json:
                    _write_json(waiver_rule_data(check, docs_base=base))
                else:
                    sys.stdout.write(explain_waiver_rule(check, lang=lang, docs_base=base))
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
    plan = _plan(args, config)
    if as_json:
        _write_json(rule_data(rule, plan=plan, docs_base=base))
    else:
        sys.stdout.write(explain_rule(rule, lang=lang, plan=plan, docs_base=base))
    return EXIT_OK


def _write_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _run_config(args: argparse.Namespace) -> int:
    from .config import describe_config

    config = _config(args)
    sys.stdout.write(describe_config(config, args, _LANG[0], args.format))
    return EXIT_OK


def _run_completion(args: argparse.Namespace) -> int:
    from .completion import completion_script

    sys.stdout.write(completion_script(_build_parser(), args.shell))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    The language (``--lang``, else ``JIEXIANG_LANG``, else the configuration's
    ``lang``, else zh) is decided before parsing, so help and usage errors use it.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    _LANG[0] = lang_from_argv(argv, _config_lang(argv))
    saved = argparse._  # type: ignore[attr-defined]
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    try:
        parser = _build_parser()
        args = parser.parse_args(argv)
    finally:
        argparse._ = saved  # type: ignore[attr-defined]
    from .errors import JiexiangPolicyError  # not at import time: keeps --version fast

    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    if not hasattr(args, "lang"):  # --lang is SUPPRESSed: the language decided above
        args.lang = _LANG[0]
        args.lang_not_given = True  # so that `jiexiang config` does not credit the command line
    if args.command == "workplan" and not hasattr(args, "policy_dir"):
        # The work-plan commands read the policy folder from the options alone.
        args.policy_dir = None
    try:
        return int(args.run(args))
    except JiexiangPolicyError as exc:
        print(f"{_h('error prefix')}{_render_error(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print(_h("interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug, not bad input: say so instead of a traceback
        if os.environ.get(TRACEBACK_VARIABLE) == "1":
            raise
        print(
            text(
                "internal",
                _LANG[0],
                error=f"{type(exc).__name__}: {exc}",
                variable=TRACEBACK_VARIABLE,
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _render_error(exc: Exception) -> str:
    from .errors import InputError
    from .messages import translate

    if isinstance(exc, InputError):
        return "\n".join(f"{loc}: {translate(msg, _LANG[0])}" for loc, msg in exc.problems)
    return translate(str(exc), _LANG[0])


def _config_lang(argv: Sequence[str]) -> str | None:
    """``lang`` of the configuration file, read early (help depends on it); None on any problem."""
    if "--isolated" in argv or "--version" in argv:
        return None
    try:
        from .config import find_config, load_config

        named = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--config"), None)
        path = named or find_config()
        if not path:
            return None
        lang = load_config(path).get("lang")
        return lang if isinstance(lang, str) else None
    except Exception:  # reported properly once the command runs
        return None
