//! Clock times as news writes them, in every language of `src/lang/`: `08:21`, `14.05 uur`,
//! `02H00`, `6h30`, `às 6h`, `1.50am`, `2:30 p.m.`, `a las 11:50 horas`, `2 uur 's nachts`,
//! `a las 2 de la madrugada`, each with an optional lead word ("om", "a las", "around"),
//! hour word ("uur", "horas"), part of the day ("'s avonds", "de la tarde") and zone
//! ("GMT", "hora de Caracas", "Nederlandse tijd", "lokale tijd"). The date a clock falls
//! on is not decided here but by [`super::find`] (the date of its own sentence).
//!
//! Forms that are clocks by themselves (`08:21`, `02H00`, `1.50am`, `2 p.m.`) are *strong*;
//! a bare hour or a dotted `14.05` is a clock only with a lead word, an hour word, a part of
//! the day or a zone, so "83 doden" or "F-16" never is.
use super::Token;
use crate::lang::{all_words, zone_words};

/// A clock time read at a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub hour: i8,
    pub minute: i8,
    /// An explicit zone (IANA) and the words that gave it; `None`: the publisher's zone.
    pub zone: Option<(&'static str, String)>,
    /// "rond", "around", "hacia las": the clock is approximate (an hour).
    pub approx: bool,
    /// Tokens used from the first (lead word included).
    pub used: usize,
    /// "shortly before" (true) or "shortly after" (false) the clock: the half hour.
    pub shortly: Option<bool>,
    /// A future word stands in the clock's sentence: it is not moved to the day before.
    pub future: bool,
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

/// `H:MM` / `HH:MM`.
pub fn colon(token: &str) -> Option<(i8, i8)> {
    let (h, m) = token.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    valid(h.parse().ok()?, m.parse().ok()?)
}

fn valid(h: i8, m: i8) -> Option<(i8, i8)> {
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some((h, m))
}

fn hour(token: &str) -> Option<i8> {
    (!token.is_empty() && token.len() <= 2 && token.bytes().all(|b| b.is_ascii_digit()))
        .then(|| token.parse().ok())
        .flatten()
        .filter(|h| (0..=24).contains(h))
}

/// `6h30`, `02h00` (strong) and `6h` (hour only).
fn h_form(token: &str) -> Option<(i8, i8, bool)> {
    let (h, m) = token.split_once('h')?;
    let h = hour(h)?;
    if m.is_empty() {
        return Some((h, 0, false));
    }
    if m.len() != 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = valid(h, m.parse().ok()?)?;
    Some((h, m, true))
}

/// `2am`, `11pm`, `50am` (the minutes of `1.50am`): the number and whether p.m.
fn with_meridiem(token: &str) -> Option<(&str, bool)> {
    if let Some(n) = token.strip_suffix("am") {
        return Some((n, false));
    }
    token.strip_suffix("pm").map(|n| (n, true))
}

/// The words of a multi-word phrase at token `i`, if they are there.
pub fn phrase_at(toks: &[Token], i: usize, phrase: &str) -> Option<usize> {
    let mut n = 0;
    for w in phrase.split_whitespace() {
        if toks.get(i + n)?.text != w {
            return None;
        }
        n += 1;
    }
    (n > 0).then_some(n)
}

/// The longest of `phrases` at token `i`: (its index, tokens).
fn longest(toks: &[Token], i: usize, phrases: &[&str]) -> Option<(usize, usize)> {
    phrases
        .iter()
        .enumerate()
        .filter_map(|(k, p)| phrase_at(toks, i, p).map(|n| (k, n)))
        .max_by_key(|(_, n)| *n)
}

struct Words {
    /// Lead words, with whether they make the clock approximate.
    leads: Vec<(&'static str, bool)>,
    before: Vec<&'static str>,
    after: Vec<&'static str>,
    hour_words: Vec<&'static str>,
    morning: Vec<&'static str>,
    evening: Vec<&'static str>,
    local: Vec<&'static str>,
}

fn words() -> &'static Words {
    static W: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        let approx = all_words(|l| &l.approximate);
        Words {
            leads: all_words(|l| &l.clock_lead)
                .into_iter()
                .map(|w| (w, approx.contains(&w)))
                .collect(),
            before: all_words(|l| &l.shortly_before),
            after: all_words(|l| &l.shortly_after),
            hour_words: all_words(|l| &l.hour_words),
            morning: all_words(|l| &l.clock_morning),
            evening: all_words(|l| &l.clock_evening),
            local: all_words(|l| &l.local_time),
        }
    })
}

/// The first words of every clock lead, for [`super::find`]'s quick skip.
pub fn lead_starts() -> impl Iterator<Item = &'static str> {
    words()
        .leads
        .iter()
        .filter_map(|(p, _)| p.split_whitespace().next())
}

