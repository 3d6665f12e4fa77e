//! The timeline index: events sorted by start, answering "which events overlap the
//! window ending at t" with binary search, and the slider's domain. Depends on `event`.
use jiff::{SignedDuration, Timestamp};

use crate::event::Event;

/// Events sorted by start time, with the longest duration for bounded searches.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Indices into the caller's event list, sorted by start.
    order: Vec<usize>,
    starts: Vec<Timestamp>,
    ends: Vec<Timestamp>,
    longest: SignedDuration,
}

impl Timeline {
    pub fn new(events: &[Event]) -> Timeline {
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by_key(|i| (events[*i].time.start, events[*i].time.end));
        let starts = order.iter().map(|i| events[*i].time.start).collect();
        let ends: Vec<Timestamp> = order.iter().map(|i| events[*i].time.end).collect();
        let longest = order
            .iter()
            .map(|i| events[*i].time.end.duration_since(events[*i].time.start))
            .max()
            .unwrap_or_default();
        Timeline {
            order,
            starts,
            ends,
            longest,
        }
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
        let from = t.checked_sub(length).unwrap_or(t);
        let hi = self.starts.partition_point(|s| *s <= t);
        let earliest_start = from.checked_sub(self.longest).unwrap_or(Timestamp::MIN);
        let lo = self.starts.partition_point(|s| *s < earliest_start);
        (lo..hi)
            .filter(|k| self.ends[*k] > from)
            .map(|k| self.order[k])
            .collect()
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
    use crate::event::{Category, Certainty, EventTime, Precision};

    fn ev(id: &str, start: &str, end: &str) -> Event {
        let p = |s: &str| s.parse::<Timestamp>().unwrap_or(Timestamp::UNIX_EPOCH);
        Event {
            event_id: id.into(),
            site_id: "s".into(),
            report_id: "r".into(),
            time: EventTime {
                start: p(start),
                end: p(end),
                precision: Precision::Day,
                resolved: String::new(),
            },
            category: Category::Strike,
            certainty: Certainty::Reported,
            quote_start: 0,
            quote_end: 0,
            place_start: 0,
            place_end: 0,
        }
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
}
