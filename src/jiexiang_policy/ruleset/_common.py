"""Small pieces the rule modules share."""

from __future__ import annotations

from fractions import Fraction

from ..locations import PathPart
from ..orgsetup import District, Setup, Street
from ..rule import Violation


def fraction_text(value: Fraction) -> str:
    """``1/3`` for fractions, ``1`` for whole numbers."""
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def share_text(value: Fraction, lang: str = "zh") -> str:
    """A share as the exact fraction and, for reading only, a percentage: ``1/3（约 33.33%）``."""
    if lang == "en":
        return f"{fraction_text(value)} (about {float(value):.2%})"
    return f"{fraction_text(value)}（约 {float(value):.2%}）"


def not_declared(
    path: tuple[PathPart, ...], target: str, field: str, what_zh: str, what_en: str
) -> Violation:
    """A violation for a field the setup leaves out: the plan cannot be judged met."""
    return Violation(
        (*path, field),
        f"{target}/{field}",
        f"{target}未填写{what_zh}（{field}），无法确认符合要求",
        f"{target} does not declare {what_en} ({field}), so compliance cannot be shown",
    )


def terms_not_declared(
    path: tuple[PathPart, ...], target: str, field: str, what_zh: str, what_en: str
) -> Violation:
    """A violation for a list of terms the setup leaves out (``None``), told apart from an
    empty list (``[]``, which declares none and is reported with the terms it lacks).
    The target is the same as for the empty list: it is the same gap."""
    return Violation(
        (*path, field),
        target,
        f"{target}未填写{what_zh}（{field}），无法确认符合要求；如确实没有，请写 {field}: []",
        f"{target} does not declare {what_en} ({field}), so compliance cannot be shown; "
        f"if there are none, write {field}: []",
    )


def by_street(setup: Setup) -> dict[tuple[str, str], Street]:
    """Streets of a setup keyed by (district name, street name)."""
    return {(d.name, s.name): s for d in setup.districts for s in d.streets}


def by_district(setup: Setup) -> dict[str, District]:
    """Districts of a setup keyed by name."""
    return {d.name: d for d in setup.districts}
