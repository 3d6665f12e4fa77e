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
}

impl Anchor {
    /// The anchor of a text written at `reference` (its date as the writer wrote it), with
    /// bare clock times in `zone`.
    pub fn at(reference: &jiff::Zoned, zone: &str, lang: Lang) -> Anchor {
        Anchor {
            date: reference.date(),
            published: reference.date(),
            publisher_tz: zone.to_string(),
            lang,
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
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// The original word begins with a capital letter.
    upper: bool,
}

fn tokens(folded: &str) -> Vec<Token<'_>> {
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

/// Adjusts an hour for "a.m."/"p.m." (`pm` true for p.m.).
pub fn meridiem(h: i8, pm: bool) -> Option<i8> {
    if !(1..=12).contains(&h) {
        return None;
    }
    Some(match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, false) => h,
        (h, true) => h + 12,
    })
}

/// A clock at token `j`: "08:21", "2:30 p.m.", "2 a.m."; returns (hour, minute, tokens used).
fn clock_at(toks: &[Token], j: usize) -> Option<(i8, i8, usize)> {
    let t = toks.get(j)?.text;
    let (h, m) = match clock(t) {
        Some(hm) => hm,
        None => (
            t.parse::<i8>()
                .ok()
                .filter(|h| (1..=12).contains(h) && t.len() <= 2)?,
            0,
        ),
    };
    let word = |k: usize| toks.get(j + k).map(|t| t.text);
    let (pm, used) = match (word(1), word(2)) {
        (Some("a"), Some("m")) => (Some(false), 3),
        (Some("p"), Some("m")) => (Some(true), 3),
        (Some("am"), _) => (Some(false), 2),
        (Some("pm"), _) => (Some(true), 2),
        _ => (None, 1),
    };
    match pm {
        Some(pm) => Some((meridiem(h, pm)?, m, used)),
        // A bare number is not a clock.
        None => clock(t).map(|(h, m)| (h, m, 1)),
    }
}

/// Parses `H:MM` / `HH:MM` / `HH.MM`-free clock tokens.
fn clock(token: &str) -> Option<(i8, i8)> {
    let (h, m) = token.split_once(':')?;
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some((h, m))
}

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

/// Picks the year for a day-and-month without a year: the publication year, or the one
/// before if that would put the date more than a month after publication.
fn infer_year(month: i8, day: i8, published: Date) -> Option<Date> {
    let d = Date::new(published.year(), month, day).ok()?;
    if d > published.checked_add(31.days()).ok()? {
        Date::new(published.year() - 1, month, day).ok()
    } else {
        Some(d)
    }
}

/// Finds every time expression in `text`, in text order.
///
/// ```
/// use vigia::time::{find, Anchor};
/// use vigia::Lang;
/// let d = jiff::civil::date(2026, 1, 3);
/// let a = Anchor { date: d, published: d, publisher_tz: "Europe/Amsterdam".into(), lang: Lang::parse("nl").unwrap() };
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
    let mut out: Vec<(usize, usize, EventTime)> = Vec::new();
    let mut i = 0;
    let starts = start_words();
    while i < toks.len() {
        // Most words cannot begin a time expression: skip them without trying each pattern.
        let t = toks[i].text;
        if !t.starts_with(|c: char| c.is_ascii_digit()) && !starts.contains(t) {
            i += 1;
            continue;
        }
        let mut found = None;
        for lang in &langs {
            if let Some(hit) = at(&toks, i, &folded.text, lang.lexicon(), anchor) {
                found = Some(hit);
                break;
            }
        }
        match found {
            Some((used, time)) => {
                let last = toks[i + used - 1];
                out.push((toks[i].start, last.end, time));
                i += used;
            }
            None => i += 1,
        }
    }
    out.into_iter()
        .map(|(s, e, time)| {
            let (start, end) = folded.original_span(s, e);
            TimeMention { start, end, time }
        })
        .collect()
}

