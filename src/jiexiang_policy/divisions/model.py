"""Beijing's township-level divisions (街道 / 乡 / 镇) as typed values, one dated snapshot at a time.

A unit's identity is its code, its name and the snapshot's date together: codes
are sometimes given to another unit in a later year (110106008 was 卢沟桥街道 in
2019 and is 六里桥街道 in 2021).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import re

import attrs

__all__ = ["District", "NameKind", "Registry", "Snapshot", "TownshipUnit", "short_name"]


class NameKind(enum.Enum):
    """The kind a unit's name shows by its suffix. Not the legal type (see the data README)."""

    STREET = "街道"
    AREA = "地区"
    """A 乡 with an added 地区办事处 plate (some later became 街道 under the same code)."""
    TOWN = "镇"
    TOWNSHIP = "乡"
    OTHER = "其他"
    """Any other name: development zones, the airport and similar."""


_LONG = "办事处"  # the 2018 file's long names: 东华门街道办事处, 南磨房地区办事处
_SUFFIX = re.compile(r"(街道|地区|镇|乡)$")


def _plain(name: str) -> str:
    return name.removesuffix(_LONG)


def short_name(name: str) -> str:
    """The name without its suffix: 东华门街道(办事处) → 东华门, 北宫镇 → 北宫."""
    plain = _plain(name)
    short = _SUFFIX.sub("", plain)
    return short or plain


def name_kind(name: str) -> NameKind:
    """The kind the name shows by its suffix."""
    match = _SUFFIX.search(_plain(name))
    return NameKind(match.group(1)) if match else NameKind.OTHER


@attrs.frozen
class TownshipUnit:
    """One township-level unit (or zone) of a snapshot."""

    code: str
    """Its 9-digit statistical division code, e.g. 110101001."""
    name: str
    """Its name as the snapshot gives it, e.g. 东华门街道 (2018: 东华门街道办事处)."""
    district_code: str
    """The 6-digit code of its district, e.g. 110101."""
    district_name: str
    """Its district's name, e.g. 东城区."""

    @property
    def short_name(self) -> str:
        """The name without 街道 / 地区 / 镇 / 乡 (and 办事处): 东华门."""
        return short_name(self.name)

    @property
    def plain_name(self) -> str:
        """The name without a trailing 办事处: 东华门街道办事处 → 东华门街道."""
        return _plain(self.name)

    @property
    def kind(self) -> NameKind:
        """The kind the name shows (街道 / 地区 / 镇 / 乡 / 其他); not the legal type."""
        return name_kind(self.name)

    @property
    def is_zone(self) -> bool:
        """True for a development zone or similar: a 4 as the code's 7th digit, not a 街道.

        首都机场街道 has such a code and is a unit; zones are not 街乡镇 and are
        left out of the counts, of ``init`` and of the missing-unit check.
        """
        return self.code[6] == "4" and self.kind is not NameKind.STREET


@attrs.frozen
class District:
    """A district (区) of a snapshot and its units, in code order."""

    code: str
    name: str
    units: tuple[TownshipUnit, ...]

    @property
    def township_units(self) -> tuple[TownshipUnit, ...]:
        """Its 街乡镇: every unit that is not a zone."""
        return tuple(u for u in self.units if not u.is_zone)

    def find(self, name: str) -> TownshipUnit | None:
        """The unit ``name`` names: its full name, its name without 办事处, or its short
        name when no other unit of the district has that short name (东华门 = 东华门街道)."""
        for unit in self.units:
            if name in (unit.name, unit.plain_name):
                return unit
        same_short = [u for u in self.units if u.short_name == name]
        return same_short[0] if len(same_short) == 1 else None

    def spellings(self) -> dict[str, TownshipUnit]:
        """Every name, name without 办事处 and unambiguous short name, and the unit it names
        (for did-you-mean)."""
        out = {u.name: u for u in self.units}
        out |= {u.plain_name: u for u in self.units}
        out |= {u.short_name: u for u in self.units if self.find(u.short_name) is u}
        return out


@attrs.frozen
class Snapshot:
    """Every unit of a city on one date (``as_of``; ``None`` for an undated user file)."""

    as_of: dt.date | None
    source: str
    """Where it was read from (a shipped file's name or the user's path)."""
    districts: tuple[District, ...]

    @property
    def units(self) -> tuple[TownshipUnit, ...]:
        """Every unit, zones included, in district then code order."""
        return tuple(u for d in self.districts for u in d.units)

    @property
    def township_units(self) -> tuple[TownshipUnit, ...]:
        """Every 街乡镇 (zones left out)."""
        return tuple(u for d in self.districts for u in d.township_units)

    def district(self, name_or_code: str) -> District | None:
        """The district with this name or code, or ``None``."""
        for d in self.districts:
            if name_or_code in (d.name, d.code):
                return d
        return None

    def unit(self, code: str) -> TownshipUnit | None:
        """The unit with this code on this date, or ``None``."""
        for u in self.units:
            if u.code == code:
                return u
        return None

    def named(self, name: str) -> tuple[TownshipUnit, ...]:
        """Every unit this name names, in any district (八里庄街道 is in 朝阳区 and 海淀区)."""
        return tuple(u for d in self.districts if (u := d.find(name)) is not None)

    @property
    def label(self) -> str:
        """``2019-10-31`` or, undated, the source."""
        return self.as_of.isoformat() if self.as_of else self.source


@attrs.frozen
class Registry:
    """Dated snapshots of a city's divisions, oldest first."""

    snapshots: tuple[Snapshot, ...] = attrs.field()

    @snapshots.validator
    def _dated_and_sorted(self, _attribute: object, value: tuple[Snapshot, ...]) -> None:
        if not value:
            raise ValueError("a division registry needs at least one snapshot")
        dates = [s.as_of for s in value]
        if None in dates and len(value) > 1:
            raise ValueError("an undated snapshot must be the only one in its registry")
        if None not in dates and dates != sorted(set(dates)):  # type: ignore[type-var]
            raise ValueError("snapshots must be in date order, one per date")

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """The snapshots' dates (empty for a single undated snapshot)."""
        return tuple(s.as_of for s in self.snapshots if s.as_of is not None)

    def at(self, as_of: dt.date | None = None) -> Snapshot:
        """The latest snapshot not after ``as_of`` (default: the latest of all).

        A date before the first snapshot gets the first one: check
        ``snapshot.as_of`` to see which was used (findings name it).
        """
        if as_of is None or self.snapshots[0].as_of is None:
            return self.snapshots[-1]
        i = bisect.bisect_right(self.dates, as_of)
        return self.snapshots[max(i - 1, 0)]
