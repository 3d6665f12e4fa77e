//! The timeline index: events sorted by start, answering "which events overlap the
//! window ending at t" with binary search, and the slider's domain. Depends on `event`.
use jiff::{SignedDuration, Timestamp};

use crate::event::{Category, Event};

/// Number of categories: the width of a histogram bin.
pub const CATEGORIES: usize = Category::ALL.len();

/// Events sorted by start time, with the longest duration for bounded searches and the
/// starts of each category for histograms.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Indices into the caller's event list, sorted by start.
    order: Vec<usize>,
    starts: Vec<Timestamp>,
    ends: Vec<Timestamp>,
    longest: SignedDuration,
    /// Sorted starts per category (in `Category::ALL` order) and duration class
    /// (see [`CLASSES`]).
    by_category: Vec<[Vec<Timestamp>; CLASSES.len()]>,
    /// Distinct `[start, end)` ranges of events longer than a minute, with how many
    /// events have each, by start.
    ranges: Vec<(Timestamp, Timestamp, u32)>,
}

/// Duration classes: an event belongs to the first class whose bound its duration does
/// not exceed (minutes, hours, days, weeks, months, longer).
pub const CLASSES: [SignedDuration; 6] = [
    SignedDuration::from_mins(1),
    SignedDuration::from_hours(1),
    SignedDuration::from_hours(24),
    SignedDuration::from_hours(24 * 7),
    SignedDuration::from_hours(24 * 31),
    SignedDuration::MAX,
];

/// The longest duration a histogram with bins of `bin_len` counts: the bound of the
/// largest class that fits in a bin (zero when none does).
pub fn counted_up_to(bin_len: SignedDuration) -> SignedDuration {
    CLASSES
        .iter()
        .copied()
        .filter(|b| *b <= bin_len)
        .max()
        .unwrap_or(SignedDuration::ZERO)
}

fn class_of(d: SignedDuration) -> usize {
    CLASSES
        .iter()
        .position(|b| d <= *b)
        .unwrap_or(CLASSES.len() - 1)
}

impl Timeline {
    pub fn new(events: &[Event]) -> Timeline {
        Timeline::of(events, |_| true)
    }

