"""The Rego peers: ``jiexiang.rego`` run by the Rego engines a user might pick instead of us.

Used by ``benchmarks/run.py --peers`` and by ``tests/test_rego_peer.py`` (which checks that
the Rego policy finds what our checker finds). The engines are benchmark-only dependencies
(the ``bench`` extra); none of them is needed to use jiexiang-policy.

- ``gordon-to-regorus`` and ``celine-regorus``: two builds of regorus (Rust), both imported
  as ``regorus``. They cannot share a ``site-packages``, so the extra installs the first, and
  the second is loaded from its own folder (``pip install --no-deps --target DIR
  celine-regorus``; the folder is given with ``--celine DIR``), under another module name.
- ``opa-eval``: a wrapper around regorus 0.2.8 that reads the policy from a file.
"""

from __future__ import annotations

import importlib.machinery
import importlib.metadata
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from jiexiang_policy.plan import Plan

__all__ = ["POLICY", "QUERY", "RULES", "Peer", "find_peers", "plan_data", "regorus_peer"]

POLICY = Path(__file__).resolve().with_name("jiexiang.rego")
QUERY = "data.jiexiang.found"
RULES = ("JX001", "JX009", "JX010", "JX014")
"""The rules ``jiexiang.rego`` implements."""

Findings = set[tuple[str, str]]


def plan_data(plan: Plan) -> dict[str, Any]:
    """The ``data`` document of the policy: the plan's parameters its four rules read."""
    floor = plan.parameter("assessment-weight-floor").fraction
    assert floor is not None
    terms = plan.parameter("enforcement-departments").terms
    return {
        "params": {
            "floor": {"num": floor.numerator, "den": floor.denominator},
            "departments": [{"id": t.id, "zh": t.zh} for t in terms],
        }
    }


class Peer:
    """One engine with the policy and the plan's data loaded, ready to check setups.

    ``check(text)`` takes the setup's JSON text (what the engine would read from the file)
    and returns the set of (rule ID, target) pairs. The engine is prepared once, as our
    checker loads the plan once; each check starts from a fresh copy of it.
    """

    def __init__(self, name: str, check: Callable[[str], Findings]) -> None:
        self.name = name
        self.check = check


def _pairs(found: Any) -> Findings:
    return {(str(rule), str(target)) for rule, target in found}


def regorus_peer(module: ModuleType, name: str, data: dict[str, Any]) -> Peer:
    """A peer for a regorus module (``Engine`` with ``add_policy``, ``set_input_json``)."""
    prepared = module.Engine()
    prepared.add_policy(POLICY.name, POLICY.read_text(encoding="utf-8"))
    prepared.add_data_json(json.dumps(data, ensure_ascii=False))

    def check(text: str) -> Findings:
        engine = prepared.clone()
        engine.set_input_json(text)
        return _pairs(engine.eval_rule(QUERY))

    return Peer(name, check)


def _opa_eval_peer(module: ModuleType, name: str, data: dict[str, Any]) -> Peer:
    evaluator = module.OpaEval(
        str(POLICY), data_json=json.dumps(data, ensure_ascii=False), query=QUERY
    )
    return Peer(name, lambda text: _pairs(evaluator.evaluate_parsed(text)))


def _version(dist: str, path: list[str] | None = None) -> str:
    found = importlib.metadata.distributions(name=dist, **({"path": path} if path else {}))
    for d in found:
        return f"{dist} {d.version}"
    return dist


def _load_extension(folder: Path, name: str) -> ModuleType | None:
    """``regorus`` from ``folder`` (a ``pip install --target``), under the name ``name``."""
    found = sorted((folder / "regorus").glob("regorus*.so")) + sorted(
        (folder / "regorus").glob("regorus*.pyd")
    )
    if not found:
        return None
    # The init function is found by the last part of the name: PyInit_regorus.
    loader = importlib.machinery.ExtensionFileLoader(f"{name}.regorus", str(found[0]))
    spec = importlib.util.spec_from_file_location(f"{name}.regorus", found[0], loader=loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def find_peers(
    data: dict[str, Any], celine_dir: Path | None = None
) -> tuple[list[Peer], list[str]]:
    """The peers installed here, and a line for each one that is not (what to install)."""
    peers: list[Peer] = []
    missing: list[str] = []
    try:
        import regorus
    except ImportError:
        missing.append("regorus: pip install -e '.[bench]' (gordon-to-regorus)")
    else:
        owners = importlib.metadata.packages_distributions().get("regorus", ["regorus"])
        peers.append(regorus_peer(regorus, _version(owners[0]), data))
    if celine_dir is not None and (module := _load_extension(celine_dir, "celine")):
        peers.append(regorus_peer(module, _version("celine-regorus", [str(celine_dir)]), data))
    else:
        missing.append(
            "celine-regorus: pip install --no-deps --target DIR celine-regorus, then --celine DIR"
        )
    try:
        import opa_eval
    except ImportError:
        missing.append("opa-eval: pip install -e '.[bench]'")
    else:
        peers.append(_opa_eval_peer(opa_eval, _version("opa-eval") + " (regorus 0.2.8)", data))
    return peers, missing
