"""``regorus_check.py`` with opa-eval (regorus 0.2.8 inside): same arguments, same output."""

import sys

import opa_eval

policy, data, setup = sys.argv[1:4]
with open(data, encoding="utf-8") as f:
    evaluator = opa_eval.OpaEval(policy, data_json=f.read(), query="data.jiexiang.found")
with open(setup, encoding="utf-8") as f:
    found = evaluator.evaluate_parsed(f.read())
for rule, target in found:
    print(rule, target)
sys.exit(1 if found else 0)
