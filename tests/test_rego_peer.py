"""The Rego peer of the benchmark (benchmarks/peers/jiexiang.rego) finds what we find.

The peer benchmark compares our checker with four of its rules written in Rego; the
comparison means something only if both sides flag the same things. Each case mutates the
minimal compliant setup once (or a few times) and both must report the same set of
(rule ID, target). Severities are left out: the Rego side only says what is flagged.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from jiexiang_policy import check, load_plan, load_setup
from jiexiang_policy.ruleset import minimal_setup_text

regorus = pytest.importorskip(
    "regorus", reason="no regorus engine installed (the test extra installs gordon-to-regorus)"
)

ROOT = Path(__file__).resolve().parents[1]


def _peers_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("peers_rego", ROOT / "benchmarks/peers/rego.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PEERS = _peers_module()
RULES: tuple[str, ...] = PEERS.RULES
BASE: dict[str, Any] = yaml.safe_load(minimal_setup_text())
Mutation = Callable[[dict[str, Any]], None]


def _district(doc: dict[str, Any]) -> dict[str, Any]:
    district: dict[str, Any] = doc["districts"][0]
    return district


def _components(*parts: tuple[str, Any] | tuple[str, int, int]) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        components: list[dict[str, Any]] = []
        for part in parts:
            if len(part) == 2:
                components.append({"assessor": part[0], "weight": part[1]})
            else:
                components.append({"assessor": part[0], "points": part[1], "total": part[2]})
        _district(doc)["assessment"]["departments"][0]["components"] = components

    return mutate


def _set(path: tuple[str | int, ...], value: Any) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for step in path[:-1]:
            target = target[step]
        if value is _DROP:
            del target[path[-1]]
        else:
            target[path[-1]] = copy.deepcopy(value)

    return mutate


def _append(path: tuple[str | int, ...], value: Any) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for step in path:
            target = target[step]
        target.append(copy.deepcopy(value))

    return mutate


def _all(*mutations: Mutation) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        for m in mutations:
            m(doc)

    return mutate


def _second_district(*mutations: Mutation) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        other = copy.deepcopy(_district(doc))
        other["name"] = "第二区"
        shell = {"districts": [other]}
        for m in mutations:
            m(shell)
        doc["districts"].append(other)

    return mutate


_DROP = object()
D = ("districts", 0)
DEPT = (*D, "assessment", "departments")
S0 = (*D, "streets", 0)
S1 = (*D, "streets", 1)
O0 = (*D, "offices", 0)
SUNK = "下沉"
SIX = ["公安", "消防", "城管", "工商", "交通", "食品药品监管"]


def _office(name: str, kind: str, serves: list[str], status: str | None = SUNK) -> dict[str, Any]:
    office: dict[str, Any] = {"name": name, "kind": kind, "serves": serves, "basis": "区划"}
    if status is not None:
        office["status"] = status
    return office


CASES: dict[str, Mutation] = {"compliant": _all()}
# JX001: the street share of each department's score, at and around the floor.
for w in ["1/3", "2/6", "3/9", "33.33%", "33.34%", "33.3333%", "0.33", "0.34", "0.3333"]:
    CASES[f"street weight {w}"] = _components(("街乡", w))
for w in ["1/4", "1", "0", "40%", "0.5", "100%", "0%"]:
    CASES[f"street weight {w}, rest to the district"] = _components(
        ("街乡", w), ("区委区政府", "0")
    )
for points, total in [(33, 100), (34, 100), (1, 3), (100, 300), (99, 300), (0, 10)]:
    CASES[f"street points {points}/{total}"] = _components(("街乡", points, total))
CASES["two street parts 1/6 + 1/6"] = _components(("街乡", "1/6"), ("街乡", "1/6"))
CASES["two street parts 1/6 + 1/7"] = _components(("街乡", "1/6"), ("街乡", "1/7"))
CASES["two street parts 16.5% + 1/6"] = _components(("街乡", "16.5%"), ("街乡", "1/6"))
CASES["two street parts in points 16 + 17 of 100"] = _components(
    ("街乡", 16, 100), ("街乡", 17, 100)
)
CASES["no street part"] = _components(("区委区政府", "1"))
CASES["street part given by a department"] = _components(("部门", "1/3"), ("区委区政府", "2/3"))
CASES["no assessment"] = _set((*D, "assessment"), _DROP)
CASES["no departments assessed"] = _set(DEPT, [])
CASES["assessment without departments"] = _set((*D, "assessment"), {"streets_assessed_by": []})
CASES["second department below the floor"] = _append(
    DEPT, {"name": "区商务局", "components": [{"assessor": "街乡", "weight": "30%"}]}
)
CASES["second department at the floor"] = _append(
    DEPT, {"name": "区商务局", "components": [{"assessor": "街乡", "points": 1, "total": 3}]}
)
# JX009 and JX010: offices per street and streets per office.
for status in ["常驻", "未下沉", None]:
    CASES[f"first office {status or 'without a status'}"] = _set(
        (*O0, "status"), status if status else _DROP
    )
CASES["no office sunk"] = _all(
    _set((*O0, "status"), "未下沉"), _set((*D, "offices", 1, "status"), "常驻")
)
CASES["second office removed"] = _set(
    (*D, "offices"), [_office("示例派出所", "派出所", ["示例街道"])]
)
CASES["no offices"] = _set((*D, "offices"), [])
CASES["sunk office serves both streets"] = _set((*O0, "serves"), ["示例街道", "第二街道"])
CASES["sunk office lists its street twice"] = _set((*O0, "serves"), ["示例街道", "示例街道"])
CASES["unsunk office serves both streets"] = _all(
    _set((*O0, "serves"), ["示例街道", "第二街道"]), _set((*O0, "status"), "未下沉")
)
CASES["a second sunk office in one street"] = _append(
    (*D, "offices"), _office("另一派出所", "派出所", ["示例街道"])
)
CASES["a second unsunk office in one street"] = _append(
    (*D, "offices"), _office("另一派出所", "派出所", ["示例街道"], "未下沉")
)
CASES["a new sunk kind in one street"] = _append(
    (*D, "offices"), _office("示例司法所", "司法所", ["示例街道"])
)
CASES["a new sunk kind serving both streets"] = _append(
    (*D, "offices"), _office("示例司法所", "司法所", ["示例街道", "第二街道"])
)
CASES["a new sunk kind, one office a street"] = _all(
    _append((*D, "offices"), _office("示例司法所", "司法所", ["示例街道"])),
    _append((*D, "offices"), _office("第二司法所", "司法所", ["第二街道"], "常驻")),
)
CASES["a new unsunk kind in one street"] = _append(
    (*D, "offices"), _office("示例司法所", "司法所", ["示例街道"], "未下沉")
)
CASES["a new kind without a status"] = _append(
    (*D, "offices"), _office("示例司法所", "司法所", ["示例街道"], None)
)
CASES["a third street without offices"] = _append((*D, "streets"), {"name": "第三街道"})
CASES["the first office of another kind"] = _set((*O0, "kind"), "公安派出所")
CASES["both offices serve both streets"] = _all(
    _set((*O0, "serves"), ["示例街道", "第二街道"]),
    _set((*D, "offices", 1, "serves"), ["第二街道", "示例街道"]),
)
# JX014: the six departments' forces at each street's center, by name or ID.
for i, name in enumerate(SIX):
    CASES[f"center without {name}"] = _set(
        (*S0, "enforcement_center", "departments"), SIX[:i] + SIX[i + 1 :]
    )
CASES["center by IDs"] = _set(
    (*S0, "enforcement_center", "departments"),
    ["police", "fire", "urban-management", "commerce", "transport", "food-drug"],
)
CASES["center by IDs and names"] = _set(
    (*S0, "enforcement_center", "departments"),
    ["police", "消防", "urban-management", "工商", "transport", "食品药品监管"],
)
CASES["center names with spaces"] = _set(
    (*S0, "enforcement_center", "departments"), [" 公 安", "消防 ", "城\t管", *SIX[3:]]
)
CASES["center with a typo"] = _set((*S0, "enforcement_center", "departments"), ["公按", *SIX[1:]])
CASES["center with an extra department"] = _append(
    (*S0, "enforcement_center", "departments"), "税务"
)
CASES["center with a department twice"] = _append(
    (*S0, "enforcement_center", "departments"), "公安"
)
CASES["center lists nothing"] = _set((*S0, "enforcement_center", "departments"), [])
CASES["center without departments field"] = _set((*S0, "enforcement_center", "departments"), _DROP)
CASES["no center"] = _set((*S0, "enforcement_center"), None)
CASES["center field left out"] = _set((*S0, "enforcement_center"), _DROP)
CASES["center in reverse order"] = _set(
    (*S0, "enforcement_center", "departments"), list(reversed(SIX))
)
CASES["both centers lack a department"] = _all(
    _set((*S0, "enforcement_center", "departments"), SIX[1:]),
    _set((*S1, "enforcement_center", "departments"), SIX[:-1]),
)
CASES["an ID with the wrong case"] = _set(
    (*S0, "enforcement_center", "departments"), ["Police", *SIX[1:]]
)
# Several districts, and several rules at once.
CASES["a compliant second district"] = _second_district()
CASES["a second district with a low share"] = _second_district(_components(("街乡", "1/4")))
CASES["a second district, office serving both"] = _second_district(
    _set((*O0, "serves"), ["示例街道", "第二街道"])
)
CASES["a second district without assessment"] = _second_district(_set((*D, "assessment"), _DROP))
CASES["every rule at once"] = _all(
    _components(("街乡", "33%")),
    _set((*O0, "serves"), ["示例街道", "第二街道"]),
    _set((*S1, "enforcement_center", "departments"), SIX[2:]),
)
CASES["low share and a new kind"] = _all(
    _components(("街乡", 30, 100)),
    _append((*D, "offices"), _office("示例司法所", "司法所", ["第二街道"])),
)


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 70


@pytest.fixture(scope="module")
def peer() -> Any:
    return PEERS.regorus_peer(regorus, "regorus", PEERS.plan_data(load_plan()))


@pytest.mark.parametrize("case", sorted(CASES))
def test_rego_flags_what_we_flag(case: str, peer: Any) -> None:
    doc = copy.deepcopy(BASE)
    CASES[case](doc)
    text = json.dumps(doc, ensure_ascii=False)
    report = check(load_setup("setup.json", text=text), select=RULES)
    ours = {(f.rule_id, f.target) for f in report.findings}
    assert peer.check(text) == ours
    if case != "compliant" and "compliant" not in case and "at the floor" not in case:
        assert ours or case.startswith(_UNFLAGGED), f"{case}: nothing flagged"


# Mutations that are allowed by the plan (the other cases each flag something).
_UNFLAGGED = (
    "street weight 1/3",
    "street weight 2/6",
    "street weight 3/9",
    "street weight 33.34%",
    "street weight 0.34",
    "street weight 1,",
    "street weight 40%",
    "street weight 0.5",
    "street weight 100%",
    "street points 34/100",
    "street points 1/3",
    "street points 100/300",
    "two street parts 1/6 + 1/6",
    "two street parts in points",
    "first office",
    "no office sunk",
    "no offices",
    "unsunk office",
    "sunk office lists its street twice",
    "a second unsunk office",
    "a new sunk kind, one office a street",
    "a new unsunk kind",
    "a new kind without a status",
    "the first office of another kind",
    "center by IDs",
    "center names with spaces",
    "center with an extra",
    "center with a department twice",
    "no center",
    "center field left out",
    "center in reverse order",
    "a second district, office",
)
