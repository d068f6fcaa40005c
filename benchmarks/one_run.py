"""One load + check in a process of its own, for tools that watch a whole process.

    PYTHONPATH=src python benchmarks/one_run.py                   # imports and the plan only
    PYTHONPATH=src python benchmarks/one_run.py DIR/setup-10x.json  # and one load + check

Under ``valgrind --tool=cachegrind --cache-sim=yes``, the difference between the two
counts what load + check alone costs in instructions and cache misses, which, unlike
wall time, the other jobs on a shared machine cannot change (see docs/performance.md).
"""

from __future__ import annotations

import sys

from jiexiang_policy.checker import check
from jiexiang_policy.orgsetup import load_setup
from jiexiang_policy.plan_loader import load_plan


def main(paths: list[str]) -> None:
    load_plan()
    for path in paths:
        report = check(load_setup(path))
        if report.findings:
            raise SystemExit(f"{path}: expected a compliant setup, got {len(report.findings)}")


if __name__ == "__main__":
    main(sys.argv[1:])
