"""The CI examples in docs/ci-integration.md run as written, on a sample repository.

The GitHub Actions workflow's and the GitLab job's `jiexiang` commands are taken from
the YAML blocks of the page and run with bash in a temporary repository holding a
compliant setup, one with gaps and a broken one; installing the tool (pip) is
skipped: the tests run it from this checkout. The reports must be written and valid.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from test_reporters_sarif_junit import assert_valid_sarif

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "ci-integration.md").read_text(encoding="utf-8")
BLOCKS = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", PAGE, flags=re.DOTALL)]


def _github() -> dict[str, Any]:
    return next(b for b in BLOCKS if isinstance(b, dict) and "jobs" in b)


def _gitlab() -> dict[str, Any]:
    return next(b for b in BLOCKS if isinstance(b, dict) and "check-setups" in b)


def _commands(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip().startswith("jiexiang ")]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    setups = tmp_path / "setups"
    setups.mkdir()
    shutil.copy(ROOT / "examples" / "dongcheng.yaml", setups / "dongcheng.yaml")
    shutil.copy(ROOT / "examples" / "with-gaps.yaml", setups / "with-gaps.yaml")
    return tmp_path


def _run(commands: list[str], cwd: Path) -> list[int]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    env.pop("JIEXIANG_LANG", None)
    codes = []
    for command in commands:
        done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, check=False)
        codes.append(done.returncode)
    return codes


pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def test_the_github_workflow_writes_and_uploads_a_valid_sarif(repo: Path) -> None:
    steps = _github()["jobs"]["check-setups"]["steps"]
    runs = [s["run"] for s in steps if "run" in s and "pip install" not in s["run"]]
    assert _run(_commands(runs), repo) == [1]  # the gaps fail the job
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["if"].startswith("always()")
    assert_valid_sarif((repo / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))


def test_the_github_workflow_still_writes_the_sarif_with_a_broken_setup(repo: Path) -> None:
    (repo / "setups" / "broken.yaml").write_text("districts: [\n", encoding="utf-8")
    steps = _github()["jobs"]["check-setups"]["steps"]
    runs = [s["run"] for s in steps if "run" in s and "pip install" not in s["run"]]
    assert _run(_commands(runs), repo) == [2]
    log = assert_valid_sarif((repo / "jiexiang.sarif").read_text(encoding="utf-8"))
    ids = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert {"JX000", "JX001"} <= ids


def test_the_gitlab_job_writes_a_junit_report(repo: Path) -> None:
    job = _gitlab()["check-setups"]
    codes = _run(_commands(job["script"]), repo)
    assert codes == [0, 1]  # the log run never fails; the report run sets the status
    report = repo / job["artifacts"]["reports"]["junit"]
    root = ET.fromstring(report.read_text(encoding="utf-8"))
    assert int(root.attrib["failures"]) >= 1
    assert job["artifacts"]["when"] == "always"
