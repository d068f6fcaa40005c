"""Waivers: approved, dated exceptions to findings, kept in a YAML or JSON file.

A waiver names a rule and a finding target (exactly, or as a glob with ``*``),
says why and who approved it, and expires. :func:`apply_waivers` marks the
findings it matches as ``waived`` (they stay in the report) and reports the
waivers that need attention: expired ones (JX900, error) and ones that match
no finding (JX901, warning). See ``docs/waivers.md``.

Expiry is inclusive: a waiver with ``expires: 2027-06-30`` still applies to a
report as of 2027-06-30 and has expired for one as of 2027-07-01. The date
always comes from the caller (``as_of``); nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import attrs

from .converter import omit_fields_not_data, structure_versioned
from .documents import Document, Limits, load_document, parse_document
from .errors import FieldValueError, InputError, SetupFileError
from .findings import Finding, Report, RuleInfo, Severity, Status
from .locations import Location
from .plan import Text

__all__ = [
    "EXPIRED_WAIVER",
    "UNUSED_WAIVER",
    "WAIVERS_DOC",
    "WAIVER_RULES",
    "WAIVER_SCHEMA_VERSION",
    "Waiver",
    "WaiverFile",
    "WaiverRule",
    "apply_waivers",
    "load_waivers",
    "waivers_from_document",
]

WAIVER_SCHEMA_VERSION = 1

WAIVERS_DOC = "docs/waivers.md"
"""Where the waiver format is documented, relative to the repository root."""

_RULE_ID = re.compile(r"^(JX|WP)\d{3}$")
"""Setup rules are JX…, work-plan rules WP… (see docs/workplan-format.md)."""


def _rule_id(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _RULE_ID.match(value):
        raise FieldValueError(
            attribute.name,
            f"must be a rule ID such as JX001 or WP001 (JX or WP and three digits), got {value!r}",
        )


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


def _nonblank(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not value.strip():
        raise FieldValueError(attribute.name, "must not be empty")


@attrs.frozen
class Waiver:
    """One approved exception: findings of ``rule`` at ``target`` are waived until ``expires``."""

    rule: str = attrs.field(converter=_upper, validator=_rule_id)
    """The rule ID, e.g. ``JX001`` (``jx001`` is read as ``JX001``, as ``--select`` does)."""
    target: str = attrs.field(validator=_nonblank)
    """A finding's target, exactly, or a glob where ``*`` matches any run of characters."""
    reason: str = attrs.field(validator=_nonblank)
    approved_by: str = attrs.field(validator=_nonblank)
    """Who approved the exception, e.g. ``区委编办``."""
    expires: dt.date
    """The last day on which the waiver applies (inclusive)."""
    document: str | None = attrs.field(default=None, validator=_nonblank)
    """The approving document's number, e.g. ``东编发〔2026〕3号``."""

    def matches(self, finding: Finding) -> bool:
        """Whether this waiver names ``finding`` (by rule, and target or glob)."""
        return finding.rule_id == self.rule and (
            finding.target == self.target or fnmatchcase(finding.target, self.target)
        )

    def valid_on(self, as_of: dt.date) -> bool:
        """Whether the waiver applies on ``as_of`` (it does on its expiry day)."""
        return as_of <= self.expires

    @property
    def reason_text(self) -> str:
        """``reason (approved_by, document; 有效期至/expires YYYY-MM-DD)``, as shown in reports."""
        who = self.approved_by if self.document is None else f"{self.approved_by}, {self.document}"
        return f"{self.reason} ({who}; 有效期至/expires {self.expires.isoformat()})"


@attrs.frozen
class WaiverFile:
    """The waivers of one file, and the document they came from (for locations)."""

    schema_version: int
    waivers: tuple[Waiver, ...] = ()
    document: Document | None = attrs.field(
        default=None, eq=False, repr=False, metadata={"not_data": True}
    )
    """Where the waivers were read from; lets waiver findings point at lines. Not data."""

    def locate(self, index: int) -> Location:
        """The file, line and column of waiver number ``index`` (0-based)."""
        path = ("waivers", index)
        if self.document is None:
            return Location("<waivers>", 0, 0, path)
        return self.document.locate(path)


# The source document is not data: never read it from, or write it to, a file.
omit_fields_not_data(WaiverFile)


