//! Extraction: from a report to events. Each sentence (or enumeration item) that names a
//! gazetteer place and carries a category cue becomes one event per place, with the time
//! of the sentence, its paragraph or its segment, a certainty from cue words, and the
//! sentence as the exact quote. Depends on `segment`, `gazetteer`, `time`, `lang`.
use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::event::{Category, Certainty, Event, EventTime, Precision};
use crate::gazetteer::{Gazetteer, Matcher, Mention};
use crate::lang::{Cue, Lang};
use crate::report::{DateSource, Report};
use crate::segment::{Segment, SegmentKind, Unit, segments, units};
use crate::text::{Folded, at_word_bounds, at_word_start, fold, longest_non_overlapping};
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
            // A few hundred short cues: natively a DFA builds in milliseconds and scans
            // fastest; in the browser its build dominates start-up, the NFA's does not.
            .kind(Some(if cfg!(target_arch = "wasm32") {
                aho_corasick::AhoCorasickKind::ContiguousNFA
            } else {
                aho_corasick::AhoCorasickKind::DFA
            }))
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

/// The items of `v` (sorted by start) that lie within `[start, end)`, by binary search.
fn in_span<T>(
    v: &[T],
    start: usize,
    end: usize,
    span: impl Fn(&T) -> (usize, usize) + Copy,
) -> impl Iterator<Item = &T> {
    let lo = v.partition_point(|x| span(x).0 < start);
    let hi = lo + v[lo..].partition_point(|x| span(x).0 < end);
    v[lo..hi].iter().filter(move |x| span(x).1 <= end)
}

fn hit_span<T>(h: &(usize, usize, T)) -> (usize, usize) {
    (h.0, h.1)
}

fn mention_span(m: &Mention) -> (usize, usize) {
    (m.start, m.end)
}

fn within<T: Copy>(hits: &[(usize, usize, T)], unit: &Unit) -> Vec<T> {
    in_span(hits, unit.start, unit.end, hit_span)
        .map(|(_, _, v)| *v)
        .collect()
}

/// The modal verbs of every language, as a cue set (see [`crate::lang::Lexicon::modal`]).
fn modal_cues() -> &'static CueSet<()> {
    static SET: OnceLock<CueSet<()>> = OnceLock::new();
    SET.get_or_init(|| {
        CueSet::new(
            Lang::ALL
                .iter()
                .flat_map(|l| l.lexicon().modal.iter().map(|c| ((), c.clone())))
                .collect(),
        )
    })
}

/// Word lists merged over every language (reports mix languages).
struct Words {
    /// Phrases split into words once.
    actor_before: Vec<Vec<String>>,
    reference_before: Vec<Vec<String>>,
    actor_titles: Vec<String>,
    genitive: Vec<String>,
    negation: Vec<String>,
    wish: Vec<Vec<String>>,
    there: Vec<String>,
    there_not_after: Vec<String>,
    there_not_before: Vec<String>,
    joiners: Vec<String>,
    clause_breaks: Vec<String>,
}

fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let all = |f: fn(&'static crate::lang::Lexicon) -> &'static Vec<String>| {
            Lang::ALL
                .iter()
                .flat_map(|l| f(l.lexicon()).iter().cloned())
                .collect()
        };
        Words {
            actor_before: split(all(|l| &l.actor_before)),
            reference_before: split(all(|l| &l.reference_before)),
            actor_titles: all(|l| &l.actor_titles),
            genitive: all(|l| &l.genitive),
            negation: all(|l| &l.negation),
            wish: split(all(|l| &l.wish)),
            there: all(|l| &l.there),
            there_not_after: all(|l| &l.there_not_after),
            there_not_before: all(|l| &l.there_not_before),
            joiners: all(|l| &l.joiners),
            clause_breaks: all(|l| &l.clause_breaks),
        }
    })
}

