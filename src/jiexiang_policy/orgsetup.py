"""The organisational setup a district or city proposes, as typed values.

A setup is written by hand in YAML or JSON (see ``docs/setup-format.md``).
Fields a district has not filled in are ``None`` (or empty): the rules report
them as "not declared" rather than guessing.

List values that name one of the plan's terms (departments, rights, networks,
…) may be written by the term's Chinese name or its ID: ``公安`` or ``police``.
Such a list left out is ``None`` (not declared); written as ``[]`` it is empty
(declared: none). The rules say which it was.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import operator
from collections.abc import Callable
from fractions import Fraction
from itertools import repeat
from pathlib import Path
from typing import Any

import attrs

from .converter import (
    build_instances,
    omit_fields_not_data,
    register_plain_reader,
    structure_versioned,
)
from .documents import Document, Limits, load_document, parse_document, paused_gc
from .errors import FieldValueError, InputError, SetupFileError
from .fieldcheck import checked_fields
from .locations import Location, PathPart
from .placeholders import PLACEHOLDER, strip_placeholders
from .plan import Level

__all__ = [
    "SETUP_SCHEMA_VERSION",
    "Assessment",
    "AssessmentComponent",
    "Assessor",
    "CoordinationCommittee",
    "Coordinators",
    "DepartmentAssessment",
    "District",
    "EnforcementCenter",
    "EnforcementPersonnel",
    "Feedback",
    "InternalBodies",
    "InternalBody",
    "Lane",
    "MatchingBodyRequirement",
    "NetworkIntegration",
    "Office",
    "OfficeStatus",
    "Rank",
    "SettingBasis",
    "Setup",
    "Staffing",
    "StewardGroup",
    "Street",
    "StreetKind",
    "load_setup",
    "terms_of",
]

SETUP_SCHEMA_VERSION = 1


class StreetKind(enum.Enum):
    """街道 (sub-district), 乡 (township) or 镇 (town)."""

    STREET = "街道"
    TOWNSHIP = "乡"
    TOWN = "镇"


class Rank(enum.Enum):
    """Rank of a cadre serving as 街巷长."""

    DIVISION = "处级"
    SECTION = "科级"
    OTHER = "其他"


class SettingBasis(enum.Enum):
    """How a dispatched office's area is drawn: by administrative division or by region."""

    DIVISION = "区划"
    REGION = "区域"


class OfficeStatus(enum.Enum):
    """Whether a dispatched office is sunk to the street, resident in it, or neither."""

    SUNK = "下沉"
    RESIDENT = "常驻"
    NEITHER = "未下沉"


class Assessor(enum.Enum):
    """Who gives a part of a department's assessment score."""

    STREET = "街乡"
    DISTRICT = "区委区政府"
    DEPARTMENT = "部门"
    OTHER = "其他"


class Feedback(enum.Enum):
    """How assessment results are fed back."""

    BACK_TO_BACK = "背靠背"
    OPEN = "公开"


def terms_of(parameter: str) -> dict[str, str]:
    """Field metadata: the values name terms of the plan's ``parameter``, by Chinese name or ID.

    The rules read such values through the parameter; the setup reference lists
    the fields under each parameter from this metadata.
    """
    return {"terms": parameter}


