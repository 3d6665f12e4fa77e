//! Finds gazetteer places in text: case- and accent-insensitive, whole words, longest
//! match wins ("haven van Caracas" is the port, not the city), byte spans into the
//! original text. One Aho-Corasick automaton over every folded alias.
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Serialize;

use super::Gazetteer;
use crate::text::{Folded, at_word_bounds, fold, longest_non_overlapping};

/// A place found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub site_id: String,
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
}

/// The compiled matcher of a gazetteer.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each pattern, the indices of the sites that carry it (several for shared names).
    sites_of: Vec<Vec<usize>>,
    ids: Vec<String>,
    /// (lat, lon) of each site, for resolving shared names by context.
    points: Vec<(f64, f64)>,
    /// Whether each site is a city or town (their names double as surnames).
    towns: Vec<bool>,
}

/// True if the word before `at` is capitalised and is not the first word of a sentence,
/// line or list item ("buitenlandminister Marco Rubio" — but not "Luchthaven El Hatillo"
/// at the start of an item).
fn after_given_name(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(' ');
    if before.len() == at {
        return false; // no space: not a separate word
    }
    let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &before[word_start..];
    if !word.chars().next().is_some_and(char::is_uppercase) || word.chars().count() < 2 {
        return false;
    }
    let rest = before[..word_start].trim_end();
    // A capitalised word after a boundary is just the start of a sentence or item.
    !(rest.is_empty()
        || rest.ends_with([
            '.', '!', '?', ':', ',', ';', '(', '"', '“', '‘', '\'', '-', '–', '—',
        ]))
}

impl Matcher {
    pub fn new(gazetteer: &Gazetteer) -> Matcher {
        let mut patterns: Vec<String> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut sites_of: Vec<Vec<usize>> = Vec::new();
        for (i, site) in gazetteer.sites.iter().enumerate() {
            let mut names: Vec<String> = std::iter::once(fold(&site.name))
                .chain(site.aliases.iter().map(|(_, a)| fold(a)))
                .collect();
            names.sort();
            names.dedup();
            for n in names.into_iter().filter(|n| !n.is_empty()) {
                match index.get(&n) {
                    Some(&p) => sites_of[p].push(i),
                    None => {
                        index.insert(n.clone(), patterns.len());
                        patterns.push(n);
                        sites_of.push(vec![i]);
                    }
                }
            }
        }
        // Standard semantics so that every candidate is seen; the longest whole-word
        // candidates are chosen below.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            // Natively a DFA: about 25 ms to build for the full table, and matching runs
            // at about twice the speed of the NFA (benches/matcher.rs). In the browser the
            // DFA takes ~300 ms to build, longer than matching a 10 MB corpus with the
            // contiguous NFA, which builds in a few milliseconds.
            .kind(Some(if cfg!(target_arch = "wasm32") {
                AhoCorasickKind::ContiguousNFA
            } else {
                AhoCorasickKind::DFA
            }))
            .build(&patterns)
            .unwrap_or_else(|e| panic!("gazetteer aliases do not compile: {e}"));
        Matcher {
            automaton,
            sites_of,
            ids: gazetteer.sites.iter().map(|s| s.id.clone()).collect(),
            points: gazetteer.sites.iter().map(|s| (s.lat, s.lon)).collect(),
            towns: gazetteer
                .sites
                .iter()
                .map(|s| s.kind == super::SiteKind::City)
                .collect(),
        }
    }

