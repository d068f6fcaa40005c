"""The configuration file: options people repeat on every run, kept with the project.

Found the way ruff finds its own: from the current folder up to the root, the
first folder holding ``.jiexiang.toml``, ``jiexiang.toml`` or a ``pyproject.toml``
with a ``[tool.jiexiang]`` table (in that order within one folder) gives the
configuration; a ``pyproject.toml`` without the table is passed over.
``--config FILE`` names one; ``--isolated`` reads none.

In ``jiexiang.toml`` the settings are at the top level; in ``pyproject.toml``
under ``[tool.jiexiang]``::

    [tool.jiexiang]
    select = ["JX0"]
    ignore = ["JX023"]
    fail-on = "warning"
    severities = { JX018 = "error", JX021 = "off" }
    baseline = "setups/current.yaml"   # paths are relative to the config file
    waivers = "waivers.yaml"
    lang = "zh"
    as-of = 2026-12-05
    docs-base-url = "https://docs.example.org/jiexiang/rules/"
    encoding = "gbk"

Precedence, highest first: command-line flags, environment variables
(``JIEXIANG_LANG``, ``JIEXIANG_DOCS_BASE_URL``), the configuration file, the
built-in defaults. ``jiexiang config`` prints the result and where each value
comes from.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .errors import InputError
from .locations import Location

__all__ = [
    "CONFIG_FILES",
    "DOCS_BASE_URL_VARIABLE",
    "SETTINGS",
    "Config",
    "describe_config",
    "docs_base_url_from_env",
    "find_config",
    "load_config",
    "parse_severities",
]

CONFIG_FILES = (".jiexiang.toml", "jiexiang.toml", "pyproject.toml")
"""The file names looked for in each folder, in order."""

DOCS_BASE_URL_VARIABLE = "JIEXIANG_DOCS_BASE_URL"

SEVERITY_LEVELS = ("error", "warning", "note", "off")

LEVEL_WORDS = {"错误": "error", "警告": "warning", "提示": "note", "关闭": "off", "从不": "never"}
"""The Chinese words reports print for each level, accepted wherever a level is written."""


def level_word(text: str) -> str:
    """A level as written by a person (``错误`` or ``error``, any case) in its English form."""
    word = text.strip()
    return LEVEL_WORDS.get(word, word.lower())


SETTINGS: dict[str, str] = {
    "select": "a list of text",
    "ignore": "a list of text",
    "fail-on": "one of error, warning, note, never",
    "severities": "a table",
    "baseline": "text",
    "waivers": "text",
    "lang": "one of zh, en",
    "as-of": "a date",
    "docs-base-url": "text",
    "encoding": "text",
    "policy-dir": "text",
}
"""Every setting and the kind of value it takes."""

_PATHS = ("baseline", "waivers", "policy-dir")
_CHOICES = {"fail-on": ("error", "warning", "note", "never"), "lang": ("zh", "en")}


@attrs.frozen
class Config:
    """Settings read from a configuration file (``source``), by their file names (kebab-case)."""

    values: Mapping[str, Any] = attrs.field(factory=dict)
    source: str | None = None
    """The file they come from; ``None`` when no file was found or ``--isolated``."""

    def get(self, key: str, default: Any = None) -> Any:
        """The setting ``key``, or ``default`` when the file does not set it."""
        return self.values.get(key, default)


def find_config(start: str | Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (default: the current folder)."""
    folder = Path(start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if not path.is_file():
                continue
            if name != "pyproject.toml":
                return path
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue  # not ours to judge: another tool's file
            if isinstance(data.get("tool"), dict) and "jiexiang" in data["tool"]:
                return path
    return None


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", text, flags=re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def load_config(path: str | Path) -> Config:
    """Read and check the settings in ``path`` (a ``jiexiang.toml`` or ``pyproject.toml``)."""
    p = Path(path)
    name = str(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.at(Location(name), "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.at(Location(name), f"cannot be read: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r" \(at line (\d+), column (\d+)\)", str(exc))
        loc = Location(name, int(at[1]), int(at[2])) if at else Location(name)
        detail = str(exc)[: at.start()] if at else str(exc)
        raise InputError.at(loc, f"invalid TOML: {detail}") from None
    table = data.get("tool", {}).get("jiexiang", {}) if p.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise InputError.at(Location(name), "[tool.jiexiang] must be a table")
    problems: list[tuple[Location, str]] = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = Location(name, _line_of(text, key), 0, (key,))
        if key not in SETTINGS:
            near = difflib.get_close_matches(key, SETTINGS, n=1, cutoff=0.6)
            known = ", ".join(SETTINGS)
            hint = f"; did you mean {near[0]!r}?" if near else f"; known settings: {known}"
            problems.append((where, f"unknown setting {key!r}{hint}"))
            continue
        try:
            values[key] = _checked(key, value, p.parent)
        except ValueError as exc:
            problems.append((where, str(exc)))
    if problems:
        raise InputError(problems)
    return Config(values, name)


def _checked(key: str, value: Any, folder: Path) -> Any:
    kind = SETTINGS[key]
    if key in ("select", "ignore"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{key} must be {kind}")
        return [v for item in value for v in item.split(",") if v.strip()]
    if key == "severities":
        if not isinstance(value, dict):
            raise ValueError(f"{key} must be {kind}")
        return parse_severities(f"{rule}={level}" for rule, level in value.items())
    if key == "as-of":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            from .converter import parse_date

            return parse_date(value)
        if not isinstance(value, dt.date):
            raise ValueError(f"{key} must be a date (YYYY-MM-DD)")
        return value
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    if key == "fail-on":
        value = level_word(value)
    if key in _CHOICES and value not in _CHOICES[key]:
        raise ValueError(f"{key} must be {kind}")
    if key in _PATHS:
        return str(folder / value) if not Path(value).is_absolute() else value
    return value


def parse_severities(items: Any) -> dict[str, str]:
    """``RULE=LEVEL`` items as ``{RULE: level}`` (level: error, warning, note or off)."""
    out: dict[str, str] = {}
    for item in items:
        rule, sep, level = str(item).partition("=")
        if not sep or not rule.strip():
            raise ValueError(f"expected RULE=LEVEL, got {item!r}")
        level = level_word(level)
        if level not in SEVERITY_LEVELS:
            raise ValueError(
                f"unknown severity {level!r} for {rule.strip()}; expected error, warning, note or off"
            )
        out[rule.strip().upper()] = level
    return out


def docs_base_url_from_env() -> str | None:
    """``JIEXIANG_DOCS_BASE_URL``, if set and not empty."""
    return os.environ.get(DOCS_BASE_URL_VARIABLE) or None


_FLAGS = {
    "select": "select",
    "ignore": "ignore",
    "fail-on": "fail_on",
    "baseline": "baseline",
    "waivers": "waivers",
    "lang": "lang",
    "as-of": "as_of",
    "docs-base-url": "docs_base_url",
    "encoding": "encoding",
    "policy-dir": "policy_dir",
}


def describe_config(config: Config, args: Any, lang: str = "zh", fmt: str = "text") -> str:
    """The settings in effect and where each comes from (``jiexiang config``)."""
    import json

    rows: list[tuple[str, Any, str]] = []
    for key in SETTINGS:
        flag = getattr(args, _FLAGS.get(key, ""), None) if key in _FLAGS else None
        if key == "lang" and getattr(args, "lang_not_given", False):
            flag = None  # the CLI fills args.lang with the language it chose from the others
        env = (
            os.environ.get("JIEXIANG_LANG")
            if key == "lang"
            else docs_base_url_from_env()
            if key == "docs-base-url"
            else None
        )
        if flag is not None:
            rows.append((key, flag, "flag"))
        elif env:
            rows.append((key, env, "env"))
        elif key in config.values:
            rows.append((key, config.values[key], "config"))
        else:
            rows.append((key, _DEFAULTS.get(key), "default"))
    if fmt == "json":
        data = {
            "file": config.source,
            "settings": {k: {"value": _plain(v), "source": where} for k, v, where in rows},
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    words = _SOURCE_WORDS["en" if lang == "en" else "zh"]
    head = f"{words['file']}: {config.source}" if config.source else words["none"]
    lines = [head, ""]
    for key, value, where in rows:
        shown = "-" if value is None else json.dumps(_plain(value), ensure_ascii=False)
        lines.append(f"{key:<14} = {shown:<40}  # {words[where]}")
    return "\n".join(lines) + "\n"


_DEFAULTS: dict[str, Any] = {"fail-on": "error", "lang": "zh", "select": None, "ignore": None}
_SOURCE_WORDS = {
    "zh": {
        "file": "配置文件",
        "none": "没有找到配置文件（jiexiang.toml，或含 [tool.jiexiang] 的 pyproject.toml）",
        "flag": "来自命令行",
        "config": "来自配置文件",
        "env": "来自环境变量",
        "default": "默认值",
    },
    "en": {
        "file": "configuration file",
        "none": "no configuration file found (jiexiang.toml, or pyproject.toml with [tool.jiexiang])",
        "flag": "from the command line",
        "config": "from the configuration file",
        "env": "from the environment",
        "default": "default",
    },
}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
