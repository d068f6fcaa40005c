"""Loading the corpus: every document folder under ``policies/`` and ``cross-references.yaml``.

A document folder holds ``document.yaml`` (its metadata and dates) and
``source.zh.txt`` (the cleaned official text). The plan's folder is read by
:func:`~jiexiang_policy.plan_loader.load_plan`; a statute's folder adds
obligations and parameters, while its chapters, articles, paragraphs and items
are parsed from the text itself, so they cannot drift from it.

Every quote is verified verbatim: a statute obligation's quote within its
article (and paragraph, and item, where given), a cross-reference's quotes
within the two clauses they name. Problems name the file, line and path.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import attrs

from .converter import structure
from .corpus import (
    Article,
    Chapter,
    Corpus,
    CrossReference,
    DocumentKind,
    DocumentMetadata,
    Item,
    Paragraph,
    PlanOnly,
    PolicyDocument,
    Statute,
    StatuteObligation,
    UnmodelledArticles,
    split_id,
)
from .documents import Document, load_document
from .errors import InputError, PolicyFileError
from .locations import Location
from .plan import Parameter, Plan, Text
from .plan_loader import (
    SOURCE_FILE,
    _natural_key,
    _not_in_source,
    _Origin,
    default_policy_dir,
    load_plan,
    read_sections,
)

__all__ = [
    "CROSS_REFERENCES_FILE",
    "DOCUMENT_FILE",
    "PLAN_ONLY_FILE",
    "default_corpus_dir",
    "load_corpus",
    "parse_statute_text",
]

DOCUMENT_FILE = "document.yaml"
"""The metadata file of every document folder."""
CROSS_REFERENCES_FILE = "cross-references.yaml"
"""The cross-references between documents, at the top of the corpus folder."""
PLAN_ONLY_FILE = "plan-only.yaml"
"""What the regulations are silent on (the plan is the only source), beside it."""

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CHAPTER = re.compile(r"^(第([一二三四五六七八九十]+)章)[\s　]+(.+)$")
_ARTICLE = re.compile(r"^(第([零一二三四五六七八九十百]+)条) (.+)$")
_ITEM = re.compile(r"^（([一二三四五六七八九十]+)）")


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十五 → 15, 四十三 → 43, 一百零二 → 102."""
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[ch]
    return total + current


def default_corpus_dir() -> Path:
    """The shipped ``policies/`` folder (the parent of the plan's folder)."""
    return default_policy_dir().parent


@functools.cache
def _shipped_corpus() -> Corpus:
    from .prebuilt import load

    prebuilt = load("policy")  # (plan, corpus), see prebuilt.py
    if isinstance(prebuilt, tuple) and isinstance(prebuilt[1], Corpus):
        return prebuilt[1]
    return _load(default_corpus_dir())


def read_shipped_corpus() -> Corpus:
    """The shipped corpus, read from its files (not from the pre-read copy)."""
    return _load(default_corpus_dir(), plan=load_plan(default_policy_dir()))


def load_corpus(folder: str | Path | None = None) -> Corpus:
    """Load the shipped corpus, or the one in ``folder``.

    Raises :class:`~jiexiang_policy.errors.PolicyFileError` naming the file,
    line and path of every problem found.
    """
    if folder is None:
        return _shipped_corpus()
    return _load(Path(folder))


