"""Unstructure → structure is the identity for every domain type; the catalog is deterministic."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from jiexiang_policy import (
    Category,
    Deadline,
    DeadlineKind,
    Heading,
    Level,
    Measure,
    Modality,
    Obligation,
    Parameter,
    Plan,
    PlanMetadata,
    Provision,
    ResponsibleParty,
    Setup,
    Term,
    Text,
    catalog_data,
    catalog_json,
    default_policy_dir,
    load_plan,
)
from jiexiang_policy.catalog import plan_from_catalog
from jiexiang_policy.converter import converter
from jiexiang_policy.orgsetup import (
    Assessment,
    AssessmentComponent,
    Assessor,
    District,
    EnforcementPersonnel,
    Lane,
    Office,
    OfficeStatus,
    Rank,
    SettingBasis,
    StewardGroup,
    Street,
    StreetKind,
)

ids = st.from_regex(r"\A[A-Za-z][A-Za-z0-9.\-]{0,8}\Z")
words = st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != "")
texts = st.builds(Text, zh=words, en=words)
terms = st.builds(Term, id=ids, zh=words, en=words)
parties = st.builds(
    ResponsibleParty,
    level=st.none() | st.sampled_from(Level),
    unit=words,
    quote=words,
    en=st.text(max_size=8),
)
deadlines = st.one_of(
    st.just(Deadline()),
    st.builds(
        Deadline,
        kind=st.just(DeadlineKind.BEFORE_YEAR),
        year=st.integers(1990, 2100),
        quote=words,
        aspirational=st.booleans(),
    ),
    st.builds(Deadline, kind=st.just(DeadlineKind.DATE), date=st.dates(), quote=words),
)
obligations = st.builds(
    Obligation,
    id=ids,
    modality=st.sampled_from(Modality),
    decided_by=st.lists(words, min_size=1, max_size=2).map(tuple),
    quote=words,
    summary=texts,
    actor=st.none() | parties,
    applies_to=st.lists(st.sampled_from(["街道", "乡", "镇"]), max_size=2, unique=True).map(tuple),
)
provisions = st.builds(
    Provision,
    id=ids,
    heading_id=ids,
    ordinal=st.integers(1, 9),
    quote=words,
    translation=words,
    obligations=st.tuples(obligations) | st.just(()),
)
measures = st.builds(
    Measure,
    id=ids,
    category_id=ids,
    title=texts,
    provision_ids=st.lists(ids, min_size=1, max_size=3).map(tuple),
    named_actors=st.lists(parties, max_size=2).map(tuple),
    deadline=deadlines,
    note=st.none() | texts,
)
fractions = st.fractions(min_value=0, max_value=1, max_denominator=10**6)
parameters = st.one_of(
    st.builds(
        Parameter, id=ids, name=texts, quote=words, provision_id=st.none() | ids, fraction=fractions
    ),
    st.builds(
        Parameter,
        id=ids,
        name=texts,
        quote=words,
        provision_id=st.none() | ids,
        terms=st.lists(terms, min_size=1, max_size=3).map(tuple),
    ),
)
headings = st.builds(Heading, id=ids, category_id=ids, title=texts, quote=words)
categories = st.builds(Category, id=ids, title=texts, quote=words, focus=st.none() | words)
components = st.one_of(
    st.builds(AssessmentComponent, assessor=st.sampled_from(Assessor), weight=fractions),
    st.builds(
        AssessmentComponent,
        assessor=st.sampled_from(Assessor),
        points=st.integers(0, 50).map(Fraction),
        total=st.just(Fraction(50)),
    ),
)
streets = st.builds(
    Street,
    name=words,
    kind=st.sampled_from(StreetKind),
    lanes=st.lists(
        st.builds(Lane, name=words, chief_rank=st.none() | st.sampled_from(Rank)), max_size=3
    ).map(tuple),
    lane_stewards=st.lists(
        st.builds(StewardGroup, source=words, count=st.integers(0, 10**4)), max_size=3
    ).map(tuple),
)
districts = st.builds(
    District,
    name=words,
    streets=st.lists(streets, max_size=3).map(tuple),
    offices=st.lists(
        st.builds(
            Office,
            name=words,
            kind=words,
            serves=st.lists(words, min_size=1, max_size=2).map(tuple),
            status=st.sampled_from(OfficeStatus),
            basis=st.none() | st.sampled_from(SettingBasis),
        ),
        max_size=3,
    ).map(tuple),
    assessment=st.none() | st.builds(Assessment, streets_assessed_by=st.lists(words).map(tuple)),
    enforcement_personnel=st.none()
    | st.builds(EnforcementPersonnel, district=st.integers(0, 10**6), street=st.integers(0, 10**6)),
    autonomous_funds=st.none() | st.booleans(),
)
setups = st.builds(
    Setup,
    schema_version=st.just(1),
    districts=st.lists(districts, min_size=1, max_size=2).map(tuple),
    name=st.none() | words,
    as_of=st.none() | st.dates(),
)

DOMAIN = {
    Text: texts,
    Term: terms,
    ResponsibleParty: parties,
    Deadline: deadlines,
    Obligation: obligations,
    Provision: provisions,
    Measure: measures,
    Parameter: parameters,
    Heading: headings,
    Category: categories,
    AssessmentComponent: components,
    Setup: setups,
}


@pytest.mark.parametrize("cls", list(DOMAIN), ids=lambda c: c.__name__)
@given(data=st.data())
def test_unstructure_structure_is_identity(cls: type[Any], data: st.DataObject) -> None:
    value = data.draw(DOMAIN[cls])
    plain = converter.unstructure(value)
    # Through JSON text too: what the catalog and reports write must read back.
    assert converter.structure(json.loads(json.dumps(plain, ensure_ascii=False)), cls) == value


def test_shipped_plan_round_trips_through_the_catalog(plan: Plan) -> None:
    rebuilt = plan_from_catalog(json.loads(catalog_json(plan)), plan.source_text)
    assert rebuilt == plan
    assert isinstance(rebuilt.metadata, PlanMetadata)


def test_catalog_json_is_byte_identical_across_loads(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    shutil.copytree(default_policy_dir(), folder)
    assert (
        catalog_json(load_plan(folder))
        == catalog_json(load_plan(folder))
        == catalog_json(load_plan())
    )


@given(st.randoms())
def test_catalog_does_not_depend_on_file_or_item_order(rnd: Any) -> None:
    import tempfile

    reference = catalog_json(load_plan())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(default_policy_dir() / "source.zh.txt", folder / "source.zh.txt")
        sections: list[tuple[str, Any]] = []
        for path in sorted(default_policy_dir().glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for key, value in data.items():
                if isinstance(value, list):
                    value = list(value)
                    rnd.shuffle(value)
                    # split each list over two files to vary file boundaries too
                    half = rnd.randint(0, len(value))
                    sections += [(key, value[:half]), (key, value[half:])]
                else:
                    sections.append((key, value))
        rnd.shuffle(sections)
        used: set[str] = set()
        for i, (key, value) in enumerate(sections):
            data = {key: value}
            name = f"{rnd.randint(0, 10**6):07d}-{i}.yaml"
            assert name not in used
            used.add(name)
            (folder / name).write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        assert catalog_json(load_plan(folder)) == reference


def test_catalog_has_schema_version_and_all_objects(plan: Plan) -> None:
    data = catalog_data(plan)
    assert data["schema_version"] == 1
    assert [len(data[k]) for k in ("categories", "headings", "measures", "provisions")] == [
        3,
        9,
        14,
        16,
    ]
    assert all(isinstance(p["quote"], str) for p in data["provisions"])


@given(setups)
def test_the_first_pass_and_the_converter_agree(value: Setup) -> None:
    from jiexiang_policy.reader import read

    plain = json.loads(json.dumps(converter.unstructure(value), ensure_ascii=False))
    assert read(plain, Setup) == converter.structure(plain, Setup) == value
