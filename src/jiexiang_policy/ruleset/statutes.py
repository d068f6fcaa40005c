"""Rules resting on the 2019 street-office 条例 and the 2021 hotline 条例 (JX030–JX049).

Each rule names its clauses by qualified ID and applies from the day their
document took force (``timeline.py``): the street-office rules from
2020-01-01, the hotline rules from 2021-09-24. Every clause they rest on says
应当, 不得, 行使 or 统一 (binding), so they are errors.

乡镇 follow the street-office 条例 only by reference (Art. 49: 可以参照), a
permission: a rule resting on that 条例 alone judges nothing for a district
whose declared units are all 乡 or 镇. The hotline 条例 names 乡镇 itself
(Art. 33: “吹哨”街道（乡镇）), so its rules apply to every district.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..orgsetup import District, StreetKind
from ..plan import Text
from ..rule import Context, Example, Rule, Violation
from ._common import not_declared

DISTRICT = ("districts", 0)
STREET_OFFICE = "street-office-2019"
HOTLINE = "hotline-2021"


def _street_office_applies(district: District) -> bool:
    """False for a district whose declared units are all 乡/镇 (Art. 49: 可以参照)."""
    kinds = {s.kind for s in district.streets}
    return not kinds or StreetKind.STREET in kinds


def _whistle_residents(ctx: Context) -> Iterator[Violation]:
    # The plan's three domains are JX023's; this rule asks for what Art. 5 adds.
    plan_terms = set(ctx.parameter("whistle-domains").term_ids())
    param = f"{STREET_OFFICE}:whistle-domains"
    for path, district in ctx.districts():
        # Undeclared domains (None) are reported once, by JX023.
        if not _street_office_applies(district) or district.whistle_domains is None:
            continue
        named = ctx.term_ids(param, district.whistle_domains)
        missing = [
            t.zh for t in ctx.parameter(param).terms if t.id not in plan_terms and t.id not in named
        ]
        if missing:
            hint_zh, hint_en = ctx.term_hint(param, district.whistle_domains)
            yield Violation(
                (*path, "whistle_domains"),
                district.name,
                f"{district.name}的“吹哨”未覆盖{'、'.join(missing)}"
                f"（《北京市街道办事处条例》第五条）{hint_zh}",
                f"{district.name}'s whistle does not cover {', '.join(missing)} "
                f"(street-office regulations, Art. 5){hint_en}",
            )


def _street_powers(ctx: Context) -> Iterator[Violation]:
    param = f"{STREET_OFFICE}:street-powers"
    for path, district in ctx.districts():
        # Undeclared rights (None) are reported once, by JX004.
        if not _street_office_applies(district) or district.street_rights is None:
            continue
        missing = ctx.missing_terms(param, district.street_rights)
        if missing:
            hint_zh, hint_en = ctx.term_hint(param, district.street_rights)
            ids = [t.id for t in ctx.parameter(param).terms if t.zh in missing]
            yield Violation(
                (*path, "street_rights"),
                f"{district.name}/street-powers",
                f"{district.name}未明确街道办事处的职权：{'；'.join(missing)}"
                f"（《北京市街道办事处条例》第十一条）{hint_zh}",
                f"{district.name} does not name these powers of street offices "
                f"(street-office regulations, Art. 11): {', '.join(ids)}{hint_en}",
            )


def _residents_satisfaction(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        if not _street_office_applies(district):
            continue
        assessment = district.assessment
        main = assessment.residents_satisfaction_main if assessment else None
        if main is None:
            yield not_declared(
                (*path, "assessment"),
                district.name,
                "residents_satisfaction_main",
                "对街道的考核是否以辖区居民满意度为主",
                "whether the assessment of streets rests mainly on residents' satisfaction",
            )
        elif not main:
            yield Violation(
                (*path, "assessment", "residents_satisfaction_main"),
                f"{district.name}/assessment/residents_satisfaction_main",
                f"{district.name}对街道的考核未以辖区居民满意度为主",
                f"{district.name}'s assessment of streets does not rest mainly on residents' "
                "satisfaction",
            )


def _matching_bodies(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        if not _street_office_applies(district):
            continue
        demands = district.matching_body_requirements
        if demands is None:
            yield not_declared(
                path,
                district.name,
                "matching_body_requirements",
                "部门要求街道对口设立机构或加挂牌子的情况（没有则写空列表）",
                "departments' requirements of matching bodies or plaques (an empty list if none)",
            )
            continue
        for i, demand in enumerate(demands):
            if not (demand.legal_basis or "").strip():
                yield Violation(
                    (*path, "matching_body_requirements", i),
                    f"{district.name}/{demand.department}/{demand.body}",
                    f"{demand.department}要求街道对口设立或加挂“{demand.body}”，"
                    "无法律、法规明确规定（legal_basis）",
                    f"{demand.department} requires streets to set up or hang “{demand.body}” "
                    "with no law or regulation that expressly requires it (legal_basis)",
                )


def _street_evaluation(ctx: Context) -> Iterator[Violation]:
    # That the streets' part counts in each department's score is JX001's (with its 1/3,
    # which the 条例 does not give); this rule checks whom the streets invite.
    param = f"{STREET_OFFICE}:department-evaluators"
    for path, district in ctx.districts():
        if not _street_office_applies(district):
            continue
        evaluators = district.assessment.department_evaluators if district.assessment else ()
        if not evaluators:
            yield not_declared(
                (*path, "assessment"),
                district.name,
                "department_evaluators",
                "街道邀请哪些主体评价区政府工作部门",
                "whom the streets invite to evaluate district departments",
            )
            continue
        missing = ctx.missing_terms(param, evaluators)
        if missing:
            hint_zh, hint_en = ctx.term_hint(param, evaluators)
            yield Violation(
                (*path, "assessment", "department_evaluators"),
                f"{district.name}/department_evaluators",
                f"{district.name}街道对区政府工作部门的评价未邀请：{'、'.join(missing)}{hint_zh}",
                f"{district.name}'s streets do not invite to evaluate departments: "
                f"{', '.join(missing)}{hint_en}",
            )


def _double_assessment(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        assessment = district.assessment
        value = assessment.double_assessment if assessment else None
        if value is None:
            yield not_declared(
                (*path, "assessment"),
                district.name,
                "double_assessment",
                "是否对“吹哨”街道（乡镇）和“报到”部门进行双考核",
                "whether whistling streets and reporting departments are both assessed",
            )
        elif not value:
            yield Violation(
                (*path, "assessment", "double_assessment"),
                f"{district.name}/assessment/double_assessment",
                f"{district.name}未对“吹哨”街道（乡镇）和“报到”部门进行双考核",
                f"{district.name} does not assess both the whistling streets and the "
                "reporting departments (双考核)",
            )


def _core_rates(ctx: Context) -> Iterator[Violation]:
    param = f"{HOTLINE}:core-rates"
    for path, district in ctx.districts():
        rates = district.assessment.hotline_core_rates if district.assessment else ()
        if not rates:
            yield not_declared(
                (*path, "assessment"),
                district.name,
                "hotline_core_rates",
                "接诉即办考评的核心内容",
                "the core of the hotline assessment",
            )
            continue
        missing = ctx.missing_terms(param, rates)
        if missing:
            hint_zh, hint_en = ctx.term_hint(param, rates)
            yield Violation(
                (*path, "assessment", "hotline_core_rates"),
                f"{district.name}/assessment/hotline_core_rates",
                f"{district.name}的接诉即办考评核心内容缺少：{'、'.join(missing)}{hint_zh}",
                f"{district.name}'s hotline assessment lacks at its core: "
                f"{', '.join(missing)}{hint_en}",
            )


_SEVEN = (
    "[提出意见建议权, 统筹协调和督办权, 考核评价权, facility-planning, major-matters-advice, "
    "joint-enforcement-command, dispatched-offices-lead, multi-department-coordination, "
    "sunk-resources, coordinator-management]"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="JX030",
        name="whistle-residents-demands",
        title=Text(
            "“吹哨”覆盖群众诉求（自 2020-01-01）",
            "The whistle covers residents' demands (from 2020-01-01)",
        ),
        provision_id=None,
        obligation_ids=(),
        clauses=(f"{STREET_OFFICE}:art-5.a",),
        quote="围绕群众诉求、重点工作、综合执法、应急处置等反映集中、难以解决的事项，共同做好辖区服务管理工作",
        rationale=Text(
            "条例第五条把“吹哨”的方面由方案的三个扩展为四个；本规则检查新增的“群众诉求”，"
            "原三个方面由 JX023 检查。只有乡、镇的区不检查（第四十九条：可以参照）。",
            "Art. 5 widens the whistle from the plan's three domains to four; this rule checks "
            "the one it adds, residents' demands (群众诉求); JX023 checks the other three. A "
            "district of townships only is not judged (Art. 49: may follow by reference).",
        ),
        check=_whistle_residents,
        example=Example(
            at=DISTRICT,
            failing="whistle_domains: [综合执法, 重点工作, 应急处置]\n",
            passing="whistle_domains: [综合执法, 重点工作, 应急处置, 群众诉求]\n",
        ),
    ),
    Rule(
        id="JX031",
        name="street-powers",
        title=Text(
            "街道办事处的七项职权（自 2020-01-01）",
            "Street offices hold the seven powers of Art. 11 (from 2020-01-01)",
        ),
        provision_id=None,
        obligation_ids=(),
        clauses=(f"{STREET_OFFICE}:art-11.a",),
        quote="街道办事处行使下列职权",
        rationale=Text(
            "区的 street_rights 须列明条例第十一条的全部七项职权（可写中文或 ID）；"
            "方案的三项权力仍由 JX004 检查。",
            "The district's street_rights name all seven powers of Art. 11 (in Chinese or by "
            "ID); the plan's three rights are still checked by JX004.",
        ),
        check=_street_powers,
        example=Example(
            at=DISTRICT,
            failing="street_rights: [提出意见建议权, 统筹协调和督办权, 考核评价权, "
            "facility-planning, major-matters-advice]\n",
            passing=f"street_rights: {_SEVEN}\n",
        ),
    ),
    Rule(
        id="JX032",
        name="street-assessment-residents-satisfaction",
        title=Text(
            "对街道的考核以辖区居民满意度为主（自 2020-01-01）",
            "Streets are assessed mainly on residents' satisfaction (from 2020-01-01)",
        ),
        provision_id=None,
        obligation_ids=(),
        clauses=(f"{STREET_OFFICE}:art-43.b",),
        quote="建立以辖区居民满意度为主、以居民委员会和区人民政府工作部门评价为辅、监督检查和第三方评估相结合的考核制度",
        rationale=Text(
            "区须声明对街道的考核以辖区居民满意度为主（residents_satisfaction_main: true）。"
            "由区统一考核、部门不得自行考核，由 JX003 依方案并依第四十三条检查。",
            "The district declares that its assessment of streets rests mainly on residents' "
            "satisfaction. One unified assessment, and no department assessing streets on its "
            "own, is checked by JX003 under the plan and Art. 43.",
        ),
        check=_residents_satisfaction,
        example=Example(
            at=(*DISTRICT, "assessment"),
            failing="residents_satisfaction_main: false\n",
            passing="residents_satisfaction_main: true\n",
        ),
    ),
    Rule(
        id="JX033",
        name="no-matching-bodies-demanded",
        title=Text(
            "部门不得要求街道对口设立机构或加挂牌子（自 2020-01-01）",
            "No department requires matching bodies or plaques of streets (from 2020-01-01)",
        ),
        provision_id=None,
        obligation_ids=(),
        clauses=(f"{STREET_OFFICE}:art-9.c",),
        quote="除法律、法规明确规定外，市、区人民政府工作部门不得要求街道办事处、居民委员会对口设立机构或者加挂牌子",
        rationale=Text(
            "区须列出部门对街道对口设立机构、加挂牌子的全部要求（没有则写空列表）；"
            "每项要求须注明明确规定它的法律、法规（legal_basis），否则不允许。",
            "The district lists every department's requirement that streets set up a matching "
            "body or hang a plaque (an empty list if none); each needs the law or regulation "
            "that expressly requires it (legal_basis), or it is not allowed.",
        ),
        check=_matching_bodies,
        example=Example(
            at=DISTRICT,
            failing="matching_body_requirements:\n  - {department: 区某局, body: 某某工作站}\n",
            passing="matching_body_requirements: []\n",
        ),
    ),
    Rule(
        id="JX034",
        name="departments-evaluated-by-streets",
        title=Text(
            "街道邀请辖区单位、居民代表、人大代表和政协委员评价区政府工作部门（自 2020-01-01）",
            "Streets invite local units, residents' representatives and deputies to evaluate "
            "district departments (from 2020-01-01)",
        ),
        provision_id=None,
        obligation_ids=(),
        clauses=(f"{STREET_OFFICE}:art-44.b",),
        quote="街道办事处应当按照区人民政府规定，邀请辖区单位、居民代表、人大代表和政协委员对区人民政府工作部门进行评价，评价结果作为年度绩效考评和提出人事任免意见建议的重要参考依据",
        rationale=Text(
            "区须声明街道邀请哪些主体评价区政府工作部门（department_evaluators），须含条文所列四类。"
            "街道的评价计入部门考核由 JX001 检查（其“三分之一”仅见于方案，条例未规定比例）。",
            "The district declares whom streets invite to evaluate district departments "
            "(department_evaluators), all four the article names. That the streets' evaluation "
            "counts in each department's score is checked by JX001 (its one-third floor is the "
            "plan's; the regulations give no share).",
        ),
        check=_street_evaluation,
        example=Example(
            at=(*DISTRICT, "assessment"),
            failing="department_evaluators: [辖区单位, 居民代表]\n",
            passing="department_evaluators: [辖区单位, 居民代表, 人大代表, 政协委员]\n",
        ),
    ),
    Rule(
        id="JX035",
        name="double-assessment",
        title=Text(
            "对“吹哨”街道（乡镇）和“报到”部门双考核（自 2021-09-24）",
            "Whistling streets and reporting departments are both assessed (from 2021-09-24)",
        ),
        provision_id=None,
        obligation_ids=(),
        clauses=(f"{HOTLINE}:art-33.a",),
        quote="区人民政府应当建立健全党建引领“街乡吹哨、部门报到”考核机制，对“吹哨”街道（乡镇）和“报到”部门进行双考核",
        rationale=Text(
            "区须声明建立双考核机制（double_assessment: true）；乡镇同样适用。",
            "The district declares a double assessment (double_assessment: true); townships "
            "included.",
        ),
        check=_double_assessment,
        example=Example(
            at=(*DISTRICT, "assessment"),
            failing="double_assessment: false\n",
            passing="double_assessment: true\n",
        ),
    ),
    Rule(
        id="JX036",
        name="hotline-assessment-core-rates",
        title=Text(
            "接诉即办考评以响应率、解决率、满意率为核心（自 2021-09-24）",
            "The hotline assessment centres on response, resolution and satisfaction rates "
            "(from 2021-09-24)",
        ),
        provision_id=None,
        obligation_ids=(),
        clauses=(f"{HOTLINE}:art-32.b",),
        quote="以响应率、解决率、满意率为核心内容",
        rationale=Text(
            "区适用的接诉即办考评须以三率为核心（条例未规定权重，本工具不检查权重）。",
            "The hotline assessment the district applies centres on the three rates (the text "
            "gives no weights, so none are checked).",
        ),
        check=_core_rates,
        example=Example(
            at=(*DISTRICT, "assessment"),
            failing="hotline_core_rates: [响应率, 满意率]\n",
            passing="hotline_core_rates: [响应率, 解决率, 满意率]\n",
        ),
    ),
)
