"""From an installed wheel, without the repository: rules, explain and report links work.

Builds the wheel once and installs it (no dependencies: those of this environment are
used) into a folder put first on the path, then runs the command from an empty folder.
Skipped where the wheel cannot be built (no build backend available offline).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheels = tmp_path_factory.mktemp("wheels")
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    built = subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build the wheel here: {built.stderr.strip()[-200:]}")
    (wheel,) = wheels.glob("*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    return target


def _run(installed: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(installed))
    env.pop("JIEXIANG_DOCS_BASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "jiexiang_policy", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_rules_explain_and_links_from_the_installed_package(
    installed: Path, tmp_path: Path
) -> None:
    done = _run(installed, tmp_path, "rules", "--format", "json", "--isolated")
    assert done.returncode == 0, done.stderr
    rules = json.loads(done.stdout)
    page = Path(rules[0]["help_uri"].removeprefix("file://"))
    assert page.is_file()
    assert page.is_relative_to(installed)  # the page shipped in the wheel, not the checkout
    done = _run(installed, tmp_path, "explain", "JX001", "--isolated")
    assert done.returncode == 0, done.stderr
    assert str(installed) in done.stdout
    setup = tmp_path / "s.yaml"
    setup.write_text((ROOT / "examples" / "with-gaps.yaml").read_text(encoding="utf-8"))
    done = _run(installed, tmp_path, "check", "s.yaml", "--format", "sarif", "--isolated")
    assert done.returncode == 1, done.stderr
    driver = json.loads(done.stdout)["runs"][0]["tool"]["driver"]
    assert all(
        Path(r["helpUri"].removeprefix("file://")).is_file()
        for r in driver["rules"]
        if "helpUri" in r
    )


def test_the_installed_package_uses_its_pre_read_policy(installed: Path, tmp_path: Path) -> None:
    """The wheel carries the pickles, and their digests match the wheel's own policy files."""
    code = (
        "import jiexiang_policy.prebuilt as p, jiexiang_policy.plan_loader as pl; "
        "print(p.FOLDER.is_relative_to(pl.default_policy_dir().parents[1]), "
        "[p.load(n) is not None for n in p.ARTIFACTS])"
    )
    env = dict(os.environ, PYTHONPATH=str(installed))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "[True,", "True]"]
