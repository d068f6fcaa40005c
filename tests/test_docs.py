"""Generated docs are committed, current, and say only what the code does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jiexiang_policy import Plan, rules
from jiexiang_policy.cli import main
from jiexiang_policy.docgen import check_docs, coverage_counts, generate_docs, render_catalog
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
    assert main(["catalog", "--check"]) == 1
    assert "docs/catalog.html: differs" in capsys.readouterr().err
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
        "obligations": sum(1 for _ in plan.obligations()),
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
        assert listed == (not m.responsible_parties or not m.deadline.stated)
