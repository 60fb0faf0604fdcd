"""Dates the cable states, resolved against the cable's own date.

"September 22" in an October 2009 cable is 2009-09-22; a month after the cable's month falls in
the previous year. "January 2009" is a gYearMonth, "in 2007" a gYear.
"""

from __future__ import annotations

import re
from datetime import datetime

from cablekg.extract.model import DateValue

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_YEAR = r"(?P<year>(?:19[5-9]\d|20[0-3]\d))"
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?(?![\d,]\d)"
    rf"|(?P<day2>[0-3]?\d)\s+(?P<month2>January|February|March|April|May|June|July|August"
    rf"|September|October|November|December)(?:\s+(?P<year2>(?:19|20)\d\d))?"
    rf"|(?P<month3>January|February|March|April|May|June|July|August|September|October"
    rf"|November|December)\s+(?:of\s+)?(?P<year3>(?:19|20)\d\d)"
    rf"|(?<![\d,.$-])(?P<year4>(?:19[5-9]\d|20[0-3]\d))(?![\d%-]|[.,]\d|\s?(?:percent|per cent)))\b"
)


def _month_number(name: str, months: dict[str, int]) -> int:
    return months[name.rstrip(".").lower()]


def resolve_day(month: int, day: int, year: int | None, created: datetime) -> DateValue | None:
    if year is None:
        year = created.year - 1 if month > created.month else created.year
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    return DateValue(f"{year:04d}-{month:02d}-{day:02d}", "day")


def find_dates(
    text: str, created: datetime, months: dict[str, int], start: int = 0, end: int | None = None
) -> list[tuple[int, int, DateValue]]:
    """(start, end, DateValue) of every date in text[start:end], in order."""
    out: list[tuple[int, int, DateValue]] = []
    for m in _DATE.finditer(text, start, len(text) if end is None else end):
        g = m.groupdict()
        value: DateValue | None
        if g["month"]:
            year = int(g["year"]) if g["year"] else None
            value = resolve_day(_month_number(g["month"], months), int(g["day"]), year, created)
        elif g["month2"]:
            year = int(g["year2"]) if g["year2"] else None
            value = resolve_day(_month_number(g["month2"], months), int(g["day2"]), year, created)
        elif g["month3"]:
            month = _month_number(g["month3"], months)
            value = DateValue(f"{int(g['year3']):04d}-{month:02d}", "month")
        else:
            value = DateValue(g["year4"], "year")
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out
