"""Obligations no rule can judge from a setup, each with the reason.

Together with the rules' ``obligation_ids`` this makes coverage honest: every
obligation of the plan is either checked by a rule or listed here, never both
(``tests/test_coverage.py``).
"""

from __future__ import annotations

from ..plan import Text

__all__ = ["DOCUMENTATION_ONLY"]

DOCUMENTATION_ONLY: dict[str, Text] = {
    "P-1.1.1.a": Text(
        "界定街道职能定位是全市层面的工作，不体现在区的设置文件中。",
        "Defining the functions of streets is city-level work; a district setup does not show it.",
    ),
    "P-1.1.2.a": Text(
        "地方立法由市人大常委会完成，不是区的组织设置。",
        "Local legislation is the work of the city's people's congress standing committee "
        "(市人大常委会), not a district's setup.",
    ),
    "P-1.1.2.b": Text(
        "同上；“力争”为目标性表述。《北京市街道办事处条例》由北京市第十五届人民代表大会常务委员会"
        "第十六次会议于2019年11月27日通过（公告〔十五届〕第20号），自2020年1月1日起施行。",
        "As above, and worded as an aim (力争). The 北京市街道办事处条例 was adopted by the "
        "Standing Committee of the 15th Beijing Municipal People's Congress on 2019-11-27 "
        "(公告〔十五届〕第20号) and took effect on 2020-01-01.",
    ),
    "P-3.1.1.b": Text(
        "三级之间在信息系统、基础数据等方面的深度融合、一体化运行无法从组织设置判断；"
        "JX020 只检查各级融合所列网络（P-3.1.1.a）。",
        "Whether the three levels are integrated with each other in information systems and "
        "base data cannot be seen in a setup; JX020 checks only each level's networks "
        "(P-3.1.1.a).",
    ),
    "P-2.1.1.c": Text(
        "“有条件的区可安排”是许可，不构成义务。",
        "Permissive (有条件的区可): nothing to fail.",
    ),
    "P-2.2.1.b": Text(
        "干部队伍素质与培训无法从组织设置判断。",
        "The quality and training of leaders cannot be judged from a setup.",
    ),
    "P-2.2.2.c": Text(
        "调度通报、动态管理等制度的运行无法从组织设置判断。",
        "Whether reporting and follow-up systems work cannot be judged from a setup.",
    ),
    "P-2.3.1.a": Text(
        "“倡导”为鼓励性表述，依托“党员E先锋”平台，不是组织设置。",
        "Encouraged (倡导) and run on the 党员E先锋 platform, not part of a setup.",
    ),
    "P-2.3.1.b": Text(
        "“鼓励”为鼓励性表述，不构成义务。",
        "Encouraged (鼓励): nothing to fail.",
    ),
    "P-3.3.1.b": Text(
        "“探索”为探索性表述，原文未给出可检查的标准。",
        "Worded as exploration (探索) with no checkable standard in the source.",
    ),
}
