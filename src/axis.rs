//! The time axis: which span of time the timeline shows, zooming it around a moment, and
//! tick marks whose unit adapts to the span (years down to minutes), placed on the
//! calendar of a chosen time zone. Depends on jiff only.
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan, Unit, Zoned};

/// A span of time shown across the timeline, `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    pub from: Timestamp,
    pub to: Timestamp,
}

/// The shortest span the axis zooms to.
pub const MIN_SPAN: SignedDuration = SignedDuration::from_mins(30);

impl Axis {
    /// The axis over a data domain, padded by 2 % on each side (and at least an hour) so
    /// the first and last events do not sit on the edges.
    pub fn over(first: Timestamp, last: Timestamp) -> Axis {
        let span = last.duration_since(first);
        let pad = (span / 50).max(SignedDuration::from_hours(1));
        Axis {
            from: first.checked_sub(pad).unwrap_or(first),
            to: last.checked_add(pad).unwrap_or(last),
        }
    }

    pub fn span(&self) -> SignedDuration {
        self.to.duration_since(self.from)
    }

    /// Position of `t` across the axis, 0 at `from` and 1 at `to` (outside if outside).
    pub fn fraction(&self, t: Timestamp) -> f64 {
        let span = self.span().as_secs_f64();
        if span <= 0.0 {
            return 0.0;
        }
        t.duration_since(self.from).as_secs_f64() / span
    }

    /// The moment at a fraction across the axis.
    pub fn at(&self, fraction: f64) -> Timestamp {
        let secs = self.span().as_secs_f64() * fraction;
        self.from
            .checked_add(SignedDuration::from_secs_f64(secs))
            .unwrap_or(self.to)
    }

    /// Zooms by `factor` (2 = twice as detailed) keeping `around` at the same place,
    /// never narrower than [`MIN_SPAN`] nor wider than `limit`.
    pub fn zoom(&self, factor: f64, around: Timestamp, limit: Axis) -> Axis {
        let f = self.fraction(around).clamp(0.0, 1.0);
        let old = self.span().as_secs_f64();
        let new = (old / factor.max(1e-6))
            .max(MIN_SPAN.as_secs_f64())
            .min(limit.span().as_secs_f64());
        let from = around
            .checked_sub(SignedDuration::from_secs_f64(new * f))
            .unwrap_or(around);
        Axis {
            from,
            to: from
                .checked_add(SignedDuration::from_secs_f64(new))
                .unwrap_or(limit.to),
        }
        .within(limit)
    }

    /// The same span with `t` in the middle, slid inside `limit`.
    pub fn centered_on(self, t: Timestamp, limit: Axis) -> Axis {
        let span = self.span();
        let from = t.checked_sub(span / 2).unwrap_or(t);
        Axis {
            from,
            to: from.checked_add(span).unwrap_or(limit.to),
        }
        .within(limit)
    }

    /// Slides the axis to lie inside `limit` when it is not wider.
    pub fn within(self, limit: Axis) -> Axis {
        let span = self.span();
        if span >= limit.span() {
            return limit;
        }
        if self.from < limit.from {
            return Axis {
                from: limit.from,
                to: limit.from.checked_add(span).unwrap_or(limit.to),
            };
        }
        if self.to > limit.to {
            return Axis {
                from: limit.to.checked_sub(span).unwrap_or(limit.from),
                to: limit.to,
            };
        }
        self
    }
}

/// The unit between two ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickUnit {
    Years(i16),
    Months(i8),
    Days(i8),
    Hours(i8),
    Minutes(i8),
}

/// A tick: where, and its label in the axis's zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub at: Timestamp,
    pub label: String,
    /// A tick that starts a larger unit (a new year on a month axis, a new day on an
    /// hour axis) is labelled with it and drawn stronger.
    pub major: bool,
}

/// Candidate units from fine to coarse with their rough length.
const UNITS: &[(TickUnit, i64)] = &[
    (TickUnit::Minutes(1), 60),
    (TickUnit::Minutes(5), 300),
    (TickUnit::Minutes(15), 900),
    (TickUnit::Minutes(30), 1800),
    (TickUnit::Hours(1), 3600),
    (TickUnit::Hours(3), 3 * 3600),
    (TickUnit::Hours(6), 6 * 3600),
    (TickUnit::Hours(12), 12 * 3600),
    (TickUnit::Days(1), 86_400),
    (TickUnit::Days(2), 2 * 86_400),
    (TickUnit::Days(7), 7 * 86_400),
    (TickUnit::Months(1), 30 * 86_400),
    (TickUnit::Months(3), 91 * 86_400),
    (TickUnit::Months(6), 182 * 86_400),
    (TickUnit::Years(1), 365 * 86_400),
    (TickUnit::Years(2), 2 * 365 * 86_400),
    (TickUnit::Years(5), 5 * 365 * 86_400),
    (TickUnit::Years(10), 10 * 365 * 86_400),
];

