"""A term list typed with Chinese separators (``[综合执法，重点工作]``) is refused where it is
written, instead of being read as one unknown value and every term reported missing."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiexiang_policy import check, load_plan, load_setup
from jiexiang_policy.cli import main
from jiexiang_policy.corpus_loader import load_corpus
from jiexiang_policy.errors import SetupFileError
from jiexiang_policy.rule import Context
from jiexiang_policy.ruleset import minimal_setup_text
from jiexiang_policy.termlists import joined_items

MINIMAL = minimal_setup_text()
PLAN = load_plan()
SEPARATORS = ("，", "、", "；", ",", ";", " ， ", "、 ")

# (line of the minimal setup to rewrite, its field's path in the first district, parameter)
FIELDS = {
    "whistle_domains": (
        "whistle_domains: [综合执法, 重点工作, 应急处置, 群众诉求]",
        ("districts", 0, "whistle_domains"),
        "whistle-domains",
    ),
    "departments": (
        "departments: [公安, 消防, 城管, 工商, 交通, 食品药品监管]",
        ("districts", 0, "streets", 0, "enforcement_center", "departments"),
        "enforcement-departments",
    ),
    "fixed": (
        "fixed: [人员, 责任, 工作机制, 工作场地]",
        ("districts", 0, "streets", 0, "enforcement_center", "fixed"),
        "enforcement-fixed-elements",
    ),
}


def _with(field: str, items: list[str]) -> str:
    line, _path, _parameter = FIELDS[field]
    name = line.split(":")[0]
    return MINIMAL.replace(line, f"{name}: [{', '.join(items)}]", 1)


def _problems(text: str) -> list[tuple[tuple[object, ...], str]]:
    setup = load_setup("s.yaml", text=text)
    ctx = Context(setup=setup, plan=PLAN)
    return [(path, item) for path, _parameter, item, _parts in joined_items(ctx)]


@st.composite
def _joined(draw: st.DrawFn) -> tuple[str, list[str], str]:
    field = draw(st.sampled_from(sorted(FIELDS)))
    terms = PLAN.parameter(FIELDS[field][2]).terms
    chosen = draw(st.lists(st.sampled_from(terms), min_size=2, max_size=len(terms), unique=True))
    names = [draw(st.sampled_from((t.zh, t.id))) for t in chosen]
    return field, names, draw(st.sampled_from(SEPARATORS))


@settings(max_examples=40, deadline=None)
@given(_joined())
def test_terms_joined_into_one_item_give_exactly_one_problem_there(
    case: tuple[str, list[str], str],
) -> None:
    field, names, separator = case
    joined = separator.join(names)
    problems = _problems(_with(field, [f"'{joined}'"]))
    assert problems == [((*FIELDS[field][1], 0), joined)]


@settings(max_examples=40, deadline=None)
@given(_joined())
def test_the_same_terms_as_separate_items_give_none(case: tuple[str, list[str], str]) -> None:
    field, names, _separator = case
    assert _problems(_with(field, names)) == []


def test_two_joined_lists_give_one_problem_each() -> None:
    text = _with("whistle_domains", ["综合执法，重点工作"])
    text = text.replace(
        "fixed: [人员, 责任, 工作机制, 工作场地]", "fixed: [人员、责任, 工作机制]", 1
    )
    paths = sorted(str(path) for path, _item in _problems(text))
    assert paths == sorted(
        [
            str((*FIELDS["whistle_domains"][1], 0)),
            str((*FIELDS["fixed"][1], 0)),
        ]
    )


@pytest.mark.parametrize(
    "item",
    [
        "公安、交通联合执法队",  # one term and a unit's own name: kept as written
        "市场监管，食药",  # no term at all
        "公安",
    ],
)
def test_a_value_with_at_most_one_term_in_it_is_kept(item: str) -> None:
    assert _problems(_with("departments", [item, "消防"])) == []


def test_check_refuses_the_file_at_the_line_of_the_item() -> None:
    text = _with("whistle_domains", ["综合执法，重点工作，应急处置，群众诉求"])
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "综合执法，" in t)
    with pytest.raises(SetupFileError) as raised:
        check(load_setup("s.yaml", text=text))
    (location, message), *rest = raised.value.problems
    assert rest == []
    assert (location.file, location.line) == ("s.yaml", line)
    assert location.path == (*FIELDS["whistle_domains"][1], 0)
    assert "[综合执法, 重点工作, 应急处置, 群众诉求]" in message


def test_a_setup_built_in_python_is_held_to_the_same() -> None:
    setup = load_setup("s.yaml", text=MINIMAL)
    district = attrs.evolve(setup.districts[0], whistle_domains=("综合执法、重点工作",))
    built = attrs.evolve(setup, districts=(district, *setup.districts[1:]), document=None)
    with pytest.raises(SetupFileError, match="one item joining 2 values"):
        check(built)


def test_the_cli_says_it_in_chinese_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JIEXIANG_LANG", raising=False)
    path = tmp_path / "s.yaml"
    path.write_text(_with("fixed", ["人员、责任、工作机制、工作场地"]), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "是一项，却用 '、' 连写了 4 个值（人员, 责任, 工作机制, 工作场地）" in err
    assert "如 [人员, 责任, 工作机制, 工作场地]，或每项单独一行" in err


def test_terms_of_a_later_law_s_list_count_too() -> None:
    # street_rights holds the plan's three rights and the seven powers of Art. 11.
    line = next(t for t in MINIMAL.splitlines() if "street_rights:" in t)
    joined = line.replace("考核评价权, facility-planning", "'考核评价权，facility-planning'")
    assert joined != line
    problems = _problems(MINIMAL.replace(line, joined))
    assert problems == [(("districts", 0, "street_rights", 2), "考核评价权，facility-planning")]


def test_a_term_whose_own_words_hold_a_separator_is_kept() -> None:
    # Art. 11's powers are written out as in the regulations, 、 and ， included.
    powers = load_corpus().parameter("street-office-2019:street-powers").terms
    assert any("、" in t.zh or "，" in t.zh for t in powers)
    line = next(t for t in MINIMAL.splitlines() if "street_rights:" in t)
    items = ["提出意见建议权", "统筹协调和督办权", "考核评价权", *(f"'{t.zh}'" for t in powers)]
    rewritten = MINIMAL.replace(line, f"    street_rights: [{', '.join(items)}]")
    assert _problems(rewritten) == []
    assert check(load_setup("s.yaml", text=rewritten)).findings == ()


def test_an_item_that_names_a_term_as_a_whole_is_never_split() -> None:
    # A policy folder may define a term whose name joins two others' (人员、责任).
    from jiexiang_policy.plan import Term

    fixed = PLAN.parameter("enforcement-fixed-elements")
    joint = Term(id="staff-and-duties", zh="人员、责任", en="Staff and duties")
    parameters = tuple(
        attrs.evolve(p, terms=(*p.terms, joint)) if p is fixed else p for p in PLAN.parameters
    )
    plan = attrs.evolve(PLAN, parameters=parameters)
    setup = load_setup("s.yaml", text=_with("fixed", ["人员、责任", "工作机制", "工作场地"]))
    assert list(joined_items(Context(setup=setup, plan=plan))) == []
    assert [p for p, *_ in joined_items(Context(setup=setup, plan=PLAN))] == [
        (*FIELDS["fixed"][1], 0)
    ]
