"""Obligations no rule can judge from a setup, each with the reason.

Together with the rules' ``obligation_ids`` this makes coverage honest: every
obligation of the plan is either checked by a rule or listed here, never both
(``tests/test_coverage.py``).
"""

from __future__ import annotations

from ..plan import Text

__all__ = ["DOCUMENTATION_ONLY"]

DOCUMENTATION_ONLY: dict[str, Text] = {}
