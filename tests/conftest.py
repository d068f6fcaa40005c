"""Shared fixtures and Hypothesis profiles.

HYPOTHESIS_PROFILE=ci (set by .ci/run) runs more examples, derandomized so a CI
failure reproduces; the default ``dev`` profile is quicker. No deadlines: these
machines are shared and timing is not what the tests assert.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from jiexiang_policy import Plan, load_plan

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
