//! Synthetic corpora for benchmarks: report files in the three languages, in article and
//! liveblog shapes, naming real gazetteer sites and, beyond those, synthetic sites placed
//! around them (written as a gazetteer extension). Deterministic: the same parameters
//! and seed give the same bytes. Native only (the CLI's `vigia synth`).
//!
//! Each generated event sentence names one site with one category cue and, in articles,
//! one time expression, so the extractor should find about one event per sentence; the
//! manifest records what was planned so a run can compare.
use std::collections::HashSet;
use std::fmt::Write as _;

use jiff::civil::{Date, date};

use crate::gazetteer::{Gazetteer, Site, SiteKind};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Distinct sites the events are spread over (real ones first, then synthetic).
    pub sites: usize,
    /// Event sentences to write.
    pub events: usize,
    /// Report files to spread them over.
    pub reports: usize,
    pub seed: u64,
}

/// One generated report: file stem, text, sidecar TOML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthReport {
    pub id: String,
    pub text: String,
    pub sidecar: String,
}

/// A generated corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    pub reports: Vec<SynthReport>,
    /// Rows for `gazetteer/sites.csv` of the extension (header included), if any
    /// synthetic site was needed.
    pub extension_csv: Option<String>,
    /// Sites used: (real, synthetic).
    pub site_counts: (usize, usize),
    pub params: Params,
}

impl Corpus {
    pub fn bytes(&self) -> usize {
        self.reports.iter().map(|r| r.text.len()).sum()
    }

    /// The generated reports, parsed as the CLI parses files with their sidecars.
    pub fn parsed_reports(&self) -> Result<Vec<crate::report::Report>, crate::Problem> {
        self.reports
            .iter()
            .map(|r| {
                let sidecar = format!("{}.toml", r.id);
                let supplied = crate::report::Supplied {
                    sidecar: Some((sidecar.as_str(), r.sidecar.as_str())),
                    ..crate::report::Supplied::default()
                };
                crate::report::Report::from_text(&r.id, &r.id, r.text.clone(), &supplied)
            })
            .collect()
    }

    /// A small JSON description of what was generated.
    pub fn manifest(&self) -> String {
        serde_json::json!({
            "generator": "vigia synth",
            "seed": self.params.seed,
            "sites": self.params.sites,
            "real_sites": self.site_counts.0,
            "synthetic_sites": self.site_counts.1,
            "events_planned": self.params.events,
            "reports": self.reports.len(),
            "bytes": self.bytes(),
        })
        .to_string()
    }
}

/// Largest corpus the generator accepts (the benchmarks go to 5,000 sites and 100,000
/// events; the cap keeps a typo from filling the disk).
pub const MAX_SITES: usize = 50_000;
pub const MAX_EVENTS: usize = 2_000_000;

/// Checks parameters; the message names the flag.
pub fn validate(p: &Params) -> Result<(), String> {
    if p.sites == 0 || p.sites > MAX_SITES {
        return Err(format!("--sites must be between 1 and {MAX_SITES}"));
    }
    if p.events > MAX_EVENTS {
        return Err(format!("--events must be at most {MAX_EVENTS}"));
    }
    if p.reports == 0 || p.reports > p.events.max(1) {
        return Err("--reports must be between 1 and --events".into());
    }
    Ok(())
}

/// Report language; the discriminant indexes `[nl, en, es]` arrays.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum L {
    Nl = 0,
    En = 1,
    Es = 2,
}

const CATEGORIES: [&str; 6] = [
    "strike",
    "deployment",
    "statement",
    "unrest",
    "outage",
    "capture",
];

