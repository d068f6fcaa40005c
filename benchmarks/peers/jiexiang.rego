# Four of jiexiang-policy's rules in Rego, for the peer benchmark (benchmarks/run.py --peers).
#
# Same semantics as the rule pages (docs/rules/JX001.md, JX009.md, JX010.md, JX014.md):
#   input        the setup as plain JSON, exactly the file `jiexiang check` reads
#   data.params  the plan's parameters, read from policies/ (see peers/rego.py):
#                  floor        assessment-weight-floor as {"num": 1, "den": 3}
#                  departments  enforcement-departments' terms as [{"id": ..., "zh": ...}]
# `findings` (listed as `found`) is the set of [rule ID, target] pairs; tests/test_rego_peer.py checks that it
# equals what check(select=[JX001, JX009, JX010, JX014]) reports on mutated setups.
# Weights are read exactly, as integer fractions: "1/3", "33.4%", "0.34" or whole numbers.
package jiexiang

import future.keywords.contains
import future.keywords.if
import future.keywords.in

# The findings as a list: Python bindings cannot hand back a set of arrays.
found := [f | some f in findings]

# --- JX001: streets give at least the floor of each department's score ---------------

findings contains ["JX001", concat("/", [d.name, "assessment"])] if {
	some d in input.districts
	count(object.get(object.get(d, "assessment", {}), "departments", [])) == 0
}

findings contains ["JX001", concat("/", [d.name, dept.name])] if {
	some d in input.districts
	some dept in d.assessment.departments
	parts := [share(c) | some c in dept.components; c.assessor == "街乡"]
	below_floor(parts)
}

# sum(n_i / d_i) < floor, exactly: over the product of the denominators.
below_floor(parts) if {
	den := product([p[1] | some p in parts])
	num := sum([v | some p in parts; v := (p[0] * den) / p[1]])
	num * data.params.floor.den < data.params.floor.num * den
}

share(c) := [c.weight, 1] if is_number(c.weight)

share(c) := ratio(c.weight) if is_string(c.weight)

share(c) := [c.points, c.total] if object.get(c, "weight", null) == null

ratio(s) := [to_number(m[1]), to_number(m[2])] if {
	m := regex.find_all_string_submatch_n(`^\s*(-?[0-9]+)\s*/\s*(-?[0-9]+)\s*$`, s, 1)[0]
}

ratio(s) := [digits(concat("", [m[1], m[2]])), 100 * scale(m[2])] if {
	m := regex.find_all_string_submatch_n(`^\s*([0-9]+)(?:\.([0-9]+))?\s*%\s*$`, s, 1)[0]
}

ratio(s) := [digits(concat("", [m[1], m[2]])), scale(m[2])] if {
	m := regex.find_all_string_submatch_n(`^\s*([0-9]+)(?:\.([0-9]+))?\s*$`, s, 1)[0]
}

# A number from digits that may start with zeros ("033"), which to_number refuses.
digits(s) := to_number(regex.replace(s, "^0+(.)", "$1"))

# 10 ** (number of digits): "1" followed by a zero per digit.
scale(digits) := to_number(concat("", ["1", regex.replace(digits, "[0-9]", "0")]))

# --- JX009: one sunk office of each sunk kind per street ----------------------------
# Only sunk offices count. One that serves several streets is JX010's finding: it neither
# fills nor doubles a street here, and the streets it serves are not reported missing.

findings contains ["JX009", concat("/", [d.name, s.name, kind])] if {
	some d in input.districts
	sunk := {o.kind | some o in d.offices; o.status == "下沉"}
	count(sunk) > 0
	single := {p | some p in single_pairs(d)}
	shared := shared_pairs(d)
	some kind in sunk
	some s in d.streets
	not [kind, s.name] in single
	not [kind, s.name] in shared
}

findings contains ["JX009", concat("/", [d.name, pair[1], pair[0]])] if {
	some d in input.districts
	pairs := single_pairs(d)
	count(pairs) != count({p | some p in pairs}) # some street has two offices of a kind
	some i, pair in pairs
	some j, other in pairs
	i < j
	pair == other
}

# [kind, street] for each sunk office that serves one street (listed twice or not).
single_pairs(d) := [[o.kind, x] |
	some o in d.offices
	o.status == "下沉"
	served := {y | some y in o.serves}
	count(served) == 1
	some x in served
]

# [kind, street] for the streets of sunk offices that serve several.
shared_pairs(d) := {[o.kind, x] |
	some o in d.offices
	o.status == "下沉"
	count({y | some y in o.serves}) > 1
	some x in o.serves
}

# --- JX010: a sunk office serves exactly one street ----------------------------------

findings contains ["JX010", concat("/", [d.name, o.name])] if {
	some d in input.districts
	some o in d.offices
	o.status == "下沉"
	count({x | some x in o.serves}) != 1
}

# --- JX014: the enforcement center hosts every listed department's forces -----------

findings contains ["JX014", concat("/", [d.name, s.name])] if {
	some d in input.districts
	some s in d.streets
	center := s.enforcement_center
	is_object(center)
	present := {id | some v in object.get(center, "departments", []); id := term_id(v)}
	some t in data.params.departments
	not t.id in present
}

names[norm(t.zh)] := t.id if some t in data.params.departments

names[t.id] := t.id if some t in data.params.departments

# The term a value names; values are normalised (a regex) only when they name none as written.
term_id(v) := names[v]

term_id(v) := names[norm(v)] if not names[v]

# Full-width and ASCII brackets and quotes are written interchangeably; spaces never count.
norm(v) := regex.replace(replace(replace(replace(replace(v, "（", "("), "）", ")"), "“", "\""), "”", "\""), `\s+`, "")
