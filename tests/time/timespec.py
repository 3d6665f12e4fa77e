"""Resolvers that turn the conventions of README.md into UTC intervals.

Used by generate.py to compute the expected columns of nl.csv, en.csv, es.csv and pt.csv.
Each row gives its expectation as a *spec*: a function of the row's context (reference
instant and zone) that returns (start, end, precision) with aware datetimes.  The specs say
which convention applies ("the most recent Saturday on or before the reference day"), and this
module does the calendar and zone arithmetic with zoneinfo, so no value is worked out by hand.
"""
import datetime as dt
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc

# Zones used in the tables.
CCS = "America/Caracas"
AMS = "Europe/Amsterdam"
NYC = "America/New_York"
LON = "Europe/London"
SAO = "America/Sao_Paulo"
LIS = "Europe/Lisbon"
Z = "UTC"

# Explicit zone words in the texts and the zone (or fixed offset) they stand for.
FIXED = {
    "GMT": dt.timezone.utc,
    "UTC": dt.timezone.utc,
    "EST": dt.timezone(dt.timedelta(hours=-5)),
    "EDT": dt.timezone(dt.timedelta(hours=-4)),
    "CET": dt.timezone(dt.timedelta(hours=1)),
    "CEST": dt.timezone(dt.timedelta(hours=2)),
    "BST": dt.timezone(dt.timedelta(hours=1)),
    "VET": dt.timezone(dt.timedelta(hours=-4)),
    "UTC-4": dt.timezone(dt.timedelta(hours=-4)),
    "UTC-3": dt.timezone(dt.timedelta(hours=-3)),
}

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

HALF_YEAR = dt.timedelta(days=183)   # "more than ~6 months after the reference"

# Parts of the day, local hours [from, to); `to` may be past 24 (next day).
PARTS = {
    "early_hours": (0, 6),    # early hours, madrugada, 's nachts, madrugada
    "morning": (6, 12),       # morning, ochtend/morgen, mañana, manhã
    "afternoon": (12, 18),    # afternoon, middag ('s middags), tarde
    "evening": (18, 24),      # evening, avond
    "night": (18, 30),        # night (noche, noite, nacht, night): 18:00 to 06:00 next day
    "early_day": (0, 12),     # "early Saturday", "in alle vroegte", first half of the day
}


def zone(name):
    if name in FIXED:
        return FIXED[name]
    return ZoneInfo(name)


class Ctx:
    def __init__(self, ref, tz):
        self.ref = dt.datetime.fromisoformat(ref)
        if self.ref.tzinfo is None:
            raise ValueError(f"reference {ref} has no offset")
        self.tzname = tz
        self.tz = zone(tz)
        self.refday = self.ref.astimezone(self.tz).date()

    def refday_in(self, z):
        return self.ref.astimezone(z).date()


def local(day, h=0, m=0, z=None):
    """The instant at local clock h:m on calendar day `day` in zone z (hour 24.. = next day)."""
    extra, h = divmod(h, 24)
    d = day + dt.timedelta(days=extra)
    return dt.datetime(d.year, d.month, d.day, h, m, tzinfo=z)


# ---------------------------------------------------------------- day resolvers
# A day resolver is f(ctx) -> datetime.date (a calendar day in the row's zone).

def D(y, m, d):
    return lambda c: dt.date(y, m, d)


def yl(m, d):
    """Year-less date: reference year, unless that is more than ~6 months after the reference
    day, then the year before."""
    def f(c):
        cand = dt.date(c.refday.year, m, d)
        if cand - c.refday > HALF_YEAR:
            cand = dt.date(c.refday.year - 1, m, d)
        return cand
    return f


def yl_future(m, d):
    """Year-less date in a future-tense sentence: first occurrence on or after the reference day."""
    def f(c):
        cand = dt.date(c.refday.year, m, d)
        if cand < c.refday:
            cand = dt.date(c.refday.year + 1, m, d)
        return cand
    return f


def rel(n):
    """The reference day plus n days (today 0, yesterday -1, two days ago -2)."""
    return lambda c: c.refday + dt.timedelta(days=n)


def wd(k):
    """Bare weekday: the most recent such day on or before the reference day."""
    return lambda c: c.refday - dt.timedelta(days=(c.refday.weekday() - k) % 7)


def wd_last(k):
    """'last Saturday', 'el sábado pasado', 'afgelopen zaterdag': most recent strictly before."""
    return lambda c: c.refday - dt.timedelta(days=((c.refday.weekday() - k - 1) % 7) + 1)


def wd_future(k):
    """Bare weekday in a future-tense sentence: first such day on or after the reference day."""
    return lambda c: c.refday + dt.timedelta(days=(k - c.refday.weekday()) % 7)


def wd_next(k):
    """'next Saturday', 'el próximo sábado', 'aanstaande zaterdag': first strictly after."""
    return lambda c: c.refday + dt.timedelta(days=((k - c.refday.weekday() - 1) % 7) + 1)