def parse_statute_text(
    text: str, name: str
) -> tuple[tuple[Chapter, ...], tuple[Article, ...], list[tuple[Location, str]]]:
    """Chapters and articles of a statute's text, and the problems found (file, line)."""
    problems: list[tuple[Location, str]] = []
    chapters: list[tuple[int, str, str, list[int]]] = []
    articles: list[dict[str, Any]] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if m := _CHAPTER.match(line):
            chapters.append(
                (chinese_number(m.group(2)), line, re.sub(r"[\s　]+", "", m.group(3)), [])
            )
            continue
        if m := _ARTICLE.match(line):
            number = chinese_number(m.group(2))
            if not chapters:
                problems.append((Location(name, lineno), f"{m.group(1)} is before any chapter"))
                continue
            chapters[-1][3].append(number)
            articles.append(
                {
                    "number": number,
                    "chapter": chapters[-1][0],
                    "label": m.group(1),
                    "line": lineno,
                    "paragraphs": [[m.group(3), []]],
                }
            )
            continue
        if not articles:
            continue  # the title and the adoption line
        if m := _ITEM.match(line):
            items = articles[-1]["paragraphs"][-1][1]
            number = chinese_number(m.group(1))
            if number != len(items) + 1:
                problems.append((Location(name, lineno), f"item （{m.group(1)}） is out of order"))
            items.append(Item(number, line))
        else:
            articles[-1]["paragraphs"].append([line, []])
    for i, (number, label, *_rest) in enumerate(chapters, start=1):
        if number != i:
            problems.append((Location(name), f"chapter {label!r} is number {number}, expected {i}"))
    for i, a in enumerate(articles, start=1):
        if a["number"] != i:
            problems.append(
                (Location(name, a["line"]), f"{a['label']} is article {a['number']}, expected {i}")
            )
    built = tuple(
        Article(
            id=f"art-{a['number']}",
            number=a["number"],
            chapter=a["chapter"],
            label=a["label"],
            paragraphs=tuple(
                Paragraph(n, t, tuple(items))
                for n, (t, items) in enumerate(a["paragraphs"], start=1)
            ),
            line=a["line"],
        )
        for a in articles
    )
    chapter_objs = tuple(
        Chapter(number, label, Text(title, title), tuple(nums))
        for number, label, title, nums in chapters
    )
    return chapter_objs, built, problems


# --- reading folders -------------------------------------------------------------------


def _metadata(folder: Path) -> tuple[DocumentMetadata, _Origin]:
    path = folder / DOCUMENT_FILE
    try:
        doc = load_document(path)
    except InputError as exc:
        raise PolicyFileError(list(exc.problems)) from None
    if not isinstance(doc.data, dict) or set(doc.data) != {"document"}:
        raise PolicyFileError.at(doc.locate(), f"{DOCUMENT_FILE} holds one section: document")
    try:
        meta = structure(doc.data["document"], DocumentMetadata, doc, ("document",))
    except InputError as exc:
        raise PolicyFileError(list(exc.problems)) from None
    if meta.id != folder.name:
        raise PolicyFileError.at(
            doc.locate(("document", "id")),
            f"document ID {meta.id!r} differs from its folder's name {folder.name!r}",
        )
    return meta, _Origin(doc, ("document",))


def _read_source(folder: Path) -> str:
    path = folder / SOURCE_FILE
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyFileError.at(
            Location(str(path)), f"cannot read the source text: {exc}"
        ) from None


def _check_metadata_quotes(
    meta: DocumentMetadata, origin: _Origin, source: str
) -> list[tuple[Location, str]]:
    problems = []
    quotes: list[tuple[tuple[str | int, ...], str | None]] = [
        (("issuer_quote",), meta.issuer_quote),
        (("adopted", "quote"), meta.adopted.quote),
        (("in_force", "quote"), meta.in_force.quote),
        (("superseded", "quote"), meta.superseded.quote),
        *((("amended", i, "quote"), d.quote) for i, d in enumerate(meta.amended)),
    ]
    for path, quote in quotes:
        if quote is not None and quote not in source:
            problems.append((origin.at(*path), _not_in_source(quote, source)))
    for field, date in (("adopted", meta.adopted), ("in_force", meta.in_force)):
        if date.date is not None and date.quote is None and date.source is None:
            problems.append(
                (origin.at(field), "a date needs the quote that states it or its source")
            )
    start, end = meta.in_force.date, meta.superseded.date
    if start is not None and end is not None and end <= start:
        problems.append((origin.at("superseded", "date"), "superseded before taking force"))
    if meta.adopted.date and start and start < meta.adopted.date:
        problems.append((origin.at("in_force", "date"), "in force before it was adopted"))
    return problems