/// Event sentences by language and category. `{p}` is the place, `{t}` the time phrase
/// (with its leading space, or empty).
fn templates(l: L, category: &str) -> &'static [&'static str] {
    match (l, category) {
        (L::En, "strike") => &[
            "explosions were heard near {p}{t}",
            "US aircraft struck a military depot at {p}{t}",
            "a missile hit a radar station in {p}{t}",
        ],
        (L::En, "deployment") => &[
            "troops were deployed to {p}{t}",
            "two warships arrived off {p}{t}",
            "military helicopters flew over {p}{t}",
        ],
        (L::En, "statement") => &[
            "the governor declared a state of emergency in {p}{t}",
            "the mayor gave a speech in {p}{t}",
        ],
        (L::En, "unrest") => &[
            "protesters clashed with police in {p}{t}",
            "hundreds joined a protest in {p}{t}",
        ],
        (L::En, "outage") => &[
            "residents of {p} were left without power{t}",
            "a power outage hit {p}{t}",
        ],
        (L::En, _) => &["soldiers arrested three suspects in {p}{t}"],
        (L::Nl, "strike") => &[
            "bij {p} waren{t} explosies te horen",
            "Amerikaanse vliegtuigen bombardeerden{t} een militair depot in {p}",
            "een raketaanval trof{t} een radarstation in {p}",
        ],
        (L::Nl, "deployment") => &[
            "er werden{t} troepen ingezet in {p}",
            "twee oorlogsschepen werden{t} naar {p} gestuurd",
            "militaire helikopters vlogen{t} boven {p}",
        ],
        (L::Nl, "statement") => &[
            "de gouverneur riep{t} de noodtoestand uit in {p}",
            "de burgemeester hield{t} een toespraak in {p}",
        ],
        (L::Nl, "unrest") => &[
            "betogers protesteerden{t} in {p}",
            "honderden mensen sloten zich{t} aan bij een demonstratie in {p}",
        ],
        (L::Nl, "outage") => &[
            "inwoners van {p} zaten{t} zonder stroom",
            "een stroomstoring trof{t} {p}",
        ],
        (L::Nl, _) => &["militairen hebben{t} in {p} drie verdachten gearresteerd"],
        (L::Es, "strike") => &[
            "se escucharon explosiones cerca de {p}{t}",
            "aviones estadounidenses bombardearon un depósito militar en {p}{t}",
            "un misil impactó una estación de radar en {p}{t}",
        ],
        (L::Es, "deployment") => &[
            "tropas fueron desplegadas en {p}{t}",
            "dos buques de guerra llegaron a {p}{t}",
            "helicópteros militares sobrevolaron {p}{t}",
        ],
        (L::Es, "statement") => &[
            "el gobernador declaró el estado de emergencia en {p}{t}",
            "el alcalde dio un discurso en {p}{t}",
        ],
        (L::Es, "unrest") => &[
            "manifestantes protestaron en {p}{t}",
            "cientos de personas se sumaron a una manifestación en {p}{t}",
        ],
        (L::Es, "outage") => &[
            "vecinos de {p} quedaron sin luz{t}",
            "un apagón afectó a {p}{t}",
        ],
        (L::Es, _) => &["un sospechoso fue detenido en {p}{t}"],
    }
}

/// A hypothetical strike, which the extractor should mark as such.
fn hypothetical(l: L) -> &'static str {
    match l {
        L::En => "Washington is considering strikes on {p}",
        L::Nl => "de VS overwegen aanvallen op {p}",
        L::Es => "Estados Unidos evalúa ataques contra {p}",
    }
}

/// Attribution tails: (confirmed, reported, hedged).
fn tails(l: L) -> [&'static str; 3] {
    match l {
        L::En => [
            ", officials confirmed",
            ", according to witnesses",
            ", local media claimed",
        ],
        L::Nl => [
            ", bevestigde het leger",
            ", aldus getuigen",
            ", naar verluidt",
        ],
        L::Es => [
            ", confirmaron las autoridades",
            ", informaron fuentes locales",
            ", según medios locales",
        ],
    }
}

fn fillers(l: L) -> &'static [&'static str] {
    match l {
        L::En => &[
            "The situation remains tense.",
            "Further details were not immediately available.",
            "Schools and shops stayed closed.",
        ],
        L::Nl => &[
            "De situatie blijft gespannen.",
            "Meer details waren nog niet bekend.",
            "Scholen en winkels bleven dicht.",
        ],
        L::Es => &[
            "La situación sigue siendo tensa.",
            "No se conocieron más detalles.",
            "Escuelas y comercios permanecieron cerrados.",
        ],
    }
}

