"""The plan as typed values: categories, headings, provisions, measures, parameters.

Every value here is frozen. Chinese (``zh``) text is authoritative; English
(``en``) is a translation provided for convenience and is never quoted as law.
Quotes are exact substrings of the shipped source text; :func:`load_plan`
refuses a policy folder in which one is not.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from fractions import Fraction
from typing import TypeVar

import attrs

from .findings import Severity

__all__ = [
    "Category",
    "Deadline",
    "DeadlineKind",
    "Heading",
    "Level",
    "Measure",
    "Modality",
    "Obligation",
    "Parameter",
    "Plan",
    "PlanMetadata",
    "Provision",
    "ResponsibleParty",
    "Term",
    "Text",
]

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]*$")


_VALID_ID = attrs.validators.matches_re(_ID)


def _nonempty(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


@attrs.frozen
class Text:
    """A text in Chinese (authoritative) with its English translation."""

    zh: str = attrs.field(validator=_nonempty)
    en: str = attrs.field(validator=_nonempty)

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.en if lang == "en" else self.zh


class Level(enum.Enum):
    """Administrative level named in the plan."""

    CITY = "市"
    DISTRICT = "区"
    STREET = "街道乡镇"
    SUBDISTRICT = "街道"
    """街道 alone, where the clause names it apart from 乡镇 (e.g. P-2.3.2's 街巷长)."""
    COMMUNITY = "社区村"


class Modality(enum.Enum):
    """How strongly an obligation's own words bind, which sets a finding's default severity.

    Read from the clause's words (stored with the quote as ``decided_by``):

    - ``binding``: 应/要/必须/确保/实现/统一/不得, and plain imperatives under a 确保
      heading → error;
    - ``rollout``: 推行/推广, a system to be spread; (加快)推进, a process to push
      ahead → warning;
    - ``phased``: 逐步, 试点先行、分类分批实施, allowed to arrive step by step → warning;
    - ``aim``: 力争/探索 → note;
    - ``encourage``: 倡导/鼓励 → note;
    - ``goal``: a goal statement of the general part (重点围绕…) → note;
    - ``permission``: 可/有条件的…可 → not checked.
    """

    BINDING = "binding"
    ROLLOUT = "rollout"
    PHASED = "phased"
    AIM = "aim"
    ENCOURAGE = "encourage"
    GOAL = "goal"
    PERMISSION = "permission"

    @property
    def default_severity(self) -> Severity | None:
        """The severity of a finding resting on such a clause; ``None``: nothing to check."""
        return _DEFAULT_SEVERITY[self]

    def label(self, lang: str = "zh") -> str:
        """The word shown to people, e.g. 约束性 / ``binding``."""
        return self.value if lang == "en" else _MODALITY_ZH[self]


_DEFAULT_SEVERITY = {
    Modality.BINDING: Severity.ERROR,
    Modality.ROLLOUT: Severity.WARNING,
    Modality.PHASED: Severity.WARNING,
    Modality.AIM: Severity.NOTE,
    Modality.ENCOURAGE: Severity.NOTE,
    Modality.GOAL: Severity.NOTE,
    Modality.PERMISSION: None,
}
_MODALITY_ZH = {
    Modality.BINDING: "约束性",
    Modality.ROLLOUT: "推行推广",
    Modality.PHASED: "逐步实施",
    Modality.AIM: "目标性（力争/探索）",
    Modality.ENCOURAGE: "倡导鼓励",
    Modality.GOAL: "目标表述",
    Modality.PERMISSION: "许可性",
}


@attrs.frozen
class ResponsibleParty:
    """Who is to act, as the text names the unit or role."""

    level: Level | None
    unit: str = attrs.field(validator=_nonempty)
    """The unit or role in the words of the text, e.g. ``区委区政府``."""
    quote: str = attrs.field(validator=_nonempty)
    """The clause that names it (verbatim)."""
    en: str = ""
    """English rendering of ``unit`` (non-authoritative)."""


class DeadlineKind(enum.Enum):
    """What the text says about when a measure must be done."""

    DATE = "date"
    BEFORE_YEAR = "before_year"
    NOT_STATED = "not_stated"


@attrs.frozen
class Deadline:
    """A completion date, a "before year N" target, or "not stated in source"."""

    kind: DeadlineKind = DeadlineKind.NOT_STATED
    date: dt.date | None = None
    year: int | None = None
    quote: str | None = None
    aspirational: bool = False
    """True when the text only says 力争 (strive to)."""

    def __attrs_post_init__(self) -> None:
        if self.kind is DeadlineKind.DATE and (self.date is None or not self.quote):
            raise ValueError("a date deadline needs date and quote")
        if self.kind is DeadlineKind.BEFORE_YEAR and (self.year is None or not self.quote):
            raise ValueError("a before_year deadline needs year and quote")
        if self.kind is DeadlineKind.NOT_STATED and (self.date or self.year or self.quote):
            raise ValueError("a not_stated deadline has no date, year or quote")

    @property
    def stated(self) -> bool:
        """Whether the source gives a deadline at all."""
        return self.kind is not DeadlineKind.NOT_STATED

    def describe(self, lang: str = "zh") -> str:
        """A short human-readable form, e.g. ``2020年前（力争）``."""
        if self.kind is DeadlineKind.DATE:
            return self.date.isoformat() if self.date else ""
        if self.kind is DeadlineKind.BEFORE_YEAR:
            if lang == "en":
                return f"before {self.year}" + (" (strive to)" if self.aspirational else "")
            return f"{self.year}年前" + ("（力争）" if self.aspirational else "")
        return "not stated in source" if lang == "en" else "原文未说明"


@attrs.frozen
class Obligation:
    """One thing a provision requires, allows or encourages someone to do."""

    id: str = attrs.field(validator=_VALID_ID)
    modality: Modality
    decided_by: tuple[str, ...] = attrs.field(validator=attrs.validators.min_len(1))
    """The words that decide the modality, verbatim from the obligation, its provision
    or its heading (e.g. ``推广``; ``确保`` where a plain imperative stands under a
    确保 heading)."""
    quote: str = attrs.field(validator=_nonempty)
    """The words of the text that state it (verbatim)."""
    summary: Text
    actor: ResponsibleParty | None = None
    """An actor the clause names (in its words); ``None`` when it names none."""
    applies_to: tuple[str, ...] = ()
    """The kinds of unit the clause speaks of (``街道``, ``乡``, ``镇``); empty: all."""


@attrs.frozen
class Provision:
    """One enumerated item of the text (一是/二是/三是, or a 保障 paragraph)."""

    id: str = attrs.field(validator=_VALID_ID)
    heading_id: str = attrs.field(validator=_VALID_ID)
    ordinal: int = attrs.field(validator=attrs.validators.ge(1))
    quote: str = attrs.field(validator=_nonempty)
    """The whole item, verbatim."""
    translation: str = attrs.field(validator=_nonempty)
    """English translation; not authoritative."""
    obligations: tuple[Obligation, ...] = ()


@attrs.frozen
class Heading:
    """A heading such as 确保“吹哨”有依据."""

    id: str = attrs.field(validator=_VALID_ID)
    category_id: str = attrs.field(validator=_VALID_ID)
    title: Text
    quote: str = attrs.field(validator=_nonempty)


@attrs.frozen
class Category:
    """One of the three categories: 街乡吹哨, 部门报到, 保障支撑."""

    id: str = attrs.field(validator=_VALID_ID)
    title: Text
    quote: str = attrs.field(validator=_nonempty)
    focus: str | None = None
    """The category's lead sentence (重点是…), verbatim, where the text has one."""


@attrs.frozen
class Measure:
    """One of the 14 measures (推进举措).

    The grouping of provisions into measures is an editorial decision (see
    ``docs/measure-grouping.md``); ``named_actors`` is empty and
    ``deadline`` is not stated wherever the source is silent.
    """

    id: str = attrs.field(validator=_VALID_ID)
    category_id: str = attrs.field(validator=_VALID_ID)
    title: Text
    provision_ids: tuple[str, ...] = attrs.field(validator=attrs.validators.min_len(1))
    named_actors: tuple[ResponsibleParty, ...] = ()
    deadline: Deadline = Deadline()
    note: Text | None = None
    """An editorial remark on the measure, in both languages."""


@attrs.frozen
class Term:
    """One item of a listed parameter (e.g. 公安 in the six departments)."""

    id: str = attrs.field(validator=_VALID_ID)
    zh: str = attrs.field(validator=_nonempty)
    en: str = attrs.field(validator=_nonempty)


@attrs.frozen
class Parameter:
    """A threshold or list that rules read, with the clause it comes from.

    Exactly one of ``fraction`` and ``terms`` is set.
    """

    id: str = attrs.field(validator=_VALID_ID)
    name: Text
    quote: str = attrs.field(validator=_nonempty)
    provision_id: str | None = None
    """The provision it comes from; ``None`` for the plan's general part."""
    fraction: Fraction | None = None
    terms: tuple[Term, ...] = ()

    def __attrs_post_init__(self) -> None:
        if (self.fraction is None) == (not self.terms):
            raise ValueError("a parameter has exactly one of fraction and terms")

    def term_ids(self) -> tuple[str, ...]:
        """The IDs of the listed terms, in order."""
        return tuple(t.id for t in self.terms)


@attrs.frozen
class PlanMetadata:
    """Title, issuer, year and the plan's stated goals and keywords."""

    id: str = attrs.field(validator=_VALID_ID)
    title: Text
    short_title: Text
    issuer: ResponsibleParty
    year: int
    year_source: str
    """Where the year comes from (the source text does not state it)."""
    goals: tuple[Term, ...]
    goals_quote: str
    keywords: tuple[Term, ...]
    keywords_quote: str
    measure_count_quote: str
    """The sentence stating that there are 14 measures."""
    units_quote: str = ""
    """The sentence saying each measure had responsible units and deadlines (not listed)."""
    editorial: Text | None = None
    """What in the plan's modelling is our reading: the grouping into measures, the titles."""


@attrs.frozen
class Plan:
    """The whole plan, with lookups by ID and a walk from category to provision."""

    metadata: PlanMetadata
    categories: tuple[Category, ...]
    headings: tuple[Heading, ...]
    provisions: tuple[Provision, ...]
    measures: tuple[Measure, ...]
    parameters: tuple[Parameter, ...]
    source_text: str = attrs.field(repr=False, eq=False)
    general: tuple[Obligation, ...] = ()
    """Statements of the general part (总体考虑) that rules rest on, e.g. the whistle's
    domains; they belong to no provision."""
    origin: str = attrs.field(default="", eq=False, repr=False)
    """The folder it was loaded from (for messages), empty when built in code."""
    _by_id: dict[str, object] = attrs.field(init=False, repr=False, eq=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        index: dict[str, object] = {}
        for group in (
            self.categories,
            self.headings,
            self.provisions,
            self.measures,
            self.parameters,
        ):
            for item in group:
                index[item.id] = item
        for provision in self.provisions:
            for obligation in provision.obligations:
                index[obligation.id] = obligation
        for obligation in self.general:
            index[obligation.id] = obligation
        object.__setattr__(self, "_by_id", index)

    def get(self, id: str) -> object:
        """Any object of the plan by its ID. Raises :class:`KeyError` if unknown."""
        return self._by_id[id]

    def category(self, id: str) -> Category:
        """The category with this ID."""
        return _typed(self._by_id.get(id), Category, id)

    def heading(self, id: str) -> Heading:
        """The heading with this ID."""
        return _typed(self._by_id.get(id), Heading, id)

    def provision(self, id: str) -> Provision:
        """The provision with this ID."""
        return _typed(self._by_id.get(id), Provision, id)

    def measure(self, id: str) -> Measure:
        """The measure with this ID."""
        return _typed(self._by_id.get(id), Measure, id)

    def obligation(self, id: str) -> Obligation:
        """The obligation with this ID."""
        return _typed(self._by_id.get(id), Obligation, id)

    def parameter(self, id: str) -> Parameter:
        """The parameter with this ID.

        Raises :class:`~jiexiang_policy.errors.MissingParameterError` (a policy-file
        error, and a :class:`KeyError`) naming the folder when it is not defined.
        """
        found = self._by_id.get(id)
        if isinstance(found, Parameter):
            return found
        from .errors import MissingParameterError
        from .locations import Location

        where = f"{self.origin}/parameters.yaml" if self.origin else "parameters.yaml"
        raise MissingParameterError.at(
            Location(where),
            f"parameter {id!r} is not defined, and the rules need it: add it to the policy folder",
        )

    def headings_of(self, category_id: str) -> tuple[Heading, ...]:
        """The headings of a category, in text order."""
        return tuple(h for h in self.headings if h.category_id == category_id)

    def measures_of(self, category_id: str) -> tuple[Measure, ...]:
        """The measures of a category, in order."""
        return tuple(m for m in self.measures if m.category_id == category_id)

    def provisions_of(self, measure_or_heading_id: str) -> tuple[Provision, ...]:
        """The provisions of a measure or of a heading, in text order."""
        owner = self._by_id.get(measure_or_heading_id)
        if isinstance(owner, Measure):
            return tuple(self.provision(p) for p in owner.provision_ids)
        if isinstance(owner, Heading):
            return tuple(p for p in self.provisions if p.heading_id == owner.id)
        raise KeyError(measure_or_heading_id)

    def measure_of(self, provision_id: str) -> Measure:
        """The measure a provision belongs to."""
        for measure in self.measures:
            if provision_id in measure.provision_ids:
                return measure
        raise KeyError(provision_id)

    def obligations(self) -> Iterator[tuple[Provision, Obligation]]:
        """Every obligation with its provision, in text order."""
        for provision in self.provisions:
            for obligation in provision.obligations:
                yield provision, obligation

    def search(self, keyword: str) -> tuple[Provision, ...]:
        """Provisions whose Chinese quote, English translation or obligations mention ``keyword``.

        The match ignores case for English.
        """
        needle = keyword.casefold()
        found = []
        for provision in self.provisions:
            haystacks = [provision.quote, provision.translation]
            for ob in provision.obligations:
                haystacks += [ob.summary.zh, ob.summary.en]
            if any(needle in h.casefold() for h in haystacks):
                found.append(provision)
        return tuple(found)


_T = TypeVar("_T")


def _typed(value: object, cls: type[_T], id: str) -> _T:
    if not isinstance(value, cls):
        raise KeyError(f"no {cls.__name__.lower()} with ID {id!r}")
    return value