_NO_CLAUSE = Text(
    "检查豁免文件本身，不依据任何条款；其严重程度是本项目的选择。",
    "Checks the waiver file itself and rests on no clause; its severity is this project's choice.",
)


@attrs.frozen
class WaiverRule:
    """A check on the waiver file itself: it rests on no clause, so its severity is ours."""

    id: str
    name: str
    severity: Severity
    title: Text

    def info(self, severity: Severity | None = None) -> RuleInfo:
        """The rule as a report describes it (``severity``: a configured override)."""
        return RuleInfo(
            id=self.id,
            name=self.name,
            title_zh=self.title.zh,
            title_en=self.title.en,
            severity=severity or self.severity,
            default_severity=self.severity,
            rationale_zh=self.title.zh,
            rationale_en=self.title.en,
            editorial_zh=_NO_CLAUSE.zh,
            editorial_en=_NO_CLAUSE.en,
            help_uri=WAIVERS_DOC,
        )


EXPIRED_WAIVER = WaiverRule(
    id="JX900",
    name="expired-waiver",
    severity=Severity.ERROR,
    title=Text(
        "豁免已过期：续期或删除，被豁免的发现恢复报告",
        "A waiver has expired: renew or remove it; its findings are reported again",
    ),
)
UNUSED_WAIVER = WaiverRule(
    id="JX901",
    name="unused-waiver",
    severity=Severity.WARNING,
    title=Text(
        "豁免未匹配任何发现：删除或更正它",
        "A waiver matches no finding: remove or correct it",
    ),
)
WAIVER_RULES: tuple[WaiverRule, ...] = (EXPIRED_WAIVER, UNUSED_WAIVER)
"""The checks :func:`apply_waivers` makes on the waiver file, in ID order."""


# --- loading ----------------------------------------------------------------


def load_waivers(
    path: str | Path,
    *,
    encoding: str | None = None,
    text: str | bytes | None = None,
    limits: Limits | None = None,
) -> WaiverFile:
    """Read a waiver file (YAML, or JSON when the name ends in ``.json``).

    With ``text``, parse it instead of reading ``path`` (which then only names it).
    Raises :class:`~jiexiang_policy.errors.SetupFileError` naming the file, line,
    column and path of each problem.
    """
    name = str(path)
    try:
        if text is None:
            doc = load_document(path, encoding=encoding, limits=limits, utf8_only=True)
        else:
            doc = parse_document(
                text,
                name=name,
                encoding=encoding,
                is_json=name.lower().endswith(".json"),
                limits=limits,
                utf8_only=True,
            )
    except InputError as exc:
        if [msg for _, msg in exc.problems] == [_EMPTY_FILE]:
            return WaiverFile(schema_version=WAIVER_SCHEMA_VERSION)  # no waivers yet
        raise SetupFileError(list(exc.problems)) from None
    except ValueError as exc:  # e.g. an impossible YAML date such as 2027-02-30
        raise SetupFileError.at(Location(name), f"invalid value: {exc}") from None
    return waivers_from_document(doc)


_EMPTY_FILE = "file is empty; expected a YAML or JSON mapping"


def waivers_from_document(doc: Document) -> WaiverFile:
    """Structure an already parsed document into a :class:`WaiverFile`."""
    data = doc.data
    if data is None:  # only comments: an empty waiver file is an empty list
        return WaiverFile(schema_version=WAIVER_SCHEMA_VERSION, document=doc)
    if isinstance(data, dict) and "waivers" in data and data["waivers"] is None:
        doc = attrs.evolve(doc, data={**data, "waivers": []})  # `waivers:` with none left
    data = doc.data
    if isinstance(data, dict) and "districts" in data and "waivers" not in data:
        raise SetupFileError.at(
            doc.locate(("districts",), key=True),
            "this is a setup, not a waiver file: pass it as a SETUP argument",
        )
    waivers = structure_versioned(
        doc,
        WaiverFile,
        WAIVER_SCHEMA_VERSION,
        "a waiver file must be a mapping with a 'waivers' list",
        SetupFileError,
    )
    return attrs.evolve(waivers, document=doc)


# --- applying ---------------------------------------------------------------


