"""Generated docs are committed, current, and say only what the code does."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest

from jiexiang_policy import Plan, check, load_plan, load_setup, rules
from jiexiang_policy.cli import main
from jiexiang_policy.corpus_loader import load_corpus
from jiexiang_policy.docgen import check_docs, coverage_counts, generate_docs, render_catalog
from jiexiang_policy.ruleset import minimal_setup_text
from jiexiang_policy.ruleset.coverage import DOCUMENTATION_ONLY

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def generated(plan: Plan) -> dict[str, str]:
    return generate_docs(plan)


def test_committed_docs_match_the_code() -> None:
    assert check_docs(ROOT) == [], "run `jiexiang catalog --write` and commit the result"


def test_drift_and_stale_pages_are_detected(tmp_path: Path) -> None:
    for folder in ("docs", "examples"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    assert check_docs(tmp_path) == []
    page = tmp_path / "docs" / "rules" / "JX001.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    (tmp_path / "docs" / "rules" / "JX999.md").write_text("retired\n", encoding="utf-8")
    (tmp_path / "docs" / "coverage.md").unlink()
    assert check_docs(tmp_path) == [
        "docs/coverage.md",
        "docs/rules/JX001.md",
        "docs/rules/JX999.md",
    ]


def test_catalog_check_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["catalog", "--check"]) == 2  # nothing generated here: wrong folder
    assert "仓库根目录" in capsys.readouterr().err  # zh by default: "from the repository root"
    assert main(["catalog", "--write"]) == 0
    assert main(["catalog", "--check"]) == 0


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r.id)
def test_rule_page_shows_the_examples_and_the_finding(
    generated: dict[str, str], rule: object
) -> None:
    from jiexiang_policy.rule import Rule

    assert isinstance(rule, Rule)
    page = generated[f"docs/rules/{rule.id}.md"]
    assert rule.example.failing.strip() in page
    assert rule.example.passing.strip() in page
    assert rule.quote in page
    finding_lines = [ln for ln in page.splitlines() if ln.startswith(f"- `{rule.id}`")]
    assert len(finding_lines) == 1  # exactly one finding, of this rule


def test_coverage_totals_match_the_registry(plan: Plan, generated: dict[str, str]) -> None:
    counts = coverage_counts(plan)
    checked = {o for r in rules() for o in r.obligation_ids}
    assert counts == {
        "obligations": sum(1 for _ in plan.obligations()) + len(plan.general),
        "checked": len(checked),
        "documentation_only": len(DOCUMENTATION_ONLY),
        "uncovered": 0,
    }
    page = generated["docs/coverage.md"]
    assert (
        f"obligations: {counts['obligations']}, checked: {counts['checked']}, "
        f"documentation-only: {counts['documentation_only']}, uncovered: 0"
    ) in page


def test_catalog_formats_and_languages(plan: Plan) -> None:
    zh = render_catalog(plan, "md", "zh")
    en = render_catalog(plan, "md", "en")
    both = render_catalog(plan, "md", "both")
    assert "原文未说明" in zh
    assert "not stated in source" in en
    assert "Translation (not authoritative)" in en
    assert zh.strip() in both
    for provision in plan.provisions:
        assert provision.quote in zh
        assert f'<a id="{provision.id.lower()}"></a>' in zh
    assert render_catalog(plan, "json").startswith("{")
    assert render_catalog(plan, "html").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="unknown catalog format"):
        render_catalog(plan, "pdf")


def test_catalog_links_each_checked_obligation_to_its_rule(plan: Plan) -> None:
    zh = render_catalog(plan, "md", "zh")
    for rule in rules():
        for ob in rule.obligation_ids:
            line = next(ln for ln in zh.splitlines() if f'id="{ob.lower()}"' in ln)
            assert f"[{rule.id}](rules/{rule.id}.md)" in line


def test_not_stated_page_lists_every_gap(plan: Plan, generated: dict[str, str]) -> None:
    page = generated["docs/not-stated-in-source.md"]
    for m in plan.measures:
        listed = f"[{m.id}](catalog.zh.md#{m.id.lower()})" in page
        assert listed  # the text never lists the measures' responsible units


def _plan_ids(plan: Plan) -> list[str]:
    groups = (plan.categories, plan.headings, plan.measures, plan.provisions, plan.parameters)
    return [o.id for group in groups for o in group] + [ob.id for _, ob in plan.obligations()]


def test_html_has_an_anchor_for_every_id_without_a_browser(plan: Plan) -> None:
    html = render_catalog(plan, "html")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate id attributes"
    assert {i.lower() for i in _plan_ids(plan)} <= set(ids)
    assert html == (ROOT / "docs" / "catalog.html").read_text(encoding="utf-8")


def test_markdown_catalogs_have_an_anchor_for_every_id(plan: Plan) -> None:
    for lang in ("zh", "en"):
        page = render_catalog(plan, "md", lang)
        missing = [i for i in _plan_ids(plan) if f'<a id="{i.lower()}"></a>' not in page]
        assert missing == [], lang


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_render_catalog_every_format_and_language(plan: Plan, fmt: str, lang: str) -> None:
    text = render_catalog(plan, fmt, lang)
    assert text.endswith("\n")
    assert text == render_catalog(plan, fmt, lang)  # deterministic
    if fmt == "json":
        assert json.loads(text)["measures"][0]["id"] == plan.measures[0].id
    elif fmt == "html" or lang == "both":
        assert "原文未说明" in text
        assert "not stated in source" in text
    else:
        assert ("原文未说明" if lang == "zh" else "not stated in source") in text


def test_unknown_language_is_refused(plan: Plan) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        render_catalog(plan, "md", "fr")


def test_generated_pages_are_deterministic_and_relocatable(
    plan: Plan, generated: dict[str, str]
) -> None:
    assert generate_docs(plan) == generated
    for path, text in generated.items():
        assert not Path(path).is_absolute()
        assert str(ROOT) not in text, path
        assert not re.search(r"\b20\d\d-\d\d-\d\dT\d\d:", text), f"timestamp in {path}"
    expected = {f"docs/rules/{r.id}.md" for r in rules()} | {"docs/rules/index.md"}
    assert expected <= set(generated)


def test_rules_index_lists_every_rule(generated: dict[str, str]) -> None:
    index = generated["docs/rules/index.md"]
    for rule in rules():
        severity = rule.default_severity(load_plan())
        words = f"{severity.label('zh')} / {severity.value}"
        row = f"| [{rule.id}]({rule.id}.md) | {rule.title.zh} / {rule.title.en} | {words} |"
        assert row in index


_TERM_FIELDS = {
    "enforcement-departments",
    "enforcement-fixed-elements",
    "lane-steward-sources",
    "networks",
    "staffing-categories",
    "street-rights",
    "unified-assessor",
    "whistle-domains",
}


def test_setup_reference_lists_every_enum_value_and_term(
    plan: Plan, generated: dict[str, str]
) -> None:
    page = generated["docs/setup-reference.md"]
    for value in ("街道", "乡", "镇", "处级", "科级", "其他", "区划", "区域", "下沉", "常驻"):
        assert f"`{value}`" in page
    for value in ("未下沉", "街乡", "区委区政府", "部门", "背靠背", "公开"):
        assert f"`{value}`" in page
    table = page.split("## Term lists")[1]
    for prm in plan.parameters:
        # Only parameters a field is written in are listed: an ID such as
        # `back-to-back` for the fixed-choice field `feedback` would be refused.
        listed = f"| `{prm.id}` |" in table
        assert listed == (prm.id in _TERM_FIELDS), prm.id
        for term in prm.terms:
            assert (f"{term.zh} = `{term.id}`" in table) == listed


def test_setup_reference_explains_every_field(generated: dict[str, str]) -> None:
    # A district's staff read this page to fill in their file: no field without a meaning.
    rows = [
        line for line in generated["docs/setup-reference.md"].splitlines() if line.startswith("| `")
    ]
    assert len(rows) > 60
    unexplained = [row.split("|")[1].strip() for row in rows if row.endswith("|  |")]
    assert unexplained == []


def _to_term_ids(value: Any, plan: Plan, rewritten: set[str]) -> Any:
    """``value`` with every term-valued field written by term ID instead of Chinese name."""
    if isinstance(value, tuple):
        return tuple(_to_term_ids(v, plan, rewritten) for v in value)
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        if parameter := field.metadata.get("terms"):
            ids = {t.zh: t.id for t in load_corpus().with_plan(plan).parameter(parameter).terms}
            if isinstance(current, dict):
                changes[field.name] = {ids.get(k, k): v for k, v in current.items()}
            elif isinstance(current, tuple):
                changes[field.name] = tuple(ids.get(v, v) for v in current)
            else:
                changes[field.name] = ids.get(current, current)
            if changes[field.name] != current:
                rewritten.add(f"{type(value).__name__}.{field.name}")
        elif not field.metadata.get("not_data"):
            changes[field.name] = _to_term_ids(current, plan, rewritten)
    return attrs.evolve(value, **changes)


def test_term_fields_take_ids_as_the_setup_reference_says(
    plan: Plan, generated: dict[str, str]
) -> None:
    setup = load_setup("minimal.yaml", text=minimal_setup_text())
    assert check(setup, plan).findings == ()
    rewritten: set[str] = set()
    by_id = _to_term_ids(setup, plan, rewritten)
    # Every field the reference lists under "Term lists" was exercised, and the
    # rules still find the setup compliant when it names its terms by ID.
    table = generated["docs/setup-reference.md"].split("## Term lists")[1]
    assert rewritten == set(re.findall(r"`([A-Z]\w+\.\w+)`", table))
    assert check(by_id, plan).findings == ()


def test_rule_pages_read_chinese_first() -> None:
    # A finding links its rule page (说明页面): its headings and labels lead in Chinese.
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for page in sorted((Path(__file__).resolve().parents[1] / "docs" / "rules").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        headings = [ln.lstrip("#").strip() for ln in text.splitlines() if ln.startswith("##")]
        labels = [
            ln.split("|")[1].strip()
            for ln in text.splitlines()
            if ln.startswith("| ") and not ln.startswith("| ---") and ln.split("|")[1].strip()
        ]
        if page.name == "index.md":  # a table of rules: its header row
            header = next(ln for ln in text.splitlines() if ln.startswith("| 规则"))
            labels = [cell.strip() for cell in header.split("|") if cell.strip()]
        for words in headings + labels[:6]:
            assert cjk.match(words), f"{page.name}: {words!r}"
