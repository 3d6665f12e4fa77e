//! Extraction measured on the corpus of `tests/corpus/` (see its README): a development part
//! and a test part that is scored but never read while writing rules. Prints recall,
//! precision, clock time, category and certainty per part, language and shape; for the dev
//! part also each miss and extra (never for the test part, which stays blind).
//!
//! `cargo test --test corpus -- --nocapture` prints the tables. The test fails when a part's
//! figures fall below the floor in `tests/corpus/floor.csv` (measured on main; raise it as
//! extraction improves) or when a gold file is malformed.
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use vigia::gazetteer::Gazetteer;
use vigia::report::{Report, Supplied};
use vigia::text::fold;
use vigia::{Event, bundle, extract};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

struct Gold {
    sites: Vec<String>,
    category: String,
    certainty: String,
    start: Timestamp,
    end: Timestamp,
    clock: bool,
    quote: String,
    line: usize,
}

struct Doc {
    id: String,
    lang: String,
    shape: String,
    report: Option<Report>,
    problem: Option<String>,
    gold: Vec<Gold>,
}

fn read_gold(path: &Path) -> Vec<Gold> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = rec.unwrap_or_else(|e| panic!("{}:{line}: {e}", path.display()));
        let ts = |k: usize| -> Timestamp {
            rec[k]
                .parse()
                .unwrap_or_else(|e| panic!("{}:{line}: {:?}: {e}", path.display(), &rec[k]))
        };
        out.push(Gold {
            sites: rec[0].split('|').map(str::to_string).collect(),
            category: rec[1].to_string(),
            certainty: rec[2].to_string(),
            start: ts(3),
            end: ts(4),
            clock: &rec[6] == "1",
            quote: rec[7].to_string(),
            line,
        });
    }
    out
}