def _load_statute(folder: Path, meta: DocumentMetadata, origin: _Origin) -> Statute:
    source = _read_source(folder)
    source_name = str(folder / SOURCE_FILE)
    chapters, articles, problems = parse_statute_text(source, source_name)
    problems += _check_metadata_quotes(meta, origin, source)
    if meta.chapter_titles_en and len(meta.chapter_titles_en) != len(chapters):
        problems.append(
            (
                origin.at("chapter_titles_en"),
                f"{len(meta.chapter_titles_en)} English chapter titles for {len(chapters)} chapters",
            )
        )
    else:
        chapters = (
            tuple(
                attrs.evolve(c, title=Text(c.title.zh, en))
                for c, en in zip(chapters, meta.chapter_titles_en, strict=False)
            )
            or chapters
        )
    sections: dict[str, type[Any]] = {
        "obligations": StatuteObligation,
        "parameters": Parameter,
        "unmodelled": UnmodelledArticles,
    }
    found, read_problems = read_sections(folder, sections, skip_files=(DOCUMENT_FILE,))
    problems += read_problems
    if problems:
        raise PolicyFileError(problems)
    by_number = {a.number: a for a in articles}
    problems += _check_ids(found)
    problems += _check_obligations(found["obligations"], by_number)
    problems += _check_parameters(found["parameters"], by_number, source)
    problems += _check_article_coverage(found, by_number)
    if problems:
        raise PolicyFileError(problems)
    obligations = sorted((o for o, _ in found["obligations"]), key=lambda o: _natural_key(o.id))
    return Statute(
        chapters=chapters,
        articles=articles,
        obligations=tuple(obligations),
        parameters=tuple(sorted((p for p, _ in found["parameters"]), key=lambda p: p.id)),
        unmodelled=tuple(sorted((u for u, _ in found["unmodelled"]), key=lambda u: u.articles[0])),
        source_text=source,
    )


def _check_ids(found: dict[str, list[tuple[Any, _Origin]]]) -> list[tuple[Location, str]]:
    problems = []
    seen: dict[str, _Origin] = {}
    for section in ("obligations", "parameters"):
        for obj, origin in found[section]:
            if obj.id in seen:
                first = seen[obj.id].at("id")
                problems.append(
                    (
                        origin.at("id"),
                        f"duplicate ID {obj.id!r}; first defined at {first.file}:{first.line}",
                    )
                )
            else:
                seen[obj.id] = origin
            if re.fullmatch(r"art-\d+", obj.id):
                problems.append(
                    (origin.at("id"), f"{obj.id!r} is an article's ID; use e.g. {obj.id}.a")
                )
    return problems


def _check_obligations(
    pairs: list[tuple[StatuteObligation, _Origin]], articles: dict[int, Article]
) -> list[tuple[Location, str]]:
    problems = []
    for ob, origin in pairs:
        article = articles.get(ob.article)
        if article is None:
            problems.append(
                (
                    origin.at("article"),
                    f"article {ob.article} is not in the text (1–{len(articles)})",
                )
            )
            continue
        if not ob.id.startswith(f"{article.id}."):
            problems.append((origin.at("id"), f"{ob.id!r} should start with {article.id}."))
        scope, where = article.text, article.label
        if ob.paragraph is not None:
            if not 1 <= ob.paragraph <= len(article.paragraphs):
                problems.append(
                    (
                        origin.at("paragraph"),
                        f"{article.label} has {len(article.paragraphs)} paragraph(s), "
                        f"not {ob.paragraph}",
                    )
                )
                continue
            para = article.paragraphs[ob.paragraph - 1]
            scope = "\n\n".join([para.text, *(i.text for i in para.items)])
            where = f"{article.label}第{ob.paragraph}款"
            if ob.item is not None:
                if not 1 <= ob.item <= len(para.items):
                    problems.append(
                        (origin.at("item"), f"{where} has {len(para.items)} item(s), not {ob.item}")
                    )
                    continue
                scope = para.items[ob.item - 1].text
                where += f"第{ob.item}项"
        elif ob.item is not None:
            problems.append((origin.at("item"), "an item needs its paragraph"))
            continue
        if ob.quote not in scope:
            problems.append(
                (origin.at("quote"), f"not verbatim in {where}: " + _not_in_source(ob.quote, scope))
            )
        for i, word in enumerate(ob.decided_by):
            if word not in ob.quote:
                problems.append(
                    (origin.at("decided_by", i), f"deciding word {word!r} is not in the quote")
                )
    return problems


