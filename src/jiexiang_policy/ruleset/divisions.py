"""Registry checks: does a setup name Beijing's real divisions, and all of them?

These rules rest on no clause of the plan: they compare the setup's districts and
streets with the division registry (``jiexiang_policy.divisions``) on the setup's
date, so that every street-level rule judges the right set of units. They warn
(the kind check only notes), so a district using names the registry lacks is
told, not blocked. A district marked ``synthetic: true`` is skipped.
"""

from __future__ import annotations

import copy
import difflib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..divisions import District as RegistryDistrict
from ..divisions import NameKind, Snapshot, TownshipUnit
from ..findings import Severity
from ..locations import PathPart
from ..orgsetup import District, Street
from ..plan import Text
from ..rule import Case, Context, Example, Rule, Violation

DISTRICT = ("districts", 0)

# The suffix is not the legal type: a note, never failing a run.
KIND_SEVERITY = Severity.NOTE

_KIND_OF_NAME = {NameKind.STREET: "街道", NameKind.TOWN: "镇", NameKind.TOWNSHIP: "乡"}

NO_CLAUSE = ""
"""Registry checks quote no clause of the plan."""


def _matched(
    ctx: Context,
) -> Iterator[tuple[tuple[PathPart, ...], District, RegistryDistrict | None, Snapshot]]:
    snapshot = ctx.division_snapshot()
    for path, district in ctx.districts():
        if not district.synthetic:
            yield path, district, snapshot.district(district.name), snapshot


def _streets(
    path: tuple[PathPart, ...], district: District, found: RegistryDistrict
) -> Iterator[tuple[tuple[PathPart, ...], Street, TownshipUnit | None]]:
    for s, street in enumerate(district.streets):
        yield (*path, "streets", s), street, found.find(street.name)


def _near(word: str, candidates: list[str]) -> list[str]:
    return difflib.get_close_matches(word, candidates, n=3, cutoff=0.5)


def _hint(near: list[str]) -> tuple[str, str]:
    """The did-you-mean to append to a finding, in zh and en (empty when nothing is close)."""
    if not near:
        return "", ""
    return f"，是否指“{'”或“'.join(near)}”？", f"; did you mean {' or '.join(near)}?"


def _unknown(ctx: Context) -> Iterator[Violation]:
    for path, district, found, snap in _matched(ctx):
        if found is None:
            near = _near(district.name, [d.name for d in snap.districts])
            by_code = snap.district(district.code) if district.code else None
            if by_code is not None and by_code.name not in near:
                near.insert(0, by_code.name)
            hint_zh, hint_en = _hint(near)
            yield Violation(
                (*path, "name"),
                district.name,
                f"区“{district.name}”不在 {snap.label} 版统计用区划代码中{hint_zh}"
                "（如为示例或测试数据，可写 synthetic: true）",
                f"district {district.name!r} is not in the division codes of {snap.label}"
                f"{hint_en} (for made-up data, write synthetic: true)",
            )
            continue
        spellings = found.spellings()
        for spath, street, unit in _streets(path, district, found):
            if unit is not None:
                continue
            # Each unit once, by its full name, however it matched (西长安街 = 西长安街街道).
            close = _near(street.name, list(spellings))
            near = list(dict.fromkeys(spellings[n].name for n in close))
            coded = snap.unit(street.code) if street.code else None
            if coded is not None and coded.district_code == found.code:
                near = [coded.name, *(n for n in near if n != coded.name)]
            hint_zh, hint_en = _hint(near)
            yield Violation(
                (*spath, "name"),
                f"{district.name}/{street.name}",
                f"“{street.name}”不是 {snap.label} 版统计用区划代码中{district.name}的街乡镇"
                f"{hint_zh}",
                f"{street.name!r} is not a township-level unit of {district.name} in the "
                f"division codes of {snap.label}{hint_en}",
            )


def _code(ctx: Context) -> Iterator[Violation]:
    for path, district, found, snap in _matched(ctx):
        if found is None:
            continue  # JX024
        if district.code is not None and district.code != found.code:
            yield Violation(
                (*path, "code"),
                district.name,
                f"{district.name}的区划代码应为 {found.code}（{snap.label} 版），而不是 {district.code}",
                f"{district.name}'s division code is {found.code} ({snap.label}), "
                f"not {district.code}",
            )
        for spath, street, unit in _streets(path, district, found):
            if unit is None or street.code is None or street.code == unit.code:
                continue
            other = snap.unit(street.code)
            also_zh = f"；{street.code} 在此版中是{other.name}的代码" if other else ""
            also_en = f"; {street.code} is {other.name}'s code in it" if other else ""
            yield Violation(
                (*spath, "code"),
                f"{district.name}/{street.name}",
                f"{street.name}的区划代码在 {snap.label} 版中为 {unit.code}，"
                f"而不是 {street.code}{also_zh}",
                f"{street.name}'s division code is {unit.code} in the codes of {snap.label}, "
                f"not {street.code}{also_en}",
            )


