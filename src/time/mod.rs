//! Time resolution: finds time expressions in a text (clock times with a zone, absolute
//! dates, weekdays, relative days, "since ...") in Dutch, English and Spanish and turns
//! them into UTC intervals with a precision and an explanation. Time zones and DST via
//! jiff. Depends on `lang` (word lists), `text` (folding) and `event` (the result type).
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::event::{EventTime, Precision};
use crate::lang::{Lang, Lexicon};
use crate::text::Folded;

mod calendar;
mod clock;

/// The zone of "local time" in the reports' region.
pub const LOCAL_TZ: &str = "America/Caracas";

/// What a text's times are resolved against.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The day the surrounding segment speaks of (publication date, a post's date).
    pub date: Date,
    /// Publication date (relative days count from it).
    pub published: Date,
    /// Zone of the publisher's bare clock times.
    pub publisher_tz: String,
    /// Language of the report, tried first.
    pub lang: Lang,
    /// The instant of writing, when known (a liveblog entry's time, `--ref`): a clock with
    /// no date of its own is the last such time at or before it; "since" runs to it.
    pub reference: Option<Timestamp>,
    /// The year of the discourse (the last date written with a year): year-less dates take it.
    pub year: Option<i16>,
}

impl Anchor {
    /// The anchor of a text written at `reference` (its date as the writer wrote it), with
    /// bare clock times in `zone`.
    pub fn at(reference: &jiff::Zoned, zone: &str, lang: Lang) -> Anchor {
        let local = reference.with_time_zone(tz(zone)).date();
        Anchor {
            date: local,
            published: local,
            publisher_tz: zone.to_string(),
            lang,
            reference: Some(reference.timestamp()),
            year: None,
        }
    }

    /// The anchor of a report published on `date`, bare clocks in `zone`.
    pub fn on(date: Date, zone: &str, lang: Lang) -> Anchor {
        Anchor {
            date,
            published: date,
            publisher_tz: zone.to_string(),
            lang,
            reference: None,
            year: None,
        }
    }
}

/// A time expression found in a text: its byte span in the original and its interval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    pub start: usize,
    pub end: usize,
    pub time: EventTime,
}

