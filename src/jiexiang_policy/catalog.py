"""The measure catalog as deterministic JSON and as a readable outline.

The JSON form is the plan itself, unstructured: it round-trips back into a
:class:`~jiexiang_policy.plan.Plan` with :func:`plan_from_catalog`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .converter import converter, unstructure
from .plan import (
    Category,
    Heading,
    Measure,
    Obligation,
    Parameter,
    Plan,
    PlanMetadata,
    Provision,
    ResponsibleParty,
)

if TYPE_CHECKING:
    from .workplan.catalog import Assignment

__all__ = [
    "CATALOG_SCHEMA_VERSION",
    "catalog_data",
    "catalog_json",
    "catalog_text",
    "measures_under",
    "plan_from_catalog",
]

CATALOG_SCHEMA_VERSION = 1
"""Bumped whenever a field of the JSON catalog changes meaning or disappears."""

_NOT_STATED = {"zh": "原文未说明", "en": "not stated in source"}


def catalog_data(plan: Plan) -> dict[str, Any]:
    """The catalog as plain data (what :func:`catalog_json` serialises)."""
    return {
        "schema_version": CATALOG_SCHEMA_VERSION,
        "editorial": unstructure(plan.metadata.editorial),
        "metadata": unstructure(plan.metadata),
        "categories": unstructure(plan.categories),
        "headings": unstructure(plan.headings),
        "measures": unstructure(plan.measures),
        "provisions": unstructure(plan.provisions),
        "parameters": unstructure(plan.parameters),
        "general": unstructure(plan.general),
    }


def catalog_json(plan: Plan) -> str:
    """The whole plan as JSON: same plan, same bytes."""
    return json.dumps(catalog_data(plan), ensure_ascii=False, indent=2) + "\n"


def plan_from_catalog(data: dict[str, Any], source_text: str) -> Plan:
    """Rebuild a :class:`Plan` from :func:`catalog_data` output."""
    return Plan(
        metadata=converter.structure(data["metadata"], PlanMetadata),
        categories=converter.structure(data["categories"], tuple[Category, ...]),
        headings=converter.structure(data["headings"], tuple[Heading, ...]),
        measures=converter.structure(data["measures"], tuple[Measure, ...]),
        provisions=converter.structure(data["provisions"], tuple[Provision, ...]),
        parameters=converter.structure(data["parameters"], tuple[Parameter, ...]),
        source_text=source_text,
        general=converter.structure(data.get("general", []), tuple[Obligation, ...]),
    )


def measures_under(plan: Plan, heading: Heading) -> tuple[Measure, ...]:
    """The measures whose provisions sit under ``heading``."""
    return tuple(
        m
        for m in plan.measures
        if any(plan.provision(p).heading_id == heading.id for p in m.provision_ids)
    )


def _parties(parties: tuple[ResponsibleParty, ...], lang: str) -> str:
    if not parties:
        return _NOT_STATED[lang]
    if lang == "en":
        return "; ".join(f"{p.en or p.unit} ({p.unit})" for p in parties)
    return "；".join(p.unit for p in parties)


def not_stated(lang: str = "zh") -> str:
    """What the catalog says where the source gives no value."""
    return "not stated in source" if lang == "en" else "原文未说明"


def catalog_text(
    plan: Plan, lang: str = "zh", *, assignments: Mapping[str, Assignment] | None = None
) -> str:
    """A readable outline: category → heading → measure → provision.

    Chinese by default; with ``lang="en"`` the English translation, marked as
    non-authoritative, with the Chinese quote kept beside it. ``assignments``
    (from :func:`~jiexiang_policy.workplan.catalog.catalog_assignments`) fill a
    measure's units and deadline from a work plan, saying whose plan they come from.
    """
    en = lang == "en"
    meta = plan.metadata
    lines = [
        meta.title.get(lang),
        f"{meta.issuer.en if en else meta.issuer.unit}, {meta.year}",
        (
            f"{len(plan.measures)} measures in {len(plan.categories)} categories; "
            "English is a translation, the Chinese text is authoritative."
        )
        if en
        else f"共 {len(plan.measures)} 项推进举措，分 {len(plan.categories)} 类。",
        "",
    ]
    if meta.editorial is not None:
        lines += [f"{'Editorial' if en else '编辑说明'}: {meta.editorial.get(lang)}", ""]
    if assignments:
        source = next(iter(assignments.values())).source
        lines += [
            f"Units and deadlines marked (work plan) come from {source}, a work plan, not "
            "from the source text; the other measures show what the source says."
            if en
            else f"标“（工作方案）”的责任单位和完成时限取自{source}，为工作方案所定，"
            "非原文；其余举措按原文。",
            "",
        ]
    labels = (
        {"resp": "Responsible units", "due": "Deadline", "actors": "Actors the clauses name"}
        if en
        else {"resp": "责任单位", "due": "完成时限", "actors": "条文提及的主体"}
    )
    for category in plan.categories:
        lines.append(f"[{category.id}] {category.title.get(lang)}")
        for heading in plan.headings_of(category.id):
            lines.append(f"  [{heading.id}] {heading.title.get(lang)}")
            for measure in measures_under(plan, heading):
                lines.append(f"    [{measure.id}] {measure.title.get(lang)}")
                assigned = (assignments or {}).get(measure.id)
                by = (" (work plan)" if en else "（工作方案）") if assigned else ""
                units = assigned.units_text(lang) if assigned else not_stated(lang)
                lines.append(f"      {labels['resp']}{by}: {units}")
                if measure.named_actors:
                    lines.append(
                        f"      {labels['actors']}: {_parties(measure.named_actors, lang)}"
                    )
                due = assigned.deadline_text(lang) if assigned else measure.deadline.describe(lang)
                lines.append(f"      {labels['due']}{by}: {due}")
                for provision in plan.provisions_of(measure.id):
                    lines.append(f"      [{provision.id}] {provision.quote}")
                    if en:
                        lines.append(f"        (translation) {provision.translation}")
        lines.append("")
    lines.append("Parameters" if en else "参数")
    for parameter in plan.parameters:
        value = (
            f"{parameter.fraction.numerator}/{parameter.fraction.denominator}"
            if parameter.fraction is not None
            else ", ".join(t.en if en else t.zh for t in parameter.terms)
        )
        lines.append(f"  [{parameter.id}] {parameter.name.get(lang)}: {value}")
    return "\n".join(lines) + "\n"
