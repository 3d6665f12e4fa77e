//! Language knowledge (month and weekday names, relative-date words, certainty and
//! category cues, function words, clock and zone words) loaded from one data file per
//! language in `src/lang/`. Adding a language is adding its file: `build.rs` lists them.
use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::event::{Category, Certainty};
use crate::text::fold;

/// A report language: one data file `src/lang/<code>.toml`. Languages are numbered in
/// the order of their codes; [`Lang::ALL`] lists them (made by `build.rs` from the files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Lang(u8);

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

impl Lang {
    /// The language's code, its file name: `nl`, `en`, `es`, `pt`.
    pub fn code(self) -> &'static str {
        SOURCES[self.0 as usize].0
    }

    /// The language with this code (case and spaces ignored).
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Its name in English ("Dutch"), from its data file.
    pub fn name(self) -> &'static str {
        &self.lexicon().name
    }

    /// The lexicon of this language (all are parsed once, together).
    pub fn lexicon(self) -> &'static Lexicon {
        static LEXICONS: OnceLock<Vec<Lexicon>> = OnceLock::new();
        let all = LEXICONS.get_or_init(|| {
            SOURCES
                .iter()
                .map(|(code, src)| {
                    Lexicon::parse(src).unwrap_or_else(|e| panic!("src/lang/{code}.toml: {e}"))
                })
                .collect()
        });
        &all[self.0 as usize]
    }
}

/// The codes of every language, for messages: "en, es, nl".
pub fn codes() -> String {
    Lang::ALL.map(Lang::code).join(", ")
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(d)?;
        Lang::parse(&code).ok_or_else(|| {
            serde::de::Error::custom(format!("language {code:?} is not one of {}", codes()))
        })
    }
}

#[derive(Debug, Deserialize)]
struct RawLexicon {
    name: String,
    /// Frequent function words, for guessing a text's language.
    function_words: Vec<String>,
    /// Other languages whose words a report in this one often carries (embedded posts).
    #[serde(default)]
    mixed_with: Vec<String>,
    #[serde(default)]
    clock_lead: Vec<String>,
    #[serde(default)]
    approximate: Vec<String>,
    #[serde(default)]
    hour_words: Vec<String>,
    #[serde(default)]
    clock_morning: Vec<String>,
    #[serde(default)]
    clock_evening: Vec<String>,
    #[serde(default)]
    future: Vec<String>,
    #[serde(default)]
    weekdays_short: Vec<String>,
    #[serde(default)]
    clause_breaks: Vec<String>,
    #[serde(default)]
    demonyms: BTreeMap<String, String>,
    #[serde(default)]
    rel_last: Vec<String>,
    #[serde(default)]
    rel_this: Vec<String>,
    #[serde(default)]
    rel_next: Vec<String>,
    #[serde(default)]
    day_words: Vec<String>,
    #[serde(default)]
    week_words: Vec<String>,
    #[serde(default)]
    weekend_words: Vec<String>,
    #[serde(default)]
    month_words: Vec<String>,
    #[serde(default)]
    year_words: Vec<String>,
    #[serde(default)]
    number_words: BTreeMap<String, i32>,
    #[serde(default)]
    ago_before: Vec<String>,
    #[serde(default)]
    ago_after: Vec<String>,
    #[serde(default)]
    ordinals: Vec<String>,
    #[serde(default)]
    ordinal_suffixes: Vec<String>,
    #[serde(default)]
    part_early: Vec<String>,
    #[serde(default)]
    part_mid: Vec<String>,
    #[serde(default)]
    part_late: Vec<String>,
    #[serde(default)]
    calendar_prepositions: Vec<String>,
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default)]
    holidays: BTreeMap<String, String>,
    #[serde(default)]
    numeric_date: String,
    #[serde(default)]
    shortly_before: Vec<String>,
    #[serde(default)]
    shortly_after: Vec<String>,
    #[serde(default)]
    zones: BTreeMap<String, String>,
    #[serde(default)]
    joiners: Vec<String>,
    #[serde(default)]
    name_connectors: Vec<String>,
    months: Vec<String>,
    months_capitalized: bool,
    months_short: Vec<String>,
    weekdays: Vec<String>,
    relative_days: BTreeMap<String, i32>,
    last_week: Vec<String>,
    since: Vec<String>,
    local_time: Vec<String>,
    liveblog_markers: Vec<String>,
    abbreviations: Vec<String>,
    date_joiner: Vec<String>,
    place_prepositions: Vec<String>,
    actor_before: Vec<String>,
    reference_before: Vec<String>,
    actor_titles: Vec<String>,
    genitive: Vec<String>,
    negation: Vec<String>,
    #[serde(default)]
    wish: Vec<String>,
    there: Vec<String>,
    there_not_after: Vec<String>,
    there_not_before: Vec<String>,
    certainty: BTreeMap<String, Vec<String>>,
    categories: BTreeMap<String, Vec<String>>,
}

