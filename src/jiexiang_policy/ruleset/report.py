"""Rules for category C2, 部门报到: offices, enforcement, party work, lanes and stewards."""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..findings import Severity
from ..orgsetup import OfficeStatus, Rank, SettingBasis, StreetKind
from ..plan import Level, Text
from ..rule import Context, Example, Rule, Violation
from ._common import by_district, fraction_text, not_declared

STREET = ("districts", 0, "streets", 0)
DISTRICT = ("districts", 0)


def _one_per_street(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        # An office kind counts as sunk once any of its offices is 下沉.
        kinds = sorted({o.kind for o in district.offices if o.status is OfficeStatus.SUNK})
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for office in district.offices:
            for served in set(office.serves):
                counts[office.kind][served] += 1
        for s, street in enumerate(district.streets):
            for kind in kinds:
                n = counts[kind][street.name]
                if n != 1:
                    yield Violation(
                        (*path, "streets", s, "name"),
                        f"{district.name}/{street.name}/{kind}",
                        f"{street.name}有 {n} 个{kind}，应一街（乡）一所",
                        f"{street.name} has {n} offices of kind {kind}; the plan asks for one",
                    )


def _serves_one(ctx: Context) -> Iterator[Violation]:
    for d, district in enumerate(ctx.setup.districts):
        for o, office in enumerate(district.offices):
            if office.status is OfficeStatus.SUNK and len(set(office.serves)) != 1:
                yield Violation(
                    ("districts", d, "offices", o, "serves"),
                    f"{district.name}/{office.name}",
                    f"已下沉的{office.name}服务 {len(set(office.serves))} 个街乡，应只服务一个",
                    f"sunk office {office.name} serves {len(set(office.serves))} streets, not one",
                )


def _by_division(ctx: Context) -> Iterator[Violation]:
    for d, district in enumerate(ctx.setup.districts):
        for o, office in enumerate(district.offices):
            if office.status is OfficeStatus.SUNK and office.basis is not SettingBasis.DIVISION:
                got = office.basis.value if office.basis else "未填写"
                yield Violation(
                    ("districts", d, "offices", o, "basis"),
                    f"{district.name}/{office.name}",
                    f"{office.name}按“{got}”设置，应由按区域设置调整为按区划设置",
                    f"{office.name} is set by {got!r}; sunk offices are set by division (区划)",
                )


def _personnel_share(ctx: Context) -> Iterator[Violation]:
    if ctx.baseline is None:
        return
    before = by_district(ctx.baseline)
    for path, district in ctx.districts():
        old = before.get(district.name)
        if old is None or old.enforcement_personnel is None:
            continue
        was = old.enforcement_personnel.street_share
        if district.enforcement_personnel is None:
            yield not_declared(
                path,
                district.name,
                "enforcement_personnel",
                "执法人员配置",
                "enforcement personnel",
            )
            continue
        now = district.enforcement_personnel.street_share
        if was is not None and now is not None and now < was:
            yield Violation(
                (*path, "enforcement_personnel", "street"),
                district.name,
                f"{district.name}基层执法人员比例由 {fraction_text(was)} 降至 {fraction_text(now)}，"
                "应提高基层执法人员比例",
                f"{district.name}'s grassroots share of enforcement personnel falls from "
                f"{fraction_text(was)} to {fraction_text(now)}; it must rise",
            )


def _center(ctx: Context) -> Iterator[Violation]:
    for path, district, street in ctx.streets():
        center = street.enforcement_center
        target = f"{district.name}/{street.name}"
        if center is None:
            yield not_declared(
                path,
                target,
                "enforcement_center",
                "综合执法中心",
                "a comprehensive enforcement center",
            )
        elif not center.physical:
            yield Violation(
                (*path, "enforcement_center", "physical"),
                target,
                f"{street.name}的综合执法中心不是实体化的",
                f"{street.name}'s comprehensive enforcement center is not a physical one",
            )


def _center_terms(
    ctx: Context, parameter: str, field: str, zh: str, en: str
) -> Iterator[Violation]:
    """Centers whose ``field`` lacks some of ``parameter``'s terms (JX013 reports no center)."""
    for path, district, street in ctx.streets():
        center = street.enforcement_center
        if center is None:
            continue
        values = getattr(center, field)
        missing = ctx.missing_terms(parameter, values)
        if missing:
            hint_zh, hint_en = ctx.term_hint(parameter, values)
            yield Violation(
                (*path, "enforcement_center", field),
                f"{district.name}/{street.name}",
                f"{street.name}{zh}：{'、'.join(missing)}{hint_zh}",
                f"{street.name}'s enforcement center {en}: {', '.join(missing)}{hint_en}",
            )


def _center_departments(ctx: Context) -> Iterator[Violation]:
    return _center_terms(
        ctx,
        "enforcement-departments",
        "departments",
        "综合执法中心缺少以下部门执法力量",
        "lacks the forces of",
    )


def _center_fixed(ctx: Context) -> Iterator[Violation]:
    return _center_terms(
        ctx,
        "enforcement-fixed-elements",
        "fixed",
        "综合执法中心以下方面未相对固化",
        "has not fixed",
    )


def _working_rules(ctx: Context) -> Iterator[Violation]:
    for path, district, street in ctx.streets():
        if street.party_working_rules is None:
            yield not_declared(
                path,
                f"{district.name}/{street.name}",
                "party_working_rules",
                "党（工）委工作规则情况",
                "whether the party (working) committee has working rules",
            )
        elif not street.party_working_rules:
            yield Violation(
                (*path, "party_working_rules"),
                f"{district.name}/{street.name}",
                f"{street.name}党（工）委未健全完善工作规则",
                f"{street.name}'s party (working) committee has no working rules",
            )


def _committee(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        committee = district.coordination_committee
        if committee is None:
            yield not_declared(
                path,
                district.name,
                "coordination_committee",
                "党建工作协调委员会情况",
                "a party-building coordination committee",
            )
        elif not committee.established:
            yield Violation(
                (*path, "coordination_committee"),
                district.name,
                f"{district.name}未建立党建工作协调委员会",
                f"{district.name} has no party-building coordination committee",
            )
    for path, district, street in ctx.streets():
        committee = street.coordination_committee
        target = f"{district.name}/{street.name}"
        if committee is None:
            yield not_declared(
                path,
                target,
                "coordination_committee",
                "党建工作协调委员会情况",
                "a party-building coordination committee",
            )
        elif not committee.established:
            yield Violation(
                (*path, "coordination_committee"),
                target,
                f"{street.name}未建立党建工作协调委员会",
                f"{street.name} has no party-building coordination committee",
            )
        elif (
            committee.chair_level is not Level.DISTRICT
            or not committee.chair_is_party_member_leader
        ):
            yield Violation(
                (*path, "coordination_committee"),
                target,
                f"{street.name}党建工作协调委员会主任应由区级党员领导干部担任",
                f"{street.name}'s committee must be chaired by a district-level party-member leader",
            )


_chief_rank = operator.attrgetter("chief_rank")


def _lane_chiefs(ctx: Context) -> Iterator[Violation]:
    for path, district, street in ctx.streets():
        # The text asks 街道 to adopt the system now and 乡镇 to explore it step by step.
        severity = None if street.kind is StreetKind.STREET else Severity.WARNING
        target = f"{district.name}/{street.name}"
        if not street.lanes:
            yield Violation(
                (*path, "lanes"),
                target,
                f"{street.name}未实行街巷长制（未列出街巷）",
                f"{street.name} has no lanes with chiefs (街巷长制 not in place)",
                severity,
            )
            continue
        ranks = list(map(_chief_rank, street.lanes))
        if ranks.count(Rank.DIVISION) + ranks.count(Rank.SECTION) == len(ranks):
            continue  # counted in C: a city has tens of thousands of lanes
        for i, lane in enumerate(street.lanes):
            if lane.chief_rank not in (Rank.DIVISION, Rank.SECTION):
                got = lane.chief_rank.value if lane.chief_rank else "无"
                yield Violation(
                    (*path, "lanes", i, "chief_rank"),
                    f"{target}/{lane.name}",
                    f"{street.name}{lane.name}的街巷长级别为“{got}”，应由处级、科级干部担任",
                    f"{lane.name} in {street.name} has chief rank {got!r}; "
                    "chiefs are division- or section-level cadres",
                    severity,
                )


def _stewards(ctx: Context) -> Iterator[Violation]:
    for path, district, street in ctx.streets():
        listed = [g.source for g in street.lane_stewards if g.count > 0]
        if not ctx.term_ids("lane-steward-sources", listed):
            hint_zh, hint_en = ctx.term_hint("lane-steward-sources", listed)
            yield Violation(
                (*path, "lane_stewards"),
                f"{district.name}/{street.name}",
                f"{street.name}没有由社区“两委”干部、党员群众担任的“小巷管家”{hint_zh}",
                f"{street.name} has no lane stewards drawn from community committee "
                f"cadres or party members and residents{hint_en}",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        id="JX009",
        name="one-office-per-street",
        title=Text("一街（乡）一所", "One office of each sunk kind per street"),
        severity=Severity.ERROR,
        provision_id="P-2.1.1",
        obligation_ids=("P-2.1.1.b",),
        quote="实现“一街(乡)一所”",
        rationale=Text(
            "凡有下沉派出机构的种类，每个街乡须恰有一个该类派出机构。",
            "For every office kind that is sunk, each street has exactly one office.",
        ),
        check=_one_per_street,
        example=Example(
            at=DISTRICT,
            failing="offices:\n  - {name: 示例派出所, kind: 派出所, serves: [示例街道], "
            "status: 下沉, basis: 区划}\n",
            passing="offices:\n  - {name: 示例派出所, kind: 派出所, serves: [示例街道], "
            "status: 下沉, basis: 区划}\n  - {name: 第二派出所, kind: 派出所, "
            "serves: [第二街道], status: 下沉, basis: 区划}\n",
        ),
    ),
    Rule(
        id="JX010",
        name="sunk-office-serves-one-street",
        title=Text("下沉派出机构只服务一个街乡", "A sunk office serves exactly one street"),
        severity=Severity.ERROR,
        provision_id="P-2.1.1",
        obligation_ids=("P-2.1.1.b",),
        quote="逐步下沉至街道乡镇,实行分级管理,并由按区域设置调整为按区划设置,实现“一街(乡)一所”",
        rationale=Text(
            "已下沉的派出机构按区划设置，只对应一个街乡。",
            "A sunk office is drawn by division and so serves one street.",
        ),
        check=_serves_one,
        example=Example(
            at=DISTRICT,
            failing="offices:\n  - {name: 示例派出所, kind: 派出所, serves: [示例街道, 第二街道], "
            "status: 下沉, basis: 区划}\n",
            passing="offices:\n  - {name: 示例派出所, kind: 派出所, serves: [示例街道], "
            "status: 下沉, basis: 区划}\n  - {name: 第二派出所, kind: 派出所, "
            "serves: [第二街道], status: 下沉, basis: 区划}\n",
        ),
    ),
    Rule(
        id="JX011",
        name="sunk-office-by-division",
        title=Text("下沉派出机构按区划设置", "Sunk offices are set by division, not by region"),
        severity=Severity.ERROR,
        provision_id="P-2.1.1",
        obligation_ids=("P-2.1.1.b",),
        quote="由按区域设置调整为按区划设置",
        rationale=Text(
            "已下沉的派出机构设置依据须为区划。",
            "A sunk office's area follows the administrative division.",
        ),
        check=_by_division,
        example=Example(
            at=(*DISTRICT, "offices", 0), failing="basis: 区域\n", passing="basis: 区划\n"
        ),
    ),
    Rule(
        id="JX012",
        name="grassroots-enforcement-share-rises",
        title=Text(
            "提高基层执法人员比例（与现状比较）",
            "The grassroots share of enforcement personnel does not fall",
        ),
        severity=Severity.ERROR,
        provision_id="P-2.1.1",
        obligation_ids=("P-2.1.1.d",),
        quote="提高基层执法人员比例,执法力量尽可能向基层倾斜",
        rationale=Text(
            "与现状相比，街道层级执法人员占比不得下降。",
            "Compared with the baseline, the street share of enforcement staff must not fall.",
        ),
        check=_personnel_share,
        needs_baseline=True,
        example=Example(
            at=(*DISTRICT, "enforcement_personnel"),
            failing="district: 100\nstreet: 200\n",
            passing="district: 50\nstreet: 250\n",
        ),
    ),
    Rule(
        id="JX013",
        name="physical-enforcement-center",
        title=Text(
            "街道乡镇普遍建立实体化综合执法中心",
            "Every street has a physical comprehensive enforcement center",
        ),
        severity=Severity.ERROR,
        provision_id="P-2.1.2",
        obligation_ids=("P-2.1.2.a",),
        quote="在街道乡镇普遍建立实体化综合执法中心",
        rationale=Text(
            "每个街乡须有实体化综合执法中心。", "Each street has a physical enforcement center."
        ),
        check=_center,
        example=Example(
            at=(*STREET, "enforcement_center"),
            failing="physical: false\n",
            passing="physical: true\n",
        ),
    ),
    Rule(
        id="JX014",
        name="enforcement-center-departments",
        title=Text(
            "六部门执法力量到街道乡镇办公",
            "The six departments' enforcement forces work at the center",
        ),
        severity=Severity.ERROR,
        provision_id="P-2.1.2",
        obligation_ids=("P-2.1.2.b",),
        quote="公安、消防、城管、工商、交通、食品药品监管等部门执法力量到街道乡镇办公",
        rationale=Text(
            "综合执法中心须有公安、消防、城管、工商、交通、食品药品监管的执法力量。",
            "The center hosts all six departments' forces.",
        ),
        check=_center_departments,
        example=Example(
            at=(*STREET, "enforcement_center"),
            failing="departments: [公安, 城管, 工商, 交通, 食品药品监管]\n",
            passing="departments: [police, fire, urban-management, commerce, "
            "transport, food-drug]\n",
        ),
    ),
    Rule(
        id="JX015",
        name="enforcement-center-fixed",
        title=Text(
            "人员、责任、工作机制、工作场地相对固化",
            "Staff, duties, mechanism and premises are fixed",
        ),
        severity=Severity.ERROR,
        provision_id="P-2.1.2",
        obligation_ids=("P-2.1.2.c",),
        quote="将人员、责任、工作机制、工作场地相对固化",
        rationale=Text(
            "综合执法中心的人员、责任、工作机制、工作场地均须相对固化。",
            "All four elements of the center are fixed.",
        ),
        check=_center_fixed,
        example=Example(
            at=(*STREET, "enforcement_center"),
            failing="fixed: [人员, 责任, 工作机制]\n",
            passing="fixed: [人员, 责任, 工作机制, 工作场地]\n",
        ),
    ),
    Rule(
        id="JX016",
        name="party-working-rules",
        title=Text(
            "健全完善街道乡镇党（工）委工作规则", "The street party committee has working rules"
        ),
        severity=Severity.ERROR,
        provision_id="P-2.2.1",
        obligation_ids=("P-2.2.1.a",),
        quote="健全完善街道乡镇党(工)委工作规则",
        rationale=Text(
            "每个街乡党（工）委须有工作规则。",
            "Each street's party (working) committee has working rules.",
        ),
        check=_working_rules,
        example=Example(
            at=STREET, failing="party_working_rules: false\n", passing="party_working_rules: true\n"
        ),
    ),
    Rule(
        id="JX017",
        name="coordination-committee",
        title=Text(
            "建立党建工作协调委员会，由上一级党员领导干部任主任",
            "Party-building coordination committees exist, chaired from the level above",
        ),
        severity=Severity.ERROR,
        provision_id="P-2.2.2",
        obligation_ids=("P-2.2.2.a", "P-2.2.2.b"),
        quote="建立健全党建工作协调委员会,加强街乡区域化党建工作,推行区、街道党员领导干部担任下一级党建工作协调委员会主任",
        rationale=Text(
            "区和街道须建立协调委员会；街道的协调委员会主任由区级党员领导干部担任。",
            "District and street committees exist; a district-level party-member "
            "leader chairs each street's committee.",
        ),
        check=_committee,
        example=Example(
            at=(*STREET, "coordination_committee"),
            failing="chair_level: 街道乡镇\n",
            passing="chair_level: 区\n",
        ),
    ),
    Rule(
        id="JX018",
        name="lane-chiefs",
        title=Text(
            "街巷长由街道处级、科级干部担任", "Every lane has a division- or section-level chief"
        ),
        severity=Severity.WARNING,
        provision_id="P-2.3.2",
        obligation_ids=("P-2.3.2.a", "P-2.3.2.b"),
        quote="在全市推行街道处级、科级干部担任“街巷长”制,推动街道力量下沉,逐步在乡镇探索推开",
        rationale=Text(
            "街道的每条街巷须有处级或科级街巷长；乡镇为“逐步探索推开”，只给警告。",
            "Every lane of a 街道 has a 处级 or 科级 chief; for 乡/镇 the text says "
            "逐步探索, so the finding is a warning.",
        ),
        check=_lane_chiefs,
        example=Example(
            at=(*STREET, "lanes", 1), failing="chief_rank: 其他\n", passing="chief_rank: 科级\n"
        ),
    ),
    Rule(
        id="JX019",
        name="lane-stewards",
        title=Text(
            "推广社区“两委”干部、党员群众担任“小巷管家”",
            "Lane stewards are drawn from community committees and party members",
        ),
        severity=Severity.WARNING,
        provision_id="P-2.3.3",
        obligation_ids=("P-2.3.3.a",),
        quote="推广社区“两委”干部、党员群众担任“小巷管家”",
        rationale=Text(
            "每个街乡须有来自社区“两委”干部或党员群众的小巷管家。",
            "Each street has stewards from community committees or party members.",
        ),
        check=_stewards,
        example=Example(
            at=STREET,
            failing="lane_stewards:\n  - {source: 物业公司, count: 5}\n",
            passing="lane_stewards:\n  - {source: 党员群众, count: 5}\n",
        ),
    ),
)
