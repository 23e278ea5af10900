"""Dates as ISO strings: absolute ones parsed with python-dateutil, relative ones resolved.

A date mention with a year is parsed as written ("Nov. 25, 2015" -> 2015-11-25, "July 2015" ->
2015-07, "2008"). One without a year ("March 3"), or a relative one ("Tuesday", "yesterday", "last
week", "two days ago"), is resolved against an anchor: the article's `published` date when the
source gives one, else (for a missing year only) the year the text last named. Such a date is
*inferred* and says so, so the timeline can order events that name no year. Pure, no spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser
from dateutil.relativedelta import relativedelta

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d|s\b|’s\b|'s\b)")  # "the 1990s" is a decade
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}",
                        re.IGNORECASE)
_MONTH_ONLY = re.compile(rf"\b{_MONTH}(?!\w)", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago\b",
                  re.IGNORECASE)
_DURATION = re.compile(r"\b(?:months|years|days|weeks|hours|decades)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ResolvedDate:
    iso: str | None
    inferred: bool = False


def parse_iso_date(value: str | None) -> date | None:
    """A `published` value ("2015-12-01", "2015-12-01T10:00:00Z", "1 Dec 2015") as a date, else None."""
    if not value or not value.strip():
        return None
    try:
        return parser.parse(value.strip()[:40], fuzzy=True).date()
    except (ValueError, OverflowError):
        return None


def resolve_date(mention: str, published: date | None = None, last_year: int | None = None) -> ResolvedDate:
    """The ISO form of one DATE mention; relative and year-less dates resolve against the anchors."""
    text = " ".join(mention.split())
    if m := _ISO.search(text):
        return ResolvedDate(m.group(0))
    if _DURATION.search(text) and not _AGO.search(text):
        return ResolvedDate(None)  # "180 months", "three years": a length of time, not a point
    year = _YEAR.search(text)
    if year:
        return ResolvedDate(_absolute(text, int(year.group(1))))
    if published is not None:
        relative = _relative(text.lower(), published)
        if relative is not None:
            return ResolvedDate(relative, inferred=True)
    anchor_year = published.year if published is not None else last_year
    if anchor_year is not None and _MONTH_ONLY.search(text):
        iso = _absolute(text, anchor_year)
        if iso is not None:
            return ResolvedDate(iso, inferred=True)
    return ResolvedDate(None)


def year_of(mention: str) -> int | None:
    """The year a date mention names, if any (the discourse year for later year-less dates)."""
    m = _YEAR.search(mention)
    return int(m.group(1)) if m else None


def names_month(mention: str) -> bool:
    """Does the mention name a month ("Nov. 25", "in March")?"""
    return _MONTH_ONLY.search(mention) is not None


def _absolute(text: str, year: int) -> str | None:
    """YYYY-MM-DD when a day and month are written, YYYY-MM for a month, else YYYY."""
    has_day = _DAY_MONTH.search(text) is not None
    has_month = _MONTH_ONLY.search(text) is not None
    if not has_month:
        return f"{year:04d}"
    try:
        parsed = parser.parse(text, fuzzy=True, default=datetime(year, 1, 1))
    except (ValueError, OverflowError):
        return f"{year:04d}"
    if has_day:
        return f"{year:04d}-{parsed.month:02d}-{parsed.day:02d}"
    return f"{year:04d}-{parsed.month:02d}"


def _relative(text: str, anchor: date) -> str | None:
    """"yesterday", "Tuesday", "last week", "two days ago", "last month", "this year" against anchor."""
    words = set(re.findall(r"[a-z]+", text))
    if "today" in words or "tonight" in words:
        return anchor.isoformat()
    if "yesterday" in words:
        return (anchor - timedelta(days=1)).isoformat()
    if "tomorrow" in words:
        return (anchor + timedelta(days=1)).isoformat()
    if m := _AGO.search(text):
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1)]
        unit = m.group(2)
        if unit == "day":
            return (anchor - timedelta(days=n)).isoformat()
        if unit == "week":
            return (anchor - timedelta(weeks=n)).isoformat()
        if unit == "month":
            return (anchor - relativedelta(months=n)).strftime("%Y-%m")
        return f"{anchor.year - n:04d}"
    for k, day in enumerate(_WEEKDAYS):
        if day in words:
            # news is written after the fact: "Tuesday" is the last Tuesday up to the article's date,
            # "next Tuesday" the first one after it
            if "next" in words:
                ahead = (k - anchor.weekday()) % 7 or 7
                return (anchor + timedelta(days=ahead)).isoformat()
            back = (anchor.weekday() - k) % 7
            if "last" in words and back == 0:
                back = 7
            return (anchor - timedelta(days=back)).isoformat()
    shift = -1 if "last" in words or "previous" in words else 1 if "next" in words else 0
    if "this" in words or shift:
        if "week" in words:
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=shift)
            return monday.isoformat()
        if "month" in words:
            return (anchor + relativedelta(months=shift)).strftime("%Y-%m")
        if "year" in words:
            return f"{anchor.year + shift:04d}"
    return None


_DATELINE = re.compile(rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:1[5-9]|20)\d\d"
                       rf"|\d{{1,2}}\s+{_MONTH},?\s+(?:1[5-9]|20)\d\d"
                       r"|\b(?:1[5-9]|20)\d\d-\d{2}-\d{2}\b")
DATELINE_CHARS = 300


def dateline_date(text: str) -> date | None:
    """The full date written at the head of an article ("WASHINGTON, Nov. 25, 2015 -"), if any."""
    m = _DATELINE.search(text[:DATELINE_CHARS])
    return parse_iso_date(m.group(0)) if m else None