def wd_of_week(k, weeks):
    """Weekday k of the ISO week `weeks` away from the reference week (-1: 'vorige week dinsdag')."""
    def f(c):
        monday = c.refday - dt.timedelta(days=c.refday.weekday())
        return monday + dt.timedelta(days=7 * weeks + k)
    return f


def dom(d):
    """Bare day of month ('el 3', 'op de 3de', 'no dia 3'): in the reference month if on or
    before the reference day, else in the month before."""
    def f(c):
        y, m = c.refday.year, c.refday.month
        if d > c.refday.day:
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        return dt.date(y, m, d)
    return f


def nth_weekday(y, m, k, n):
    """The n-th weekday k of month m of year y (n = -1: the last)."""
    def f(c):
        if n > 0:
            first = dt.date(y, m, 1)
            return first + dt.timedelta(days=(k - first.weekday()) % 7 + 7 * (n - 1))
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        last = nxt - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - k) % 7)
    return f


# ---------------------------------------------------------------- interval specs
# A spec is f(ctx) -> (start, end, precision).

def _z(c, zname):
    return c.tz if zname is None else zone(zname)


def day(dr):
    def f(c):
        d = dr(c)
        return local(d, 0, 0, c.tz), local(d + dt.timedelta(days=1), 0, 0, c.tz), "day"
    return f


def clock(h, m=0, on=None, z=None, prec="minute", future=False):
    """A clock time h:m (24-hour).  With `on` (a day resolver) it is on that day; without, it
    is the most recent such time at or before the reference instant (future=True: the first at
    or after it).  z: an explicit zone word or IANA name; default the row's zone.
    prec 'minute' -> [t, t+1 min); 'hour' -> [t, t+1 h)."""
    def f(c):
        zz = _z(c, z)
        if on is not None:
            t = local(on(c), h, m, zz)
        else:
            t = local(c.refday_in(zz), h, m, zz)
            if not future and t > c.ref:
                t = local(c.refday_in(zz) - dt.timedelta(days=1), h, m, zz)
            if future and t < c.ref:
                t = local(c.refday_in(zz) + dt.timedelta(days=1), h, m, zz)
        step = dt.timedelta(minutes=1) if prec == "minute" else dt.timedelta(hours=1)
        return t, t + step, prec
    return f


def clock12(h, m=0, prec="hour", future=False, z=None):
    """A 12-hour clock time with no am/pm and no part of the day ("rond drie uur", "around
    2 o'clock"): of the two readings h:m and (h+12):m, the most recent at or before the
    reference instant (future=True: the first at or after it)."""
    def f(c):
        a = clock(h % 12, m, z=z, prec=prec, future=future)(c)
        b = clock(h % 12 + 12, m, z=z, prec=prec, future=future)(c)
        if future:
            return min(a, b, key=lambda r: r[0])
        return max(a, b, key=lambda r: r[0])
    return f


def part(dr, name):
    """A part of the day `dr` (PARTS); 'night' runs 18:00 to 06:00 the next day."""
    a, b = PARTS[name]

    def f(c):
        d = dr(c)
        return local(d, a, 0, c.tz), local(d, b, 0, c.tz), "range"
    return f


def last_night():
    """'last night', 'anoche', 'ontem à noite', 'vannacht' (past): the night before the
    reference day, 18:00 yesterday to 06:00 on the reference day."""
    return part(rel(-1), "night")


def week(dr):
    """The ISO week (Monday 00:00 to the next Monday 00:00, local) containing day dr."""
    def f(c):
        d = dr(c)
        mon = d - dt.timedelta(days=d.weekday())
        return local(mon, 0, 0, c.tz), local(mon + dt.timedelta(days=7), 0, 0, c.tz), "week"
    return f


def rel_week(n):
    """The ISO week n weeks from the reference week (-1: last week, 0: this week)."""
    return week(lambda c: c.refday + dt.timedelta(days=7 * n))


def nth_week(y, m, n):
    """'the third week of September': the ISO week that begins on the n-th Monday of the month."""
    return week(nth_weekday(y, m, MON, n))


def month(y, m):
    def f(c):
        a = dt.date(y, m, 1)
        b = dt.date(y + (m == 12), m % 12 + 1, 1)
        return local(a, 0, 0, c.tz), local(b, 0, 0, c.tz), "month"
    return f


def _month_yl(c, m):
    y = c.refday.year
    if dt.date(y, m, 1) - c.refday > HALF_YEAR:
        y -= 1
    return y


def month_yl(m):
    """Year-less month ('in December'): the year rule of year-less dates, on the 1st."""
    return lambda c: month(_month_yl(c, m), m)(c)