    /// The index of the events `keep` accepts; indices still refer to `events`.
    pub fn of(events: &[Event], keep: impl Fn(&Event) -> bool) -> Timeline {
        let mut order: Vec<usize> = (0..events.len()).filter(|i| keep(&events[*i])).collect();
        order.sort_by_key(|i| (events[*i].time.start, events[*i].time.end));
        let starts = order.iter().map(|i| events[*i].time.start).collect();
        let ends: Vec<Timestamp> = order.iter().map(|i| events[*i].time.end).collect();
        let longest = order
            .iter()
            .map(|i| events[*i].time.end.duration_since(events[*i].time.start))
            .max()
            .unwrap_or_default();
        let mut by_category: Vec<[Vec<Timestamp>; CLASSES.len()]> =
            (0..CATEGORIES).map(|_| Default::default()).collect();
        let mut ranges: std::collections::BTreeMap<(Timestamp, Timestamp), u32> =
            std::collections::BTreeMap::new();
        for i in &order {
            let t = &events[*i].time;
            let d = t.end.duration_since(t.start);
            by_category[events[*i].category as usize][class_of(d)].push(t.start);
            if d > CLASSES[0] {
                *ranges.entry((t.start, t.end)).or_default() += 1;
            }
        }
        let ranges = ranges.into_iter().map(|((a, b), n)| (a, b, n)).collect();
        Timeline {
            order,
            starts,
            ends,
            longest,
            by_category,
            ranges,
        }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Earliest start and latest start: the slider's domain (Home and End).
    pub fn domain(&self) -> Option<(Timestamp, Timestamp)> {
        Some((*self.starts.first()?, *self.starts.last()?))
    }

    /// Indices of the events that overlap the window `(t - length, t]`: an event
    /// `[start, end)` counts if it started by `t` and had not ended by `t - length`.
    ///
    /// ```
    /// use vigia::{bundle, extract::extract_all, timeline::Timeline};
    /// let events = extract_all(&bundle::reports().unwrap(), &bundle::gazetteer());
    /// let tl = Timeline::new(&events);
    /// let (first, _) = tl.domain().unwrap();
    /// assert!(!tl.window(first, jiff::SignedDuration::from_hours(24)).is_empty());
    /// ```
    pub fn window(&self, t: Timestamp, length: SignedDuration) -> Vec<usize> {
        let (from, lo, hi) = self.candidates(t, length);
        (lo..hi)
            .filter(|k| self.ends[*k] > from)
            .map(|k| self.order[k])
            .collect()
    }

    /// The window's start and the sorted positions `lo..hi` that may overlap `(t - length,
    /// t]`: started by `t`, and not before the window's start minus the longest event.
    fn candidates(&self, t: Timestamp, length: SignedDuration) -> (Timestamp, usize, usize) {
        let from = t.checked_sub(length).unwrap_or(t);
        let hi = self.starts.partition_point(|s| *s <= t);
        let earliest_start = from.checked_sub(self.longest).unwrap_or(Timestamp::MIN);
        let lo = self.starts.partition_point(|s| *s < earliest_start);
        (from, lo, hi)
    }

    /// Indices of the events that started by `t` (the cumulative view), oldest first.
    pub fn until(&self, t: Timestamp) -> Vec<usize> {
        let hi = self.starts.partition_point(|s| *s <= t);
        self.order[..hi].to_vec()
    }

    /// How many events overlap the window `(t - length, t]` (as [`Timeline::window`]).
    pub fn count_window(&self, t: Timestamp, length: SignedDuration) -> usize {
        let (from, lo, hi) = self.candidates(t, length);
        // Events that started at or after `from` surely overlap; earlier ones only if
        // they last past `from`.
        let certain = self.starts.partition_point(|s| *s < from).max(lo);
        (hi - certain.min(hi))
            + (lo..certain.min(hi))
                .filter(|k| self.ends[*k] > from)
                .count()
    }

    /// Events per bin and category by start time: `bins` equal bins over `[from, to)`,
    /// each an array in `Category::ALL` order. Only events no longer than a bin count
    /// (an event known only to the week is not a spike on one hour); the longer ones are
    /// [`Timeline::ranges_over`]. Costs a few binary searches per bin and category,
    /// whatever the number of events.
    pub fn histogram(&self, from: Timestamp, to: Timestamp, bins: usize) -> Vec<[u32; CATEGORIES]> {
        let mut out = vec![[0u32; CATEGORIES]; bins];
        if bins == 0 || to <= from {
            return out;
        }
        let span = to.as_nanosecond() - from.as_nanosecond();
        let edge = |k: usize| {
            let ns = from.as_nanosecond() + span * k as i128 / bins as i128;
            Timestamp::from_nanosecond(ns).unwrap_or(to)
        };
        let edges: Vec<Timestamp> = (0..=bins).map(edge).collect();
        let bin_len = SignedDuration::from_nanos_i128(span / bins as i128);
        for (c, classes) in self.by_category.iter().enumerate() {
            for (class, starts) in classes.iter().enumerate() {
                if starts.is_empty() || CLASSES[class] > bin_len {
                    continue;
                }
                let mut below = starts.partition_point(|s| *s < edges[0]);
                for (k, bin) in out.iter_mut().enumerate() {
                    let upto = starts.partition_point(|s| *s < edges[k + 1]);
                    bin[c] += (upto - below) as u32;
                    below = upto;
                }
            }
        }
        out
    }

    /// The distinct ranges that overlap `[from, to)` and are too long for a histogram
    /// bin of `bin_len` (see [`counted_up_to`]), with the number of events on each: what
    /// [`Timeline::histogram`] leaves out at that bin size.
    pub fn ranges_over(
        &self,
        from: Timestamp,
        to: Timestamp,
        bin_len: SignedDuration,
    ) -> Vec<(Timestamp, Timestamp, u32)> {
        let longer_than = counted_up_to(bin_len);
        let hi = self.ranges.partition_point(|r| r.0 < to);
        self.ranges[..hi]
            .iter()
            .filter(|r| r.1 > from && r.1.duration_since(r.0) > longer_than)
            .copied()
            .collect()
    }

    /// The end of the window of length `len` holding the most events (by start), and how
    /// many: one pass over the sorted starts.
    pub fn densest(&self, len: SignedDuration) -> Option<(Timestamp, usize)> {
        let mut best: Option<(Timestamp, usize)> = None;
        let mut lo = 0;
        for (hi, t) in self.starts.iter().enumerate() {
            let from = t.checked_sub(len).unwrap_or(Timestamp::MIN);
            while self.starts[lo] <= from {
                lo += 1;
            }
            let n = hi + 1 - lo;
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((*t, n));
            }
        }
        best
    }

    /// The start of the next event after `t`, if any.
    pub fn next_after(&self, t: Timestamp) -> Option<Timestamp> {
        self.starts
            .get(self.starts.partition_point(|s| *s <= t))
            .copied()
    }

    /// The start of the last event before `t`, if any.
    pub fn previous_before(&self, t: Timestamp) -> Option<Timestamp> {
        let k = self.starts.partition_point(|s| *s < t);
        k.checked_sub(1).map(|k| self.starts[k])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Category, Certainty};

    fn ev(id: &str, start: &str, end: &str) -> Event {
        ev_cat(id, start, end, Category::Strike)
    }

