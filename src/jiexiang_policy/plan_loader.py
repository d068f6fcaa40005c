"""Loading a policy folder (``policies/plan-2018/``) into a :class:`~jiexiang_policy.plan.Plan`.

A policy folder holds YAML (or JSON) files whose top-level keys are
``metadata``, ``categories``, ``headings``, ``provisions``, ``measures`` and
``parameters``, and the source text ``source.zh.txt``. Lists may be split
across files in any order: objects are ordered by ID, never by file.

Besides the shape of each object, the loader checks what ties them together:
IDs are unique, references resolve, every provision belongs to exactly one
measure, and every quote is an exact substring of the source text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from .converter import structure
from .documents import Document, load_document
from .errors import InputError, PolicyFileError
from .locations import Location, PathPart
from .plan import (
    Category,
    Heading,
    Measure,
    Obligation,
    Parameter,
    Plan,
    PlanMetadata,
    Provision,
)

__all__ = ["SOURCE_FILE", "default_policy_dir", "load_plan", "read_sections"]

SOURCE_FILE = "source.zh.txt"
"""Name of the source text inside a policy folder."""

_SECTIONS: dict[str, type[Any]] = {
    "categories": Category,
    "headings": Heading,
    "provisions": Provision,
    "measures": Measure,
    "parameters": Parameter,
    "general": Obligation,
}


PLAN_FOLDER = "plan-2018"
"""Name of the 2018 plan's folder inside the shipped ``policies/``."""


