//! Language knowledge (month and weekday names, relative-date words, certainty and
//! category cues) loaded from one data file per language in `src/lang/`. Adding a
//! language is a data change plus one line in [`Lang::ALL`].
use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::event::{Category, Certainty};
use crate::text::fold;

/// A report language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::En, Lang::Es];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == code.trim().to_ascii_lowercase())
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Nl => include_str!("lang/nl.toml"),
            Lang::En => include_str!("lang/en.toml"),
            Lang::Es => include_str!("lang/es.toml"),
        }
    }

    /// The lexicon of this language (parsed once).
    pub fn lexicon(self) -> &'static Lexicon {
        static CELLS: [OnceLock<Lexicon>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let i = Lang::ALL.iter().position(|l| *l == self).unwrap_or(0);
        CELLS[i].get_or_init(|| {
            Lexicon::parse(self.source())
                .unwrap_or_else(|e| panic!("src/lang/{}.toml: {e}", self.code()))
        })
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Deserialize)]
struct RawLexicon {
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
        Ok(Lexicon {
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

/// Guesses the language of a text from its most frequent function words.
///
/// ```
/// use vigia::Lang;
/// assert_eq!(vigia::lang::detect("De aanval op de basis van het leger was gisteren."), Lang::Nl);
/// assert_eq!(vigia::lang::detect("El ataque contra la base fue ayer."), Lang::Es);
/// assert_eq!(vigia::lang::detect("The strike on the base was yesterday."), Lang::En);
/// ```
pub fn detect(text: &str) -> Lang {
    const WORDS: [(Lang, &[&str]); 3] = [
        (
            Lang::Nl,
            &[
                "het", "een", "van", "op", "zijn", "dat", "niet", "met", "voor", "ook", "bij",
                "wordt", "naar", "werd", "uit",
            ],
        ),
        (
            Lang::En,
            &[
                "the", "of", "and", "to", "was", "that", "with", "for", "on", "at", "by", "from",
                "are", "were", "it",
            ],
        ),
        (
            Lang::Es,
            &[
                "el", "la", "los", "las", "y", "que", "del", "por", "con", "una", "fue", "se",
                "para", "como", "sus",
            ],
        ),
    ];
    let mut scores = [0usize; 3];
    for word in text.split(|c: char| !c.is_alphanumeric()).take(5000) {
        let w = word.to_lowercase();
        for (i, (_, list)) in WORDS.iter().enumerate() {
            if list.contains(&w.as_str()) {
                scores[i] += 1;
            }
        }
    }
    // The first language wins a tie.
    let best = (0..3).rev().max_by_key(|i| scores[*i]).unwrap_or(0);
    WORDS[best].0
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