fn docs(part: &str) -> Vec<Doc> {
    let mut paths = Vec::new();
    let dir = root().join(part);
    for lang in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(lang.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = f.path();
            // A report whose gold is not written yet is not scored.
            if p.extension().is_some_and(|e| e == "txt") && p.with_extension("csv").exists() {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let side_path = p.with_extension("toml");
            let side = std::fs::read_to_string(&side_path).unwrap_or_default();
            let meta: toml::Table = toml::from_str(&side).unwrap_or_default();
            let get = |k: &str| {
                meta.get(k)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let side_name = side_path.display().to_string();
            let supplied = Supplied {
                sidecar: Some((side_name.as_str(), side.as_str())),
                ..Supplied::default()
            };
            let id = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            let (report, problem) =
                match Report::from_text(&id, &p.display().to_string(), text, &supplied) {
                    Ok(r) => (Some(r), None),
                    Err(e) => (None, Some(e.to_string())),
                };
            Doc {
                gold: read_gold(&p.with_extension("csv")),
                id,
                lang: get("language"),
                shape: get("shape"),
                report,
                problem,
            }
        })
        .collect()
}

/// Counts summed over a group of reports.
#[derive(Default, Clone, Copy)]
struct Tally {
    reports: usize,
    gold: usize,
    got: usize,
    matched: usize,
    certainty_agree: usize,
    /// Pairs matching on site and time (with or without the category).
    site_time: usize,
    clock_gold: usize,
    clock_right: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.reports += o.reports;
        self.gold += o.gold;
        self.got += o.got;
        self.matched += o.matched;
        self.certainty_agree += o.certainty_agree;
        self.site_time += o.site_time;
        self.clock_gold += o.clock_gold;
        self.clock_right += o.clock_right;
    }
    fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    fn precision(&self) -> f64 {
        ratio(self.matched, self.got)
    }
    fn clock(&self) -> f64 {
        ratio(self.clock_right, self.clock_gold)
    }
    fn category(&self) -> f64 {
        ratio(self.matched, self.site_time)
    }
    fn certainty(&self) -> f64 {
        ratio(self.certainty_agree, self.matched)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Whether an extracted site is one of a gold row's sites.
fn site_ok(g: &Gazetteer, gold: &[String], site: &str) -> bool {
    gold.iter().any(|s| match s.strip_prefix("name:") {
        None => s == site,
        Some(name) => g.get(site).is_some_and(|x| {
            let want = fold(name);
            fold(&x.name) == want || x.aliases.iter().any(|(_, a)| fold(a) == want)
        }),
    })
}

fn overlaps(e: &Event, g: &Gold) -> bool {
    e.time.start < g.end && g.start < e.time.end
}

fn distance(e: &Event, g: &Gold) -> i64 {
    (e.time.start.as_second() - g.start.as_second()).abs()
}

/// Scores one report; `detail` prints its misses and extras.
fn score(g: &Gazetteer, doc: &Doc, events: &[Event], detail: bool) -> Tally {
    // Extracted events merged by (site, category, interval), as the gold lists them.
    let mut seen = HashSet::new();
    let mut pool: Vec<&Event> = events
        .iter()
        .filter(|e| seen.insert((e.site_id.clone(), e.category, e.time.start, e.time.end)))
        .collect();
    let mut t = Tally {
        reports: 1,
        gold: doc.gold.len(),
        got: pool.len(),
        ..Tally::default()
    };
    let mut missed = Vec::new();
    let mut wrong_category = Vec::new();
    for x in &doc.gold {
        let best = |pool: &[&Event], category: bool| {
            pool.iter()
                .enumerate()
                .filter(|(_, e)| {
                    site_ok(g, &x.sites, &e.site_id)
                        && overlaps(e, x)
                        && (!category || e.category.as_str() == x.category)
                })
                .min_by_key(|(_, e)| (distance(e, x), e.certainty.as_str() != x.certainty))
                .map(|(i, _)| i)
        };
        if x.clock {
            t.clock_gold += 1;
        }
        if let Some(i) = best(&pool, true) {
            let e = pool.remove(i);
            t.matched += 1;
            t.site_time += 1;
            if e.certainty.as_str() == x.certainty {
                t.certainty_agree += 1;
            } else if detail {
                println!(
                    "    certainty {} for {} (line {}): {:?}",
                    e.certainty, x.certainty, x.line, x.quote
                );
            }
            let right = distance(e, x) <= 30 * 60
                && e.time.end.as_second() - e.time.start.as_second() <= 2 * 3600;
            if x.clock && right {
                t.clock_right += 1;
            } else if x.clock && detail {
                println!(
                    "    clock {} ({}) for {} (line {}): {:?}",
                    e.time.start, e.time.resolved, x.start, x.line, x.quote
                );
            }
        } else if let Some(i) = best(&pool, false) {
            t.site_time += 1;
            wrong_category.push((x, pool[i].category.as_str()));
        } else {
            missed.push(x);
        }
    }
    if detail {
        if let Some(p) = &doc.problem {
            println!("    not read: {p}");
        }
        for x in missed {
            println!(
                "    missed {} {} {} {} (line {}): {:?}",
                x.sites.join("|"),
                x.category,
                x.certainty,
                x.start,
                x.line,
                x.quote
            );
        }
        for (x, got) in wrong_category {
            println!(
                "    category {got} for {} {} (line {}): {:?}",
                x.sites.join("|"),
                x.category,
                x.line,
                x.quote
            );
        }
        if let Some(r) = &doc.report {
            for e in pool {
                println!(
                    "    extra {} {} {} {} ({}): {:?}",
                    e.site_id,
                    e.category,
                    e.certainty,
                    e.time.start,
                    e.time.resolved,
                    &r.text[e.quote_start..e.quote_end]
                );
            }
        }
    }
    t
}

fn row(name: &str, t: &Tally) -> String {
    format!(
        "{name:<22} {:>3} {:>4} {:>4}   {:>5.2} {:>5.2}  {:>5.2} ({:>2}/{:>2})  {:>5.2}  {:>5.2}",
        t.reports,
        t.gold,
        t.got,
        t.recall(),
        t.precision(),
        t.clock(),
        t.clock_right,
        t.clock_gold,
        t.category(),
        t.certainty()
    )
}

/// Scores a part and prints its tables; returns the whole part's tally and per language.
fn part(name: &str, detail: bool) -> (Tally, BTreeMap<String, Tally>) {
    let g = bundle::gazetteer();
    let docs = docs(name);
    let reports: Vec<Report> = docs.iter().filter_map(|d| d.report.clone()).collect();
    let events = extract::extract_all(&reports, &g);
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_shape: BTreeMap<String, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    for d in &docs {
        if detail {
            println!("  {}", d.id);
        }
        let mine: Vec<Event> = events
            .iter()
            .filter(|e| e.report_id == d.id)
            .cloned()
            .collect();
        let t = score(&g, d, &mine, detail);
        by_lang.entry(d.lang.clone()).or_default().add(&t);
        by_shape.entry(d.shape.clone()).or_default().add(&t);
        all.add(&t);
    }
    println!(
        "\n{name}: {:<15} rep gold  got  recall  prec  clock          categ  certa",
        ""
    );
    for (l, t) in &by_lang {
        println!("{}", row(&format!("  {l}"), t));
    }
    for (s, t) in &by_shape {
        println!("{}", row(&format!("  {s}"), t));
    }
    println!("{}", row("  all", &all));
    (all, by_lang)
}

/// `part,lang,recall,precision,clock,certainty` floors (lang `all` for the whole part).
fn floors() -> Vec<(String, String, [f64; 4])> {
    let text = std::fs::read_to_string(root().join("floor.csv")).unwrap_or_default();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .flatten()
        .map(|rec| {
            let f = |k: usize| rec[k].parse::<f64>().unwrap_or(0.0);
            (
                rec[0].to_string(),
                rec[1].to_string(),
                [f(2), f(3), f(4), f(5)],
            )
        })
        .collect()
}

fn check_floor(part: &str, all: &Tally, by_lang: &BTreeMap<String, Tally>) -> Vec<String> {
    let mut fails = Vec::new();
    for (p, lang, floor) in floors() {
        if p != part {
            continue;
        }
        let t = if lang == "all" {
            Some(all)
        } else {
            by_lang.get(&lang)
        };
        let Some(t) = t else { continue };
        let got = [t.recall(), t.precision(), t.clock(), t.certainty()];
        for (k, name) in ["recall", "precision", "clock", "certainty"]
            .iter()
            .enumerate()
        {
            if got[k] + 1e-9 < floor[k] {
                fails.push(format!(
                    "{part}/{lang} {name} {:.3} below floor {:.3}",
                    got[k], floor[k]
                ));
            }
        }
    }
    fails
}

#[test]
fn corpus_dev_and_test_parts() {
    // The dev part prints every miss and extra when VIGIA_CORPUS_DETAIL is set.
    let detail = std::env::var_os("VIGIA_CORPUS_DETAIL").is_some();
    let (dev, dev_lang) = part("dev", detail);
    // The test part: figures only, never its texts.
    let (test, test_lang) = part("test", false);
    let mut fails = check_floor("dev", &dev, &dev_lang);
    fails.extend(check_floor("test", &test, &test_lang));
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// Every gold quote is an exact substring of its report, and every gold site exists.
#[test]
fn gold_files_are_well_formed() {
    let g = bundle::gazetteer();
    for name in ["dev", "test"] {
        for d in docs(name) {
            let path = root()
                .join(name)
                .join(&d.lang)
                .join(format!("{}.txt", d.id));
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for x in &d.gold {
                assert!(
                    text.contains(&x.quote),
                    "{}.csv:{}: quote not in the report",
                    d.id,
                    x.line
                );
                assert!(x.end > x.start, "{}.csv:{}: empty interval", d.id, x.line);
                for s in &x.sites {
                    assert!(
                        s.starts_with("name:") || g.get(s).is_some(),
                        "{}.csv:{}: unknown site {s}",
                        d.id,
                        x.line
                    );
                }
            }
        }
    }
}