/// Words before a clock time in every language ("rond", "around", "a las"), longest first.
fn clock_leads() -> &'static [(&'static str, bool)] {
    static LEADS: std::sync::OnceLock<Vec<(&'static str, bool)>> = std::sync::OnceLock::new();
    LEADS.get_or_init(|| {
        let approx = crate::lang::all_words(|l| &l.approximate);
        let mut v: Vec<(&'static str, bool)> = crate::lang::all_words(|l| &l.clock_lead)
            .into_iter()
            .map(|w| (w, approx.contains(&w)))
            .collect();
        v.sort_by_key(|(w, _)| std::cmp::Reverse(w.split_whitespace().count()));
        v
    })
}

/// Words after a clock time that say it is one ("uur", "horas").
fn hour_words() -> &'static [&'static str] {
    static W: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    W.get_or_init(|| crate::lang::all_words(|l| &l.hour_words))
}

/// Every word that can begin a time expression in any language, besides numbers.
fn start_words() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let first = |p: &str| p.split_whitespace().next().unwrap_or_default().to_string();
        let mut set: std::collections::HashSet<String> =
            clock_leads().iter().map(|(p, _)| first(p)).collect();
        for l in Lang::ALL {
            let x = l.lexicon();
            for list in [
                &x.months,
                &x.months_short,
                &x.weekdays,
                &x.last_week,
                &x.since,
            ] {
                set.extend(list.iter().map(|p| first(p)));
            }
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

/// A date at token `i`: "3 januari (2026)", "january 3(, 2026)", "30 de abril de 2019".
fn date_at(
    toks: &[Token],
    i: usize,
    lex: &Lexicon,
    published: Date,
) -> Option<(usize, Date, bool)> {
    let t = |k: usize| toks.get(i + k).map(|t| t.text);
    let joiner = |k: usize| t(k).is_some_and(|w| lex.date_joiner.iter().any(|j| j == w));
    // day [de] month [[de] year]
    if let Some(day) = t(0).and_then(|w| number(w, 31)) {
        let mut k = 1;
        if joiner(k) {
            k += 1;
        }
        let named = !lex.months_capitalized && toks.get(i + k).is_some_and(|t| t.upper);
        if let Some(month) = t(k).and_then(|w| month_of(lex, w)).filter(|_| !named) {
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
            return infer_year(month, day as i8, published).map(|d| (k, d, false));
        }
    }
    // month day [year]
    let month = t(0)
        .and_then(|w| lex.months.iter().position(|m| m == w))
        .map(|m| m as i8 + 1)?;
    let day = t(1).and_then(|w| number(w, 31))?;
    if let Some(year) = t(2).and_then(|w| number(w, 2100)).filter(|y| *y >= 1900) {
        return Date::new(year as i16, month, day as i8)
            .ok()
            .map(|d| (3, d, true));
    }
    infer_year(month, day as i8, published).map(|d| (2, d, false))
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

fn at(
    toks: &[Token],
    i: usize,
    folded: &str,
    lex: &Lexicon,
    a: &Anchor,
) -> Option<(usize, EventTime)> {
    let original = |n: usize| folded[toks[i].start..toks[i + n - 1].end].to_string();
    // [around] HH:MM [h|uur|hrs] <local time | zone>
    let mut k = 0;
    let mut approx = false;
    for (l, is_approx) in clock_leads() {
        if let Some(n) = phrase_at(toks, i, l) {
            k = n;
            approx = *is_approx;
            break;
        }
    }
    if let Some((h, m, used)) = clock_at(toks, i + k) {
        let mut j = i + k + used;
        if toks.get(j).is_some_and(|t| hour_words().contains(&t.text)) {
            j += 1;
        }
        let zone = first_phrase(toks, j, &lex.local_time)
            .map(|(_, n)| (n, LOCAL_TZ.to_string(), "local time"))
            .or_else(|| {
                crate::lang::zone_words().iter().find_map(|(w, z)| {
                    phrase_at(toks, j, w).map(|n| (n, z.to_string(), "explicit zone"))
                })
            });
        if let Some((n, zone, how)) = zone {
            let minutes = if approx { 60 } else { 1 };
            let (start, end) = clock_in(a.date, h, m, &zone, minutes)?;
            let used = j + n - i;
            let utc = start.to_zoned(TimeZone::UTC).strftime("%H:%M").to_string();
            return Some((
                used,
                EventTime {
                    start,
                    end,
                    precision: if approx {
                        Precision::Hour
                    } else {
                        Precision::Minute
                    },
                    resolved: format!(
                        "'{}' ({how}, {zone}) on {} → {utc} UTC",
                        original(used),
                        a.date
                    ),
                },
            ));
        }
        return None;
    }
    // since <date | month>
    if let Some((_, n)) = first_phrase(toks, i, &lex.since) {
        let from = date_at(toks, i + n, lex, a.published)
            .map(|(u, d, _)| (u, d))
            .or_else(|| month_at(toks, i + n, lex, a.published));
        if let Some((u, d)) = from.filter(|(_, d)| *d <= a.published) {
            let (start, end) = days_in(d, a.published, &a.publisher_tz);
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
    // absolute dates
    if let Some((u, d, with_year)) = date_at(toks, i, lex, a.published) {
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
    // last week
    if let Some((_, n)) = first_phrase(toks, i, &lex.last_week) {
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
    if let Some(w) = lex.weekdays.iter().position(|w| *w == toks[i].text) {
        // A weekday naming a date ("zaterdag 3 januari", "Saturday, January 3"): the date.
        if let Some((u, d, with_year)) = date_at(toks, i + 1, lex, a.published) {
            let (start, end) = day_in(d, &a.publisher_tz);
            let how = if with_year {
                "weekday and date"
            } else {
                "weekday, day and month, year from publication"
            };
            return Some((
                1 + u,
                EventTime {
                    start,
                    end,
                    precision: Precision::Day,
                    resolved: format!("'{}' ({how}) → {d}", original(1 + u)),
                },
            ));
        }
        let target = Weekday::from_monday_zero_offset(w as i8).ok()?;
        let back = (a.published.weekday().to_monday_zero_offset() - target.to_monday_zero_offset())
            .rem_euclid(7);
        let d = a.published.checked_sub((back as i64).days()).ok()?;
        let (start, end) = day_in(d, &a.publisher_tz);
        return Some((
            1,
            EventTime {
                start,
                end,
                precision: Precision::Day,
                resolved: format!("'{}' before publication {} → {d}", original(1), a.published),
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

/// Parses a full date ("January 3, 2026", "3 januari 2026", "30 de abril de 2019") at the
/// start of `text`, in any language; the year must be written.
pub fn parse_full_date(text: &str) -> Option<Date> {
    let folded = Folded::new(text);
    let toks = tokens(&folded.text);
    let far = Date::new(9999, 1, 1).ok()?;
    Lang::ALL.into_iter().find_map(|l| {
        date_at(&toks, 0, l.lexicon(), far)
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
        Anchor {
            date: published,
            published,
            publisher_tz: tz.into(),
            lang,
        }
    }

    /// (name, text, published, publisher zone, language, start, end, precision)
    #[test]
    fn resolution_table() {
        #[rustfmt::skip]
        let rows: &[(&str, &str, Date, &str, Lang, &str, &str, Precision)] = &[
            ("nl local time", "rond 02:00 lokale tijd", date(2026, 1, 3), "Europe/Amsterdam", lang("nl"), "2026-01-03T06:00:00Z", "2026-01-03T07:00:00Z", Precision::Hour),
            ("es hora local", "a las 2:00 hora local", date(2026, 1, 3), "UTC", lang("es"), "2026-01-03T06:00:00Z", "2026-01-03T06:01:00Z", Precision::Minute),
            ("en a.m. local time", "shortly before 2 a.m. local time", date(2026, 1, 3), "UTC", lang("en"), "2026-01-03T06:00:00Z", "2026-01-03T06:01:00Z", Precision::Minute),
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
