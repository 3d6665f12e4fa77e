//! The geocoding table: named sites with coordinates, extents, parents, aliases per
//! language and the source of every coordinate. Read from `gazetteer/sites.csv`.
//! Depends on `text` (folding) and `lang`.
mod check;
mod matcher;

pub use check::check;
pub use matcher::{Matcher, Mention};

use serde::{Deserialize, Serialize};

use crate::Problem;
use crate::lang::Lang;

/// The bundled table, compiled in.
pub const BUNDLED_CSV: &str = include_str!("../../gazetteer/sites.csv");
/// The path the bundled table is reported under.
pub const BUNDLED_PATH: &str = "gazetteer/sites.csv";
/// The bundled alias rows (`site,language,alias,marked,source`), compiled in.
pub const BUNDLED_ALIASES_CSV: &str = include_str!("../../gazetteer/aliases.csv");
/// The path the bundled alias rows are reported under.
pub const BUNDLED_ALIASES_PATH: &str = "gazetteer/aliases.csv";

/// What kind of place a site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SiteKind {
    Point,
    District,
    City,
    Region,
    Country,
    Sea,
}

impl SiteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SiteKind::Point => "point",
            SiteKind::District => "district",
            SiteKind::City => "city",
            SiteKind::Region => "region",
            SiteKind::Country => "country",
            SiteKind::Sea => "sea",
        }
    }

    pub fn parse(s: &str) -> Option<SiteKind> {
        [
            SiteKind::Point,
            SiteKind::District,
            SiteKind::City,
            SiteKind::Region,
            SiteKind::Country,
            SiteKind::Sea,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Areas are drawn as extents, not pins.
    pub fn is_area(self) -> bool {
        !matches!(self, SiteKind::Point)
    }
}

/// A named place with sourced coordinates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub kind: SiteKind,
    pub parent: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
    /// How far the coordinate may lie from its cited source's own coordinate.
    pub tolerance_km: f64,
    /// Aliases with their language; the display name is always an alias too.
    pub aliases: Vec<(Lang, String)>,
    /// Aliases this site shares on purpose with other sites (folded); the matcher
    /// resolves them by context.
    pub shared: Vec<String>,
    pub source: String,
    pub licence: String,
    pub note: String,
    /// 1-based line of the row in its file.
    pub line: usize,
}

/// All sites, in file order, with an index by id.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub sites: Vec<Site>,
    /// Position of the first site with each id.
    index: std::collections::HashMap<String, usize>,
}

#[derive(Debug, Deserialize)]
struct Row {
    id: String,
    name: String,
    kind: String,
    parent: String,
    lat: String,
    lon: String,
    radius_km: String,
    tolerance_km: String,
    shared: String,
    source: String,
    licence: String,
    note: String,
}

impl Gazetteer {
    /// The bundled table. It is checked by the test suite, so it parses.
    pub fn bundled() -> Gazetteer {
        let (g, _) = Gazetteer::parse(BUNDLED_PATH, BUNDLED_CSV);
        let (g, _) = g.with_aliases(BUNDLED_ALIASES_PATH, BUNDLED_ALIASES_CSV);
        g
    }