/// The finest unit that leaves at most `max_ticks` ticks on the axis.
pub fn tick_unit(axis: &Axis, max_ticks: usize) -> TickUnit {
    let span = axis.span().as_secs().max(1);
    UNITS
        .iter()
        .find(|(_, secs)| span / secs <= max_ticks as i64)
        .map_or(TickUnit::Years(10), |(u, _)| *u)
}

/// Ticks on the calendar of `tz`: at most about `max_ticks`, on round units (midnights,
/// first days of months, 1 January), labelled for the unit.
pub fn ticks(axis: &Axis, tz: &TimeZone, max_ticks: usize) -> Vec<Tick> {
    let unit = tick_unit(axis, max_ticks.max(2));
    let start = axis.from.to_zoned(tz.clone());
    let Some(mut cursor) = first_tick(&start, unit) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut guard = 0;
    while cursor.timestamp() < axis.to && guard < 1000 {
        guard += 1;
        if cursor.timestamp() >= axis.from {
            out.push(label(&cursor, unit));
        }
        let next = match unit {
            TickUnit::Years(n) => cursor.checked_add(i64::from(n).years()),
            TickUnit::Months(n) => cursor.checked_add(i64::from(n).months()),
            TickUnit::Days(n) => cursor.checked_add(i64::from(n).days()),
            TickUnit::Hours(n) => cursor.checked_add(i64::from(n).hours()),
            TickUnit::Minutes(n) => cursor.checked_add(i64::from(n).minutes()),
        };
        match next {
            Ok(n) if n.timestamp() > cursor.timestamp() => cursor = n,
            _ => break,
        }
    }
    out
}

/// The first round instant of `unit` at or before `start`, in its zone.
fn first_tick(start: &Zoned, unit: TickUnit) -> Option<Zoned> {
    let d = start.date();
    let civil: DateTime = match unit {
        TickUnit::Years(n) => {
            let y = d.year() - d.year().rem_euclid(n);
            Date::new(y, 1, 1)
                .ok()?
                .to_datetime(jiff::civil::Time::midnight())
        }
        TickUnit::Months(n) => {
            let m0 = (d.month() - 1) - (d.month() - 1).rem_euclid(n);
            Date::new(d.year(), m0 + 1, 1)
                .ok()?
                .to_datetime(jiff::civil::Time::midnight())
        }
        TickUnit::Days(7) => {
            // Weeks start on Monday.
            let back = i64::from(d.weekday().to_monday_zero_offset());
            d.checked_sub(back.days())
                .ok()?
                .to_datetime(jiff::civil::Time::midnight())
        }
        TickUnit::Days(_) => d.to_datetime(jiff::civil::Time::midnight()),
        TickUnit::Hours(n) => {
            let h = start.hour() - start.hour().rem_euclid(n);
            d.to_datetime(jiff::civil::Time::new(h, 0, 0, 0).ok()?)
        }
        TickUnit::Minutes(n) => {
            let m = start.minute() - start.minute().rem_euclid(n);
            d.to_datetime(jiff::civil::Time::new(start.hour(), m, 0, 0).ok()?)
        }
    };
    civil.to_zoned(start.time_zone().clone()).ok()
}

fn label(z: &Zoned, unit: TickUnit) -> Tick {
    let midnight = z.hour() == 0 && z.minute() == 0;
    let (label, major) = match unit {
        TickUnit::Years(_) => (z.strftime("%Y").to_string(), true),
        TickUnit::Months(_) if z.month() == 1 => (z.strftime("%Y").to_string(), true),
        TickUnit::Months(_) => (z.strftime("%b").to_string(), false),
        TickUnit::Days(_) if z.day() == 1 => (z.strftime("%b %Y").to_string(), true),
        TickUnit::Days(_) => (z.strftime("%-d %b").to_string(), false),
        TickUnit::Hours(_) | TickUnit::Minutes(_) if midnight => {
            (z.strftime("%-d %b").to_string(), true)
        }
        TickUnit::Hours(_) | TickUnit::Minutes(_) => (z.strftime("%H:%M").to_string(), false),
    };
    Tick {
        at: z.timestamp(),
        label,
        major,
    }
}

