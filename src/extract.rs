//! Extraction: from a report to events. Each sentence (or enumeration item) that names a
//! gazetteer place and carries a category cue becomes one event per place, with the time
//! of the sentence, its paragraph or its segment, a certainty from cue words, and the
//! sentence as the exact quote. Depends on `segment`, `gazetteer`, `time`, `lang`.
use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::event::{Category, Certainty, Event, EventTime};
use crate::gazetteer::{Gazetteer, Matcher, Mention};
use crate::lang::{Cue, Lang};
use crate::report::{DateSource, Report};
use crate::segment::{SegmentKind, Unit, segments, units};
use crate::text::{Folded, at_word_bounds, at_word_start, longest_non_overlapping};
use crate::time::{self, Anchor, TimeMention};

/// A cue automaton over the cues of every language (reports mix languages).
struct CueSet<T> {
    automaton: AhoCorasick,
    cues: Vec<(T, Cue)>,
}

impl<T: Copy> CueSet<T> {
    fn new(cues: Vec<(T, Cue)>) -> Self {
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(cues.iter().map(|(_, c)| c.text.as_str()))
            .unwrap_or_else(|e| panic!("cue words do not compile: {e}"));
        CueSet { automaton, cues }
    }

    /// Longest non-overlapping cue hits in folded text: (folded start, folded end, value).
    fn find(&self, hay: &str) -> Vec<(usize, usize, T)> {
        let hits: Vec<(usize, usize, T)> = self
            .automaton
            .find_overlapping_iter(hay)
            .filter_map(|m| {
                let (value, cue) = &self.cues[m.pattern().as_usize()];
                let ok = if cue.prefix {
                    at_word_start(hay, m.start())
                } else {
                    at_word_bounds(hay, m.start(), m.end())
                };
                ok.then_some((m.start(), m.end(), *value))
            })
            .collect();
        longest_non_overlapping(hits)
    }
}

fn category_cues() -> &'static CueSet<Category> {
    static SET: OnceLock<CueSet<Category>> = OnceLock::new();
    SET.get_or_init(|| {
        CueSet::new(
            Lang::ALL
                .iter()
                .flat_map(|l| l.lexicon().categories.iter().cloned())
                .collect(),
        )
    })
}

fn certainty_cues() -> &'static CueSet<Certainty> {
    static SET: OnceLock<CueSet<Certainty>> = OnceLock::new();
    SET.get_or_init(|| {
        CueSet::new(
            Lang::ALL
                .iter()
                .flat_map(|l| l.lexicon().certainty.iter().cloned())
                .collect(),
        )
    })
}

/// Cue hits mapped to original byte offsets.
fn in_original<T: Copy>(folded: &Folded, hits: Vec<(usize, usize, T)>) -> Vec<(usize, usize, T)> {
    hits.into_iter()
        .map(|(s, e, v)| {
            let (s, e) = folded.original_span(s, e);
            (s, e, v)
        })
        .collect()
}

fn within<T: Copy>(hits: &[(usize, usize, T)], unit: &Unit) -> Vec<T> {
    hits.iter()
        .filter(|(s, e, _)| *s >= unit.start && *e <= unit.end)
        .map(|(_, _, v)| *v)
        .collect()
}