/// Up to `n` words of `text[..at]`, folded, in text order, each with its original start;
/// stops at sentence punctuation.
fn words_before(text: &str, at: usize, n: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut iter = text[..at].char_indices().rev().peekable();
    let mut end = at;
    while out.len() < n {
        while let Some(&(i, c)) = iter.peek() {
            if c.is_alphanumeric() {
                break;
            }
            if matches!(c, '.' | '!' | '?' | ';' | ':' | '\n') {
                out.reverse();
                return out;
            }
            end = i;
            iter.next();
        }
        let mut start = end;
        while let Some(&(i, c)) = iter.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            start = i;
            iter.next();
        }
        if start == end {
            break;
        }
        out.push((fold(&text[start..end]), start));
        end = start;
    }
    out.reverse();
    out
}

/// True if the words right before a place end with the multi-word `phrase`.
fn ends_with_phrase(before: &[(String, usize)], phrase: &[String]) -> bool {
    phrase.len() <= before.len()
        && before[before.len() - phrase.len()..]
            .iter()
            .zip(phrase)
            .all(|((w, _), q)| w == q)
}

fn split(phrases: Vec<String>) -> Vec<Vec<String>> {
    phrases
        .iter()
        .map(|p| p.split_whitespace().map(str::to_string).collect())
        .collect()
}

/// How a place mention relates to the sentence's event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Names who acts ("de president van Colombia"): never the event's place.
    Actor,
    /// A point of reference ("off the coast of Venezuela"): the place only if nothing else is.
    Reference,
    Place,
}

