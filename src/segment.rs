//! Segmentation of a report into what carries time and quotes: the headline, paragraphs,
//! liveblog entries (`UPDATE 08:21 - ...`), embedded posts (`text— Name (@handle)
//! January 3, 2026`), sentences, and the items of enumerations ("A gebombardeerd, B
//! aangevallen, C ..."). Spans are byte offsets into the report text.
use jiff::civil::Date;

use crate::lang::Lang;
use crate::report::Report;
use crate::text::fold;
use crate::time::parse_full_date;

/// What a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    Headline,
    Paragraph,
    /// A liveblog entry and its clock time in the publisher's zone, if written.
    Liveblog {
        clock: Option<(i8, i8)>,
        /// IANA zone of an explicit abbreviation after the clock ("2:30 a.m. ET").
        zone: Option<&'static str>,
    },
    /// An embedded social-media post and its date.
    Post {
        date: Option<Date>,
    },
    /// An item of a numbered list ("1. Venezuela platbombarderen.").
    ListItem,
}

/// A block of text: a line or paragraph of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: SegmentKind,
    /// Span of the segment's own text (without the `UPDATE 08:21 -` marker or the post signature).
    pub start: usize,
    pub end: usize,
}

/// A quotable unit: a sentence, or one item of an enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    /// Index of its segment.
    pub segment: usize,
    /// For enumeration items: an id shared by the items of one enumeration.
    pub list: Option<usize>,
}

/// Splits a report into segments.
pub fn segments(report: &Report) -> Vec<Segment> {
    let text = report.text.as_str();
    let mut out = Vec::new();
    let mut offset = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if n == 0
            && let Some((s, e)) = report.headline
        {
            out.push(Segment {
                kind: SegmentKind::Headline,
                start: s,
                end: e,
            });
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (start, end) = (line_start + lead, line_start + line.len());
        if let Some((clock, zone, body)) = liveblog_marker(&text[start..end]) {
            out.push(Segment {
                kind: SegmentKind::Liveblog { clock, zone },
                start: start + body,
                end,
            });
        } else if let Some(body) = numbered_item(&text[start..end]) {
            out.push(Segment {
                kind: SegmentKind::ListItem,
                start: start + body,
                end,
            });
        } else if let Some((body_end, date)) = post_signature(&text[start..end]) {
            out.push(Segment {
                kind: SegmentKind::Post { date },
                start,
                end: start + body_end,
            });
        } else {
            out.push(Segment {
                kind: SegmentKind::Paragraph,
                start,
                end,
            });
        }
    }
    out
}

/// A liveblog entry's clock, its explicit zone, and where its body starts.
type Marker = (Option<(i8, i8)>, Option<&'static str>, usize);

/// `UPDATE 08:21 - body`, `ACTUALIZACIÓN 8:21: body`, `UPDATE 2:30 p.m. ET - body`,
/// `08:21 - body`: the clock, the zone and where the body starts.
fn liveblog_marker(line: &str) -> Option<Marker> {
    let folded_head = fold(line.get(..line.len().min(40)).unwrap_or(line));
    let mut rest_at = 0;
    let mut marked = false;
    for lang in Lang::ALL {
        for m in &lang.lexicon().liveblog_markers {
            if folded_head.starts_with(m.as_str())
                && folded_head[m.len()..].starts_with([' ', ':', '-'])
            {
                // Folding keeps ASCII lengths; markers are ASCII after folding but the
                // original may have accents, so measure in the original by char count.
                let chars = m.chars().count();
                rest_at = line
                    .char_indices()
                    .nth(chars)
                    .map_or(line.len(), |(i, _)| i);
                marked = true;
            }
        }
    }
    let rest = &line[rest_at..];
    let trimmed = rest.trim_start();
    let at = rest_at + rest.len() - trimmed.len();
    let digits: String = trimmed
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':' || *c == '.')
        .collect();
    let clock = digits.split_once([':', '.']).and_then(|(h, m)| {
        let (h, m): (i8, i8) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
        ((0..24).contains(&h)
            && (0..60).contains(&m)
            && (1..=2).contains(&digits.find([':', '.'])?))
        .then_some((h, m))
    });
    if !marked && clock.is_none() {
        return None;
    }
    let mut after_clock = if clock.is_some() {
        at + digits.len()
    } else {
        at
    };
    // "2:30 a.m. ET": a meridiem and a zone abbreviation may follow the clock.
    let mut clock = clock;
    let mut zone = None;
    if let Some((h, m)) = clock {
        let rest = &line[after_clock..];
        let lower = rest.to_ascii_lowercase();
        for (pat, pm) in [
            (" a.m.", false),
            (" p.m.", true),
            (" am", false),
            (" pm", true),
        ] {
            if lower.starts_with(pat) && lower[pat.len()..].starts_with([' ', '-', ':']) {
                clock = crate::time::meridiem(h, pm).map(|h| (h, m));
                after_clock += pat.len();
                break;
            }
        }
        let rest = &line[after_clock..];
        let word: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        if word.len() >= 2
            && word.chars().all(|c| c.is_ascii_uppercase())
            && let Some((_, z)) = crate::lang::zone_words()
                .iter()
                .find(|(abbr, _)| abbr.eq_ignore_ascii_case(&word))
        {
            zone = Some(*z);
            after_clock += rest.len() - rest.trim_start().len() + word.len();
        }
    }
    let tail = &line[after_clock..];
    let body =
        tail.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':'));
    if !marked && tail.len() == body.len() {
        // A bare clock at the start of a line needs a separator to be an entry marker.
        return None;
    }
    Some((clock, zone, after_clock + tail.len() - body.len()))
}