/// Extracts the events of one report.
///
/// ```
/// use vigia::{bundle, extract::extract, gazetteer::Matcher};
/// let g = bundle::gazetteer();
/// let m = Matcher::new(&g);
/// let reports = bundle::reports().unwrap();
/// let events = extract(&reports[0], &g, &m);
/// assert!(events.iter().any(|e| e.site_id == "fuerte-tiuna"));
/// ```
pub fn extract(report: &Report, gazetteer: &Gazetteer, matcher: &Matcher) -> Vec<Event> {
    let text = report.text.as_str();
    let folded = Folded::new(text);
    let mentions = matcher.find_folded(text, &folded);
    let categories = in_original(&folded, category_cues().find(&folded.text));
    let certainties = in_original(&folded, certainty_cues().find(&folded.text));
    let segs = segments(report);
    let units = units(text, &segs);
    let editor = report.meta.date_source == DateSource::Editor;

    // Time mentions and the base time of each segment.
    let mut seg_times: Vec<(EventTime, Vec<TimeMention>)> = Vec::with_capacity(segs.len());
    for seg in &segs {
        let mut anchor = Anchor {
            date: report.meta.published,
            published: report.meta.published,
            publisher_tz: report.meta.publisher_tz.clone(),
            lang: report.meta.language,
        };
        let base = match seg.kind {
            SegmentKind::Liveblog {
                clock: Some((h, m)),
            } => time::publisher_clock(&anchor, h, m),
            SegmentKind::Post { date: Some(d) } => {
                anchor.date = d;
                Some(time::post_day(d))
            }
            _ => None,
        }
        .unwrap_or_else(|| time::publication_day(&anchor, editor));
        // A time inside a place name ("23 de Enero") is not a time.
        let found = time::find(&text[seg.start..seg.end], &anchor)
            .into_iter()
            .map(|t| TimeMention {
                start: t.start + seg.start,
                end: t.end + seg.start,
                time: t.time,
            })
            .filter(|t| !mentions.iter().any(|m| m.start < t.end && t.start < m.end))
            .collect();
        seg_times.push((base, found));
    }

    // Category per unit; enumeration items without a cue take the next item's.
    let mut unit_category: Vec<Option<Category>> = units
        .iter()
        .map(|u| within(&categories, u).into_iter().min())
        .collect();
    for i in (0..units.len()).rev() {
        if unit_category[i].is_none()
            && units[i].list.is_some()
            && i + 1 < units.len()
            && units[i + 1].list == units[i].list
        {
            unit_category[i] = unit_category[i + 1];
        }
    }

    let mut events = Vec::new();
    let mut seen = HashSet::new();
    for (u, unit) in units.iter().enumerate() {
        let Some(category) = unit_category[u] else {
            continue;
        };
        let here: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.start >= unit.start && m.end <= unit.end)
            .collect();
        let places = located(gazetteer, &folded, &here);
        if places.is_empty() {
            continue;
        }
        let certainty = within(&certainties, unit)
            .into_iter()
            .min_by_key(|c| certainty_rank(*c))
            .unwrap_or(Certainty::Reported);
        let (base, found) = &seg_times[unit.segment];
        let time = found
            .iter()
            .find(|t| t.start >= unit.start && t.end <= unit.end)
            .or_else(|| found.first())
            .map_or_else(|| base.clone(), |t| t.time.clone());
        for m in places {
            let key = (m.site_id.clone(), category, time.start, time.end);
            if !seen.insert(key) {
                continue;
            }
            events.push(Event {
                event_id: format!("{}-{}-{}", report.id, unit.start, m.site_id),
                site_id: m.site_id.clone(),
                report_id: report.id.clone(),
                time: time.clone(),
                category,
                certainty,
                quote_start: unit.start,
                quote_end: unit.end,
                place_start: m.start,
                place_end: m.end,
            });
        }
    }
    events
}

/// Ranks certainty cues: a speculative or hedging word outweighs a confirming one.
fn certainty_rank(c: Certainty) -> u8 {
    match c {
        Certainty::Hypothetical => 0,
        Certainty::Hedged => 1,
        Certainty::Confirmed => 2,
        Certainty::Reported => 3,
    }
}

/// The mentions that say where something happened: not those naming an actor ("de
/// president van Colombia"), and not a container of another mention in the same unit
/// ("La Carlota in Caracas" is at La Carlota). One mention per site.
fn located<'m>(g: &Gazetteer, folded: &Folded, here: &[&'m Mention]) -> Vec<&'m Mention> {
    let actor_words: Vec<&String> = Lang::ALL
        .iter()
        .flat_map(|l| l.lexicon().actor_before.iter())
        .collect();
    let folded_start = |m: &Mention| folded.text.len().min(folded_offset(folded, m.start));
    let mut out: Vec<&Mention> = Vec::new();
    for m in here {
        let before = folded.text[..folded_start(m)].trim_end();
        if actor_words
            .iter()
            .any(|w| before.ends_with(w.as_str()) && at_word_start(before, before.len() - w.len()))
        {
            continue;
        }
        let contains_other = here.iter().any(|o| {
            o.site_id != m.site_id
                && g.get(&o.site_id)
                    .is_some_and(|os| g.ancestors(os).any(|a| a.id == m.site_id))
        });
        if contains_other || out.iter().any(|o| o.site_id == m.site_id) {
            continue;
        }
        out.push(m);
    }
    out
}

/// The folded offset of an original byte offset (first folded byte at or after it).
fn folded_offset(folded: &Folded, original: usize) -> usize {
    folded.folded_at(original)
}

/// Extracts every report and returns the events sorted by time, then report order.
pub fn extract_all(reports: &[Report], gazetteer: &Gazetteer) -> Vec<Event> {
    let matcher = Matcher::new(gazetteer);
    let mut events: Vec<Event> = reports
        .iter()
        .flat_map(|r| extract(r, gazetteer, &matcher))
        .collect();
    events.sort_by(|a, b| {
        a.time
            .start
            .cmp(&b.time.start)
            .then(a.time.end.cmp(&b.time.end))
    });
    events
}
