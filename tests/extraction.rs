//! Extraction measured against expected-event tables written by reading each report:
//! the five seed reports (`reports/`) and the English and Spanish test reports
//! (`tests/reports/`). An expected event matches an extracted one with the same site,
//! category and UTC start; certainty agreement is measured on the matches.
//! Run with `-- --nocapture` to see the per-report figures.
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use vigia::report::{Report, Supplied};
use vigia::{Certainty, Event, bundle, extract};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    site: String,
    category: String,
    start: String,
}

struct Expected {
    key: Key,
    certainty: String,
    note: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn expected(id: &str) -> Vec<Expected> {
    let path = root().join("tests/expected").join(format!("{id}.csv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Expected {
                key: Key {
                    site: rec[0].to_string(),
                    category: rec[1].to_string(),
                    start: rec[3].to_string(),
                },
                certainty: rec[2].to_string(),
                note: rec[4].to_string(),
            }
        })
        .collect()
}

fn test_reports() -> Vec<Report> {
    let dir = root().join("tests/reports");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths.iter().map(|p| load(p)).collect()
}

fn load(path: &Path) -> Report {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let side = std::fs::read_to_string(path.with_extension("toml")).ok();
    let side_path = path.with_extension("toml").display().to_string();
    let supplied = Supplied {
        sidecar: side.as_deref().map(|s| (side_path.as_str(), s)),
        ..Supplied::default()
    };
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    Report::from_text(id, &path.display().to_string(), text, &supplied)
        .unwrap_or_else(|p| panic!("{p}"))
}

fn key(e: &Event) -> Key {
    Key {
        site: e.site_id.clone(),
        category: e.category.to_string(),
        start: e.time.start.to_string(),
    }
}

/// (matched, expected, extracted, certainty agreements) summed over the reports.
fn score(reports: &[Report]) -> (usize, usize, usize, usize) {
    let events = extract::extract_all(reports, &bundle::gazetteer());
    let (mut tp, mut n_exp, mut n_got, mut agree) = (0, 0, 0, 0);
    for r in reports {
        let exp = expected(&r.id);
        let got: Vec<&Event> = events.iter().filter(|e| e.report_id == r.id).collect();
        let mut pool: HashMap<Key, Vec<&Event>> = HashMap::new();
        for e in &got {
            pool.entry(key(e)).or_default().push(e);
        }
        let mut misses = Vec::new();
        let mut matched = 0;
        for x in &exp {
            let found = pool.get_mut(&x.key).and_then(|v| {
                // Prefer the extracted event whose certainty agrees.
                let at = v
                    .iter()
                    .position(|e| e.certainty.to_string() == x.certainty)
                    .or(if v.is_empty() { None } else { Some(0) })?;
                Some(v.remove(at))
            });
            match found {
                Some(e) => {
                    matched += 1;
                    if e.certainty.to_string() == x.certainty {
                        agree += 1;
                    } else {
                        println!(
                            "  {}: certainty {} where {} was expected: {}",
                            r.id, e.certainty, x.certainty, x.note
                        );
                    }
                }
                None => misses.push(x),
            }
        }
        let extra: Vec<&&Event> = pool.values().flatten().collect();
        println!(
            "{}: {matched}/{} expected found, {} extracted",
            r.id,
            exp.len(),
            got.len()
        );
        for m in misses {
            println!(
                "  missed {} {} {}: {}",
                m.key.site, m.key.category, m.key.start, m.note
            );
        }
        for e in extra {
            println!(
                "  extra {} {} {} {}: {:?}",
                e.site_id,
                e.category,
                e.certainty,
                e.time.start,
                &r.text[e.quote_start..e.quote_end]
            );
        }
        tp += matched;
        n_exp += exp.len();
        n_got += got.len();
    }
    (tp, n_exp, n_got, agree)
}

fn report_figures(
    name: &str,
    (tp, n_exp, n_got, agree): (usize, usize, usize, usize),
) -> (f64, f64, f64) {
    let recall = tp as f64 / n_exp.max(1) as f64;
    let precision = tp as f64 / n_got.max(1) as f64;
    let certainty = agree as f64 / tp.max(1) as f64;
    println!(
        "{name}: recall {:.1}% ({tp}/{n_exp}), precision {:.1}% ({tp}/{n_got}), certainty agreement {:.1}%",
        recall * 100.0,
        precision * 100.0,
        certainty * 100.0
    );
    (recall, precision, certainty)
}

