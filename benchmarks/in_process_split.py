"""Where the in-process time of ``load_setup`` + ``check`` goes, without a profiler.

    PYTHONPATH=src python benchmarks/in_process_split.py FILE.json [FILE.json …] [--repeat N]

``load_setup`` is cut into its steps, each timed alone with the collector paused as
``load_setup`` pauses it, best of N (default 5) per step:

- parse: read, decode and parse the file (``load_document``, with the duplicate-key count);
- build: validate the parsed data and build the typed setup (``setup_from_document``,
  names checked across districts included);
- free: drop the parsed tree (``load_setup`` does this before it returns);
- check: all the rules on the built setup, the report included.

``json.load`` of the same file, with the collector paused too, is printed beside them:
parse and check are what a checker pays even if it builds no typed objects at all, so
their sum against the in-process target (docs/performance.md) says whether building
fewer objects could meet it.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jiexiang_policy.checker import check
from jiexiang_policy.documents import load_document
from jiexiang_policy.orgsetup import setup_from_document
from jiexiang_policy.plan_loader import load_plan


def _timed(step: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        result = step()
        return time.perf_counter() - t0, result
    finally:
        gc.enable()


def split(path: Path, repeat: int) -> dict[str, float]:
    """Best seconds of each step on ``path``."""
    plan = load_plan()
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, float("inf")), seconds)

    for _ in range(repeat):
        seconds, doc = _timed(lambda: load_document(path))
        keep("parse", seconds)
        seconds, setup = _timed(lambda doc=doc: setup_from_document(doc))
        keep("build", seconds)
        # Dropping the parsed tree alone: what load_setup frees before it returns.
        gc.disable()
        t0 = time.perf_counter()
        del doc
        keep("free", time.perf_counter() - t0)
        gc.enable()
        seconds, report = _timed(lambda setup=setup: check(setup, plan))
        keep("check", seconds)
        if report.findings:
            raise SystemExit(f"{path}: expected a compliant setup")
        del setup, report

        def plain() -> Any:
            with path.open("rb") as f:
                return json.load(f)

        seconds, data = _timed(plain)
        keep("json.load", seconds)
        del data
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE.json")
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="best of N (5)")
    args = parser.parse_args(argv)
    steps = ("parse", "build", "free", "check")
    print(f"{'file':24} {'json.load':>10} " + " ".join(f"{s:>8}" for s in steps) + f" {'sum':>8}")
    for path in args.files:
        best = split(path, args.repeat)
        total = sum(best[s] for s in steps)
        cells = " ".join(f"{best[s]:8.3f}" for s in steps)
        print(f"{path.name:24} {best['json.load']:10.3f} {cells} {total:8.3f}")


if __name__ == "__main__":
    main()
