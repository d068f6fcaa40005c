"""Time jiexiang-policy against plain parsers on a Beijing-scale setup, in one process.

    PYTHONPATH=src python benchmarks/run.py                  # scales 1 and 10, best of 3
    PYTHONPATH=src python benchmarks/run.py --scale 1 --repeat 5 --profile
    PYTHONPATH=src python benchmarks/run.py --peers --celine DIR   # and the Rego peers

For each scale it generates the setup (``benchmarks/generate.py``) into a temp folder
(or ``--data DIR``), then measures, taking the best of ``--repeat`` runs (more for
short measurements, until ``--min-time`` seconds; baseline and ours alternate):

- JSON: ``json.load`` of the file, against ``load_setup`` + ``check`` (and each part);
- YAML: ``yaml.load(..., Loader=CSafeLoader)``, against ``load_setup`` + ``check``;
- how end-to-end time grows from 1x to 10x data: ten 1x runs in a row against one 10x
  run, in alternation, for ``--scaling-time`` seconds (see ``time_scaling``);
- ``jiexiang --version`` against ``python -c pass`` (subprocesses);
- peak memory of ``load_setup`` + ``check`` in a fresh subprocess, against the file size;
- with ``--peers``: against the same four rules in Rego, run by regorus builds and
  opa-eval, in-process and as whole processes, and the import time (``peers/compare.py``).

The plan is loaded (and cached) once before timing, as the command line does; its
load time is printed separately. Garbage collection stays on, as in real runs; each
timing stops when the result is in hand (freeing it is timed on neither side).
Exit code 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "peers"))
if (ROOT / "src").is_dir():
    sys.path.insert(0, str(ROOT / "src"))

from generate import build_setup, summary, write_setup  # noqa: E402

from jiexiang_policy.checker import check  # noqa: E402
from jiexiang_policy.orgsetup import load_setup  # noqa: E402
from jiexiang_policy.plan_loader import load_plan  # noqa: E402

# Targets: (what, limit); a ratio at or below the limit meets it (memory: strictly below).
TARGET_PARSE = 3.0
TARGET_SCALING = 12.0
TARGET_STARTUP = 1.5
TARGET_MEMORY = 10.0

_CLI = "import sys; from jiexiang_policy._script import main; sys.exit(main())"
"""What the ``jiexiang`` console script runs (used when it is not installed)."""

_MEMORY_PROBE = """
import gc, json, resource, sys, tracemalloc
from jiexiang_policy.checker import check
from jiexiang_policy.orgsetup import load_setup
from jiexiang_policy.plan_loader import load_plan

def status(field):
    # Linux: VmRSS now, VmHWM the peak of this process image (kB). ru_maxrss is no use
    # here: Linux carries it over from the parent across exec.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

plan = load_plan()
gc.collect()
path, mode = sys.argv[1], sys.argv[2]
before = status("VmRSS")
if mode == "tracemalloc":
    tracemalloc.start()
setup = load_setup(path)
report = check(setup, plan)
peak = tracemalloc.get_traced_memory()[1] if mode == "tracemalloc" else 0
after = status("VmHWM")
print(json.dumps({"rss_before": before, "rss_after": after, "traced_peak": peak,
                  "findings": len(report.findings)}))