fn role(text: &str, m: &Mention) -> Role {
    let w = words();
    let before = words_before(text, m.start, 4);
    if w.actor_before.iter().any(|p| ends_with_phrase(&before, p)) {
        return Role::Actor;
    }
    // "<title> <Name> van|of|de <place>"
    if before.len() >= 3 {
        let k = before.len();
        let name_is_capitalised = text[before[k - 2].1..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if w.genitive.contains(&before[k - 1].0)
            && name_is_capitalised
            && w.actor_titles.contains(&before[k - 3].0)
        {
            return Role::Actor;
        }
    }
    if w.reference_before
        .iter()
        .any(|p| ends_with_phrase(&before, p))
    {
        return Role::Reference;
    }
    Role::Place
}

/// True if a negation word stands among the four words before `at` ("geen meldingen zijn van protesten").
fn negated(text: &str, at: usize) -> bool {
    let w = words();
    words_before(text, at, 4)
        .iter()
        .any(|(x, _)| w.negation.contains(x))
}

/// True if a hope or wish phrase stands earlier in the clause of `at` (up to ten words,
/// no comma between): "in de hoop een opstand …", "hoping for protests".
fn wished(text: &str, at: usize) -> bool {
    let before = words_before(text, at, 10);
    let w = words();
    (0..before.len()).any(|k| {
        w.wish.iter().any(|phrase| {
            ends_with_phrase(&before[..=k], phrase) && !text[before[k].1..at].contains(',')
        })
    })
}

/// True if the place is the object or subject right next to a cue ("aanval op
/// Venezuela", "airstrikes targeting X", "Caracas bombarderen").
fn bound_to(text: &str, m: &Mention, cues: &[(usize, usize, Category)]) -> bool {
    cues.iter().any(|(s, e, _)| {
        if *e <= m.start {
            let gap = &text[*e..m.start];
            !gap.contains(['.', '!', '?', ';', ':']) && gap.split_whitespace().count() <= 3
        } else if m.end <= *s {
            let gap = &text[m.end..*s];
            !gap.contains(['.', '!', '?', ';', ':', ',']) && gap.split_whitespace().count() <= 1
        } else {
            false
        }
    })
}

/// Which places are bound to a cue, directly or by coordination with a bound place
/// ("los ataques alcanzaron el Fuerte Tiuna y la base aérea La Carlota").
fn bound_places(text: &str, places: &[Mention], cues: &[(usize, usize, Category)]) -> Vec<bool> {
    let joiners = &words().joiners;
    let mut order: Vec<usize> = (0..places.len()).collect();
    order.sort_by_key(|i| places[*i].start);
    let mut bound: Vec<bool> = places.iter().map(|m| bound_to(text, m, cues)).collect();
    let coordinated = |a: &Mention, b: &Mention| {
        let gap = &text[a.end.min(b.start)..b.start];
        let words: Vec<String> = crate::text::words(gap).map(|(_, w)| fold(w)).collect();
        !gap.contains(['.', '!', '?', ';', ':'])
            && words.len() <= 3
            && words.iter().all(|w| joiners.contains(w))
    };
    for _ in 0..2 {
        for w in order.windows(2) {
            let (a, b) = (w[0], w[1]);
            if coordinated(&places[a], &places[b]) && (bound[a] || bound[b]) {
                bound[a] = true;
                bound[b] = true;
            }
        }
    }
    bound
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
    let categories: Vec<(usize, usize, Category)> =
        in_original(&folded, category_cues().find(&folded.text))
            .into_iter()
            .filter(|(s, _, _)| !negated(text, *s) && !wished(text, *s))
            .collect();
    let certainties = in_original(&folded, certainty_cues().find(&folded.text));
    let modals = in_original(&folded, modal_cues().find(&folded.text));
    let segs = segments(report);
    let units = units(text, &segs);
    let editor = report.meta.date_source == DateSource::Editor;

    // Time mentions and the base time of each segment. The document time model: a line
    // that is only a date ("Saturday 3 January 2026", "SÁBADO 3 DE ENERO") is the date of
    // what follows; a line that is only a clock ("6.31am GMT") heads a liveblog entry, the
    // base time of the paragraphs under it; a paragraph that opens with a clock and a
    // separator ("01H55. …", "23:35 | …") is an entry of its own. Clocks inside an entry
    // are the last such time at or before the entry's.
    let mut seg_times: Vec<(EventTime, Vec<TimeMention>)> = Vec::with_capacity(segs.len());
    let mut header_date: Option<jiff::civil::Date> = None;
    let mut header_clock: Option<EventTime> = None;
    for seg in &segs {
        let mut anchor = Anchor {
            reference: None,
            year: None,
            date: header_date.unwrap_or(report.meta.published),
            published: report.meta.published,
            publisher_tz: report.meta.publisher_tz.clone(),
            lang: report.meta.language,
        };
        let base = match seg.kind {
            SegmentKind::Liveblog {
                clock: Some((h, m)),
                zone,
            } => {
                if let Some(z) = zone {
                    anchor.publisher_tz = z.to_string();
                }
                time::publisher_clock(&anchor, h, m)
            }
            SegmentKind::Post { date: Some(d) } => {
                // A post's relative words count from its own date, a UTC day.
                anchor.date = d;
                anchor.published = d;
                anchor.publisher_tz = "UTC".into();
                Some(time::post_day(d))
            }
            SegmentKind::Paragraph | SegmentKind::ListItem => header_clock.clone(),
            _ => None,
        };
        // A time inside a place name ("23 de Enero") is not a time.
        let find = |anchor: &Anchor| -> Vec<TimeMention> {
            time::find(&text[seg.start..seg.end], anchor)
                .into_iter()
                .map(|t| TimeMention {
                    start: t.start + seg.start,
                    end: t.end + seg.start,
                    time: t.time,
                })
                .filter(|t| {
                    !in_span(
                        &mentions,
                        t.start.saturating_sub(256),
                        t.end + 256,
                        mention_span,
                    )
                    .any(|m| m.start < t.end && t.start < m.end)
                })
                .collect()
        };
        let mut found = find(&anchor);
        let body = text[seg.start..seg.end].trim_end_matches(['.', ':', ' ']);
        let whole = |t: &TimeMention| {
            let rest = text[seg.start..t.start].trim().len()
                + text[t.end..seg.start + body.len()].trim().len();
            rest * 4 <= body.len()
        };
        // A header line: only a date, or only a clock.
        if seg.kind == SegmentKind::Paragraph && found.len() <= 2 && !found.is_empty() {
            let first = &found[0];
            let span_all = TimeMention {
                start: first.start,
                end: found[found.len() - 1].end,
                time: first.time.clone(),
            };
            if whole(&span_all) {
                match first.time.precision {
                    Precision::Day => {
                        header_date = Some(
                            first
                                .time
                                .start
                                .to_zoned(
                                    jiff::tz::TimeZone::get(&anchor.publisher_tz)
                                        .unwrap_or(jiff::tz::TimeZone::UTC),
                                )
                                .date(),
                        );
                        header_clock = None;
                    }
                    Precision::Minute | Precision::Hour => {
                        // What an entry reports happened before it: the hour up to its time.
                        let t = &first.time;
                        header_clock = Some(EventTime {
                            start: t
                                .start
                                .checked_sub(jiff::Span::new().hours(1))
                                .unwrap_or(t.start),
                            end: t
                                .start
                                .checked_add(jiff::Span::new().minutes(1))
                                .unwrap_or(t.end),
                            precision: Precision::Range,
                            resolved: format!(
                                "the hour up to the liveblog entry of {}",
                                t.resolved
                            ),
                        });
                    }
                    _ => {}
                }
                seg_times.push((
                    base.unwrap_or_else(|| time::publication_day(&anchor, editor)),
                    found,
                ));
                continue;
            }
        }
        // Inside an entry, a clock without a date is the last such time at or before it.
        if let Some(b) = &base {
            anchor.reference = Some(b.end);
            found = find(&anchor);
        }
        // An entry that opens with its clock: "01H55. …", "23:35 | …".
        let opening = found.first().filter(|t| {
            matches!(t.time.precision, Precision::Minute | Precision::Hour)
                && text[seg.start..t.start].split_whitespace().count() <= 2
                && text[t.end..seg.end]
                    .trim_start_matches([' ', ')'])
                    .starts_with(['.', '|', '-', '–', '—', ':'])
        });
        let base = match opening {
            Some(t) => t.time.clone(),
            None => base.unwrap_or_else(|| time::publication_day(&anchor, editor)),
        };
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
    // Places of recent units, for "er", "there", "allí".
    let mut recent: Vec<(usize, Vec<Mention>)> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let here: Vec<&Mention> = in_span(&mentions, unit.start, unit.end, mention_span).collect();
        let unit_cues: Vec<(usize, usize, Category)> =
            in_span(&categories, unit.start, unit.end, hit_span)
                .copied()
                .collect();
        let mut places: Vec<Mention> = located(gazetteer, text, &here)
            .into_iter()
            .cloned()
            .collect();
        if let Some(category) = unit_category[u]
            && matches!(category, Category::Strike | Category::Capture)
        {
            let bound = bound_places(text, &places, &unit_cues);
            if bound.iter().any(|b| *b) {
                let mut keep = bound.into_iter();
                places.retain(|_| keep.next().unwrap_or(false));
            }
        }
        if places.is_empty() && unit_category[u].is_some() {
            places = pro_form_places(text, unit, &recent, u);
        }
        // A statement or official act that names no place is at its actor's country
        // ("the president of Colombia said", "el Gobierno venezolano denunció").
        if places.is_empty() && unit_category[u] == Some(Category::Statement) {
            let first_cue = unit_cues.first().map_or(unit.end, |c| c.0);
            places = actor_places(gazetteer, text, &folded, unit, &here, first_cue);
        }
        if !places.is_empty() {
            recent.push((u, places.clone()));
        }
        let Some(category) = unit_category[u] else {
            continue;
        };
        if places.is_empty() {
            continue;
        }
        let certainty = certainty_of(&segs, unit, &certainties, &modals);
        let (base, found) = &seg_times[unit.segment];
        // The discourse time of a unit without its own: the last one before it in its
        // segment; else the segment's first (a lead-in: "Explosions. On Saturday, …").
        // A year or month is background ("López, arrested in 2014"): it is not carried over.
        let carries = |t: &&TimeMention| {
            matches!(
                t.time.precision,
                Precision::Minute | Precision::Hour | Precision::Day
            )
        };
        let own: Vec<&TimeMention> = found
            .iter()
            .filter(|t| t.start >= unit.start && t.end <= unit.end)
            .collect();
        let discourse = found
            .iter()
            .rev()
            .filter(carries)
            .find(|t| t.end <= unit.start)
            .or_else(|| found.first().filter(carries));
        for m in places {
            // Each place takes the cue of its own clause (nearest), so one sentence can
            // give a strike and an outage; a statement verb yields to a happening.
            let cue = unit_cues.iter().min_by_key(|(s, e, c)| {
                (
                    describes(text, (*s, *e), (m.start, m.end)),
                    clause_gap(text, (*s, *e), (m.start, m.end)),
                    *c == Category::Statement,
                    span_distance((*s, *e), (m.start, m.end)),
                )
            });
            let (category, anchor) = match cue {
                Some((s, e, c)) => (*c, (*s, *e)),
                None => (category, (m.start, m.end)),
            };
            // The time of the cue's clause, the finest first; else the discourse time.
            let mention = own
                .iter()
                .min_by_key(|t| {
                    (
                        clause_gap(text, (t.start, t.end), anchor),
                        precision_rank(t.time.precision),
                        span_distance((t.start, t.end), anchor),
                    )
                })
                .copied()
                .or(discourse);
            let time = mention.map_or_else(|| base.clone(), |t| t.time.clone());
            let time_text = mention.map(|t| (t.start, t.end));
            let key = (m.site_id.clone(), category, certainty, time.start, time.end);
            if !seen.insert(key) {
                continue;
            }
            events.push(Event {
                event_id: format!("{}-{}-{}", report.id, unit.start, m.site_id),
                site_id: m.site_id.clone(),
                report_id: report.id.clone(),
                time,
                category,
                certainty,
                quote_start: unit.start,
                quote_end: unit.end,
                place_start: m.start,
                place_end: m.end,
                time_text,
            });
        }
    }
    events
}

/// Finer precisions first.
fn precision_rank(p: Precision) -> u8 {
    match p {
        Precision::Minute => 0,
        Precision::Hour => 1,
        Precision::Range => 2,
        Precision::Day => 3,
        Precision::Week => 4,
        Precision::Month => 5,
        Precision::Year => 6,
    }
}

/// Whether a cue only describes the place it precedes through a genitive
/// ("helikopterbasis van Higuerote", "base aérea de La Carlota"): another cue of the clause
/// says what happened there.
fn describes(text: &str, cue: (usize, usize), place: (usize, usize)) -> bool {
    // A cue inside the place's own name ("helikopterbasis van Higuerote").
    if place.0 <= cue.0 && cue.1 <= place.1 {
        return true;
    }
    if cue.1 > place.0 {
        return false;
    }
    // The cue's whole word: a prefix cue inside a compound ("helikopterbasis").
    let word_end = text[cue.1..]
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| cue.1 + i);
    let gap: Vec<String> = crate::text::words(text.get(word_end..place.0).unwrap_or(""))
        .map(|(_, w)| fold(w))
        .collect();
    word_end > cue.1 && gap.len() == 1 && words().genitive.contains(&gap[0])
}

