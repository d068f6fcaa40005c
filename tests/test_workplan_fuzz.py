"""Fuzzing ``jiexiang workplan``: any mutation of an example plan exits 0, 1 or 2 — never a crash."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiexiang_policy.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "workplans"
SEEDS = [
    (EXAMPLES / "rules" / "WP004-unit-spelling.yaml").read_bytes(),
    (EXAMPLES / "xicheng-2026.yaml").read_bytes(),
]
INSERTS = [
    b": ",
    b"\n- ",
    b"{",
    b"]",
    b"2026Q",
    b"\xe5\xb9\xb4\xe5\xba\x95",  # 年底
    b"-1",
    b"null",
    b"\xe5\xb7\xb2\xe5\xae\x8c\xe6\x88\x90",  # 已完成
    b"M",
    b"'",
    b"\t",
]
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, max(len(data) - 1, 0)))
        op = draw(st.sampled_from(["flip", "delete", "insert"]))
        if op == "flip" and data:
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i : i + draw(st.integers(1, 30))]
        else:
            data[i:i] = draw(st.sampled_from(INSERTS))
    return bytes(data)


@FUZZ
@given(content=mutated(), command=st.sampled_from(["check", "status"]))
def test_mutated_plans_never_crash(tmp_path: Path, content: bytes, command: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    args = ["workplan", command, str(path), "--as-of", "2026-12-05", "--format", "json"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    assert code in (0, 1, 2), err.getvalue()
    assert "internal error" not in err.getvalue()
    if code == 2:
        assert str(path) in err.getvalue()
