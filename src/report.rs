//! A report: its text and metadata (title, language, publication date and whether the
//! text or an editor gave that date). Reads the optional ` date YYYY-MM-DD <headline>`
//! first line and the TOML sidecar of bundled reports. Depends on `lang`.
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::Problem;
use crate::lang::{self, Lang};

/// Who supplied the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The report text states it.
    Text,
    /// An editor supplied it (sidecar or `--date`); shown as such.
    Editor,
}

/// Report metadata.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportMeta {
    pub title: String,
    pub language: Lang,
    pub published: Date,
    pub date_source: DateSource,
    /// IANA zone of bare clock times written by the publisher (liveblog entries).
    pub publisher_tz: String,
    pub source: String,
    pub note: String,
    /// What kind of piece it is (`wire`, `liveblog`, `factcheck`, …), if the sidecar says.
    pub shape: String,
    /// Where the report was published or what it was written from, if the sidecar says.
    pub url: String,
    pub licence: String,
}

/// A report with its metadata.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub id: String,
    pub text: String,
    pub meta: ReportMeta,
    /// Byte span of the headline in `text`, if the first line is a date line.
    pub headline: Option<(usize, usize)>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    title: Option<String>,
    language: Option<String>,
    published: Option<String>,
    date_source: Option<DateSource>,
    publisher_tz: Option<String>,
    source: Option<String>,
    note: Option<String>,
    shape: Option<String>,
    url: Option<String>,
    licence: Option<String>,
    /// The public reporting a written report's facts come from.
    basis: Option<Vec<String>>,
}

/// What the caller knows beyond the text: the sidecar and command-line defaults.
#[derive(Debug, Clone, Default)]
pub struct Supplied<'a> {
    pub sidecar: Option<(&'a str, &'a str)>,
    /// `--date`: publication date for files without a date line.
    pub date: Option<Date>,
    /// `--tz`: zone of bare publisher clock times.
    pub tz: Option<&'a str>,
}

/// The default zone of bare clock times when nothing says otherwise.
pub const DEFAULT_PUBLISHER_TZ: &str = "UTC";

impl Report {
    /// Builds a report from raw bytes. `path` names the file in problems.
    pub fn from_bytes(
        id: &str,
        path: &str,
        bytes: &[u8],
        supplied: &Supplied,
    ) -> Result<Report, Problem> {
        if bytes.len() >= u32::MAX as usize {
            return Err(Problem::new(path, 1, "report larger than 4 GB; split it"));
        }
        if bytes.is_empty() || bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Problem::new(path, 1, "empty report: no text to read"));
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.valid_up_to();
                let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
                return Err(Problem::new(
                    path,
                    line,
                    format!("not UTF-8 text (invalid byte at offset {at}); reports must be UTF-8"),
                ));
            }
        };
        if let Some(at) = text.find('\0') {
            let line = 1 + text[..at].matches('\n').count();
            return Err(Problem::new(
                path,
                line,
                format!("binary data (NUL byte at offset {at}); reports must be text"),
            ));
        }
        Report::from_text(id, path, text.to_string(), supplied)
    }

    /// Builds a report from text.
    pub fn from_text(
        id: &str,
        path: &str,
        text: String,
        supplied: &Supplied,
    ) -> Result<Report, Problem> {
        let sidecar: Sidecar = match supplied.sidecar {
            Some((spath, src)) => toml::from_str(src).map_err(|e| {
                let line = e.span().map_or(1, |s| {
                    1 + src[..s.start.min(src.len())].matches('\n').count()
                });
                Problem::new(spath, line, e.message().to_string())
            })?,
            None => Sidecar::default(),
        };
        let sidecar_path = supplied.sidecar.map_or(path, |(p, _)| p);
        let date_line = parse_date_line(&text);
        let (published, date_source) = if let Some((d, _)) = &date_line {
            (*d, DateSource::Text)
        } else if let Some(p) = &sidecar.published {
            let d: Date = p.parse().map_err(|_| {
                Problem::new(
                    sidecar_path,
                    1,
                    format!("published {p:?} is not a YYYY-MM-DD date"),
                )
            })?;
            (d, sidecar.date_source.unwrap_or(DateSource::Editor))
        } else if let Some(d) = supplied.date {
            (d, DateSource::Editor)
        } else {
            return Err(Problem::new(
                path,
                1,
                "no publication date: begin the file with ` date YYYY-MM-DD <headline>` or pass --date YYYY-MM-DD",
            ));
        };
        let headline = date_line.map(|(_, span)| span);
        let title = sidecar
            .title
            .clone()
            .or_else(|| headline.map(|(s, e)| text[s..e].trim().to_string()))
            .unwrap_or_else(|| first_words(&text, 12));
        let language = match &sidecar.language {
            Some(code) => Lang::parse(code).ok_or_else(|| {
                Problem::new(
                    sidecar_path,
                    1,
                    format!("language {code:?} is not nl, en or es"),
                )
            })?,
            None => lang::detect(&text),
        };
        let publisher_tz = sidecar
            .publisher_tz
            .clone()
            .or_else(|| supplied.tz.map(str::to_string))
            .unwrap_or_else(|| DEFAULT_PUBLISHER_TZ.to_string());
        if jiff::tz::TimeZone::get(&publisher_tz).is_err() {
            return Err(Problem::new(
                sidecar_path,
                1,
                format!("unknown time zone {publisher_tz:?}"),
            ));
        }
        Ok(Report {
            id: id.to_string(),
            meta: ReportMeta {
                title,
                language,
                published,
                date_source,
                publisher_tz,
                source: sidecar.source.unwrap_or_default(),
                note: sidecar.note.unwrap_or_default(),
                shape: sidecar.shape.unwrap_or_default(),
                url: sidecar
                    .url
                    .or_else(|| sidecar.basis.and_then(|b| b.into_iter().next()))
                    .unwrap_or_default(),
                licence: sidecar.licence.unwrap_or_default(),
            },
            headline,
            text,
        })
    }
}

