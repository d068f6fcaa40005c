"""docs/corpus.html in a real browser: what applied on a date, and one document at a time.

Skips with its reason where no Chromium is installed (tests/_browser.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from _browser import DevTools, open_page

CORPUS = Path(__file__).resolve().parents[1] / "docs" / "corpus.html"
SHOWN = (
    "Array.from(document.querySelectorAll('section.doc'))"
    ".filter(s => !s.hidden).map(s => s.dataset.doc)"
)


@pytest.fixture(scope="module")
def page() -> Iterator[DevTools]:
    with open_page(
        CORPUS.as_uri() + "?date=2020-06-01", "!!document.getElementById('doc')"
    ) as tools:
        yield tools


def _set(page: DevTools, element: str, value: str, event: str) -> None:
    page.evaluate(
        f"(() => {{ const e = document.getElementById('{element}'); e.value = '{value}';"
        f" e.dispatchEvent(new Event('{event}')); }})()"
    )


def test_a_date_in_the_address_shows_what_applied_that_day(page: DevTools) -> None:
    # 2020-06-01: the plan and the street-office regulations, not yet the hotline's.
    assert page.evaluate(SHOWN) == ["plan-2018", "street-office-2019"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2019-12-31", ["plan-2018"]),
        ("2020-01-01", ["plan-2018", "street-office-2019"]),
        ("2021-09-23", ["plan-2018", "street-office-2019"]),
        ("2021-09-24", ["plan-2018", "street-office-2019", "hotline-2021"]),
    ],
)
def test_the_date_filter(page: DevTools, day: str, expected: list[str]) -> None:
    _set(page, "doc", "", "change")
    _set(page, "date", day, "input")
    assert page.evaluate(SHOWN) == expected


def test_the_document_filter(page: DevTools) -> None:
    _set(page, "date", "", "input")
    _set(page, "doc", "hotline-2021", "change")
    assert page.evaluate(SHOWN) == ["hotline-2021"]
    assert page.evaluate("!!document.getElementById('street-office-2019-art-43.c')")
