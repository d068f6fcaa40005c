"""The Chinese getting-started page stays true: every field is in its table, its example
setup loads, and the messages it shows are the ones the tool prints."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from jiexiang_policy import Plan, check, load_setup, orgsetup
from jiexiang_policy.messages import translate

PAGE = (Path(__file__).resolve().parents[1] / "docs" / "getting-started.zh.md").read_text(
    encoding="utf-8"
)


def test_every_setup_field_is_in_the_table() -> None:
    table = set(re.findall(r"`(\w+)`", PAGE))
    for name in orgsetup.__all__:
        cls = getattr(orgsetup, name)
        if attrs.has(cls):
            for field in attrs.fields(cls):
                if not field.metadata.get("not_data"):
                    assert field.name in table, f"{name}.{field.name}"


def test_the_example_setup_loads_and_checks(plan: Plan) -> None:
    block = re.search(r"```yaml\n(.*?)```", PAGE, flags=re.DOTALL)
    assert block is not None
    setup = load_setup("例子.yaml", text=block[1])
    check(setup, plan)


@pytest.mark.parametrize(
    "english",
    [
        "unknown field 'autonomus_funds'; did you mean 'autonomous_funds'?",
        "office '示例派出所' serves '示例街道街道', which is not a street of 示例区; "
        "did you mean '示例街道'?",
        "'1:3' is not a fraction: a ratio with ':' could mean 1/3 or 1/4; "
        "write the share as 1/3, 33.4% or 0.34",
    ],
)
def test_the_messages_shown_are_the_tools(english: str) -> None:
    assert translate(english, "zh") in PAGE
