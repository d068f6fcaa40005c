"""The JSON report: versioned, deterministic, documented in ``docs/report-format.md``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..findings import Report
from ..messages import skip_reason
from ..run import InputProblem, RunNote

__all__ = ["render_json"]


def render_json(
    report: Report,
    *,
    errors: Sequence[InputProblem] = (),
    notes: Sequence[RunNote] = (),
    lang: str = "zh",
) -> str:
    """The report as JSON text, with the run's input ``errors`` and ``notes``.

    Messages carry both languages; each skipped rule's ``reason`` is in ``lang``,
    with both in ``reasons``.
    """
    data = report.to_dict()
    data["rules_skipped"] = [
        {
            "rule_id": rule_id,
            "reason": skip_reason(why, lang),
            "reasons": {"zh": skip_reason(why, "zh"), "en": skip_reason(why, "en")},
        }
        for rule_id, why in report.rules_skipped
    ]
    data["errors"] = [p.to_dict() for p in errors]
    data["notes"] = [n.to_dict() for n in notes]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
