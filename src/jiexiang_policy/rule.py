"""What a rule is: a small frozen value whose check is a pure function."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from .divisions import Registry, Snapshot, shipped_registry
from .findings import Severity
from .locations import PathPart
from .orgsetup import District, Setup, Street
from .plan import Modality, Obligation, Parameter, Plan, Term, Text

if TYPE_CHECKING:
    from .corpus import Corpus, StatuteObligation

__all__ = [
    "Case",
    "Context",
    "Example",
    "Rule",
    "Violation",
    "clause_modality",
    "clause_obligation",
]


@attrs.frozen
class Violation:
    """What a check returns: where, and what is wrong, in both languages."""

    path: tuple[PathPart, ...]
    target: str
    message_zh: str
    message_en: str
    case: str | None = None
    """Which of the rule's :class:`Case` s this is (``None``: the rule's first); the case's
    clause decides the finding's severity (e.g. a warning for 乡镇 where the text says 逐步)."""


@attrs.frozen
class Case:
    """One situation a rule reports, the clause it rests on, and so its severity.

    By default the severity follows the modality of the clause (binding → error,
    推行/推广/逐步 → warning, aims and goals → note). ``severity`` is set only with an
    ``editorial`` reason, where the check is our reading of the text rather than its
    words; it can only be weaker than the clause's own (see :meth:`severity_in`).
    """

    id: str
    obligation_id: str | None
    """The clause (obligation ID in the plan) this situation rests on; ``None`` only for
    a data check that rests on no clause (then ``severity`` and ``editorial`` are set)."""
    text: Text
    """The situation, e.g. 同一街乡有两个同类下沉派出机构."""
    severity: Severity | None = None
    editorial: Text | None = None
    """Why this situation is judged by our reading, not by the words alone."""

    def __attrs_post_init__(self) -> None:
        if self.severity is not None and self.editorial is None:
            raise ValueError(f"case {self.id}: a severity of its own needs an editorial reason")
        if self.obligation_id is None and self.severity is None:
            raise ValueError(f"case {self.id}: a case on no clause needs its own severity")

    def severity_in(self, plan: Plan) -> Severity | None:
        """The default severity: the clause's, or the editorial one where it is weaker.

        ``None`` when the clause only permits (可): nothing to report.
        """
        if self.obligation_id is None:
            return self.severity
        own = clause_modality(plan, self.obligation_id).default_severity
        if own is None or self.severity is None:
            return own
        return min(own, self.severity, key=lambda s: s.rank)


def clause_obligation(plan: Plan, clause_id: str) -> Obligation | StatuteObligation:
    """A plan obligation (bare ID) or a statute's obligation (qualified ID,
    ``street-office-2019:art-43.b``, from the shipped corpus). Raises :class:`KeyError`."""
    if ":" in clause_id:
        from .corpus import StatuteObligation
        from .corpus_loader import load_corpus

        target = load_corpus().clause(clause_id).target
        if not isinstance(target, StatuteObligation):
            raise KeyError(f"{clause_id} is not an obligation")
        return target
    return plan.obligation(clause_id)


def clause_modality(plan: Plan, clause_id: str) -> Modality:
    """The modality of the obligation ``clause_id`` names (see :func:`clause_obligation`)."""
    return clause_obligation(plan, clause_id).modality


@attrs.frozen
class Example:
    """Setup fragments (YAML) shown in the rule's documentation and run by the tests.

    Each fragment is merged into the minimal compliant setup at ``at`` (mappings
    merge key by key, lists are replaced): ``failing`` must give exactly one
    finding of the rule, ``passing`` none.
    """

    at: tuple[PathPart, ...]
    _failing: str | Callable[[], str] = attrs.field(alias="failing")
    _passing: str | Callable[[], str] = attrs.field(alias="passing")
    """A fragment, or a function that writes it: built on first read, not at every import."""

    @property
    def failing(self) -> str:
        """The fragment that gives exactly one finding of the rule."""
        return self._failing if isinstance(self._failing, str) else self._failing()

    @property
    def passing(self) -> str:
        """The fragment that gives none."""
        return self._passing if isinstance(self._passing, str) else self._passing()