/// A cue: folded text, and whether it matches as a word prefix (`*` in the data file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub text: String,
    pub prefix: bool,
}

impl Cue {
    fn parse(raw: &str) -> Cue {
        let prefix = raw.ends_with('*');
        Cue {
            text: fold(raw.trim_end_matches('*')),
            prefix,
        }
    }
}

/// The words of one language, folded.
#[derive(Debug)]
pub struct Lexicon {
    pub name: String,
    pub function_words: Vec<String>,
    /// Codes of languages often mixed into reports in this one.
    pub mixed_with: Vec<String>,
    /// Words before a clock time ("om", "a las", "at", "rond").
    pub clock_lead: Vec<String>,
    /// Lead words that make a clock time approximate ("rond", "around", "hacia").
    pub approximate: Vec<String>,
    /// Words after a clock time that say it is one ("uur", "horas", "hrs").
    pub hour_words: Vec<String>,
    /// Parts of the day after a clock that keep it before noon ("'s ochtends", "de la madrugada").
    pub clock_morning: Vec<String>,
    /// Parts of the day after a clock that put it after noon ("'s avonds", "de la tarde").
    pub clock_evening: Vec<String>,
    /// Words of the future tense or of a coming day ("zal", "will", "próximo"): a weekday
    /// in their sentence is the next one, not the last.
    pub future: Vec<String>,
    /// Words that begin a new clause ("after", "while", "nadat", "tras"): a cue does not
    /// reach a place across them when a nearer one does.
    pub clause_breaks: Vec<String>,
    /// Adjectives of nationality and the gazetteer id of their country ("venezuelan").
    pub demonyms: Vec<(String, String)>,
    /// Short weekday names used alone, Monday first ("segunda" for "segunda-feira").
    pub weekdays_short: Vec<String>,
    /// "last", "vorige", "pasado": the unit before the reference's.
    pub rel_last: Vec<String>,
    /// "this", "deze", "este": the reference's own unit.
    pub rel_this: Vec<String>,
    /// "next", "volgende", "que viene": the unit after.
    pub rel_next: Vec<String>,
    pub day_words: Vec<String>,
    pub week_words: Vec<String>,
    pub weekend_words: Vec<String>,
    pub month_words: Vec<String>,
    pub year_words: Vec<String>,
    /// Counting words ("two" = 2, "a" = 1).
    pub number_words: Vec<(String, i32)>,
    /// Words before a count that make it past ("hace", "há").
    pub ago_before: Vec<String>,
    /// Words after a count and unit that make it past ("ago", "geleden").
    pub ago_after: Vec<String>,
    /// "first", "second", … in order (for "the third week of September").
    pub ordinals: Vec<String>,
    /// Suffixes of day numbers ("3rd", "3de", "29ste").
    pub ordinal_suffixes: Vec<String>,
    pub part_early: Vec<String>,
    pub part_mid: Vec<String>,
    pub part_late: Vec<String>,
    /// Prepositions before a bare month or year ("in December", "en 1992").
    pub calendar_prepositions: Vec<String>,
    pub articles: Vec<String>,
    /// Fixed holidays and their month and day.
    pub holidays: Vec<(String, (i8, i8))>,
    /// Order of numeric dates: "dmy" (3/1/2026 is 3 January) or "mdy".
    pub numeric_date: String,
    /// Clock leads meaning the half hour before ("shortly before", "kort voor").
    pub shortly_before: Vec<String>,
    /// Clock leads meaning the half hour after ("shortly after", "kort na").
    pub shortly_after: Vec<String>,
    /// Zone words after a clock time and their IANA zones ("gmt", "nederlandse tijd").
    pub zones: Vec<(String, String)>,
    /// Words that join coordinated place names ("en", "y", "and").
    pub joiners: Vec<String>,
    /// Lower-case words inside place names ("de", "la", "van").
    pub name_connectors: Vec<String>,
    pub months: Vec<String>,
    pub months_capitalized: bool,
    pub months_short: Vec<String>,
    pub weekdays: Vec<String>,
    pub relative_days: Vec<(String, i32)>,
    pub last_week: Vec<String>,
    pub since: Vec<String>,
    pub local_time: Vec<String>,
    pub liveblog_markers: Vec<String>,
    /// Words whose full stop does not end a sentence ("nr.", "Gen.").
    pub abbreviations: Vec<String>,
    pub date_joiner: Vec<String>,
    /// Prepositions before place names (for unresolved-name reports).
    pub place_prepositions: Vec<String>,
    pub actor_before: Vec<String>,
    pub reference_before: Vec<String>,
    pub actor_titles: Vec<String>,
    pub genitive: Vec<String>,
    pub negation: Vec<String>,
    /// Hope and wish phrases: what follows in the clause is wished for, not reported
    /// as happening ("in de hoop een opstand uit te lokken").
    pub wish: Vec<String>,
    pub there: Vec<String>,
    /// Words after which a pro-form is existential ("dat er"), not a place.
    pub there_not_after: Vec<String>,
    /// Words before which a pro-form is existential ("there is"), not a place.
    pub there_not_before: Vec<String>,
    /// Modal verbs: with a hedge in the same sentence they make it hypothetical.
    pub modal: Vec<Cue>,
    pub certainty: Vec<(Certainty, Cue)>,
    pub categories: Vec<(Category, Cue)>,
}