#[test]
fn seeds_meet_recall_and_precision() {
    let reports = bundle::reports().unwrap_or_else(|p| panic!("{p}"));
    let (recall, precision, certainty) = report_figures("seeds", score(&reports));
    assert!(recall >= 0.95, "recall {recall:.3}");
    assert!(precision >= 0.90, "precision {precision:.3}");
    // The certainty column of these tables predates the corpus convention
    // (tests/corpus/README.md: a plain statement of fact is `confirmed`); certainty is
    // measured and held on the corpus. It is printed here, not held.
    let _ = certainty;
}

#[test]
fn english_and_spanish_reports_meet_recall_and_precision() {
    let reports = test_reports();
    assert!(reports.len() >= 6);
    let (recall, precision, certainty) = report_figures("en+es", score(&reports));
    assert!(recall >= 0.90, "recall {recall:.3}");
    assert!(precision >= 0.85, "precision {precision:.3}");
    let _ = certainty;
}

/// The acceptance times of the issue, exactly.
#[test]
fn liveblog_and_weekday_times() {
    let reports = bundle::reports().unwrap_or_else(|p| panic!("{p}"));
    let events = extract::extract_all(&reports, &bundle::gazetteer());
    let has = |report: &str, site: &str, start: &str| {
        events.iter().any(|e| {
            e.report_id.starts_with(report)
                && e.site_id == site
                && e.time.start.to_string() == start
        })
    };
    assert!(
        has("000", "miraflores", "2026-01-03T07:21:00Z"),
        "UPDATE 08:21 CET is 07:21Z"
    );
    assert!(
        has("000", "caracas", "2026-01-03T06:00:00Z"),
        "rond 02:00 lokale tijd is 06:00Z"
    );
    assert!(
        has("001", "caribbean-sea", "2025-10-22T22:00:00Z"),
        "donderdag before Friday 24 October 2025 is the 23rd (Amsterdam)"
    );
}

/// Report 002 speculates about targets: none of its strikes is a confirmed or reported fact.
#[test]
fn report_002_targets_are_hypothetical() {
    let reports = bundle::reports().unwrap_or_else(|p| panic!("{p}"));
    let events = extract::extract_all(&reports, &bundle::gazetteer());
    let strikes: Vec<&Event> = events
        .iter()
        .filter(|e| e.report_id.starts_with("002") && e.category == vigia::Category::Strike)
        .collect();
    assert!(!strikes.is_empty());
    for e in strikes {
        assert_eq!(
            e.certainty,
            Certainty::Hypothetical,
            "{:?}",
            &reports[2].text[e.quote_start..e.quote_end]
        );
    }
}

/// What a report hopes for is not an event; the same words stated as fact are.
#[test]
fn wished_for_events_are_not_events() {
    let g = bundle::gazetteer();
    let supplied = Supplied {
        date: jiff::civil::Date::new(2025, 10, 31).ok(),
        ..Supplied::default()
    };
    // (text, expected categories of its events)
    let rows: &[(&str, &[&str])] = &[
        (
            "Washington oefent druk uit op Venezuela in de hoop een opstand uit te lokken.",
            &[],
        ),
        ("In Venezuela brak een opstand uit.", &["unrest"]),
        (
            "Officials pressed Venezuela, hoping for protests in the barracks.",
            &[],
        ),
        ("Protests broke out in Caracas.", &["unrest"]),
        (
            "In the hope of change, protesters marched in Caracas.",
            &["unrest"],
        ),
        (
            "Presionan a Venezuela con la esperanza de una rebelión militar en Caracas.",
            &[],
        ),
        ("Hubo protestas en Caracas.", &["unrest"]),
    ];
    for (text, want) in rows {
        let r = Report::from_text("w", "w.txt", (*text).to_string(), &supplied)
            .unwrap_or_else(|p| panic!("{p}"));
        let m = vigia::gazetteer::Matcher::new(&g);
        let mut got: Vec<&str> = extract::extract(&r, &g, &m)
            .iter()
            .map(|e| e.category.as_str())
            .collect();
        got.dedup();
        assert_eq!(got, *want, "{text}");
    }
}
