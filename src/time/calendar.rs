//! Calendar expressions relative to the reference date or naming a calendar unit, in the
//! words of each language's lexicon: "two days ago" / "hace dos días" / "twee dagen
//! geleden", "this / next / last week, month, year" (before or after the noun: "la semana
//! que viene", "el mes pasado"), weekends, "the third week of September", "early / mid /
//! late January" and "late 2025", a bare month or year after a preposition ("in December",
//! "en 1992"), decades ("the 1990s") and fixed holidays ("Christmas Eve"). Weeks are ISO
//! weeks; a weekend is Saturday and Sunday; early/mid/late month are days 1–10, 11–20,
//! 21–end; early/mid/late year are January–April, May–August, September–December
//! (the conventions of `tests/time/README.md`).
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::{Anchor, Token, days_in, phrase_at};
use crate::event::{EventTime, Precision};
use crate::lang::Lexicon;

/// Which of a relative unit: the last, this or the next.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Rel {
    Last,
    This,
    Next,
}

fn rel_word(toks: &[Token], i: usize, lex: &Lexicon) -> Option<(Rel, usize)> {
    let find = |list: &[String], r: Rel| {
        list.iter()
            .filter_map(|p| phrase_at(toks, i, p).map(|n| (r, n)))
            .max_by_key(|(_, n)| *n)
    };
    find(&lex.rel_last, Rel::Last)
        .or_else(|| find(&lex.rel_next, Rel::Next))
        .or_else(|| find(&lex.rel_this, Rel::This))
}

/// The calendar unit a word names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
}

fn unit_at(toks: &[Token], i: usize, lex: &Lexicon) -> Option<Unit> {
    let w = toks.get(i)?.text;
    let is = |list: &[String]| list.iter().any(|x| x == w);
    if is(&lex.day_words) {
        Some(Unit::Day)
    } else if is(&lex.week_words) {
        Some(Unit::Week)
    } else if is(&lex.weekend_words) {
        Some(Unit::Weekend)
    } else if is(&lex.month_words) {
        Some(Unit::Month)
    } else if is(&lex.year_words) {
        Some(Unit::Year)
    } else {
        None
    }
}

fn count_at(toks: &[Token], i: usize, lex: &Lexicon) -> Option<i64> {
    let w = toks.get(i)?.text;
    if let Ok(n) = w.parse::<i64>() {
        return (1..=100).contains(&n).then_some(n);
    }
    lex.number_words
        .iter()
        .find(|(x, _)| x == w)
        .map(|(_, n)| *n as i64)
}

fn monday_of(d: Date) -> Option<Date> {
    d.checked_sub((d.weekday().to_monday_zero_offset() as i64).days())
        .ok()
}

fn time(a: &Anchor, from: Date, to: Date, precision: Precision, how: String) -> EventTime {
    let (start, end) = days_in(from, to, &a.publisher_tz);
    EventTime {
        start,
        end,
        precision,
        resolved: how,
    }
}

/// The interval of a relative unit: last/this/next week, weekend, month, year.
fn relative_unit(a: &Anchor, unit: Unit, rel: Rel) -> Option<(Date, Date, Precision)> {
    let p = a.published;
    let shift = match rel {
        Rel::Last => -1,
        Rel::This => 0,
        Rel::Next => 1,
    };
    Some(match unit {
        Unit::Day => {
            let d = p.checked_add(shift.days()).ok()?;
            (d, d, Precision::Day)
        }
        Unit::Week => {
            let m = monday_of(p)?.checked_add((7 * shift).days()).ok()?;
            (m, m.checked_add(6.days()).ok()?, Precision::Week)
        }
        Unit::Weekend => {
            // "this weekend" in a past-tense piece on a Monday is the one just past.
            let m = monday_of(p)?.checked_add((7 * shift).days()).ok()?;
            let sat = m.checked_add(5.days()).ok()?;
            let sat = if rel == Rel::This && sat > p && p.weekday() == Weekday::Monday {
                sat.checked_sub(7.days()).ok()?
            } else {
                sat
            };
            (sat, sat.checked_add(1.days()).ok()?, Precision::Range)
        }
        Unit::Month => {
            let first = p.first_of_month().checked_add(shift.months()).ok()?;
            (first, first.last_of_month(), Precision::Month)
        }
        Unit::Year => {
            let y = p.year() + shift as i16;
            (
                Date::new(y, 1, 1).ok()?,
                Date::new(y, 12, 31).ok()?,
                Precision::Year,
            )
        }
    })
}