    /// This table with the alias rows of an alias file (`site,language,alias,marked,source`)
    /// added to their sites. Rows naming an unknown site or language are reported and left out.
    pub fn with_aliases(mut self, path: &str, csv_text: &str) -> (Gazetteer, Vec<Problem>) {
        #[derive(Deserialize)]
        struct AliasRow {
            site: String,
            language: String,
            alias: String,
        }
        let mut problems = Vec::new();
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(csv_text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return (self, vec![Problem::new(path, 1, csv_error_text(&e))]),
        };
        for result in reader.records() {
            let record = match result {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(1, |p| p.line() as usize);
                    problems.push(Problem::new(path, line, csv_error_text(&e)));
                    continue;
                }
            };
            let line = record.position().map_or(1, |p| p.line() as usize);
            let row: AliasRow = match record.deserialize(Some(&headers)) {
                Ok(r) => r,
                Err(e) => {
                    problems.push(Problem::new(path, line, csv_error_text(&e)));
                    continue;
                }
            };
            let Some(lang) = Lang::parse(&row.language) else {
                problems.push(Problem::new(
                    path,
                    line,
                    format!(
                        "language {:?} is not one of {}",
                        row.language,
                        crate::lang::codes()
                    ),
                ));
                continue;
            };
            match self.index.get(&row.site) {
                Some(&i) if !row.alias.is_empty() => self.sites[i].aliases.push((lang, row.alias)),
                Some(_) => problems.push(Problem::new(path, line, "empty alias")),
                None => problems.push(Problem::new(
                    path,
                    line,
                    format!("unknown site {:?}", row.site),
                )),
            }
        }
        (self, problems)
    }

    /// Parses a table, keeping every row that can be read and reporting the others.
    /// Structural checks across rows are in [`check`].
    pub fn parse(path: &str, csv_text: &str) -> (Gazetteer, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut sites = Vec::new();
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(csv_text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return (
                    Gazetteer::new(sites),
                    vec![Problem::new(
                        path,
                        1,
                        format!("unreadable header: {}", csv_error_text(&e)),
                    )],
                );
            }
        };
        // `aliases_<code>` columns, one per language with a data file.
        let mut alias_columns = Vec::new();
        for (k, h) in headers.iter().enumerate() {
            if let Some(code) = h.strip_prefix("aliases_") {
                match Lang::parse(code) {
                    Some(l) => alias_columns.push((k, l)),
                    None => problems.push(Problem::new(
                        path,
                        1,
                        format!(
                            "column {h:?} names no language (one of {})",
                            crate::lang::codes()
                        ),
                    )),
                }
            }
        }
        for result in reader.records() {
            let record = match result {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(1, |p| p.line() as usize);
                    problems.push(Problem::new(
                        path,
                        line,
                        format!("unreadable row: {}", csv_error_text(&e)),
                    ));
                    continue;
                }
            };
            let line = record.position().map_or(1, |p| p.line() as usize);
            let aliases: Vec<(Lang, &str)> = alias_columns
                .iter()
                .filter_map(|(k, l)| Some((*l, record.get(*k)?)))
                .collect();
            let parsed = record
                .deserialize::<Row>(Some(&headers))
                .map_err(|e| csv_error_text(&e))
                .and_then(|row| Site::from_row(row, &aliases, line));
            match parsed {
                Ok(site) => sites.push(site),
                Err(message) => problems.push(Problem::new(path, line, message)),
            }
        }
        (Gazetteer::new(sites), problems)
    }

    /// This table with the rows of another appended (e.g. a synthetic extension made by
    /// `vigia synth`). Rows that cannot be read, ids already taken and parents that exist
    /// in neither table are reported; the other rows are kept.
    pub fn extended(&self, path: &str, csv_text: &str) -> (Gazetteer, Vec<Problem>) {
        let (extra, mut problems) = Gazetteer::parse(path, csv_text);
        let mut sites = self.sites.clone();
        let mut seen: std::collections::HashSet<String> =
            self.sites.iter().map(|s| s.id.clone()).collect();
        for site in extra.sites {
            if !seen.insert(site.id.clone()) {
                problems.push(Problem::new(
                    path,
                    site.line,
                    format!("duplicate id {:?}", site.id),
                ));
                continue;
            }
            sites.push(site);
        }
        let g = Gazetteer::new(sites);
        for s in &g.sites[self.sites.len()..] {
            if let Some(parent) = &s.parent
                && g.get(parent).is_none()
            {
                problems.push(Problem::new(
                    path,
                    s.line,
                    format!("unknown parent {parent:?}"),
                ));
            }
        }
        (g, problems)
    }

    /// Builds the id index; the first of duplicate ids wins (the check reports the rest).
    pub fn new(sites: Vec<Site>) -> Gazetteer {
        let mut index = std::collections::HashMap::with_capacity(sites.len());
        for (i, s) in sites.iter().enumerate() {
            index.entry(s.id.clone()).or_insert(i);
        }
        Gazetteer { sites, index }
    }

    /// The site with this id, by hash lookup (called per place mention and per event).
    pub fn get(&self, id: &str) -> Option<&Site> {
        self.index.get(id).map(|i| &self.sites[*i])
    }

    /// Where the site with this id is in `sites`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The chain of parents of a site, nearest first.
    pub fn ancestors<'a>(&'a self, site: &'a Site) -> impl Iterator<Item = &'a Site> + 'a {
        let mut next = site.parent.as_deref();
        let mut guard = 0;
        std::iter::from_fn(move || {
            guard += 1;
            if guard > 32 {
                return None;
            }
            let s = self.get(next?)?;
            next = s.parent.as_deref();
            Some(s)
        })
    }
}

fn csv_error_text(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("{len} fields where the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}

impl Site {
    fn from_row(row: Row, alias_lists: &[(Lang, &str)], line: usize) -> Result<Site, String> {
        let kind = SiteKind::parse(&row.kind).ok_or_else(|| {
            format!(
                "unknown kind {:?} (point, district, city, region, country, sea)",
                row.kind
            )
        })?;
        let num = |field: &str, v: &str| {
            v.parse::<f64>()
                .map_err(|_| format!("{field} {v:?} is not a number"))
        };
        let lat = num("lat", &row.lat)?;
        let lon = num("lon", &row.lon)?;
        let radius_km = num("radius_km", &row.radius_km)?;
        let tolerance_km = num("tolerance_km", &row.tolerance_km)?;
        if !(-90.0..=90.0).contains(&lat) {
            return Err(format!("latitude {lat} is outside -90..90"));
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(format!("longitude {lon} is outside -180..180"));
        }
        if radius_km.is_nan() || radius_km <= 0.0 {
            return Err(format!("radius_km {radius_km} must be positive"));
        }
        if row.id.is_empty()
            || !row
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(format!(
                "id {:?} must be lower-case letters, digits and '-'",
                row.id
            ));
        }
        if row.name.is_empty() {
            return Err("name is empty".into());
        }
        let mut aliases = Vec::new();
        for (lang, list) in alias_lists {
            let lang = *lang;
            for a in list.split('|').map(str::trim).filter(|a| !a.is_empty()) {
                aliases.push((lang, a.to_string()));
            }
        }
        Ok(Site {
            id: row.id,
            name: row.name,
            kind,
            parent: Some(row.parent).filter(|p| !p.is_empty()),
            lat,
            lon,
            radius_km,
            tolerance_km,
            aliases,
            shared: row
                .shared
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(crate::text::fold)
                .collect(),
            source: row.source,
            licence: row.licence,
            note: row.note,
            line,
        })
    }

    /// Great-circle distance to another site in km.
    pub fn distance_km(&self, other: &Site) -> f64 {
        use geo::{Distance, Haversine, Point};
        Haversine.distance(
            Point::new(self.lon, self.lat),
            Point::new(other.lon, other.lat),
        ) / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_parses_without_problems() {
        let (g, problems) = Gazetteer::parse(BUNDLED_PATH, BUNDLED_CSV);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(g.get("fuerte-tiuna").is_some());
        let ft = g
            .get("fuerte-tiuna")
            .map(|s| g.ancestors(s).map(|a| a.id.clone()).collect::<Vec<_>>());
        assert_eq!(
            ft,
            Some(vec![
                "caracas".to_string(),
                "state-distrito-capital".to_string(),
                "venezuela".to_string()
            ])
        );
    }
}