    /// Every place in `text`, in text order, non-overlapping, longest first. A name that
    /// several sites share goes to the one nearest the text's other places.
    ///
    /// ```
    /// use vigia::gazetteer::{Gazetteer, Matcher};
    /// let g = Gazetteer::bundled();
    /// let m = Matcher::new(&g);
    /// let found = m.find("Nieuwe beelden van de aftermath in de haven van Caracas.");
    /// assert_eq!(found[0].site_id, "port-la-guaira");
    /// ```
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let folded = Folded::new(text);
        self.find_folded(text, &folded)
    }

    /// As [`Matcher::find`], on text folded once by the caller (`folded` of `text`).
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<Mention> {
        let hay = folded.text.as_str();
        let candidates: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(hay)
            .filter(|m| at_word_bounds(hay, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        let mut kept = longest_non_overlapping(candidates);
        // A town name right after a capitalised word inside a sentence is a surname
        // ("Marco Rubio", "Simón Bolívar"), not the town.
        kept.retain(|k| {
            let towns_only = self.sites_of[k.2].iter().all(|i| self.towns[*i]);
            !(towns_only && after_given_name(text, folded.original_span(k.0, k.1).0))
        });
        // Context: the places named without ambiguity.
        let context: Vec<(f64, f64)> = kept
            .iter()
            .filter(|k| self.sites_of[k.2].len() == 1)
            .map(|k| self.points[self.sites_of[k.2][0]])
            .collect();
        kept.into_iter()
            .map(|(s, e, pattern)| {
                let site = self.resolve(&self.sites_of[pattern], &context);
                let (start, end) = folded.original_span(s, e);
                Mention {
                    site_id: self.ids[site].clone(),
                    start,
                    end,
                }
            })
            .collect()
    }

    /// Picks among sites sharing a name: the one closest to any unambiguous place of the
    /// same text; without context, the first row (the table lists the likelier first).
    fn resolve(&self, sites: &[usize], context: &[(f64, f64)]) -> usize {
        if sites.len() == 1 || context.is_empty() {
            return sites[0];
        }
        let nearest = |i: &usize| {
            let (lat, lon) = self.points[*i];
            context
                .iter()
                .map(|(clat, clon)| {
                    (lat - clat).powi(2) + ((lon - clon) * lat.to_radians().cos()).powi(2)
                })
                .fold(f64::INFINITY, f64::min)
        };
        sites
            .iter()
            .copied()
            .min_by(|a, b| nearest(a).total_cmp(&nearest(b)))
            .unwrap_or(sites[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        let g = Gazetteer::bundled();
        Matcher::new(&g)
            .find(text)
            .into_iter()
            .map(|m| (m.site_id, text[m.start..m.end].to_string()))
            .collect()
    }

    #[test]
    fn alias_table() {
        let rows: &[(&str, &str, &str, &str)] = &[
            (
                "nl port beats city",
                "Nieuwe beelden in de haven van Caracas.",
                "port-la-guaira",
                "haven van Caracas",
            ),
            (
                "nl base",
                "bij militaire basis Fuerte Tiuna.",
                "fuerte-tiuna",
                "militaire basis Fuerte Tiuna",
            ),
            (
                "nl air base word order",
                "op de luchtmachtbasis La Carlota",
                "la-carlota",
                "luchtmachtbasis La Carlota",
            ),
            (
                "es air base",
                "en la Base Aérea Generalísimo Francisco de Miranda",
                "la-carlota",
                "Base Aérea Generalísimo Francisco de Miranda",
            ),
            (
                "en official name",
                "U.S. airstrikes targeting Generalísimo Francisco de Miranda Air Base in Caracas",
                "la-carlota",
                "Generalísimo Francisco de Miranda Air Base",
            ),
            (
                "accents optional",
                "la base aerea generalisimo francisco de miranda",
                "la-carlota",
                "base aerea generalisimo francisco de miranda",
            ),
            (
                "case insensitive",
                "HIGUEROTE AIRPORT",
                "higuerote-airport",
                "HIGUEROTE AIRPORT",
            ),
            (
                "es sea",
                "sobre el mar Caribe",
                "caribbean-sea",
                "mar Caribe",
            ),
            (
                "nl sea",
                "boven de Caraïbische Zee, nabij",
                "caribbean-sea",
                "Caraïbische Zee",
            ),
        ];
        for (name, text, site, matched) in rows {
            let f = found(text);
            assert!(
                f.iter().any(|(s, m)| s == site && m == matched),
                "{name}: {text:?} gave {f:?}"
            );
        }
    }

    #[test]
    fn negatives() {
        let rows: &[(&str, &str)] = &[
            ("dutch adjective", "Venezolaanse bronnen bevestigen"),
            ("spanish adjective", "el gobierno venezolano"),
            ("inside a word", "Caracasweg en Higuerotes"),
            ("partial name", "Tiuna alleen"),
        ];
        for (name, text) in rows {
            assert_eq!(found(text), vec![], "{name}: {text:?}");
        }
    }

    #[test]
    fn shared_names_resolve_by_context() {
        let rows: &[(&str, &str)] = &[
            (
                "delen van Caracas, Santa Mónica, Fuerte Tiuna en Los Teques zonder stroom",
                "santa-monica-caracas",
            ),
            (
                "Protesters gathered on the pier in Santa Monica, near Los Angeles",
                "santa-monica-california",
            ),
        ];
        let g = Gazetteer::bundled();
        let m = Matcher::new(&g);
        for (text, want) in rows {
            let got: Vec<String> = m
                .find(text)
                .into_iter()
                .filter(|x| text[x.start..x.end].to_lowercase().starts_with("santa m"))
                .map(|x| x.site_id)
                .collect();
            assert_eq!(got, vec![want.to_string()], "{text}");
        }
    }

    #[test]
    fn spans_are_exact_and_ordered() {
        let text = "Fuerte Tiuna gebombardeerd, Luchthaven El Hatillo aangevallen, Los Teques";
        let f = found(text);
        let ids: Vec<&str> = f.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(ids, ["fuerte-tiuna", "el-hatillo", "los-teques"]);
    }
}
