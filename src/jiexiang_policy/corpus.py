"""The policy over time: dated documents, their clauses, and the cross-references between them.

The corpus holds the 2018 plan (``plan-2018``) beside the statutes that later
codified it (``street-office-2019``, ``hotline-2021``). Every document keeps its
dates apart (adopted, in force, amended, superseded), each with the words of the
text that state it or the source it comes from; a date no source gives is
``None``, never guessed.

Clauses are addressed by qualified IDs, ``document:clause``
(``street-office-2019:art-43``, ``plan-2018:P-1.2.2.b``); a bare ID resolves
where exactly one document has it (``P-1.2.2`` → ``plan-2018``).

The 2018 plan's date of taking effect is not stated in its text; it is treated
as in force on every as-of date (``docs/policy-over-time.md``).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator

import attrs

from .plan import _VALID_ID, Modality, Parameter, Plan, Text

__all__ = [
    "Article",
    "Chapter",
    "Clause",
    "Corpus",
    "CrossReference",
    "DocumentDate",
    "DocumentKind",
    "DocumentMetadata",
    "Item",
    "Paragraph",
    "PlanOnly",
    "PolicyDocument",
    "Relation",
    "Statute",
    "StatuteObligation",
    "UnmodelledArticles",
    "qualify",
    "split_id",
]

SEPARATOR = ":"


def qualify(document_id: str, clause_id: str) -> str:
    """``document:clause``."""
    return f"{document_id}{SEPARATOR}{clause_id}"


def split_id(qualified: str) -> tuple[str | None, str]:
    """``("street-office-2019", "art-43")`` for a qualified ID, ``(None, id)`` for a bare one."""
    if SEPARATOR in qualified:
        doc, _, clause = qualified.partition(SEPARATOR)
        return doc, clause
    return None, qualified


class DocumentKind(enum.Enum):
    """What kind of document: a party/government plan or a local regulation (地方性法规)."""

    PLAN = "plan"
    LOCAL_REGULATION = "local-regulation"

    def label(self, lang: str = "zh") -> str:
        """方案 / 地方性法规, or the English value."""
        if lang == "en":
            return {"plan": "plan", "local-regulation": "local regulation"}[self.value]
        return {"plan": "实施方案", "local-regulation": "地方性法规"}[self.value]


@attrs.frozen
class DocumentDate:
    """A date of a document with where it comes from; ``date`` is ``None`` when no source gives it."""

    date: dt.date | None = None
    quote: str | None = None
    """The words of the document's own text that state it (verbatim), if it does."""
    source: Text | None = None
    """Where the date comes from when the text alone does not give it, or why it is unknown."""

    def describe(self, lang: str = "zh") -> str:
        """``2020-01-01``, or 原文未说明 / not stated in source."""
        if self.date is not None:
            return self.date.isoformat()
        return "not stated in source" if lang == "en" else "原文未说明"


@attrs.frozen
class DocumentMetadata:
    """Identity, kind, issuer and dates of one document of the corpus."""

    id: str = attrs.field(validator=_VALID_ID)
    kind: DocumentKind
    title: Text
    short_title: Text
    issuer: Text
    issuer_quote: str | None = None
    adopted: DocumentDate = DocumentDate()
    in_force: DocumentDate = DocumentDate()
    amended: tuple[DocumentDate, ...] = ()
    """Amendments known to the sources (none, so far)."""
    superseded: DocumentDate = DocumentDate()
    """When it stopped being in force; ``date`` is ``None`` while no source says it did."""
    status: Text | None = None
    """What the sources say (or do not say) about amendment and repeal."""
    chapter_titles_en: tuple[str, ...] = ()
    """English titles of a statute's chapters, in order (the Chinese ones are in the text)."""
    provenance: Text | None = None
    """Where the text comes from."""


@attrs.frozen
class Item:
    """An enumerated item （一）（二）… of a paragraph."""

    number: int
    text: str


@attrs.frozen
class Paragraph:
    """A paragraph (款) of an article, with its items (项)."""

    number: int
    text: str
    """The paragraph's own line, verbatim (for the first, without 第N条)."""
    items: tuple[Item, ...] = ()