def _check_parameters(
    pairs: list[tuple[Parameter, _Origin]], articles: dict[int, Article], source: str
) -> list[tuple[Location, str]]:
    problems = []
    for prm, origin in pairs:
        m = re.fullmatch(r"art-(\d+)", prm.provision_id or "")
        article = articles.get(int(m.group(1))) if m else None
        if article is None:
            problems.append(
                (origin.at("provision_id"), "a statute's parameter names its article (art-N)")
            )
            continue
        if prm.quote not in article.text:
            problems.append(
                (
                    origin.at("quote"),
                    f"not verbatim in {article.label}: " + _not_in_source(prm.quote, article.text),
                )
            )
        for i, term in enumerate(prm.terms):
            if term.zh not in article.text:
                problems.append(
                    (origin.at("terms", i, "zh"), f"term {term.zh!r} is not in {article.label}")
                )
    return problems


def _check_article_coverage(
    found: dict[str, list[tuple[Any, _Origin]]], articles: dict[int, Article]
) -> list[tuple[Location, str]]:
    """Each article is either the source of obligations or listed as unmodelled, never both."""
    problems = []
    with_obligations = {ob.article for ob, _ in found["obligations"]}
    listed: dict[int, _Origin] = {}
    for group, origin in found["unmodelled"]:
        for i, number in enumerate(group.articles):
            if number not in articles:
                problems.append((origin.at("articles", i), f"article {number} is not in the text"))
            elif number in listed or number in with_obligations:
                problems.append(
                    (
                        origin.at("articles", i),
                        f"article {number} is listed twice or has obligations",
                    )
                )
            listed[number] = origin
    missing = sorted(set(articles) - with_obligations - set(listed))
    if missing:
        where = found["unmodelled"][0][1].at() if found["unmodelled"] else Location("<corpus>")
        problems.append(
            (
                where,
                "articles with no obligation and not listed as unmodelled: "
                + ", ".join(map(str, missing)),
            )
        )
    return problems


# --- the corpus ------------------------------------------------------------------------


def _load(root: Path, *, plan: Plan | None = None) -> Corpus:
    """``plan``: the shipped plan's folder's plan, already read (default: ``load_plan()``)."""
    if not root.is_dir():
        raise PolicyFileError.at(Location(str(root)), "policy folder not found")
    documents: list[PolicyDocument] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if not (folder / DOCUMENT_FILE).is_file():
            continue
        meta, origin = _metadata(folder)
        if meta.kind is DocumentKind.PLAN:
            # The shipped plan is the one load_plan() caches: one object, loaded once.
            shipped = folder.resolve() == default_policy_dir().resolve()
            plan = (plan or load_plan()) if shipped else load_plan(folder)
            problems = _check_metadata_quotes(meta, origin, plan.source_text)
            if meta.title.zh != plan.metadata.title.zh:
                problems.append(
                    (origin.at("title", "zh"), "differs from the plan's title in plan.yaml")
                )
            if problems:
                raise PolicyFileError(problems)
            documents.append(PolicyDocument(meta, plan))
        else:
            documents.append(PolicyDocument(meta, _load_statute(folder, meta, origin)))
    if not documents:
        raise PolicyFileError.at(Location(str(root)), f"no document folder ({DOCUMENT_FILE}) here")
    documents.sort(key=lambda d: (d.effective is not None, d.effective or 0, d.id))
    corpus = Corpus(documents=tuple(documents))
    refs = _cross_references(root, corpus)
    return Corpus(
        documents=corpus.documents, cross_references=refs, plan_only=_plan_only(root, corpus)
    )