@attrs.frozen
class Context:
    """What a check may read: the setup, the plan's parameters, and the baseline."""

    setup: Setup
    plan: Plan
    baseline: Setup | None = None
    as_of: dt.date | None = None
    """The report's date; the registry checks use the setup's own ``as_of`` first."""
    divisions: Registry | None = None
    """The division registry (default: the shipped one, read on first use)."""
    corpus: Corpus | None = None
    """The documents whose parameters qualified IDs (``street-office-2019:…``) name."""
    _names: dict[str, dict[str, str]] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    """Each parameter's name → term ID table, built once: rules ask per street."""

    def parameter(self, id: str) -> Parameter:
        """A parameter of the plan, or of a document of the corpus by qualified ID."""
        if ":" in id:
            if self.corpus is None:
                from .corpus_loader import load_corpus

                return load_corpus().parameter(id)
            return self.corpus.parameter(id)
        return self.plan.parameter(id)

    def fraction(self, id: str) -> Fraction:
        """The fraction value of a parameter."""
        value = self.parameter(id).fraction
        assert value is not None, f"parameter {id} is not a fraction"
        return value

    def term_ids(self, id: str, values: Iterable[str]) -> set[str]:
        """Which of a parameter's terms ``values`` names (by ID or by Chinese name)."""
        names = self._term_names(id)
        # Each distinct value once: a street lists its steward groups' few sources many times.
        return {names[key] for key in map(_norm, set(values)) if key in names}

    def term_id(self, id: str, value: str) -> str | None:
        """The ID of the parameter's term that ``value`` names, or ``None``."""
        return self._term_names(id).get(_norm(value))

    def missing_terms(self, id: str, values: Iterable[str]) -> list[str]:
        """The Chinese names of a parameter's terms that ``values`` does not name."""
        present = self.term_ids(id, values)
        return [t.zh for t in self.parameter(id).terms if t.id not in present]

    def term_hint(self, id: str, values: Iterable[str]) -> tuple[str, str]:
        """A did-you-mean for values that name no term but look like a missing one.

        Term lists are open (a center may hold more departments than the plan names),
        so an unknown value is not an error; but when a required term is missing and
        an unknown value is close to it, it is most likely a typo. Returns the zh and
        en text to append to the finding's message, or two empty strings.
        """
        names = self._term_names(id)
        values = list(values)
        present = self.term_ids(id, values)
        candidates: dict[str, Term] = {}
        for term in self.parameter(id).terms:
            if term.id not in present:
                candidates[term.id] = term
                candidates[_norm(term.zh)] = term
        pairs = []
        for value in values:
            if _norm(value) in names:
                continue
            # 0.5 lets one wrong character of a two-character name (公x for 公安) through.
            close = difflib.get_close_matches(_norm(value), candidates, n=1, cutoff=0.5)
            if close:
                pairs.append((value, candidates[close[0]]))
        if not pairs:
            return "", ""
        zh = "；".join(f"“{value}”是否指“{term.zh}”" for value, term in pairs)
        en = "; ".join(f"'{value}': did you mean '{term.id}' ({term.zh})" for value, term in pairs)
        return f"（{zh}？）", f" ({en}?)"

    def _term_names(self, id: str) -> dict[str, str]:
        names = self._names.get(id)
        if names is None:
            names = self._names[id] = _term_names(self.parameter(id))
        return names

    def division_snapshot(self) -> Snapshot:
        """The division snapshot in force on the setup's date (or the report's)."""
        registry = self.divisions or shipped_registry()
        return registry.at(self.setup.as_of or self.as_of)

    def streets(self) -> Iterator[tuple[tuple[PathPart, ...], District, Street]]:
        """Every street with its path and district."""
        for d, district in enumerate(self.setup.districts):
            for s, street in enumerate(district.streets):
                yield ("districts", d, "streets", s), district, street

    def streets_in_scope(
        self, obligation_id: str
    ) -> Iterator[tuple[tuple[PathPart, ...], District, Street]]:
        """The streets of the kinds the clause names (``applies_to``), or every street.

        P-1.1.1 or P-1.3.2 speak of 街道 only: a 乡 or 镇 gets no finding from them.
        """
        kinds = clause_obligation(self.plan, obligation_id).applies_to
        for path, district, street in self.streets():
            if not kinds or street.kind.value in kinds:
                yield path, district, street

    def districts(self) -> Iterator[tuple[tuple[PathPart, ...], District]]:
        """Every district with its path."""
        for d, district in enumerate(self.setup.districts):
            yield ("districts", d), district