def _missing(ctx: Context) -> Iterator[Violation]:
    for path, district, found, snap in _matched(ctx):
        if found is None or district.partial:
            continue
        present = {u.code for _, _, u in _streets(path, district, found) if u is not None}
        missing = [u for u in found.township_units if u.code not in present]
        if missing:
            listed_zh = "、".join(f"{u.name}（{u.code}）" for u in missing)
            listed_en = ", ".join(f"{u.name} ({u.code})" for u in missing)
            yield Violation(
                (*path, "streets"),
                f"{district.name}/streets",
                f"{district.name}缺少 {snap.label} 版统计用区划代码中的 {len(missing)} 个街乡镇："
                f"{listed_zh}（如只涉及部分街乡镇，可写 partial: true）",
                f"{district.name} leaves out {len(missing)} township-level unit(s) of the "
                f"division codes of {snap.label}: {listed_en} (if the setup covers only some, "
                "write partial: true)",
            )


def _kind(ctx: Context) -> Iterator[Violation]:
    for path, district, found, snap in _matched(ctx):
        if found is None:
            continue
        for spath, street, unit in _streets(path, district, found):
            shown = _KIND_OF_NAME.get(unit.kind) if unit is not None else None
            if unit is None or shown is None or street.kind.value == shown:
                continue
            yield Violation(
                (*spath, "kind"),
                f"{district.name}/{street.name}",
                f"{street.name}的 kind 为“{street.kind.value}”，而 {snap.label} 版名称“{unit.name}”"
                f"显示为{shown}；名称后缀不一定是法定类型，请核实",
                f"{street.name}'s kind is {street.kind.value}, while its name in the codes of "
                f"{snap.label} ({unit.name}) shows {shown}; the suffix is not always the legal "
                "type, please verify",
            )


# --- examples: 西城区 with two of its real streets, in place of the synthetic district ---

_REAL = (("西长安街街道", "110102001"), ("新街口街道", "110102003"))