fn tz(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

/// The UTC interval of a calendar day in a zone.
pub fn day_in(date: Date, zone: &str) -> (Timestamp, Timestamp) {
    let z = tz(zone);
    let start = date
        .to_zoned(z.clone())
        .map(|d| d.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let end = date
        .tomorrow()
        .ok()
        .and_then(|d| d.to_zoned(z).ok())
        .map_or(start, |d| d.timestamp());
    (start, end)
}

/// An interval of whole days `[from, to]` (inclusive) in a zone.
fn days_in(from: Date, to: Date, zone: &str) -> (Timestamp, Timestamp) {
    (day_in(from, zone).0, day_in(to, zone).1)
}

/// A clock time on a date in a zone, as an interval of `minutes` length.
pub fn clock_in(
    date: Date,
    hour: i8,
    minute: i8,
    zone: &str,
    minutes: i64,
) -> Option<(Timestamp, Timestamp)> {
    let start = date
        .at(hour, minute, 0, 0)
        .to_zoned(tz(zone))
        .ok()?
        .timestamp();
    Some((start, start.checked_add(minutes.minutes()).ok()?))
}

/// The publication day, as the fallback time of any statement in a report.
pub fn publication_day(anchor: &Anchor, editor: bool) -> EventTime {
    let (start, end) = day_in(anchor.published, &anchor.publisher_tz);
    EventTime {
        start,
        end,
        precision: Precision::Day,
        resolved: format!(
            "publication date {}{}",
            anchor.published,
            if editor {
                " (supplied by an editor)"
            } else {
                ""
            }
        ),
    }
}

/// A bare clock time written by the publisher (a liveblog entry) on the anchor date.
pub fn publisher_clock(anchor: &Anchor, hour: i8, minute: i8) -> Option<EventTime> {
    let (start, end) = clock_in(anchor.date, hour, minute, &anchor.publisher_tz, 1)?;
    let utc = start.to_zoned(TimeZone::UTC);
    Some(EventTime {
        start,
        end,
        precision: Precision::Minute,
        resolved: format!(
            "liveblog entry {hour:02}:{minute:02} {} → {} UTC",
            anchor.publisher_tz,
            utc.strftime("%H:%M")
        ),
    })
}

/// The day of an embedded post (`— Name (@handle) January 3, 2026`), in UTC.
pub fn post_day(date: Date) -> EventTime {
    let (start, end) = day_in(date, "UTC");
    EventTime {
        start,
        end,
        precision: Precision::Day,
        resolved: format!("date of the embedded post {date}"),
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// The original word begins with a capital letter.
    upper: bool,
}

pub(crate) fn tokens(folded: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in folded.char_indices() {
        let word = c.is_alphanumeric()
            || (c == ':' && start.is_some() && folded[..i].ends_with(|d: char| d.is_ascii_digit()));
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Token {
                    text: &folded[s..i],
                    start: s,
                    end: i,
                    upper: false,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Token {
            text: &folded[s..],
            start: s,
            end: folded.len(),
            upper: false,
        });
    }
    out
}

pub use clock::meridiem;

fn month_of(lex: &Lexicon, word: &str) -> Option<i8> {
    lex.months
        .iter()
        .position(|m| m == word)
        .or_else(|| lex.months_short.iter().position(|m| m == word))
        .map(|i| i as i8 + 1)
}

fn number(word: &str, max: i32) -> Option<i32> {
    let n: i32 = word.parse().ok()?;
    (n >= 1 && n <= max && word.len() <= 4).then_some(n)
}

/// Picks the year for a day-and-month without a year: the year of `base`, or the one
/// before if that would put the date more than half a year after it; in the future tense,
/// the first such date on or after `base`.
fn infer_year(month: i8, day: i8, base: Date, future: bool) -> Option<Date> {
    let d = Date::new(base.year(), month, day).ok()?;
    if future {
        return if d < base {
            Date::new(base.year() + 1, month, day).ok()
        } else {
            Some(d)
        };
    }
    if d > base.checked_add(183.days()).ok()? {
        Date::new(base.year() - 1, month, day).ok()
    } else {
        Some(d)
    }
}

/// The date year-less dates are placed near: publication, or the discourse year.
fn year_base(a: &Anchor) -> Date {
    match a.year {
        Some(y) if y != a.published.year() => Date::new(y, 12, 31).unwrap_or(a.published),
        _ => a.published,
    }
}

/// Finds every time expression in `text`, in text order.
///
/// ```
/// use vigia::time::{find, Anchor};
/// use vigia::Lang;
/// let d = jiff::civil::date(2026, 1, 3);
/// let a = Anchor::on(d, "Europe/Amsterdam", Lang::parse("nl").unwrap());
/// let found = find("Het zou zijn begonnen rond 02:00 lokale tijd.", &a);
/// assert_eq!(found[0].time.start.to_string(), "2026-01-03T06:00:00Z");
/// ```
pub fn find(text: &str, anchor: &Anchor) -> Vec<TimeMention> {
    let folded = Folded::new(text);
    let mut toks = tokens(&folded.text);
    for t in &mut toks {
        let (s, _) = folded.original_span(t.start, t.end);
        t.upper = text[s..].chars().next().is_some_and(char::is_uppercase);
    }
    let mut langs = vec![anchor.lang];
    langs.extend(Lang::ALL.into_iter().filter(|l| *l != anchor.lang));
    let mut hits: Vec<(usize, usize, Found)> = Vec::new();
    let mut i = 0;
    let starts = start_words();
    while i < toks.len() {
        // Most words cannot begin a time expression: skip them without trying each pattern.
        let t = toks[i].text;
        if !t.starts_with(|c: char| c.is_ascii_digit()) && !starts.contains(t) {
            i += 1;
            continue;
        }
        let found = langs
            .iter()
            .find_map(|lang| at(&toks, i, &folded.text, lang.lexicon(), anchor));
        match found {
            Some((used, f)) => {
                let last = toks[i + used - 1];
                hits.push((toks[i].start, last.end, f));
                i += used;
            }
            None => i += 1,
        }
    }
    date_clocks(&folded.text, hits, anchor)
        .into_iter()
        .map(|(s, e, time)| {
            let (start, end) = folded.original_span(s, e);
            TimeMention { start, end, time }
        })
        .collect()
}

/// Gives each clock the date of its own sentence: the day named in it ("el sábado a las
/// 02H00", "on 3 January at 1.50am"), else the anchor's date. A day and a clock with at
/// most three words between become one expression.
fn date_clocks(
    folded: &str,
    hits: Vec<(usize, usize, Found)>,
    a: &Anchor,
) -> Vec<(usize, usize, EventTime)> {
    let sentence_break = |from: usize, to: usize| {
        let piece = &folded[from.min(to)..from.max(to)];
        piece.contains(['!', '?', '\n', ';']) || piece.contains(". ")
    };
    let days: Vec<(usize, usize, Date)> = hits
        .iter()
        .filter_map(|(s, e, f)| match f {
            Found::Time(_, Some(d)) => Some((*s, *e, *d)),
            _ => None,
        })
        .collect();
    let mut merged_days: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (s, e, f) in &hits {
        let Found::Clock(c) = f else { continue };
        // The nearest day of the same sentence.
        let day = days
            .iter()
            .filter(|(ds, de, _)| {
                let (from, to) = if de <= s { (*de, *s) } else { (*e, *ds) };
                !sentence_break(from, to)
            })
            .min_by_key(|(ds, _, _)| ds.abs_diff(*s));
        let date = day.map_or(a.date, |d| d.2);
        let (zone, how) = match &c.zone {
            Some((z, words)) => (z.to_string(), format!("'{words}' → {z}")),
            None => (
                a.publisher_tz.clone(),
                format!("publisher's zone {}", a.publisher_tz),
            ),
        };
        let approx = c.approx && c.minute == 0;
        let minutes = if approx { 60 } else { 1 };
        let Some((mut start, mut end)) = clock_in(date, c.hour, c.minute, &zone, minutes) else {
            continue;
        };
        // No date of its own: the last such time at or before the moment of writing.
        if day.is_none()
            && let Some(r) = a.reference
            && start > r
            && !c.future
            && let (Ok(s1), Ok(e1)) = (start.checked_sub(24.hours()), end.checked_sub(24.hours()))
        {
            (start, end) = (s1, e1);
        }
        let mut precision = if approx {
            Precision::Hour
        } else {
            Precision::Minute
        };
        match c.shortly {
            Some(true) => {
                end = start;
                start = start.checked_sub(30.minutes()).unwrap_or(start);
                precision = Precision::Range;
            }
            Some(false) => {
                end = start.checked_add(30.minutes()).unwrap_or(end);
                precision = Precision::Range;
            }
            None => {}
        }
        let (mut span_s, mut span_e) = (*s, *e);
        if let Some((ds, de, _)) = day {
            let gap = if de <= s {
                &folded[*de..*s]
            } else {
                &folded[*e..*ds]
            };
            if gap.split_whitespace().count() <= 3
                && !gap.contains(['.', ';'])
                && !merged_days.contains(ds)
            {
                span_s = span_s.min(*ds);
                span_e = span_e.max(*de);
                merged_days.push(*ds);
            }
        }
        let utc = start.to_zoned(TimeZone::UTC).strftime("%H:%M").to_string();
        let on = if day.is_some() {
            "the date of its sentence"
        } else {
            "the reference date"
        };
        out.push((
            span_s,
            span_e,
            EventTime {
                start,
                end,
                precision,
                resolved: format!("'{}' ({how}) on {date} ({on}) → {utc} UTC", &folded[*s..*e]),
            },
        ));
    }
    for (s, e, f) in hits {
        if let Found::Time(t, _) = f
            && !merged_days.contains(&s)
        {
            out.push((s, e, t));
        }
    }
    out.sort_by_key(|(s, _, _)| *s);
    out
}

/// Every word that can begin a time expression in any language, besides numbers.
fn start_words() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let first = |p: &str| p.split_whitespace().next().unwrap_or_default().to_string();
        let mut set: std::collections::HashSet<String> =
            clock::lead_starts().map(str::to_string).collect();
        for l in Lang::ALL {
            let x = l.lexicon();
            for list in [
                &x.months,
                &x.months_short,
                &x.weekdays,
                &x.last_week,
                &x.since,
                &x.rel_last,
                &x.rel_this,
                &x.rel_next,
                &x.ago_before,
                &x.ordinals,
                &x.part_early,
                &x.part_mid,
                &x.part_late,
                &x.calendar_prepositions,
                &x.day_words,
                &x.week_words,
                &x.weekend_words,
                &x.month_words,
                &x.year_words,
            ] {
                set.extend(list.iter().map(|p| first(p)));
            }
            set.extend(x.number_words.iter().map(|(p, _)| first(p)));
            set.extend(x.weekdays_short.iter().cloned());
            set.extend(x.holidays.iter().map(|(p, _)| first(p)));
            set.extend(x.relative_days.iter().map(|(p, _)| first(p)));
        }
        set
    })
}

