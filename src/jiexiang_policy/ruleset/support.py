"""Rules for category C3, 保障支撑, and the whistle's three domains from the general part."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..plan import Level, Text
from ..rule import Context, Example, Rule, Violation
from ._common import not_declared

DISTRICT = ("districts", 0)

_LEVEL_FIELDS = (("district", "区"), ("street", "街道(乡镇)"), ("community", "社区(村)"))

# The 协管员 split names one level per role (市级总体统筹、区级部门招录培训、街道乡镇统筹管理使用).
_COORDINATOR_ROLES = (
    ("overall_coordination", Level.CITY, "总体统筹", "overall coordination"),
    ("recruitment_training", Level.DISTRICT, "招录培训", "recruitment and training"),
    ("management_use", Level.STREET, "统筹管理使用", "management and use"),
)


def _networks(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        integration = district.network_integration
        if integration is None:
            yield not_declared(
                path, district.name, "network_integration", "“多网”融合情况", "network integration"
            )
            continue
        for field, level_zh in _LEVEL_FIELDS:
            values = getattr(integration, field)
            missing = ctx.missing_terms("networks", values)
            if missing:
                hint_zh, hint_en = ctx.term_hint("networks", values)
                yield Violation(
                    (*path, "network_integration", field),
                    f"{district.name}/{field}",
                    f"{district.name}{level_zh}层级未融合：{'、'.join(missing)}{hint_zh}",
                    f"{district.name} has not integrated at {field} level: "
                    f"{', '.join(missing)}{hint_en}",
                )


def _coordinators(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        split = district.coordinators
        if split is None:
            yield not_declared(
                path,
                district.name,
                "coordinators",
                "协管员队伍管理机制",
                "the auxiliary staff (协管员) arrangement",
            )
            continue
        for field, level, role_zh, role_en in _COORDINATOR_ROLES:
            got = getattr(split, field)
            if got is not level:
                shown = got.value if got else "未填写"
                yield Violation(
                    (*path, "coordinators", field),
                    f"{district.name}/coordinators/{field}",
                    f"协管员{role_zh}由“{shown}”负责，应为{level.value}级",
                    f"协管员 {role_en} lies with {shown!r}; the plan gives it to level {level.value}",
                )


def _funds(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        if district.autonomous_funds is None:
            yield not_declared(
                path,
                district.name,
                "autonomous_funds",
                "街道自主经费情况",
                "autonomous street funds",
            )
        elif not district.autonomous_funds:
            yield Violation(
                (*path, "autonomous_funds"),
                district.name,
                f"{district.name}未设立街道自主经费",
                f"{district.name} has not set autonomous funds for its streets",
            )


def _whistle(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        missing = ctx.missing_terms("whistle-domains", district.whistle_domains)
        if missing:
            hint_zh, hint_en = ctx.term_hint("whistle-domains", district.whistle_domains)
            yield Violation(
                (*path, "whistle_domains"),
                district.name,
                f"{district.name}的“吹哨”未覆盖：{'、'.join(missing)}{hint_zh}",
                f"{district.name}'s whistle does not cover: {', '.join(missing)}{hint_en}",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        id="JX020",
        name="network-integration",
        title=Text(
            "“多网”融合：区、街道（乡镇）、社区（村）三级",
            "The four networks are integrated at district, street and community level",
        ),
        severity=Severity.ERROR,
        provision_id="P-3.1.1",
        obligation_ids=("P-3.1.1.a", "P-3.1.1.b"),
        quote="加快推进城市管理网、社会服务管理网、社会治安网、城管综合执法网等“多网”融合发展,实现区、街道(乡镇)、社区(村)三级在信息系统、基础数据等方面的深度融合、一体化运行",
        rationale=Text(
            "区、街道、社区三级均须融合四网。",
            "Each of the three levels integrates all four networks.",
        ),
        check=_networks,
        example=Example(
            at=(*DISTRICT, "network_integration"),
            failing="community: [城市管理网, 社会治安网]\n",
            passing="community: [城市管理网, 社会服务管理网, 社会治安网, 城管综合执法网]\n",
        ),
    ),
    Rule(
        id="JX021",
        name="coordinator-management-split",
        title=Text(
            "协管员：市级统筹、区级招录培训、街道乡镇管理使用",
            "Auxiliary staff: city coordinates, district recruits and trains, streets use",
        ),
        severity=Severity.WARNING,
        provision_id="P-3.2.1",
        obligation_ids=("P-3.2.1.a", "P-3.2.1.b", "P-3.2.1.c"),
        quote="建立市级总体统筹、区级部门招录培训、街道乡镇统筹管理使用的协管员队伍管理机制",
        rationale=Text(
            "协管员三项职能须分别由市、区、街道乡镇承担。",
            "Each of the three roles lies with its level.",
        ),
        check=_coordinators,
        example=Example(
            at=(*DISTRICT, "coordinators"),
            failing="management_use: 区\n",
            passing="management_use: 街道乡镇\n",
        ),
    ),
    Rule(
        id="JX022",
        name="street-autonomous-funds",
        title=Text("区级层面设立街道自主经费", "The district sets autonomous funds for streets"),
        severity=Severity.ERROR,
        provision_id="P-3.3.1",
        obligation_ids=("P-3.3.1.a",),
        quote="区级层面要设立街道自主经费,灵活用于各项公共事业的发展",
        rationale=Text("区须设立街道自主经费。", "The district sets autonomous street funds."),
        check=_funds,
        example=Example(
            at=DISTRICT, failing="autonomous_funds: false\n", passing="autonomous_funds: true\n"
        ),
    ),
    Rule(
        id="JX023",
        name="whistle-domains",
        title=Text(
            "围绕综合执法、重点工作、应急处置吹好哨",
            "The whistle covers enforcement, key work and emergencies",
        ),
        severity=Severity.NOTE,
        provision_id=None,
        obligation_ids=(),
        quote="重点围绕“综合执法、重点工作、应急处置”三个方面吹好哨",
        rationale=Text(
            "区的“吹哨”机制须覆盖三个方面。",
            "The district's whistle mechanism covers all three domains.",
        ),
        check=_whistle,
        example=Example(
            at=DISTRICT,
            failing="whistle_domains: [综合执法, 重点工作]\n",
            passing="whistle_domains: [综合执法, 重点工作, 应急处置]\n",
        ),
    ),
)