/// A weekday relative to `p`: the last before it, the one of its ISO week, or the next after.
fn weekday_rel(p: Date, target: Weekday, rel: Rel) -> Option<Date> {
    let (pw, tw) = (
        p.weekday().to_monday_zero_offset() as i64,
        target.to_monday_zero_offset() as i64,
    );
    match rel {
        Rel::Last => {
            let back = match (pw - tw).rem_euclid(7) {
                0 => 7,
                b => b,
            };
            p.checked_sub(back.days()).ok()
        }
        Rel::Next => {
            let ahead = match (tw - pw).rem_euclid(7) {
                0 => 7,
                f => f,
            };
            p.checked_add(ahead.days()).ok()
        }
        Rel::This => p.checked_add((tw - pw).days()).ok(),
    }
}

/// "jueves pasado", "sábado próximo": a weekday with its relative word after it.
pub(super) fn weekday_then_rel(
    toks: &[Token],
    i: usize,
    lex: &Lexicon,
    p: Date,
    target: Weekday,
) -> Option<(usize, Date)> {
    let (rel, n) = rel_word(toks, i + 1, lex)?;
    Some((1 + n, weekday_rel(p, target, rel)?))
}

/// Part of a month or year: early, mid, late.
#[derive(Clone, Copy)]
enum Part {
    Early,
    Mid,
    Late,
}

fn part_at(toks: &[Token], i: usize, lex: &Lexicon) -> Option<(Part, usize)> {
    let find = |list: &[String], p: Part| {
        list.iter()
            .filter_map(|w| phrase_at(toks, i, w).map(|n| (p, n)))
            .max_by_key(|(_, n)| *n)
    };
    find(&lex.part_early, Part::Early)
        .or_else(|| find(&lex.part_mid, Part::Mid))
        .or_else(|| find(&lex.part_late, Part::Late))
}

fn month_part(first: Date, part: Part) -> Option<(Date, Date)> {
    Some(match part {
        Part::Early => (first, first.checked_add(9.days()).ok()?),
        Part::Mid => (
            first.checked_add(10.days()).ok()?,
            first.checked_add(19.days()).ok()?,
        ),
        Part::Late => (first.checked_add(20.days()).ok()?, first.last_of_month()),
    })
}

fn year_part(y: i16, part: Part) -> Option<(Date, Date)> {
    Some(match part {
        Part::Early => (Date::new(y, 1, 1).ok()?, Date::new(y, 4, 30).ok()?),
        Part::Mid => (Date::new(y, 5, 1).ok()?, Date::new(y, 8, 31).ok()?),
        Part::Late => (Date::new(y, 9, 1).ok()?, Date::new(y, 12, 31).ok()?),
    })
}