_BRACKETS = str.maketrans({"（": "(", "）": ")", "“": '"', "”": '"'})
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def _norm(value: str) -> str:
    # Full-width and ASCII brackets and quotes are written interchangeably by hand.
    return _SPACE.sub("", value.translate(_BRACKETS))


def _term_names(parameter: Parameter) -> dict[str, str]:
    names = {}
    for term in parameter.terms:
        names[term.id] = term.id
        names[_norm(term.zh)] = term.id
    return names


Check = Callable[[Context], Iterable[Violation]]


@attrs.frozen
class Rule:
    """One checkable obligation of the plan.

    Its severity is not written here: each :class:`Case` takes it from the modality
    of the clause it rests on, read from ``policies/`` (:meth:`severity_of`).
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(r"^JX\d{3}$"))
    name: str
    """A short kebab-case name, e.g. ``assessment-street-share``."""
    title: Text
    provision_id: str | None
    """``None`` for rules resting on the plan's general part (e.g. the whistle domains)."""
    obligation_ids: tuple[str, ...]
    """Every clause of the plan a case of the rule rests on; the first is the main one
    (empty for a registry check, which rests on no clause, and for a rule resting on
    other documents alone, ``clauses``)."""
    quote: str
    """The clause the rule rests on (verbatim)."""
    rationale: Text
    check: Check = attrs.field(eq=False, repr=False)
    example: Example
    needs_baseline: bool = False
    cases: tuple[Case, ...] = ()
    """The situations it reports; empty means one, resting on ``obligation_ids[0]``."""
    editorial: Text | None = None
    """Set where the rule, or what its title claims, is our reading rather than the text's
    words: the one-line reason, shown wherever the rule is described."""
    clauses: tuple[str, ...] = ()
    """Qualified IDs of obligations in other documents of the corpus the rule rests on
    (``street-office-2019:art-43.b``). A rule with no plan obligation rests on these
    alone, takes its severity from the first, and applies from the day its document took
    force (``timeline.py``)."""

    def __attrs_post_init__(self) -> None:
        if not self.obligation_ids and not self.clauses and not (self.registry and self.cases):
            raise ValueError(f"{self.id}: a rule rests on a clause, or is a registry check")
        for case in self.cases:
            allowed = (*self.obligation_ids, *self.clauses, *((None,) * self.registry))
            if case.obligation_id not in allowed:
                raise ValueError(f"{self.id}: case {case.id} rests on an unlisted clause")
        if len({c.id for c in self.cases}) != len(self.cases):
            raise ValueError(f"{self.id}: two cases share an ID")

    def all_cases(self) -> tuple[Case, ...]:
        """The rule's cases, with the implicit single one where none is listed."""
        return self.cases or (
            Case("default", (*self.obligation_ids, *self.clauses)[0], self.title),
        )

    def case(self, id: str | None) -> Case:
        """The case with this ID (``None``: the first). Raises :class:`KeyError`."""
        cases = self.all_cases()
        if id is None:
            return cases[0]
        for case in cases:
            if case.id == id:
                return case
        raise KeyError(f"{self.id} has no case {id!r}")

    def severity_of(self, plan: Plan, case: str | None = None) -> Severity | None:
        """The default severity of a case, from its clause's modality."""
        return self.case(case).severity_in(plan)

    def default_severity(self, plan: Plan) -> Severity:
        """The most serious severity any of its cases can give (for listings)."""
        found = [s for c in self.all_cases() if (s := c.severity_in(plan)) is not None]
        if not found:
            raise ValueError(f"{self.id} rests only on permissive clauses: nothing to check")
        return max(found, key=lambda s: s.rank)

    registry: bool = False
    """True for a data-quality check against the division registry: it rests on no clause of
    the plan (``provision_id`` is ``None``, ``quote`` says so)."""
