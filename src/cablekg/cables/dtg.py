"""Date-time groups: "R 150943Z OCT 09" -> 2009-10-15T09:43:00+00:00.

Three shapes occur in the release: the telegram DTG line (precedence letters, DDHHMMZ, month,
year), a bare DTG on its own line ("291359Z Nov 00", cables reprinted from the old archive
format), and the web edition's dateline ("Friday, 27 August 2004, 08:08", UTC). The dateline is read
as written, but its minute is unreliable: the web edition printed the 12-hour hour in place of
the minute (the same bug as in its metadata). It is used only when a cable has no DTG.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

MONTHS = {
    "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
    "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
}  # fmt: skip

# Precedence letters (Z, O, P, R, ...) are optional and at most two groups ("O P 261148Z ...").
# Every quantifier is bounded or on a disjoint class, so a long line cannot backtrack badly.
_DTG = re.compile(
    r"^[ \t]*(?:[A-Z]{1,2}[ \t]+){0,2}(\d{2})(\d{2})(\d{2})Z[ \t]+([A-Za-z]{3})[A-Za-z]*[ \t]+"
    r"(\d{4}|\d{2})(?:[ \t]+[A-Z0-9]{1,8}){0,6}"  # trailing "ZDS CTG RUEHSD 0020"
    r"(?:[ \t]+\([^()\n]{0,60}\))?[ \t]*$"  # trailing "(CCY ADC1AECC MSI3311-632)"
)
_DATELINE = re.compile(
    r"^[ \t]*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),[ \t]+(\d{1,2})[ \t]+"
    r"([A-Za-z]{3})[a-z]*[ \t]+(\d{4}),[ \t]+(\d{1,2}):(\d{2})[ \t]*$"
)
_MAX_LINE = 120  # header lines are short; never run these patterns over a body paragraph


def full_year(year: str) -> int:
    """Two-digit years: the release spans 1966-2010, so 50-99 are 19xx and 00-49 are 20xx."""
    y = int(year)
    if len(year) == 4:
        return y
    return 1900 + y if y >= 50 else 2000 + y


def _make(year: int, month: str, day: int, hour: int, minute: int) -> datetime | None:
    mon = MONTHS.get(month.upper())
    if mon is None:
        return None
    try:
        return datetime(year, mon, day, hour, minute, tzinfo=UTC)
    except ValueError:  # 31 FEB, 2500Z: not a date-time group
        return None


def parse_dtg(line: str) -> datetime | None:
    """The instant of a DTG or dateline, or None when the line is not one."""
    if len(line) > _MAX_LINE:
        return None
    m = _DTG.match(line)
    if m:
        day, hour, minute, mon, year = m.groups()
        return _make(full_year(year), mon, int(day), int(hour), int(minute))
    m = _DATELINE.match(line)
    if m:
        day, mon, year, hour, minute = m.groups()
        return _make(int(year), mon, int(day), int(hour), int(minute))
    return None


def parse_csv_date(value: str) -> datetime | None:
    """The cables.csv date column, "12/28/1966 18:48" (month first), as UTC."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*", value)
    if not m:
        return None
    month, day, year, hour, minute = (int(g) for g in m.groups())
    try:
        return datetime(year, month, day, hour, minute, tzinfo=UTC)
    except ValueError:
        return None
