"""The shipped plan: counts, verbatim quotes, coverage of the text, stable IDs, the walk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jiexiang_policy import DeadlineKind, Level, Modality, Plan, Severity, default_policy_dir

ROOT = Path(__file__).resolve().parents[1]
ORIGINAL = ROOT.parent / "shared" / "source" / "plan-interpretation.zh.txt"

# IDs are part of the public interface: changing one breaks users' references.
STABLE_IDS = {
    "categories": ["C1", "C2", "C3"],
    "headings": ["H-1.1", "H-1.2", "H-1.3", "H-2.1", "H-2.2", "H-2.3", "H-3.1", "H-3.2", "H-3.3"],
    "provisions": [
        "P-1.1.1",
        "P-1.1.2",
        "P-1.2.1",
        "P-1.2.2",
        "P-1.3.1",
        "P-1.3.2",
        "P-2.1.1",
        "P-2.1.2",
        "P-2.2.1",
        "P-2.2.2",
        "P-2.3.1",
        "P-2.3.2",
        "P-2.3.3",
        "P-3.1.1",
        "P-3.2.1",
        "P-3.3.1",
    ],
    "measures": [f"M{i:02d}" for i in range(1, 15)],
}


def test_counts(plan: Plan) -> None:
    assert (len(plan.categories), len(plan.headings), len(plan.provisions), len(plan.measures)) == (
        3,
        9,
        16,
        14,
    )
    assert [len(plan.headings_of(c.id)) for c in plan.categories] == [3, 3, 3]


@pytest.mark.parametrize("section", sorted(STABLE_IDS))
def test_ids_are_stable(plan: Plan, section: str) -> None:
    assert [o.id for o in getattr(plan, section)] == STABLE_IDS[section]


def test_ids_are_unique(plan: Plan) -> None:
    ids = [
        o.id
        for group in (
            plan.categories,
            plan.headings,
            plan.provisions,
            plan.measures,
            plan.parameters,
        )
        for o in group
    ]
    ids += [ob.id for _, ob in plan.obligations()]
    assert len(ids) == len(set(ids))


def _quotes(plan: Plan) -> list[str]:
    meta = plan.metadata
    out = [meta.goals_quote, meta.keywords_quote, meta.measure_count_quote, meta.issuer.quote]
    for c in plan.categories:
        out += [c.quote] + ([c.focus] if c.focus else [])
    out += [h.quote for h in plan.headings]
    for p in plan.provisions:
        out.append(p.quote)
        for ob in p.obligations:
            out.append(ob.quote)
            if ob.actor:
                out.append(ob.actor.quote)
    for m in plan.measures:
        out += [r.quote for r in m.named_actors]
        if m.deadline.quote:
            out.append(m.deadline.quote)
    out += [p.quote for p in plan.parameters]
    return out


def test_every_quote_is_verbatim_in_the_shipped_source(plan: Plan) -> None:
    quotes = _quotes(plan)
    assert len(quotes) > 60
    for quote in quotes:
        assert quote in plan.source_text, quote


def _enumerated_items(source: str) -> list[str]:
    """The 16 items of the text: each 一是/二是/三是 under a 确保 heading, and each 强化 paragraph."""
    items = []
    for line in source.splitlines():
        m = re.match(r"^(确保“(?:吹哨|报到)”有.{2,3}|强化.{4})。(.*)$", line)
        if not m:
            continue
        body = m.group(2)
        parts = re.split(r"[一二三]是", body)
        items += parts[1:] if len(parts) > 1 else [body]
    return items


def test_every_enumerated_item_is_exactly_one_provision(plan: Plan) -> None:
    items = _enumerated_items(plan.source_text)
    assert len(items) == 16
    for item in items:
        matches = [p.id for p in plan.provisions if p.quote == item]
        assert len(matches) == 1, (item[:30], matches)


def test_each_provision_is_in_exactly_one_measure(plan: Plan) -> None:
    owners = [m.id for p in plan.provisions for m in plan.measures if p.id in m.provision_ids]
    assert len(owners) == len(plan.provisions)


def test_obligation_quotes_lie_within_their_provision(plan: Plan) -> None:
    for provision, obligation in plan.obligations():
        assert obligation.quote in provision.quote


# The words that decide each modality (the project's reading of the text's wording).
_WORDS = {
    Modality.BINDING: ("应", "要", "必须", "确保", "实现", "统一", "不得"),
    Modality.ROLLOUT: ("推行", "推广", "推进"),
    Modality.PHASED: ("逐步", "试点先行"),
    Modality.AIM: ("力争", "探索"),
    Modality.ENCOURAGE: ("倡导", "鼓励"),
    Modality.GOAL: ("重点围绕",),
    Modality.PERMISSION: ("可",),
}


def test_modality_follows_the_wording(plan: Plan) -> None:
    obligations = [ob for _, ob in plan.obligations()] + list(plan.general)
    for ob in obligations:
        assert any(w in word for word in ob.decided_by for w in _WORDS[ob.modality]), ob.id
    by_quote = {ob.quote: ob.modality for ob in obligations}
    for quote, modality in by_quote.items():
        if "可安排" in quote:
            assert modality is Modality.PERMISSION, quote
        if quote.startswith(("鼓励", "倡导")):
            assert modality is Modality.ENCOURAGE, quote
        if quote.startswith(("推广", "在全市推行")):
            assert modality is Modality.ROLLOUT, quote
        if "探索" in quote or "力争" in quote:
            assert modality is Modality.AIM, quote
    assert {ob.modality for ob in obligations} == set(Modality)


def test_modality_gives_the_default_severity() -> None:
    assert Modality.BINDING.default_severity is Severity.ERROR
    assert Modality.ROLLOUT.default_severity is Severity.WARNING
    assert Modality.PHASED.default_severity is Severity.WARNING
    for weak in (Modality.AIM, Modality.ENCOURAGE, Modality.GOAL):
        assert weak.default_severity is Severity.NOTE
    assert Modality.PERMISSION.default_severity is None


def test_only_the_legislation_has_a_deadline(plan: Plan) -> None:
    stated = [m for m in plan.measures if m.deadline.kind is not DeadlineKind.NOT_STATED]
    assert len(stated) == 1
    (legislation,) = stated
    assert "P-1.1.2" in legislation.provision_ids
    assert legislation.deadline.kind is DeadlineKind.BEFORE_YEAR
    assert legislation.deadline.year == 2020
    assert legislation.deadline.aspirational


def test_named_named_actors(plan: Plan) -> None:
    def parties(provision_id: str) -> list[tuple[Level | None, str]]:
        m = plan.measure_of(provision_id)
        return [(r.level, r.unit) for r in m.named_actors]

    assert (Level.DISTRICT, "区委区政府") in parties("P-1.2.2")
    assert [lvl for lvl, _ in parties("P-3.2.1")] == [Level.CITY, Level.DISTRICT, Level.STREET]
    assert (Level.DISTRICT, "区级层面") in parties("P-3.3.1")
    assert parties("P-1.1.1") == []


def test_parameters(plan: Plan) -> None:
    from fractions import Fraction

    assert plan.parameter("assessment-weight-floor").fraction == Fraction(1, 3)
    assert [t.zh for t in plan.parameter("enforcement-departments").terms] == [
        "公安",
        "消防",
        "城管",
        "工商",
        "交通",
        "食品药品监管",
    ]
    assert len(plan.parameter("networks").terms) == 4
    assert plan.parameter("lane-chief-ranks").term_ids() == ("division", "section")
    for parameter in plan.parameters:
        for term in parameter.terms:
            assert term.zh in parameter.quote


def test_walk_category_heading_measure_provision(plan: Plan) -> None:
    walked = []
    for category in plan.categories:
        for measure in plan.measures_of(category.id):
            walked += [p.id for p in plan.provisions_of(measure.id)]
    assert walked == STABLE_IDS["provisions"]
    assert [len(plan.measures_of(c.id)) for c in plan.categories] == [6, 5, 3]


def test_lookup_by_id(plan: Plan) -> None:
    assert plan.get("P-1.2.2") is plan.provision("P-1.2.2")
    with pytest.raises(KeyError):
        plan.provision("M01")
    with pytest.raises(KeyError):
        plan.get("nope")


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("三分之一", "P-1.2.2"),
        ("one third", "P-1.2.2"),
        ("街巷长", "P-2.3.2"),
        ("协管员", "P-3.2.1"),
        ("AUTONOMOUS FUNDS", "P-3.3.1"),
    ],
)
def test_search_zh_and_en(plan: Plan, keyword: str, expected: str) -> None:
    assert expected in [p.id for p in plan.search(keyword)]


def test_shipped_source_is_the_original_without_wrapper() -> None:
    shipped = (default_policy_dir() / "source.zh.txt").read_text(encoding="utf-8")
    if not ORIGINAL.exists():
        pytest.skip("the original source is not beside this checkout")
    original = ORIGINAL.read_text(encoding="utf-8").split("\n", 2)[2]
    rejoined = (
        original.replace("责任单位\n和完成时限", "责任单位和完成时限")
        .replace("编制总量\n配备标准", "编制总量配备标准")
        .replace("走进社区,\n深入群众", "走进社区,深入群众")
    )
    assert shipped.rstrip("\n") == rejoined.rstrip("\n")
