"""Rules for category C3, 保障支撑, and the whistle's three domains from the general part."""

from __future__ import annotations

from collections.abc import Iterator

from ..plan import Level, Text
from ..rule import Case, Context, Example, Rule, Violation
from ._common import not_declared, terms_not_declared

DISTRICT = ("districts", 0)

# The setup keeps one field per level and per role; which level each field stands for
# is the parameter's (integration-levels, coordinator-split), matched by term ID.
_LEVEL_FIELDS = {"district": "district", "street": "street", "community": "community"}
_ROLE_FIELDS = {
    "city": "overall_coordination",
    "district": "recruitment_training",
    "street": "management_use",
}


def _networks(ctx: Context) -> Iterator[Violation]:
    levels = ctx.parameter("integration-levels").terms
    for path, district in ctx.districts():
        integration = district.network_integration
        if integration is None:
            yield not_declared(
                path, district.name, "network_integration", "“多网”融合情况", "network integration"
            )
            continue
        for level in levels:
            field = _LEVEL_FIELDS[level.id]
            values = getattr(integration, field)
            if values is None:
                yield terms_not_declared(
                    (*path, "network_integration"),
                    f"{district.name}/{field}",
                    field,
                    f"{level.zh}层级融合的网",
                    f"the networks integrated at {level.en.lower()} level",
                )
                continue
            missing = ctx.missing_terms("networks", values)
            if missing:
                hint_zh, hint_en = ctx.term_hint("networks", values)
                yield Violation(
                    (*path, "network_integration", field),
                    f"{district.name}/{field}",
                    f"{district.name}{level.zh}层级未融合：{'、'.join(missing)}{hint_zh}",
                    f"{district.name} has not integrated at {level.en.lower()} level: "
                    f"{', '.join(missing)}{hint_en}",
                )


def _coordinators(ctx: Context) -> Iterator[Violation]:
    roles = ctx.parameter("coordinator-split").terms
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
        for role in roles:
            field = _ROLE_FIELDS[role.id]
            level = Level[role.id.upper()]
            got = getattr(split, field)
            if got is not level:
                shown = got.value if got else "未填写"
                shown_en = got.value if got else "not declared"
                yield Violation(
                    (*path, "coordinators", field),
                    f"{district.name}/coordinators/{field}",
                    f"协管员“{role.zh}”一项现由“{shown}”承担，方案分工为{level.value}级",
                    f"协管员 (auxiliary staff): “{role.en}” lies with {shown_en!r}; the plan "
                    f"gives it to the {level.name.lower()} level ({level.value})",
                    case=role.id,
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
        if district.whistle_domains is None:
            yield terms_not_declared(
                path,
                district.name,
                "whistle_domains",
                "“吹哨”的领域",
                "what the streets whistle on",
            )
            continue
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
            "“多网”融合：区、街道（乡镇）、社区（村）各级融合所列网络",
            "Multi-network integration: each level integrates the listed networks",
        ),
        provision_id="P-3.1.1",
        obligation_ids=("P-3.1.1.a",),
        quote="加快推进城市管理网、社会服务管理网、社会治安网、城管综合执法网等“多网”融合发展",
        rationale=Text(
            "区、街道（乡镇）、社区（村）每一级都须融合所列四网（原文以“等”收尾，所列为最低要求）。"
            "三级之间在信息系统、基础数据等方面的深度融合（P-3.1.1.b）无法从设置文件判断，本规则不检查。",
            "Each level (district, street, community) integrates the four listed networks (the "
            "list ends with 等, so it is a minimum). Whether the three levels are integrated "
            "with each other in information systems and base data (P-3.1.1.b) cannot be seen "
            "in a setup and is not checked.",
        ),
        check=_networks,
        editorial=Text(
            "原文要求“多网”融合，并另要求三级之间深度融合；逐级检查所列网络是本项目对前半句的解读。",
            "The text asks for the networks to merge and, separately, for the three levels to "
            "merge with each other; checking each level's networks is our reading of the first half.",
        ),
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
        provision_id="P-3.2.1",
        obligation_ids=("P-3.2.1.a", "P-3.2.1.b", "P-3.2.1.c"),
        quote="建立市级总体统筹、区级部门招录培训、街道乡镇统筹管理使用的协管员队伍管理机制",
        rationale=Text(
            "协管员三项职能分别由市、区、街道乡镇承担；原文为“试点先行、分类分批实施”，为警告。",
            "Each of the three roles lies with its level; the text says 试点先行、分类分批实施 "
            "(pilot first, in groups and batches), so a warning.",
        ),
        check=_coordinators,
        # One case per role, each resting on its own clause (the term IDs of coordinator-split).
        cases=(
            Case("city", "P-3.2.1.a", Text("市级总体统筹", "the city coordinates overall")),
            Case("district", "P-3.2.1.b", Text("区级部门招录培训", "district departments recruit")),
            Case("street", "P-3.2.1.c", Text("街道乡镇统筹管理使用", "streets manage and use")),
        ),
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
        provision_id=None,
        obligation_ids=("G-1.a",),
        quote="重点围绕“综合执法、重点工作、应急处置”三个方面吹好哨",
        rationale=Text(
            "区的“吹哨”机制覆盖三个方面。出自总体考虑中的目标表述（重点围绕…），为提示。",
            "The district's whistle mechanism covers all three domains. The words come from a "
            "goal in the general part (重点围绕…), so a note.",
        ),
        check=_whistle,
        example=Example(
            at=DISTRICT,
            # 群众诉求, the domain the street-office 条例 Art. 5 adds (JX030), stays in both.
            failing="whistle_domains: [综合执法, 重点工作, 群众诉求]\n",
            passing="whistle_domains: [综合执法, 重点工作, 应急处置, 群众诉求]\n",
        ),
    ),
)