def apply_waivers(
    report: Report,
    waivers: WaiverFile,
    as_of: dt.date,
    *,
    known_rules: Collection[str] | None = None,
) -> Report:
    """``report`` with the waivers of ``waivers`` applied as of ``as_of``.

    - A finding matched by a waiver valid on ``as_of`` (``as_of <= expires``)
      gets status ``waived`` and a ``waiver_reason``; it stays in the report.
      When several valid waivers match, the first in the file gives the reason.
    - An expired waiver waives nothing and is itself reported (JX900, error),
      whether or not it still matches a finding.
    - A valid waiver that matches no finding is reported (JX901, warning) when
      its rule ran (``report.rules_run``) or names no rule at all. A waiver of a
      rule that was not run (not selected, ignored, or skipped for want of a
      baseline) could not have matched, so it is not judged.

    ``known_rules`` are the IDs of the rules that could have run (default: the setup
    rules); a waiver naming another is reported as unknown (JX901).

    Findings are never removed, and the report's other fields are kept. The
    waiver findings point at the waiver in its file, with target ``waivers/<i>``.
    Pure: the date is ``as_of``, never the clock.
    """
    exact: dict[tuple[str, str], list[int]] = defaultdict(list)
    globs: dict[str, list[int]] = defaultdict(list)
    for i, waiver in enumerate(waivers.waivers):
        if waiver.valid_on(as_of):
            if any(c in waiver.target for c in "*?["):
                globs[waiver.rule].append(i)
            else:
                exact[(waiver.rule, waiver.target)].append(i)

    used: set[int] = set()
    findings: list[Finding] = []
    for finding in report.findings:
        matching = [
            *exact.get((finding.rule_id, finding.target), ()),
            *(i for i in globs.get(finding.rule_id, ()) if waivers.waivers[i].matches(finding)),
        ]
        if matching:
            used.update(matching)
            first = waivers.waivers[min(matching)]
            finding = attrs.evolve(finding, status=Status.WAIVED, waiver_reason=first.reason_text)
        findings.append(finding)

    if known_rules is None:
        from .ruleset import rules

        known_rules = [rule.id for rule in rules()]
    known = set(known_rules)
    for i, waiver in enumerate(waivers.waivers):
        if not waiver.valid_on(as_of):
            findings.append(_expired(waivers, i, waiver))
        elif waiver.rule not in known:
            findings.append(_unknown_rule(waivers, i, waiver))
        elif i not in used and waiver.rule in report.rules_run:
            findings.append(_unused(waivers, i, waiver))

    described = {r.id for r in report.rules}
    return attrs.evolve(
        report,
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        rules=report.rules + tuple(w.info() for w in WAIVER_RULES if w.id not in described),
    )


def _waiver_finding(
    rule: WaiverRule, waivers: WaiverFile, index: int, message_zh: str, message_en: str
) -> Finding:
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        message_zh=message_zh,
        message_en=message_en,
        location=waivers.locate(index),
        target=f"waivers/{index}",
        quote="",
        help_uri=WAIVERS_DOC,
    )


def _expired(waivers: WaiverFile, index: int, waiver: Waiver) -> Finding:
    day = waiver.expires.isoformat()
    return _waiver_finding(
        EXPIRED_WAIVER,
        waivers,
        index,
        f"对 {waiver.rule} {waiver.target} 的豁免已于 {day} 到期，不再生效；请续期或删除",
        f"the waiver of {waiver.rule} for {waiver.target} expired on {day} and no longer "
        "applies; renew or remove it",
    )


def _unknown_rule(waivers: WaiverFile, index: int, waiver: Waiver) -> Finding:
    return _waiver_finding(
        UNUSED_WAIVER,
        waivers,
        index,
        f"对 {waiver.rule} {waiver.target} 的豁免未匹配任何发现：{waiver.rule} 不是本工具的规则；"
        "请更正规则编号（jiexiang rules 列出全部规则）",
        f"the waiver of {waiver.rule} for {waiver.target} matches no finding: {waiver.rule} is "
        "not a rule of this tool; correct the rule ID (jiexiang rules lists them)",
    )


def _unused(waivers: WaiverFile, index: int, waiver: Waiver) -> Finding:
    return _waiver_finding(
        UNUSED_WAIVER,
        waivers,
        index,
        f"对 {waiver.rule} {waiver.target} 的豁免未匹配任何发现；"
        "若问题已解决请删除，若对象写错请更正",
        f"the waiver of {waiver.rule} for {waiver.target} matches no finding; remove it if "
        "the gap is closed, or correct its target",
    )
