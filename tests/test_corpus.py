"""The corpus: three dated documents, their structure, verified quotes and cross-references."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jiexiang_policy import PolicyFileError
from jiexiang_policy.corpus import Corpus, Relation, StatuteObligation
from jiexiang_policy.corpus_loader import chinese_number, default_corpus_dir, load_corpus
from jiexiang_policy.ruleset import rules
from jiexiang_policy.timeline import checked_by

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "source"
ORIGINALS = {
    "street-office-2019": "beijing-street-office-regulations-2019.zh.md",
    "hotline-2021": "beijing-hotline-response-regulations-2021.zh.md",
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


def test_three_documents_with_their_dates_kept_apart(corpus: Corpus) -> None:
    assert [d.id for d in corpus.documents] == ["plan-2018", "street-office-2019", "hotline-2021"]
    plan, office, hotline = corpus.documents
    # The plan's text states neither date: unknown, never guessed.
    assert plan.metadata.adopted.date is None
    assert plan.metadata.in_force.date is None
    assert plan.metadata.in_force.source is not None
    assert office.metadata.adopted.date == dt.date(2019, 11, 27)
    assert office.metadata.in_force.date == dt.date(2020, 1, 1)
    assert office.metadata.in_force.quote == "本条例自2020年1月1日起施行"
    assert hotline.metadata.adopted.date == dt.date(2021, 9, 24)
    assert hotline.metadata.in_force.date == dt.date(2021, 9, 24)
    assert hotline.metadata.in_force.quote == "本条例自公布之日起施行"
    for doc in corpus.documents:
        assert doc.metadata.superseded.date is None  # no source says any was repealed
        assert doc.metadata.amended == ()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2018-01-01", ["plan-2018"]),
        ("2019-06-01", ["plan-2018"]),
        ("2019-12-31", ["plan-2018"]),
        ("2020-01-01", ["plan-2018", "street-office-2019"]),
        ("2021-09-23", ["plan-2018", "street-office-2019"]),
        ("2021-09-24", ["plan-2018", "street-office-2019", "hotline-2021"]),
        ("2026-12-05", ["plan-2018", "street-office-2019", "hotline-2021"]),
    ],
)
def test_in_force_on_a_date(corpus: Corpus, day: str, expected: list[str]) -> None:
    assert [d.id for d in corpus.in_force(dt.date.fromisoformat(day))] == expected


def test_structure_is_parsed_from_the_text(corpus: Corpus) -> None:
    office = corpus.document("street-office-2019").statute
    hotline = corpus.document("hotline-2021").statute
    assert (len(office.chapters), len(office.articles)) == (7, 50)
    assert (len(hotline.chapters), len(hotline.articles)) == (5, 38)
    assert [c.title.zh for c in office.chapters][5] == "保障与监督"
    assert office.chapters[5].title.en == "Safeguards and supervision"
    art10 = office.article(10)
    assert [len(p.items) for p in art10.paragraphs] == [7, 0, 0]
    assert len(office.article(11).paragraphs[0].items) == 7
    assert len(office.article(43).paragraphs) == 2
    assert office.article(43).label == "第四十三条"
    # Every article's text is verbatim in the shipped source.
    for statute in (office, hotline):
        for article in statute.articles:
            assert article.text in statute.source_text


def test_chinese_numbers() -> None:
    assert [chinese_number(t) for t in ("一", "十", "十五", "四十三", "五十", "一百零二")] == [
        1,
        10,
        15,
        43,
        50,
        102,
    ]


def test_every_quote_is_verbatim_and_decided_by_its_words(corpus: Corpus) -> None:
    for doc in corpus.documents[1:]:
        statute = doc.statute
        for ob in statute.obligations:
            assert ob.quote in statute.article(ob.article).text, ob.id
            assert all(word in ob.quote for word in ob.decided_by), ob.id
        for prm in statute.parameters:
            assert prm.quote in statute.source_text
        assert doc.metadata.issuer_quote
        assert doc.metadata.issuer_quote in statute.source_text


@pytest.mark.parametrize("doc_id", sorted(ORIGINALS))
def test_shipped_text_is_the_official_text_without_its_markdown_wrapper(doc_id: str) -> None:
    original = SHARED / ORIGINALS[doc_id]
    if not original.exists():
        pytest.skip("the original source is not beside this checkout")
    raw = original.read_text(encoding="utf-8")
    shipped = (default_corpus_dir() / doc_id / "source.zh.txt").read_text(encoding="utf-8")
    unwrapped = re.sub(r"^#{1,2} ", "", raw.replace("<!-- INFO END -->\n\n", ""), flags=re.M)
    assert shipped.rstrip("\n") == unwrapped.rstrip("\n")


def test_clauses_resolve_by_qualified_and_unambiguous_bare_ids(corpus: Corpus) -> None:
    assert corpus.clause("street-office-2019:art-43").kind == "article"
    assert corpus.clause("street-office-2019:art-43.c").kind == "obligation"
    assert corpus.clause("plan-2018:P-1.2.2").kind == "provision"
    bare = corpus.clause("P-1.2.2")
    assert (bare.document_id, bare.qualified_id) == ("plan-2018", "plan-2018:P-1.2.2")
    assert corpus.clause("P-1.2.2.b").target is corpus.plan.obligation("P-1.2.2.b")
    with pytest.raises(KeyError, match="ambiguous"):
        corpus.clause("art-5")  # both regulations have an Art. 5
    with pytest.raises(KeyError, match="no clause"):
        corpus.clause("street-office-2019:art-51")
    with pytest.raises(KeyError, match="no document"):
        corpus.clause("plan-2019:P-1.2.2")


def test_cross_references_are_data_in_both_directions(corpus: Corpus) -> None:
    forward = corpus.references_of("P-1.2.2.a")
    assert {(x.later, x.relation) for x in forward} == {
        ("street-office-2019:art-43.a", Relation.CARRIES_ON),
        ("street-office-2019:art-43.c", Relation.CARRIES_ON),
    }
    backward = corpus.references_of("street-office-2019:art-43.c")
    assert [x.earlier for x in backward] == ["plan-2018:P-1.2.2.a"]
    relations = {x.id: x.relation for x in corpus.cross_references}
    assert relations["X-03"] is Relation.WIDENS  # three whistle domains → four
    assert relations["X-01"] is Relation.REPLACES  # the call for legislation → the 条例
    for ref in corpus.cross_references:
        assert ref.earlier_quote in corpus.clause(ref.earlier).quote
        assert ref.later_quote in corpus.clause(ref.later).quote


def test_each_statute_obligation_is_checked_or_documentation_only(corpus: Corpus) -> None:
    checked = checked_by(corpus, rules())
    for doc in corpus.documents[1:]:
        for ob in doc.statute.obligations:
            qid = f"{doc.id}:{ob.id}"
            assert (qid in checked) != (ob.not_checked is not None), qid
    for rule in rules():
        for clause in rule.clauses:
            assert isinstance(corpus.clause(clause).target, StatuteObligation)


def test_the_plan_keeps_loading_on_its_own() -> None:
    from jiexiang_policy import load_plan

    assert load_plan() is load_corpus().plan


# --- bad corpus files ----------------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "policies"
    shutil.copytree(default_corpus_dir(), root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD: dict[str, tuple[str, str, str, str]] = {
    # name: (file, old, new, expected message part)
    "quote not verbatim": (
        "street-office-2019/obligations.yaml",
        "quote: 区人民政府统一进行街道办事处工作考核",
        "quote: 区人民政府统一组织街道办事处工作考核",
        "not verbatim in 第四十三条第1款",
    ),
    "paragraph out of range": (
        "street-office-2019/obligations.yaml",
        "    article: 43\n    paragraph: 2",
        "    article: 43\n    paragraph: 3",
        "第四十三条 has 2 paragraph(s), not 3",
    ),
    "deciding word not in quote": (
        "hotline-2021/obligations.yaml",
        "decided_by: [负责]",
        "decided_by: [应当]",
        "deciding word '应当' is not in the quote",
    ),
    "unknown modality": (
        "hotline-2021/obligations.yaml",
        "modality: permission",
        "modality: maybe",
        "modality",
    ),
    "article not covered": (
        "hotline-2021/obligations.yaml",
        "  - articles: [35, 37]",
        "  - articles: [35]",
        "not listed as unmodelled: 37",
    ),
    "in-force quote not in the text": (
        "street-office-2019/document.yaml",
        "quote: 本条例自2020年1月1日起施行",
        "quote: 本条例自2020年1月起施行",
        "quote is not verbatim in the source text",
    ),
    "folder and ID differ": (
        "hotline-2021/document.yaml",
        "id: hotline-2021",
        "id: hotline-2022",
        "differs from its folder's name 'hotline-2021'",
    ),
    "cross-reference to an unknown clause": (
        "cross-references.yaml",
        "later: street-office-2019:art-43.c",
        "later: street-office-2019:art-43.d",
        "no clause 'art-43.d'",
    ),
    "cross-reference quote wrong": (
        "cross-references.yaml",
        "later_quote: 制定本条例",
        "later_quote: 制定本办法",
        "not verbatim in street-office-2019:art-1",
    ),
    "plan-only term that a regulation does mention": (
        "plan-only.yaml",
        "  - term: 街巷长",
        "  - term: 街道",
        "'街道' does occur in street-office-2019's text",
    ),
    "cross-reference backwards in time": (
        "cross-references.yaml",
        "    earlier: street-office-2019:art-5\n",
        "    earlier: hotline-2021:art-5\n",
        "did not take force after",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_corpus_file_is_named_with_its_line(tmp_path: Path, name: str) -> None:
    file, old, new, expected = BAD[name]
    root = _copy(tmp_path)
    _edit(root / file, old, new)
    with pytest.raises(PolicyFileError) as info:
        load_corpus(root)
    message = str(info.value)
    assert expected in message
    assert re.search(re.escape(str(root / file)) + r":\d+", message), message


@settings(max_examples=5)
@given(st.randoms())
def test_the_corpus_does_not_depend_on_file_or_item_order(rnd: Any) -> None:
    import tempfile

    reference = load_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "policies"
        shutil.copytree(default_corpus_dir(), root)
        folder = root / "street-office-2019"
        data = yaml.safe_load((folder / "obligations.yaml").read_text(encoding="utf-8"))
        (folder / "obligations.yaml").unlink()
        items = list(data["obligations"])
        rnd.shuffle(items)
        half = rnd.randint(0, len(items))
        for name, part in (("b.yaml", items[:half]), ("a.yaml", items[half:])):
            (folder / name).write_text(
                yaml.safe_dump({"obligations": part}, allow_unicode=True), encoding="utf-8"
            )
        (folder / "z.yaml").write_text(
            yaml.safe_dump({"unmodelled": data["unmodelled"][::-1]}, allow_unicode=True),
            encoding="utf-8",
        )
        shuffled = load_corpus(root)
    assert (
        shuffled.document("street-office-2019").statute
        == reference.document("street-office-2019").statute
    )


def test_the_generated_pages_cover_every_document(corpus: Corpus) -> None:
    from jiexiang_policy.docgen import generate_docs

    pages = generate_docs(corpus.plan)
    coverage = pages["docs/coverage.md"]
    for lang in ("zh", "en"):
        page = pages[f"docs/corpus.{lang}.md"]
        for doc in corpus.documents:
            assert f"`{doc.id}`" in page
        for ref in corpus.cross_references:  # shown at both ends
            assert page.count(f"({ref.relation.label(lang)}, {ref.id})") >= 1
    for doc in corpus.documents[1:]:
        for ob in doc.statute.obligations:
            assert f"`{ob.id}`" in coverage
    html = pages["docs/corpus.html"]
    assert html.count('<section class="doc"') == 3
    assert 'data-doc="street-office-2019" data-from="2020-01-01"' in html
    assert 'data-doc="plan-2018" data-from=""' in html  # no stated date: always shown
    assert '<input id="date" type="date">' in html
    data = json.loads(pages["docs/corpus.json"])
    assert data["rules"]["JX035"] == {"documents": ["hotline-2021"], "in_force_from": "2021-09-24"}
    assert data["rules"]["JX003"]["in_force_from"] is None
    assert [t["term"] for t in data["plan_only"]][:2] == ["三分之一", "背靠背"]
    for item in corpus.plan_only:
        assert item.rules
        assert all(r in {rule.id for rule in rules()} for r in item.rules)


# The words that decide a statute obligation's modality (docs/policy-over-time.md).
DECIDING = {
    "binding": {
        "应当",
        "不得",
        "负责",
        "实行",
        "行使",
        "统一",
        "建立",
        "建立健全",
        "设立",
        "不承担",
    },
    "permission": {"可以", "可以参照"},
}


def test_each_statute_obligation_is_decided_by_the_words_of_its_modality(corpus: Corpus) -> None:
    for doc in corpus.documents[1:]:
        for ob in doc.statute.obligations:
            assert set(ob.decided_by) <= DECIDING[ob.modality.value], (doc.id, ob.id)
            if ob.modality.value == "binding":
                assert "可以" not in ob.quote, (doc.id, ob.id)  # a permission hides no duty
