//! Which events to show: by category, certainty, report language and report. An empty
//! set means "any"; a filter with every set empty keeps everything. Also its compact
//! text form for URLs (`cat=unrest,strike&lang=es`). Depends on `event` and `lang`.
use std::collections::BTreeSet;

use crate::event::{Category, Certainty, Event};
use crate::lang::Lang;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub categories: BTreeSet<Category>,
    pub certainties: BTreeSet<Certainty>,
    pub languages: BTreeSet<Lang>,
    /// Report ids.
    pub reports: BTreeSet<String>,
}

impl Filter {
    /// Keeps everything.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
            && self.certainties.is_empty()
            && self.languages.is_empty()
            && self.reports.is_empty()
    }

    /// Whether `e`, from a report in `language`, passes.
    pub fn keeps(&self, e: &Event, language: Lang) -> bool {
        (self.categories.is_empty() || self.categories.contains(&e.category))
            && (self.certainties.is_empty() || self.certainties.contains(&e.certainty))
            && (self.languages.is_empty() || self.languages.contains(&language))
            && (self.reports.is_empty() || self.reports.contains(&e.report_id))
    }

    /// The filter as URL fields, `(key, comma-separated values)`, non-empty sets only.
    /// Report ids are written as they are; the caller escapes.
    pub fn fields(&self) -> Vec<(&'static str, Vec<String>)> {
        let mut out = Vec::new();
        let mut put = |k, v: Vec<String>| {
            if !v.is_empty() {
                out.push((k, v));
            }
        };
        put(
            "cat",
            self.categories.iter().map(|c| c.as_str().into()).collect(),
        );
        put(
            "cert",
            self.certainties.iter().map(|c| c.as_str().into()).collect(),
        );
        put(
            "lang",
            self.languages.iter().map(|l| l.code().into()).collect(),
        );
        put("rep", self.reports.iter().cloned().collect());
        out
    }

    /// Reads one URL field; returns false for a key that is not a filter's. Unknown
    /// values are ignored (a link from a newer version still opens).
    pub fn read_field(&mut self, key: &str, values: &[String]) -> bool {
        match key {
            "cat" => self
                .categories
                .extend(values.iter().filter_map(|v| Category::parse(v))),
            "cert" => self
                .certainties
                .extend(values.iter().filter_map(|v| Certainty::parse(v))),
            "lang" => self
                .languages
                .extend(values.iter().filter_map(|v| Lang::parse(v))),
            "rep" => self
                .reports
                .extend(values.iter().filter(|v| !v.is_empty()).cloned()),
            _ => return false,
        }
        true
    }

    /// Turns one value of a set on or off.
    pub fn toggle<T: Ord>(set: &mut BTreeSet<T>, value: T) {
        if !set.remove(&value) {
            set.insert(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Lang {
        Lang::parse(code).expect("a language file")
    }

    fn event(category: Category, certainty: Certainty, report: &str) -> Event {
        let t = "2026-01-03T07:00:00Z";
        crate::event::test_event("e", report, t, t, category, certainty)
    }

    #[test]
    fn keeps_table() {
        let strike = event(Category::Strike, Certainty::Reported, "000");
        let unrest = event(Category::Unrest, Certainty::Confirmed, "001");
        let by_cat = Filter {
            categories: [Category::Unrest].into(),
            ..Filter::default()
        };
        let by_two = Filter {
            categories: [Category::Unrest, Category::Strike].into(),
            certainties: [Certainty::Reported].into(),
            ..Filter::default()
        };
        let by_lang = Filter {
            languages: [lang("es")].into(),
            ..Filter::default()
        };
        let by_report = Filter {
            reports: ["001".to_string()].into(),
            ..Filter::default()
        };
        // (filter, event, language, kept)
        let rows: &[(&Filter, &Event, Lang, bool)] = &[
            (&Filter::default(), &strike, lang("nl"), true),
            (&by_cat, &strike, lang("nl"), false),
            (&by_cat, &unrest, lang("nl"), true),
            (&by_two, &strike, lang("nl"), true),
            (&by_two, &unrest, lang("nl"), false),
            (&by_lang, &strike, lang("nl"), false),
            (&by_lang, &strike, lang("es"), true),
            (&by_report, &strike, lang("es"), false),
            (&by_report, &unrest, lang("en"), true),
        ];
        for (i, (f, e, l, want)) in rows.iter().enumerate() {
            assert_eq!(f.keeps(e, *l), *want, "row {i}");
        }
        assert!(Filter::default().is_empty());
        assert!(!by_report.is_empty());
    }

    #[test]
    fn fields_round_trip_and_ignore_unknown_values() {
        let f = Filter {
            categories: [Category::Unrest, Category::Strike].into(),
            certainties: [Certainty::Hedged].into(),
            languages: [lang("es"), lang("nl")].into(),
            reports: ["000_1d4accb5406dd1f8".to_string()].into(),
        };
        let mut back = Filter::default();
        for (k, v) in f.fields() {
            assert!(back.read_field(k, &v));
        }
        assert_eq!(back, f);
        let mut g = Filter::default();
        assert!(g.read_field("cat", &["explosion".into(), "unrest".into()]));
        assert!(!g.read_field("t", &["x".into()]));
        assert_eq!(g.categories, [Category::Unrest].into());
        let mut set = BTreeSet::from([1, 2]);
        Filter::toggle(&mut set, 2);
        Filter::toggle(&mut set, 3);
        assert_eq!(set, [1, 3].into());
    }
}