/// Characters between two spans (0 if they overlap).
fn span_distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

/// How many clause boundaries stand between two spans of a sentence: semicolons, colons,
/// dashes, parentheses, and the clause words of every language (`clause_breaks`: "after",
/// "while", "nadat", "tras", "enquanto") and commas before them.
fn clause_gap(text: &str, a: (usize, usize), b: (usize, usize)) -> usize {
    let (from, to) = if a.1 <= b.0 {
        (a.1, b.0)
    } else {
        (b.1, a.0.max(b.1))
    };
    let gap = text.get(from..to).unwrap_or("");
    let marks = gap.matches([';', ':', '—', '–', '(', ')']).count();
    let words = words()
        .clause_breaks
        .iter()
        .filter(|w| {
            crate::text::words(gap)
                .map(|(_, x)| fold(x))
                .any(|x| &x == *w)
        })
        .count();
    marks + words
}

/// The certainty of a unit: the most speculative cue wins; a hedge with a modal verb is
/// hypothetical ("een aanval zou ... kunnen"); an item of a numbered list also takes the
/// cues of the paragraph that introduces the list.
fn certainty_of(
    segs: &[Segment],
    unit: &Unit,
    certainties: &[(usize, usize, Certainty)],
    modals: &[(usize, usize, ())],
) -> Certainty {
    let mut cues = within(certainties, unit);
    if segs[unit.segment].kind == SegmentKind::ListItem
        && let Some(intro) = segs[..unit.segment]
            .iter()
            .rev()
            .find(|s| s.kind != SegmentKind::ListItem)
    {
        cues.extend(in_span(certainties, intro.start, intro.end, hit_span).map(|c| c.2));
    }
    let mut c = cues
        .into_iter()
        .min_by_key(|c| certainty_rank(*c))
        .unwrap_or(Certainty::Confirmed);
    if c == Certainty::Hedged && !within(modals, unit).is_empty() {
        c = Certainty::Hypothetical;
    }
    c
}

