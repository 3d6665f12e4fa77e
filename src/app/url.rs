//! The view in the URL: time, window, mode, zone, selected site, map view (and, with
//! them, anything later added) as a `#` fragment such as
//! `#t=2026-01-03T07:21Z&w=day&m=window&z=caracas&s=fuerte-tiuna&v=-66.91,10.47,9.50`.
//! Reading is lenient: an unknown or broken field is ignored, the rest still applies.
use jiff::Timestamp;
use vigia::filter::Filter;

/// How long the window before the slider time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WindowLen {
    Hour,
    #[default]
    Day,
    Week,
    Month,
    /// Everything up to the slider time.
    All,
}

impl WindowLen {
    pub const ALL: [WindowLen; 5] = [
        WindowLen::Hour,
        WindowLen::Day,
        WindowLen::Week,
        WindowLen::Month,
        WindowLen::All,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WindowLen::Hour => "hour",
            WindowLen::Day => "day",
            WindowLen::Week => "week",
            WindowLen::Month => "month",
            WindowLen::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<WindowLen> {
        WindowLen::ALL.into_iter().find(|w| w.as_str() == s)
    }

    pub fn duration(self) -> jiff::SignedDuration {
        let h = match self {
            WindowLen::Hour => 1,
            WindowLen::Day => 24,
            WindowLen::Week => 24 * 7,
            WindowLen::Month => 24 * 30,
            // Longer than any corpus: a century.
            WindowLen::All => 24 * 36_525,
        };
        jiff::SignedDuration::from_hours(h)
    }
}

/// Which events the map shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Only events in the window.
    #[default]
    Window,
    /// Every event up to the slider time; those before the window faded.
    Cumulative,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Window => "window",
            Mode::Cumulative => "cumulative",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        [Mode::Window, Mode::Cumulative]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// The zone times are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    #[default]
    Utc,
    /// Venezuela: America/Caracas.
    Caracas,
    /// The viewer's own zone, as the browser reports it.
    Viewer,
}

impl Zone {
    pub const ALL: [Zone; 3] = [Zone::Utc, Zone::Caracas, Zone::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Utc => "utc",
            Zone::Caracas => "caracas",
            Zone::Viewer => "local",
        }
    }

    pub fn parse(s: &str) -> Option<Zone> {
        Zone::ALL.into_iter().find(|z| z.as_str() == s)
    }
}

/// Everything the URL carries. `None` fields were absent (or unreadable).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UrlState {
    pub time: Option<Timestamp>,
    pub window: Option<WindowLen>,
    pub mode: Option<Mode>,
    pub zone: Option<Zone>,
    pub site: Option<String>,
    /// Map centre (lon, lat) and zoom.
    pub view: Option<(f64, f64, f64)>,
    /// Absent filter fields: no filter.
    pub filter: Filter,
}

/// Percent-encodes what is not safe in a fragment value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.:,".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn unescape(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl UrlState {
    /// The fragment without `#`.
    pub fn encode(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.time {
            parts.push(format!("t={}", t.strftime("%Y-%m-%dT%H:%MZ")));
        }
        if let Some(w) = self.window {
            parts.push(format!("w={}", w.as_str()));
        }
        if let Some(m) = self.mode {
            parts.push(format!("m={}", m.as_str()));
        }
        if let Some(z) = self.zone {
            parts.push(format!("z={}", z.as_str()));
        }
        if let Some(s) = &self.site {
            parts.push(format!("s={}", escape(s)));
        }
        if let Some((lon, lat, zoom)) = self.view {
            parts.push(format!("v={lon:.4},{lat:.4},{zoom:.2}"));
        }
        for (k, values) in self.filter.fields() {
            // Commas separate values; one inside a value is escaped.
            let v: Vec<String> = values
                .iter()
                .map(|v| escape(v).replace(',', "%2C"))
                .collect();
            parts.push(format!("{k}={}", v.join(",")));
        }
        parts.join("&")
    }

    /// Reads a fragment (with or without `#`).
    pub fn decode(fragment: &str) -> UrlState {
        let mut s = UrlState::default();
        for pair in fragment.trim_start_matches('#').split('&') {
            let Some((k, v)) = pair.split_once('=') else {
                continue;
            };
            match k {
                "t" => {
                    // Minutes written without seconds: "2026-01-03T07:21Z".
                    let full = if v.len() == 17 && v.ends_with('Z') {
                        format!("{}:00Z", &v[..16])
                    } else {
                        v.to_string()
                    };
                    s.time = full.parse().ok();
                }
                "w" => s.window = WindowLen::parse(v),
                "m" => s.mode = Mode::parse(v),
                "z" => s.zone = Zone::parse(v),
                "s" => s.site = unescape(v).filter(|id| !id.is_empty()),
                "v" => {
                    let n: Vec<f64> = v.split(',').filter_map(|x| x.parse().ok()).collect();
                    if let [lon, lat, zoom] = n[..]
                        && lon.is_finite()
                        && lat.is_finite()
                        && zoom.is_finite()
                    {
                        s.view = Some((lon, lat, zoom));
                    }
                }
                k => {
                    let values: Vec<String> = v.split(',').filter_map(unescape).collect();
                    s.filter.read_field(k, &values);
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> vigia::Lang {
        vigia::Lang::parse(code).expect("a language file")
    }

    #[test]
    fn round_trip_and_lenient_reading() {
        let full = UrlState {
            time: "2026-01-03T07:21:00Z".parse().ok(),
            window: Some(WindowLen::Week),
            mode: Some(Mode::Cumulative),
            zone: Some(Zone::Caracas),
            site: Some("fuerte-tiuna".into()),
            view: Some((-66.9123, 10.4701, 9.5)),
            filter: Filter {
                categories: [vigia::Category::Unrest, vigia::Category::Strike].into(),
                languages: [lang("es")].into(),
                reports: ["a,b c".to_string(), "000".to_string()].into(),
                ..Filter::default()
            },
        };
        let text = full.encode();
        assert_eq!(
            text,
            "t=2026-01-03T07:21Z&w=week&m=cumulative&z=caracas&s=fuerte-tiuna&v=-66.9123,10.4701,9.50\
             &cat=strike,unrest&lang=es&rep=000,a%2Cb%20c"
        );
        assert_eq!(UrlState::decode(&format!("#{text}")), full);

        let rows: &[(&str, UrlState)] = &[
            ("", UrlState::default()),
            (
                "t=yesterday&w=day&zzz=1&v=1,2",
                UrlState {
                    window: Some(WindowLen::Day),
                    ..UrlState::default()
                },
            ),
            (
                "s=a%20b&m=nonsense&v=NaN,1,2",
                UrlState {
                    site: Some("a b".into()),
                    ..UrlState::default()
                },
            ),
            (
                "s=%ZZ&z=local",
                UrlState {
                    zone: Some(Zone::Viewer),
                    ..UrlState::default()
                },
            ),
        ];
        for (text, want) in rows {
            assert_eq!(UrlState::decode(text), *want, "{text}");
        }
    }
}
