#!/usr/bin/env python3
"""Checks the time-expression tables (tests/time/README.md); never runs the extractor and
does not import the generator, so it is an independent check of what the CSVs say.

Usage: python3 tests/time/check.py [FILE.csv ...]   (default: nl, en, es, pt and *_none)
Prints `file:line: message` for each problem and exits 1 if there is any.

Checked for every row of <lang>.csv:
- columns exactly name,ref,tz,text,expr,time_start,time_end,precision; names unique, snake_case;
- ref is RFC 3339 with an offset; tz is one of the table zones; times are RFC 3339 with Z;
- expr occurs in text exactly once; end > start;
- the interval has the shape its precision says, in the row's zone (zoneinfo, DST included):
  minute = 60 s on a whole minute, hour = 3600 s on a whole hour, day = local midnight to the
  next local midnight, week = local Monday 00:00 to the Monday after, month and year = the
  calendar unit; range = anything else (it must not coincide with one of those units);
- cross-checks against the words of expr: a weekday named first is the start's weekday; a
  month named first is the start's month; a four-digit year is the start's year; a
  "3 January" / "January 3" day number is the start's day; the minutes of a written clock
  time are the start's minutes; yesterday/today words give the reference day - 1 / + 0.
  Local calendar fields are compared in the row's zone; for minute, hour and range rows (whose
  clock may carry its own zone) also in UTC, America/Caracas, America/New_York and
  America/Sao_Paulo, and one must agree.
And at least 160 rows per language; *_none.csv: columns name,ref,tz,text.
"""
import csv
import datetime as dt
import pathlib
import re
import sys
from zoneinfo import ZoneInfo

HERE = pathlib.Path(__file__).resolve().parent
COLUMNS = ["name", "ref", "tz", "text", "expr", "time_start", "time_end", "precision"]
NONE_COLUMNS = ["name", "ref", "tz", "text"]
PRECISIONS = {"minute", "hour", "day", "week", "month", "year", "range"}
ZONES = {"America/Caracas", "Europe/Amsterdam", "America/New_York", "Europe/London",
         "America/Sao_Paulo", "Europe/Lisbon", "UTC"}
ALT_ZONES = ["UTC", "America/Caracas", "America/New_York", "America/Sao_Paulo"]
MIN_ROWS = 160
REF_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
UTC_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
NAME_RE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")

MONTHS = {
    "en": ["january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun",
           "july|jul", "august|aug", "september|sept|sep", "october|oct", "november|nov",
           "december|dec"],
    "nl": ["januari|jan", "februari|feb", "maart|mrt", "april|apr", "mei", "juni|jun",
           "juli|jul", "augustus|aug", "september|sept|sep", "oktober|okt", "november|nov",
           "december|dec"],
    "es": ["enero|ene", "febrero|feb", "marzo", "abril|abr", "mayo", "junio|jun", "julio|jul",
           "agosto|ago", "septiembre|setiembre|sept|sep", "octubre|oct", "noviembre|nov",
           "diciembre|dic"],
    "pt": ["janeiro|jan", "fevereiro|fev", "março|mar", "abril|abr", "maio|mai", "junho|jun",
           "julho|jul", "agosto|ago", "setembro|set", "outubro|out", "novembro|nov",
           "dezembro|dez"],
}
# Weekday words, Monday first; a match must start a word (Dutch compounds like
# "zaterdagochtend" count).  Portuguese short forms must not be ordinals ("segunda semana").
WEEKDAYS = {
    "en": [r"monday|mon\.", r"tuesday|tue\.", r"wednesday|wed\.", r"thursday|thu\.",
           r"friday|fri\.", r"saturday|sat\.", r"sunday|sun\."],
    "nl": [r"maandag|ma\b", r"dinsdag|di\b", r"woensdag|wo\b", r"donderdag|do\b",
           r"vrijdag|vr\b", r"zaterdag|za\b", r"zondag|zo\b"],
    "es": [r"lunes", r"martes", r"miércoles", r"jueves", r"viernes", r"sábado|sáb\.",
           r"domingo"],
    "pt": [r"segunda(-feira)?(?! (semana|trimestre|vez))", r"terça(-feira)?",
           r"quarta(-feira)?(?! (semana|parte))", r"quinta(-feira)?", r"sexta(-feira)?",
           r"sábado|sáb\.", r"domingo"],
}
YESTERDAY = {"en": r"\byesterday\b(?<!before yesterday)", "nl": r"(?<![a-z])gister",
             "es": r"\bayer\b", "pt": r"(?<![a-z])ontem\b"}