fn headline(l: L, site: &str) -> String {
    match l {
        L::En => format!("Tension rises around {site} as US pressure on Venezuela grows"),
        L::Nl => format!("Spanning rond {site} loopt op door Amerikaanse druk op Venezuela"),
        L::Es => format!("Crece la tensión en torno a {site} por la presión de EE.UU."),
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEEKDAYS_NL: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const WEEKDAYS_ES: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// A time phrase for an event `days_back` days before publication (0..=5), in an article.
fn time_phrase(l: L, rng: &mut fastrand::Rng, published: Date, days_back: i64) -> String {
    let day = published
        .checked_sub(jiff::Span::new().days(days_back))
        .unwrap_or(published);
    let wd = (day.weekday().to_monday_zero_offset()) as usize;
    let m = (day.month() - 1) as usize;
    let d = day.day();
    let clock = (rng.u8(0..4) == 0).then(|| (rng.u8(0..24), rng.u8(0..12) * 5));
    let mut s = match (l, days_back) {
        (L::En, 0) => [" today", ""][rng.usize(0..2)].to_string(),
        (L::En, 1) => " yesterday".into(),
        (L::En, _) if rng.bool() => format!(" on {}", WEEKDAYS_EN[wd]),
        (L::En, _) => format!(" on {d} {}", MONTHS_EN[m]),
        (L::Nl, 0) => [" vandaag", ""][rng.usize(0..2)].to_string(),
        (L::Nl, 1) => " gisteren".into(),
        (L::Nl, _) if rng.bool() => format!(" op {}", WEEKDAYS_NL[wd]),
        (L::Nl, _) => format!(" op {d} {}", MONTHS_NL[m]),
        (L::Es, 0) => [" hoy", ""][rng.usize(0..2)].to_string(),
        (L::Es, 1) => " ayer".into(),
        (L::Es, _) if rng.bool() => format!(" el {}", WEEKDAYS_ES[wd]),
        (L::Es, _) => format!(" el {d} de {}", MONTHS_ES[m]),
    };
    if let Some((h, min)) = clock {
        let _ = match l {
            L::En => write!(s, " at {h:02}:{min:02} local time"),
            L::Nl => write!(s, " om {h:02}:{min:02} uur lokale tijd"),
            L::Es => write!(s, " a las {h:02}:{min:02} hora local"),
        };
    }
    s
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One event sentence.
fn sentence(l: L, rng: &mut fastrand::Rng, place: &str, time: &str) -> String {
    let body = if rng.u8(0..20) == 0 {
        hypothetical(l).replace("{p}", place)
    } else {
        let category = CATEGORIES[weighted(rng, &[40, 25, 10, 10, 10, 5])];
        let forms = templates(l, category);
        let mut s = forms[rng.usize(0..forms.len())]
            .replace("{p}", place)
            .replace("{t}", time);
        let tail = match rng.u8(0..10) {
            0..=2 => tails(l)[0],
            3..=6 => tails(l)[1],
            7 => tails(l)[2],
            _ => "",
        };
        s.push_str(tail);
        s
    };
    let mut s = capitalize(&body);
    s.push('.');
    s
}

fn weighted(rng: &mut fastrand::Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.u32(0..total.max(1));
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// Syllables for synthetic place names: Spanish-looking, never an existing word of the
/// lexicons (checked against the gazetteer names at generation).
const SYLLABLES: [&str; 24] = [
    "ca", "ra", "ma", "ta", "bo", "lu", "ri", "go", "na", "pe", "que", "ya", "cu", "ti", "sa",
    "mo", "va", "ro", "chi", "gua", "te", "li", "do", "ño",
];
const PREFIXES: [&str; 8] = [
    "Puesto",
    "Fuerte",
    "Muelle",
    "Caserío",
    "Destacamento",
    "Aeródromo",
    "Hato",
    "Sector",
];

/// Real sites events may be placed at: named points, districts and cities whose name is
/// theirs alone (shared names need context to resolve).
fn real_pool(g: &Gazetteer) -> Vec<&Site> {
    g.sites
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                SiteKind::Point | SiteKind::District | SiteKind::City
            ) && s.shared.is_empty()
                && !s.name.chars().any(|c| c.is_ascii_digit())
        })
        .collect()
}

/// Generates a corpus. `g` is the gazetteer the reports draw real names from.
pub fn generate(p: Params, g: &Gazetteer) -> Corpus {
    let mut rng = fastrand::Rng::with_seed(p.seed);
    let mut pool = real_pool(g);
    rng.shuffle(&mut pool);
    let real = pool.len().min(p.sites);
    pool.truncate(real);

    // Synthetic sites around the real ones.
    let taken: HashSet<String> = g
        .sites
        .iter()
        .flat_map(|s| s.aliases.iter().map(|(_, a)| crate::text::fold(a)))
        .collect();
    let mut names: HashSet<String> = HashSet::new();
    let mut synthetic: Vec<(String, String, f64, f64, String)> = Vec::new(); // id, name, lat, lon, parent
    let anchors: Vec<&Site> = pool
        .iter()
        .copied()
        .filter(|s| s.kind == SiteKind::City)
        .collect();
    if p.sites > real && !anchors.is_empty() {
        while synthetic.len() < p.sites - real {
            let word: String = (0..rng.usize(2..4))
                .map(|_| SYLLABLES[rng.usize(0..SYLLABLES.len())])
                .collect();
            let name = format!(
                "{} {}",
                PREFIXES[rng.usize(0..PREFIXES.len())],
                capitalize(&word)
            );
            let folded = crate::text::fold(&name);
            if taken.contains(&folded) || !names.insert(folded) {
                continue;
            }
            let anchor = anchors[rng.usize(0..anchors.len())];
            // Within about 25 km of the anchor town.
            let lat = anchor.lat + (rng.f64() - 0.5) * 0.45;
            let lon = anchor.lon + (rng.f64() - 0.5) * 0.45;
            let id = format!("synth-{:05}", synthetic.len() + 1);
            synthetic.push((id, name, lat, lon, anchor.id.clone()));
        }
    }
    let extension_csv = (!synthetic.is_empty()).then(|| extension(&synthetic, g, p.seed));
    // Each place as written in Dutch, English and Spanish: the site's first alias in that
    // language, else its display name.
    let local = |s: &Site, l: crate::lang::Lang| {
        s.aliases
            .iter()
            .find(|(al, _)| *al == l)
            .map_or_else(|| s.name.clone(), |(_, a)| a.clone())
    };
    let mut places: Vec<[String; 3]> = pool
        .iter()
        .map(|s| {
            [
                local(s, crate::lang::Lang::parse("nl").unwrap_or_default()),
                local(s, crate::lang::Lang::parse("en").unwrap_or_default()),
                local(s, crate::lang::Lang::parse("es").unwrap_or_default()),
            ]
        })
        .collect();
    places.extend(
        synthetic
            .iter()
            .map(|s| [s.1.clone(), s.1.clone(), s.1.clone()]),
    );
    if places.is_empty() {
        places.push(["Caracas".into(), "Caracas".into(), "Caracas".into()]);
    }

    // Publication dates: a few reports on the 2019 uprising, most across the 2025–2026
    // campaign, a cluster on the night of 3 January 2026.
    let mut dates: Vec<Date> = (0..p.reports)
        .map(|_| match rng.u8(0..20) {
            0 => date(2019, 4, 30)
                .checked_add(jiff::Span::new().days(rng.i64(0..4)))
                .unwrap_or(date(2019, 4, 30)),
            1..=2 => date(2026, 1, 3)
                .checked_add(jiff::Span::new().days(rng.i64(0..2)))
                .unwrap_or(date(2026, 1, 3)),
            _ => date(2025, 8, 15)
                .checked_add(jiff::Span::new().days(rng.i64(0..160)))
                .unwrap_or(date(2025, 8, 15)),
        })
        .collect();
    dates.sort();

    let width = p.reports.to_string().len().max(3);
    let mut reports = Vec::with_capacity(p.reports);
    for (k, published) in dates.into_iter().enumerate() {
        let n = p.events / p.reports + usize::from(k < p.events % p.reports);
        let l = [L::Nl, L::En, L::Es][rng.usize(0..3)];
        let liveblog = rng.u8(0..5) < 2;
        // Hot sites get more events: squared uniform favours the front of the shuffled pool.
        let li = l as usize;
        let pick = |rng: &mut fastrand::Rng| {
            let u = rng.f64();
            places[((u * u) * places.len() as f64) as usize % places.len()][li].clone()
        };
        let lead = pick(&mut rng);
        let title = headline(l, &lead);
        let mut text = format!(" date {published} {title}\n");
        let (code, tz) = match l {
            L::Nl => ("nl", "Europe/Amsterdam"),
            L::En => ("en", "America/New_York"),
            L::Es => ("es", "America/Caracas"),
        };
        if liveblog {
            // Entries through the day, newest last, one to three events each.
            let mut left = n;
            let entries = n.div_ceil(2).max(1);
            for e in 0..entries {
                let minute = 6 * 60 + (e * (17 * 60) / entries) as u32;
                let (h, m) = (minute / 60, minute % 60);
                let _ = match l {
                    L::En => {
                        let (h12, ap) = match h {
                            0 => (12, "a.m."),
                            1..=11 => (h, "a.m."),
                            12 => (12, "p.m."),
                            _ => (h - 12, "p.m."),
                        };
                        write!(text, "UPDATE {h12}:{m:02} {ap} ET - ")
                    }
                    L::Nl => write!(text, "UPDATE {h:02}:{m:02} - "),
                    L::Es => write!(text, "ACTUALIZACIÓN {h:02}:{m:02} - "),
                };
                let here = left.div_ceil(entries - e);
                left -= here;
                let mut parts: Vec<String> = (0..here)
                    .map(|_| {
                        let place = pick(&mut rng);
                        sentence(l, &mut rng, &place, "")
                    })
                    .collect();
                if rng.u8(0..4) == 0 {
                    let f = fillers(l);
                    parts.push(f[rng.usize(0..f.len())].to_string());
                }
                text.push_str(&parts.join(" "));
                text.push('\n');
            }
        } else {
            // Paragraphs of up to four sentences, about the last few days.
            let mut written = 0;
            while written < n {
                let here = (n - written).min(rng.usize(1..5));
                let mut parts: Vec<String> = (0..here)
                    .map(|_| {
                        let place = pick(&mut rng);
                        let days_back = weighted(&mut rng, &[40, 30, 10, 10, 5, 5]) as i64;
                        let t = time_phrase(l, &mut rng, published, days_back);
                        sentence(l, &mut rng, &place, &t)
                    })
                    .collect();
                if rng.u8(0..3) == 0 {
                    let f = fillers(l);
                    parts.push(f[rng.usize(0..f.len())].to_string());
                }
                written += here;
                text.push_str(&parts.join(" "));
                text.push('\n');
            }
        }
        let sidecar = format!(
            "title = {title:?}\nlanguage = \"{code}\"\npublisher_tz = \"{tz}\"\nsource = \"Vigía synthetic corpus (vigia synth --seed {})\"\n",
            p.seed
        );
        reports.push(SynthReport {
            id: format!("synth_{k:0width$}_{code}"),
            text,
            sidecar,
        });
    }
    Corpus {
        reports,
        extension_csv,
        site_counts: (real, synthetic.len()),
        params: p,
    }
}

/// The gazetteer rows of the synthetic sites, with the bundled table's header.
fn extension(sites: &[(String, String, f64, f64, String)], g: &Gazetteer, seed: u64) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![
        "id,name,kind,parent,lat,lon,radius_km,tolerance_km,aliases_nl,aliases_en,aliases_es,shared,source,licence,note"
            .split(',')
            .map(String::from)
            .collect(),
    ];
    for (id, name, lat, lon, parent) in sites {
        let near = g.get(parent).map_or(parent.as_str(), |s| s.name.as_str());
        rows.push(vec![
            id.clone(),
            name.clone(),
            "point".into(),
            parent.clone(),
            format!("{lat:.5}"),
            format!("{lon:.5}"),
            "0.5".into(),
            "0.01".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            format!("vigia synth --seed {seed}"),
            "CC0-1.0".into(),
            format!("Synthetic benchmark site near {near}"),
        ]);
    }
    for r in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&r);
    }
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