"""


def time_against(
    path: Path, baseline: Callable[[Path], object], repeat: int, min_seconds: float
) -> tuple[float, dict[str, float], int]:
    """Best baseline, and best load, check and load + check, timed in alternation.

    Alternating keeps a burst of load from other jobs on this shared machine from
    landing on one side of the ratio only. Rounds continue past ``repeat`` until
    ``min_seconds`` have passed, so a short measurement gets more chances at a quiet
    moment. Returns the two bests and the number of rounds.
    """
    base = float("inf")
    best = {"load": float("inf"), "check": float("inf"), "total": float("inf")}
    findings = -1
    rounds = 0
    started = time.perf_counter()
    while rounds < repeat or (time.perf_counter() - started < min_seconds and rounds < 200):
        t0 = time.perf_counter()
        data = baseline(path)
        base = min(base, time.perf_counter() - t0)
        del data  # freeing the result is timed on neither side
        gc.collect()
        t0 = time.perf_counter()
        setup = load_setup(path)
        t1 = time.perf_counter()
        report = check(setup)
        t2 = time.perf_counter()
        best["load"] = min(best["load"], t1 - t0)
        best["check"] = min(best["check"], t2 - t1)
        best["total"] = min(best["total"], t2 - t0)
        findings = len(report.findings)
        del setup, report
        gc.collect()
        rounds += 1
    if findings:
        raise SystemExit(f"{path}: expected a compliant setup, got {findings} finding(s)")
    return base, best, rounds


def time_scaling(
    small: Path,
    large: Path,
    factor: int,
    repeat: int,
    min_seconds: float,
    baseline: Callable[[Path], object] | None = None,
) -> tuple[dict[str, float], int]:
    """Time per file at two scales, over windows of equal work, the scales in alternation.

    A round runs load + check on the small file ``factor`` times (``factor`` = how many
    times larger the large file is), each run timed alone after a ``gc.collect()``, and
    then once on the large file. Both sides of the ratio so cover the same amount of data
    in about the same time. The best single run of the small file is not a fair side:
    a run of 0.08 s can fall between two bursts of the other jobs on a shared machine, a
    run of 0.9 s cannot, so comparing best singles charges the noise to the large file.
    Rounds go on until ``repeat`` rounds and ``min_seconds`` have passed (the command
    line gives 30 s): slow spells on a shared host last seconds, and the best of a few
    rounds may not include a quiet one.

    Returns, as bests over the rounds: ``small`` (a window's total / ``factor``),
    ``small_single`` (for reference), ``large``; and the same for ``baseline`` with
    the prefix ``base_`` when one is given. Also the number of rounds.
    """

    def ours(path: Path) -> object:
        setup = load_setup(path)
        return setup, check(setup)

    runs: list[tuple[str, Callable[[Path], object]]] = [("", ours)]
    if baseline is not None:
        runs.append(("base_", baseline))
    best: dict[str, float] = {}

    def timed(run: Callable[[Path], object], path: Path) -> float:
        gc.collect()
        t0 = time.perf_counter()
        result = run(path)
        elapsed = time.perf_counter() - t0
        del result  # freeing the result is not timed, as in time_against
        return elapsed

    rounds = 0
    started = time.perf_counter()
    while rounds < repeat or (time.perf_counter() - started < min_seconds and rounds < 200):
        for prefix, run in runs:
            singles = [timed(run, small) for _ in range(factor)]
            for key, value in (
                ("small", sum(singles) / factor),
                ("small_single", min(singles)),
                ("large", timed(run, large)),
            ):
                best[prefix + key] = min(best.get(prefix + key, float("inf")), value)
        rounds += 1
    return best, rounds


def _load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def _load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # As installed packages are run: from their bytecode caches, written on the first run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    return env


def _run(cmd: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=_env(), stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _cli(installed: bool) -> tuple[list[str], str]:
    """The ``jiexiang`` command (installed, or the same entry point from src/) and its name."""
    if installed and shutil.which("jiexiang"):
        return [shutil.which("jiexiang") or "jiexiang"], "jiexiang"
    return [sys.executable, "-c", _CLI], f'python -c "{_CLI}"'


def time_startup(repeat: int, installed: bool) -> tuple[float, float, str]:
    """Best wall time of ``jiexiang --version`` and of ``python -c pass``."""
    command, name = _cli(installed)
    cli = [*command, "--version"]
    shown = f"{name} --version"
    bare = [sys.executable, "-c", "pass"]
    _run(cli)  # warm the file cache and the bytecode cache
    _run(bare)
    best_cli = best_bare = float("inf")
    for _ in range(repeat):  # alternating, like the parse timings
        best_cli = min(best_cli, _run(cli))
        best_bare = min(best_bare, _run(bare))
    return best_cli, best_bare, shown


def measure_memory(path: Path) -> dict[str, int]:
    """Peak memory of ``load_setup`` + ``check`` of ``path``, in fresh subprocesses."""
    out: dict[str, int] = {}
    for mode in ("rss", "tracemalloc"):
        result = subprocess.run(
            [sys.executable, "-c", _MEMORY_PROBE, str(path), mode],
            check=True,
            env=_env(),
            capture_output=True,
            text=True,
        )
        data = json.loads(result.stdout)
        if mode == "rss":
            out["rss_delta"] = data["rss_after"] - data["rss_before"]
            out["rss_total"] = data["rss_after"]
            if data["findings"]:
                raise SystemExit(f"{path}: expected a compliant setup")
        else:
            out["traced_peak"] = data["traced_peak"]
    return out


def profile(path: Path, top: int) -> str:
    """cProfile of one load + check, the functions with the most own time first."""
    profiler = cProfile.Profile()
    profiler.enable()
    check(load_setup(path))
    profiler.disable()
    buf = io.StringIO()
    stats = pstats.Stats(profiler, stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def _verdict(ratio: float, limit: float, strict: bool = False) -> str:
    ok = ratio < limit if strict else ratio <= limit
    return "met" if ok else "MISSED"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10], metavar="N")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="best of N (default 3)")
    parser.add_argument(
        "--min-time",
        type=float,
        default=3.0,
        metavar="S",
        help="keep alternating rounds until S seconds have passed (default 3)",
    )
    parser.add_argument(
        "--scaling-time",
        type=float,
        default=30.0,
        metavar="S",
        help="keep the scaling rounds going until S seconds have passed (default 30)",
    )
    parser.add_argument("--data", type=Path, metavar="DIR", help="write the setups here")
    parser.add_argument(
        "--installed",
        action="store_true",
        help="time the installed `jiexiang` script (default: the same entry point from src/)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of the smallest scale"
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the memory subprocesses")
    parser.add_argument(
        "--peers", action="store_true", help="also race the Rego peers (benchmarks/peers/)"
    )
    parser.add_argument(
        "--only-peers", action="store_true", help="the peer part only (implies --peers)"
    )
    parser.add_argument(
        "--celine",
        type=Path,
        metavar="DIR",
        help="celine-regorus installed with pip install --no-deps --target DIR celine-regorus",
    )
    parser.add_argument(
        "--peer-repeat", type=int, default=5, metavar="N", help="best of N for the peers"
    )
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    scales = sorted(set(args.scale))

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPU(s); "
        f"Python {platform.python_version()} ({sys.executable}); "
        f"PyYAML {yaml.__version__}, libyaml {'yes' if yaml.__with_libyaml__ else 'no'}"
    )
    print(f"command: python benchmarks/run.py {' '.join(argv or sys.argv[1:])}".rstrip())
    t0 = time.perf_counter()
    load_plan()
    print(f"plan load (once, cached): {time.perf_counter() - t0:.3f} s")

    tmp = None
    if args.data is None:
        tmp = tempfile.TemporaryDirectory(prefix="jiexiang-bench-")
        folder = Path(tmp.name)
    else:
        folder = args.data
    try:
        files: dict[int, tuple[Path, Path]] = {}
        for scale in scales:
            data = build_setup(scale)
            files[scale] = write_setup(data, folder, f"setup-{scale}x")
            counts = ", ".join(f"{k} {v:,}" for k, v in summary(data).items())
            sizes = ", ".join(f"{p.suffix[1:]} {_mb(p.stat().st_size)}" for p in files[scale])
            print(f"{scale}x data: {counts}; {sizes}")
            del data
        gc.collect()

        if args.peers or args.only_peers:
            # In a process of its own: see peers/compare.py.
            print(flush=True)
            command = [sys.executable, str(HERE / "peers" / "compare.py")]
            command += [f"--file={s}={files[s][1]}" for s in scales]
            command += ["--folder", str(folder), "--cli", json.dumps(_cli(args.installed)[0])]
            command += ["--repeat", str(max(1, args.peer_repeat))]
            command += ["--min-time", str(args.min_time)]
            if args.celine is not None:
                command += ["--celine", str(args.celine)]
            env = dict(os.environ)
            paths = (str(ROOT / "src"), str(HERE / "peers"), env.get("PYTHONPATH", ""))
            env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
            peers_ok = subprocess.run(command, env=env, check=False).returncode == 0
            print()
            if args.only_peers:
                return 0 if peers_ok else 1
        else:
            peers_ok = True

        rows: list[tuple[int, str, float, dict[str, float]]] = []
        for scale in scales:
            yaml_path, json_path = files[scale]
            for fmt, path, baseline in (
                ("json", json_path, _load_json),
                ("yaml", yaml_path, _load_yaml),
            ):
                base, ours, rounds = time_against(path, baseline, repeat, args.min_time)
                rows.append((scale, fmt, base, ours))
                print(
                    f"  measured {scale}x {fmt}: baseline {base:.3f} s, "
                    f"load {ours['load']:.3f} s, check {ours['check']:.3f} s "
                    f"(best of {rounds})",
                    flush=True,
                )

        scaling: dict[str, dict[str, float]] = {}
        small, large = scales[0], scales[-1]
        if large % small == 0 and large > small:
            factor = large // small
            # The YAML baseline is left out here: 25 s a round at 10x.
            plans: list[tuple[str, int, Callable[[Path], object] | None]] = [
                ("json", 1, _load_json),
                ("yaml", 0, None),
            ]
            for fmt, index, reference in plans:
                best, rounds = time_scaling(
                    files[small][index],
                    files[large][index],
                    factor,
                    repeat,
                    args.scaling_time,
                    reference,
                )
                scaling[fmt] = best
                print(
                    f"  measured scaling {fmt}: {small}x {best['small']:.3f} s a run "
                    f"({factor} in a row; best single {best['small_single']:.3f} s), "
                    f"{large}x {best['large']:.3f} s (best of {rounds})",
                    flush=True,
                )

        startup = time_startup(max(repeat, 10), args.installed)
        memory = {} if args.no_memory else {s: measure_memory(files[s][1]) for s in scales}
        memory_yaml = {} if args.no_memory else {s: measure_memory(files[s][0]) for s in scales}
        ok = _print_results(rows, scaling, startup, memory, memory_yaml, files, scales)
        if args.profile:
            for path in files[scales[0]][::-1]:
                print(f"\n=== cProfile: load_setup + check of {path.name} ===")
                print(profile(path, 25))
        return 0 if ok and peers_ok else 1
    finally:
        if tmp is not None:
            tmp.cleanup()


def _print_results(
    rows: list[tuple[int, str, float, dict[str, float]]],
    scaling: dict[str, dict[str, float]],
    startup: tuple[float, float, str],
    memory: dict[int, dict[str, int]],
    memory_yaml: dict[int, dict[str, int]],
    files: dict[int, tuple[Path, Path]],
    scales: list[int],
) -> bool:
    ok = True
    print()
    print(
        "| scale | format | baseline | baseline s | load s | check s | load+check s | ratio "
        "| target | result |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---|---|")
    for scale, fmt, base, ours in rows:
        name = "json.load" if fmt == "json" else "yaml CSafeLoader"
        ratio = ours["total"] / base
        verdict = _verdict(ratio, TARGET_PARSE)
        ok &= verdict == "met"
        print(
            f"| {scale}x | {fmt} | {name} | {base:.3f} | {ours['load']:.3f} | "
            f"{ours['check']:.3f} | {ours['total']:.3f} | {ratio:.2f}x | "
            f"≤ {TARGET_PARSE:g}x | {verdict} |"
        )

    print()
    print("| measure | value | target | result |")
    print("|---|---:|---|---|")
    small, large = scales[0], scales[-1]
    limit = TARGET_SCALING * (large / small) / 10
    what = f"{large}x vs {small}x data"
    for fmt, t in scaling.items():
        ratio = t["large"] / t["small"]
        verdict = _verdict(ratio, limit)
        ok &= verdict == "met"
        print(
            f"| {fmt} load+check, {what} | {ratio:.2f}x "
            f"({t['small']:.3f} → {t['large']:.3f} s) | ≤ {limit:g}x | {verdict} |"
        )
    # For reference, from the same rounds: the large file against the best single run
    # of the small one, and how the plain parser alone scales (JSON only).
    for fmt, t in scaling.items():
        print(
            f"| (reference) {fmt} load+check, {what}, against the best single {small}x run "
            f"| {t['large'] / t['small_single']:.2f}x ({t['small_single']:.3f} → "
            f"{t['large']:.3f} s) | – | – |"
        )
        if "base_large" in t:
            print(
                f"| (reference) {fmt} baseline alone, {what} | "
                f"{t['base_large'] / t['base_small']:.2f}x ({t['base_small']:.3f} → "
                f"{t['base_large']:.3f} s) | – | – |"
            )
    cli, bare, shown = startup
    ratio = cli / bare
    verdict = _verdict(ratio, TARGET_STARTUP)
    ok &= verdict == "met"
    print(
        f"| `jiexiang --version` vs `python -c pass` | {ratio:.2f}x "
        f"({cli * 1000:.0f} vs {bare * 1000:.0f} ms) | ≤ {TARGET_STARTUP:g}x | {verdict} |"
    )
    for fmt, mem in (("json", memory), ("yaml", memory_yaml)):
        for scale, m in mem.items():
            path = files[scale][1 if fmt == "json" else 0]
            size = path.stat().st_size
            peak = max(m["rss_delta"], m["traced_peak"])
            ratio = peak / size
            verdict = _verdict(ratio, TARGET_MEMORY, strict=True)
            ok &= verdict == "met"
            print(
                f"| peak memory, {scale}x {fmt} ({_mb(size)} file) | {ratio:.1f}x "
                f"(RSS +{_mb(m['rss_delta'])}, traced {_mb(m['traced_peak'])}, "
                f"peak RSS {_mb(m['rss_total'])}) | < {TARGET_MEMORY:g}x | {verdict} |"
            )
    print()
    print(f"startup command: {shown}")
    print("all targets met" if ok else "some targets MISSED")
    return ok


if __name__ == "__main__":
    sys.exit(main())
