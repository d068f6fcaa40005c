"""Rules for category C1, 街乡吹哨: duty list, rights, assessment, internal bodies, staffing."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..plan import Text
from ..rule import Case, Context, Example, Rule, Violation
from ._common import by_street, not_declared, share_text, terms_not_declared

STREET = ("districts", 0, "streets", 0)
_ART_11 = (
    "facility-planning, major-matters-advice, joint-enforcement-command, dispatched-offices-lead, "
    "multi-department-coordination, sunk-resources, coordinator-management"
)
DISTRICT = ("districts", 0)


def _duty_list(ctx: Context) -> Iterator[Violation]:
    for path, district, street in ctx.streets_in_scope("P-1.1.1.b"):
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
        if district.street_rights is None:
            yield terms_not_declared(
                path,
                district.name,
                "street_rights",
                "赋予街道乡镇的权力",
                "the rights granted to streets",
            )
            continue
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
                    f"街乡考核占{dept.name}绩效的 {share_text(share)}，"
                    f"低于方案规定的下限 {share_text(floor)}",
                    f"streets give {share_text(share, 'en')} of {dept.name}'s assessment, "
                    f"less than the plan's floor of {share_text(floor, 'en')}",
                )


def _feedback(ctx: Context) -> Iterator[Violation]:
    principle = ctx.parameter("assessment-feedback").terms
    want_zh = "、".join(f"“{t.zh}”" for t in principle)
    want_en = ", ".join(f"{t.en.lower()} ({t.zh})" for t in principle)
    for path, district in ctx.districts():
        if district.assessment is None:
            continue  # reported by JX001
        for i, dept in enumerate(district.assessment.departments):
            got = dept.feedback.value if dept.feedback else None
            if got is None or ctx.term_id("assessment-feedback", got) is None:
                yield Violation(
                    (*path, "assessment", "departments", i, "feedback"),
                    f"{district.name}/{dept.name}",
                    f"{dept.name}的考核结果反馈方式为“{got or '未填写'}”，应按{want_zh}原则反馈",
                    f"{dept.name}'s results are fed back as {got or 'not declared'!r}, "
                    f"not {want_en}",
                )


def _unified_assessment(ctx: Context) -> Iterator[Violation]:
    for path, district in ctx.districts():
        declared = district.assessment.streets_assessed_by if district.assessment else None
        assessors = declared or ()
        unified = ctx.term_ids("unified-assessor", assessors)
        if not unified or len(assessors) != 1:
            listed = "、".join(assessors) or ("未填写" if declared is None else "无")
            listed_en = ", ".join(assessors) or ("not declared" if declared is None else "none")
            hint_zh, hint_en = ("", "") if unified else ctx.term_hint("unified-assessor", assessors)
            who = ctx.parameter("unified-assessor").terms
            yield Violation(
                (*path, "assessment", "streets_assessed_by"),
                district.name,
                f"对街乡的考核应由{'、'.join(t.zh for t in who)}统一组织，而非多部门考核"
                f"（现为：{listed}）{hint_zh}",
                "streets are to be assessed in one assessment organised by "
                f"{', '.join(f'the {t.en.lower()} ({t.zh})' for t in who)}, not by several "
                f"departments (now: {listed_en}){hint_en}",
            )


def _internal_bodies(ctx: Context) -> Iterator[Violation]:
    for path, district, street in ctx.streets_in_scope("P-1.3.1.a"):
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
    for path, district, street in ctx.streets_in_scope("P-1.3.1.b"):
        old = before.get((district.name, street.name))
        if old is None or old.internal_bodies is None or street.internal_bodies is None:
            continue
        was, now = old.internal_bodies.management_layers, street.internal_bodies.management_layers
        if was is None or now is None or now < was:
            continue
        target = f"{district.name}/{street.name}"
        at = (*path, "internal_bodies", "management_layers")
        if now > was:
            yield Violation(
                at,
                target,
                f"{street.name}的管理层级由 {was} 级增加到 {now} 级；方案要求减少行政管理层级",
                f"{street.name}'s management layers grow from {was} to {now}; "
                "the plan asks for fewer layers",
                case="grows",
            )
        else:
            yield Violation(
                at,
                target,
                f"{street.name}的管理层级仍为 {now} 级，未减少；方案要求减少行政管理层级",
                f"{street.name} keeps {now} management layers; the plan asks for fewer layers",
                case="unchanged",
            )


def _staffing_standard(ctx: Context) -> Iterator[Violation]:
    categories = ctx.parameter("staffing-categories").terms
    for path, district, street in ctx.streets_in_scope("P-1.3.2.a"):
        target = f"{district.name}/{street.name}"
        staffing = street.staffing
        if staffing is None:
            yield not_declared(path, target, "staffing", "编制配备", "staffing")
            continue
        approved = {ctx.term_id("staffing-categories", k) or k for k in staffing.approved}
        missing = [t for t in categories if t.id not in approved]
        if missing:
            yield Violation(
                (*path, "staffing", "approved"),
                target,
                f"{street.name}缺少编制配备标准：{'、'.join(t.zh for t in missing)}",
                f"{street.name} has no approved establishment for: "
                f"{', '.join(t.en.lower() for t in missing)}",
            )
        if staffing.leadership_approved is None:
            yield Violation(
                (*path, "staffing", "leadership_approved"),
                f"{target}/leadership",
                f"{street.name}未填写核定的处科级领导职数（leadership_approved）",
                f"{street.name} does not declare its approved leadership positions "
                "(leadership_approved)",
                case="leadership",
            )


def _staffing_within(ctx: Context) -> Iterator[Violation]:
    categories = ctx.parameter("staffing-categories").terms
    for path, district, street in ctx.streets_in_scope("P-1.3.2.a"):
        staffing = street.staffing
        if staffing is None:
            continue  # reported by JX008
        target = f"{district.name}/{street.name}"
        approved = {
            ctx.term_id("staffing-categories", k) or k: v for k, v in staffing.approved.items()
        }
        actual = {ctx.term_id("staffing-categories", k) or k: v for k, v in staffing.actual.items()}
        for term in categories:
            has, allowed = actual.get(term.id, 0), approved.get(term.id)
            if allowed is not None and has > allowed:
                yield Violation(
                    (*path, "staffing", "actual", term.zh),
                    f"{target}/{term.id}",
                    f"{street.name}{term.zh}编制实有 {has} 人，超出核定标准 {allowed} 人",
                    f"{street.name} has {has} {term.en.lower()} staff, above the approved {allowed}",
                )
        lead, lead_ok = staffing.leadership_actual, staffing.leadership_approved
        if lead is not None and lead_ok is not None and lead > lead_ok:
            yield Violation(
                (*path, "staffing", "leadership_actual"),
                f"{target}/leadership",
                f"{street.name}处科级领导职数实有 {lead} 个，超出核定 {lead_ok} 个",
                f"{street.name} has {lead} leadership positions, above the approved {lead_ok}",
                case="leadership",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        id="JX001",
        name="assessment-street-share",
        title=Text(
            "街乡考核权重不低于被考核部门绩效的规定比例",
            "Streets' share of each department's performance assessment meets the plan's floor",
        ),
        provision_id="P-1.2.2",
        obligation_ids=("P-1.2.2.b",),
        quote="强化街乡对政府职能部门的监督考核权,提高街乡考核权重,所占比例应不少于被考核部门绩效的三分之一",
        rationale=Text(
            "按精确分数计算每个被考核部门绩效中街乡考核所占比例，须不低于 1/3。",
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
        provision_id="P-1.1.1",
        obligation_ids=("P-1.1.1.b",),
        quote="梳理、汇总形成全市统一的街道党工委和办事处的职责清单",
        rationale=Text(
            "每个街道须以全市统一职责清单为依据。条款只说“街道党工委和办事处”，乡、镇不检查。",
            "Each 街道 works from the city's unified duty list. The clause speaks of street "
            "party committees and offices only: 乡 and 镇 get no finding.",
        ),
        check=_duty_list,
        cases=(
            Case(
                "not-used",
                "P-1.1.1.b",
                Text("街道未使用全市统一职责清单", "a 街道 does not use the unified list"),
                severity=Severity.WARNING,
                editorial=Text(
                    "条款要求全市“梳理、汇总形成”统一清单（市级工作）；街道以它为依据是本项目的解读，故只作警告。",
                    "The clause asks the city to compile a unified list (city-level work); that "
                    "each 街道 works from it is our reading, so a warning.",
                ),
            ),
        ),
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
        provision_id="P-1.3.1",
        obligation_ids=("P-1.3.1.a", "P-1.3.1.c"),
        quote="综合设置街道党政内设机构、减少行政管理层级、加强直接面向群众的服务与管理机构建设",
        rationale=Text(
            "街道内设机构须综合设置，并至少有一个直接面向群众的机构。条款只说“街道党政内设机构”，"
            "乡、镇不检查。",
            "A 街道's bodies are set comprehensively and at least one serves residents directly. "
            "The clause speaks of 街道 only: 乡 and 镇 get no finding.",
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
            "减少行政管理层级：与现状比较，层级增加为错误，不变为提示",
            "Fewer management layers: against the baseline, growth is an error, no change a note",
        ),
        provision_id="P-1.3.1",
        obligation_ids=("P-1.3.1.b",),
        quote="按照扁平化管理的工作要求,综合设置街道党政内设机构、减少行政管理层级",
        rationale=Text(
            "与现状（baseline）相比，街道的管理层级增加即违背“减少行政管理层级”；层级不变则提示方案要求减少；"
            "减少不报告。乡、镇不检查（条款只说街道）。",
            "Against the current setup (baseline), a 街道 whose layers grow goes against "
            "“fewer administrative layers”; no change is a note that the plan asks for fewer; "
            "a reduction is not reported. 乡 and 镇 are not checked (the clause names 街道).",
        ),
        check=_layers,
        cases=(
            Case("grows", "P-1.3.1.b", Text("管理层级增加", "layers grow")),
            Case(
                "unchanged",
                "P-1.3.1.b",
                Text("管理层级不变", "layers unchanged"),
                severity=Severity.NOTE,
                editorial=Text(
                    "条款要求“减少”，但未说每个街道都须减少：已扁平的街道可能无层可减，故不变只作提示。",
                    "The text asks for fewer layers but not that every street cut one: a street "
                    "already flat may have none to cut, so no change is only a note.",
                ),
            ),
        ),
        needs_baseline=True,
        example=Example(
            at=(*STREET, "internal_bodies"),
            failing="management_layers: 4\n",
            passing="management_layers: 2\n",
        ),
    ),
    Rule(
        id="JX008",
        name="staffing-standard",
        title=Text(
            "制定街道各类编制配备标准，核定处科级领导职数",
            "Each staffing category has an approved standard, and leadership posts are set",
        ),
        provision_id="P-1.3.2",
        obligation_ids=("P-1.3.2.a", "P-1.3.2.b"),
        quote="制定街道行政、执法、事业等各类编制总量配备标准,合理核定处科级领导职数",
        rationale=Text(
            "街道的每一类编制（行政、执法、事业）须有核定的配备标准，并须核定处科级领导职数。"
            "条款只说“街道”，乡、镇不检查。实有人数是否超标见 JX050。",
            "Each staffing category of a 街道 has an approved standard, and its leadership "
            "posts are set. The clause speaks of 街道 only. Whether actual staff stay within "
            "the standard is JX050.",
        ),
        check=_staffing_standard,
        cases=(
            Case("standard", "P-1.3.2.a", Text("缺少编制配备标准", "no approved standard")),
            Case("leadership", "P-1.3.2.b", Text("未核定领导职数", "no approved leadership posts")),
        ),
        example=Example(
            at=(*STREET, "staffing"),
            failing="leadership_approved: null\n",
            passing="leadership_approved: 10\n",
        ),
    ),
    Rule(
        id="JX050",
        name="staffing-within-standard",
        title=Text(
            "实有编制和领导职数不超出核定标准（编辑性检查）",
            "Actual staff and leadership posts stay within the approved standard (editorial)",
        ),
        provision_id="P-1.3.2",
        obligation_ids=("P-1.3.2.a", "P-1.3.2.b"),
        quote="制定街道行政、执法、事业等各类编制总量配备标准,合理核定处科级领导职数",
        rationale=Text(
            "街道各类编制实有人数不超过核定标准，处科级领导职数实有不超过核定数。乡、镇不检查。",
            "A 街道's actual staff in each category, and its leadership posts, stay within "
            "the approved numbers. 乡 and 镇 are not checked.",
        ),
        check=_staffing_within,
        cases=(
            Case(
                "staff",
                "P-1.3.2.a",
                Text("实有编制超出核定标准", "actual staff above the standard"),
                severity=Severity.WARNING,
                editorial=Text(
                    "条款要求“制定”标准、“核定”职数；实有不超标准是本项目的解读，故只作警告。",
                    "The text asks for a standard to be set and posts to be approved; that actual "
                    "numbers stay within them is our reading, so it is a warning.",
                ),
            ),
            Case(
                "leadership",
                "P-1.3.2.b",
                Text("实有领导职数超出核定", "leadership posts above the approved number"),
                severity=Severity.WARNING,
                editorial=Text(
                    "同上：实有职数不超核定数是本项目的解读。",
                    "As above: that actual posts stay within the approved number is our reading.",
                ),
            ),
        ),
        editorial=Text(
            "实有不超核定标准是对“制定标准、核定职数”的解读，不是原文的字面要求。",
            "Staying within the standard is our reading of “set a standard, approve the posts”, "
            "not the text's own words.",
        ),
        example=Example(
            at=(*STREET, "staffing"),
            failing="leadership_actual: 12\n",
            passing="leadership_actual: 10\n",
        ),
    ),
)
