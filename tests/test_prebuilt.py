"""The shipped pre-read policy and registry: current, equal to a fresh read, never required."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jiexiang_policy import prebuilt
from jiexiang_policy.corpus_loader import _shipped_corpus, load_corpus, read_shipped_corpus
from jiexiang_policy.divisions import shipped_registry
from jiexiang_policy.divisions.loading import read_shipped_registry
from jiexiang_policy.errors import InputError
from jiexiang_policy.plan_loader import _shipped_plan, default_policy_dir, load_plan

ROOT = Path(__file__).resolve().parents[1]


def _clear_caches() -> None:
    for cached in (prebuilt.load, _shipped_plan, _shipped_corpus, shipped_registry):
        cached.cache_clear()


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    _clear_caches()
    yield
    _clear_caches()


def test_the_checkouts_files_are_current() -> None:
    """What `jiexiang catalog --check` reports too: run `catalog --write` after a change."""
    assert prebuilt.stale(ROOT) == []


def test_the_shipped_files_are_used_and_equal_a_fresh_read(fresh_caches: None) -> None:
    for name in prebuilt.ARTIFACTS:
        assert prebuilt.load(name) is not None, f"{name}.pickle does not match its sources"
    plan, corpus = load_plan(), load_corpus()
    assert corpus.plan is plan  # one object, as when both are read from the files
    fresh = read_shipped_corpus()
    assert corpus == fresh
    assert plan == fresh.plan
    assert shipped_registry() == read_shipped_registry()
    # The folder errors name is this installation's, not the one the file was built in.
    assert plan.origin == fresh.plan.origin == str(default_policy_dir())


def _without_files(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(prebuilt, "FOLDER", folder)
    _clear_caches()


def test_without_the_files_the_same_objects_are_read(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _without_files(monkeypatch, tmp_path / "none")
    assert all(prebuilt.load(name) is None for name in prebuilt.ARTIFACTS)
    plan, corpus = load_plan(), load_corpus()
    assert corpus.plan is plan
    assert corpus == read_shipped_corpus()
    assert shipped_registry() == read_shipped_registry()


def test_a_file_that_does_not_match_or_is_damaged_is_not_used(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    good = (prebuilt.FOLDER / "divisions.pickle").read_bytes()
    header_end = good.index(b"\n", len(prebuilt.FORMAT)) + 1
    # The right header in front of a truncated body; the divisions' header on the policy.
    (tmp_path / "divisions.pickle").write_bytes(good[: header_end + 100])
    (tmp_path / "policy.pickle").write_bytes(good[:header_end] + b"not a pickle")
    _without_files(monkeypatch, tmp_path)
    assert prebuilt.load("divisions") is None
    assert prebuilt.load("policy") is None
    assert shipped_registry() == read_shipped_registry()
    assert load_plan() == read_shipped_corpus().plan


def test_an_install_without_sources_reads_the_files(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Bundled apps may ship bytecode only: no digest can be made, so the files are read."""
    monkeypatch.setattr(prebuilt, "_PACKAGE", tmp_path)
    _clear_caches()
    assert prebuilt.load("policy") is None
    assert load_plan() == read_shipped_corpus().plan


def _checkout_copy(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("src", "policies", "docs", "examples"):
        shutil.copytree(ROOT / part, root / part, ignore=ignore)
    return root


def test_a_changed_source_makes_its_file_stale(tmp_path: Path) -> None:
    root = _checkout_copy(tmp_path)
    assert prebuilt.stale(root) == []
    assert prebuilt.write(root) == []  # current files are not rewritten
    plan_yaml = root / "policies" / "plan-2018" / "plan.yaml"
    plan_yaml.write_text(plan_yaml.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert prebuilt.stale(root) == ["src/jiexiang_policy/_prebuilt/policy.pickle"]
    (root / "src" / "jiexiang_policy" / "divisions" / "loading.py").write_text("# changed\n")
    assert len(prebuilt.stale(root)) == 2
    # Judged by the checkout's own files: the copy imported here has not changed.
    assert prebuilt.stale(ROOT) == []


def test_only_the_checkouts_own_code_writes_its_files(tmp_path: Path) -> None:
    root = _checkout_copy(tmp_path)
    (root / prebuilt.CHECKOUT_FOLDER / "policy.pickle").unlink()
    with pytest.raises(InputError, match="not from this checkout"):
        prebuilt.write(root)  # this test imports the package from another folder


def _cli(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(root / "src"), JIEXIANG_LANG="en")
    return subprocess.run(
        [sys.executable, "-m", "jiexiang_policy", *argv],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_catalog_check_names_a_stale_file_and_write_renews_only_it(tmp_path: Path) -> None:
    root = _checkout_copy(tmp_path)
    divisions = root / prebuilt.CHECKOUT_FOLDER / "divisions.pickle"
    before = divisions.read_bytes()
    (root / prebuilt.CHECKOUT_FOLDER / "policy.pickle").unlink()
    done = _cli(root, "catalog", "--check")
    assert done.returncode == 1
    assert "src/jiexiang_policy/_prebuilt/policy.pickle" in done.stderr
    done = _cli(root, "catalog", "--write")
    assert done.returncode == 0, done.stderr
    assert "src/jiexiang_policy/_prebuilt/policy.pickle" in done.stdout
    assert "divisions.pickle" not in done.stdout
    assert divisions.read_bytes() == before
    assert _cli(root, "catalog", "--check").returncode == 0
