"""Reading a setup pauses the cyclic collector and leaves it as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from jiexiang_policy import load_setup
from jiexiang_policy.documents import paused_gc
from jiexiang_policy.ruleset import minimal_setup_text


@pytest.fixture(autouse=True)
def _restore_gc() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_collector_is_off_inside_and_back_on_after() -> None:
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_what_was_built_skips_the_young_generations() -> None:
    gc.enable()
    gc.collect()
    setup = load_setup("s.yaml", text=minimal_setup_text())
    # Moved to the oldest generation without a walk: nothing young is left to collect.
    assert gc.get_count()[0] < 100
    assert gc.get_freeze_count() == 0
    assert any(o is setup for o in gc.get_objects(generation=2))


def test_objects_the_process_froze_stay_frozen() -> None:
    gc.enable()
    kept: list[list[int]] = [[] for _ in range(10)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    load_setup("s.yaml", text=minimal_setup_text())
    assert gc.get_freeze_count() == frozen
    assert kept