    fn ev_cat(id: &str, start: &str, end: &str, category: Category) -> Event {
        crate::event::test_event(id, "r", start, end, category, Certainty::Reported)
    }

    #[test]
    fn a_filtered_index_answers_with_indices_into_all_events() {
        let events = vec![
            ev_cat(
                "strike",
                "2026-01-03T07:21:00Z",
                "2026-01-03T07:22:00Z",
                Category::Strike,
            ),
            ev_cat(
                "unrest",
                "2019-04-30T10:00:00Z",
                "2019-04-30T11:00:00Z",
                Category::Unrest,
            ),
            ev_cat(
                "unrest2",
                "2019-04-30T12:00:00Z",
                "2019-04-30T13:00:00Z",
                Category::Unrest,
            ),
        ];
        let tl = Timeline::of(&events, |e| e.category == Category::Unrest);
        assert_eq!(tl.len(), 2);
        let day = SignedDuration::from_hours(24);
        let t = |s: &str| s.parse::<Timestamp>().unwrap_or(Timestamp::UNIX_EPOCH);
        let mut got = tl.window(t("2019-04-30T23:00:00Z"), day);
        got.sort();
        assert_eq!(got, [1, 2]);
        assert!(tl.window(t("2026-01-03T08:00:00Z"), day).is_empty());
        assert_eq!(
            tl.domain().map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("2019-04-30T10:00:00Z".into(), "2019-04-30T12:00:00Z".into()))
        );
        let bins = tl.histogram(t("2019-04-30T00:00:00Z"), t("2026-01-04T00:00:00Z"), 1);
        assert_eq!(bins[0].iter().sum::<u32>(), 2);
    }

    #[test]
    fn window_table() {
        let events = vec![
            ev("minute", "2026-01-03T07:21:00Z", "2026-01-03T07:22:00Z"),
            ev("day", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"),
            ev("range", "2025-09-02T00:00:00Z", "2025-12-01T00:00:00Z"),
            ev("old", "2019-04-30T00:00:00Z", "2019-05-01T00:00:00Z"),
        ];
        let tl = Timeline::new(&events);
        let day = SignedDuration::from_hours(24);
        let rows: &[(&str, &str, &[&str])] = &[
            ("before minute event", "2026-01-03T07:00:00Z", &["day"]),
            (
                "at minute event",
                "2026-01-03T07:21:00Z",
                &["day", "minute"],
            ),
            (
                "a day after the day event began",
                "2026-01-04T12:00:00Z",
                &["day"],
            ),
            ("inside the range", "2025-10-15T00:00:00Z", &["range"]),
            ("first event's start", "2019-04-30T00:00:00Z", &["old"]),
            ("nothing", "2022-01-01T00:00:00Z", &[]),
        ];
        for (name, t, want) in rows {
            let t: Timestamp = t.parse().unwrap_or(Timestamp::UNIX_EPOCH);
            let mut got: Vec<&str> = tl
                .window(t, day)
                .into_iter()
                .map(|i| events[i].event_id.as_str())
                .collect();
            got.sort();
            assert_eq!(got, *want, "{name}");
        }
        let (first, last) = tl.domain().unwrap_or((Timestamp::MIN, Timestamp::MIN));
        assert_eq!(first.to_string(), "2019-04-30T00:00:00Z");
        assert_eq!(last.to_string(), "2026-01-03T07:21:00Z");
        assert_eq!(
            tl.next_after(first).map(|t| t.to_string()).as_deref(),
            Some("2025-09-02T00:00:00Z")
        );
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn cumulative_and_counts_table() {
        let events = vec![
            ev("a", "2019-04-30T10:00:00Z", "2019-04-30T11:00:00Z"),
            ev("b", "2025-09-02T00:00:00Z", "2025-12-01T00:00:00Z"),
            ev("c", "2026-01-03T06:00:00Z", "2026-01-03T06:01:00Z"),
            ev("d", "2026-01-03T06:00:00Z", "2026-01-04T00:00:00Z"),
        ];
        let tl = Timeline::new(&events);
        let rows: &[(&str, &[&str])] = &[
            ("2019-04-30T09:59:00Z", &[]),
            ("2019-04-30T10:00:00Z", &["a"]),
            ("2025-10-01T00:00:00Z", &["a", "b"]),
            ("2026-01-03T06:00:00Z", &["a", "b", "c", "d"]),
        ];
        for (t, want) in rows {
            let got: Vec<&str> = tl
                .until(ts(t))
                .into_iter()
                .map(|i| events[i].event_id.as_str())
                .collect();
            assert_eq!(got, *want, "until {t}");
        }
        // The count agrees with the window's list at every edge and in between.
        for len_h in [1, 24, 24 * 7, 24 * 365] {
            let len = SignedDuration::from_hours(len_h);
            for e in &events {
                for t in [
                    e.time.start,
                    e.time.end,
                    e.time.start - SignedDuration::from_secs(1),
                ] {
                    assert_eq!(
                        tl.count_window(t, len),
                        tl.window(t, len).len(),
                        "{t} {len_h} h"
                    );
                }
            }
        }
    }

    #[test]
    fn histogram_bins_table() {
        let events = vec![
            ev_cat(
                "s1",
                "2026-01-03T00:10:00Z",
                "2026-01-03T00:11:00Z",
                Category::Strike,
            ),
            ev_cat(
                "s2",
                "2026-01-03T00:59:00Z",
                "2026-01-03T01:00:00Z",
                Category::Strike,
            ),
            ev_cat(
                "d1",
                "2026-01-03T01:00:00Z",
                "2026-01-03T01:01:00Z",
                Category::Deployment,
            ),
            ev_cat(
                "o1",
                "2026-01-03T03:30:00Z",
                "2026-01-03T03:31:00Z",
                Category::Outage,
            ),
            ev_cat(
                "late",
                "2026-01-03T04:00:00Z",
                "2026-01-03T04:01:00Z",
                Category::Strike,
            ),
            ev_cat(
                "early",
                "2026-01-02T23:59:59Z",
                "2026-01-03T00:00:00Z",
                Category::Strike,
            ),
        ];
        let tl = Timeline::new(&events);
        // Four hourly bins over [00:00, 04:00): an event on an edge counts in the later bin;
        // events outside the span count nowhere.
        let h = tl.histogram(ts("2026-01-03T00:00:00Z"), ts("2026-01-03T04:00:00Z"), 4);
        let strike = Category::Strike as usize;
        let deployment = Category::Deployment as usize;
        let outage = Category::Outage as usize;
        let rows: &[(usize, usize, u32)] = &[
            (0, strike, 2),
            (1, strike, 0),
            (1, deployment, 1),
            (3, outage, 1),
            (3, strike, 0),
        ];
        for (bin, cat, want) in rows {
            assert_eq!(h[*bin][*cat], *want, "bin {bin} category {cat}");
        }
        let total: u32 = h.iter().flatten().sum();
        assert_eq!(total, 4);
        assert!(
            tl.histogram(ts("2026-01-03T04:00:00Z"), ts("2026-01-03T00:00:00Z"), 4)
                .iter()
                .flatten()
                .all(|n| *n == 0)
        );
    }

    #[test]
    fn uncertain_events_are_ranges_not_spikes_and_the_densest_moment() {
        let events = vec![
            ev("minute", "2026-01-03T06:00:00Z", "2026-01-03T06:01:00Z"),
            ev("day", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"),
            ev("day too", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"),
            ev("week", "2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z"),
            ev("early", "2025-09-01T10:00:00Z", "2025-09-01T10:01:00Z"),
        ];
        let tl = Timeline::new(&events);
        let (from, to) = (ts("2026-01-03T00:00:00Z"), ts("2026-01-04T00:00:00Z"));
        // (bins over the day, events counted in bars, ranges drawn as bands)
        let rows: &[(usize, u32, &[(&str, &str, u32)])] = &[
            // Hourly bins: only the minute event is a bar; the day and week are bands.
            (
                24,
                1,
                &[
                    ("2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z", 1),
                    ("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", 2),
                ],
            ),
            // One bin of a day: the day events count too; only the week is a band.
            (1, 3, &[("2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z", 1)]),
        ];
        for (bins, bars, bands) in rows {
            let h = tl.histogram(from, to, *bins);
            let total: u32 = h.iter().flatten().sum();
            assert_eq!(total, *bars, "{bins} bins");
            let bin_len = SignedDuration::from_hours(24 / *bins as i64);
            let got: Vec<(String, String, u32)> = tl
                .ranges_over(from, to, bin_len)
                .into_iter()
                .map(|(a, b, n)| (a.to_string(), b.to_string(), n))
                .collect();
            let want: Vec<(String, String, u32)> = bands
                .iter()
                .map(|(a, b, n)| (a.to_string(), b.to_string(), *n))
                .collect();
            assert_eq!(got, want, "{bins} bins");
        }
        // By start: the densest hour is the midnight of 3 January, where both day events
        // start; the densest week ends at the minute event.
        assert_eq!(
            tl.densest(SignedDuration::from_hours(1)),
            Some((ts("2026-01-03T00:00:00Z"), 2))
        );
        assert_eq!(
            tl.densest(SignedDuration::from_hours(24 * 7)),
            Some((ts("2026-01-03T06:00:00Z"), 4))
        );
    }
}
