"""Reading division snapshots from CSV: the shipped ones (lazily) and the user's own.

A file has one header line and the columns ``code, name, district_code,
district_name`` (more columns are ignored), UTF-8 with or without BOM. Every
problem is reported with the file, line and column name, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..locations import Location
from .model import District, Registry, Snapshot, TownshipUnit

__all__ = ["COLUMNS", "load_divisions", "parse_divisions", "shipped_registry"]

COLUMNS = ("code", "name", "district_code", "district_name")
"""The columns a division file must have."""

_DATED = re.compile(r"(\d{4}-\d{2}-\d{2})\.csv$", re.IGNORECASE)
_CODE = re.compile(r"\d{9}")
_DISTRICT_CODE = re.compile(r"\d{6}")


def _date_of(name: str) -> dt.date | None:
    match = _DATED.search(name)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _decode(raw: bytes, name: str, encoding: str | None) -> str:
    try:
        return raw.decode(encoding or "utf-8-sig")
    except (UnicodeDecodeError, LookupError) as exc:
        hint = ""
        if encoding is None:
            try:
                raw.decode("gb18030")
                hint = "; it reads as GBK/GB18030: save it as UTF-8 (or pass its encoding)"
            except UnicodeDecodeError:
                pass
        raise InputError.at(
            Location(name), f"cannot read as {encoding or 'UTF-8'}: {exc}{hint}"
        ) from None


def parse_divisions(
    text: str | bytes,
    name: str,
    *,
    as_of: dt.date | None = None,
    encoding: str | None = None,
) -> Snapshot:
    """A snapshot from CSV ``text`` named ``name``.

    ``as_of`` defaults to the date at the end of the name (``beijing-2022-10-31.csv``);
    a name without one gives an undated snapshot, used for any date.
    Raises :class:`~jiexiang_policy.errors.InputError` naming each bad line.
    """
    if isinstance(text, bytes):
        text = _decode(text, name, encoding)
    text = text.removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise InputError.at(
            Location(name, 1),
            f"empty division file: the first line must name the columns {', '.join(COLUMNS)}",
        )
    header = [cell.strip() for cell in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise InputError.at(
            Location(name, 1, 1),
            f"missing column(s) {', '.join(missing)}; a division file has the columns "
            f"{', '.join(COLUMNS)} (found: {', '.join(header)})",
        )
    at = {c: header.index(c) for c in COLUMNS}
    problems: list[tuple[Location, str]] = []
    seen: dict[str, int] = {}
    district_names: dict[str, tuple[str, int]] = {}
    units: list[TownshipUnit] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            problems.append(
                (Location(name, line), f"{len(row)} columns, the header has {len(header)}")
            )
            continue
        code, unit_name, district_code, district_name = (row[at[c]].strip() for c in COLUMNS)
        where = Location(name, line, at["code"] + 1, (line, "code"))
        if not _CODE.fullmatch(code):
            problems.append((where, f"code {code!r} is not 9 digits"))
            continue
        if not _DISTRICT_CODE.fullmatch(district_code):
            problems.append(
                (
                    Location(name, line, at["district_code"] + 1, (line, "district_code")),
                    f"district_code {district_code!r} is not 6 digits",
                )
            )
            continue
        if not code.startswith(district_code):
            problems.append(
                (where, f"code {code} does not start with its district_code {district_code}")
            )
        if not unit_name or not district_name:
            problems.append(
                (
                    Location(name, line, at["name"] + 1, (line, "name")),
                    "name and district_name must not be empty",
                )
            )
            continue
        if any(not ch.isprintable() for ch in unit_name + district_name):
            problems.append(
                (
                    Location(name, line, at["name"] + 1, (line, "name")),
                    "names must not contain line breaks or control characters",
                )
            )
            continue
        if code in seen:
            problems.append((where, f"duplicate code {code} (first on line {seen[code]})"))
            continue
        seen[code] = line
        known = district_names.setdefault(district_code, (district_name, line))
        if known[0] != district_name:
            problems.append(
                (
                    Location(name, line, at["district_name"] + 1, (line, "district_name")),
                    f"district {district_code} is named {district_name!r} here but {known[0]!r} "
                    f"on line {known[1]}",
                )
            )
        units.append(TownshipUnit(code, unit_name, district_code, district_name))
    if problems:
        raise InputError(problems)
    if not units:
        raise InputError.at(Location(name, 2), "no division rows after the header")
    districts = []
    for district_code in sorted(district_names):
        members = tuple(
            sorted((u for u in units if u.district_code == district_code), key=lambda u: u.code)
        )
        districts.append(District(district_code, district_names[district_code][0], members))
    return Snapshot(as_of or _date_of(name), name, tuple(districts))


def load_divisions(
    paths: str | Path | Sequence[str | Path], *, encoding: str | None = None
) -> Registry:
    """A registry of the user's division files (one snapshot each; dates from the names).

    Several files must each carry a date (``…-YYYY-MM-DD.csv``); a single undated
    file is used for any date.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    snapshots = []
    for path in paths:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise InputError.at(
                Location(str(path)), f"cannot read: {exc.strerror or exc}"
            ) from None
        snapshots.append(parse_divisions(raw, str(path), encoding=encoding))
    if len(snapshots) > 1:
        undated = [s.source for s in snapshots if s.as_of is None]
        if undated:
            raise InputError.at(
                Location(undated[0]),
                "several division files need a date each at the end of the name "
                "(e.g. beijing-2023-10-31.csv)",
            )
        dates = [s.as_of for s in snapshots]
        if len(set(dates)) != len(dates):
            raise InputError.at(
                Location(snapshots[-1].source), "two division files have the same date"
            )
    return Registry(tuple(sorted(snapshots, key=lambda s: s.as_of or dt.date.min)))


@functools.cache
def shipped_registry() -> Registry:
    """The shipped snapshots of Beijing (2018, 2019, 2021, 2022, each as of 31 October).

    Read on first use, not at import.
    """
    from ..prebuilt import load

    prebuilt = load("divisions")
    if isinstance(prebuilt, Registry):
        return prebuilt
    return read_shipped_registry()


def read_shipped_registry() -> Registry:
    """The shipped snapshots, read from their CSV files (not from the pre-read copy)."""
    folder = Path(__file__).parent / "data"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".csv")), key=lambda f: f.name)
    return Registry(tuple(parse_divisions(f.read_bytes(), f.name) for f in files))
