//! The event model: what happened where and when, how sure the report is, and the exact
//! words that say so. Depends on `lang` only for names.
use jiff::Timestamp;
use serde::Serialize;

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum!(
    /// What happened. The order is the priority when a sentence has cues for several.
    Category {
        Capture => "capture",
        Strike => "strike",
        Outage => "outage",
        Unrest => "unrest",
        Deployment => "deployment",
        Statement => "statement",
        Other => "other",
    }
);

named_enum!(
    /// How sure the report is. The order is the priority when cues disagree.
    Certainty {
        Hypothetical => "hypothetical",
        Hedged => "hedged",
        Reported => "reported",
        Confirmed => "confirmed",
    }
);

named_enum!(
    /// How precisely the time of an event is known (after ACLED's `time_precision`).
    Precision {
        Minute => "minute",
        Hour => "hour",
        Day => "day",
        Week => "week",
        Month => "month",
        Year => "year",
        Range => "range",
    }
);

/// When an event happened: a UTC interval `[start, end)`, its precision, and a short
/// human explanation of how the time was derived from the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventTime {
    pub start: Timestamp,
    pub end: Timestamp,
    pub precision: Precision,
    pub resolved: String,
}

/// One event at one site, cited by an exact span of its report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub event_id: String,
    pub site_id: String,
    pub report_id: String,
    pub time: EventTime,
    pub category: Category,
    pub certainty: Certainty,
    /// Byte span of the quote in the report text.
    pub quote_start: usize,
    pub quote_end: usize,
    /// Byte span of the place name in the report text (inside the quote).
    pub place_start: usize,
    pub place_end: usize,
    /// Byte span of the time expression the time was read from, when the text has one
    /// (a liveblog entry's clock or the publication date leave it empty).
    pub time_text: Option<(usize, usize)>,
}

/// An event for tests: site `s`, report `report`, the given times (RFC 3339), category and
/// certainty; no text spans.
#[cfg(test)]
pub fn test_event(
    id: &str,
    report: &str,
    start: &str,
    end: &str,
    category: Category,
    certainty: Certainty,
) -> Event {
    let p = |s: &str| s.parse::<Timestamp>().unwrap_or(Timestamp::UNIX_EPOCH);
    Event {
        event_id: id.into(),
        site_id: "s".into(),
        report_id: report.into(),
        time: EventTime {
            start: p(start),
            end: p(end),
            precision: Precision::Day,
            resolved: String::new(),
        },
        category,
        certainty,
        quote_start: 0,
        quote_end: 0,
        place_start: 0,
        place_end: 0,
        time_text: None,
    }
}
