"""The console script answers --version itself and hands everything else to the CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jiexiang_policy import __version__
from jiexiang_policy.cli import main as cli_main


def _script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiexiang_policy", *args], capture_output=True, text=True
    )


def test_version_is_what_the_full_command_line_prints(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli_main(["--version"])
    assert exit_.value.code == 0
    full = capsys.readouterr().out
    done = _script("--version")
    assert done.returncode == 0
    assert done.stdout == full == f"jiexiang {__version__}\n"


def test_other_arguments_reach_the_command_line() -> None:
    done = _script("rules")
    assert done.returncode == 0
    assert "JX001" in done.stdout
    unknown = _script("--no-such-option")
    assert unknown.returncode == 2
