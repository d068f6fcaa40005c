"""The shipped pre-read policy and registry: current, equal to a fresh read, never required."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from jiexiang_policy import prebuilt
from jiexiang_policy.corpus_loader import _shipped_corpus, load_corpus, read_shipped_corpus
from jiexiang_policy.divisions import shipped_registry
from jiexiang_policy.divisions.loading import read_shipped_registry
from jiexiang_policy.plan_loader import _shipped_plan, load_plan

ROOT = Path(__file__).resolve().parents[1]


def _clear_caches() -> None:
    for cached in (prebuilt.load, _shipped_plan, _shipped_corpus, shipped_registry):
        cached.cache_clear()


@pytest.fixture
def no_prebuilt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The package as if it shipped no pre-read files (or only stale ones)."""
    monkeypatch.setattr(prebuilt, "FOLDER", tmp_path / "none")
    _clear_caches()
    yield
    monkeypatch.undo()
    _clear_caches()


def test_the_checkouts_files_are_current() -> None:
    """What `jiexiang catalog --check` reports too: run `catalog --write` after a change."""
    assert prebuilt.stale(ROOT) == []


def test_the_shipped_files_are_used_and_equal_a_fresh_read() -> None:
    _clear_caches()
    for name in prebuilt.ARTIFACTS:
        assert prebuilt.load(name) is not None, f"{name}.pickle does not match its sources"
    plan, corpus = load_plan(), load_corpus()
    assert corpus.plan is plan  # one object, as when both are read from the files
    fresh = read_shipped_corpus()
    assert corpus == fresh
    assert plan == fresh.plan
    assert shipped_registry() == read_shipped_registry()


def test_without_the_files_the_same_objects_are_read(no_prebuilt: None) -> None:
    assert all(prebuilt.load(name) is None for name in prebuilt.ARTIFACTS)
    plan, corpus = load_plan(), load_corpus()
    assert corpus.plan is plan
    assert corpus == read_shipped_corpus()
    assert shipped_registry() == read_shipped_registry()


def _checkout_copy(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / prebuilt.CHECKOUT_FOLDER, root / prebuilt.CHECKOUT_FOLDER)
    return root


def test_a_changed_source_makes_its_file_stale_and_write_renews_only_that(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _checkout_copy(tmp_path)
    assert prebuilt.stale(root) == []
    assert prebuilt.write(root) == []  # current files are not rewritten
    policy = root / prebuilt.CHECKOUT_FOLDER / "policy.pickle"
    divisions_before = (root / prebuilt.CHECKOUT_FOLDER / "divisions.pickle").read_bytes()

    extra = tmp_path / "extra.yaml"
    extra.write_text("changed: true\n", encoding="utf-8")
    artifact = prebuilt.ARTIFACTS["policy"]
    sources = artifact.sources
    changed = prebuilt.Artifact(
        "policy", lambda: iter([*sources(), ("extra.yaml", extra)]), artifact.build
    )
    monkeypatch.setitem(prebuilt.ARTIFACTS, "policy", changed)

    assert prebuilt.stale(root) == [str(policy.relative_to(root))]
    assert prebuilt.write(root) == [str(policy.relative_to(root))]
    assert prebuilt.stale(root) == []
    assert (root / prebuilt.CHECKOUT_FOLDER / "divisions.pickle").read_bytes() == divisions_before

    extra.write_text("changed: again\n", encoding="utf-8")
    assert prebuilt.stale(root) == [str(policy.relative_to(root))]


def test_a_file_that_does_not_match_is_not_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    good = (prebuilt.FOLDER / "divisions.pickle").read_bytes()
    header_end = good.index(b"\n", len(prebuilt.FORMAT)) + 1
    # A wrong digest in front of a payload that would fail if it were unpickled.
    (folder / "divisions.pickle").write_bytes(good[: len(prebuilt.FORMAT)] + b"0" * 64 + b"\n")
    (folder / "policy.pickle").write_bytes(good[:header_end] + b"not a pickle")
    monkeypatch.setattr(prebuilt, "FOLDER", folder)
    _clear_caches()
    try:
        assert prebuilt.load("divisions") is None
        assert prebuilt.load("policy") is None  # the divisions' digest is not the policy's
        assert load_plan() == read_shipped_corpus().plan
    finally:
        monkeypatch.undo()
        _clear_caches()


def test_catalog_check_names_a_stale_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from jiexiang_policy.cli import main

    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "examples", root / "examples")
    (root / prebuilt.CHECKOUT_FOLDER).mkdir(parents=True)
    monkeypatch.chdir(root)
    assert main(["catalog", "--check"]) == 1
    err = capsys.readouterr().err
    assert "src/jiexiang_policy/_prebuilt/policy.pickle" in err
    assert main(["catalog", "--write"]) == 0
    assert "src/jiexiang_policy/_prebuilt/policy.pickle" in capsys.readouterr().out
    assert main(["catalog", "--check"]) == 0
