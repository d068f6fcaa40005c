"""Rules for category C2, 部门报到: offices, enforcement, party work, lanes and stewards."""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..findings import Severity
from ..orgsetup import OfficeStatus, Rank, SettingBasis, StreetKind
from ..plan import Level, Text
from ..rule import Case, Context, Example, Rule, Violation
from ._common import by_district, not_declared, share_text, terms_not_declared

STREET = ("districts", 0, "streets", 0)
DISTRICT = ("districts", 0)


def _one_per_street(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        # An office kind counts as sunk once any of its offices is 下沉.
        sunk_status = OfficeStatus.SUNK  # once: an enum's class attribute is a Python lookup
        sunk = [o for o in district.offices if o.status is sunk_status]
        kinds = sorted({o.kind for o in sunk})
        # Only sunk offices count: a resident force (常驻) is what 有条件的区可 permits. A sunk
        # office serving several streets is JX010's finding; it neither doubles nor fills
        # a street here, so one fact is reported once.
        single = [o for o in sunk if len(set(o.serves)) == 1]
        # Counted by Counter's C loop: (kind, street) → how many sunk offices serve only it.
        counted = Counter((o.kind, o.serves[0]) for o in single)
        shared: dict[str, set[str]] = defaultdict(set)
        for office in sunk:
            if len(set(office.serves)) != 1:
                shared[office.kind].update(office.serves)
        by_kind = [(kind, shared[kind]) for kind in kinds]
        for s, street in enumerate(district.streets):
            for kind, shared_streets in by_kind:
                n = counted.get((kind, street.name), 0)  # C; a Counter's own 0 is a Python call
                if n > 1:
                    yield Violation(
                        (*path, "streets", s, "name"),
                        f"{district.name}/{street.name}/{kind}",
                        f"{district.name}/{street.name}有 {n} 个{kind}，应一街（乡）一所",
                        f"{district.name}/{street.name} has {n} offices of kind {kind}; the plan asks for one "
                        "per street (一街一所)",
                        case="doubled",
                    )
                elif n == 0 and street.name not in shared_streets:
                    yield Violation(
                        (*path, "streets", s, "name"),
                        f"{district.name}/{street.name}/{kind}",
                        f"{district.name}/{street.name}尚无下沉的{kind}：本区已有{kind}下沉；方案要求适宜由街道乡镇管理的"
                        "派出机构逐步下沉",
                        f"{district.name}/{street.name} has no sunk {kind} yet, though the district has sunk "
                        "offices of this kind; the plan asks offices suitable for the streets' "
                        "management to sink step by step (逐步下沉)",
                        case="missing",
                    )


def _serves_one(ctx: Context) -> Iterator[Violation]:
    sunk = OfficeStatus.SUNK  # once: an enum's class attribute is a Python lookup
    for d, district in enumerate(ctx.setup.districts):
        for o, office in enumerate(district.offices):
            if office.status is sunk and len(set(office.serves)) != 1:
                yield Violation(
                    ("districts", d, "offices", o, "serves"),
                    f"{district.name}/{office.name}",
                    f"{district.name}/{office.name}（已下沉）服务 {len(set(office.serves))} 个街乡，应只服务一个",
                    f"sunk office {district.name}/{office.name} serves {len(set(office.serves))} streets, not one",
                )


def _by_division(ctx: Context) -> Iterator[Violation]:
    parameter = ctx.parameter("office-setting-basis")
    basis, quote = parameter.terms[0], parameter.quote
    # Decided once per value, not per office (a city has thousands); a tuple, so that
    # `in` compares members by identity in C instead of hashing them in Python.
    accepted = tuple(
        b for b in SettingBasis if ctx.term_id("office-setting-basis", b.value) is not None
    )
    sunk = OfficeStatus.SUNK
    for d, district in enumerate(ctx.setup.districts):
        for o, office in enumerate(district.offices):
            if office.status is sunk and office.basis not in accepted:
                got = office.basis.value if office.basis else None
                yield Violation(
                    ("districts", d, "offices", o, "basis"),
                    f"{district.name}/{office.name}",
                    f"{district.name}/{office.name}按“{got or '未填写'}”设置，应按“{basis.zh}”设置（{quote}）",
                    f"{district.name}/{office.name} is set by {got or 'not declared'!r}; sunk offices are set "
                    f"{basis.en.lower()} ({basis.zh})",
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
        if was is None or now is None or now > was:
            continue
        if now < was:
            yield Violation(
                (*path, "enforcement_personnel", "street"),
                district.name,
                f"{district.name}基层执法人员比例由 {share_text(was)} 降至 {share_text(now)}；"
                "方案要求提高基层执法人员比例",
                f"{district.name}'s grassroots share of enforcement personnel falls from "
                f"{share_text(was, 'en')} to {share_text(now, 'en')}; the plan asks for it to rise",
                case="falls",
            )
        else:
            yield Violation(
                (*path, "enforcement_personnel", "street"),
                district.name,
                f"{district.name}基层执法人员比例仍为 {share_text(now)}，未提高；"
                "方案要求提高基层执法人员比例",
                f"{district.name}'s grassroots share of enforcement personnel stays at "
                f"{share_text(now, 'en')}; the plan asks for it to rise",
                case="unchanged",
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
                f"{district.name}/{street.name}的综合执法中心不是实体化的",
                f"{district.name}/{street.name}'s comprehensive enforcement center is not a physical one",
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
        if values is None:
            yield terms_not_declared(
                (*path, "enforcement_center"),
                f"{district.name}/{street.name}",
                field,
                f"综合执法中心的{'进驻部门' if field == 'departments' else '相对固化的要素'}",
                f"the enforcement center's {'departments' if field == 'departments' else 'fixed elements'}",
            )
            continue
        missing = ctx.missing_terms(parameter, values)
        if missing:
            hint_zh, hint_en = ctx.term_hint(parameter, values)
            yield Violation(
                (*path, "enforcement_center", field),
                f"{district.name}/{street.name}",
                f"{district.name}/{street.name}{zh}：{'、'.join(missing)}{hint_zh}",
                f"{district.name}/{street.name}'s enforcement center {en}: {', '.join(missing)}{hint_en}",
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
                f"{district.name}/{street.name}党（工）委未健全完善工作规则",
                f"{district.name}/{street.name}'s party (working) committee has no working rules",
            )


def _committee(ctx: Context) -> Iterator[Violation]:
    # 区、街道党员领导干部担任下一级…主任: the parameter lists the chairing levels in
    # order, so the district's leaders chair a street's committee and the street's
    # leaders chair its communities'.
    levels = ctx.parameter("coordination-committee-levels").terms
    above_street, above_community = (Level[t.id.upper()] for t in levels)
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
            continue
        if not committee.established:
            yield Violation(
                (*path, "coordination_committee"),
                target,
                f"{district.name}/{street.name}未建立党建工作协调委员会",
                f"{district.name}/{street.name} has no party-building coordination committee",
            )
            continue
        if committee.chair_level is not above_street or not committee.chair_is_party_member_leader:
            yield Violation(
                (*path, "coordination_committee", "chair_level"),
                f"{target}/chair",
                f"{district.name}/{street.name}党建工作协调委员会主任未由{levels[0].zh}级党员领导干部担任"
                "（方案要求推行）",
                f"{district.name}/{street.name}'s committee is not chaired by a {levels[0].en.lower()}-level "
                "party-member leader (the plan asks for this to be rolled out)",
                case="chair",
            )
        # 街道党员领导干部 chair the communities' committees: the text names 街道 only, so a
        # 乡 or 镇 is not asked this. 街道 or 街道乡镇 both name the street's level.
        if street.kind is StreetKind.STREET and committee.community_chair_level not in (
            above_community,
            Level.SUBDISTRICT,
        ):
            got = committee.community_chair_level
            yield Violation(
                (*path, "coordination_committee", "community_chair_level"),
                f"{target}/community-chair",
                f"{district.name}/{street.name}所辖社区的党建工作协调委员会主任未由{levels[1].zh}党员领导干部担任"
                f"（现为：{_level_zh(got)}；方案要求推行）",
                f"the committees of {district.name}/{street.name}'s communities are not chaired by "
                f"{levels[1].en.lower()}-level party-member leaders "
                f"(now: {got.value if got else 'not declared'}; the plan asks for this to be "
                "rolled out)",
                case="chair",
            )


def _level_zh(level: Level | None) -> str:
    if level is None:
        return "未填写"
    return "社区（村）" if level is Level.COMMUNITY else level.value


_chief_rank = operator.attrgetter("chief_rank")


def _lane_chiefs(ctx: Context) -> Iterator[Violation]:
    ranks = ctx.parameter("lane-chief-ranks").terms
    ranks_zh = "、".join(t.zh for t in ranks)
    ranks_en = " or ".join(t.en.lower() for t in ranks)
    # Decided once per rank, not per lane: a city has tens of thousands of lanes.
    accepted = {r for r in Rank if ctx.term_id("lane-chief-ranks", r.value) is not None}
    for path, district, street in ctx.streets():
        # 街道: 在全市推行 (rollout); 乡镇: 逐步…探索推开 (an aim). The clause decides.
        case = "street" if street.kind is StreetKind.STREET else "township"
        target = f"{district.name}/{street.name}"
        if not street.lanes:
            yield Violation(
                (*path, "lanes"),
                target,
                f"{district.name}/{street.name}未实行街巷长制（未列出街巷）",
                f"{district.name}/{street.name} has no lanes with chiefs (街巷长制 not in place)",
                case=case,
            )
            continue
        chief_ranks = list(map(_chief_rank, street.lanes))
        if sum(map(chief_ranks.count, accepted)) == len(chief_ranks):
            continue  # counted in C: a set would hash each rank with Enum's Python __hash__
        ok = [rank in accepted for rank in chief_ranks]
        for i, lane in enumerate(street.lanes):
            if ok[i]:
                continue
            if lane.chief_rank is None:
                zh = (
                    f"{district.name}/{street.name}/{lane.name}没有街巷长（应由{ranks_zh}干部担任）"
                )
                en = f"{district.name}/{street.name}/{lane.name} has no lane chief ({ranks_en} cadres serve)"
            else:
                got = lane.chief_rank.value
                zh = f"{district.name}/{street.name}/{lane.name}的街巷长级别为“{got}”，应由{ranks_zh}干部担任"
                en = (
                    f"{district.name}/{street.name}/{lane.name} has a lane chief of rank {got!r}; "
                    f"chiefs are {ranks_en} cadres"
                )
            yield Violation(
                (*path, "lanes", i, "chief_rank"), f"{target}/{lane.name}", zh, en, case
            )


def _stewards(ctx: Context) -> Iterator[Violation]:
    for path, district, street in ctx.streets():
        listed = [g.source for g in street.lane_stewards if g.count > 0]
        if not ctx.term_ids("lane-steward-sources", listed):
            hint_zh, hint_en = ctx.term_hint("lane-steward-sources", listed)
            yield Violation(
                (*path, "lane_stewards"),
                f"{district.name}/{street.name}",
                f"{district.name}/{street.name}没有由社区“两委”干部、党员群众担任的“小巷管家”{hint_zh}",
                f"{district.name}/{street.name} has no lane stewards drawn from community committee "
                f"cadres or party members and residents{hint_en}",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        id="JX009",
        name="one-office-per-street",
        title=Text("一街（乡）一所", "One office of each sunk kind per street"),
        provision_id="P-2.1.1",
        obligation_ids=("P-2.1.1.b", "P-2.1.1.a"),
        quote="逐步下沉至街道乡镇,实行分级管理,并由按区域设置调整为按区划设置,实现“一街(乡)一所”",
        rationale=Text(
            "凡本区有下沉的派出机构种类：一个街乡有两个以上该类机构，违背“一街（乡）一所”（错误）；"
            "一个街乡尚无该类机构，是方案允许的逐步下沉（警告）。",
            "For every office kind the district has sunk: two or more offices of the kind in "
            "one street break 一街(乡)一所 (error); none yet is the step-by-step sinking the "
            "text allows (逐步下沉, warning).",
        ),
        check=_one_per_street,
        cases=(
            Case(
                "doubled",
                "P-2.1.1.b",
                Text("同一街乡有两个以上同类机构", "two or more in a street"),
            ),
            Case(
                "missing",
                "P-2.1.1.a",
                Text("街乡尚无该类下沉机构", "none yet in a street"),
                editorial=Text(
                    "哪些派出机构“适宜由街道乡镇管理”原文未列出：本区已下沉某类机构，即视为该类适宜下沉。",
                    "The text does not list which offices are suitable to sink: a kind the "
                    "district has sunk somewhere is taken to be suitable everywhere in it.",
                ),
            ),
        ),
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
            "提高基层执法人员比例：与现状比较，下降为错误，不变为提示",
            "A higher grassroots share of enforcement staff: against the baseline, a fall is "
            "an error, no change a note",
        ),
        provision_id="P-2.1.1",
        obligation_ids=("P-2.1.1.d",),
        quote="提高基层执法人员比例,执法力量尽可能向基层倾斜",
        rationale=Text(
            "与现状相比，街道层级执法人员占比下降即违背“提高基层执法人员比例”；不变则提示方案要求提高；提高不报告。",
            "Against the baseline, a fall in the street share of enforcement staff goes against "
            "“raise the grassroots share”; no change is a note that the plan asks for a rise; "
            "a rise is not reported.",
        ),
        check=_personnel_share,
        editorial=Text(
            "原文的“基层”未作界定：本规则以街道层级执法人员占区、街两级之和的比例衡量。",
            "The text does not define 基层 (grassroots): this rule measures it as the street "
            "level's share of district and street enforcement staff.",
        ),
        cases=(
            Case("falls", "P-2.1.1.d", Text("比例下降", "the share falls")),
            Case(
                "unchanged",
                "P-2.1.1.d",
                Text("比例不变", "the share is unchanged"),
                severity=Severity.NOTE,
                editorial=Text(
                    "条款要求“提高”且“尽可能”倾斜，未给出幅度或期限：不变只作提示。",
                    "The text asks for a rise, “as far as possible”, with no size or date: "
                    "no change is only a note.",
                ),
            ),
        ),
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
        provision_id="P-2.1.2",
        obligation_ids=("P-2.1.2.b",),
        quote="公安、消防、城管、工商、交通、食品药品监管等部门执法力量到街道乡镇办公",
        rationale=Text(
            "综合执法中心须有条款点名的各部门执法力量（公安、消防、城管、工商、交通、食品药品监管）。"
            "原文以“等”收尾，所列为最低要求：多出的部门不报告。部门名称按原文；原文之后出现的部门名称"
            "不在原文中，本规则不代为换算，可在 policies/ 中自行增补。",
            "The center hosts the forces of every department the clause names. The list ends "
            "with 等 (and others), so it is a minimum: more departments are fine. Names are the "
            "text's; names of departments that came after the text are not in it and are not "
            "mapped here: a policy folder may add them.",
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
        provision_id="P-2.2.2",
        obligation_ids=("P-2.2.2.a", "P-2.2.2.b"),
        quote="建立健全党建工作协调委员会,加强街乡区域化党建工作,推行区、街道党员领导干部担任下一级党建工作协调委员会主任",
        rationale=Text(
            "每个街乡建立党建工作协调委员会（错误）；街乡协调委员会主任由区级党员领导干部担任，街道所辖社区的"
            "协调委员会主任由街道党员领导干部担任，原文为“推行”（警告）。原文未要求区级协调委员会，不检查；"
            "乡镇所辖村的主任原文未提及，不检查。",
            "Each street and township has a party-building coordination committee (error); a "
            "district-level party-member leader chairs it, and a 街道's leaders chair its "
            "communities' committees, which the text asks to roll out (推行, warning). The text "
            "asks for no district-level committee, and names no chair for a township's villages: "
            "neither is checked.",
        ),
        check=_committee,
        cases=(
            Case("established", "P-2.2.2.a", Text("未建立协调委员会", "no committee")),
            Case(
                "chair",
                "P-2.2.2.b",
                Text("主任不是上一级党员领导干部", "chair not from the level above"),
            ),
        ),
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
            "推行街道处级、科级干部担任“街巷长”制",
            "The lane-chief system: division- or section-level cadres serve as lane chiefs",
        ),
        provision_id="P-2.3.2",
        obligation_ids=("P-2.3.2.a", "P-2.3.2.b"),
        quote="在全市推行街道处级、科级干部担任“街巷长”制,推动街道力量下沉,逐步在乡镇探索推开",
        rationale=Text(
            "每条街巷须有处级或科级街巷长。街道：原文“在全市推行”，为警告；乡镇：原文“逐步在乡镇探索推开”，为提示。",
            "Every lane has a division- or section-level chief. For a 街道 the text says "
            "在全市推行 (roll out city-wide): a warning; for 乡/镇 it says 逐步…探索推开 "
            "(explore step by step): a note.",
        ),
        check=_lane_chiefs,
        cases=(
            Case("street", "P-2.3.2.a", Text("街道的街巷", "lanes of a 街道")),
            Case("township", "P-2.3.2.b", Text("乡、镇的街巷", "lanes of a 乡 or 镇")),
        ),
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
        provision_id="P-2.3.3",
        obligation_ids=("P-2.3.3.a",),
        quote="推广社区“两委”干部、党员群众担任“小巷管家”",
        rationale=Text(
            "每个街乡应有来自社区“两委”干部或党员群众的小巷管家；原文为“推广”，为警告。",
            "Each street has stewards from the community's two committees or from party "
            "members and residents; the text says 推广 (promote), so a warning.",
        ),
        check=_stewards,
        example=Example(
            at=STREET,
            failing="lane_stewards:\n  - {source: 物业公司, count: 5}\n",
            passing="lane_stewards:\n  - {source: 党员群众, count: 5}\n",
        ),
    ),
)
