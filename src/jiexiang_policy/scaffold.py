"""``jiexiang init``: a setup to start from, with every real unit of a district and placeholders.

The scaffold lists every 街乡镇 of the chosen division snapshot (name, kind, code)
and every field a rule reads, each set to ``待填写`` with a Chinese comment saying
what to fill in and which rule and clause ask for it. The file loads as it is, and
its first check reports one summary per rule, field and district (see
``placeholders.py``), so a first run reads as a to-do list.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence

import attrs
import yaml

from .divisions import District, NameKind, Registry, Snapshot, TownshipUnit, shipped_registry
from .errors import InputError
from .locations import Location
from .placeholders import PLACEHOLDER
from .ruleset import rule_by_id

__all__ = ["DISTRICT_FIELDS", "STREET_FIELDS", "Field", "district_named", "kind_of", "scaffold"]


@attrs.frozen
class Field:
    """A field the scaffold leaves to be filled in, and the rules that read it."""

    name: str
    what_zh: str
    """What to write, in Chinese (shown in the comment)."""
    rule_ids: tuple[str, ...]


STREET_FIELDS: tuple[Field, ...] = (
    Field(
        "internal_bodies",
        "内设机构：comprehensive 是否综合设置、management_layers 管理层级、"
        "bodies 各机构 {name, serves_public 是否直接面向群众}",
        ("JX006", "JX007"),
    ),
    Field(
        "staffing",
        "编制：approved 核定数与 actual 实有数（行政/执法/事业），"
        "leadership_approved / leadership_actual 处科级领导职数",
        ("JX008",),
    ),
    Field(
        "enforcement_center",
        "综合执法中心：physical 是否实体化、departments 进驻部门、fixed 相对固化的方面",
        ("JX013", "JX014", "JX015"),
    ),
    Field("uses_unified_duty_list", "true/false：是否使用全市统一的职责清单", ("JX005",)),
    Field("party_working_rules", "true/false：街道党（工）委是否健全工作规则", ("JX016",)),
    Field(
        "coordination_committee",
        "党建工作协调委员会：established、chair_level（区）、chair_is_party_member_leader、"
        "community_chair_level（街道乡镇：社区协调委员会主任的层级）",
        ("JX017",),
    ),
    Field("lanes", "街巷及街巷长：每条 {name, chief_rank: 处级/科级/其他}", ("JX018",)),
    Field(
        "lane_stewards",
        "小巷管家：每组 {source: 社区“两委”干部/党员群众, count 人数}",
        ("JX019",),
    ),
)
"""Street fields the scaffold leaves as placeholders."""

DISTRICT_FIELDS: tuple[Field, ...] = (
    Field(
        "street_rights",
        "赋予街道乡镇的权力：[提出意见建议权, 统筹协调和督办权, 考核评价权]，2020-01-01 起另加"
        "《北京市街道办事处条例》第十一条七项职权（中文或 ID，如 facility-planning）",
        ("JX004", "JX031"),
    ),
    Field(
        "assessment",
        "考核：streets_assessed_by 对街乡的考核者；departments 对各部门的考核 "
        "{name, components [{assessor, weight}], feedback}；2020-01-01 起 "
        "residents_satisfaction_main、department_evaluators，2021-09-24 起 double_assessment、"
        "hotline_core_rates",
        ("JX001", "JX002", "JX003", "JX032", "JX034", "JX035", "JX036"),
    ),
    Field(
        "enforcement_personnel",
        "执法人员：{district 区级人数, street 基层人数}（与 --baseline 比较）",
        ("JX012",),
    ),
    Field(
        "coordinators",
        "协管员：overall_coordination / recruitment_training / management_use 各由哪一级负责",
        ("JX021",),
    ),
    Field(
        "network_integration",
        "“多网”融合：district / street / community 三级各已融合的网",
        ("JX020",),
    ),
    Field("autonomous_funds", "true/false：是否设立街道自主经费", ("JX022",)),
    Field(
        "whistle_domains",
        "“吹哨”覆盖的方面：[综合执法, 重点工作, 应急处置]，2020-01-01 起另加 群众诉求",
        ("JX023", "JX030"),
    ),
    Field(
        "matching_body_requirements",
        "部门要求街道对口设立机构或加挂牌子的情况：每项 {department, body, legal_basis 法律法规依据}；"
        "没有则写 []",
        ("JX033",),
    ),
)
"""District fields the scaffold leaves as placeholders."""

_KIND = {NameKind.STREET: "街道", NameKind.TOWN: "镇", NameKind.TOWNSHIP: "乡", NameKind.AREA: "乡"}


def _cite(field: Field) -> str:
    parts = []
    for rule_id in field.rule_ids:
        rule = rule_by_id(rule_id)
        parts.append(f"{rule_id} {rule.provision_id}" if rule.provision_id else rule_id)
    return "，".join(parts)


def _placeholder(field: Field, indent: str) -> str:
    return f"{indent}{field.name}: {PLACEHOLDER}  # {field.what_zh}（{_cite(field)}）"


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when it reads back as itself (东华门街道), else quoted."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10_000)
    return dumped.removesuffix("\n").removesuffix("\n...")


def kind_of(unit: TownshipUnit) -> str:
    """The ``kind`` the scaffold writes: as the name shows it, 乡 for a …地区 (a 乡 with an
    added 地区办事处 plate; the comment asks to verify), 街道 for anything else."""
    return _KIND.get(unit.kind, "街道")


def _unit_lines(unit: TownshipUnit) -> list[str]:
    kind = kind_of(unit)
    note = ""
    if unit.kind is NameKind.AREA:
        note = "  # 名称为“地区”：加挂地区办事处牌子的乡；请按法定类型核实（乡/镇/街道）"
    lines = [
        f"      - name: {_scalar(unit.name)}",
        f"        kind: {kind}{note}",
        f"        code: '{unit.code}'",
    ]
    return lines + [_placeholder(f, "        ") for f in STREET_FIELDS]


def _district_lines(district: District, snapshot: Snapshot) -> list[str]:
    units = district.township_units
    lines = [
        f"  - name: {_scalar(district.name)}",
        f"    code: '{district.code}'",
        f"    # {snapshot.label} 版统计用区划代码中{district.name}的全部 {len(units)} 个街乡镇。"
        "如本设置只涉及其中一部分，删去其余并写 partial: true。",
        "    streets:",
    ]
    for unit in units:
        lines += _unit_lines(unit)
    zones = [u for u in district.units if u.is_zone]
    if zones:
        listed = "、".join(f"{u.name}（{u.code}）" for u in zones)
        lines.append(f"    # 未列入（功能区，非街乡镇）：{listed}")
    lines += [
        "    offices: []  # 职能部门派出机构：每个 {name, kind, serves: [街乡镇], status: 下沉/常驻/"
        "未下沉, basis: 区划/区域}（JX009 P-2.1.1，JX010 P-2.1.1，JX011 P-2.1.1）",
    ]
    lines += [_placeholder(f, "    ") for f in DISTRICT_FIELDS]
    return lines


def district_named(snapshot: Snapshot, name: str) -> District:
    """The district of ``snapshot`` named (or coded) ``name``; an input error at
    ``--district`` saying the nearest name, or all of them, when there is none."""
    found = snapshot.district(name.strip())
    if found is None:
        names = [d.name for d in snapshot.districts]
        near = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
        hint = f"; did you mean {near[0]!r}?" if near else f"; known districts: {'、'.join(names)}"
        raise InputError.at(
            Location("--district"),
            f"{name!r} is not a district of the division snapshot {snapshot.label}{hint}",
        )
    return found


def scaffold(
    districts: Sequence[str] | None = None,
    *,
    as_of: dt.date | None = None,
    registry: Registry | None = None,
) -> str:
    """The YAML text of a setup for ``districts`` (by name or code; ``None``: the whole city).

    Units come from the snapshot in force on ``as_of`` (default: the latest);
    the file's ``as_of`` is ``as_of`` (default: the snapshot's date), so a later
    check uses the same snapshot. Raises :class:`~jiexiang_policy.errors.InputError`
    for a district the snapshot lacks.
    """
    snapshot = (registry or shipped_registry()).at(as_of)
    chosen = (
        list(snapshot.districts)
        if districts is None
        else [district_named(snapshot, d) for d in districts]
    )
    date = as_of or snapshot.as_of
    title = "、".join(d.name for d in chosen) if districts is not None else "全市"
    lines = [
        f"# {title}街乡管理体制机制设置：由 `jiexiang init` 生成的初稿。",
        f"# 街乡镇名单、类型与代码取自 {snapshot.label} 版统计用区划代码（{snapshot.source}），",
        "# 见 docs/divisions.md。每个“待填写”都是需要本区填写的字段：注释说明应填什么、",
        "# 依据哪条规则和条款（规则说明：jiexiang explain JX005）。格式说明：docs/getting-started.zh.md。",
        "# 检查：jiexiang check 本文件 —— 尚未填写的字段按区、按字段汇总报告（附街乡镇名单）。",
        "# 字段名为英文（各字段的中文说明见 docs/getting-started.zh.md；英文详解见 docs/setup-format.md）。",
        "schema_version: 1",
        f"name: {_scalar(title + '街乡管理体制机制设置（待填写完善）')}",
    ]
    if date is not None:
        lines.append(f"as_of: {date.isoformat()}  # 本设置描述的日期；区划核对使用该日有效的版本")
    lines.append("districts:")
    for district in chosen:
        lines += _district_lines(district, snapshot)
    return "\n".join(lines) + "\n"