/// The clock time beginning at token `i` (with its lead word), if any. `folded` is the text
/// the tokens index.
pub fn clock_at(toks: &[Token], i: usize, folded: &str) -> Option<Clock> {
    let w = words();
    let lead_phrases: Vec<&str> = w.leads.iter().map(|(p, _)| *p).collect();
    let (lead, approx, shortly) = match longest(toks, i, &lead_phrases) {
        Some((k, n)) => {
            let p = w.leads[k].0;
            let shortly = if w.before.contains(&p) {
                Some(true)
            } else if w.after.contains(&p) {
                Some(false)
            } else {
                None
            };
            (n, w.leads[k].1, shortly)
        }
        None => (0, false, None),
    };
    let j = i + lead;
    let t = toks.get(j)?.text;
    let next = toks.get(j + 1);
    let gap_is = |s: &str| next.is_some_and(|n| &folded[toks[j].end..n.start] == s);
    // (hour, minute, tokens, strong, meridiem already applied)
    let (mut h, m, mut used, strong, has_meridiem) = if let Some((h, m)) = colon(t) {
        (h, m, 1, true, false)
    } else if let Some((h, m, strong)) = h_form(t) {
        (h, m, 1, strong, false)
    } else if let Some((n, pm)) = with_meridiem(t) {
        (meridiem(hour(n)?, pm)?, 0, 1, true, true)
    } else if let Some(h) = hour(t) {
        // "14.05", "1.50am", or a bare hour.
        match next.map(|n| n.text) {
            Some(n) if gap_is(".") && n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()) => {
                let (h, m) = valid(h, n.parse().ok()?)?;
                (h, m, 2, false, false)
            }
            Some(n) if gap_is(".") && with_meridiem(n).is_some() => {
                let (mm, pm) = with_meridiem(n)?;
                if mm.len() != 2 {
                    return None;
                }
                let (h, m) = valid(meridiem(h, pm)?, mm.parse().ok()?)?;
                (h, m, 2, true, true)
            }
            _ => (h, 0, 1, false, false),
        }
    } else {
        return None;
    };
    let word = |k: usize| toks.get(j + k).map(|t| t.text);
    let mut strong = strong;
    if !has_meridiem {
        let pm = match (word(used), word(used + 1)) {
            (Some("a"), Some("m")) => Some((false, 2)),
            (Some("p"), Some("m")) => Some((true, 2)),
            (Some("am"), _) => Some((false, 1)),
            (Some("pm"), _) => Some((true, 1)),
            _ => None,
        };
        if let Some((pm, n)) = pm {
            h = meridiem(h, pm)?;
            used += n;
            strong = true;
        }
    }
    let mut support = false;
    if word(used).is_some_and(|x| w.hour_words.contains(&x)) {
        used += 1;
        support = true;
    }
    if let Some((_, n)) = longest(toks, j + used, &w.evening) {
        if h < 12 {
            h += 12;
        }
        used += n;
        support = true;
    } else if let Some((_, n)) = longest(toks, j + used, &w.morning) {
        used += n;
        support = true;
    }
    // The zone: "lokale tijd" / "hora local" is Caracas; else a zone word.
    let zone = if let Some((k, n)) = longest(toks, j + used, &w.local) {
        used += n;
        Some((super::LOCAL_TZ, w.local[k].to_string()))
    } else {
        zone_words().iter().find_map(|(z, iana)| {
            phrase_at(toks, j + used, z).map(|n| {
                used += n;
                (*iana, z.clone())
            })
        })
    };
    let ok = strong || support || zone.is_some() || (lead > 0 && t.contains(['h', ':']));
    if !ok || h == 24 && m > 0 {
        return None;
    }
    Some(Clock {
        hour: h % 24,
        minute: m,
        zone,
        approx,
        used: lead + used,
        shortly,
        future: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Folded;

    /// (name, text, expected hour, minute, zone, approx)
    #[test]
    fn clock_forms_table() {
        #[rustfmt::skip]
        let rows: &[(&str, &str, Option<(i8, i8, Option<&str>, bool)>)] = &[
            ("colon", "08:21", Some((8, 21, None, false))),
            ("colon with lead", "om 08:21", Some((8, 21, None, false))),
            ("dutch dot uur", "om 14.05 uur", Some((14, 5, None, false))),
            ("dutch dot no lead, uur", "14.05 uur", Some((14, 5, None, false))),
            ("dot alone is not a clock", "14.05", None),
            ("spanish H form", "a las 02H00", Some((2, 0, None, false))),
            ("H form alone", "01H55", Some((1, 55, None, false))),
            ("portuguese h minutes", "6h30", Some((6, 30, None, false))),
            ("dotted am", "1.50am", Some((1, 50, None, false))),
            ("am glued", "2am", Some((2, 0, None, false))),
            ("p.m. ET", "at 9:15 p.m. ET", Some((21, 15, Some("America/New_York"), false))),
            ("horas", "a las 11:50 horas", Some((11, 50, None, false))),
            ("local", "rond 02:00 lokale tijd", Some((2, 0, Some("America/Caracas"), true))),
            ("hora de Venezuela", "hacia las 2:00 hora de Venezuela", Some((2, 0, Some("America/Caracas"), true))),
            ("nederlandse tijd", "om 07.35 uur Nederlandse tijd", Some((7, 35, Some("Europe/Amsterdam"), false))),
            ("de la tarde", "a las 6 de la tarde", Some((18, 0, None, false))),
            ("s avonds", "om 9 uur 's avonds", Some((21, 0, None, false))),
            ("GMT", "at 1.50am GMT", Some((1, 50, Some("UTC"), false))),
            ("bare number", "83 doden", None),
            ("lead and bare number", "at 83", None),
            ("F-16", "F-16", None),
        ];
        for (name, text, want) in rows {
            let f = Folded::new(text);
            let toks = crate::time::tokens(&f.text);
            let got = (0..toks.len()).find_map(|i| clock_at(&toks, i, &f.text));
            let got = got.map(|c| (c.hour, c.minute, c.zone.map(|z| z.0), c.approx));
            assert_eq!(got, *want, "{name}: {text}");
        }
    }
}
