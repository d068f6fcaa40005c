"""The work-plan dashboard and the roll-up page in a real headless Chromium.

Filtering by unit shows only that unit's tasks, the chart's numbers equal the JSON
status, columns sort, and the roll-up matrix equals the roll-up JSON. Skips, saying
why, where no Chromium is installed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _browser import DevTools, open_page
from jiexiang_policy.workplan import (
    load_workplan,
    rollup,
    rollup_html,
    status_html,
    workplan_status,
)

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "workplans"
AS_OF = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def status() -> dict[str, Any]:
    data: dict[str, Any] = workplan_status(
        load_workplan(EXAMPLES / "dongcheng-2026.yaml"), as_of=AS_OF
    ).to_dict()
    return data


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    st = workplan_status(load_workplan(EXAMPLES / "dongcheng-2026.yaml"), as_of=AS_OF)
    path = tmp_path_factory.mktemp("dashboard") / "status.html"
    path.write_text(status_html(st), encoding="utf-8")
    with open_page(path.as_uri(), "!!document.getElementById('tasks')") as tools:
        yield tools


def _choose(page: DevTools, select: str, value: str) -> None:
    page.evaluate(
        f"(() => {{ const s = document.getElementById({json.dumps(select)});"
        f" s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change')); }})()"
    )


def _visible_rows(page: DevTools) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = page.evaluate(
        "Array.from(document.querySelectorAll('#tasks tbody tr'))"
        ".filter(r => !r.hidden && r.offsetParent !== null)"
        ".map(r => ({id: r.dataset.id, units: r.dataset.units, bucket: r.dataset.bucket}))"
    )
    return rows


def test_all_tasks_shown_at_first(page: DevTools, status: dict[str, Any]) -> None:
    assert [r["id"] for r in _visible_rows(page)] == [t["id"] for t in status["tasks"]]


@pytest.mark.parametrize("unit", ["区委组织部", "区委编办", "各街道办事处", "区司法局"])
def test_filter_by_unit_shows_only_that_units_tasks(
    page: DevTools, status: dict[str, Any], unit: str
) -> None:
    _choose(page, "f-unit", unit)
    try:
        shown = _visible_rows(page)
        expected = [
            t["id"]
            for t in status["tasks"]
            if unit == t["lead_unit"] or unit in t["cooperating_units"]
        ]
        assert [r["id"] for r in shown] == expected
        assert expected
        assert all(f"|{unit}|" in r["units"] for r in shown)
        ledgers = page.evaluate(
            "Array.from(document.querySelectorAll('.ledger section'))"
            ".filter(s => !s.hidden).map(s => s.dataset.unit)"
        )
        assert ledgers == [unit]
        overdue = page.evaluate(
            "Array.from(document.querySelectorAll('#overdue li'))"
            ".filter(li => !li.hidden).map(li => li.dataset.task)"
        )
        assert overdue == [i["task_id"] for i in status["overdue"] if unit in i["units"]]
        assert page.evaluate("document.getElementById('shown').textContent") == str(len(expected))
    finally:
        _choose(page, "f-unit", "")


def test_filter_by_status_and_unit_together(page: DevTools, status: dict[str, Any]) -> None:
    _choose(page, "f-status", "overdue")
    try:
        shown = _visible_rows(page)
        assert len(shown) == status["counts"]["overdue"] == 2
        assert {r["bucket"] for r in shown} == {"overdue"}
        _choose(page, "f-unit", "区委组织部")
        assert [r["id"] for r in _visible_rows(page)] == ["8"]
    finally:
        _choose(page, "f-unit", "")
        _choose(page, "f-status", "")
    assert len(_visible_rows(page)) == len(status["tasks"])


def test_chart_numbers_equal_the_json(page: DevTools, status: dict[str, Any]) -> None:
    bars: list[dict[str, str]] = page.evaluate(
        "Array.from(document.querySelectorAll('#measure-chart rect.bar'))"
        ".map(b => ({m: b.dataset.key, b: b.dataset.bucket, n: b.dataset.count,"
        " w: b.getBoundingClientRect().width}))"
    )
    drawn: dict[tuple[str, str], int] = {(b["m"], b["b"]): int(b["n"]) for b in bars}
    expected = {
        (m["measure_id"], bucket): count
        for m in status["measures"]
        for bucket, count in m["counts"].items()
        if bucket != "total"
    }
    assert drawn == expected
    # What a reader sees: the bars' widths follow the counts, the figure is done/total.
    for bar in bars:
        assert (float(bar["w"]) > 0) == (int(bar["n"]) > 0)
    figures = page.evaluate(
        "Object.fromEntries(Array.from(document.querySelectorAll('#measure-chart text.figure'))"
        ".map(t => [t.dataset.key, t.textContent]))"
    )
    for m in status["measures"]:
        c = m["counts"]
        assert figures[m["measure_id"]] == (f"{c['done']}/{c['total']}" if c["total"] else "—")
    embedded = json.loads(page.evaluate("document.getElementById('data').textContent"))
    assert embedded == status
    cards = page.evaluate(
        "Object.fromEntries(Array.from(document.querySelectorAll('#totals .card'))"
        ".map(c => [c.dataset.bucket, c.querySelector('b').textContent]))"
    )
    assert {k: int(v) for k, v in cards.items()} == {
        k: v for k, v in status["counts"].items() if k != "total"
    }


def test_overdue_and_due_soon_lists_equal_the_json(page: DevTools, status: dict[str, Any]) -> None:
    overdue = page.evaluate("Array.from(document.querySelectorAll('#overdue li')).length")
    assert overdue == len(status["overdue"]) == 3
    soon = page.evaluate(
        "Array.from(document.querySelectorAll('#due-soon li')).map(li => li.dataset.task)"
    )
    assert soon == [
        i["task_id"]
        for i in status["upcoming"]
        if i["days_left"] is not None and i["days_left"] <= 30
    ]


def test_timeline_has_every_dated_open_item(page: DevTools, status: dict[str, Any]) -> None:
    days = page.evaluate(
        "Array.from(document.querySelectorAll('#timeline g.due')).map(g => g.dataset.day)"
    )
    expected = [i["last_day"] for i in status["overdue"] + status["upcoming"] if i["last_day"]]
    assert days == expected


def test_sorting_by_deadline(page: DevTools) -> None:
    def order() -> list[str]:
        keys: list[str] = page.evaluate(
            "Array.from(document.querySelectorAll('#tasks tbody tr'))"
            ".map(r => r.cells[5].dataset.sort)"
        )
        return keys

    page.evaluate("document.querySelectorAll('#tasks th button')[5].click()")
    assert order() == sorted(order())
    page.evaluate("document.querySelectorAll('#tasks th button')[5].click()")
    assert order() == sorted(order(), reverse=True)
    page.evaluate("document.querySelectorAll('#tasks th button')[0].click()")
    assert page.evaluate("document.querySelector('#tasks tbody tr').dataset.id") == "1"


def test_language_switch(page: DevTools) -> None:
    def shown(cls: str) -> bool:
        return bool(page.evaluate(f"document.querySelector('h2 .{cls}').offsetParent !== null"))

    assert shown("zh")
    assert not shown("en")
    page.evaluate("document.getElementById('lang-toggle').click()")
    assert shown("en")
    assert not shown("zh")
    chart_labels = page.evaluate(
        "Array.from(document.querySelectorAll('#measure-chart text.en'))"
        ".filter(t => t.getBBox().width > 0 && getComputedStyle(t).display !== 'none')"
        ".map(t => t.textContent)"
    )
    assert len(chart_labels) == 14
    assert chart_labels[0].startswith("M01 Define the functions of streets")
    page.evaluate("document.getElementById('lang-toggle').click()")
    assert shown("zh")


def test_rollup_matrix_equals_the_json(tmp_path: Path) -> None:
    plans = [load_workplan(EXAMPLES / f) for f in ("dongcheng-2026.yaml", "xicheng-2026.yaml")]
    view = rollup(plans, as_of=AS_OF)
    path = tmp_path / "rollup.html"
    path.write_text(rollup_html(view), encoding="utf-8")
    data = view.to_dict()
    with open_page(path.as_uri(), "!!document.getElementById('matrix')") as page:
        cells = page.evaluate(
            "Array.from(document.querySelectorAll('#matrix tbody td[data-total]'))"
            ".map(c => [c.closest('tr').dataset.district, c.dataset.measure,"
            " +c.dataset.done, +c.dataset.total, +c.dataset.overdue])"
        )
        bars = page.evaluate(
            "Array.from(document.querySelectorAll('#district-chart rect.bar'))"
            ".map(b => [b.dataset.key, b.dataset.bucket, +b.dataset.count])"
        )
    by_district = {d["district"]: d for d in data["districts"]}
    assert cells
    for district, measure, done, total, overdue in cells:
        c = by_district[district]["measures"][measure]
        assert (done, total, overdue) == (c["done"], c["total"], c["overdue"])
    for district, bucket, count in bars:
        assert count == by_district[district]["counts"][bucket]


def test_pages_are_self_contained(status: dict[str, Any]) -> None:
    st = workplan_status(load_workplan(EXAMPLES / "dongcheng-2026.yaml"), as_of=AS_OF)
    for html in (
        status_html(st),
        rollup_html(rollup([load_workplan(EXAMPLES / "dongcheng-2026.yaml")], as_of=AS_OF)),
    ):
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
        assert "@import" not in html
        assert 'name="viewport"' in html
