//! The `vigia` command line: a thin shell over the core library.
//!
//! ```text
//! vigia export --format geojson|csv [--date YYYY-MM-DD] [--tz ZONE] [FILE...]
//! vigia extract [--format json|text] [--unresolved] [--date YYYY-MM-DD] [--tz ZONE] [FILE...]
//! vigia gazetteer check [DIR]
//! vigia gazetteer geocode [--lang nl|en|es] TEXT
//! vigia time [--ref RFC3339] [--tz ZONE] [--lang nl|en|es] TEXT
//! vigia synth --sites N --events M --reports R [--seed S] OUT_DIR
//! ```
//! `export` and `extract` take `--gazetteer-extra FILE`: rows appended to the bundled
//! gazetteer (e.g. the synthetic sites `vigia synth` writes).
//! Exit status: 0 success, 1 bad input (each problem on stderr as `path:line: message`),
//! 2 usage error.
use std::path::Path;
use std::process::ExitCode;

use jiff::civil::Date;
use vigia::gazetteer::{self, Gazetteer, Matcher};
use vigia::report::{Report, Supplied};
use vigia::{Problem, bundle, export, extract};

const USAGE: &str = "usage:
  vigia export --format geojson|csv [--date YYYY-MM-DD] [--tz ZONE] [--gazetteer-extra FILE] [FILE...]
  vigia extract [--format json|text] [--unresolved] [--date YYYY-MM-DD] [--tz ZONE] [--gazetteer-extra FILE] [FILE...]
  vigia gazetteer check [DIR]
  vigia gazetteer geocode [--lang nl|en|es] TEXT
  vigia time [--ref RFC3339] [--tz ZONE] [--lang nl|en|es] TEXT
  vigia synth --sites N --events M --reports R [--seed S] OUT_DIR";

enum Failure {
    Usage(String),
    Input(Vec<Problem>),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("vigia: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(problems)) => {
            for p in problems {
                eprintln!("{p}");
            }
            ExitCode::from(1)
        }
    }
}

/// Options shared by `export` and `extract`.
struct Options {
    format: Option<String>,
    date: Option<Date>,
    tz: Option<String>,
    unresolved: bool,
    gazetteer_extra: Option<String>,
    files: Vec<String>,
}

