//! The time expression tables of `tests/time/` (written before the code, conventions in its
//! README): for each row, `time::find` on the text at the row's reference time must give an
//! expression overlapping `expr` with the row's interval and precision; for the `_none`
//! files, no expression at all. Prints the pass rate per language and each failure with
//! `-- --nocapture`; fails when a language falls below its floor in `tests/time/floor.csv`
//! (raised as resolution improves) or a language of the tables has no lexicon.
use std::path::PathBuf;

use vigia::Lang;
use vigia::time::{Anchor, find};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/time")
}

fn reference(s: &str) -> jiff::Zoned {
    let ts: jiff::Timestamp = s.parse().unwrap_or_else(|e| panic!("ref {s:?}: {e}"));
    let offset = jiff::fmt::temporal::Pieces::parse(s)
        .ok()
        .and_then(|p| match p.offset() {
            Some(jiff::fmt::temporal::PiecesOffset::Numeric(n)) => Some(n.offset()),
            _ => None,
        })
        .unwrap_or(jiff::tz::Offset::UTC);
    ts.to_zoned(jiff::tz::TimeZone::fixed(offset))
}

fn records(path: &PathBuf) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// (passed, rows) for one language, printing failures.
fn run(code: &str) -> (usize, usize) {
    let Some(lang) = Lang::parse(code) else {
        return (0, 0);
    };
    let mut passed = 0;
    let rows = records(&dir().join(format!("{code}.csv")));
    for r in &rows {
        let (name, text, expr) = (&r[0], &r[3], &r[4]);
        let anchor = Anchor::at(&reference(&r[1]), &r[2], lang);
        let at = text.find(expr).unwrap_or(0);
        let span = (at, at + expr.len());
        let found = find(text, &anchor);
        let ok = found.iter().any(|t| {
            t.start < span.1
                && span.0 < t.end
                && t.time.start.to_string() == r[5]
                && t.time.end.to_string() == r[6]
                && t.time.precision.as_str() == &r[7]
        });
        if ok {
            passed += 1;
        } else {
            let got: Vec<String> = found
                .iter()
                .map(|t| {
                    format!(
                        "{:?} {}..{} {} ({})",
                        &text[t.start..t.end],
                        t.time.start,
                        t.time.end,
                        t.time.precision.as_str(),
                        t.time.resolved
                    )
                })
                .collect();
            println!(
                "  {code} {name}: {expr:?} want {}..{} {}; got {}",
                &r[5],
                &r[6],
                &r[7],
                if got.is_empty() {
                    "nothing".to_string()
                } else {
                    got.join("; ")
                }
            );
        }
    }
    let none = records(&dir().join(format!("{code}_none.csv")));
    for r in &none {
        let anchor = Anchor::at(&reference(&r[1]), &r[2], lang);
        let found = find(&r[3], &anchor);
        if found.is_empty() {
            passed += 1;
        } else {
            println!(
                "  {code} {}: found {:?} in {:?}",
                &r[0],
                &r[3][found[0].start..found[0].end],
                &r[3]
            );
        }
    }
    (passed, rows.len() + none.len())
}

#[test]
fn time_tables() {
    let floors: Vec<(String, f64)> = std::fs::read_to_string(dir().join("floor.csv"))
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let (c, f) = l.split_once(',')?;
            Some((c.to_string(), f.trim().parse().ok()?))
        })
        .collect();
    let mut fails = Vec::new();
    for code in ["nl", "en", "es", "pt"] {
        let (passed, rows) = run(code);
        let floor = floors.iter().find(|(c, _)| c == code).map(|(_, f)| *f);
        if rows == 0 {
            println!("{code}: no lexicon src/lang/{code}.toml");
            if floor.is_some() {
                fails.push(format!("{code}: no lexicon src/lang/{code}.toml"));
            }
            continue;
        }
        let rate = passed as f64 / rows as f64;
        println!(
            "{code}: {passed}/{rows} time rows pass ({:.1}%)",
            rate * 100.0
        );
        if let Some(floor) = floor
            && rate + 1e-9 < floor
        {
            fails.push(format!("{code}: {rate:.3} below floor {floor:.3}"));
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}
