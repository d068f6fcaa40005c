"""Generate a Beijing-scale organisational setup, and larger copies, for benchmarks.

The 1x setup has the shape of Beijing: 16 districts, 333 街乡镇 spread across them,
about 7,000 communities and villages, about 15,000 lanes each with a 街巷长, about
20,000 小巷管家 in steward groups, and six kinds of dispatched office with one office
of each kind per street. Every street is modelled on the streets of the minimal
compliant setup (``src/jiexiang_policy/ruleset/minimal-setup.yaml``), so the setup
passes every rule: the benchmark measures a clean run, the common case in CI.

Names and numbers are synthetic (only the totals come from FACTS.md); the data is
deterministic, so every run measures the same files. A scale of N repeats the 16
districts N times (``示例01区``, ``示例01区-2`` …).

    python benchmarks/generate.py                 # 1x and 10x into a new temp folder
    python benchmarks/generate.py --scale 1 --out benchmarks/data

Generated files are never committed (``benchmarks/data/`` is git-ignored).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DISTRICTS", "OFFICE_KINDS", "build_setup", "write_setup"]

# 16 synthetic districts and how many 街乡镇 each gets. Only the totals (16 districts,
# 333 街乡镇) come from ../shared/FACTS.md; names and the split are made up, and no
# administrative codes are given, so the data states no fact about any real district.
DISTRICTS: tuple[tuple[str, str, int], ...] = (
    ("示例01区", "", 17),
    ("示例02区", "", 15),
    ("示例03区", "", 43),
    ("示例04区", "", 24),
    ("示例05区", "", 9),
    ("示例06区", "", 29),
    ("示例07区", "", 13),
    ("示例08区", "", 28),
    ("示例09区", "", 22),
    ("示例10区", "", 25),
    ("示例11区", "", 22),
    ("示例12区", "", 21),
    ("示例13区", "", 16),
    ("示例14区", "", 18),
    ("示例15区", "", 20),
    ("示例16区", "", 15),
)
STREETS_1X = 333
COMMUNITIES_1X = 7_000
LANES_1X = 15_000
STEWARDS_1X = 20_000

OFFICE_KINDS: tuple[str, ...] = ("派出所", "工商所", "食药所", "司法所", "城管执法队", "交通队")
"""Six dispatched office kinds, each sunk with one office per street."""

_DEPARTMENTS = ["公安", "消防", "城管", "工商", "交通", "食品药品监管"]
_FIXED = ["人员", "责任", "工作机制", "工作场地"]
_NETWORKS = ["城市管理网", "社会服务管理网", "社会治安网", "城管综合执法网"]


def _minimal_district() -> dict[str, Any]:
    from jiexiang_policy.ruleset import minimal_setup_text

    district: dict[str, Any] = yaml.safe_load(minimal_setup_text())["districts"][0]
    return district


_MINIMAL = _minimal_district()
"""The minimal compliant setup's district: its district-wide fields pass every rule."""
_STEWARD_SOURCES = ("社区“两委”干部", "党员群众")


def _split(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder), each at least 1."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [max(1, int(x)) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: exact[i] - int(exact[i]), reverse=True)
    i = 0
    while sum(parts) < total:
        parts[order[i % len(order)]] += 1
        i += 1
    while sum(parts) > total:
        j = max(range(len(parts)), key=lambda k: parts[k])
        parts[j] -= 1
    return parts