def default_policy_dir() -> Path:
    """The 2018 plan's policy folder shipped with the package.

    An installed wheel carries ``policies/`` inside the package; a source
    checkout (an editable install, or running from ``src/``) uses the
    top-level ``policies/``. Either way the plan is in its ``plan-2018/``.
    """
    packaged = Path(__file__).parent / "policies" / PLAN_FOLDER
    if (packaged / SOURCE_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "policies" / PLAN_FOLDER


@functools.cache
def _shipped_plan() -> Plan:
    from .prebuilt import load

    prebuilt = load("policy")  # (plan, corpus), see prebuilt.py
    if isinstance(prebuilt, tuple) and isinstance(prebuilt[0], Plan):
        return prebuilt[0]
    return _load(default_policy_dir())


def load_plan(folder: str | Path | None = None) -> Plan:
    """Load the shipped plan, or the one in ``folder``.

    Raises :class:`~jiexiang_policy.errors.PolicyFileError` naming the file,
    line and path of every problem found.
    """
    if folder is None:
        return _shipped_plan()
    return _load(Path(folder))


@attrs.frozen
class _Origin:
    document: Document
    path: tuple[PathPart, ...]

    def at(self, *more: PathPart) -> Location:
        return self.document.locate((*self.path, *more))


def _natural_key(id: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", id)]


def read_sections(
    folder: Path,
    sections: Mapping[str, type[Any]],
    *,
    single: Mapping[str, type[Any]] | None = None,
    skip: Collection[str] = (),
    skip_files: Collection[str] = (),
) -> tuple[dict[str, list[tuple[Any, _Origin]]], list[tuple[Location, str]]]:
    """Every section of every YAML/JSON file in ``folder``, structured, with its origin.

    ``sections`` are lists of objects, ``single`` one object each (e.g. ``metadata``);
    a section may be split over files in any order. ``skip`` names sections read
    elsewhere, ``skip_files`` files read elsewhere. Returns the objects by section
    and the problems found (file, line, path), to be raised together.
    """
    single = single or {}
    found: dict[str, list[tuple[Any, _Origin]]] = {k: [] for k in (*single, *sections)}
    problems: list[tuple[Location, str]] = []
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in (".yaml", ".yml", ".json") and p.name not in skip_files
    )
    for file in files:
        try:
            doc = load_document(file)
        except InputError as exc:
            problems += exc.problems
            continue
        if not isinstance(doc.data, dict):
            problems.append((doc.locate(), "a policy file must be a mapping of sections"))
            continue
        for section, value in doc.data.items():
            if section in skip:
                continue
            if section in single:
                try:
                    obj = structure(value, single[section], doc, (section,))
                except InputError as exc:
                    problems += exc.problems
                    continue
                found[section].append((obj, _Origin(doc, (section,))))
                continue
            cls = sections.get(section)
            if cls is None:
                allowed = ", ".join([*single, *sections])
                problems.append(
                    (
                        doc.locate((section,), key=True),
                        f"unknown section {section!r}; expected one of: {allowed}",
                    )
                )
                continue
            if not isinstance(value, list):
                problems.append((doc.locate((section,)), f"{section} must be a list"))
                continue
            for i, raw in enumerate(value):
                try:
                    obj = structure(raw, cls, doc, (section, i))
                except InputError as exc:
                    problems += exc.problems
                    continue
                found[section].append((obj, _Origin(doc, (section, i))))
    return found, problems


def _load(folder: Path) -> Plan:
    if not folder.is_dir():
        raise PolicyFileError.at(Location(str(folder)), "policy folder not found")
    source_path = folder / SOURCE_FILE
    try:
        source = source_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyFileError.at(
            Location(str(source_path)), f"cannot read the source text: {exc}"
        ) from None

    # A 'document' section holds the plan's kind and dates, read by the corpus.
    items, problems = read_sections(
        folder, _SECTIONS, single={"metadata": PlanMetadata}, skip=("document",)
    )
    metadata: list[tuple[PlanMetadata, _Origin]] = items.pop("metadata")
    if problems:
        raise PolicyFileError(problems)
    if len(metadata) != 1:
        where = metadata[1][1].at() if metadata else Location(str(folder))
        raise PolicyFileError.at(where, f"expected one metadata section, found {len(metadata)}")

    for section in items:
        items[section].sort(key=lambda pair: _natural_key(pair[0].id))
    problems += _check_ids(items)
    problems += _check_references(items)
    problems += _check_quotes(source, metadata[0], items)
    if problems:
        raise PolicyFileError(problems)
    return Plan(
        metadata=metadata[0][0],
        categories=tuple(o for o, _ in items["categories"]),
        headings=tuple(o for o, _ in items["headings"]),
        provisions=tuple(o for o, _ in items["provisions"]),
        measures=tuple(o for o, _ in items["measures"]),
        parameters=tuple(o for o, _ in items["parameters"]),
        source_text=source,
        general=tuple(o for o, _ in items["general"]),
        origin=str(folder),
    )


def _check_ids(items: dict[str, list[tuple[Any, _Origin]]]) -> list[tuple[Location, str]]:
    problems = []
    seen: dict[str, _Origin] = {}
    for pairs in items.values():
        for obj, origin in pairs:
            ids: list[tuple[str, tuple[PathPart, ...]]] = [(obj.id, ())]
            if isinstance(obj, Provision):
                ids += [(ob.id, ("obligations", i)) for i, ob in enumerate(obj.obligations)]
            for id, sub in ids:
                if id in seen:
                    first = seen[id].at("id")
                    problems.append(
                        (
                            origin.at(*sub, "id"),
                            f"duplicate ID {id!r}; first defined at {first.file}:{first.line}",
                        )
                    )
                else:
                    seen[id] = _Origin(origin.document, (*origin.path, *sub))
    return problems


def _check_references(
    items: dict[str, list[tuple[Any, _Origin]]],
) -> list[tuple[Location, str]]:
    problems = []
    ids = {section: {o.id for o, _ in pairs} for section, pairs in items.items()}

    def need(origin: _Origin, field: tuple[PathPart, ...], value: str, section: str) -> None:
        if value not in ids[section]:
            known = ", ".join(sorted(ids[section], key=_natural_key)) or "none"
            problems.append(
                (origin.at(*field), f"{value!r} is not a known {section[:-1]} (known: {known})")
            )

    for heading, origin in items["headings"]:
        need(origin, ("category_id",), heading.category_id, "categories")
    for provision, origin in items["provisions"]:
        need(origin, ("heading_id",), provision.heading_id, "headings")
    owner: dict[str, str] = {}
    for measure, origin in items["measures"]:
        need(origin, ("category_id",), measure.category_id, "categories")
        for i, pid in enumerate(measure.provision_ids):
            need(origin, ("provision_ids", i), pid, "provisions")
            if pid in owner:
                problems.append(
                    (
                        origin.at("provision_ids", i),
                        f"provision {pid!r} is already in measure {owner[pid]!r}; "
                        "each provision belongs to exactly one measure",
                    )
                )
            owner[pid] = measure.id
    for provision, origin in items["provisions"]:
        if provision.id not in owner:
            problems.append((origin.at("id"), f"provision {provision.id!r} is in no measure"))
    for parameter, origin in items["parameters"]:
        if parameter.provision_id is not None:
            need(origin, ("provision_id",), parameter.provision_id, "provisions")
    return problems


def _quotes(
    obj: Any, path: tuple[PathPart, ...] = ()
) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    """Every quote-like field of an object tree: fields named ``quote``, ``*_quote`` or ``focus``."""
    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _quotes(item, (*path, i))
        return
    if not attrs.has(type(obj)):
        return
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if field.name in ("quote", "focus") or field.name.endswith("_quote"):
            if isinstance(value, str):
                yield (*path, field.name), value
        elif isinstance(value, tuple) or attrs.has(type(value)):
            yield from _quotes(value, (*path, field.name))


def _check_quotes(
    source: str,
    metadata: tuple[PlanMetadata, _Origin],
    items: dict[str, list[tuple[Any, _Origin]]],
) -> list[tuple[Location, str]]:
    problems = []
    pairs: list[tuple[Any, _Origin]] = [metadata, *(p for ps in items.values() for p in ps)]
    for obj, origin in pairs:
        for path, quote in _quotes(obj):
            if quote not in source:
                problems.append((origin.at(*path), _not_in_source(quote, source)))
    for provision, origin in items["provisions"]:
        for i, ob in enumerate(provision.obligations):
            if ob.quote not in provision.quote:
                problems.append(
                    (
                        origin.at("obligations", i, "quote"),
                        f"obligation quote is not part of provision {provision.id}'s quote",
                    )
                )
    headings = {h.id: h.quote for h, _ in items["headings"]}
    for provision, origin in items["provisions"]:
        context = provision.quote + headings.get(provision.heading_id, "")
        for i, ob in enumerate(provision.obligations):
            problems += _check_wording(ob, context, origin, ("obligations", i))
    for ob, origin in items["general"]:
        problems += _check_wording(ob, ob.quote, origin, ())
    for parameter, origin in items["parameters"]:
        for i, term in enumerate(parameter.terms):
            if term.zh not in parameter.quote:
                problems.append(
                    (
                        origin.at("terms", i, "zh"),
                        f"term {term.zh!r} does not occur in the parameter's quote",
                    )
                )
    return problems


_KIND_WORDS = {"街道": ("街道",), "乡": ("乡镇", "乡"), "镇": ("乡镇", "镇")}


def _check_wording(
    ob: Obligation, context: str, origin: _Origin, path: tuple[PathPart, ...]
) -> list[tuple[Location, str]]:
    """The words deciding the modality, and the kinds of unit named, are in the text."""
    problems = []
    for j, word in enumerate(ob.decided_by):
        if word not in context:
            problems.append(
                (
                    origin.at(*path, "decided_by", j),
                    f"{word!r} (decided_by of {ob.id}) is not in its clause or heading",
                )
            )
    for j, kind in enumerate(ob.applies_to):
        words = _KIND_WORDS.get(kind)
        if words is None:
            problems.append(
                (origin.at(*path, "applies_to", j), f"{kind!r} is not one of 街道, 乡, 镇")
            )
        elif not any(w in context for w in words):
            problems.append(
                (origin.at(*path, "applies_to", j), f"{kind!r} is not named in {ob.id}'s clause")
            )
    return problems


def _not_in_source(quote: str, source: str) -> str:
    # Point at the first character that departs from the longest matching prefix.
    # Matching prefixes are nested, so the longest one is found by bisection.
    best, high = 0, len(quote)
    while best < high:
        mid = (best + high + 1) // 2
        if quote[:mid] in source:
            best = mid
        else:
            high = mid - 1
    short = quote if len(quote) <= 40 else quote[:40] + "…"
    if best:
        return (
            f"quote is not verbatim in the source text: {short!r} "
            f"departs at character {best + 1} ({quote[best : best + 10]!r})"
        )
    return f"quote is not verbatim in the source text: {short!r}"