TODAY = {"en": r"\btoday\b", "nl": r"\bvandaag\b", "es": r"\bhoy\b", "pt": r"\bhoje\b"}
CLOCK_RE = re.compile(r"(?<![\d/.-])([01]?\d|2[0-3])(?::|\.|h|H|u)([0-5]\d)(?![\d/.-]?\d)")
YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d|\s*(?:hrs|GMT|UTC|uur))")


def parse_ref(s):
    if not REF_RE.match(s):
        raise ValueError("not RFC 3339 with an offset")
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def parse_utc(s):
    if not UTC_RE.match(s):
        raise ValueError("not RFC 3339 UTC with Z")
    return dt.datetime.fromisoformat(s[:-1] + "+00:00")


def midnight(d, z):
    return dt.datetime(d.year, d.month, d.day, tzinfo=z)


def unit_of(start, end, z):
    """Which calendar unit [start, end) is in zone z, or None."""
    dur = end - start
    if dur == dt.timedelta(minutes=1) and start.second == 0:
        return "minute"
    if dur == dt.timedelta(hours=1) and start.minute == 0 and start.second == 0:
        return "hour"
    ls, le = start.astimezone(z), end.astimezone(z)
    if (ls.hour, ls.minute, ls.second) != (0, 0, 0) or (le.hour, le.minute, le.second) != (0, 0, 0):
        return None
    a, b = ls.date(), le.date()
    if midnight(a, z) != start or midnight(b, z) != end:
        return None
    if b == a + dt.timedelta(days=1):
        return "day"
    if a.weekday() == 0 and b == a + dt.timedelta(days=7):
        return "week"
    if a.day == 1 and b == dt.date(a.year + (a.month == 12), a.month % 12 + 1, 1):
        return "month"
    if (a.month, a.day) == (1, 1) and b == dt.date(a.year + 1, 1, 1):
        return "year"
    return None


def first_match(patterns, expr):
    """Index (0-based) of the pattern matched earliest in expr, or None."""
    best = None
    for i, pat in enumerate(patterns):
        m = re.search(r"(?<![\w])(" + pat + r")", expr, re.IGNORECASE)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), i)
    return None if best is None else best[1]


def month_pattern(lang):
    return [r"(" + alts + r")(?![a-zà-ú])\.?" for alts in MONTHS[lang]]


def day_number(lang, expr):
    """The day number of the first '3 January' / 'January 3' in expr, or None."""
    months = "|".join(MONTHS[lang])
    pats = [
        r"(?<![\d:.h])(\d{1,2})(?:º|\.º|st|nd|rd|th|de|ste|e)?(?:\s+(?:de|of))?\s+(?:" + months + r")(?![a-z])",
        r"(?<![a-z])(?:" + months + r")\.?\s+(\d{1,2})(?!\d)",
    ]
    best = None
    for pat in pats:
        m = re.search(pat, expr, re.IGNORECASE)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), int(m.group(1)))
    return None if best is None else best[1]


def local_fields(t, tz):
    """The local datetimes of t in the row's zone and the alternative zones."""
    out = [t.astimezone(tz)]
    out += [t.astimezone(ZoneInfo(z)) for z in ALT_ZONES]
    return out


def check_table(path, lang, problems):
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != COLUMNS:
        problems.append(f"{path}:1: header must be {','.join(COLUMNS)}")
        return 0
    names = set()
    n = 0
    for i, row in enumerate(rows[1:], start=2):
        where = f"{path}:{i}"
        if len(row) != len(COLUMNS):
            problems.append(f"{where}: {len(row)} columns, want {len(COLUMNS)}")
            continue
        r = dict(zip(COLUMNS, row))
        n += 1
        if not NAME_RE.match(r["name"]):
            problems.append(f"{where}: name {r['name']!r} is not snake_case")
        if r["name"] in names:
            problems.append(f"{where}: duplicate name {r['name']}")
        names.add(r["name"])
        try:
            ref = parse_ref(r["ref"])
        except ValueError as e:
            problems.append(f"{where}: ref {r['ref']!r}: {e}")
            continue
        if r["tz"] not in ZONES:
            problems.append(f"{where}: tz {r['tz']!r} not one of {sorted(ZONES)}")
            continue
        tz = ZoneInfo(r["tz"])
        count = r["text"].count(r["expr"]) if r["expr"] else 0
        if count != 1:
            problems.append(f"{where}: expr {r['expr']!r} occurs {count} times in text")
        try:
            start, end = parse_utc(r["time_start"]), parse_utc(r["time_end"])
        except ValueError as e:
            problems.append(f"{where}: {e}")
            continue
        if not end > start:
            problems.append(f"{where}: time_end is not after time_start")
            continue
        prec = r["precision"]
        if prec not in PRECISIONS:
            problems.append(f"{where}: precision {prec!r} not one of {sorted(PRECISIONS)}")
            continue
        unit = unit_of(start, end, tz)
        if prec == "range":
            if unit is not None:
                problems.append(f"{where}: precision range but the interval is one {unit}")
        elif unit != prec:
            problems.append(f"{where}: precision {prec} but the interval is {unit or 'not a calendar unit'}"
                            f" in {r['tz']} ({start.astimezone(tz)} .. {end.astimezone(tz)})")
        cross_checks(where, lang, r, ref, tz, start, prec, problems)
    if n < MIN_ROWS:
        problems.append(f"{path}:1: {n} rows, want at least {MIN_ROWS}")
    return n


