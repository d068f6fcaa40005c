"""What a team might run in CI instead of ``jiexiang check``: jiexiang.rego with regorus.

    python benchmarks/peers/regorus_check.py POLICY DATA SETUP   # exit 1 on any finding

DATA is the plan's parameters as JSON (``rego.plan_data``); SETUP the setup's JSON file.
"""

import sys

import regorus

policy, data, setup = sys.argv[1:4]
engine = regorus.Engine()
engine.add_policy_from_file(policy)
engine.add_data_from_json_file(data)
engine.set_input_from_json_file(setup)
found = engine.eval_rule("data.jiexiang.found")
for rule, target in found:
    print(rule, target)
sys.exit(1 if found else 0)
