"""A task's deadline as a work plan writes it: a date, a month, a quarter, a year's end,
长期坚持 (ongoing) or not set.

Every kind but the last two ends on a calendar day, :attr:`Due.last_day`; that day is
still in time (due today is not overdue, the day after is). Ongoing work is never
overdue; a deadline not set can be neither overdue nor on time.

Written forms (zh first; the English ones are accepted too)::

    2026-06-30            a date (YAML may read it as a date itself)
    2026-06 / 2026年6月    a month: due on its last day
    2026年第二季度 / 2026Q2 a quarter: due on its last day
    2026年底 / 2026-end    a year: due on 31 December
    长期坚持 / ongoing
    未设定 / not_set        (the same as leaving the field out)
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re

import attrs

from ..converter import half_width, parse_date, written_date

__all__ = ["Due", "DueKind"]


class DueKind(enum.Enum):
    """What kind of deadline a task or milestone has."""

    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR_END = "year_end"
    ONGOING = "ongoing"
    NOT_SET = "not_set"


_QUARTER_ZH = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_WORD = ("一", "二", "三", "四")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$|^(\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末)?$")
_QUARTER = re.compile(
    r"^(\d{4})\s*-?\s*Q([1-4])$|^(\d{4})\s*年\s*第?\s*([一二三四1-4])\s*季度(?:末|底)?$", re.I
)
_YEAR_END = re.compile(r"^(\d{4})\s*年\s*(?:底|末|年底|年末)$|^(\d{4})-end$|^end-(\d{4})$", re.I)
_ONGOING = frozenset(("长期坚持", "长期", "持续推进", "ongoing"))
_NOT_SET = frozenset(("未设定", "未明确", "not_set", "not set"))
_FORMS = (
    "a date (2026-06-30), a month (2026-06 or 2026年6月), a quarter (2026年第二季度 or 2026Q2), "
    "a year's end (2026年底), 长期坚持 (ongoing) or 未设定 (not set)"
)


def _year(value: int | None) -> None:
    if value is not None and not 1900 <= value <= 9999:
        raise ValueError(f"year {value} is out of range (1900–9999)")


@attrs.frozen
class Due:
    """One deadline. Build it with the class methods, or :meth:`parse` its written form."""

    kind: DueKind = DueKind.NOT_SET
    date: dt.date | None = None
    """For ``DATE`` only."""
    year: int | None = None
    """For ``MONTH``, ``QUARTER`` and ``YEAR_END``."""
    part: int | None = None
    """The month (1–12) of ``MONTH``, the quarter (1–4) of ``QUARTER``."""

    def __attrs_post_init__(self) -> None:
        k = self.kind
        _year(self.year)
        if k is DueKind.DATE:
            ok = self.date is not None and self.year is None and self.part is None
        elif k is DueKind.MONTH:
            ok = self.date is None and self.year is not None and self.part in range(1, 13)
        elif k is DueKind.QUARTER:
            ok = self.date is None and self.year is not None and self.part in range(1, 5)
        elif k is DueKind.YEAR_END:
            ok = self.date is None and self.year is not None and self.part is None
        else:
            ok = self.date is None and self.year is None and self.part is None
        if not ok:
            raise ValueError(f"inconsistent {k.value} deadline: {self!r}")

    # --- construction -----------------------------------------------------------

    @classmethod
    def on(cls, day: dt.date) -> Due:
        """Due on ``day``."""
        return cls(DueKind.DATE, date=day)

    @classmethod
    def month_end(cls, year: int, month: int) -> Due:
        """Due by the end of ``month`` of ``year``."""
        return cls(DueKind.MONTH, year=year, part=month)

    @classmethod
    def quarter_end(cls, year: int, quarter: int) -> Due:
        """Due by the end of ``quarter`` (1–4) of ``year``."""
        return cls(DueKind.QUARTER, year=year, part=quarter)

    @classmethod
    def year_end(cls, year: int) -> Due:
        """Due by 31 December of ``year``."""
        return cls(DueKind.YEAR_END, year=year)

    @classmethod
    def ongoing(cls) -> Due:
        """长期坚持: ongoing work, never overdue."""
        return cls(DueKind.ONGOING)

    @classmethod
    def not_set(cls) -> Due:
        """No deadline given."""
        return cls(DueKind.NOT_SET)

    @classmethod
    def parse(cls, value: object) -> Due:
        """Read a written deadline (see the module docs); raises :class:`ValueError` otherwise."""
        if value is None:
            return cls.not_set()
        if isinstance(value, Due):
            return value
        if isinstance(value, dt.datetime):
            return cls.on(value.date())
        if isinstance(value, dt.date):
            return cls.on(value)
        if isinstance(value, bool) or not isinstance(value, str):
            raise TypeError(f"expected a deadline such as {_FORMS}; got {value!r}")
        text = half_width(value).strip()  # ２０２６年６月 as typed by a Chinese input method
        if text in _ONGOING or text.lower() in _ONGOING:
            return cls.ongoing()
        if text in _NOT_SET or text.lower() in _NOT_SET:
            return cls.not_set()
        if written_date(text) is not None:  # 2026-06-30, 2026/6/30, 2026年6月30日 …
            return cls.on(parse_date(text))
        if m := _MONTH.match(text):
            year, month = int(m[1] or m[3]), int(m[2] or m[4])
            if not 1 <= month <= 12:
                raise ValueError(f"{value!r}: there is no month {month}")
            return cls.month_end(year, month)
        if m := _QUARTER.match(text):
            return cls.quarter_end(int(m[1] or m[3]), _QUARTER_ZH[(m[2] or m[4]).upper()])
        if m := _YEAR_END.match(text):
            return cls.year_end(int(m[1] or m[2] or m[3]))
        raise ValueError(f"{value!r} is not a deadline; write {_FORMS}")

    # --- reading ----------------------------------------------------------------

    @property
    def last_day(self) -> dt.date | None:
        """The last day that is still in time; ``None`` for ongoing and not set."""
        if self.kind is DueKind.DATE:
            return self.date
        if self.year is None:
            return None
        if self.kind is DueKind.MONTH:
            assert self.part is not None
            return dt.date(self.year, self.part, calendar.monthrange(self.year, self.part)[1])
        if self.kind is DueKind.QUARTER:
            assert self.part is not None
            month = self.part * 3
            return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])
        return dt.date(self.year, 12, 31)

    @property
    def is_set(self) -> bool:
        """Whether a deadline was given (ongoing counts as one)."""
        return self.kind is not DueKind.NOT_SET

    def overdue_on(self, as_of: dt.date) -> bool:
        """Whether the deadline has passed on ``as_of`` (due today is not overdue)."""
        last = self.last_day
        return last is not None and as_of > last

    def days_left(self, as_of: dt.date) -> int | None:
        """Days from ``as_of`` to the last day (0 on the day, negative once passed)."""
        last = self.last_day
        return None if last is None else (last - as_of).days

    def text(self) -> str:
        """The canonical written form, read back by :meth:`parse`."""
        if self.kind is DueKind.DATE:
            assert self.date is not None
            return self.date.isoformat()
        if self.kind is DueKind.MONTH:
            return f"{self.year:04d}-{self.part:02d}"
        if self.kind is DueKind.QUARTER:
            return f"{self.year:04d}Q{self.part}"
        if self.kind is DueKind.YEAR_END:
            return f"{self.year:04d}年底"
        return "长期坚持" if self.kind is DueKind.ONGOING else "未设定"

    def describe(self, lang: str = "zh") -> str:
        """A short human-readable form: ``2026年第二季度`` / ``Q2 2026``."""
        en = lang == "en"
        if self.kind is DueKind.DATE:
            return self.text()
        if self.kind is DueKind.MONTH:
            return (
                f"by end of {self.year:04d}-{self.part:02d}"
                if en
                else f"{self.year}年{self.part}月底前"
            )
        if self.kind is DueKind.QUARTER:
            assert self.part is not None
            return (
                f"Q{self.part} {self.year}"
                if en
                else f"{self.year}年第{_QUARTER_WORD[self.part - 1]}季度"
            )
        if self.kind is DueKind.YEAR_END:
            return f"end of {self.year}" if en else f"{self.year}年底前"
        if self.kind is DueKind.ONGOING:
            return "ongoing" if en else "长期坚持"
        return "not set" if en else "未设定"