/// `1. text`, `2) text`: where the item's text starts.
fn numbered_item(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = line.get(digits..)?;
    ((1..=2).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// `text pic.twitter.com/x— Name (@handle) January 3, 2026`: end of the post text and its date.
fn post_signature(line: &str) -> Option<(usize, Option<Date>)> {
    let handle = line.rfind("(@")?;
    let close = handle + line[handle..].find(')')?;
    let date = parse_full_date(line[close + 1..].trim());
    let sig_start = line[..handle].rfind(['—', '–']).unwrap_or(handle);
    let body_end = line[..sig_start]
        .find("pic.twitter.com")
        .unwrap_or(sig_start);
    let body = line[..body_end].trim_end();
    (!body.is_empty()).then_some((body.len(), date))
}

/// Splits segments into sentences, and enumerations into items.
pub fn units(text: &str, segments: &[Segment]) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut lists = 0;
    for (i, seg) in segments.iter().enumerate() {
        for (s, e) in sentences(text, seg.start, seg.end) {
            match list_items(text, s, e) {
                Some(items) => {
                    lists += 1;
                    out.extend(items.into_iter().map(|(s, e)| Unit {
                        start: s,
                        end: e,
                        segment: i,
                        list: Some(lists),
                    }));
                }
                None => out.push(Unit {
                    start: s,
                    end: e,
                    segment: i,
                    list: None,
                }),
            }
        }
    }
    out
}

/// Sentence spans in `text[start..end]`: a boundary is `.`, `!` or `?` followed by space
/// and an upper-case letter, digit or quote, except after short abbreviations ("nr.", "U.S.").
fn sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let s = &text[start..end];
    let mut out = Vec::new();
    let mut begin = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some(&(_, next)) = chars.get(k + 1) else {
            continue;
        };
        if !next.is_whitespace() {
            continue;
        }
        let following = chars[k + 1..]
            .iter()
            .find(|(_, c)| !c.is_whitespace())
            .map(|(_, c)| *c);
        if !following.is_some_and(|f| {
            f.is_uppercase()
                || f.is_ascii_digit()
                || matches!(f, '"' | '“' | '‘' | '\'' | '¿' | '¡')
        }) {
            continue;
        }
        let word: String = s[..i]
            .chars()
            .rev()
            .take_while(|c| !c.is_whitespace())
            .collect();
        if c == '.' && is_abbreviation(&word.chars().rev().collect::<String>()) {
            continue;
        }
        push_trimmed(&mut out, s, begin, i + c.len_utf8(), start);
        begin = i + c.len_utf8();
    }
    push_trimmed(&mut out, s, begin, s.len(), start);
    out
}

/// "U.S.", "R." (an initial), "nr", "Gen": a full stop that does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let one_capital = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
    let folded = crate::text::fold(w);
    w.contains('.')
        || one_capital
        || Lang::ALL
            .iter()
            .any(|l| l.lexicon().abbreviations.contains(&folded))
}

fn push_trimmed(out: &mut Vec<(usize, usize)>, s: &str, a: usize, b: usize, base: usize) {
    let piece = &s[a..b];
    let t = piece.trim();
    if t.chars().any(char::is_alphanumeric) {
        let lead = piece.len() - piece.trim_start().len();
        out.push((base + a + lead, base + a + lead + t.len()));
    }
}

