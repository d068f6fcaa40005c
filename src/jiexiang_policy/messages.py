"""Every message a person reads, in Chinese (authoritative, the default) and English.

Two parts:

- :data:`CLI`: the command line's own words (help, usage errors, notes), by key;
  :func:`text` picks the language.
- :func:`translate`: input-error messages are raised in English by the readers
  (documents, converter, setup, waivers, options) and carry values the user
  wrote; this turns them into Chinese phrase by phrase, keeping quoted values,
  file names, fields and paths exactly as they were. ``tests/test_messages.py``
  checks every kind of bad input comes out with no English left.

The language of a run: ``--lang zh|en``, else the ``JIEXIANG_LANG`` environment
variable, else the ``lang`` of the configuration file, else ``zh``.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from typing import Any

__all__ = [
    "CLI",
    "LANGS",
    "LANG_VARIABLE",
    "lang_from_argv",
    "skip_reason",
    "text",
    "translate",
    "waiver_reason",
]

LANGS = ("zh", "en")
LANG_VARIABLE = "JIEXIANG_LANG"
"""Environment variable choosing the language (``zh`` or ``en``) when ``--lang`` is not given."""


def lang_from_argv(argv: Sequence[str], default: str | None = None) -> str:
    """The language asked for by ``--lang`` anywhere in ``argv``, the environment, or ``zh``.

    Read before the arguments are parsed, so that help and usage errors are in it.
    ``--lang both`` (catalog) counts as ``zh``.
    """
    found: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    if found is None:
        found = os.environ.get(LANG_VARIABLE) or default
    return "en" if found == "en" else "zh"


CLI: dict[str, tuple[str, str]] = {
    # usage and parser words
    "usage": ("用法：", "usage: "),
    "positional": ("位置参数", "positional arguments"),
    "options": ("选项", "options"),
    "help": ("显示此帮助并退出", "show this help message and exit"),
    "version": ("显示版本并退出", "show program's version number and exit"),
    "error": ("错误", "error"),
    "required": ("缺少以下参数：%s", "the following arguments are required: %s"),
    "argument": ("参数 %(argument_name)s：%(message)s", "argument %(argument_name)s: %(message)s"),
    "invalid choice": (
        "无效的选择：%(value)r（可选：%(choices)s）",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "unrecognized": ("无法识别的参数：%s", "unrecognized arguments: %s"),
    "expected one": ("需要一个参数", "expected one argument"),
    "invalid type": ("无效的 %(type)s 值：%(value)r", "invalid %(type)s value: %(value)r"),
    "not allowed with": ("不能与参数 %s 同时使用", "not allowed with argument %s"),
    # program
    "description": (
        "北京市 2018 年“街乡吹哨、部门报到”实施方案：目录与设置检查工具。",
        "Beijing 2018 “街乡吹哨、部门报到” plan: catalog and setup checker.",
    ),
    "exit codes": (
        "退出码：0 通过；1 有达到 --fail-on 级别的问题；2 用法或输入错误；3 内部错误（程序缺陷，请报告）。",
        "Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, "
        "3 internal error (a bug; please report it).",
    ),
    "--policy-dir": (
        "使用 DIR 中的政策数据，而不是随包提供的：方案目录（policies/plan-2018）或整个文件库（policies/）",
        "use the policy folder DIR instead of the shipped one: a plan folder "
        "(policies/plan-2018) or a whole corpus (policies/, with every document)",
    ),
    "--lang": (
        "消息和报告的语言：zh（默认）或 en；也可设环境变量 JIEXIANG_LANG",
        "language of messages and reports: zh (default) or en; or set JIEXIANG_LANG",
    ),
    "--config": (
        "使用此配置文件（默认：从当前目录向上查找 jiexiang.toml 或含 [tool.jiexiang] 的 pyproject.toml）",
        "use this configuration file (default: the nearest jiexiang.toml, or pyproject.toml "
        "with [tool.jiexiang], from the current folder up)",
    ),
    "--isolated": ("不读取任何配置文件", "read no configuration file"),
    "--docs-base-url": (
        "规则说明页面的基础网址（默认：已安装包内的规则页面）",
        "base URL of the rule pages (default: the pages inside the installed package)",
    ),
    "--format": ("输出格式", "output format"),
    # catalog
    "catalog": (
        "打印方案目录，或生成、核对文档",
        "print the plan's catalog, or write and check the generated docs",
    ),
    "catalog epilog": (
        "--check：已提交的生成页面与代码生成的不一致时退出码为 1。",
        "--check exits 1 when a committed generated page differs from the code.",
    ),
    "catalog --workplan": (
        "按此工作方案填写各举措的责任单位和完成时限（text 或 json）",
        "fill each measure's units and deadline from this work plan (text or json)",
    ),
    # workplan
    "workplan": (
        "检查工作方案（任务、责任单位、时限）并报告进展",
        "check work plans (tasks, units, deadlines) and report their progress",
    ),
    "workplan epilog": (
        "格式见 docs/workplan-format.md；规则 WP001–WP009。",
        "See docs/workplan-format.md. Rules WP001–WP009.",
    ),
    "workplan check": ("检查工作方案（规则 WP001–WP009）", "check work plans (rules WP001–WP009)"),
    "workplan status": (
        "按举措、按单位的进展，逾期和即将到期事项",
        "progress per measure and per unit, overdue, upcoming",
    ),
    "workplan rules": ("列出工作方案规则（WP001–WP009）", "list the work-plan rules (WP001–WP009)"),
    "workplan rollup": (
        "把多个区的工作方案汇总为全市视图",
        "several district plans as one city view",
    ),
    "PLAN": ("YAML 或 JSON 工作方案文件", "YAML or JSON work plans"),
    "workplan --as-of": ("判断时限的日期 YYYY-MM-DD（默认：今天）", "YYYY-MM-DD (default: today)"),
    "workplan --encoding": (
        "工作方案文件的编码（默认 UTF-8）",
        "encoding of the plans (default UTF-8)",
    ),
    "--due-soon-days": (
        "N 天内到期的事项为“即将到期”（默认见 policies/workplan/settings.yaml）",
        "items due within N days are 'due soon' (default: policies/workplan/settings.yaml)",
    ),
    "workplan --waivers": (
        "工作方案发现的豁免文件（经批准、有期限）",
        "approved, expiring waivers of WP findings",
    ),
    "workplan --no-waivers": ("忽略 --waivers（用于审计）", "ignore --waivers (for audits)"),
    "workplan --unit": (
        "只看该单位牵头或配合的任务（如导出其日历）",
        "only the tasks UNIT leads or cooperates on (e.g. its ICS)",
    ),
    "catalog --lang": (
        "text 和 md 输出的语言（html 含两种语言）",
        "language of text and md output (html carries both)",
    ),
    "--output": ("写入 FILE 而不是标准输出", "write to FILE instead of standard output"),
    "--check": (
        "比较已提交的 docs/ 和 examples/rules/ 与代码生成的内容",
        "compare the committed docs/ and examples/rules/ with what the code generates",
    ),
    "--write": (
        "在当前目录重新生成 docs/ 和 examples/rules/",
        "regenerate docs/ and examples/rules/ in the current folder",
    ),
    # check
    "check": ("按方案检查设置文件", "check setup files against the plan"),
    "SETUP": (
        "YAML 或 JSON 设置文件，或含设置文件的目录",
        "YAML or JSON setup files, or directories holding them",
    ),
    "check --output": ("把报告写入 FILE（原子写入）", "write the report to FILE (atomically)"),
    "--select": (
        "只运行这些规则（可重复；逗号分隔；可用 ID 前缀）",
        "run only these rules (repeatable; comma-separated; ID prefixes allowed)",
    ),
    "--ignore": (
        "跳过这些规则（可重复；逗号分隔）",
        "skip these rules (repeatable; comma-separated)",
    ),
    "--severity": (
        "改变规则的严重程度：RULE=error|warning|note|off（可重复）",
        "change a rule's severity: RULE=error|warning|note|off (repeatable)",
    ),
    "--fail-on": (
        "使退出码为 1 的最低严重程度（默认：error）",
        "lowest severity that makes the exit code 1 (default: error)",
    ),
    "--baseline": (
        "现状设置：与之比较；其中已有的问题标为“现状已有”",
        "today's setup: compare against it; its findings are marked existing",
    ),
    "--waivers": (
        "经批准、有期限的豁免：被豁免的问题仍会报告，但不使检查失败",
        "approved, expiring waivers: waived findings are reported but do not fail the run",
    ),
    "--no-waivers": ("忽略 --waivers（用于审计）", "ignore --waivers (for audits)"),
    "--as-of": (
        "报告日期，YYYY-MM-DD（默认：今天）：只适用当日施行的文件（方案始终适用；"
        "街道办事处条例自 2020-01-01；接诉即办工作条例自 2021-09-24）",
        "date of the report, YYYY-MM-DD (default: today): only the documents in force that "
        "day apply (the plan always; the street-office regulations from 2020-01-01; the "
        "hotline regulations from 2021-09-24)",
    ),
    "--encoding": (
        "设置和现状文件的编码，如 gbk（默认 UTF-8，带或不带 BOM）；豁免文件总是 UTF-8",
        "encoding of the setup and baseline files, e.g. gbk (default: UTF-8, with or without "
        "BOM); waiver files are always UTF-8",
    ),
    "--color": ("是否使用颜色", "whether to use colour"),
    # rules, explain, config, completion
    "rules": ("列出规则", "list the rules"),
    "init": (
        "生成设置初稿：列出该区全部实际街乡镇，其余字段待填写",
        "write a setup to start from: every real unit of a district, fields to fill in",
    ),
    "init description": (
        "生成设置初稿：列出该区（或全市）全部街乡镇（名称、类型、代码），其余字段为“待填写”并注明依据。",
        "Writes a setup listing every unit of the district (or city) from the division codes, "
        "every other field a marked placeholder.",
    ),
    "init --district": (
        "区名或代码，如 西城区（可重复）",
        "a district's name or code, e.g. 西城区 (repeatable)",
    ),
    "--city": ("全市各区", "every district of the city"),
    "init --as-of": (
        "使用 DATE 当日有效的区划版本，YYYY-MM-DD（默认：今天）",
        "use the division snapshot in force on DATE, YYYY-MM-DD (default: today)",
    ),
    "--force": ("FILE 已存在时覆盖", "overwrite FILE if it exists"),
    "divisions --district": (
        "区名或代码，如 丰台区（默认：全部）",
        "a district's name or code, e.g. 丰台区 (default: all)",
    ),
    "divisions --as-of": (
        "DATE 当日有效的区划版本（默认：最新）",
        "the snapshot in force on DATE (default: latest)",
    ),
    "--since": (
        "显示从 DATE 当日有效的版本到 --as-of 版本之间的变化",
        "show what changed from the snapshot in force on DATE to the one of --as-of",
    ),
    "--divisions": (
        "使用此区划代码 CSV（列：code,name,district_code,district_name）代替随包提供的北京区划；"
        "可重复；日期取自文件名，如 beijing-2023-10-31.csv",
        "division codes to use instead of the shipped Beijing snapshots: a CSV with columns "
        "code,name,district_code,district_name (repeatable; dates from names like "
        "beijing-2023-10-31.csv)",
    ),
    "divisions": (
        "列出某区（或全市）某日的街乡镇，或其变化",
        "list the real 街乡镇 of a district (or the city) on a date, or what changed",
    ),
    "explain": ("显示一条规则、其依据条款和示例", "show a rule, its clause and its examples"),
    "RULE": ("规则 ID，如 JX001", "a rule ID, e.g. JX001"),
    "config": (
        "显示生效的配置及其来源",
        "show the configuration in effect and where it comes from",
    ),
    "completion": (
        "输出 bash 或 zsh 的命令补全脚本",
        "print a shell completion script for bash or zsh",
    ),
    "SHELL": ("bash 或 zsh", "bash or zsh"),
    # run messages
    "error prefix": ("jiexiang：错误：", "jiexiang: error: "),
    "note prefix": ("jiexiang：提示：", "jiexiang: note: "),
    "interrupted": ("jiexiang：已中断；未写入报告", "jiexiang: interrupted; no report was written"),
    "internal": (
        "jiexiang：内部错误：{error}\n这是 jiexiang-policy 的程序缺陷，不是你的文件有问题；未写入报告。"
        "请连同命令和输入报告此问题（设 {variable}=1 可显示调用栈）。",
        "jiexiang: internal error: {error}\nThis is a bug in jiexiang-policy, not a problem "
        "with your files; no report was written. Please report it with the command and the "
        "input that caused it ({variable}=1 shows the traceback).",
    ),
    "input errors": (
        "{count} 处输入错误；有错误的文件未检查",
        "{count} input error(s); files with errors were not checked",
    ),
    "no command": (
        "请给出一个命令，例如 jiexiang check 设置.yaml",
        "give a command, e.g. jiexiang check setup.yaml",
    ),
    "lang both text": (
        "--lang both 只适用于 catalog 的 md 和 html 输出；text 请用 zh 或 en",
        "--lang both applies to catalog md and html output only; for text use zh or en",
    ),
    "wrote": ("已写入 {path}", "wrote {path}"),
    "init wrote": (
        "已写入 {path}（{label} 版区划代码）。下一步：填写其中的“待填写”，再运行 jiexiang check {path}\n",
        "wrote {path} (division codes of {label}); fill in every 待填写, then run "
        "jiexiang check {path}\n",
    ),
    "differs": ("与生成的版本不同", "differs from the generated version"),
    "is missing": ("缺失", "is missing"),
    "run write": (
        "请运行 `jiexiang catalog --write` 并提交结果",
        "run `jiexiang catalog --write` and commit the result",
    ),
}


def text(key: str, lang: str = "zh", /, **values: object) -> str:
    """The CLI message ``key`` in ``lang``, with ``{name}`` fields filled from ``values``."""
    zh, en = CLI[key]
    chosen = en if lang == "en" else zh
    return chosen.format(**values) if values else chosen


# Phrases of the readers' English messages, longest and most specific first.
# Quoted values ('…'), numbers, file names and paths pass through untouched.
_YAML_WORDS = {
    "parsing": "解析",
    "scanning": "扫描",
    "flow sequence": "流式序列",
    "flow mapping": "流式映射",
    "block mapping": "块映射",
    "block collection": "块集合",
    "block node": "块节点",
    "flow node": "流式节点",
    "simple key": "简单键",
    "quoted scalar": "带引号的标量",
    "plain scalar": "普通标量",
    "block scalar": "块标量",
    "anchor": "锚点",
    "alias": "别名",
    "directive": "指令",
    "tag": "标签",
    "node": "节点",
}


def _yaml_context(match: re.Match[str]) -> str:
    return f"{_YAML_WORDS[match[1]]}{_YAML_WORDS[match[2]]}时："


_SETTING_KINDS: dict[str, str] = {
    "true or false": "true 或 false",
    "text": "文字",
    "a list of text": "文字列表",
    "a table": "表",
    "a date": "日期（YYYY-MM-DD）",
}
"""What a setting must be (``config.SETTINGS``), in Chinese."""


_PHRASES: tuple[tuple[str, Any], ...] = (
    # documents
    (r"no such file", "文件不存在"),
    (r"is a directory; give a YAML or JSON file", "是目录；请给出 YAML 或 JSON 文件"),
    (r"file is ([\d,]+) bytes, more than the limit of ([\d,]+)", r"文件有 \1 字节，超过上限 \2"),
    (r"(?:input )?is more than the limit of ([\d,]+) bytes", r"超过上限 \1 字节"),
    (r"cannot be read: (.*)", r"无法读取：\1"),
    (r"cannot write: the folder (.*) does not exist", r"无法写入：目录 \1 不存在"),
    (r"cannot write: (.*)", r"无法写入：\1"),
    (r"cannot read the source text: (.*)", r"无法读取原文：\1"),
    (r"\[Errno \d+\] No such file or directory", "文件不存在"),
    (r"\[Errno \d+\] Permission denied", "没有权限"),
    (r"\bNo such file or directory\b", "文件不存在"),
    (r"\bPermission denied\b", "没有权限"),
    (r"output path is a directory", "输出路径是目录"),
    (r"file is empty; expected a YAML or JSON mapping", "文件是空的；应为 YAML 或 JSON 映射"),
    (r"contains a NUL byte; is this a binary file\?", "含 NUL 字节；这是二进制文件吗？"),
    (r"unknown encoding ('.*?')", r"未知编码 \1"),
    (
        r"is not valid (\S+) \(byte (0x[0-9a-f]+) at offset (\d+)\)\. ",
        r"不是有效的 \1（偏移 \3 处的字节 \2）。",
    ),
    (
        r"Pass --encoding with the file's encoding, or save it as UTF-8\.",
        "请用 --encoding 给出文件的编码，或另存为 UTF-8。",
    ),
    (r"It is valid UTF-8: leave out --encoding\.", "它是有效的 UTF-8：请去掉 --encoding。"),
    (
        r"is valid UTF-8, not (\S+): leave out --encoding \(or its setting\)",
        r"是有效的 UTF-8 文件，不是 \1：请去掉 --encoding（或配置中的 encoding）",
    ),
    (
        r"It looks like GBK/GB18030: save it as UTF-8; this kind of file is always UTF-8\.",
        "看起来是 GBK/GB18030：请另存为 UTF-8；这类文件总是 UTF-8。",
    ),
    (
        r"It looks like GBK/GB18030: save it as UTF-8, or pass --encoding gbk\.",
        "看起来是 GBK/GB18030：请另存为 UTF-8，或加 --encoding gbk。",
    ),
    (
        r"Save it as UTF-8; this kind of file is always UTF-8\.",
        "请另存为 UTF-8；这类文件总是 UTF-8。",
    ),
    (
        r"Save it as UTF-8, or pass --encoding with its encoding\.",
        "请另存为 UTF-8，或用 --encoding 给出其编码。",
    ),
    (r"invalid JSON: (.*)", r"JSON 格式错误：\1"),
    (
        r"a comma before \} or \] \(JSON allows none after the last item\)",
        "} 或 ] 前多了逗号（JSON 不允许最后一项后面有逗号）",
    ),
    (r"invalid YAML: (.*)", r"YAML 格式错误：\1"),
    (
        r" \(a tab: YAML indents with spaces, not tabs\)",
        "（这是制表符：YAML 用空格缩进，不能用制表符）",
    ),
    (r" \(line (\d+) has a ", r"（第 \1 行有"),
    (r" \(the name has a ", "（名称中有"),
    (
        r"full-width space \(U\+3000\): YAML indents and separates with ASCII spaces\)",
        "全角空格（U+3000）：YAML 只能用半角空格缩进和分隔）",
    ),
    (
        r"no-break space \(U\+00A0\): YAML indents and separates with ASCII spaces\)",
        "不间断空格（U+00A0）：YAML 只能用普通的半角空格缩进和分隔）",
    ),
    (
        r"full-width colon '：' \(U\+FF1A\): a key needs an ASCII ':' and a space after it\)",
        "全角冒号“：”（U+FF1A）：键的后面要用半角冒号 ':'，再加一个空格）",
    ),
    (
        r"control character U\+(\w+) is not allowed \(pasted from another program\? delete it and type the text again\)",
        r"不允许控制字符 U+\1（多半是从其他程序粘贴来的：请删去它，重新输入这段文字）",
    ),
    (
        r"while (parsing|scanning) (?:a|an) (flow sequence|flow mapping|block mapping|block collection|block node|flow node|simple key|quoted scalar|plain scalar|block scalar|anchor|alias|directive|tag|node) ?",
        _yaml_context,
    ),
    (r"while scanning for the next token ?", "查找下一个记号时："),
    (
        r"did not find expected ('.*?') indicator(?=（|$)",
        r"没有找到应有的 \1 标记（多半是缩进不一致：请让这一行与同级的上一行对齐）",
    ),
    (r"did not find expected (.+?)(?=（|$)", r"没有找到应有的 \1"),
    (r"expected (<[\w ]+>), but found ('.*?'|<[\w ]+>)", r"应为 \1，却遇到 \2"),
    (r"found unexpected end of stream", "文件意外结束"),
    (r"found unknown escape character ?", r"发现未知的转义字符"),
    (r"found undefined (?:alias|tag handle) ('.*?')", r"发现未定义的 \1"),
    (r"found character (?:('.*?') )?that cannot start any token", r"发现不能开始任何记号的字符 \1"),
    (r"('[^']{1,3}') or ('[^']{1,3}')", r"\1 或 \2"),
    (r"found unexpected ':'", "发现意外的 ':'"),
    (r"mapping values are not allowed (?:here|in this context)", "此处不允许映射值"),
    (r"could not find expected ':'", "找不到应有的 ':'"),
    (r"Expecting value", "此处应有一个值"),
    (r"Expecting property name enclosed in double quotes", "属性名应使用双引号"),
    (r"Expecting ',' delimiter", "应有 ',' 分隔符"),
    (r"Expecting ':' delimiter", "应有 ':' 分隔符"),
    (r"Extra data", "多余的数据"),
    (r"Unterminated string starting at", "未结束的字符串，起于"),
    (r"Invalid control character at", "无效的控制字符，位于"),
    (r"duplicate key ('.*?'); each field may appear once", r"重复的键 \1；每个字段只能出现一次"),
    (r"a mapping key must be plain text", "映射的键必须是普通文字"),
    (
        r"merge keys \(<<\) are not supported; write the fields out",
        "不支持合并键（<<）；请把字段写出来",
    ),
    (r"nested more than (\d+) levels deep", r"嵌套超过 \1 层"),
    (r"nested too deeply to read", "嵌套太深，无法读取"),
    (r"unknown alias \*(\S+)", r"未知的别名 *\1"),
    (
        r"aliases expand to more than ([\d,]+) values; write the data out instead of nesting anchors",
        r"别名展开后超过 \1 个值；请直接写出数据，不要嵌套锚点",
    ),
    (
        r"more than one YAML document; keep one document per file",
        "有多个 YAML 文档；每个文件只放一个文档",
    ),
    (r"YAML tag (\S+) is not supported", r"不支持 YAML 标签 \1"),
    (r"(\S+) is not a number; use a finite value", r"\1 不是数字；请用有限的数值"),
    (r"('.*?') is not a valid date: there is no such day", r"\1 不是有效日期：没有这一天"),
    (r"('.*?') is not a valid date", r"\1 不是有效日期"),
    (
        r"('.*?') is not a date; write YYYY-MM-DD",
        r"\1 不是日期；请写成 YYYY-MM-DD（如 2026-12-05）",
    ),
    (r"('.*?') is not a number", r"\1 不是数字"),
    # converter
    (r"required field ('.*?') is missing", r"缺少必填字段 \1"),
    (r"unknown field ('.*?')", r"未知字段 \1"),
    (r"; valid fields: (.*)", r"；可用字段：\1"),
    (r"expected a mapping for \w+, got ", "应为映射（键: 值），实际是"),
    (r"expected a mapping for (\w+)", r"\1 应为映射（键: 值）"),
    (r"expected a list, got ", "应为列表，实际是"),
    (r"expected a list", "应为列表"),
    (r"expected text, got ", "应为文字，实际是"),
    (r"expected a whole number, got ", "应为整数，实际是"),
    (r"expected true or false, got ", "应为 true 或 false，实际是"),
    (r"expected a date \(YYYY-MM-DD\), got ", "应为日期（YYYY-MM-DD），实际是"),
    (
        r"expected a fraction such as 1/3, 33\.4% or 0\.34, got true/false",
        "应为分数，如 1/3、33.4% 或 0.34，实际是 true/false",
    ),
    (r"expected a fraction such as 1/3, got ", "应为分数，如 1/3，实际是"),
    (r"nothing \(null\)", "空值（null）"),
    (r"true/false \((true|false)\)", r"true/false（\1）"),
    (r"a number \((.*?)\)", r"数字（\1）"),
    (r"text \(('.*?')\)", r"文字（\1）"),
    (r"('.*?') is not allowed here; expected one of: (.*)", r"\1 不是可用的值；可选：\2"),
    (r"(?:('.*?') \(read as ('.*?')\): )", r"\1（按 \2 读取）："),
    (
        r"('.*?') is not a fraction: a ratio with ':' could mean 1/3 or 1/4; write the share as 1/3, 33\.4% or 0\.34",
        r"\1 不是分数：用冒号写的比例既可理解为 1/3 也可理解为 1/4；请写成份额，如 1/3、33.4% 或 0.34",
    ),
    (
        r"('.*?') is not a fraction; write 1/3, 33\.4% or 0\.34",
        r"\1 不是分数；请写 1/3、33.4% 或 0.34（半角或全角数字均可）",
    ),
    (r"('.*?') has a zero denominator", r"\1 的分母为 0"),
    (r"a weight must be a finite number", "权重必须是有限的数"),
    (
        r"schema_version (\S+) is not supported; this version reads (\d+)",
        r"不支持 schema_version \1；本版本读取 \2",
    ),
    (r"a setup must be a mapping with a 'districts' list", "设置文件必须是含 districts 列表的映射"),
    (
        r"a waiver file must be a mapping with a 'waivers' list",
        "豁免文件必须是含 waivers 列表的映射",
    ),
    (r"invalid TOML: (.*)", r"TOML 格式错误：\1"),
    (r"Invalid value\b", "无效的值"),
    (r"Expected '=' after a key in a key/value pair", "键后应有 '='"),
    (r"Cannot (?:overwrite|declare) .*", "同一个键或表不能定义两次"),
    (r"Invalid statement", "无效的语句"),
    (r"Unclosed (array|inline table)", "括号没有闭合"),
    (r"Illegal character ('.*?')", r"非法字符 \1"),
    (
        r"(\S+) must be (true or false|text|a list of text|a table|a date)(?: \(YYYY-MM-DD\))?$",
        lambda m: f"{m[1]} 的值不对：应为{_SETTING_KINDS[m[2]]}",
    ),
    (r"(\S+) must be a table", r"\1 必须是表"),
    (r"invalid value: ", "无效的值："),
    (r"invalid (\w+): ", r"无效的 \1："),
    # setup fields
    (r"(\w+) must not be negative \(got (-?\d+)\)", r"\1 不能为负数（实际为 \2）"),
    (r"must not be negative \(got (-?\d+)\)", r"不能为负数（实际为 \1）"),
    (
        r"(\w+) must be between 0 and 1, i\.e\. 0% to 100% \(got (.*?)\)$",
        r"\1 必须在 0 到 1 之间，即 0% 到 100%（实际为 \2）",
    ),
    (r"(\w+) must list at least one item", r"\1 至少要列出一项"),
    (r"(\w+) must be positive \(got (.*?)\)", r"\1 必须为正数（实际为 \2）"),
    (r"(\w+) must be between 0 and total \(got (.*?)\)", r"\1 必须在 0 到 total 之间（实际为 \2）"),
    (r"(\w+) must not be empty", r"\1 不能为空"),
    (
        r"(\w+) must be a rule ID such as JX001 \(JX and three digits\), got ('.*?')",
        r"\1 必须是规则 ID，如 JX001（JX 加三位数字），实际为 \2",
    ),
    (
        r"(\w+) must be a rule ID such as JX001 or WP001 \(JX or WP and three digits\), got ('.*?')",
        r"\1 必须是规则 ID，如 JX001 或 WP001（JX 或 WP 加三位数字），实际为 \2",
    ),
    (
        r"give either weight, or points and total, not both",
        "请给出 weight，或者 points 和 total，不能同时给出",
    ),
    (r"give either weight, or points and total", "请给出 weight，或者 points 和 total"),
    (
        r"components give points out of different totals \((.*?)\); use one total",
        r"components 的分值用了不同的总分（\1）；请用同一个总分",
    ),
    (r"components add up to (.*?), more than the whole score", r"components 合计 \1，超过了总分"),
    (r"district ('.*?') is defined twice(?: \(first at (.*?)\))?", r"区 \1 定义了两次"),
    (r"street ('.*?') is defined twice in ([^\s;]+)", r"街道 \1 在 \2 中定义了两次"),
    (r"lane ('.*?') is listed twice in ([^\s;]+)", r"街巷 \1 在 \2 中列了两次"),
    (r"office ('.*?') is defined twice in ([^\s;]+)", r"派出机构 \1 在 \2 中定义了两次"),
    (r"; first defined at (\S+)", r"；第一次定义在 \1"),
    (
        r"office ('.*?') serves ('.*?'), which is not a street of (\S+?)(?=;|$)",
        r"派出机构 \1 服务的 \2 不是 \3 的街道",
    ),
    (
        r"; the closest street of the file is ('.*?'): correct whichever of the two is misspelt",
        r"；本文件中最接近的街道是 \1：请核对两处名称，改正写错的那一处",
    ),
    (r"; did you mean ('.*?')\?", r"；是不是 \1？"),
    (r"; its streets: (.*)", r"；该区的街道：\1"),
    (
        r"district ('.*?') is not in the baseline (\S+); it has (.*)",
        r"区 \1 不在现状设置 \2 中；现状设置有：\3",
    ),
    (r"district ('.*?') is not in the baseline (\S+?)(?=；|;|$)", r"区 \1 不在现状设置 \2 中"),
    (
        r"this is a waiver file, not a setup: pass it with --waivers FILE \(or keep it out of the setup files' pattern\)",
        "这是豁免文件，不是设置：请用 --waivers FILE 指定它（或不要让设置文件的通配符匹配到它）",
    ),
    (
        r"this is a setup, not a waiver file: pass it as a SETUP argument",
        "这是设置文件，不是豁免文件：请把它作为 SETUP 参数",
    ),
    (
        r"('.*?'|\".*?\") is one item joining (\d+) values \((.*?)\) with ('.'); write each as its own list item: (\[.*?\]) inside brackets, or one '- ' line per value",
        r"\1 是一项，却用 \4 连写了 \2 个值（\3）；请把每个值写成单独的一项：在方括号内用半角逗号分隔，如 \5，或每项单独一行、以 '- ' 开头",
    ),
    # work plans and their task tables
    (
        r"('.*?') is not a deadline; write .*$",
        r"\1 不是时限；请写日期（2026-06-30）、月份（2026-06 或 2026年6月）、"
        r"季度（2026年第二季度 或 2026Q2）、年底（2026年底）、长期坚持 或 未设定",
    ),
    (
        r"expected a deadline such as .*?; got (.*)$",
        r"应为时限，如日期（2026-06-30）、月份、季度、年底、长期坚持 或 未设定；实际是 \1",
    ),
    (r"('.*?'): there is no month (\d+)", r"\1：没有 \2 月"),
    (r"year (-?\d+) is out of range \((.*?)\)", r"年份 \1 超出范围（\2）"),
    (
        r"completed is required when status is 已完成 \(the day it was done\)",
        "状态为 已完成 时必须填写 completed（完成的日期）",
    ),
    (
        r"completed is set but status is (\S+); set status: 已完成",
        r"填写了 completed，但状态是 \1；请把状态改为 已完成",
    ),
    (r"must not contain an empty name", "不能含空的名称"),
    (r"task ('.*?') is defined twice", r"任务 \1 定义了两次"),
    (
        r"task ('.*?') names no measure and no provision; say what it implements with 'measures' \(M01 …\) or 'provisions'",
        r"任务 \1 既没有举措也没有条款；请用 'measures'（M01 …）或 'provisions' 写明它落实的内容",
    ),
    (r"unknown policy document ('.*?')(.*?); known: (.*)$", r"未知的政策文件 \1\2；已知：\3"),
    (r"unknown provision or obligation ('.*?')", r"未知的条款或义务 \1"),
    (r"unknown measure ('.*?')", r"未知的举措 \1"),
    (r"(M\d+) is marked twice", r"\1 标记了两次"),
    (r"give either tasks or tasks_table, not both", "tasks 和 tasks_table 只能给出其一"),
    (r"tasks_table must name a \.csv or \.xlsx file", "tasks_table 应为 .csv 或 .xlsx 文件名"),
    (r"tasks_table_encoding must be text, e\.g\. gbk", "tasks_table_encoding 应为文字，如 gbk"),
    (
        r"this is a setup, not a work plan: check it with `jiexiang check`",
        "这是设置文件，不是工作方案：请用 `jiexiang check` 检查",
    ),
    (
        r"this is a task table, not a work plan: name it in a work plan with tasks_table: FILE \(see docs/workplan-format\.md\)",
        "这是任务表，不是工作方案：请在工作方案中用 tasks_table: 文件名 引用它（见 docs/workplan-format.md）",
    ),
    (
        r"a work plan must be a mapping with 'title', 'issuer', 'implements' and 'tasks'",
        "工作方案必须是含 'title'、'issuer'、'implements' 和 'tasks' 的映射",
    ),
    (r"work-plan settings must be a mapping", "工作方案设置必须是映射"),
    (
        r"is not valid (\S+); a table saved from Excel is often GBK: write tasks_table_encoding: gbk in the plan, or save the table as “CSV UTF-8”",
        r"不是有效的 \1；从 Excel 保存的表格常为 GBK：请在工作方案中写 tasks_table_encoding: gbk，或把表格另存为“CSV UTF-8”",
    ),
    (r"invalid CSV: (.*)", r"CSV 格式错误：\1"),
    (r"the table is empty; expected a header row", "表格是空的；第一行应为表头"),
    (r"unknown column ('.*?')", r"未知的列 \1"),
    (r"column ('.*?') appears twice", r"列 \1 出现了两次"),
    (r"missing column (\S+) \((\w+)\)", r"缺少列 \1（\2）"),
    (r"milestone ('.*?'): write 时限 内容, e\.g\. (.*)$", r"节点 \1：请写成“时限 内容”，如 \2"),
    (r"cannot be read as an Excel workbook: (.*)", r"无法作为 Excel 工作簿读取：\1"),
    (r"a task table is a \.csv or \.xlsx file", "任务表应为 .csv 或 .xlsx 文件"),
    (
        r"reading \.xlsx needs openpyxl: pip install '(.*?)', or save the table as CSV",
        r"读取 .xlsx 需要 openpyxl：pip install '\1'，或把表格另存为 CSV",
    ),
    (r"no task of ('.*?'|\".*?\") in (.+?)(?=;|；|$)", r"\2 中没有 \1 的任务"),
    (r"; units: (.*)$", lambda m: "；该方案的单位：" + m[1].replace(", ", "、")),
    (
        r"(\S+) has two work plans here \(('.*?'|\".*?\") and ('.*?'|\".*?\")\); give one per district",
        r"\1在这里有两份工作方案（\2 和 \3）；每个区只给一份",
    ),
    (
        r"--workplan works with --format text or json",
        "--workplan 只能与 --format text 或 json 一起使用",
    ),
    # runs
    (r"no \.yaml, \.yml or \.json file in this directory", "目录中没有 .yaml、.yml 或 .json 文件"),
    (r"no setup file found; nothing checked", "没有找到设置文件；未检查任何内容"),
    # init and divisions
    (
        r"the file exists; not overwritten \(add --force to overwrite\)",
        "文件已存在，未覆盖（确需覆盖请加 --force）",
    ),
    (
        r"('.*?') is not a district of the division snapshot (\S+?)(?=;|；|$)",
        r"\1 不是 \2 版区划中的区",
    ),
    (r"; known districts: (.*)$", r"；已知的区：\1"),
    # options
    (r"unknown rule ('.*?'); known: (.*)", r"未知规则 \1；已知规则：\2"),
    (r"unknown rule ('.*?'); see `jiexiang rules`", r"未知规则 \1；见 `jiexiang rules`"),
    (
        r"--ignore (.*) leaves no rule to run; ignore fewer rules, or select the ones to run with --select",
        r"--ignore \1 使得没有规则可运行；请少忽略一些规则，或用 --select 选择要运行的规则",
    ),
    (
        r"no generated docs here; run `jiexiang catalog --check` from the repository root",
        "这里没有生成的文档；请在仓库根目录运行 `jiexiang catalog --check`",
    ),
    (r"policy folder not found", "找不到政策数据目录"),
    (
        r"unknown severity ('.*?') for (\S+); expected error, warning, note or off",
        r"\2 的严重程度 \1 未知；可选 error、warning、note 或 off",
    ),
    (r"expected RULE=LEVEL, got ('.*?')", r"应为 RULE=LEVEL 的形式，实际是 \1"),
    (r"unknown setting ('.*?'); did you mean ('.*?')\?", r"未知配置项 \1；是不是 \2？"),
    (r"unknown setting ('.*?'); known settings: (.*)", r"未知配置项 \1；可用配置项：\2"),
    (
        r"(\S+) must be one of error, warning, note, never$",
        r"\1 的值不对：应为以下之一：错误、警告、提示、从不（或 error、warning、note、never）",
    ),
    (r"(\S+) must be one of (.*?)$", r"\1 的值不对：应为以下之一：\2"),
    (r"while increasing flow level exceeded maximum nesting depth", "流式层级嵌套超过最大深度"),
    # Not \b: after a Chinese word ("实际是a list") there is no word boundary.
    (r"(?<![A-Za-z])a mapping\b", "映射"),
    (r"(?<![A-Za-z])a list\b", "列表"),
    # Left over when a specific pattern met a general one first (e.g. "; did you mean").
    (r"unknown setting ('.*?')", r"未知配置项 \1"),
)


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], Any], ...]:
    return tuple((re.compile(p), r) for p, r in _PHRASES)


def translate(message: str, lang: str = "zh") -> str:
    """``message`` (an English input-error message) in ``lang``; unchanged for ``en``."""
    if lang == "en":
        return message
    out = message
    for pattern, replacement in _compiled():
        out = pattern.sub(replacement, out)
    return out


_SKIP_REASONS_ZH = {
    "needs a baseline (--baseline) to compare with": "需要 --baseline（现状设置）才能比较",
}


def skip_reason(reason: str, lang: str = "zh") -> str:
    """Why a rule did not run (``Report.rules_skipped``), in ``lang``."""
    if lang == "en":
        return reason
    known = _SKIP_REASONS_ZH.get(reason)
    # Not .get(reason, translate(...)): that would run every phrase pattern for a known reason.
    return known if known is not None else translate(reason, "zh")


def waiver_reason(reason: str, lang: str | None = "zh") -> str:
    """A finding's ``waiver_reason`` in ``lang``: its expiry word (有效期至/expires) in one language."""
    if lang == "en":
        return reason.replace("; 有效期至/expires ", "; expires ")
    if lang == "zh":
        return reason.replace("; 有效期至/expires ", "；有效期至 ")
    return reason