fn options(args: &[String]) -> Result<Options, Failure> {
    let mut o = Options {
        format: None,
        date: None,
        tz: None,
        unresolved: false,
        gazetteer_extra: None,
        files: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--format" => o.format = Some(value("--format")?),
            "--date" => {
                let v = value("--date")?;
                o.date = Some(
                    v.parse()
                        .map_err(|_| Failure::Usage(format!("--date {v:?} is not YYYY-MM-DD")))?,
                );
            }
            "--tz" => {
                let v = value("--tz")?;
                if jiff::tz::TimeZone::get(&v).is_err() {
                    return Err(Failure::Usage(format!(
                        "--tz {v:?} is not an IANA time zone"
                    )));
                }
                o.tz = Some(v);
            }
            "--unresolved" => o.unresolved = true,
            "--gazetteer-extra" => o.gazetteer_extra = Some(value("--gazetteer-extra")?),
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s => o.files.push(s.to_string()),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<String, Failure> {
    match args.first().map(String::as_str) {
        Some("export") => {
            let o = options(&args[1..])?;
            let (reports, events, g) = load(&o)?;
            let rows = export::rows(&events, &g, &reports);
            match o.format.as_deref() {
                Some("geojson") => Ok(export::geojson(&rows) + "\n"),
                Some("csv") => export::csv(&rows)
                    .map_err(|e| Failure::Input(vec![Problem::new("<stdout>", 1, e.to_string())])),
                Some(f) => Err(Failure::Usage(format!(
                    "unknown format {f:?} (geojson, csv)"
                ))),
                None => Err(Failure::Usage("export needs --format geojson|csv".into())),
            }
        }
        Some("extract") => {
            let o = options(&args[1..])?;
            let (reports, events, g) = load(&o)?;
            let rows = export::rows(&events, &g, &reports);
            let unresolved: Vec<(String, extract::Unresolved)> = if o.unresolved {
                let m = vigia::gazetteer::Matcher::new(&g);
                reports
                    .iter()
                    .flat_map(|r| {
                        extract::unresolved(r, &m)
                            .into_iter()
                            .map(move |u| (r.id.clone(), u))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let to_json = |v: &serde_json::Value| {
                serde_json::to_string_pretty(v)
                    .map(|s| s + "\n")
                    .map_err(|e| Failure::Input(vec![Problem::new("<stdout>", 1, e.to_string())]))
            };
            match o.format.as_deref().unwrap_or("text") {
                "json" if o.unresolved => {
                    let names: Vec<serde_json::Value> = unresolved
                        .iter()
                        .map(|(id, u)| serde_json::json!({"report_id": id, "name": u.name, "start": u.start, "end": u.end, "line": u.line}))
                        .collect();
                    to_json(&serde_json::json!({"events": rows, "unresolved": names}))
                }
                "json" => to_json(&serde_json::to_value(&rows).unwrap_or_default()),
                "text" => {
                    let mut out: String = rows
                        .iter()
                        .map(|r| {
                            format!(
                                "{}  {:<10} {:<12} {:<22} {}  «{}»\n",
                                r.time_start,
                                r.category,
                                r.certainty,
                                r.site_name,
                                r.report_id,
                                r.quote
                            )
                        })
                        .collect();
                    if o.unresolved {
                        out.push_str(&format!(
                            "\n{} place-like names the gazetteer does not know:\n",
                            unresolved.len()
                        ));
                        for (id, u) in &unresolved {
                            out.push_str(&format!("{id}:{}: {}\n", u.line, u.name));
                        }
                    }
                    Ok(out)
                }
                f => Err(Failure::Usage(format!("unknown format {f:?} (json, text)"))),
            }
        }
        Some("gazetteer") => match args.get(1).map(String::as_str) {
            Some("check") => {
                let (path, text) = match args.get(2) {
                    Some(dir) => {
                        let path = Path::new(dir).join("sites.csv");
                        let shown = path.display().to_string();
                        let text = std::fs::read_to_string(&path).map_err(|e| {
                            Failure::Input(vec![Problem::new(
                                &shown,
                                1,
                                format!("cannot read: {e}"),
                            )])
                        })?;
                        (shown, text)
                    }
                    None => (
                        gazetteer::BUNDLED_PATH.to_string(),
                        gazetteer::BUNDLED_CSV.to_string(),
                    ),
                };
                let problems = gazetteer::check(&path, &text);
                if problems.is_empty() {
                    let (g, _) = Gazetteer::parse(&path, &text);
                    Ok(format!("{path}: {} sites, no problems\n", g.sites.len()))
                } else {
                    Err(Failure::Input(problems))
                }
            }
            Some("geocode") => {
                let mut rest = &args[2..];
                if rest.first().map(String::as_str) == Some("--lang") {
                    let code = rest
                        .get(1)
                        .ok_or_else(|| Failure::Usage("--lang needs a value".into()))?;
                    if vigia::Lang::parse(code).is_none() {
                        return Err(Failure::Usage(format!(
                            "--lang {code:?} is not nl, en or es"
                        )));
                    }
                    rest = &rest[2..];
                }
                let text = rest.join(" ");
                if text.is_empty() {
                    return Err(Failure::Usage("geocode needs TEXT".into()));
                }
                let g = bundle::gazetteer();
                let found: Vec<serde_json::Value> = Matcher::new(&g)
                    .find(&text)
                    .into_iter()
                    .filter_map(|m| {
                        let s = g.get(&m.site_id)?;
                        Some(serde_json::json!({
                            "site_id": s.id, "name": s.name, "kind": s.kind.as_str(), "lat": s.lat, "lon": s.lon,
                            "start": m.start, "end": m.end, "matched": &text[m.start..m.end],
                        }))
                    })
                    .collect();
                serde_json::to_string_pretty(&found)
                    .map(|s| s + "\n")
                    .map_err(|e| Failure::Input(vec![Problem::new("<stdout>", 1, e.to_string())]))
            }
            _ => Err(Failure::Usage("gazetteer needs check or geocode".into())),
        },
        Some("synth") => synth(&args[1..]),
        Some("time") => time(&args[1..]),
        Some(other) => Err(Failure::Usage(format!("unknown command {other:?}"))),
        None => Err(Failure::Usage("no command".into())),
    }
}

/// `vigia time`: the time expressions of TEXT as JSON, in text order.
fn time(args: &[String]) -> Result<String, Failure> {
    let mut reference: Option<jiff::Zoned> = None;
    let mut tz: Option<String> = None;
    let mut lang: Option<vigia::Lang> = None;
    let mut words: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .map(String::as_str)
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--ref" => {
                let v = value("--ref")?;
                let ts: jiff::Timestamp = v.parse().map_err(|_| {
                    Failure::Usage(format!(
                        "--ref {v:?} is not an RFC 3339 time (e.g. 2026-01-05T10:00:00-04:00)"
                    ))
                })?;
                // Keep the written offset: the reference day is the one the writer meant.
                let offset = jiff::fmt::temporal::Pieces::parse(v)
                    .ok()
                    .and_then(|p| match p.offset() {
                        Some(jiff::fmt::temporal::PiecesOffset::Numeric(n)) => Some(n.offset()),
                        _ => None,
                    })
                    .unwrap_or(jiff::tz::Offset::UTC);
                reference = Some(ts.to_zoned(jiff::tz::TimeZone::fixed(offset)));
            }
            "--tz" => {
                let v = value("--tz")?;
                if jiff::tz::TimeZone::get(v).is_err() {
                    return Err(Failure::Usage(format!(
                        "--tz {v:?} is not an IANA time zone"
                    )));
                }
                tz = Some(v.to_string());
            }
            "--lang" => {
                let v = value("--lang")?;
                lang = Some(vigia::Lang::parse(v).ok_or_else(|| {
                    Failure::Usage(format!(
                        "--lang {v:?} is not one of {}",
                        vigia::lang::codes()
                    ))
                })?);
            }
            "--" => words.extend(it.by_ref().map(String::as_str)),
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s => words.push(s),
        }
    }
    let text = words.join(" ");
    if text.trim().is_empty() {
        return Err(Failure::Usage("time needs TEXT".into()));
    }
    let tz = tz.unwrap_or_else(|| "UTC".to_string());
    let reference = reference.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::get(&tz).unwrap_or(jiff::tz::TimeZone::UTC))
    });
    let anchor = vigia::time::Anchor::at(
        &reference,
        &tz,
        lang.unwrap_or_else(|| vigia::lang::detect(&text)),
    );
    let found: Vec<serde_json::Value> = vigia::time::find(&text, &anchor)
        .into_iter()
        .map(|t| {
            serde_json::json!({
                "start": t.start, "end": t.end, "text": &text[t.start..t.end],
                "time_start": t.time.start.to_string(), "time_end": t.time.end.to_string(),
                "precision": t.time.precision.as_str(), "resolved": t.time.resolved,
            })
        })
        .collect();
    serde_json::to_string_pretty(&found)
        .map(|s| s + "\n")
        .map_err(|e| Failure::Input(vec![Problem::new("<stdout>", 1, e.to_string())]))
}