def _nonneg(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value < 0:
        raise FieldValueError(attribute.name, f"must not be negative (got {value})")


def _percent(value: Fraction) -> str:
    """``3/2 = 150%``: a file may have said 150% and should see that back."""
    percent = value * 100
    shown = str(percent) if percent.denominator == 1 else f"{float(percent):.4g}"
    return f"{value} = {shown}%"


def _weight(_inst: object, attribute: attrs.Attribute[Any], value: Fraction | None) -> None:
    if value is not None and not 0 <= value <= 1:
        raise FieldValueError(
            attribute.name, f"must be between 0 and 1, i.e. 0% to 100% (got {_percent(value)})"
        )


def _supported_version(_inst: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value != SETUP_SCHEMA_VERSION:  # as the file reader says of a file's version
        raise FieldValueError(
            attribute.name, f"{value} is not supported; this version reads {SETUP_SCHEMA_VERSION}"
        )


def _at_least_one(_inst: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        raise FieldValueError(attribute.name, "must list at least one item")


@attrs.frozen(field_transformer=checked_fields(convert=False))
class Lane:
    """A street or lane (街巷) and its chief (街巷长)."""

    name: str
    """The lane's name, e.g. 南池子大街."""
    chief_rank: Rank | None = None
    """Rank of the 街巷长; ``None`` when the lane has no chief."""


@attrs.frozen(field_transformer=checked_fields(convert=False))
class StewardGroup:
    """A group of 小巷管家 recruited from one source."""

    source: str = attrs.field(metadata=terms_of("lane-steward-sources"))
    """A term of ``lane-steward-sources`` (社区“两委”干部 / 党员群众), or another source."""
    count: int = attrs.field(validator=_nonneg)
    """How many 小巷管家 come from this source."""


_LANE_FIELDS = frozenset(("name", "chief_rank"))
_RANK_OR_NONE: dict[str | None, Rank | None] = {None: None, **{r.value: r for r in Rank}}
_STEWARD_FIELDS = frozenset(("source", "count"))
_DICT, _STR, _INT = {dict}, {str}, {int}
_name, _source, _count = (operator.itemgetter(k) for k in ("name", "source", "count"))


class _NotPlain(Exception):
    pass


# A city has tens of thousands of lanes and steward groups: a list of them in the
# usual shape is checked and built column by column in C (map, set, all) instead
# of one Python call per item. Anything else raises, and cattrs reads the list.
# These checks stand in for the fields' validators, which build_instances skips.
def _plain_lanes(value: list[Any]) -> tuple[Lane, ...]:
    if set(map(type, value)) <= _DICT and all(map(_LANE_FIELDS.issuperset, value)):
        names = list(map(_name, value))
        if set(map(type, names)) <= _STR:
            raw_ranks = map(dict.get, value, repeat("chief_rank"))
            ranks = list(map(_RANK_OR_NONE.__getitem__, raw_ranks))
            return build_instances(Lane, {"name": names, "chief_rank": ranks})
    raise _NotPlain


def _plain_steward_groups(value: list[Any]) -> tuple[StewardGroup, ...]:
    if set(map(type, value)) <= _DICT and all(map(_STEWARD_FIELDS.issuperset, value)):
        sources, counts = list(map(_source, value)), list(map(_count, value))
        if (
            set(map(type, sources)) <= _STR
            and set(map(type, counts)) <= _INT
            and min(counts, default=0) >= 0  # the field's validator, which is skipped
        ):
            return build_instances(StewardGroup, {"source": sources, "count": counts})
    raise _NotPlain


register_plain_reader(Lane, _plain_lanes)
register_plain_reader(StewardGroup, _plain_steward_groups)


@attrs.frozen(field_transformer=checked_fields())
class InternalBody:
    """An internal body (内设机构) of a street."""

    name: str
    """Its name, e.g. 民生保障办公室."""
    serves_public: bool = False
    """True for bodies directly facing residents (直接面向群众的服务与管理机构)."""


@attrs.frozen(field_transformer=checked_fields())
class InternalBodies:
    """How a street's internal bodies are set."""

    comprehensive: bool | None = None
    """Whether party and government bodies are set comprehensively (综合设置)."""
    management_layers: int | None = attrs.field(default=None, validator=_nonneg)
    """How many administrative management layers (管理层级) there are; compared with the baseline, it must not grow."""
    bodies: tuple[InternalBody, ...] = ()
    """The internal bodies, each marked if it serves residents directly."""


@attrs.frozen(field_transformer=checked_fields())
class Staffing:
    """Establishment (编制) against the approved standard, by category."""

    approved: dict[str, int] = attrs.field(factory=dict, metadata=terms_of("staffing-categories"))
    """Approved establishment by staffing category (行政 / 执法 / 事业)."""
    actual: dict[str, int] = attrs.field(factory=dict, metadata=terms_of("staffing-categories"))
    """Actual establishment by the same categories; none may exceed its approved number."""
    leadership_approved: int | None = attrs.field(default=None, validator=_nonneg)
    """Approved 处科级领导职数."""
    leadership_actual: int | None = attrs.field(default=None, validator=_nonneg)
    """Actual 处科级领导职数; must not exceed the approved number."""

    def __attrs_post_init__(self) -> None:
        for group in (self.approved, self.actual):
            for key, value in group.items():
                if value < 0:
                    raise FieldValueError(key, f"must not be negative (got {value})")


@attrs.frozen(field_transformer=checked_fields())
class EnforcementCenter:
    """A street's comprehensive enforcement center (综合执法中心)."""

    physical: bool | None = None
    """Whether it is a physical (实体化) center."""
    departments: tuple[str, ...] | None = attrs.field(
        default=None, metadata=terms_of("enforcement-departments")
    )
    """Departments whose enforcement forces work on site."""
    fixed: tuple[str, ...] | None = attrs.field(
        default=None, metadata=terms_of("enforcement-fixed-elements")
    )
    """Which of staff, duties, mechanism and premises are fixed (相对固化)."""


@attrs.frozen(field_transformer=checked_fields())
class CoordinationCommittee:
    """A party-building coordination committee (党建工作协调委员会)."""

    established: bool | None = None
    """Whether the committee has been set up."""
    chair_level: Level | None = None
    """Level of the leader who chairs it (区 for a street's committee)."""
    chair_is_party_member_leader: bool | None = None
    """Whether its chair is a party-member leading cadre (党员领导干部)."""
    community_chair_level: Level | None = None
    """For a street: the level of the leaders who chair its communities' committees
    (街道乡镇 per the plan: 街道党员领导干部担任下一级…主任)."""


@attrs.frozen(field_transformer=checked_fields())
class Street:
    """A 街道, 乡 or 镇 and what the plan asks of it."""

    name: str
    """The street's or township's name, e.g. 东华门街道; unique within its district."""
    kind: StreetKind = StreetKind.STREET
    """街道, 乡 or 镇; some rules ask less of 乡 and 镇 (warnings instead of errors)."""
    code: str | None = None
    """Its statistical division code (统计用区划代码, 9 digits), e.g. ``'110101001'``; checked
    against the division registry (JX025). Quote it in YAML so it stays text."""
    communities: tuple[str, ...] = ()
    """Its communities and villages (社区 / 村), by name (not checked)."""
    internal_bodies: InternalBodies | None = None
    """How its internal bodies (内设机构) are set."""
    staffing: Staffing | None = None
    """Its establishment (编制) and leadership posts against the approved standard."""
    enforcement_center: EnforcementCenter | None = None
    """Its comprehensive enforcement center (综合执法中心)."""
    uses_unified_duty_list: bool | None = None
    """Whether the street uses the city's unified duty list (职责清单)."""
    party_working_rules: bool | None = None
    """Whether the street party (working) committee has working rules (工作规则)."""
    coordination_committee: CoordinationCommittee | None = None
    """Its party-building coordination committee; chaired by a district-level party-member leader."""
    lanes: tuple[Lane, ...] = ()
    """Its lanes (街巷) and their chiefs (街巷长)."""
    lane_stewards: tuple[StewardGroup, ...] = ()
    """Its 小巷管家, by where they are recruited from."""


@attrs.frozen(field_transformer=checked_fields())
class Office:
    """A dispatched office (派出机构) of a functional department."""

    name: str
    """The office's name, e.g. 东华门派出所."""
    kind: str
    """The kind of office, e.g. 派出所, 市场监管所(工商所), 食药所, 司法所."""
    serves: tuple[str, ...] = attrs.field(validator=_at_least_one)
    """Names of the streets it serves."""
    status: OfficeStatus = OfficeStatus.NEITHER
    """Sunk to the street (下沉), resident in it (常驻), or neither (未下沉, the default). A kind counts as sunk once any of its offices is 下沉."""
    basis: SettingBasis | None = None
    """Whether its area follows the administrative division (区划) or another region (区域)."""


@attrs.frozen(field_transformer=checked_fields())
class AssessmentComponent:
    """One part of a department's score: a weight, or points out of a total."""

    assessor: Assessor
    """Who gives this part of the score."""
    weight: Fraction | None = attrs.field(default=None, validator=_weight)
    """Its share of the whole score, exactly: 1/3, 33.4% or 0.34. Give a weight, or points and total."""
    points: Fraction | None = None
    """Points this part is worth, out of ``total``."""
    total: Fraction | None = None
    """Points of the whole score, e.g. 100."""

    def __attrs_post_init__(self) -> None:
        if self.weight is None:
            if self.points is None or self.total is None:
                raise ValueError("give either weight, or points and total")
            if self.total <= 0:
                raise FieldValueError("total", f"must be positive (got {self.total})")
            if not 0 <= self.points <= self.total:
                raise FieldValueError("points", f"must be between 0 and total (got {self.points})")
        elif self.points is not None or self.total is not None:
            raise ValueError("give either weight, or points and total, not both")

    @property
    def share(self) -> Fraction:
        """This component's exact share of the whole score."""
        if self.weight is not None:
            return self.weight
        assert self.points is not None
        assert self.total is not None
        return self.points / self.total


@attrs.frozen(field_transformer=checked_fields())
class DepartmentAssessment:
    """How one functional department or dispatched office is assessed."""

    name: str
    """The department or office assessed, e.g. 区城市管理委员会."""
    components: tuple[AssessmentComponent, ...] = attrs.field(validator=_at_least_one)
    """The parts of its score and who gives each; their shares add up to at most 1, and
    parts given in points all use the same total."""
    feedback: Feedback | None = None
    """How the results are fed back: 背靠背 (back to back) or 公开."""

    def __attrs_post_init__(self) -> None:
        # Points are out of the whole score, so parts in points must agree on it;
        # otherwise a street share below 1/3 could hide behind mismatched totals.
        totals = sorted({c.total for c in self.components if c.total is not None})
        if len(totals) > 1:
            shown = ", ".join(str(t) for t in totals)
            raise FieldValueError(
                "components", f"give points out of different totals ({shown}); use one total"
            )
        shares = sum((c.share for c in self.components), Fraction(0))
        if shares > 1:
            raise FieldValueError(
                "components", f"add up to {_percent(shares)}, more than the whole score"
            )

    @property
    def street_share(self) -> Fraction:
        """The exact share of the score given by streets and townships."""
        return sum((c.share for c in self.components if c.assessor is Assessor.STREET), Fraction(0))


@attrs.frozen(field_transformer=checked_fields())
class Assessment:
    """The district's assessment scheme."""

    streets_assessed_by: tuple[str, ...] | None = attrs.field(
        default=None, metadata=terms_of("unified-assessor")
    )
    """Who assesses the streets; the plan asks for one unified assessment by 区委区政府."""
    departments: tuple[DepartmentAssessment, ...] = ()
    """How each functional department and dispatched office is assessed."""
    residents_satisfaction_main: bool | None = None
    """Whether the assessment of streets rests mainly on residents' satisfaction (以辖区居民满意度为主; street-office 条例 Art. 43 ¶1, from 2020-01-01)."""
    department_evaluators: tuple[str, ...] = attrs.field(
        default=(), metadata=terms_of("street-office-2019:department-evaluators")
    )
    """Whom the streets invite to evaluate district departments (辖区单位, 居民代表, 人大代表, 政协委员; street-office 条例 Art. 44 ¶2, from 2020-01-01)."""
    double_assessment: bool | None = None
    """Whether the district assesses both the whistling streets (townships) and the reporting departments (双考核; hotline 条例 Art. 33, from 2021-09-24)."""
    hotline_core_rates: tuple[str, ...] = attrs.field(
        default=(), metadata=terms_of("hotline-2021:core-rates")
    )
    """What the hotline assessment centres on (响应率, 解决率, 满意率; hotline 条例 Art. 32, from 2021-09-24)."""


@attrs.frozen
class MatchingBodyRequirement:
    """A department's requirement that streets set up a matching body (对口设立机构) or hang its plaque (加挂牌子)."""

    department: str
    """The city or district department that requires it."""
    body: str
    """The body or plaque required, e.g. 某某工作站."""
    legal_basis: str | None = None
    """The law or regulation that expressly requires it (法律、法规明确规定), if any; without one the requirement is not allowed (street-office 条例 Art. 9 ¶3)."""


@attrs.frozen(field_transformer=checked_fields())
class EnforcementPersonnel:
    """Enforcement personnel at district and at street (grassroots) level."""

    district: int = attrs.field(validator=_nonneg)
    """Head count of enforcement personnel kept at district level."""
    street: int = attrs.field(validator=_nonneg)
    """Head count working at street and township level (the grassroots)."""

    @property
    def street_share(self) -> Fraction | None:
        """The grassroots share, exactly; ``None`` when there is no one at all."""
        total = self.district + self.street
        return Fraction(self.street, total) if total else None


@attrs.frozen(field_transformer=checked_fields())
class Coordinators:
    """Who does what for the 协管员 (auxiliary staff)."""

    overall_coordination: Level | None = None
    """The level that coordinates them overall (统筹)."""
    recruitment_training: Level | None = None
    """The level that recruits and trains them (招录培训)."""
    management_use: Level | None = None
    """The level that manages and uses them (管理使用)."""


@attrs.frozen(field_transformer=checked_fields())
class NetworkIntegration:
    """Which networks are integrated at each level."""

    district: tuple[str, ...] | None = attrs.field(default=None, metadata=terms_of("networks"))
    """Networks integrated at district level (城市管理网, 社会服务管理网, 社会治安网, 城管综合执法网, by name or ID)."""
    street: tuple[str, ...] | None = attrs.field(default=None, metadata=terms_of("networks"))
    """Networks integrated at street and township level."""
    community: tuple[str, ...] | None = attrs.field(default=None, metadata=terms_of("networks"))
    """Networks integrated at community and village level."""


@attrs.frozen(field_transformer=checked_fields())
class District:
    """A district (区) and its streets, offices and district-wide arrangements."""

    name: str
    """The district's name, e.g. 东城区; findings' targets start with it."""
    code: str | None = None
    """Its division code (6 digits), e.g. ``'110101'``; checked against the division registry (JX025)."""
    partial: bool = False
    """True when the setup covers only some of the district's 街乡镇 (a pilot, a first batch):
    then JX026 does not ask for the units it leaves out."""
    synthetic: bool = False
    """True for a made-up district (an example, a test, a benchmark): the division registry
    checks (JX024–JX027) skip it and its streets."""
    streets: tuple[Street, ...] = ()
    """Its streets and townships (街道 / 乡 / 镇)."""
    offices: tuple[Office, ...] = ()
    """Offices dispatched by functional departments to its streets."""
    street_rights: tuple[str, ...] | None = attrs.field(
        default=None, metadata=terms_of("street-rights")
    )
    """Rights granted to streets over dispatched offices and departments: the plan's three, and from 2020-01-01 the seven powers of the street-office 条例 Art. 11 (by name or ID, e.g. facility-planning)."""
    assessment: Assessment | None = None
    """How streets and departments are assessed."""
    enforcement_personnel: EnforcementPersonnel | None = None
    """Enforcement head counts at district and street level; compared with the baseline."""
    coordination_committee: CoordinationCommittee | None = None
    """The district's own party-building coordination committee, if it keeps one (not
    checked: the text asks committees of the streets and communities, chaired from the
    level above)."""
    coordinators: Coordinators | None = None
    """Which level does what for the 协管员."""
    network_integration: NetworkIntegration | None = None
    """Which networks are integrated at which level (多网融合)."""
    autonomous_funds: bool | None = None
    """Whether the district has set autonomous funds (自主经费) for its streets."""
    whistle_domains: tuple[str, ...] | None = attrs.field(
        default=None, metadata=terms_of("whistle-domains")
    )
    """What the streets blow the whistle on (综合执法, 重点工作, 应急处置, by name or ID; from 2020-01-01 also 群众诉求, street-office 条例 Art. 5)."""
    matching_body_requirements: tuple[MatchingBodyRequirement, ...] | None = None
    """Every requirement by a city or district department that streets set up a matching body or hang a plaque; an empty list declares there is none (street-office 条例 Art. 9 ¶3)."""


@attrs.frozen(field_transformer=checked_fields())
class Setup:
    """A proposed (or current) organisational setup: one district or a whole city."""

    schema_version: int = attrs.field(validator=_supported_version)
    """Version of this format; 1, the only one so far (may be left out of a file)."""
    districts: tuple[District, ...] = attrs.field(validator=_at_least_one)
    """One district, or all the districts of a city."""
    name: str | None = None
    """A title for the whole setup, for its readers (not checked)."""
    as_of: dt.date | None = None
    """The date the setup describes: the registry checks use the division snapshot in force on
    it (default: the report's date, ``--as-of``)."""
    document: Document | None = attrs.field(
        default=None, eq=False, repr=False, metadata={"not_data": True}
    )
    """Where it was read from; lets findings point at lines. Not part of the data."""
    placeholders: frozenset[tuple[PathPart, ...]] = attrs.field(
        factory=frozenset, eq=False, repr=False, metadata={"not_data": True}
    )
    """Paths of the fields the file marks ``待填写`` (see ``placeholders.py``). Not part of the data."""

    def locate(self, path: tuple[PathPart, ...]) -> Location:
        """The file, line and column of ``path`` in the file this setup came from."""
        if self.document is None:
            return Location("<setup>", 0, 0, path)
        return self.document.locate(path)


# The source document is not data: never read it from, or write it to, a file.
omit_fields_not_data(Setup)


def load_setup(
    source: str | Path,
    *,
    text: str | bytes | None = None,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> Setup:
    """Read a setup from a YAML or JSON file, or from ``text`` named ``source``.

    Raises :class:`~jiexiang_policy.errors.SetupFileError` naming the file,
    line, column and path of each problem.
    """
    with paused_gc():
        try:
            if text is None:
                doc = load_document(source, encoding=encoding, limits=limits)
            else:
                doc = parse_document(
                    text,
                    name=str(source),
                    encoding=encoding,
                    is_json=str(source).lower().endswith(".json"),
                    limits=limits,
                )
        except InputError as exc:
            raise SetupFileError(list(exc.problems)) from None
        setup = setup_from_document(doc)
        # Free the parsed tree by reference counting while the collector is paused,
        # so re-enabling it does not walk tens of thousands of dying objects.
        del doc
    return setup


def setup_from_document(doc: Document) -> Setup:
    """Structure an already parsed document into a :class:`Setup`."""
    data = doc.data
    if isinstance(data, dict) and "waivers" in data and "districts" not in data:
        # Waivers often live next to the setups, so `check setups/*.yaml` picks them up.
        raise SetupFileError.at(
            doc.locate(("waivers",), key=True),
            "this is a waiver file, not a setup: pass it with --waivers FILE "
            "(or keep it out of the setup files' pattern)",
        )
    placeholders = strip_placeholders(data, doc.text)
    named = sorted((p for p in placeholders if p[-1] == "name"), key=str)
    if named:  # names identify districts, streets, offices: a placeholder cannot stand in
        raise SetupFileError(
            [(doc.locate(p), f"name must be written out, not {PLACEHOLDER}") for p in named]
        )
    setup = structure_versioned(
        doc,
        Setup,
        SETUP_SCHEMA_VERSION,
        "a setup must be a mapping with a 'districts' list",
        SetupFileError,
    )
    check_names(setup, doc.locate)
    # Keep only the text for locating findings: the parsed data is not needed any more.
    return attrs.evolve(setup, document=attrs.evolve(doc, data=None), placeholders=placeholders)


def _twice(names: list[str]) -> list[int]:
    """The positions of names already seen earlier in the list (none, usually: C fast path)."""
    if len(set(names)) == len(names):
        return []
    seen: set[str] = set()
    out = []
    for i, name in enumerate(names):
        if name in seen:
            out.append(i)
        seen.add(name)
    return out


def check_names(
    setup: Setup, locate: Callable[[tuple[PathPart, ...]], Location] | None = None
) -> None:
    """Raise :class:`SetupFileError` for a name defined twice or an office serving a
    street its district does not have: what :func:`load_setup` refuses across objects.

    ``locate`` gives each problem's place (default: ``setup.locate``). Findings,
    baselines and waivers name their targets (示例区/示例街道), so a name defined twice
    would make them ambiguous; a repeat is reported where it repeats, saying where the
    name was first defined.
    """
    problems: list[tuple[Location, str]] = []
    where_is = locate or setup.locate

    def first(path: tuple[PathPart, ...]) -> str:
        loc = where_is(path)
        return f"{loc.file}:{loc.line}:{loc.column}" if loc.line else str(loc)  # with its path

    names = [district.name for district in setup.districts]
    for d in _twice(names):
        name = setup.districts[d].name
        problems.append(
            (
                where_is(("districts", d, "name")),
                f"district {name!r} is defined twice; first defined at "
                + first(("districts", names.index(name), "name")),
            )
        )
    for d, district in enumerate(setup.districts):
        streets = [street.name for street in district.streets]
        for s in _twice(streets):
            problems.append(
                (
                    where_is(("districts", d, "streets", s, "name")),
                    f"street {streets[s]!r} is defined twice in {district.name}; first defined at "
                    + first(("districts", d, "streets", streets.index(streets[s]), "name")),
                )
            )
        for s, street in enumerate(district.streets):
            lanes = [lane.name for lane in street.lanes]
            for i in _twice(lanes):
                where = ("districts", d, "streets", s, "lanes")
                problems.append(
                    (
                        where_is((*where, i, "name")),
                        f"lane {lanes[i]!r} is listed twice in {district.name}/{street.name}; "
                        f"first defined at {first((*where, lanes.index(lanes[i]), 'name'))}",
                    )
                )
        offices = [office.name for office in district.offices]
        for o in _twice(offices):
            problems.append(
                (
                    where_is(("districts", d, "offices", o, "name")),
                    f"office {offices[o]!r} is defined twice in {district.name}; first defined at "
                    + first(("districts", d, "offices", offices.index(offices[o]), "name")),
                )
            )
        defined = set(streets)
        for o, office in enumerate(district.offices):
            for i, served in enumerate(office.serves):
                if served not in defined:
                    near = difflib.get_close_matches(served, streets, n=1, cutoff=0.6)
                    # Either name may be the misspelt one: name both places, prefer neither.
                    hint = (
                        f"; the closest street of the file is {near[0]!r}: correct whichever "
                        "of the two is misspelt"
                        if near
                        else f"; its streets: {', '.join(streets)}"
                        if streets
                        else ""
                    )
                    problems.append(
                        (
                            where_is(("districts", d, "offices", o, "serves", i)),
                            f"office {office.name!r} serves {served!r}, "
                            f"which is not a street of {district.name}{hint}",
                        )
                    )
    if problems:
        raise SetupFileError(problems)