/// For a sentence with an event but no place: the places of one of the two previous
/// sentences, if this one points back with "er", "daar", "there", "allí". The place
/// span is the pro-form's.
fn pro_form_places(
    text: &str,
    unit: &Unit,
    recent: &[(usize, Vec<Mention>)],
    u: usize,
) -> Vec<Mention> {
    let w = words();
    let Some((_, prev)) = recent.last().filter(|(i, _)| u - i <= 2) else {
        return Vec::new();
    };
    let piece = &text[unit.start..unit.end];
    let ws: Vec<(usize, String)> = crate::text::words(piece)
        .map(|(i, word)| (i, fold(word)))
        .collect();
    let mut at = None;
    for (k, (i, word)) in ws.iter().enumerate() {
        let existential = k == 0
            || w.there_not_after.contains(&ws[k - 1].1)
            || ws
                .get(k + 1)
                .is_some_and(|(_, next)| w.there_not_before.contains(next));
        if w.there.contains(word) && !existential {
            at = Some((*i, *i + word.len()));
            break;
        }
    }
    let Some((s, e)) = at else { return Vec::new() };
    prev.iter()
        .map(|m| Mention {
            site_id: m.site_id.clone(),
            start: unit.start + s,
            end: unit.start + e,
        })
        .collect()
}

