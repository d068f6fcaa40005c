"""How much of ``import jiexiang_policy.checker`` is attrs building our classes.

    PYTHONPATH=src python benchmarks/class_building.py [--repeat N]

Each run is a fresh interpreter that imports attrs, then times the import of everything
``check`` needs and, inside it, the time attrs spends turning our class bodies into
classes (collecting the fields, our ``field_transformer``, writing and compiling the
methods, the slotted copy). That part is the most that building the classes ahead of
time could save (docs/performance.md, "Import"); it prints the best run of each.

The timing wraps attrs's private class builder (``attr._make._ClassBuilder``): this is a
measurement, not product code, and it says so plainly when attrs has changed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

_ONE_RUN = """
import json, time
import attrs
from attr import _make
builder = getattr(_make, "_ClassBuilder", None)
if builder is None or not hasattr(builder, "build_class"):
    raise SystemExit("attrs " + attrs.__version__ + " has no _ClassBuilder.build_class: "
                     "this measurement needs updating")
spent, count = [0.0], [0]
init, build = builder.__init__, builder.build_class
def timed_init(self, *args, **kwargs):
    t0 = time.perf_counter(); init(self, *args, **kwargs); spent[0] += time.perf_counter() - t0
def timed_build(self):
    t0 = time.perf_counter(); cls = build(self); spent[0] += time.perf_counter() - t0
    count[0] += 1
    return cls
builder.__init__, builder.build_class = timed_init, timed_build
t0 = time.perf_counter()
import jiexiang_policy.checker
total = time.perf_counter() - t0
print(json.dumps({"import": total, "building": spent[0], "classes": count[0],
                  "attrs": attrs.__version__}))
"""


def measure(repeat: int) -> dict[str, float | int | str]:
    """The fastest of ``repeat`` fresh imports, and the class building inside that one."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed code runs: from bytecode caches
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    runs = []
    for _ in range(repeat + 1):  # the first run writes the bytecode caches
        out = subprocess.run(
            [sys.executable, "-c", _ONE_RUN], env=env, check=True, capture_output=True, text=True
        )
        runs.append(json.loads(out.stdout))
    best: dict[str, float | int | str] = min(runs[1:], key=lambda r: r["import"])
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, metavar="N", help="best of N (10)")
    args = parser.parse_args(argv)
    best = measure(args.repeat)
    total, building = float(best["import"]), float(best["building"])
    print(f"attrs {best['attrs']}, CPython {sys.version.split()[0]}, best of {args.repeat}")
    print(f"import jiexiang_policy.checker, attrs already imported: {total * 1000:.1f} ms")
    print(
        f"  of which attrs building our {best['classes']} classes: {building * 1000:.1f} ms"
        f" ({building / total:.0%})"
    )


if __name__ == "__main__":
    main()