@attrs.frozen
class Article:
    """An article (条) of a statute, parsed from the source text."""

    id: str
    """``art-N``."""
    number: int
    chapter: int
    label: str
    """The article's number as the text writes it, e.g. 第四十三条."""
    paragraphs: tuple[Paragraph, ...]
    line: int
    """Line of the source text where it starts (1-based)."""

    @property
    def text(self) -> str:
        """The whole article without its label, verbatim (paragraphs and items one per line,
        a blank line between, as in the source text)."""
        lines = []
        for p in self.paragraphs:
            lines.append(p.text)
            lines.extend(i.text for i in p.items)
        return "\n\n".join(lines)


@attrs.frozen
class Chapter:
    """A chapter (章) of a statute: its number, its Chinese title from the text, its articles."""

    number: int
    label: str
    """As the text writes it, e.g. 第六章　保障与监督."""
    title: Text
    article_numbers: tuple[int, ...]


@attrs.frozen
class StatuteObligation:
    """One duty, permission or encouragement an article states.

    ``quote`` is verbatim within the article (within its ``paragraph`` and
    ``item`` when given); ``decided_by`` are the words of the quote that decide
    its modality (issue #11's vocabulary).
    """

    id: str = attrs.field(validator=_VALID_ID)
    article: int
    quote: str
    modality: Modality
    decided_by: tuple[str, ...] = attrs.field(validator=attrs.validators.min_len(1))
    summary: Text
    paragraph: int | None = None
    item: int | None = None
    actor: str | None = None
    """Who is to act, in the words of the text."""
    not_checked: Text | None = None
    """Why no rule checks it from a setup (documentation only); ``None`` when a rule does."""

    @property
    def applies_to(self) -> tuple[str, ...]:
        """Kinds of unit the clause is limited to; none (the 乡镇 of Art. 49 are a
        permission, handled by the rules, see ``ruleset/statutes.py``)."""
        return ()

    @property
    def article_id(self) -> str:
        """``art-N``."""
        return f"art-{self.article}"


@attrs.frozen
class UnmodelledArticles:
    """Articles turned into no obligation, with the reason (a document-level list)."""

    articles: tuple[int, ...] = attrs.field(validator=attrs.validators.min_len(1))
    reason: Text


@attrs.frozen
class Statute:
    """A statute's structure, obligations and parameters, with its source text."""

    chapters: tuple[Chapter, ...]
    articles: tuple[Article, ...]
    obligations: tuple[StatuteObligation, ...]
    parameters: tuple[Parameter, ...]
    unmodelled: tuple[UnmodelledArticles, ...]
    source_text: str = attrs.field(repr=False, eq=False)

    def article(self, number: int) -> Article:
        """The article with this number. Raises :class:`KeyError`."""
        for a in self.articles:
            if a.number == number:
                return a
        raise KeyError(f"no article {number}")

    def obligations_of(self, number: int) -> tuple[StatuteObligation, ...]:
        """The obligations of an article, in order."""
        return tuple(o for o in self.obligations if o.article == number)


class Relation(enum.Enum):
    """How a later clause stands to an earlier one.

    None of them repeals the earlier clause: no source says the 2018 plan was
    withdrawn, so both keep applying; the relation says what the later text did.
    """

    CARRIES_ON = "carries-on"
    """The later clause restates the earlier duty in substance."""
    NARROWS = "narrows"
    """The later clause keeps part of it (fewer actors, less content, or no figure)."""
    WIDENS = "widens"
    """The later clause asks more, or of more."""
    REPLACES = "replaces"
    """The later clause meets or takes over what the earlier asked for in its own terms."""

    def label(self, lang: str = "zh") -> str:
        """承接 / 收窄 / 扩展 / 取代, or the English value."""
        if lang == "en":
            return self.value
        return {"carries-on": "承接", "narrows": "收窄", "widens": "扩展", "replaces": "取代"}[
            self.value
        ]


@attrs.frozen
class CrossReference:
    """A later clause's relation to an earlier one, with both quotes (verbatim)."""

    id: str = attrs.field(validator=_VALID_ID)
    earlier: str
    """Qualified ID of the earlier clause, e.g. ``plan-2018:P-1.2.1.a``."""
    earlier_quote: str
    later: str
    """Qualified ID of the later clause, e.g. ``street-office-2019:art-11``."""
    later_quote: str
    relation: Relation
    note: Text


