"""The peer part of ``benchmarks/run.py --peers``: our checker against the Rego engines.

Four measures, each a ratio taken in one run, the sides interleaved round by round:

- in-process, at every scale: ``load_setup`` + ``check`` with *all* rules, against each
  engine reading the same JSON file and evaluating ``jiexiang.rego`` (its four rules);
  the target compares us with the fastest regorus build (gordon-to-regorus, celine-regorus);
- whole process, at every scale: ``jiexiang check FILE`` against ``regorus_check.py``
  (a ten-line script doing the same with regorus), each in a fresh interpreter;
- import: ``python -c "import jiexiang_policy.checker"`` (all that ``check`` needs)
  against ``python -c pass``, the difference in milliseconds.

Each measure also times its floor, marked "(floor)": what any checker built on the
project's model library (attrs) pays before its own code runs: ``json.load`` alone
in-process, ``import attrs`` + ``json.load`` as a whole process, ``import attrs`` alone.
A target below its floor cannot be met without leaving attrs or Python.

Every side must report nothing on the (compliant) benchmark data, or the run stops.

``run.py`` runs this module in a process of its own (``python compare.py ARGS``), so that
neither part's measurements depend on what the other left in the heap: after the 10x
peer rounds, the 1x JSON rounds of the plain-parser part took about 5% longer.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rego import POLICY, RULES, Peer, find_peers, plan_data

from jiexiang_policy.checker import check
from jiexiang_policy.orgsetup import load_setup
from jiexiang_policy.plan_loader import load_plan

HERE = Path(__file__).resolve().parent
TARGET_IN_PROCESS = 0.67
"""Ours (all rules) against the fastest regorus build (its four rules): at least 1.5x faster."""
TARGET_COMMAND = 1.0
"""``jiexiang check`` against the regorus script, on the 1x JSON."""
TARGET_IMPORT_MS = 30.0
"""What ``check`` needs to import, above ``python -c pass``."""
REGORUS_BUILDS = ("gordon-to-regorus", "celine-regorus")


def _ours(path: Path) -> set[tuple[str, str]]:
    report = check(load_setup(path))
    return {(f.rule_id, f.target) for f in report.findings}


def _peer_run(peer: Peer) -> Callable[[Path], set[tuple[str, str]]]:
    return lambda path: peer.check(path.read_text(encoding="utf-8"))


def _parse_only(path: Path) -> set[tuple[str, str]]:
    with path.open("rb") as f:
        json.load(f)
    return set()


FLOOR = "(floor) json.load"
FLOOR_COMMAND = "(floor) import attrs + json.load"
FLOOR_SCRIPT = "import attrs, json, sys; json.load(open(sys.argv[1], 'rb'))"


def time_in_process(
    path: Path, peers: Sequence[Peer], repeat: int, min_seconds: float
) -> tuple[dict[str, float], int]:
    """Best seconds of ours and of each peer on ``path``, one after the other each round."""
    sides: list[tuple[str, Callable[[Path], set[tuple[str, str]]]]] = [("ours", _ours)]
    sides += [(p.name, _peer_run(p)) for p in peers]
    sides.append((FLOOR, _parse_only))
    best = {name: float("inf") for name, _ in sides}
    rounds = 0
    started = time.perf_counter()
    while rounds < repeat or (time.perf_counter() - started < min_seconds and rounds < 100):
        for name, run in sides:
            gc.collect()
            t0 = time.perf_counter()
            found = run(path)
            best[name] = min(best[name], time.perf_counter() - t0)
            if found:
                raise SystemExit(f"{name} on {path}: expected no findings, got {sorted(found)[:3]}")
            del found
        rounds += 1
    return best, rounds


def _env(extra_path: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # As installed packages are run: from their bytecode caches, written on the first run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    parts = [str(HERE.parents[1] / "src"), extra_path, env.get("PYTHONPATH")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in parts if p)
    return env


def _wall(cmd: Sequence[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _cpu(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time, and CPU time (user + system) of the process: the host's other jobs
    stretch the first and barely the second."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _wall(cmd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def commands(
    cli: Sequence[str], params: Path, setup: Path, celine_dir: Path | None, peers: Sequence[Peer]
) -> list[tuple[str, list[str], dict[str, str]]]:
    """The whole-process commands: ours, and a script for each peer that is installed."""
    out = [("ours: jiexiang check", [*cli, "check", str(setup)], _env())]
    out.append((FLOOR_COMMAND, [sys.executable, "-c", FLOOR_SCRIPT, str(setup)], _env()))
    rest = [str(POLICY), str(params), str(setup)]
    for peer in peers:
        if peer.name.startswith("opa-eval"):
            script, extra = "opa_eval_check.py", None
        elif peer.name.startswith("celine-regorus"):
            script, extra = "regorus_check.py", str(celine_dir)
        else:
            script, extra = "regorus_check.py", None
        out.append((peer.name, [sys.executable, str(HERE / script), *rest], _env(extra)))
    return out


def time_commands(
    cmds: Sequence[tuple[str, list[str], dict[str, str]]], repeat: int
) -> dict[str, tuple[float, float]]:
    """Best wall time and best CPU time of each command, the commands in turn each round."""
    for _, cmd, env in cmds:
        _wall(cmd, env)  # warm the file and bytecode caches; check=True: nothing found
    best = {name: (float("inf"), float("inf")) for name, _, _ in cmds}
    for _ in range(repeat):
        for name, cmd, env in cmds:
            wall, cpu = _cpu(cmd, env)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def time_import(repeat: int) -> dict[str, tuple[float, float]]:
    """Best wall and CPU time of importing what ``check`` needs, and of ``python -c pass``."""
    return time_commands(
        [
            ("ours", [sys.executable, "-c", "import jiexiang_policy.checker"], _env()),
            ("bare", [sys.executable, "-c", "pass"], _env()),
            ("attrs", [sys.executable, "-c", "import attrs"], _env()),
        ],
        repeat,
    )


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _fastest_build(times: dict[str, float]) -> tuple[str, float] | None:
    builds = [(t, name) for name, t in times.items() if name.startswith(REGORUS_BUILDS)]
    return (min(builds)[1], min(builds)[0]) if builds else None


def run_peers(
    files: dict[int, Path],
    folder: Path,
    cli: Sequence[str],
    celine_dir: Path | None,
    repeat: int,
    min_seconds: float,
) -> bool:
    """Measure, print the peer table, and say whether every peer target is met."""
    data = plan_data(load_plan())
    params = folder / "jiexiang-params.json"
    params.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    peers, missing = find_peers(data, celine_dir)
    print("peers: " + "; ".join(p.name for p in peers))
    for line in missing:
        print(f"  not installed: {line}")
    print(f"  rules in Rego: {', '.join(RULES)} ({POLICY.relative_to(HERE.parents[1])})")

    in_process: dict[int, tuple[dict[str, float], int]] = {}
    whole: dict[int, dict[str, tuple[float, float]]] = {}
    for scale, path in sorted(files.items()):
        in_process[scale] = time_in_process(path, peers, repeat, min_seconds if scale == 1 else 0)
        times, rounds = in_process[scale]
        shown = ", ".join(f"{name} {t:.3f} s" for name, t in times.items())
        print(f"  measured in-process {scale}x: {shown} (best of {rounds})", flush=True)
        cmd_repeat = max(repeat, 10) if scale == 1 else repeat
        whole[scale] = time_commands(commands(cli, params, path, celine_dir, peers), cmd_repeat)
        shown = ", ".join(
            f"{name} {wall:.3f} s (CPU {cpu:.3f} s)" for name, (wall, cpu) in whole[scale].items()
        )
        print(f"  measured whole process {scale}x: {shown} (best of {cmd_repeat})", flush=True)
    imports = time_import(max(repeat, 10))

    ok = True
    print()
    print("| measure | ours | peer | ratio | target | result |")
    print("|---|---:|---|---:|---|---|")
    for scale, (times, _) in sorted(in_process.items()):
        fastest = _fastest_build(times)
        for name, t in times.items():
            if name in ("ours", FLOOR):
                continue
            is_target = fastest is not None and name == fastest[0]
            ratio = times["ours"] / t
            target = f"≤ {TARGET_IN_PROCESS:g}x" if is_target else "–"
            verdict = _verdict(ratio <= TARGET_IN_PROCESS) if is_target else "–"
            ok &= verdict != "MISSED"
            print(
                f"| in-process {scale}x, all rules vs {name} (4 rules) | {times['ours']:.3f} s "
                f"| {t:.3f} s | {ratio:.2f}x | {target} | {verdict} |"
            )
        if fastest is None:
            ok = False
            print(f"| in-process {scale}x | – | no regorus build installed | – | – | MISSED |")
        else:
            floor = times[FLOOR]
            print(
                f"| {FLOOR} alone, in-process {scale}x, vs {fastest[0]} | {floor:.3f} s "
                f"| {fastest[1]:.3f} s | {floor / fastest[1]:.2f}x | – | – |"
            )
    for scale, both in sorted(whole.items()):
        walls = {name: wall for name, (wall, _) in both.items()}
        ours, ours_cpu = both["ours: jiexiang check"]
        fastest = _fastest_build(walls)
        for name, (t, cpu) in both.items():
            if name.startswith(("ours", "(floor)")):
                continue
            is_target = scale == 1 and fastest is not None and name == fastest[0]
            ratio = ours / t
            target = f"≤ {TARGET_COMMAND:g}x" if is_target else "–"
            verdict = _verdict(ratio <= TARGET_COMMAND) if is_target else "–"
            ok &= verdict != "MISSED"
            print(
                f"| whole process {scale}x, `jiexiang check` vs {name} script | {ours:.3f} s "
                f"(CPU {ours_cpu:.3f}) | {t:.3f} s (CPU {cpu:.3f}) | {ratio:.2f}x "
                f"(CPU {ours_cpu / cpu:.2f}x) | {target} | {verdict} |"
            )
        if fastest is not None:
            floor, floor_cpu = both[FLOOR_COMMAND]
            t, cpu = both[fastest[0]]
            print(
                f"| {FLOOR_COMMAND}, whole process {scale}x, vs {fastest[0]} script "
                f"| {floor:.3f} s (CPU {floor_cpu:.3f}) | {t:.3f} s (CPU {cpu:.3f}) "
                f"| {floor / t:.2f}x (CPU {floor_cpu / cpu:.2f}x) | – | – |"
            )
    (imp, imp_cpu), (bare, bare_cpu) = imports["ours"], imports["bare"]
    above = (imp - bare) * 1000
    verdict = _verdict(above <= TARGET_IMPORT_MS)
    ok &= verdict == "met"
    print(
        f"| `import jiexiang_policy.checker` above `python -c pass` | {imp * 1000:.0f} ms "
        f"(CPU {imp_cpu * 1000:.0f}) | {bare * 1000:.0f} ms (CPU {bare_cpu * 1000:.0f}) "
        f"| +{above:.0f} ms (CPU +{(imp_cpu - bare_cpu) * 1000:.0f}) "
        f"| ≤ +{TARGET_IMPORT_MS:g} ms | {verdict} |"
    )
    floor, floor_cpu = imports["attrs"]
    print(
        f"| (floor) `import attrs` above `python -c pass` | {floor * 1000:.0f} ms "
        f"(CPU {floor_cpu * 1000:.0f}) | {bare * 1000:.0f} ms (CPU {bare_cpu * 1000:.0f}) "
        f"| +{(floor - bare) * 1000:.0f} ms (CPU +{(floor_cpu - bare_cpu) * 1000:.0f}) | – | – |"
    )
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    """``compare.py --file SCALE=PATH … --folder DIR --cli JSON [--celine DIR]``: exit 1 if
    a peer target is missed (``run.py --peers`` runs this)."""
    parser = argparse.ArgumentParser(description="The peer part of benchmarks/run.py.")
    parser.add_argument("--file", action="append", required=True, metavar="SCALE=PATH")
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--cli", required=True, help="the jiexiang command, as a JSON list")
    parser.add_argument("--celine", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--min-time", type=float, default=3.0)
    args = parser.parse_args(argv)
    files = {int(s): Path(p) for s, p in (item.split("=", 1) for item in args.file)}
    ok = run_peers(
        files, args.folder, json.loads(args.cli), args.celine, args.repeat, args.min_time
    )
    print("all peer targets met" if ok else "some peer targets MISSED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