def _one_list(path: Path, section: str) -> tuple[Document | None, list[Any]]:
    """A corpus-level file holding one list section; ``(None, [])`` when there is no file."""
    if not path.is_file():
        return None, []
    try:
        doc = load_document(path)
    except InputError as exc:
        raise PolicyFileError(list(exc.problems)) from None
    if not isinstance(doc.data, dict) or set(doc.data) != {section}:
        raise PolicyFileError.at(doc.locate(), f"expected one section: {section}")
    if not isinstance(doc.data[section], list):
        raise PolicyFileError.at(doc.locate((section,)), f"{section} must be a list")
    return doc, doc.data[section]


def _plan_only(root: Path, corpus: Corpus) -> tuple[PlanOnly, ...]:
    doc, raw_items = _one_list(root / PLAN_ONLY_FILE, "plan_only")
    if doc is None:
        return ()
    problems: list[tuple[Location, str]] = []
    items: list[PlanOnly] = []
    statutes = [d for d in corpus.documents if d.metadata.kind is not DocumentKind.PLAN]
    for i, raw in enumerate(raw_items):
        origin = _Origin(doc, ("plan_only", i))
        try:
            item = structure(raw, PlanOnly, doc, ("plan_only", i))
        except InputError as exc:
            problems += exc.problems
            continue
        try:
            clause = corpus.clause(item.clause)
        except KeyError as exc:
            problems.append((origin.at("clause"), str(exc.args[0])))
            continue
        if clause.document_id != corpus.plan_document.id:
            problems.append((origin.at("clause"), f"{item.clause} is not a clause of the plan"))
        if item.term not in clause.quote:
            problems.append((origin.at("term"), f"{item.term!r} is not in {item.clause}"))
        # The plan writes ASCII brackets where the regulations write full-width ones.
        variants = {item.term, item.term.replace("(", "（").replace(")", "）")}
        for statute in statutes:
            if any(v in statute.source_text for v in variants):
                problems.append(
                    (origin.at("term"), f"{item.term!r} does occur in {statute.id}'s text")
                )
        items.append(item)
    if problems:
        raise PolicyFileError(problems)
    return tuple(items)


def _cross_references(root: Path, corpus: Corpus) -> tuple[CrossReference, ...]:
    doc, raw = _one_list(root / CROSS_REFERENCES_FILE, "cross_references")
    if doc is None:
        return ()
    problems: list[tuple[Location, str]] = []
    refs: list[CrossReference] = []
    seen: set[str] = set()
    order = {d.id: i for i, d in enumerate(corpus.documents)}
    for i, item in enumerate(raw):
        origin = _Origin(doc, ("cross_references", i))
        try:
            ref = structure(item, CrossReference, doc, ("cross_references", i))
        except InputError as exc:
            problems += exc.problems
            continue
        if ref.id in seen:
            problems.append((origin.at("id"), f"duplicate ID {ref.id!r}"))
        seen.add(ref.id)
        sides = []
        for side in ("earlier", "later"):
            qid: str = getattr(ref, side)
            if split_id(qid)[0] is None:
                problems.append((origin.at(side), f"{qid!r} must be qualified (document:clause)"))
                continue
            try:
                clause = corpus.clause(qid)
            except KeyError as exc:
                problems.append((origin.at(side), str(exc.args[0])))
                continue
            quote: str = getattr(ref, f"{side}_quote")
            if quote not in clause.quote:
                problems.append(
                    (
                        origin.at(f"{side}_quote"),
                        f"not verbatim in {qid}: " + _not_in_source(quote, clause.quote),
                    )
                )
            sides.append(clause.document_id)
        if len(sides) == 2 and order[sides[0]] >= order[sides[1]]:
            problems.append(
                (origin.at("later"), f"{ref.later} did not take force after {ref.earlier}")
            )
        refs.append(ref)
    if problems:
        raise PolicyFileError(problems)
    return tuple(sorted(refs, key=lambda r: _natural_key(r.id)))