impl Lexicon {
    fn parse(src: &str) -> Result<Lexicon, String> {
        let raw: RawLexicon = toml::from_str(src).map_err(|e| e.to_string())?;
        let folds = |v: Vec<String>| v.iter().map(|s| fold(s)).collect::<Vec<_>>();
        let mut certainty = Vec::new();
        let mut raw_certainty = raw.certainty;
        let modal = raw_certainty
            .remove("modal")
            .unwrap_or_default()
            .iter()
            .map(|s| Cue::parse(s))
            .collect();
        for (name, cues) in raw_certainty {
            let c = Certainty::parse(&name).ok_or_else(|| format!("unknown certainty {name:?}"))?;
            certainty.extend(cues.iter().map(|s| (c, Cue::parse(s))));
        }
        let mut categories = Vec::new();
        for (name, cues) in raw.categories {
            let c = Category::parse(&name).ok_or_else(|| format!("unknown category {name:?}"))?;
            categories.extend(cues.iter().map(|s| (c, Cue::parse(s))));
        }
        if raw.months.len() != 12 || raw.months_short.len() != 12 || raw.weekdays.len() != 7 {
            return Err("months need 12 names and weekdays 7".into());
        }
        let mut holidays = Vec::new();
        for (name, md) in &raw.holidays {
            let parsed = md
                .split_once('-')
                .and_then(|(m, d)| Some((m.parse::<i8>().ok()?, d.parse::<i8>().ok()?)))
                .filter(|(m, d)| jiff::civil::Date::new(2024, *m, *d).is_ok());
            match parsed {
                Some(md) => holidays.push((fold(name), md)),
                None => return Err(format!("holidays: {name:?} = {md:?} is not MM-DD")),
            }
        }
        if !matches!(raw.numeric_date.as_str(), "" | "dmy" | "mdy") {
            return Err(format!(
                "numeric_date {:?} is not dmy or mdy",
                raw.numeric_date
            ));
        }
        for zone in raw.zones.values() {
            if jiff::tz::TimeZone::get(zone).is_err() {
                return Err(format!("zones: {zone:?} is not an IANA time zone"));
            }
        }
        Ok(Lexicon {
            name: raw.name,
            function_words: folds(raw.function_words),
            mixed_with: raw.mixed_with,
            clock_lead: folds(raw.clock_lead),
            approximate: folds(raw.approximate),
            hour_words: folds(raw.hour_words),
            clock_morning: folds(raw.clock_morning),
            clock_evening: folds(raw.clock_evening),
            future: folds(raw.future),
            weekdays_short: folds(raw.weekdays_short),
            clause_breaks: folds(raw.clause_breaks),
            demonyms: raw
                .demonyms
                .into_iter()
                .map(|(k, v)| (fold(&k), v))
                .collect(),
            rel_last: folds(raw.rel_last),
            rel_this: folds(raw.rel_this),
            rel_next: folds(raw.rel_next),
            day_words: folds(raw.day_words),
            week_words: folds(raw.week_words),
            weekend_words: folds(raw.weekend_words),
            month_words: folds(raw.month_words),
            year_words: folds(raw.year_words),
            number_words: raw
                .number_words
                .into_iter()
                .map(|(k, v)| (fold(&k), v))
                .collect(),
            ago_before: folds(raw.ago_before),
            ago_after: folds(raw.ago_after),
            ordinals: folds(raw.ordinals),
            ordinal_suffixes: folds(raw.ordinal_suffixes),
            part_early: folds(raw.part_early),
            part_mid: folds(raw.part_mid),
            part_late: folds(raw.part_late),
            calendar_prepositions: folds(raw.calendar_prepositions),
            articles: folds(raw.articles),
            holidays,
            numeric_date: raw.numeric_date,
            shortly_before: folds(raw.shortly_before),
            shortly_after: folds(raw.shortly_after),
            zones: raw.zones.into_iter().map(|(k, v)| (fold(&k), v)).collect(),
            joiners: folds(raw.joiners),
            name_connectors: folds(raw.name_connectors),
            months: folds(raw.months),
            months_capitalized: raw.months_capitalized,
            months_short: folds(raw.months_short),
            weekdays: folds(raw.weekdays),
            relative_days: raw
                .relative_days
                .into_iter()
                .map(|(k, v)| (fold(&k), v))
                .collect(),
            last_week: folds(raw.last_week),
            since: folds(raw.since),
            local_time: folds(raw.local_time),
            liveblog_markers: folds(raw.liveblog_markers),
            abbreviations: folds(raw.abbreviations),
            date_joiner: folds(raw.date_joiner),
            place_prepositions: folds(raw.place_prepositions),
            actor_before: folds(raw.actor_before),
            reference_before: folds(raw.reference_before),
            actor_titles: folds(raw.actor_titles),
            genitive: folds(raw.genitive),
            negation: folds(raw.negation),
            wish: folds(raw.wish),
            there: folds(raw.there),
            there_not_after: folds(raw.there_not_after),
            there_not_before: folds(raw.there_not_before),
            modal,
            certainty,
            categories,
        })
    }
}