/// Loads the given files (or the bundled reports) and extracts their events with the bundled
/// gazetteer, returned too so callers do not parse it again. Every bad
/// file is reported; nothing is printed unless all files load.
fn load(o: &Options) -> Result<(Vec<Report>, Vec<vigia::Event>, Gazetteer), Failure> {
    let reports = if o.files.is_empty() {
        bundle::reports().map_err(|p| Failure::Input(vec![p]))?
    } else {
        let mut reports = Vec::new();
        let mut problems = Vec::new();
        for f in &o.files {
            match read_report(f, o) {
                Ok(r) => reports.push(r),
                Err(p) => problems.push(p),
            }
        }
        if !problems.is_empty() {
            return Err(Failure::Input(problems));
        }
        reports
    };
    let mut g = bundle::gazetteer();
    if let Some(file) = &o.gazetteer_extra {
        let text = std::fs::read_to_string(file).map_err(|e| {
            Failure::Input(vec![Problem::new(
                file,
                1,
                format!("cannot read: {}", io_reason(&e)),
            )])
        })?;
        let (extended, problems) = g.extended(file, &text);
        if !problems.is_empty() {
            return Err(Failure::Input(problems));
        }
        g = extended;
    }
    let events = extract::extract_all(&reports, &g);
    Ok((reports, events, g))
}

/// `vigia synth`: writes a synthetic corpus and prints its manifest.
fn synth(args: &[String]) -> Result<String, Failure> {
    let n = |name: &str, default: Option<u64>| -> Result<u64, Failure> {
        match args.iter().position(|a| a == name) {
            Some(i) => {
                let v = args
                    .get(i + 1)
                    .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))?;
                v.replace('_', "")
                    .parse()
                    .map_err(|_| Failure::Usage(format!("{name} {v:?} is not a number")))
            }
            None => default.ok_or_else(|| Failure::Usage(format!("synth needs {name}"))),
        }
    };
    let params = vigia::synth::Params {
        sites: n("--sites", None)? as usize,
        events: n("--events", None)? as usize,
        reports: n("--reports", None)? as usize,
        seed: n("--seed", Some(1))?,
    };
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--sites" | "--events" | "--reports" | "--seed" => {
                it.next();
            }
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s => rest.push(s),
        }
    }
    let [out] = rest[..] else {
        return Err(Failure::Usage("synth needs one OUT_DIR".into()));
    };
    vigia::synth::validate(&params).map_err(Failure::Usage)?;
    let corpus = vigia::synth::generate(params, &bundle::gazetteer());
    vigia::synth::write(&corpus, Path::new(out)).map_err(|e| {
        Failure::Input(vec![Problem::new(
            out,
            1,
            format!("cannot write: {}", io_reason(&e)),
        )])
    })?;
    Ok(corpus.manifest() + "\n")
}

fn read_report(file: &str, o: &Options) -> Result<Report, Problem> {
    let path = Path::new(file);
    let bytes = std::fs::read(path)
        .map_err(|e| Problem::new(file, 1, format!("cannot read: {}", io_reason(&e))))?;
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file)
        .to_string();
    let sidecar_path = path.with_extension("toml");
    let sidecar = std::fs::read_to_string(&sidecar_path).ok();
    let shown = sidecar_path.display().to_string();
    let supplied = Supplied {
        sidecar: sidecar.as_deref().map(|s| (shown.as_str(), s)),
        date: o.date,
        tz: o.tz.as_deref(),
    };
    Report::from_bytes(&id, file, &bytes, &supplied)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}
