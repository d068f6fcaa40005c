"""Fuzzing the command line: any bytes, any mutation of an example, exit 0, 1 or 2 — never a crash."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiexiang_policy.cli import main
from jiexiang_policy.ruleset import minimal_setup_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [
    minimal_setup_text().encode("utf-8"),
    (ROOT / "examples" / "rules" / "JX001-assessment-street-share.yaml").read_bytes(),
]
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _run(tmp: Path, content: bytes, suffix: str) -> tuple[int, str]:
    path = tmp / f"fuzz{suffix}"
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path), "--format", "json"])
    return code, err.getvalue()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "duplicate"]))
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i : i + draw(st.integers(1, 40))]
        elif op == "insert":
            data[i:i] = draw(
                st.sampled_from(
                    [
                        b": ",
                        b"\n- ",
                        b"{",
                        b"]",
                        b"&a ",
                        b"*a",
                        b"!!str ",
                        b"\t",
                        b"1/0",
                        b".nan",
                        b"-5",
                        b"\xff\xfe",
                        b"'",
                        b'"',
                        b"\xe2\x80\x9c",
                    ]
                )
            )
        else:
            j = draw(st.integers(i, min(len(data), i + 200)))
            data[j:j] = data[i:j]
        if not data:
            break
    return bytes(data)


@FUZZ
@given(content=st.binary(max_size=2000), suffix=st.sampled_from([".yaml", ".json"]))
def test_random_bytes_never_crash(tmp_path: Path, content: bytes, suffix: str) -> None:
    code, err = _run(tmp_path, content, suffix)
    assert code in (0, 1, 2), err
    assert "Traceback" not in err
    assert "internal error" not in err


@FUZZ
@given(content=mutated(), suffix=st.sampled_from([".yaml", ".json"]))
def test_mutated_examples_never_crash(tmp_path: Path, content: bytes, suffix: str) -> None:
    code, err = _run(tmp_path, content, suffix)
    assert code in (0, 1, 2), err
    assert "Traceback" not in err
    assert "internal error" not in err
    if code == 2:
        assert str(tmp_path / f"fuzz{suffix}") in err