/// Guesses the language of a text from its most frequent function words (each
/// language's `function_words`); the first language in [`Lang::ALL`] wins a tie.
///
/// ```
/// use vigia::Lang;
/// let code = |t: &str| vigia::lang::detect(t).code();
/// assert_eq!(code("De aanval op de basis van het leger was gisteren."), "nl");
/// assert_eq!(code("El ataque contra la base fue ayer."), "es");
/// assert_eq!(code("The strike on the base was yesterday."), "en");
/// ```
pub fn detect(text: &str) -> Lang {
    let mut scores = [0usize; Lang::ALL.len()];
    for word in text.split(|c: char| !c.is_alphanumeric()).take(5000) {
        if word.is_empty() {
            continue;
        }
        let w = fold(word);
        for (i, l) in Lang::ALL.iter().enumerate() {
            if l.lexicon().function_words.contains(&w) {
                scores[i] += 1;
            }
        }
    }
    let best = (0..scores.len())
        .rev()
        .max_by_key(|i| scores[*i])
        .unwrap_or(0);
    Lang::ALL[best]
}

/// Every language's entries of one list, merged (reports mix languages).
pub fn all_words(list: fn(&'static Lexicon) -> &'static Vec<String>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Lang::ALL
        .iter()
        .flat_map(|l| list(l.lexicon()).iter().map(String::as_str))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The zone words of every language with their IANA zones, longest first.
pub fn zone_words() -> &'static [(String, &'static str)] {
    static Z: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    Z.get_or_init(|| {
        let mut v: Vec<(String, &'static str)> = Lang::ALL
            .iter()
            .flat_map(|l| {
                l.lexicon()
                    .zones
                    .iter()
                    .map(|(w, z)| (w.clone(), z.as_str()))
            })
            .collect();
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        v.dedup_by(|a, b| a.0 == b.0);
        v
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_parses() {
        for lang in Lang::ALL {
            let lex = lang.lexicon();
            assert_eq!(lex.months.len(), 12, "{lang}");
            assert!(!lex.categories.is_empty(), "{lang}");
            assert!(!lex.certainty.is_empty(), "{lang}");
        }
    }

    #[test]
    fn cue_syntax() {
        assert_eq!(
            Cue::parse("luchtaanval*"),
            Cue {
                text: "luchtaanval".into(),
                prefix: true
            }
        );
        assert_eq!(
            Cue::parse("Según"),
            Cue {
                text: "segun".into(),
                prefix: false
            }
        );
    }
}