fn phrase_at(toks: &[Token], i: usize, phrase: &str) -> Option<usize> {
    let mut n = 0;
    for w in phrase.split_whitespace() {
        if toks.get(i + n)?.text != w {
            return None;
        }
        n += 1;
    }
    (n > 0).then_some(n)
}

fn first_phrase(toks: &[Token], i: usize, phrases: &[String]) -> Option<(usize, usize)> {
    phrases
        .iter()
        .enumerate()
        .filter_map(|(k, p)| phrase_at(toks, i, p).map(|n| (k, n)))
        .max_by_key(|(_, n)| *n)
}

/// A day of the month written as a number, with an ordinal suffix or not ("3", "3rd", "3de").
fn day_number(word: &str, lex: &Lexicon) -> Option<i32> {
    if let Some(n) = number(word, 31).filter(|_| word.len() <= 2) {
        return Some(n);
    }
    lex.ordinal_suffixes.iter().find_map(|suf| {
        let n = word.strip_suffix(suf.as_str())?;
        (n.len() <= 2).then(|| number(n, 31)).flatten()
    })
}

/// A month name or its short form ("Jan", "sept").
fn month_word(lex: &Lexicon, word: &str) -> Option<i8> {
    month_of(lex, word).or_else(|| {
        (word == "sept")
            .then_some(9)
            .filter(|_| lex.months_short.iter().any(|m| m == "sep"))
    })
}