@attrs.frozen
class PlanOnly:
    """Something the plan asks that no later document mentions: the plan stays its only source."""

    term: str
    """The plan's words, absent from every regulation's text (the loader checks)."""
    clause: str
    """Qualified ID of the plan clause that says it."""
    note: Text
    rules: tuple[str, ...] = ()
    """The rules that check it."""


@attrs.frozen
class Clause:
    """What a (qualified) clause ID resolves to: its document, kind and verbatim text."""

    document_id: str
    id: str
    kind: str
    """``article``, ``obligation``, ``provision``, ``parameter``, ``heading``, ``category``,
    ``measure`` or ``document``."""
    quote: str
    target: object = attrs.field(eq=False, repr=False)

    @property
    def qualified_id(self) -> str:
        """``document:clause``."""
        return qualify(self.document_id, self.id)


@attrs.frozen
class PolicyDocument:
    """One document of the corpus: its metadata and either the plan or a statute."""

    metadata: DocumentMetadata
    body: Plan | Statute = attrs.field(eq=False, repr=False)

    @property
    def id(self) -> str:
        """The document's ID, e.g. ``street-office-2019``."""
        return self.metadata.id

    @property
    def source_text(self) -> str:
        """The shipped, cleaned source text."""
        return self.body.source_text

    @property
    def plan(self) -> Plan:
        """The plan, for the plan document. Raises :class:`TypeError` otherwise."""
        if not isinstance(self.body, Plan):
            raise TypeError(f"{self.id} is not a plan")
        return self.body

    @property
    def statute(self) -> Statute:
        """The statute, for a statute document. Raises :class:`TypeError` otherwise."""
        if not isinstance(self.body, Statute):
            raise TypeError(f"{self.id} is not a statute")
        return self.body

    @property
    def effective(self) -> dt.date | None:
        """The first day it applies; ``None`` for a document whose in-force date is not stated,
        which is treated as in force on every date."""
        return self.metadata.in_force.date

    def in_force_on(self, as_of: dt.date) -> bool:
        """Whether it applies on ``as_of`` (from its in-force date, until superseded)."""
        start, end = self.metadata.in_force.date, self.metadata.superseded.date
        return (start is None or start <= as_of) and (end is None or as_of < end)

    def parameters(self) -> tuple[Parameter, ...]:
        """Its parameters (thresholds and lists rules read)."""
        return self.body.parameters

    def parameter(self, id: str) -> Parameter:
        """One of its parameters by (bare) ID. Raises :class:`KeyError`."""
        for p in self.body.parameters:
            if p.id == id:
                return p
        raise KeyError(f"{self.id} has no parameter {id!r}")

    def clause(self, id: str) -> Clause:
        """A clause of this document by its bare ID. Raises :class:`KeyError`."""
        if isinstance(self.body, Plan):
            try:
                obj = self.body.get(id)
            except KeyError:
                raise KeyError(f"{self.id} has no clause {id!r}") from None
            kind = type(obj).__name__.lower()
            quote = getattr(obj, "quote", "")
            return Clause(self.id, id, kind, quote, obj)
        statute = self.body
        for ob in statute.obligations:
            if ob.id == id:
                return Clause(self.id, id, "obligation", ob.quote, ob)
        for prm in statute.parameters:
            if prm.id == id:
                return Clause(self.id, id, "parameter", prm.quote, prm)
        match = re.fullmatch(r"art-(\d+)", id)
        if match:
            try:
                article = statute.article(int(match.group(1)))
            except KeyError:
                pass
            else:
                return Clause(self.id, id, "article", article.text, article)
        raise KeyError(f"{self.id} has no clause {id!r}")

    def clause_ids(self) -> Iterator[str]:
        """Every addressable clause ID of the document."""
        if isinstance(self.body, Plan):
            plan = self.body
            for group in (
                plan.categories,
                plan.headings,
                plan.provisions,
                plan.measures,
                plan.parameters,
            ):
                yield from (o.id for o in group)
            yield from (ob.id for _, ob in plan.obligations())
            yield from (ob.id for ob in plan.general)
            return
        yield from (a.id for a in self.body.articles)
        yield from (o.id for o in self.body.obligations)
        yield from (p.id for p in self.body.parameters)

    def obligation_ids(self) -> tuple[str, ...]:
        """Bare IDs of its obligations, in text order."""
        if isinstance(self.body, Plan):
            return (
                *(ob.id for ob in self.body.general),
                *(ob.id for _, ob in self.body.obligations()),
            )
        return tuple(o.id for o in self.body.obligations)