@functools.cache
def _minimal_district() -> dict[str, Any]:
    # Read once, with libyaml where there is one: eight pure-Python reads and writes took
    # about 0.4 s when the examples were built at import.
    import yaml

    text = (Path(__file__).parent / "minimal-setup.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    district: dict[str, Any] = yaml.load(text, Loader=loader)["districts"][0]
    return district


@functools.cache
def _example(*change: Any) -> str:
    """A district fragment: 西城区, two real streets (with the minimal streets' fields).

    ``change`` is one ``(key, value)`` to make, or nothing for the passing fragment.
    """
    import yaml  # only the documentation and the tests read the examples

    changes = dict(change)
    district = copy.deepcopy(_minimal_district())
    streets = [
        {**street, "name": name, "code": code, "communities": []}
        for street, (name, code) in zip(district["streets"], _REAL, strict=True)
    ]
    fragment: dict[str, Any] = {"name": "西城区", "synthetic": False, "partial": True}
    for key, value in changes.items():
        if key.startswith("street0."):
            streets[0][key.removeprefix("street0.")] = value
        else:
            fragment[key] = value
    # Each street keeps its one sunk 派出所 (JX009), under the street's new name.
    renames = {
        old["name"]: new["name"] for old, new in zip(district["streets"], streets, strict=True)
    }
    offices = [
        {
            **o,
            "name": f"{renames[o['serves'][0]]}派出所",
            "serves": [renames[s] for s in o["serves"]],
        }
        for o in district["offices"]
    ]
    fragment |= {"streets": streets, "offices": offices}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(fragment, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)


def _registry_case(severity: Severity) -> tuple[Case, ...]:
    """The one case of a registry check: its severity is ours, since no clause decides it."""
    return (
        Case(
            "registry",
            None,
            Text("与区划数据不符", "differs from the division registry"),
            severity=severity,
            editorial=Text(
                "区划数据核对不依据任何条款，严重程度是本项目的选择：只提示、不阻断。",
                "A check against the division registry rests on no clause; its severity is "
                "this project's choice, meant to inform, not to block.",
            ),
        ),
    )


def _tail_zh(severity: Severity) -> str:
    """The end of a registry check's rationale, saying the severity its case has."""
    return f"此项为区划数据核对，不依据《实施方案》条文；默认为{severity.label('zh')}，不阻断。"


def _tail_en(severity: Severity) -> str:
    return (
        "A data-quality check against the division registry, resting on no clause of the plan; "
        f"a {severity.value} by default, so it informs without blocking."
    )


RULES: tuple[Rule, ...] = (
    Rule(
        id="JX024",
        name="division-unknown",
        title=Text(
            "区、街乡镇名称见于统计用区划代码",
            "Districts and streets are named as in the division codes",
        ),
        cases=_registry_case(Severity.WARNING),
        provision_id=None,
        obligation_ids=(),
        quote=NO_CLAUSE,
        rationale=Text(
            "设置中的区和街乡镇须见于当日有效的统计用区划代码（全称或无歧义的简称，如“东华门”即"
            "“东华门街道”），否则给出相近名称。" + _tail_zh(Severity.WARNING),
            "Each district and street must be in the division codes in force on the setup's "
            "date (full name, or a short name no other unit of the district shares: 东华门 = "
            "东华门街道); otherwise the finding suggests close names. "
            + _tail_en(Severity.WARNING),
        ),
        check=_unknown,
        example=Example(
            at=DISTRICT,
            failing=functools.partial(_example, ("street0.name", "西长安街道")),
            passing=_example,
        ),
        registry=True,
    ),
    Rule(
        id="JX025",
        name="division-code-matches-name",
        title=Text("区划代码与名称一致", "Division codes match the names"),
        cases=_registry_case(Severity.WARNING),
        provision_id=None,
        obligation_ids=(),
        quote=NO_CLAUSE,
        rationale=Text(
            "填写了区划代码的区和街乡镇，代码须是该名称在当日有效版本中的代码（代码会被重新使用，"
            "如 110106008 在 2019 年为卢沟桥街道、2021 年为六里桥街道）。"
            + _tail_zh(Severity.WARNING),
            "Where a district or street gives a code, it must be the code of that name in the "
            "snapshot in force (codes are reused: 110106008 was 卢沟桥街道 in 2019 and is "
            "六里桥街道 in 2021). " + _tail_en(Severity.WARNING),
        ),
        check=_code,
        example=Example(
            at=DISTRICT,
            failing=functools.partial(_example, ("street0.code", "110102003")),
            passing=_example,
        ),
        registry=True,
    ),
    Rule(
        id="JX026",
        name="division-units-complete",
        title=Text(
            "区的设置列出全部街乡镇（或声明只涉及部分）",
            "A district lists all its township-level units (or says it covers some)",
        ),
        cases=_registry_case(Severity.WARNING),
        provision_id=None,
        obligation_ids=(),
        quote=NO_CLAUSE,
        rationale=Text(
            "区的设置应列出当日有效版本中该区的全部街乡镇（不含开发区等功能区），遗漏的逐一列出；"
            "只涉及部分街乡镇时写 partial: true。" + _tail_zh(Severity.WARNING),
            "A district's setup lists every township-level unit the snapshot in force gives "
            "the district (development zones excluded); the finding names those left out. "
            "Write partial: true when the setup covers only some. " + _tail_en(Severity.WARNING),
        ),
        check=_missing,
        example=Example(
            at=DISTRICT,
            failing=functools.partial(_example, ("partial", False)),
            passing=_example,
        ),
        registry=True,
    ),
    Rule(
        id="JX027",
        name="division-kind-as-named",
        title=Text(
            "街乡镇类型与区划名称所示一致（提示）",
            "A unit's kind agrees with what its name shows (note)",
        ),
        cases=_registry_case(KIND_SEVERITY),
        provision_id=None,
        obligation_ids=(),
        quote=NO_CLAUSE,
        rationale=Text(
            "设置中的 kind（街道/乡/镇）与区划名称后缀不同时提示核实；名称后缀不是法定类型"
            "（“地区”为加挂地区办事处牌子的乡，不作比较）。" + _tail_zh(KIND_SEVERITY),
            "Notes a kind (街道/乡/镇) that differs from the suffix of the unit's name; the "
            "suffix is not the legal type (a …地区 is a 乡 with an added plate, and is not "
            "compared). " + _tail_en(KIND_SEVERITY),
        ),
        check=_kind,
        example=Example(
            at=DISTRICT,
            failing=functools.partial(_example, ("street0.kind", "镇")),
            passing=_example,
        ),
        registry=True,
    ),
)