/// Items of an enumeration: the part after a colon holding at least four
/// comma-separated items of at most 14 words each.
fn list_items(text: &str, start: usize, end: usize) -> Option<Vec<(usize, usize)>> {
    let s = &text[start..end];
    let body_at = s.find(": ")? + 2;
    let body = &s[body_at..];
    let parts: Vec<&str> = body.split(", ").collect();
    if parts.len() < 4 || parts.iter().any(|p| p.split_whitespace().count() > 14) {
        return None;
    }
    let mut out = Vec::new();
    let mut at = start + body_at;
    for p in parts {
        let lead = p.len() - p.trim_start().len();
        let t = p.trim().trim_end_matches('.');
        if !t.is_empty() {
            out.push((at + lead, at + lead + t.len()));
        }
        at += p.len() + 2;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Supplied;

    fn report(text: &str) -> Report {
        let s = Supplied {
            date: Some(jiff::civil::date(2026, 1, 3)),
            tz: Some("Europe/Amsterdam"),
            ..Supplied::default()
        };
        Report::from_text("t", "t.txt", text.to_string(), &s).unwrap_or_else(|p| panic!("{p}"))
    }

    #[test]
    fn liveblog_markers() {
        #[rustfmt::skip]
        let rows: &[(&str, Option<(i8, i8)>, Option<&str>, &str)] = &[
            ("UPDATE 08:21 - Er rijden pantservoertuigen", Some((8, 21)), None, "Er rijden pantservoertuigen"),
            ("UPDATE 2:30 p.m. ET - Explosions in Caracas", Some((14, 30)), Some("America/New_York"), "Explosions in Caracas"),
            ("UPDATE 12:05 a.m. - Explosions", Some((0, 5)), None, "Explosions"),
            ("ACTUALIZACIÓN 9:05: Explosiones en Caracas", Some((9, 5)), None, "Explosiones en Caracas"),
            ("UPDATE --- MADURO GEVANGENGENOMEN", None, None, "MADURO GEVANGENGENOMEN"),
            ("10:20 - Veel militairen", Some((10, 20)), None, "Veel militairen"),
        ];
        for (line, clock, zone, body) in rows {
            let r = report(line);
            let segs = segments(&r);
            assert_eq!(segs.len(), 1, "{line}");
            assert_eq!(
                segs[0].kind,
                SegmentKind::Liveblog {
                    clock: *clock,
                    zone: *zone
                },
                "{line}"
            );
            assert_eq!(&r.text[segs[0].start..segs[0].end], *body, "{line}");
        }
        let r = report("In 2014 werd hij gearresteerd.");
        assert_eq!(segments(&r)[0].kind, SegmentKind::Paragraph);
    }

    #[test]
    fn embedded_post() {
        let r = report(
            "U.S. airstrikes in Caracas, Venezuela. pic.twitter.com/JnlImZTaeP— Clash Report (@clashreport) January 3, 2026",
        );
        let segs = segments(&r);
        assert_eq!(
            segs[0].kind,
            SegmentKind::Post {
                date: Some(jiff::civil::date(2026, 1, 3))
            }
        );
        assert_eq!(
            &r.text[segs[0].start..segs[0].end],
            "U.S. airstrikes in Caracas, Venezuela."
        );
    }

    #[test]
    fn sentences_and_lists() {
        let r = report(
            "Maduro roept noodtoestand uit. Venezuela in hoogste paraatheid. Dat kost 34 ton. F-16 basis nr. 3 in Barquisimeto.",
        );
        let segs = segments(&r);
        let us = units(&r.text, &segs);
        let got: Vec<&str> = us.iter().map(|u| &r.text[u.start..u.end]).collect();
        assert_eq!(
            got,
            [
                "Maduro roept noodtoestand uit.",
                "Venezuela in hoogste paraatheid.",
                "Dat kost 34 ton.",
                "F-16 basis nr. 3 in Barquisimeto."
            ]
        );
        let r = report(
            "AI-vertaling: La Carlota gebombardeerd, Fuerte Tiuna gebombardeerd, Luchthaven El Hatillo aangevallen, Los Teques zonder stroom.",
        );
        let us = units(&r.text, &segments(&r));
        let got: Vec<&str> = us.iter().map(|u| &r.text[u.start..u.end]).collect();
        assert_eq!(
            got,
            [
                "La Carlota gebombardeerd",
                "Fuerte Tiuna gebombardeerd",
                "Luchthaven El Hatillo aangevallen",
                "Los Teques zonder stroom"
            ]
        );
        assert!(us.iter().all(|u| u.list == Some(1)));
    }
}