@attrs.frozen
class Corpus:
    """The documents in order of taking force, and the cross-references between them."""

    documents: tuple[PolicyDocument, ...]
    cross_references: tuple[CrossReference, ...] = ()
    plan_only: tuple[PlanOnly, ...] = ()
    """What the regulations are silent on, where the plan remains the only source."""
    _owners: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        owners: dict[str, list[str]] = {}
        for doc in self.documents:
            for cid in doc.clause_ids():
                owners.setdefault(cid, []).append(doc.id)
        object.__setattr__(self, "_owners", {k: tuple(v) for k, v in owners.items()})

    def document(self, id: str) -> PolicyDocument:
        """The document with this ID. Raises :class:`KeyError` naming the known ones."""
        for doc in self.documents:
            if doc.id == id:
                return doc
        known = ", ".join(d.id for d in self.documents)
        raise KeyError(f"no document {id!r} (known: {known})")

    @property
    def plan(self) -> Plan:
        """The 2018 plan (the corpus' plan document)."""
        for doc in self.documents:
            if isinstance(doc.body, Plan):
                return doc.body
        raise KeyError("the corpus has no plan")

    @property
    def plan_document(self) -> PolicyDocument:
        """The plan's document."""
        for doc in self.documents:
            if isinstance(doc.body, Plan):
                return doc
        raise KeyError("the corpus has no plan")

    def in_force(self, as_of: dt.date) -> tuple[PolicyDocument, ...]:
        """The documents that apply on ``as_of``, in order of taking force."""
        return tuple(d for d in self.documents if d.in_force_on(as_of))

    def qualified(self, id: str) -> str:
        """The qualified form of a (possibly bare) clause ID. Raises :class:`KeyError`."""
        doc, bare = split_id(id)
        if doc is not None:
            self.document(doc).clause(bare)
            return id
        owners = self._owners.get(bare, ())
        if len(owners) == 1:
            return qualify(owners[0], bare)
        if not owners:
            raise KeyError(f"no clause {bare!r} in any document")
        raise KeyError(
            f"{bare!r} is ambiguous: it is in {', '.join(owners)}; write document:{bare}"
        )

    def clause(self, id: str) -> Clause:
        """The clause a qualified or (unambiguous) bare ID names. Raises :class:`KeyError`."""
        doc, bare = split_id(self.qualified(id))
        assert doc is not None
        return self.document(doc).clause(bare)

    def parameter(self, id: str) -> Parameter:
        """A parameter by qualified ID (a bare ID is the plan's)."""
        doc, bare = split_id(id)
        if doc is None:
            return self.plan.parameter(bare)
        return self.document(doc).parameter(bare)

    def references_of(self, id: str) -> tuple[CrossReference, ...]:
        """Cross-references that name this clause (qualified or bare) on either side."""
        qid = self.qualified(id)
        return tuple(x for x in self.cross_references if qid in (x.earlier, x.later))

    def document_of(self, qualified_id: str) -> PolicyDocument:
        """The document a qualified clause ID belongs to."""
        doc, _ = split_id(self.qualified(qualified_id))
        assert doc is not None
        return self.document(doc)

    def with_plan(self, plan: Plan) -> Corpus:
        """The same corpus with another plan in place of the shipped one (``--policy-dir``)."""
        if plan is self.plan:
            return self
        docs = tuple(
            attrs.evolve(d, body=plan) if isinstance(d.body, Plan) else d for d in self.documents
        )
        return Corpus(
            documents=docs, cross_references=self.cross_references, plan_only=self.plan_only
        )
