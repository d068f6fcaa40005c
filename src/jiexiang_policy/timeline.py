"""What applied when: a rule's documents, the day it takes force, and what a finding cites.

A rule rests on clauses: the plan's provision and obligations it names, and
``Rule.clauses`` in other documents. It applies on an as-of date when one of
the documents it rests on is in force then; the plan, whose in-force date is
not stated, is in force on every date, so a rule resting on the plan always
applies. A finding cites every clause it rests on that is in force on the
date, and through the cross-references every clause in force that carries it
on, narrows, widens or replaces it (or that it does to an earlier one).

Coverage follows the same data: a statute's obligation is checked when a rule
rests on it, or when it carries on (``carries-on``) a plan obligation a rule
checks; only that relation says the duty is the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .corpus import Article, Corpus, Relation, StatuteObligation, qualify, split_id
from .findings import Citation
from .rule import Rule

__all__ = [
    "PLAN_DOCUMENT",
    "checked_by",
    "citations",
    "rule_clauses",
    "rule_documents",
    "rule_effective",
    "rule_in_force",
]

PLAN_DOCUMENT = "plan-2018"
"""The document a rule's ``provision_id`` and ``obligation_ids`` belong to."""


def rule_clauses(rule: Rule) -> tuple[str, ...]:
    """Qualified IDs of every clause the rule rests on, the plan's first."""
    own = [qualify(PLAN_DOCUMENT, o) for o in rule.obligation_ids]
    if not own and rule.provision_id is not None:
        own.append(qualify(PLAN_DOCUMENT, rule.provision_id))
    return (*own, *rule.clauses)


def rule_documents(rule: Rule) -> tuple[str, ...]:
    """The documents the rule rests on; the plan for a rule on the plan's general part."""
    docs: list[str] = []
    if rule.provision_id is not None or rule.obligation_ids or not rule.clauses:
        docs.append(PLAN_DOCUMENT)
    for clause in rule.clauses:
        doc, _ = split_id(clause)
        if doc is not None and doc not in docs:
            docs.append(doc)
    return tuple(docs)


def rule_effective(rule: Rule, corpus: Corpus) -> dt.date | None:
    """The first day the rule applies; ``None`` when it applies on every date."""
    days = [corpus.document(d).effective for d in rule_documents(rule)]
    if any(day is None for day in days):
        return None
    return min(day for day in days if day is not None)


def rule_in_force(rule: Rule, corpus: Corpus, as_of: dt.date) -> bool:
    """Whether one of the documents the rule rests on is in force on ``as_of``."""
    return any(corpus.document(d).in_force_on(as_of) for d in rule_documents(rule))


def _with_provision(qid: str, corpus: Corpus) -> tuple[str, ...]:
    # A plan obligation's cross-references include its provision's (P-1.2.2.a → P-1.2.2).
    doc, bare = split_id(qid)
    if doc == PLAN_DOCUMENT and bare.count(".") == 3:
        provision = qualify(doc, bare.rsplit(".", 1)[0])
        return (qid, provision)
    return (qid,)


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 as Chinese numerals, as articles are numbered (第四十四条)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def clause_labels(corpus: Corpus, qid: str) -> tuple[str, str]:
    """How a person names a clause: 《街道办事处条例》第四十四条第二款 / … Art. 44 ¶2."""
    doc = corpus.document_of(qid)
    title = doc.metadata.short_title
    found = corpus.clause(qid).target
    _, bare = split_id(qid)
    if isinstance(found, StatuteObligation):
        zh = f"《{title.zh}》第{chinese_number(found.article)}条"
        en = f"{title.en}, Art. {found.article}"
        if found.paragraph:
            zh += f"第{chinese_number(found.paragraph)}款"
            en += f" ¶{found.paragraph}"
        if found.item:
            zh += f"第（{chinese_number(found.item)}）项"
            en += f" ({found.item})"
        return zh, en
    if isinstance(found, Article):  # a whole article, cited by a cross-reference
        return (
            f"《{title.zh}》第{chinese_number(found.number)}条",
            f"{title.en}, Art. {found.number}",
        )
    return f"《{title.zh}》{bare}", f"{title.en} {bare}"


def citations(
    rule: Rule, corpus: Corpus, as_of: dt.date, case: str | None = None
) -> tuple[Citation, ...]:
    """The clauses a finding of ``rule`` cites on ``as_of``: its own, then related ones.

    With ``case``, a finding of that case: of the plan's obligations it cites only the
    case's own (JX004's finding on the right to assess cites 考核评价权 and what
    became of it in the street-office regulations, not what became of the right to
    advise); a case with no obligation of its own cites them all.
    """
    out: list[Citation] = []
    seen: set[str] = set()

    def add(qid: str, quote: str, relation: Relation | None) -> None:
        doc = corpus.document_of(qid)
        if qid in seen or not doc.in_force_on(as_of):
            return
        seen.add(qid)
        zh, en = clause_labels(corpus, qid)
        out.append(
            Citation(qid, quote, relation.value if relation else None, doc.effective, zh, en)
        )

    own = rule_clauses(rule)
    obligation = rule.case(case).obligation_id if case is not None else None
    if obligation is not None and obligation in rule.obligation_ids:
        mine = qualify(PLAN_DOCUMENT, obligation)
        plan_own = {qualify(PLAN_DOCUMENT, o) for o in rule.obligation_ids}
        own = tuple(q for q in own if q == mine or q not in plan_own)
    for qid in own:
        add(qid, corpus.clause(qid).quote, None)
    for qid in own:
        for key in _with_provision(qid, corpus):
            for ref in corpus.cross_references:
                if ref.earlier == key:
                    add(ref.later, ref.later_quote, ref.relation)
                elif ref.later == key:
                    add(ref.earlier, ref.earlier_quote, ref.relation)
    return tuple(out)


def checked_by(corpus: Corpus, rules: Iterable[Rule]) -> dict[str, tuple[str, ...]]:
    """Qualified obligation ID → the rules that check it (directly, or by carrying on)."""
    found: dict[str, list[str]] = {}
    for rule in rules:
        for qid in rule_clauses(rule):
            if corpus.clause(qid).kind == "obligation":
                found.setdefault(qid, []).append(rule.id)
    for ref in corpus.cross_references:
        if ref.relation is Relation.CARRIES_ON and corpus.clause(ref.later).kind == "obligation":
            for rule_id in found.get(ref.earlier, ()):
                if rule_id not in found.setdefault(ref.later, []):
                    found[ref.later].append(rule_id)
    return {k: tuple(v) for k, v in found.items()}