/// Writes `reports/*.txt` + `*.toml`, `gazetteer/sites.csv` (the extension, if any) and
/// `manifest.json` under `dir`.
pub fn write(corpus: &Corpus, dir: &std::path::Path) -> std::io::Result<()> {
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports)?;
    for r in &corpus.reports {
        std::fs::write(reports.join(format!("{}.txt", r.id)), &r.text)?;
        std::fs::write(reports.join(format!("{}.toml", r.id)), &r.sidecar)?;
    }
    if let Some(csv) = &corpus.extension_csv {
        let g = dir.join("gazetteer");
        std::fs::create_dir_all(&g)?;
        std::fs::write(g.join("sites.csv"), csv)?;
    }
    std::fs::write(dir.join("manifest.json"), corpus.manifest() + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(sites: usize, events: usize, reports: usize, seed: u64) -> Params {
        Params {
            sites,
            events,
            reports,
            seed,
        }
    }

    #[test]
    fn same_seed_same_corpus_other_seed_other_corpus() {
        let g = Gazetteer::bundled();
        let a = generate(params(900, 300, 6, 1), &g);
        let b = generate(params(900, 300, 6, 1), &g);
        let c = generate(params(900, 300, 6, 2), &g);
        assert_eq!(a, b);
        assert_ne!(a.reports, c.reports);
    }

    #[test]
    fn extension_fits_the_gazetteer_and_the_extractor_finds_the_planned_events() {
        let g = Gazetteer::bundled();
        let corpus = generate(params(1200, 2000, 24, 3), &g);
        let (real, synthetic) = corpus.site_counts;
        assert_eq!(real + synthetic, 1200);
        assert!(synthetic > 0, "{real} real sites");
        let csv = corpus.extension_csv.clone().unwrap_or_default();
        let (extended, problems) = g.extended("synth/gazetteer/sites.csv", &csv);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(extended.sites.len(), g.sites.len() + synthetic);
        assert!(
            crate::gazetteer::check("synth", &csv)
                .iter()
                .all(|p| p.message.contains("parent"))
        );

        let reports = corpus.parsed_reports().unwrap_or_else(|p| panic!("{p}"));
        let langs: HashSet<_> = reports.iter().map(|r| r.meta.language).collect();
        assert_eq!(langs.len(), 3, "all three languages");
        let events = crate::extract::extract_all(&reports, &extended);
        let planned = corpus.params.events as f64;
        let found = events.len() as f64;
        assert!(
            (found - planned).abs() / planned < 0.03,
            "planned {planned}, extracted {found}"
        );
        let sites: HashSet<&str> = events.iter().map(|e| e.site_id.as_str()).collect();
        assert!(sites.iter().any(|s| s.starts_with("synth-")));
        assert!(sites.len() > 600, "{} sites with events", sites.len());
    }

    #[test]
    fn validation_names_the_flag() {
        assert!(validate(&params(0, 10, 1, 1)).is_err_and(|e| e.contains("--sites")));
        assert!(validate(&params(10, 10, 11, 1)).is_err_and(|e| e.contains("--reports")));
        assert!(validate(&params(10, 10, 2, 1)).is_ok());
    }
}