def cross_checks(where, lang, r, ref, tz, start, prec, problems):
    expr = r["expr"]
    # Calendar units are local to the row's zone; clock times may carry their own zone.
    locs = [start.astimezone(tz)] if prec in ("day", "week", "month", "year") else local_fields(start, tz)
    refday = ref.astimezone(tz).date()

    wd = first_match(WEEKDAYS[lang], expr)
    if wd is not None and not any(t.weekday() == wd for t in locs):
        problems.append(f"{where}: expr names weekday {wd} (Mon=0) but the start is a "
                        f"{start.astimezone(tz):%A} in {r['tz']}")
    mo = first_match(month_pattern(lang), expr)
    if mo is not None and not any(t.month == mo + 1 for t in locs):
        problems.append(f"{where}: expr names month {mo + 1} but the start is in month "
                        f"{start.astimezone(tz).month} in {r['tz']}")
    years = [int(y) for y in YEAR_RE.findall(expr)]
    if years and not any(t.year == min(years) for t in locs):
        problems.append(f"{where}: expr names year {min(years)} but the start is in "
                        f"{start.astimezone(tz).year}")
    dn = day_number(lang, expr)
    if dn is not None and prec != "range" and not any(t.day == dn for t in locs):
        problems.append(f"{where}: expr names day {dn} but the start is day "
                        f"{start.astimezone(tz).day} in {r['tz']}")
    cm = CLOCK_RE.search(expr)
    if cm and prec in ("minute", "range", "hour"):
        mm = int(cm.group(2))
        if start.minute != mm and not re.search(r"(?i)before|antes|voor", expr):
            problems.append(f"{where}: expr has clock minutes {mm:02d} but the start is at :{start.minute:02d}")
    if re.search(YESTERDAY[lang], expr, re.IGNORECASE):
        if start.astimezone(tz).date() != refday - dt.timedelta(days=1):
            problems.append(f"{where}: 'yesterday' word but the start is not on the day before the reference day")
    if re.search(TODAY[lang], expr, re.IGNORECASE):
        if start.astimezone(tz).date() != refday:
            problems.append(f"{where}: 'today' word but the start is not on the reference day")


def check_none(path, problems):
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != NONE_COLUMNS:
        problems.append(f"{path}:1: header must be {','.join(NONE_COLUMNS)}")
        return 0
    names = set()
    for i, row in enumerate(rows[1:], start=2):
        where = f"{path}:{i}"
        if len(row) != len(NONE_COLUMNS):
            problems.append(f"{where}: {len(row)} columns, want {len(NONE_COLUMNS)}")
            continue
        r = dict(zip(NONE_COLUMNS, row))
        if not NAME_RE.match(r["name"]) or r["name"] in names:
            problems.append(f"{where}: bad or duplicate name {r['name']!r}")
        names.add(r["name"])
        try:
            parse_ref(r["ref"])
        except ValueError as e:
            problems.append(f"{where}: ref {r['ref']!r}: {e}")
        if r["tz"] not in ZONES:
            problems.append(f"{where}: tz {r['tz']!r} not one of {sorted(ZONES)}")
        if not r["text"].strip():
            problems.append(f"{where}: empty text")
    return len(rows) - 1


def main(argv):
    paths = [pathlib.Path(a) for a in argv] or sorted(HERE.glob("*.csv"))
    problems = []
    for p in paths:
        stem = p.stem
        if stem.endswith("_none"):
            n = check_none(p, problems)
            print(f"{p.name}: {n} rows")
        elif stem in MONTHS:
            n = check_table(p, stem, problems)
            print(f"{p.name}: {n} rows")
        else:
            problems.append(f"{p}:1: not a table of this directory (<lang>.csv or <lang>_none.csv)")
    for msg in problems:
        print(msg)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