/// The countries of a unit's actors: place mentions in an actor's role and demonyms
/// ("Venezuelan", "estadounidense"; each language's `demonyms` table) before the cue,
/// the first one only.
fn actor_places(
    g: &Gazetteer,
    text: &str,
    folded: &Folded,
    unit: &Unit,
    here: &[&Mention],
    cue: usize,
) -> Vec<Mention> {
    if let Some(m) = here.iter().find(|m| role(text, m) == Role::Actor) {
        return vec![(*m).clone()];
    }
    // The actor is the subject: a demonym before the statement's cue.
    let (fs, fe) = (
        folded.folded_at(unit.start),
        folded.folded_at(cue.max(unit.start)),
    );
    let hay = &folded.text[fs..fe];
    let mut best: Option<(usize, usize, &str)> = None;
    for l in Lang::ALL {
        for (word, site) in &l.lexicon().demonyms {
            let mut from = 0;
            while let Some(at) = hay[from..].find(word.as_str()).map(|a| a + from) {
                from = at + word.len();
                if at_word_bounds(hay, at, at + word.len())
                    && g.get(site).is_some()
                    && best.is_none_or(|(b, _, _)| at < b)
                {
                    best = Some((at, at + word.len(), site.as_str()));
                }
            }
        }
    }
    best.map(|(s, e, site)| {
        let (start, end) = folded.original_span(fs + s, fs + e);
        vec![Mention {
            site_id: site.to_string(),
            start,
            end,
        }]
    })
    .unwrap_or_default()
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
/// president van Colombia"), not a container of another mention in the same unit ("La
/// Carlota in Caracas" is at La Carlota), and points of reference only when nothing else
/// is named. One mention per site.
fn located<'m>(g: &Gazetteer, text: &str, here: &[&'m Mention]) -> Vec<&'m Mention> {
    let roles: Vec<Role> = here.iter().map(|m| role(text, m)).collect();
    let has_place = roles.contains(&Role::Place);
    let mut out: Vec<&Mention> = Vec::new();
    for (m, r) in here.iter().zip(&roles) {
        if *r == Role::Actor || (*r == Role::Reference && has_place) {
            continue;
        }
        let contains_other = here.iter().zip(&roles).any(|(o, orole)| {
            *orole != Role::Actor
                && o.site_id != m.site_id
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

/// A capitalised name after a place preposition that no gazetteer entry matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unresolved {
    pub name: String,
    pub start: usize,
    pub end: usize,
    /// 1-based line in the report.
    pub line: usize,
}

/// The place-like names of a report the gazetteer does not know ("bij Tocorón", "near
/// Puerto Ayacucho"), so a curator sees what is missing instead of losing it silently.
pub fn unresolved(report: &Report, matcher: &Matcher) -> Vec<Unresolved> {
    let text = report.text.as_str();
    let known = matcher.find(text);
    // The report's own language and those mixed into it (embedded posts): not every
    // language, for "en" is "and" in Dutch but "in" in Spanish.
    let own = report.meta.language.lexicon();
    let langs: Vec<Lang> = std::iter::once(report.meta.language)
        .chain(own.mixed_with.iter().filter_map(|c| Lang::parse(c)))
        .collect();
    let preps: Vec<&String> = langs
        .iter()
        .flat_map(|l| l.lexicon().place_prepositions.iter())
        .collect();
    let connectors: Vec<&str> = langs
        .iter()
        .flat_map(|l| l.lexicon().name_connectors.iter().map(String::as_str))
        .collect();
    let ws: Vec<(usize, &str)> = crate::text::words(text).collect();
    let mut out: Vec<Unresolved> = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let after_prep = preps.iter().find_map(|p| {
            let parts: Vec<&str> = p.split_whitespace().collect();
            (k + parts.len() <= ws.len()
                && parts
                    .iter()
                    .enumerate()
                    .all(|(j, q)| fold(ws[k + j].1) == *q))
            .then_some(parts.len())
        });
        let Some(n) = after_prep else {
            k += 1;
            continue;
        };
        let first = k + n;
        let capital = |j: usize| {
            ws.get(j)
                .is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
        };
        if !capital(first) {
            k += 1;
            continue;
        }
        // Capitalised words, allowing lower-case connectors between them ("Puerto de la Cruz").
        let mut last = first;
        let mut j = first + 1;
        while j < ws.len() {
            let gap = &text[ws[j - 1].0 + ws[j - 1].1.len()..ws[j].0];
            if gap.trim() != "" && gap.trim() != "-" {
                break;
            }
            if capital(j) {
                last = j;
            } else if !connectors.contains(&fold(ws[j].1).as_str()) {
                break;
            }
            j += 1;
        }
        let (start, end) = (ws[first].0, ws[last].0 + ws[last].1.len());
        let overlaps = known.iter().any(|m| m.start < end && start < m.end);
        let all_caps = text[start..end]
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if !overlaps && !all_caps && !out.iter().any(|u| u.name == text[start..end]) {
            out.push(Unresolved {
                name: text[start..end].to_string(),
                start,
                end,
                line: 1 + text[..start].matches('\n').count(),
            });
        }
        k = last + 1;
    }
    out
}

/// Extracts every report and returns the events sorted by time, then report order.
pub fn extract_all(reports: &[Report], gazetteer: &Gazetteer) -> Vec<Event> {
    let matcher = Matcher::new(gazetteer);
    let mut events: Vec<Event> = reports
        .iter()
        .flat_map(|r| extract(r, gazetteer, &matcher))
        .collect();
    sort_events(&mut events);
    events
}

/// The order [`extract_all`] returns: by start, then end; stable within a report.
pub fn sort_events(events: &mut [Event]) {
    events.sort_by(|a, b| {
        a.time
            .start
            .cmp(&b.time.start)
            .then(a.time.end.cmp(&b.time.end))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Supplied;

    #[test]
    fn unresolved_names_table() {
        let rows: &[(&str, &[&str])] = &[
            (
                "Explosions were reported near Puerto Inventado and in Caracas.",
                &["Puerto Inventado"],
            ),
            (
                "Troepen werden gezien bij Isla de Aves en in La Carlota.",
                &["Isla de Aves"],
            ),
            (
                "Hubo protestas en Isla de Patos y en Maracaibo.",
                &["Isla de Patos"],
            ),
            ("In Caracas and at Fuerte Tiuna.", &[]),
            ("Protests in the capital, according to CNN.", &[]),
        ];
        let g = Gazetteer::bundled();
        let m = Matcher::new(&g);
        for (text, want) in rows {
            let s = Supplied {
                date: Some(jiff::civil::date(2026, 1, 3)),
                ..Supplied::default()
            };
            let r = Report::from_text("t", "t.txt", text.to_string(), &s)
                .unwrap_or_else(|p| panic!("{p}"));
            let got: Vec<String> = unresolved(&r, &m).into_iter().map(|u| u.name).collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