/// Parses ` date YYYY-MM-DD <headline>` on the first line: the date and the headline span.
fn parse_date_line(text: &str) -> Option<(Date, (usize, usize))> {
    let first = text.lines().next()?;
    let lead = first.len() - first.trim_start().len();
    let rest = first.trim_start().strip_prefix("date ")?;
    let date: Date = rest.get(..10)?.parse().ok()?;
    let after = lead + "date ".len() + 10;
    let head_start = after + (first[after..].len() - first[after..].trim_start().len());
    Some((date, (head_start, first.trim_end().len().max(head_start))))
}

fn first_words(text: &str, n: usize) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let words: Vec<&str> = line.split_whitespace().take(n).collect();
    let mut s = words.join(" ");
    if line.split_whitespace().count() > n {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Lang {
        Lang::parse(code).expect("a language file")
    }

    #[test]
    fn date_line() {
        let text = " date 2026-01-03 LIVEBLOG - Oorlog Venezuela\nLijkt";
        let r = Report::from_text("x", "x.txt", text.into(), &Supplied::default());
        let r = r.unwrap_or_else(|p| panic!("{p}"));
        assert_eq!(r.meta.published, jiff::civil::date(2026, 1, 3));
        assert_eq!(r.meta.date_source, DateSource::Text);
        assert_eq!(r.meta.title, "LIVEBLOG - Oorlog Venezuela");
    }

    #[test]
    fn bad_input_is_a_problem_with_a_line() {
        let rows: &[(&str, &[u8], &str)] = &[
            ("empty", b"", "x.txt:1: empty report"),
            ("blank", b"  \n\n", "x.txt:1: empty report"),
            ("invalid utf-8", b"ok\n\xff\xfe", "x.txt:2: not UTF-8 text"),
            ("nul", b"a\0b", "x.txt:1: binary data"),
            (
                "no date",
                b"Some text without a date",
                "x.txt:1: no publication date",
            ),
        ];
        for (name, bytes, want) in rows {
            match Report::from_bytes("x", "x.txt", bytes, &Supplied::default()) {
                Ok(_) => panic!("{name}: accepted"),
                Err(p) => assert!(p.to_string().starts_with(want), "{name}: {p}"),
            }
        }
    }

    #[test]
    fn supplied_date_is_an_editor_date() {
        let s = Supplied {
            date: Some(jiff::civil::date(2019, 4, 30)),
            ..Supplied::default()
        };
        let r = Report::from_text("x", "x.txt", "De rellen braken uit in Caracas.".into(), &s)
            .unwrap_or_else(|p| panic!("{p}"));
        assert_eq!(r.meta.date_source, DateSource::Editor);
        assert_eq!(r.meta.language, lang("nl"));
    }
}