/// A numeric date: `3/1/2026`, `3-1-2026`, `29.11.2025` in the language's order, or ISO
/// `2026-01-03`. The year must be written in full.
fn numeric_date_at(toks: &[Token], i: usize, folded: &str, lex: &Lexicon) -> Option<(usize, Date)> {
    let a = toks.get(i)?;
    let b = toks.get(i + 1)?;
    let c = toks.get(i + 2)?;
    let sep1 = &folded[a.end..b.start];
    let sep2 = &folded[b.end..c.start];
    if sep1 != sep2 || !matches!(sep1, "/" | "-" | ".") {
        return None;
    }
    let n = |t: &Token| -> Option<i32> {
        (t.text.bytes().all(|x| x.is_ascii_digit()) && t.text.len() <= 4)
            .then(|| t.text.parse().ok())
            .flatten()
    };
    let (x, y, z) = (n(a)?, n(b)?, n(c)?);
    let (year, month, day) = if a.text.len() == 4 && sep1 == "-" {
        (x, y, z)
    } else if c.text.len() == 4 {
        if lex.numeric_date == "mdy" {
            (z, x, y)
        } else {
            (z, y, x)
        }
    } else {
        return None;
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    Date::new(year as i16, month as i8, day as i8)
        .ok()
        .map(|d| (3, d))
}

/// A date at token `i`: "3 januari (2026)", "january 3(, 2026)", "30 de abril de 2019",
/// "the 3rd of January", "Sept. 15th", "3/1/2026". `base` is the date a year-less date is
/// placed near (publication, or the discourse year's end); `future`: the first such date
/// on or after it.
fn date_at(
    toks: &[Token],
    i: usize,
    lex: &Lexicon,
    base: Date,
    future: bool,
) -> Option<(usize, Date, bool)> {
    let t = |k: usize| toks.get(i + k).map(|t| t.text);
    let joiner = |k: usize| t(k).is_some_and(|w| lex.date_joiner.iter().any(|j| j == w));
    // day [de] month [[de] year]
    if let Some(day) = t(0).and_then(|w| day_number(w, lex)) {
        let mut k = 1;
        if joiner(k) {
            k += 1;
        }
        let named = !lex.months_capitalized && toks.get(i + k).is_some_and(|t| t.upper);
        if let Some(month) = t(k).and_then(|w| month_word(lex, w)).filter(|_| !named) {
            k += 1;
            let mut year_k = k;
            if joiner(year_k) {
                year_k += 1;
            }
            if let Some(year) = t(year_k)
                .and_then(|w| number(w, 2100))
                .filter(|y| *y >= 1900)
            {
                return Date::new(year as i16, month, day as i8)
                    .ok()
                    .map(|d| (year_k + 1, d, true));
            }
            return infer_year(month, day as i8, base, future).map(|d| (k, d, false));
        }
    }
    // month day [year]
    let month = t(0).and_then(|w| month_word(lex, w))?;
    let day = t(1).and_then(|w| day_number(w, lex))?;
    if let Some(year) = t(2).and_then(|w| number(w, 2100)).filter(|y| *y >= 1900) {
        return Date::new(year as i16, month, day as i8)
            .ok()
            .map(|d| (3, d, true));
    }
    infer_year(month, day as i8, base, future).map(|d| (2, d, false))
}

/// A month (and optional year) at token `i`: "juni 2025", "september".
fn month_at(toks: &[Token], i: usize, lex: &Lexicon, published: Date) -> Option<(usize, Date)> {
    let word = toks.get(i)?.text;
    let month = lex.months.iter().position(|m| *m == word)? as i8 + 1;
    let mut k = 1;
    if toks
        .get(i + k)
        .is_some_and(|t| lex.date_joiner.iter().any(|j| j == t.text))
    {
        k += 1;
    }
    if let Some(year) = toks
        .get(i + k)
        .and_then(|t| number(t.text, 2100))
        .filter(|y| *y >= 1900)
    {
        return Date::new(year as i16, month, 1).ok().map(|d| (k + 1, d));
    }
    let mut d = Date::new(published.year(), month, 1).ok()?;
    if d > published {
        d = Date::new(published.year() - 1, month, 1).ok()?;
    }
    Some((1, d))
}

/// What a pattern found at a token.
#[derive(Debug, Clone)]
enum Found {
    /// A resolved interval, with its day when it is one day.
    Time(EventTime, Option<Date>),
    /// A clock time, dated later by its sentence.
    Clock(clock::Clock),
}

fn at(toks: &[Token], i: usize, folded: &str, lex: &Lexicon, a: &Anchor) -> Option<(usize, Found)> {
    if let Some(mut c) = clock::clock_at(toks, i, folded) {
        c.future = future_around(toks, i, folded, lex);
        return Some((c.used, Found::Clock(c)));
    }
    let (used, t) = at_time(toks, i, folded, lex, a)?;
    let day = (t.precision == Precision::Day).then(|| t.start.to_zoned(tz(&a.publisher_tz)).date());
    Some((used, Found::Time(t, day)))
}

/// True if a future word ("zal", "will", "próximo") stands in the sentence around token `i`.
fn future_around(toks: &[Token], i: usize, folded: &str, lex: &Lexicon) -> bool {
    let breaks = |a: usize, b: usize| folded[a..b].contains(['.', '!', '?', '\n', ';']);
    let lo = (i.saturating_sub(8)..i)
        .find(|&k| !breaks(toks[k].end, toks[i].start))
        .unwrap_or(i);
    let hi = (i + 1..toks.len().min(i + 9))
        .take_while(|&k| !breaks(toks[i].end, toks[k].start))
        .last()
        .unwrap_or(i);
    (lo..=hi).any(|k| lex.future.iter().any(|f| phrase_at(toks, k, f).is_some()))
}

fn at_time(
    toks: &[Token],
    i: usize,
    folded: &str,
    lex: &Lexicon,
    a: &Anchor,
) -> Option<(usize, EventTime)> {
    let original = |n: usize| folded[toks[i].start..toks[i + n - 1].end].to_string();
    // since <date | month>
    if let Some((_, n)) = first_phrase(toks, i, &lex.since) {
        let from = date_at(toks, i + n, lex, year_base(a), false)
            .map(|(u, d, _)| (u, d))
            .or_else(|| month_at(toks, i + n, lex, a.published));
        if let Some((u, d)) = from.filter(|(_, d)| *d <= a.published) {
            let (start, mut end) = days_in(d, a.published, &a.publisher_tz);
            if let Some(r) = a.reference {
                end = r;
            }
            return Some((
                n + u,
                EventTime {
                    start,
                    end,
                    precision: Precision::Range,
                    resolved: format!("'{}' → {d} to publication {}", original(n + u), a.published),
                },
            ));
        }
    }
    // numeric dates
    if let Some((u, d)) = numeric_date_at(toks, i, folded, lex) {
        let (start, end) = day_in(d, &a.publisher_tz);
        return Some((
            u,
            EventTime {
                start,
                end,
                precision: Precision::Day,
                resolved: format!("'{}' (numeric date) → {d}", original(u)),
            },
        ));
    }
    // absolute dates
    let future = future_around(toks, i, folded, lex);
    if let Some((u, d, with_year)) = date_at(toks, i, lex, year_base(a), future) {
        let (start, end) = day_in(d, &a.publisher_tz);
        let how = if with_year {
            "absolute date"
        } else {
            "day and month, year from publication"
        };
        return Some((
            u,
            EventTime {
                start,
                end,
                precision: Precision::Day,
                resolved: format!("'{}' ({how}) → {d}", original(u)),
            },
        ));
    }
    if let Some(hit) = calendar::calendar_at(toks, i, folded, lex, a) {
        return Some(hit);
    }
    // last week
    if let Some((_, n)) = first_phrase(toks, i, &lex.last_week) {
        // "vorige week dinsdag", "last week Tuesday": that day.
        if let Some((w, wn)) = weekday_at(toks, i + n, lex) {
            let target = Weekday::from_monday_zero_offset(w as i8).ok()?;
            return weekday_of_last_week(a, target, n + wn, original(n + wn));
        }
        let monday = a
            .published
            .checked_sub((a.published.weekday().to_monday_zero_offset() as i64 + 7).days())
            .ok()?;
        let sunday = monday.checked_add(6.days()).ok()?;
        let (start, end) = days_in(monday, sunday, &a.publisher_tz);
        return Some((
            n,
            EventTime {
                start,
                end,
                precision: Precision::Week,
                resolved: format!("'{}' → week of {monday}", original(n)),
            },
        ));
    }
    // relative days
    if let Some((n, offset)) = lex
        .relative_days
        .iter()
        .filter_map(|(w, off)| phrase_at(toks, i, w).map(|n| (n, *off)))
        .max_by_key(|(n, _)| *n)
    {
        let d = a.published.checked_add((offset as i64).days()).ok()?;
        let (start, end) = day_in(d, &a.publisher_tz);
        return Some((
            n,
            EventTime {
                start,
                end,
                precision: Precision::Day,
                resolved: format!(
                    "'{}' relative to publication {} → {d}",
                    original(n),
                    a.published
                ),
            },
        ));
    }
    // weekdays: the most recent such day on or before publication
    if let Some((w, wn)) = weekday_at(toks, i, lex) {
        // A weekday naming a date ("zaterdag 3 januari", "Saturday, January 3"): the date.
        if let Some((u, d, with_year)) = date_at(toks, i + wn, lex, year_base(a), false) {
            let (start, end) = day_in(d, &a.publisher_tz);
            let how = if with_year {
                "weekday and date"
            } else {
                "weekday, day and month, year from publication"
            };
            return Some((
                wn + u,
                EventTime {
                    start,
                    end,
                    precision: Precision::Day,
                    resolved: format!("'{}' ({how}) → {d}", original(wn + u)),
                },
            ));
        }
        let target = Weekday::from_monday_zero_offset(w as i8).ok()?;
        // "dinsdag vorige week", "el martes de la semana pasada": that day of the week before.
        let joined = toks
            .get(i + wn)
            .is_some_and(|t| lex.genitive.iter().any(|g| g == t.text));
        let after = [0, 1]
            .into_iter()
            .filter(|skip| *skip == 0 || joined)
            .find_map(|skip| {
                first_phrase(toks, i + wn + skip, &lex.last_week).map(|(_, n)| skip + n)
            });
        if let Some(n) = after {
            return weekday_of_last_week(a, target, wn + n, original(wn + n));
        }
        if let Some((used, d)) =
            calendar::weekday_then_rel(toks, i + wn - 1, lex, a.published, target)
        {
            let (start, end) = day_in(d, &a.publisher_tz);
            return Some((
                used,
                EventTime {
                    start,
                    end,
                    precision: Precision::Day,
                    resolved: format!("'{}' → {d}", original(used)),
                },
            ));
        }
        let d = if future_around(toks, i, folded, lex) {
            let ahead = (target.to_monday_zero_offset()
                - a.published.weekday().to_monday_zero_offset())
            .rem_euclid(7);
            a.published.checked_add((ahead as i64).days()).ok()?
        } else {
            let back = (a.published.weekday().to_monday_zero_offset()
                - target.to_monday_zero_offset())
            .rem_euclid(7);
            a.published.checked_sub((back as i64).days()).ok()?
        };
        let (start, end) = day_in(d, &a.publisher_tz);
        let how = if d > a.published { "after" } else { "before" };
        return Some((
            wn,
            EventTime {
                start,
                end,
                precision: Precision::Day,
                resolved: format!("'{}' {how} publication {} → {d}", original(wn), a.published),
            },
        ));
    }
    // month and year ("juni 2025"); a bare month name is too ambiguous ("May", "March")
    if let Some((u, d)) = month_at(toks, i, lex, a.published).filter(|(u, _)| *u > 1) {
        let last = d.last_of_month();
        let (start, end) = days_in(d, last, &a.publisher_tz);
        return Some((
            u,
            EventTime {
                start,
                end,
                precision: Precision::Month,
                resolved: format!("'{}' → {}-{:02}", original(u), d.year(), d.month()),
            },
        ));
    }
    None
}

/// A weekday at token `i` (its full name, "segunda-feira", or a short form the language
/// uses alone, "na segunda"): (Monday-based index, tokens).
pub(crate) fn weekday_at(toks: &[Token], i: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    lex.weekdays
        .iter()
        .enumerate()
        .filter_map(|(k, w)| phrase_at(toks, i, w).map(|n| (k, n)))
        .max_by_key(|(_, n)| *n)
        .or_else(|| {
            let t = toks.get(i)?.text;
            lex.weekdays_short
                .iter()
                .position(|w| w == t)
                .map(|k| (k, 1))
        })
}

/// A weekday of the ISO week before the publication's.
fn weekday_of_last_week(
    a: &Anchor,
    target: Weekday,
    used: usize,
    text: String,
) -> Option<(usize, EventTime)> {
    let monday = a
        .published
        .checked_sub((a.published.weekday().to_monday_zero_offset() as i64 + 7).days())
        .ok()?;
    let d = monday
        .checked_add((target.to_monday_zero_offset() as i64).days())
        .ok()?;
    let (start, end) = day_in(d, &a.publisher_tz);
    Some((
        used,
        EventTime {
            start,
            end,
            precision: Precision::Day,
            resolved: format!(
                "'{text}' (the week before publication {}) → {d}",
                a.published
            ),
        },
    ))
}

/// Parses a full date ("January 3, 2026", "3 januari 2026", "30 de abril de 2019") at the
/// start of `text`, in any language; the year must be written.
pub fn parse_full_date(text: &str) -> Option<Date> {
    let folded = Folded::new(text);
    let toks = tokens(&folded.text);
    let far = Date::new(9999, 1, 1).ok()?;
    Lang::ALL.into_iter().find_map(|l| {
        date_at(&toks, 0, l.lexicon(), far, false)
            .filter(|(_, _, year)| *year)
            .map(|(_, d, _)| d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Lang {
        Lang::parse(code).expect("a language file")
    }
    use jiff::civil::date;

    fn anchor(published: Date, tz: &str, lang: Lang) -> Anchor {
        Anchor::on(published, tz, lang)
    }

    /// (name, text, published, publisher zone, language, start, end, precision)
    #[test]
    fn resolution_table() {
        #[rustfmt::skip]
        let rows: &[(&str, &str, Date, &str, Lang, &str, &str, Precision)] = &[
            ("nl local time", "rond 02:00 lokale tijd", date(2026, 1, 3), "Europe/Amsterdam", lang("nl"), "2026-01-03T06:00:00Z", "2026-01-03T07:00:00Z", Precision::Hour),
            ("es hora local", "a las 2:00 hora local", date(2026, 1, 3), "UTC", lang("es"), "2026-01-03T06:00:00Z", "2026-01-03T06:01:00Z", Precision::Minute),
            ("en a.m. local time", "shortly before 2 a.m. local time", date(2026, 1, 3), "UTC", lang("en"), "2026-01-03T05:30:00Z", "2026-01-03T06:00:00Z", Precision::Range),
            ("en p.m. ET", "at 9:15 p.m. ET", date(2026, 1, 2), "UTC", lang("en"), "2026-01-03T02:15:00Z", "2026-01-03T02:16:00Z", Precision::Minute),
            ("en explicit GMT", "at 07:30 GMT", date(2026, 1, 3), "America/New_York", lang("en"), "2026-01-03T07:30:00Z", "2026-01-03T07:31:00Z", Precision::Minute),
            ("en ET in summer is EDT", "at 14:00 ET", date(2025, 9, 2), "UTC", lang("en"), "2025-09-02T18:00:00Z", "2025-09-02T18:01:00Z", Precision::Minute),
            ("nl weekday", "Donderdag stuurde de VS", date(2025, 10, 24), "Europe/Amsterdam", lang("nl"), "2025-10-22T22:00:00Z", "2025-10-23T22:00:00Z", Precision::Day),
            ("es weekday", "el sábado", date(2025, 11, 30), "UTC", lang("es"), "2025-11-29T00:00:00Z", "2025-11-30T00:00:00Z", Precision::Day),
            ("nl weekday and date", "op zaterdag 3 januari", date(2026, 1, 10), "UTC", lang("nl"), "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", Precision::Day),
            ("en weekday and date", "on Saturday, January 3", date(2026, 1, 10), "UTC", lang("en"), "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", Precision::Day),
            ("es weekday and date", "el sábado 3 de enero de 2026", date(2026, 1, 10), "UTC", lang("es"), "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", Precision::Day),
            ("nl date no year", "Op 21 november waarschuwde", date(2025, 11, 30), "UTC", lang("nl"), "2025-11-21T00:00:00Z", "2025-11-22T00:00:00Z", Precision::Day),
            ("en date", "on January 3, 2026", date(2026, 1, 5), "UTC", lang("en"), "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", Precision::Day),
            ("es date", "el 30 de abril de 2019", date(2019, 5, 1), "UTC", lang("es"), "2019-04-30T00:00:00Z", "2019-05-01T00:00:00Z", Precision::Day),
            ("nl yesterday", "keek gisteren toe", date(2019, 5, 1), "UTC", lang("nl"), "2019-04-30T00:00:00Z", "2019-05-01T00:00:00Z", Precision::Day),
            ("es ayer", "ayer", date(2019, 5, 1), "UTC", lang("es"), "2019-04-30T00:00:00Z", "2019-05-01T00:00:00Z", Precision::Day),
            ("en earlier today", "earlier today", date(2026, 1, 3), "UTC", lang("en"), "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", Precision::Day),
            ("nl since", "Sinds 2 september voert", date(2025, 11, 30), "UTC", lang("nl"), "2025-09-02T00:00:00Z", "2025-12-01T00:00:00Z", Precision::Range),
            ("en since month", "Since August, the Navy", date(2025, 9, 3), "UTC", lang("en"), "2025-08-01T00:00:00Z", "2025-09-04T00:00:00Z", Precision::Range),
            ("en last week", "last week", date(2025, 10, 24), "UTC", lang("en"), "2025-10-13T00:00:00Z", "2025-10-20T00:00:00Z", Precision::Week),
            ("es last week", "la semana pasada", date(2025, 10, 24), "UTC", lang("es"), "2025-10-13T00:00:00Z", "2025-10-20T00:00:00Z", Precision::Week),
            ("nl month year", "In juni 2025 pleitte", date(2025, 11, 30), "UTC", lang("nl"), "2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z", Precision::Month),
            ("es month year", "en octubre de 2025", date(2025, 11, 17), "UTC", lang("es"), "2025-10-01T00:00:00Z", "2025-11-01T00:00:00Z", Precision::Month),
        ];
        for (name, text, published, zone, lang, start, end, precision) in rows {
            let found = find(text, &anchor(*published, zone, *lang));
            assert_eq!(found.len(), 1, "{name}: {found:?}");
            let t = &found[0].time;
            assert_eq!(
                (
                    t.start.to_string().as_str(),
                    t.end.to_string().as_str(),
                    t.precision
                ),
                (*start, *end, *precision),
                "{name}: {}",
                t.resolved
            );
        }
    }

    #[test]
    fn publisher_clock_respects_dst() {
        let winter = anchor(date(2026, 1, 3), "Europe/Amsterdam", lang("nl"));
        let t = publisher_clock(&winter, 8, 21).map(|t| t.start.to_string());
        assert_eq!(t.as_deref(), Some("2026-01-03T07:21:00Z"));
        let summer = anchor(date(2025, 7, 3), "Europe/Amsterdam", lang("nl"));
        let t = publisher_clock(&summer, 8, 21).map(|t| t.start.to_string());
        assert_eq!(t.as_deref(), Some("2025-07-03T06:21:00Z"));
    }

    #[test]
    fn no_false_times() {
        for text in [
            "Er zijn 83 opvarenden gedood",
            "de B-52's vlogen",
            "F-16 basis nr. 3",
            "March on Caracas",
        ] {
            let found = find(text, &anchor(date(2025, 11, 30), "UTC", lang("nl")));
            assert!(found.is_empty(), "{text:?}: {found:?}");
        }
    }
}