/// Rounds down to whole minutes (the slider's step).
pub fn floor_minute(t: Timestamp) -> Timestamp {
    t.round(
        jiff::TimestampRound::new()
            .smallest(Unit::Minute)
            .mode(jiff::RoundMode::Floor),
    )
    .unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn axis(a: &str, b: &str) -> Axis {
        Axis {
            from: ts(a),
            to: ts(b),
        }
    }

    #[test]
    fn units_adapt_from_years_to_minutes() {
        let rows: &[(&str, &str, TickUnit)] = &[
            (
                "2019-01-01T00:00:00Z",
                "2026-03-01T00:00:00Z",
                TickUnit::Years(1),
            ),
            (
                "2025-08-01T00:00:00Z",
                "2026-02-01T00:00:00Z",
                TickUnit::Months(1),
            ),
            (
                "2025-12-28T00:00:00Z",
                "2026-01-07T00:00:00Z",
                TickUnit::Days(1),
            ),
            (
                "2026-01-03T00:00:00Z",
                "2026-01-03T12:00:00Z",
                TickUnit::Hours(1),
            ),
            (
                "2026-01-03T06:00:00Z",
                "2026-01-03T06:30:00Z",
                TickUnit::Minutes(5),
            ),
            (
                "2026-01-03T06:00:00Z",
                "2026-01-03T06:08:00Z",
                TickUnit::Minutes(1),
            ),
        ];
        for (a, b, want) in rows {
            assert_eq!(tick_unit(&axis(a, b), 12), *want, "{a} .. {b}");
        }
    }

    #[test]
    fn ticks_fall_on_the_zone_calendar() {
        let caracas = TimeZone::get("America/Caracas").unwrap_or(TimeZone::UTC);
        // A day axis: ticks at Caracas midnights (04:00 UTC).
        let t = ticks(
            &axis("2026-01-01T00:00:00Z", "2026-01-05T00:00:00Z"),
            &caracas,
            5,
        );
        assert!(t.len() >= 3);
        assert!(
            t.iter().all(|k| k.at.to_string().ends_with("T04:00:00Z")),
            "{t:?}"
        );
        assert_eq!(
            (t[0].label.as_str(), t[1].label.as_str()),
            ("Jan 2026", "2 Jan")
        );
        // The same span in UTC: midnights UTC.
        let u = ticks(
            &axis("2026-01-01T00:00:00Z", "2026-01-05T00:00:00Z"),
            &TimeZone::UTC,
            5,
        );
        assert_eq!(u[0].at, ts("2026-01-01T00:00:00Z"));
        // Minutes on the night of 3 January, labelled by clock.
        let m = ticks(
            &axis("2026-01-03T06:00:00Z", "2026-01-03T06:10:00Z"),
            &TimeZone::UTC,
            12,
        );
        let labels: Vec<&str> = m.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(labels[..3], ["06:00", "06:01", "06:02"]);
        // Years: each 1 January.
        let y = ticks(
            &axis("2019-03-01T00:00:00Z", "2026-03-01T00:00:00Z"),
            &TimeZone::UTC,
            10,
        );
        let years: Vec<&str> = y.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(
            years,
            ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]
        );
    }

    #[test]
    fn zoom_keeps_the_moment_in_place_and_stays_in_bounds() {
        let all = axis("2019-04-01T00:00:00Z", "2026-02-01T00:00:00Z");
        let at = ts("2026-01-03T06:00:00Z");
        let z = all.zoom(1000.0, at, all);
        assert!((z.fraction(at) - all.fraction(at)).abs() < 1e-6 || z.to == all.to);
        assert!(z.span() < all.span() / 900);
        // Far in: never below the minimum span.
        let deep = (0..40).fold(all, |a, _| a.zoom(4.0, at, all));
        assert_eq!(deep.span(), MIN_SPAN);
        assert!(deep.from <= at && at < deep.to);
        // Out again: never wider than the limit.
        assert_eq!(deep.zoom(1e-9, at, all), all);
        // At the edge it slides inside.
        let edge = all.zoom(10.0, all.to, all);
        assert_eq!(edge.to, all.to);
        // Centred on a moment: the moment in the middle, unless the edge is nearer.
        let c = z.centered_on(at, all);
        assert!((c.fraction(at) - 0.5).abs() < 1e-6);
        assert_eq!(z.centered_on(all.to, all).to, all.to);
    }
}
