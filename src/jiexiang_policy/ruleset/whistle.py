"""Rules for category C1, 街乡吹哨: duty list, rights, assessment, internal bodies, staffing."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..orgsetup import Feedback
from ..plan import Text
from ..rule import Context, Example, Rule, Violation
from ._common import by_street, fraction_text, not_declared

STREET = ("districts", 0, "streets", 0)
_ART_11 = (
    "facility-planning, major-matters-advice, joint-enforcement-command, dispatched-offices-lead, "
    "multi-department-coordination, sunk-resources, coordinator-management"
)
DISTRICT = ("districts", 0)


def _duty_list(ctx: Context) -> Iterator[Violation]:
    for path, district, street in ctx.streets():
        if street.uses_unified_duty_list is None:
            yield not_declared(
                path,
                f"{district.name}/{street.name}",
                "uses_unified_duty_list",
                "是否使用全市统一职责清单",
                "use of the city's unified duty list",
            )
        elif not street.uses_unified_duty_list:
            yield Violation(
                (*path, "uses_unified_duty_list"),
                f"{district.name}/{street.name}",
                f"{street.name}未使用全市统一的街道党工委和办事处职责清单",
                f"{street.name} does not use the city's unified duty list",
            )


def _rights(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        missing = ctx.missing_terms("street-rights", district.street_rights)
        if missing:
            hint_zh, hint_en = ctx.term_hint("street-rights", district.street_rights)
            yield Violation(
                (*path, "street_rights"),
                district.name,
                f"{district.name}未赋予街道乡镇：{'、'.join(missing)}{hint_zh}",
                f"{district.name} does not grant streets: {', '.join(missing)}{hint_en}",
            )


def _street_share(ctx: Context) -> Iterator[Violation]:
    floor = ctx.fraction("assessment-weight-floor")
    for path, district in ctx.districts():
        if district.assessment is None or not district.assessment.departments:
            yield not_declared(
                path,
                district.name,
                "assessment",
                "对职能部门的考核方案",
                "the assessment of departments",
            )
            continue
        for i, dept in enumerate(district.assessment.departments):
            share = dept.street_share
            if share < floor:
                yield Violation(
                    (*path, "assessment", "departments", i, "components"),
                    f"{district.name}/{dept.name}",
                    # The percentage is for reading only; the comparison above is exact.
                    f"街乡考核占{dept.name}绩效的 {fraction_text(share)}（约 {float(share):.2%}），"
                    f"低于三分之一（{fraction_text(floor)}）",
                    f"streets give {fraction_text(share)} (about {float(share):.2%}) of "
                    f"{dept.name}'s assessment, less than {fraction_text(floor)}",
                )


def _feedback(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        if district.assessment is None:
            continue  # reported by JX001
        for i, dept in enumerate(district.assessment.departments):
            if dept.feedback is not Feedback.BACK_TO_BACK:
                got = dept.feedback.value if dept.feedback else "未填写"
                got_en = dept.feedback.value if dept.feedback else "not declared"
                yield Violation(
                    (*path, "assessment", "departments", i, "feedback"),
                    f"{district.name}/{dept.name}",
                    f"{dept.name}的考核结果反馈方式为“{got}”，应按“背靠背”原则反馈",
                    f"{dept.name}'s results are fed back as {got_en!r}, not back-to-back (背靠背)",
                )


def _unified_assessment(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        assessors = district.assessment.streets_assessed_by if district.assessment else ()
        unified = ctx.term_ids("unified-assessor", assessors)
        if not unified or len(assessors) != 1:
            listed = "、".join(assessors) or "未填写"
            hint_zh, hint_en = ("", "") if unified else ctx.term_hint("unified-assessor", assessors)
            yield Violation(
                (*path, "assessment", "streets_assessed_by"),
                district.name,
                f"对街乡的考核应由区委区政府统一组织，而非多部门考核（现为：{listed}）{hint_zh}",
                "streets must be assessed in one unified assessment by the district committee "
                f"and government (区委区政府), not by several departments (now: {listed})"
                f"{hint_en}",
            )


def _internal_bodies(ctx: Context) -> Iterator[Violation]:
    for path, district, street in ctx.streets():
        target = f"{district.name}/{street.name}"
        bodies = street.internal_bodies
        if bodies is None:
            yield not_declared(path, target, "internal_bodies", "内设机构", "internal bodies")
            continue
        if not bodies.comprehensive:
            yield Violation(
                (*path, "internal_bodies", "comprehensive"),
                target,
                f"{street.name}的党政内设机构未综合设置",
                f"{street.name}'s party and government bodies are not set comprehensively",
            )
        elif not any(b.serves_public for b in bodies.bodies):
            yield Violation(
                (*path, "internal_bodies", "bodies"),
                target,
                f"{street.name}没有直接面向群众的服务与管理机构",
                f"{street.name} has no body that serves residents directly",
            )


def _layers(ctx: Context) -> Iterator[Violation]:
    if ctx.baseline is None:
        return
    before = by_street(ctx.baseline)
    for path, district, street in ctx.streets():
        old = before.get((district.name, street.name))
        if old is None or old.internal_bodies is None or street.internal_bodies is None:
            continue
        was, now = old.internal_bodies.management_layers, street.internal_bodies.management_layers
        if was is not None and now is not None and now > was:
            yield Violation(
                (*path, "internal_bodies", "management_layers"),
                f"{district.name}/{street.name}",
                f"{street.name}的管理层级由 {was} 级增加到 {now} 级，应减少行政管理层级",
                f"{street.name}'s management layers grow from {was} to {now}; they must shrink",
            )


def _staffing(ctx: Context) -> Iterator[Violation]:
    categories = ctx.parameter("staffing-categories").terms
    for path, district, street in ctx.streets():
        target = f"{district.name}/{street.name}"
        staffing = street.staffing
        if staffing is None:
            yield not_declared(path, target, "staffing", "编制配备", "staffing")
            continue
        approved = {
            ctx.term_id("staffing-categories", k) or k: v for k, v in staffing.approved.items()
        }
        actual = {ctx.term_id("staffing-categories", k) or k: v for k, v in staffing.actual.items()}
        missing = [t.zh for t in categories if t.id not in approved]
        over = [
            (t, actual[t.id], approved[t.id])
            for t in categories
            if t.id in approved and actual.get(t.id, 0) > approved[t.id]
        ]
        if missing:
            yield Violation(
                (*path, "staffing", "approved"),
                target,
                f"{street.name}缺少编制配备标准：{'、'.join(missing)}",
                f"{street.name} has no approved establishment for: {', '.join(missing)}",
            )
        for term, has, allowed in over:
            yield Violation(
                (*path, "staffing", "actual", term.zh),
                f"{target}/{term.id}",
                f"{street.name}{term.zh}编制 {has} 人，超出核定标准 {allowed} 人",
                f"{street.name} has {has} {term.en} staff, above the approved {allowed}",
            )
        lead, lead_ok = staffing.leadership_actual, staffing.leadership_approved
        if lead_ok is None:
            yield not_declared(
                path,
                f"{target}/leadership",
                "staffing",
                "核定的处科级领导职数",
                "the approved leadership positions",
            )
        elif lead is not None and lead > lead_ok:
            yield Violation(
                (*path, "staffing", "leadership_actual"),
                f"{target}/leadership",
                f"{street.name}处科级领导职数 {lead} 个，超出核定 {lead_ok} 个",
                f"{street.name} has {lead} leadership positions, above the approved {lead_ok}",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        id="JX001",
        name="assessment-street-share",
        title=Text(
            "街乡考核权重不少于被考核部门绩效的三分之一",
            "Streets give at least one third of each department's assessment",
        ),
        severity=Severity.ERROR,
        provision_id="P-1.2.2",
        obligation_ids=("P-1.2.2.b",),
        quote="强化街乡对政府职能部门的监督考核权,提高街乡考核权重,所占比例应不少于被考核部门绩效的三分之一",
        rationale=Text(
            "按精确分数计算每个被考核部门（含派出机构）绩效中街乡考核所占比例，须不低于 1/3。",
            "The street share of each assessed department's score is computed exactly "
            "(as a fraction) and must be at least 1/3; 0.3333 or 33.33% fail.",
        ),
        check=_street_share,
        example=Example(
            at=(*DISTRICT, "assessment", "departments", 0),
            failing="components:\n  - {assessor: 街乡, weight: '33.33%'}\n"
            "  - {assessor: 区委区政府, weight: '66.67%'}\n",
            passing="components:\n  - {assessor: 街乡, points: 40, total: 100}\n"
            "  - {assessor: 区委区政府, points: 60, total: 100}\n",
        ),
    ),
    Rule(
        id="JX002",
        name="assessment-feedback-back-to-back",
        title=Text("考核结果按“背靠背”原则反馈", "Assessment results are fed back back-to-back"),
        severity=Severity.ERROR,
        provision_id="P-1.2.2",
        obligation_ids=("P-1.2.2.c",),
        quote="并按照“背靠背”原则反馈考核结果",
        rationale=Text(
            "每个被考核部门的反馈方式须为“背靠背”。",
            "Each assessed department's feedback mode must be 背靠背 (back-to-back).",
        ),
        check=_feedback,
        example=Example(
            at=(*DISTRICT, "assessment", "departments", 0),
            failing="feedback: 公开\n",
            passing="feedback: 背靠背\n",
        ),
    ),
    Rule(
        id="JX003",
        name="unified-street-assessment",
        title=Text(
            "由区委区政府统一组织对街乡的考核",
            "One unified assessment of streets by the district committee and government",
        ),
        severity=Severity.ERROR,
        provision_id="P-1.2.2",
        obligation_ids=("P-1.2.2.a",),
        quote="变多部门考核为区委区政府统一组织对街乡的考核,减轻街乡负担",
        rationale=Text(
            "对街乡的考核者只能是区委区政府一家。",
            "Streets are assessed by 区委区政府 alone, not by several departments.",
        ),
        check=_unified_assessment,
        example=Example(
            at=(*DISTRICT, "assessment"),
            failing="streets_assessed_by: [区委区政府, 区城市管理委员会, 区民政局]\n",
            passing="streets_assessed_by: [区委区政府]\n",
        ),
    ),
    Rule(
        id="JX004",
        name="street-rights",
        title=Text(
            "赋予街道乡镇建议权、统筹协调和督办权、考核评价权",
            "Streets hold the rights to advise, coordinate and supervise, and assess",
        ),
        severity=Severity.ERROR,
        provision_id="P-1.2.1",
        obligation_ids=("P-1.2.1.a", "P-1.2.1.b", "P-1.2.1.c"),
        quote="对相关重大事项提出意见建议权、对辖区需多部门协调解决的综合性事项统筹协调和督办权、对政府职能部门派出机构工作情况考核评价权",
        rationale=Text(
            "区须赋予街道乡镇全部三项权力。", "The district grants streets all three rights."
        ),
        check=_rights,
        example=Example(
            at=DISTRICT,
            # The seven powers of the street-office 条例 Art. 11 (JX031) stay in both.
            failing="street_rights: [提出意见建议权, 统筹协调和督办权, " + _ART_11 + "]\n",
            passing="street_rights: [提出意见建议权, 统筹协调和督办权, 考核评价权, "
            + _ART_11
            + "]\n",
        ),
    ),
    Rule(
        id="JX005",
        name="unified-duty-list",
        title=Text(
            "使用全市统一的街道党工委和办事处职责清单", "Streets use the city's unified duty list"
        ),
        severity=Severity.ERROR,
        provision_id="P-1.1.1",
        obligation_ids=("P-1.1.1.b",),
        quote="梳理、汇总形成全市统一的街道党工委和办事处的职责清单",
        rationale=Text(
            "每个街道乡镇须以全市统一职责清单为依据。",
            "Each street works from the city's unified duty list.",
        ),
        check=_duty_list,
        example=Example(
            at=STREET,
            failing="uses_unified_duty_list: false\n",
            passing="uses_unified_duty_list: true\n",
        ),
    ),
    Rule(
        id="JX006",
        name="internal-bodies",
        title=Text(
            "综合设置内设机构并建设直接面向群众的服务与管理机构",
            "Internal bodies are set comprehensively and include bodies serving residents",
        ),
        severity=Severity.ERROR,
        provision_id="P-1.3.1",
        obligation_ids=("P-1.3.1.a", "P-1.3.1.c"),
        quote="综合设置街道党政内设机构、减少行政管理层级、加强直接面向群众的服务与管理机构建设",
        rationale=Text(
            "内设机构须综合设置，并至少有一个直接面向群众的机构。",
            "Bodies are set comprehensively and at least one serves residents directly.",
        ),
        check=_internal_bodies,
        example=Example(
            at=(*STREET, "internal_bodies"),
            failing="bodies:\n  - {name: 党群工作办公室, serves_public: false}\n",
            passing="bodies:\n  - {name: 党群工作办公室, serves_public: false}\n"
            "  - {name: 民生保障办公室, serves_public: true}\n",
        ),
    ),
    Rule(
        id="JX007",
        name="management-layers-shrink",
        title=Text(
            "减少行政管理层级（与现状比较）",
            "Management layers do not grow (compared with the baseline)",
        ),
        severity=Severity.ERROR,
        provision_id="P-1.3.1",
        obligation_ids=("P-1.3.1.b",),
        quote="按照扁平化管理的工作要求,综合设置街道党政内设机构、减少行政管理层级",
        rationale=Text(
            "与现状（baseline）相比，街道的管理层级不得增加。",
            "Compared with the current setup (baseline), a street's layers must not grow.",
        ),
        check=_layers,
        needs_baseline=True,
        example=Example(
            at=(*STREET, "internal_bodies"),
            failing="management_layers: 3\n",
            passing="management_layers: 2\n",
        ),
    ),
    Rule(
        id="JX008",
        name="staffing-within-standard",
        title=Text(
            "编制和处科级领导职数不超出核定标准",
            "Staffing and leadership positions stay within the approved standard",
        ),
        severity=Severity.ERROR,
        provision_id="P-1.3.2",
        obligation_ids=("P-1.3.2.a", "P-1.3.2.b"),
        quote="制定街道行政、执法、事业等各类编制总量配备标准,合理核定处科级领导职数",
        rationale=Text(
            "行政、执法、事业编制均须有核定标准且实有不超标准；处科级领导职数不超核定数。",
            "Each staffing category has an approved standard and stays within it; "
            "so do leadership positions.",
        ),
        check=_staffing,
        example=Example(
            at=(*STREET, "staffing"),
            failing="leadership_actual: 12\n",
            passing="leadership_actual: 10\n",
        ),
    ),
)
