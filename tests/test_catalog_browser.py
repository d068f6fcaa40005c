"""The HTML catalog in a real headless Chromium: typing filters measures, the switch changes language.

Drives the browser over the DevTools protocol (tests/_browser.py), so no Python
dependency is added. Skips, saying why, where no Chromium is installed (.ci/run
installs Debian's chromium package).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from _browser import DevTools, open_page

pytestmark = pytest.mark.browser

CATALOG = Path(__file__).resolve().parents[1] / "docs" / "catalog.html"


@pytest.fixture(scope="module")
def page() -> Iterator[DevTools]:
    ready = "location.protocol === 'file:' && !!document.getElementById('m14')"
    with open_page(CATALOG.as_uri(), ready) as tools:
        yield tools


def _visible_measures(page: DevTools) -> list[str]:
    ids: list[str] = page.evaluate(
        "Array.from(document.querySelectorAll('.measure'))"
        ".filter(m => !m.hidden && m.offsetParent !== null).map(m => m.id)"
    )
    return ids


def _type(page: DevTools, text: str) -> None:
    page.evaluate("(() => { const q = document.getElementById('q'); q.focus(); q.select(); })()")
    page.send(
        "Input.dispatchKeyEvent",
        type="keyDown",
        key="Backspace",
        code="Backspace",
        windowsVirtualKeyCode=8,
    )
    page.send(
        "Input.dispatchKeyEvent",
        type="keyUp",
        key="Backspace",
        code="Backspace",
        windowsVirtualKeyCode=8,
    )
    if text:
        page.send("Input.insertText", text=text)


def test_everything_visible_at_first(page: DevTools) -> None:
    assert len(_visible_measures(page)) == 14


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("协管员", ["m13"]),
        ("街巷长", ["m11"]),
        ("三分之一", ["m04"]),
        ("P-2.1.2", ["m08"]),
        ("Physical Comprehensive Enforcement", ["m08"]),
        ("没有这样的词", []),
    ],
)
def test_typing_filters_measures(page: DevTools, typed: str, expected: list[str]) -> None:
    _type(page, typed)
    assert _visible_measures(page) == expected
    no_results = page.evaluate("document.getElementById('no-results').hidden")
    assert no_results == bool(expected)
    _type(page, "")
    assert len(_visible_measures(page)) == 14


def test_language_switch(page: DevTools) -> None:
    def shown(cls: str) -> bool:
        return bool(
            page.evaluate(f"document.querySelector('#m01 h4 .{cls}').offsetParent !== null")
        )

    assert shown("zh")
    assert not shown("en")
    page.evaluate("document.getElementById('lang-toggle').click()")
    assert shown("en")
    assert not shown("zh")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.evaluate("document.getElementById('lang-toggle').click()")
    assert shown("zh")


def test_every_id_has_an_anchor(page: DevTools) -> None:
    from jiexiang_policy import load_plan

    plan = load_plan()
    ids = [
        o.id
        for group in (
            plan.categories,
            plan.headings,
            plan.measures,
            plan.provisions,
            plan.parameters,
        )
        for o in group
    ]
    ids += [ob.id for _, ob in plan.obligations()]
    missing = page.evaluate(
        f"{json.dumps([i.lower() for i in ids])}.filter(i => !document.getElementById(i))"
    )
    assert missing == []


def test_page_is_self_contained() -> None:
    html = CATALOG.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html
    assert 'name="viewport"' in html
    assert "@media print" in html