def _street(
    prefix: str, index: int, kind: str, communities: int, lanes: int, stewards: int
) -> dict[str, Any]:
    name = f"{prefix}第{index:03d}{kind}"
    short = f"{prefix}{index:03d}"
    groups = []
    per_community = _split(stewards, [1] * communities)
    for c in range(communities):
        cadres = max(1, per_community[c] // 4)
        groups.append({"source": _STEWARD_SOURCES[0], "count": cadres})
        groups.append({"source": _STEWARD_SOURCES[1], "count": max(1, per_community[c] - cadres)})
    approved = {"行政": 40, "执法": 20, "事业": 30}
    return {
        "name": name,
        "kind": kind,
        "code": f"{index:03d}",
        "communities": [
            f"{short}{'村' if kind != '街道' else '社区'}{c:02d}" for c in range(communities)
        ],
        "internal_bodies": {
            "comprehensive": True,
            "management_layers": 2,
            "bodies": [
                {"name": "党群工作办公室", "serves_public": False},
                {"name": "民生保障办公室", "serves_public": True},
            ],
        },
        "staffing": {
            "approved": approved,
            "actual": {k: v - (index % 3) for k, v in approved.items()},
            "leadership_approved": 10,
            "leadership_actual": 10,
        },
        "enforcement_center": {
            "physical": True,
            "departments": list(_DEPARTMENTS),
            "fixed": list(_FIXED),
        },
        "uses_unified_duty_list": True,
        "party_working_rules": True,
        "coordination_committee": {
            "established": True,
            "chair_level": "区",
            "chair_is_party_member_leader": True,
            "community_chair_level": "街道乡镇",
        },
        "lanes": [
            {"name": f"{short}街巷{n:03d}", "chief_rank": "处级" if n % 5 == 0 else "科级"}
            for n in range(lanes)
        ],
        "lane_stewards": groups,
    }


def _district(
    name: str, prefix: str, code: str, streets: int, rng: random.Random
) -> dict[str, Any]:
    # About 55% 街道, the rest 镇 and a few 乡, as in Beijing's outer districts.
    kinds = [
        "街道" if rng.random() < 0.55 else ("乡" if rng.random() < 0.07 else "镇")
        for _ in range(streets)
    ]
    communities = _split(
        COMMUNITIES_1X * streets // STREETS_1X, [rng.randint(14, 28) for _ in kinds]
    )
    lanes = _split(LANES_1X * streets // STREETS_1X, [rng.randint(30, 60) for _ in kinds])
    stewards = _split(STEWARDS_1X * streets // STREETS_1X, [rng.randint(40, 80) for _ in kinds])
    street_data = [
        _street(prefix, i + 1, kind, communities[i], lanes[i], max(stewards[i], communities[i]))
        for i, kind in enumerate(kinds)
    ]
    offices = [
        {
            "name": f"{s['name']}{kind}",
            "kind": kind,
            "serves": [s["name"]],
            "status": "下沉",
            "basis": "区划",
        }
        for kind in OFFICE_KINDS
        for s in street_data
    ]
    return {
        "name": name,
        "code": code or None,
        # Made-up names: the division registry checks (JX024–JX027) skip synthetic districts.
        "synthetic": True,
        "streets": street_data,
        "offices": offices,
        # District-wide fields as in the minimal compliant setup, which every rule passes.
        "street_rights": _MINIMAL["street_rights"],
        "matching_body_requirements": _MINIMAL["matching_body_requirements"],
        "assessment": {
            **{k: v for k, v in _MINIMAL["assessment"].items() if k != "departments"},
            "departments": [
                {
                    "name": dept,
                    "feedback": "背靠背",
                    "components": [
                        {"assessor": "街乡", "weight": "1/3"},
                        {"assessor": "区委区政府", "weight": "2/3"},
                    ],
                }
                for dept in ("区城市管理委员会", "区市场监督管理局", "区公安分局", "区司法局")
            ],
        },
        "enforcement_personnel": {"district": 60 * streets // 4, "street": 240 * streets // 4},
        "coordination_committee": {"established": True},
        "coordinators": {
            "overall_coordination": "市",
            "recruitment_training": "区",
            "management_use": "街道乡镇",
        },
        "network_integration": {
            "district": list(_NETWORKS),
            "street": list(_NETWORKS),
            "community": list(_NETWORKS),
        },
        "autonomous_funds": True,
        "whistle_domains": _MINIMAL["whistle_domains"],
    }


def build_setup(scale: int = 1, seed: int = 2018) -> dict[str, Any]:
    """The setup as plain data: Beijing's 16 districts, repeated ``scale`` times."""
    rng = random.Random(seed)
    per_district = _split(STREETS_1X, [w for _, _, w in DISTRICTS])
    districts = []
    for copy in range(scale):
        for (name, code, _), streets in zip(DISTRICTS, per_district, strict=True):
            suffix = "" if copy == 0 else f"-{copy + 1}"
            prefix = name.removesuffix("区") + suffix.lstrip("-")
            districts.append(_district(name + suffix, prefix, code, streets, rng))
    return {
        "schema_version": 1,
        "name": f"北京市街乡管理体制机制改革方案（基准测试，{scale}x，合成数据）",
        "as_of": "2026-11-01",
        "districts": districts,
    }


def summary(data: dict[str, Any]) -> dict[str, int]:
    """How much of each thing the setup holds."""
    streets = [s for d in data["districts"] for s in d["streets"]]
    return {
        "districts": len(data["districts"]),
        "streets": len(streets),
        "communities": sum(len(s["communities"]) for s in streets),
        "lanes": sum(len(s["lanes"]) for s in streets),
        "steward_groups": sum(len(s["lane_stewards"]) for s in streets),
        "stewards": sum(g["count"] for s in streets for g in s["lane_stewards"]),
        "offices": sum(len(d["offices"]) for d in data["districts"]),
    }


def write_setup(data: dict[str, Any], folder: Path, stem: str) -> tuple[Path, Path]:
    """Write ``data`` as ``stem.yaml`` (block style, flow leaves) and ``stem.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    yaml_path, json_path = folder / f"{stem}.yaml", folder / f"{stem}.json"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    with yaml_path.open("w", encoding="utf-8") as f:
        yaml.dump(
            data,
            f,
            Dumper=dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=None,
            width=1000,
        )
    with json_path.open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return yaml_path, json_path


def generate(scales: Sequence[int], folder: Path) -> dict[int, tuple[Path, Path]]:
    """Write ``setup-<N>x.yaml`` and ``setup-<N>x.json`` for each scale; return their paths."""
    out = {}
    for scale in scales:
        out[scale] = write_setup(build_setup(scale), folder, f"setup-{scale}x")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10], metavar="N")
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="folder to write to (default: a new temp folder)"
    )
    args = parser.parse_args(argv)
    folder = args.out or Path(tempfile.mkdtemp(prefix="jiexiang-bench-"))
    for scale, paths in generate(args.scale, folder).items():
        counts = summary(build_setup(scale))
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in paths)
        print(f"{scale}x: {sizes}; " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print(f"written to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