fn year_at(toks: &[Token], i: usize) -> Option<i16> {
    let w = toks.get(i)?.text;
    (w.len() == 4)
        .then(|| w.parse::<i16>().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// The month named at token `i` (full name or short form).
fn month_named(toks: &[Token], i: usize, lex: &Lexicon) -> Option<i8> {
    let w = toks.get(i)?.text;
    lex.months
        .iter()
        .position(|m| m == w)
        .or_else(|| lex.months_short.iter().position(|m| m == w))
        .map(|m| m as i8 + 1)
}

/// A month without a year: the most recent one on or before the reference month, or in
/// the future tense the first on or after it.
fn recent_month(a: &Anchor, month: i8, future: bool) -> Option<Date> {
    let mut d = Date::new(a.published.year(), month, 1).ok()?;
    if future {
        if d < a.published.first_of_month() {
            d = Date::new(a.published.year() + 1, month, 1).ok()?;
        }
    } else if d > a.published {
        d = Date::new(a.published.year() - 1, month, 1).ok()?;
    }
    Some(d)
}

/// A calendar expression at token `i`: (tokens used, interval).
pub(super) fn calendar_at(
    toks: &[Token],
    i: usize,
    folded: &str,
    lex: &Lexicon,
    a: &Anchor,
) -> Option<(usize, EventTime)> {
    let text = |n: usize| folded[toks[i].start..toks[i + n - 1].end].to_string();
    let future = super::future_around(toks, i, folded, lex);
    // "hace dos días", "há três semanas"
    if let Some(n0) = lex.ago_before.iter().find_map(|w| phrase_at(toks, i, w))
        && let Some(count) = count_at(toks, i + n0, lex)
        && let Some(unit) = unit_at(toks, i + n0 + 1, lex)
    {
        return ago(a, count, unit, n0 + 2, text(n0 + 2));
    }
    // "two days ago", "twee dagen geleden", "três semanas atrás"
    if let Some(count) = count_at(toks, i, lex)
        && let Some(unit) = unit_at(toks, i + 1, lex)
        && let Some(n) = lex.ago_after.iter().find_map(|w| phrase_at(toks, i + 2, w))
    {
        return ago(a, count, unit, 2 + n, text(2 + n));
    }
    // "last Thursday", "next Friday", "aanstaande donderdag", "el próximo sábado"
    if let Some((rel, n)) = rel_word(toks, i, lex)
        && let Some((w, wn)) = super::weekday_at(toks, i + n, lex)
    {
        let target = Weekday::from_monday_zero_offset(w as i8).ok()?;
        let d = weekday_rel(a.published, target, rel)?;
        let used = n + wn;
        return Some((
            used,
            time(a, d, d, Precision::Day, format!("'{}' → {d}", text(used))),
        ));
    }
    // "this week", "next month", "last year", "vorige maand"
    if let Some((rel, n)) = rel_word(toks, i, lex)
        && let Some(unit) = unit_at(toks, i + n, lex)
    {
        let (from, to, p) = relative_unit(a, unit, rel)?;
        let used = n + 1;
        return Some((
            used,
            time(a, from, to, p, format!("'{}' → {from} to {to}", text(used))),
        ));
    }
    // "la semana pasada", "el mes que viene": the unit, then the word.
    if let Some(unit) = unit_at(toks, i, lex)
        && let Some((rel, n)) = rel_word(toks, i + 1, lex)
        && unit != Unit::Day
    {
        let (from, to, p) = relative_unit(a, unit, rel)?;
        let used = 1 + n;
        return Some((
            used,
            time(a, from, to, p, format!("'{}' → {from} to {to}", text(used))),
        ));
    }
    // "the third week of September": the week starting on that Monday of the month.
    if let Some(k) = lex.ordinals.iter().position(|o| o == toks[i].text)
        && unit_at(toks, i + 1, lex) == Some(Unit::Week)
    {
        let mut j = i + 2;
        if toks.get(j).is_some_and(|t| {
            lex.genitive.iter().any(|g| g == t.text) || lex.date_joiner.iter().any(|g| g == t.text)
        }) {
            j += 1;
        }
        let month = month_named(toks, j, lex)?;
        let mut used = j + 1 - i;
        let first = match year_at(toks, i + used) {
            Some(y) => {
                used += 1;
                Date::new(y, month, 1).ok()?
            }
            None => recent_month(a, month, future)?,
        };
        let ahead = (7 - first.weekday().to_monday_zero_offset() as i64) % 7;
        let monday = first.checked_add((ahead + 7 * k as i64).days()).ok()?;
        let sunday = monday.checked_add(6.days()).ok()?;
        return Some((
            used,
            time(
                a,
                monday,
                sunday,
                Precision::Week,
                format!("'{}' → week of {monday}", text(used)),
            ),
        ));
    }
    // "early January", "mid-December", "late 2025", "a finales de octubre"
    if let Some((part, n)) = part_at(toks, i, lex) {
        let mut j = i + n;
        if toks.get(j).is_some_and(|t| {
            lex.date_joiner.iter().any(|g| g == t.text) || lex.genitive.iter().any(|g| g == t.text)
        }) {
            j += 1;
        }
        if let Some(month) = month_named(toks, j, lex) {
            let mut used = j + 1 - i;
            let mut k = i + used;
            if toks
                .get(k)
                .is_some_and(|t| lex.date_joiner.iter().any(|g| g == t.text))
            {
                k += 1;
            }
            let first = match year_at(toks, k) {
                Some(y) => {
                    used = k + 1 - i;
                    Date::new(y, month, 1).ok()?
                }
                None => recent_month(a, month, future)?,
            };
            let (from, to) = month_part(first, part)?;
            return Some((
                used,
                time(
                    a,
                    from,
                    to,
                    Precision::Range,
                    format!("'{}' → {from} to {to}", text(used)),
                ),
            ));
        }
        if let Some(y) = year_at(toks, j) {
            let used = j + 1 - i;
            let (from, to) = year_part(y, part)?;
            return Some((
                used,
                time(
                    a,
                    from,
                    to,
                    Precision::Range,
                    format!("'{}' → {from} to {to}", text(used)),
                ),
            ));
        }
    }
    // A bare month or year after a preposition: "in December", "en 1992"
    if lex.calendar_prepositions.iter().any(|p| p == toks[i].text) {
        let mut j = i + 1;
        if toks
            .get(j)
            .is_some_and(|t| lex.articles.iter().any(|x| x == t.text))
        {
            j += 1;
        }
        if let Some(y) = year_at(toks, j)
            && !toks.get(j + 1).is_some_and(|t| {
                unit_at(toks, j + 1, lex).is_some()
                    || t.text.len() <= 2 && t.text.parse::<u8>().is_ok()
            })
        {
            let used = j + 1 - i;
            let (from, to) = (Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?);
            return Some((
                used,
                time(
                    a,
                    from,
                    to,
                    Precision::Year,
                    format!("'{}' → {y}", text(used)),
                ),
            ));
        }
        // "the 1990s", "de jaren negentig" is left to the decade words below.
        if let Some(w) = toks.get(j).map(|t| t.text)
            && let Some(decade) = w
                .strip_suffix('s')
                .filter(|d| d.len() == 4 && d.ends_with('0'))
            && let Ok(y) = decade.parse::<i16>()
            && (1900..=2090).contains(&y)
        {
            let used = j + 1 - i;
            let (from, to) = (Date::new(y, 1, 1).ok()?, Date::new(y + 9, 12, 31).ok()?);
            return Some((
                used,
                time(
                    a,
                    from,
                    to,
                    Precision::Range,
                    format!("'{}' → the {y}s", text(used)),
                ),
            ));
        }
        if let Some(month) = toks
            .get(j)
            .and_then(|t| lex.months.iter().position(|m| *m == t.text))
            .map(|m| m as i8 + 1)
            && toks
                .get(j + 1)
                .is_none_or(|t| t.text.parse::<u16>().is_err())
            && (toks[j].upper || !lex.months_capitalized)
        {
            let used = j + 1 - i;
            let first = recent_month(a, month, future)?;
            let last = first.last_of_month();
            return Some((
                used,
                time(
                    a,
                    first,
                    last,
                    Precision::Month,
                    format!("'{}' → {}-{:02}", text(used), first.year(), first.month()),
                ),
            ));
        }
    }
    // Holidays: "Christmas Eve", "Nochebuena", "oudejaarsavond"
    if let Some((md, n)) = lex
        .holidays
        .iter()
        .filter_map(|(w, md)| phrase_at(toks, i, w).map(|n| (md, n)))
        .max_by_key(|(_, n)| *n)
    {
        let (m, d) = *md;
        let mut date = Date::new(a.published.year(), m, d).ok()?;
        if date > a.published.checked_add(183.days()).ok()? {
            date = Date::new(a.published.year() - 1, m, d).ok()?;
        } else if date.checked_add(183.days()).ok()? < a.published {
            date = Date::new(a.published.year() + 1, m, d).ok()?;
        }
        return Some((
            n,
            time(
                a,
                date,
                date,
                Precision::Day,
                format!("'{}' → {date}", text(n)),
            ),
        ));
    }
    None
}

fn ago(
    a: &Anchor,
    count: i64,
    unit: Unit,
    used: usize,
    text: String,
) -> Option<(usize, EventTime)> {
    let p = a.published;
    let d = match unit {
        Unit::Day => p.checked_sub(count.days()).ok()?,
        Unit::Week | Unit::Weekend => p.checked_sub((7 * count).days()).ok()?,
        Unit::Month => p.checked_sub((count as i32).months()).ok()?,
        Unit::Year => p.checked_sub((count as i32).years()).ok()?,
    };
    Some((
        used,
        time(
            a,
            d,
            d,
            Precision::Day,
            format!("'{text}' before {p} → {d}"),
        ),
    ))
}