def rel_month(n):
    def f(c):
        idx = c.refday.year * 12 + c.refday.month - 1 + n
        return month(idx // 12, idx % 12 + 1)(c)
    return f


def year(y):
    def f(c):
        return local(dt.date(y, 1, 1), 0, 0, c.tz), local(dt.date(y + 1, 1, 1), 0, 0, c.tz), "year"
    return f


def rel_year(n):
    return lambda c: year(c.refday.year + n)(c)


def decade(y):
    def f(c):
        return local(dt.date(y, 1, 1), 0, 0, c.tz), local(dt.date(y + 10, 1, 1), 0, 0, c.tz), "range"
    return f


def quarter(y, q):
    def f(c):
        a = dt.date(y, 3 * q - 2, 1)
        b = dt.date(y + (q == 4), (3 * q) % 12 + 1, 1)
        return local(a, 0, 0, c.tz), local(b, 0, 0, c.tz), "range"
    return f


THIRDS_OF_MONTH = {"early": (1, 11), "mid": (11, 21), "late": (21, None)}
THIRDS_OF_YEAR = {"early": (1, 5), "mid": (5, 9), "late": (9, None)}


def part_of_month(y, m, which):
    """early = days 1-10, mid = 11-20, late = 21 to the end of the month. y None: year-less."""
    def f(c):
        yy = _month_yl(c, m) if y is None else y
        a, b = THIRDS_OF_MONTH[which]
        start = dt.date(yy, m, a)
        end = dt.date(yy, m, b) if b else dt.date(yy + (m == 12), m % 12 + 1, 1)
        return local(start, 0, 0, c.tz), local(end, 0, 0, c.tz), "range"
    return f


def part_of_this_month(which, n=0):
    def f(c):
        idx = c.refday.year * 12 + c.refday.month - 1 + n
        return part_of_month(idx // 12, idx % 12 + 1, which)(c)
    return f


def part_of_year(y, which):
    """early = January-April, mid = May-August, late = September-December."""
    def f(c):
        a, b = THIRDS_OF_YEAR[which]
        start = dt.date(y, a, 1)
        end = dt.date(y, b, 1) if b else dt.date(y + 1, 1, 1)
        return local(start, 0, 0, c.tz), local(end, 0, 0, c.tz), "range"
    return f


def days(d1, d2):
    """From day d1 to day d2 inclusive: [start of d1, end of d2)."""
    def f(c):
        a, b = d1(c), d2(c)
        return local(a, 0, 0, c.tz), local(b + dt.timedelta(days=1), 0, 0, c.tz), "range"
    return f


def months(a, b):
    """From month spec a to month spec b inclusive."""
    def f(c):
        return a(c)[0], b(c)[1], "range"
    return f


def clock_span(h1, m1, h2, m2, on=None, z=None):
    """'between 2 and 4 a.m.', 'de 9:30 a 11:00': [first time, second time) on one day; a
    second time earlier than the first is on the next day.  Without `on`, the day is the one
    on which the first time was most recently reached (the bare clock rule)."""
    def f(c):
        start = clock(h1, m1, on=on, z=z)(c)[0]
        zz = start.tzinfo
        d = start.date()
        end = local(d, h2, m2, zz)
        if end <= start:
            end = local(d + dt.timedelta(days=1), h2, m2, zz)
        return start, end, "range"
    return f


def since(spec):
    """'since 2 September': from the start of the expression to the reference instant."""
    def f(c):
        return spec(c)[0], c.ref, "range"
    return f


def until(spec_from, spec_to):
    """Generic 'from A to B' with B an instant-like clock: [start A, start B)."""
    def f(c):
        return spec_from(c)[0], spec_to(c)[0], "range"
    return f


def shortly_after(spec):
    """'shortly after 2 a.m.', 'kort na middernacht': [t, t + 30 min)."""
    def f(c):
        t = spec(c)[0]
        return t, t + dt.timedelta(minutes=30), "range"
    return f


def shortly_before(spec):
    """'shortly before 2 a.m.', 'poco antes de las 2': [t - 30 min, t)."""
    def f(c):
        t = spec(c)[0]
        return t - dt.timedelta(minutes=30), t, "range"
    return f


def earlier_this_week():
    """'earlier this week', 'eerder deze week', 'a principios de esta semana', 'no início desta
    semana': from Monday 00:00 of the reference week to the reference instant."""
    def f(c):
        mon = c.refday - dt.timedelta(days=c.refday.weekday())
        return local(mon, 0, 0, c.tz), c.ref, "range"
    return f


def weekend_of(dr_saturday):
    def f(c):
        s = dr_saturday(c)
        return local(s, 0, 0, c.tz), local(s + dt.timedelta(days=2), 0, 0, c.tz), "range"
    return f


def weekend_past():
    """'this weekend' (past or present tense): the weekend whose Saturday is the most recent
    Saturday on or before the reference day."""
    return weekend_of(wd(SAT))


def weekend_last():
    """'last weekend', 'vorig weekend', 'el fin de semana pasado': the previous ISO week's."""
    return weekend_of(wd_of_week(SAT, -1))


def weekend_future():
    """'this weekend' in the future tense: the first weekend that has not ended (Saturday
    on or after the reference day, or the current one on a Sunday)."""
    def f(c):
        if c.refday.weekday() == SUN:
            return weekend_of(rel(-1))(c)
        return weekend_of(wd_future(SAT))(c)
    return f


def thanksgiving(y):
    return nth_weekday(y, 11, THU, 4)


def iso_utc(t):
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
