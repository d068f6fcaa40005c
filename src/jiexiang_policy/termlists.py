"""Term lists typed as one item: ``[综合执法，重点工作]`` instead of two items.

A Chinese input method types ``，`` and ``、`` between the items of a list, and YAML
then reads ``[综合执法，重点工作，应急处置]`` (or ``- 人员、责任``) as a single item.
Term lists are open (a value that names no term is kept, not refused), so such a
list would name none of its terms and the rules would report them all missing:
the user is told that what they wrote is absent. An item is refused instead when
it splits, at ``，、；`` or ``,;``, into parts of which at least two name terms: of the
field's parameter, or of any other parameter of the plan or the regulations (a field
is often read against a later law's list too: 群众诉求 for the whistle's domains, the
seven powers of Art. 11 for the street rights). A value with at most one term in it
(公安、交通联合执法队) is kept as written: it may well be one unit's name.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from typing import Any

import attrs

from .corpus_loader import load_corpus
from .errors import SetupFileError
from .locations import PathPart
from .rule import Context
from .timeline import PLAN_DOCUMENT

__all__ = ["check_term_lists", "joined_items"]

_SEPARATORS = re.compile(r"\s*[，、；,;]\s*")
_SEPARATOR_CHARS = frozenset("，、；,;")

Path = tuple[PathPart, ...]


def _classes_in(tp: Any) -> Iterator[type]:
    """The attrs classes a field's type can hold (``X | None``, ``tuple[X, ...]``)."""
    if isinstance(tp, type) and attrs.has(tp):
        yield tp
    for arg in typing.get_args(tp):
        if arg is not Ellipsis:
            yield from _classes_in(arg)


def _is_text_list(tp: Any) -> bool:
    args = typing.get_args(tp)
    if isinstance(tp, types.UnionType):
        return any(_is_text_list(a) for a in args)
    return typing.get_origin(tp) is tuple and args[:1] == (str,)


_plans: dict[type, tuple[tuple[str, str | None], ...]] = {}


def _walk_plan(cls: type) -> tuple[tuple[str, str | None], ...]:
    """``(field, parameter)`` for each term list of ``cls``, ``(field, None)`` for
    each field that leads to one; fields that lead to none (lanes) are never walked."""
    plan = _plans.get(cls)
    if plan is None:
        found: list[tuple[str, str | None]] = []
        for field in attrs.fields(cls):
            parameter = field.metadata.get("terms")
            if parameter and _is_text_list(field.type):
                found.append((field.name, parameter))
            elif any(_walk_plan(c) for c in _classes_in(field.type)):
                found.append((field.name, None))
        plan = _plans[cls] = tuple(found)
    return plan


def joined_items(ctx: Context) -> Iterator[tuple[Path, str, str, tuple[str, ...]]]:
    """``(path, parameter, item, parts)`` for each term-list item that joins terms.

    ``parts`` are all the item's pieces, at least two of them naming terms (of ``parameter``
    or of another parameter of the plan or the corpus).
    """

    listed: list[str] = []  # every parameter with terms, gathered for the first candidate

    def names_a_term(part: str) -> bool:
        if not listed:
            listed.extend(p.id for p in ctx.plan.parameters if p.terms)
            # As Context.parameter does: without a corpus, the shipped one.
            corpus = ctx.corpus if ctx.corpus is not None else load_corpus()
            for doc in corpus.documents:
                if doc.id != PLAN_DOCUMENT:
                    listed.extend(f"{doc.id}:{p.id}" for p in doc.parameters() if p.terms)
        return any(ctx.term_id(p, part) for p in listed)

    def walk(obj: object, path: Path) -> Iterator[tuple[Path, str, str, tuple[str, ...]]]:
        for name, parameter in _walk_plan(type(obj)):
            value = getattr(obj, name)
            if value is None:
                continue
            if parameter is not None:
                # Most lists have no separator at all: one C-level scan rules them out.
                if _SEPARATOR_CHARS.isdisjoint("".join(value)):
                    continue
                for i, item in enumerate(value):
                    if _SEPARATOR_CHARS.isdisjoint(item):
                        continue
                    if ctx.term_id(parameter, item) or names_a_term(item):
                        continue  # a term whose own words hold a 、or ，(Art. 11's powers)
                    parts = tuple(p for p in _SEPARATORS.split(item.strip()) if p)
                    named = sum(1 for p in parts if ctx.term_id(parameter, p) or names_a_term(p))
                    if named >= 2:
                        yield (*path, name, i), parameter, item, parts
            elif isinstance(value, tuple):
                for i, child in enumerate(value):
                    yield from walk(child, (*path, name, i))
            else:
                yield from walk(value, (*path, name))

    yield from walk(ctx.setup, ())


def check_term_lists(ctx: Context) -> None:
    """Raise :class:`SetupFileError` naming every term-list item that joins terms."""
    problems = [
        (
            ctx.setup.locate(path),
            f"{item!r} is one item joining {len(parts)} values ({', '.join(parts)}) with "
            f"{next(c for c in item if c in _SEPARATOR_CHARS)!r}; write each as its own list "
            f"item: [{', '.join(parts)}] inside brackets, or one '- ' line per value",
        )
        for path, _parameter, item, parts in joined_items(ctx)
    ]
    if problems:
        raise SetupFileError(problems)
