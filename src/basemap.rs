//! The embedded basemap: country outlines from Natural Earth, derived by
//! `scripts/basemap.mjs` into `www/basemap/region.json`, parsed here and turned into SVG
//! path data through a [`Viewport`]. Depends on `projection`.
use serde::Deserialize;

/// A country outline.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Country {
    pub name: String,
    pub id: String,
    /// Label point, `[lon, lat]`.
    pub label: [f64; 2],
    /// Rings of `[lon, lat]` points.
    pub rings: Vec<Vec<[f64; 2]>>,
}

/// The basemap file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Basemap {
    pub attribution: String,
    /// `[west, south, east, north]`.
    pub bbox: [f64; 4],
    pub countries: Vec<Country>,
}

impl Basemap {
    pub fn parse(json: &str) -> Result<Basemap, String> {
        serde_json::from_str(json).map_err(|e| format!("basemap: {e}"))
    }
}

/// The zoom at which [`reference_path_data`] draws: about 0.6 km per unit at Caracas,
/// finer than the Natural Earth 1:50m data.
pub const REFERENCE_ZOOM: f64 = 8.0;

/// SVG path data of a country's rings in reference pixels (see
/// [`crate::projection::to_reference`]), drawn once and placed on screen by the
/// viewport's [`crate::projection::Viewport::reference_transform`]. Points closer than half a unit to the
/// previous one are skipped.
pub fn reference_path_data(country: &Country) -> String {
    use std::fmt::Write;
    let mut d = String::new();
    for ring in &country.rings {
        let mut last: Option<(f64, f64)> = None;
        for (k, p) in ring.iter().enumerate() {
            let (x, y) = crate::projection::to_reference(p[0], p[1], REFERENCE_ZOOM);
            if let Some((lx, ly)) = last
                && (x - lx).abs() < 0.5
                && (y - ly).abs() < 0.5
                && k + 1 < ring.len()
            {
                continue;
            }
            let _ = write!(d, "{}{x:.1},{y:.1}", if last.is_none() { 'M' } else { 'L' });
            last = Some((x, y));
        }
        d.push('Z');
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_basemap_has_venezuela() {
        let b = Basemap::parse(include_str!("../www/basemap/region.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        let ve = b.countries.iter().find(|c| c.name == "Venezuela");
        assert!(ve.is_some_and(|c| c.rings.iter().map(Vec::len).sum::<usize>() > 100));
        let d = ve.map(reference_path_data).unwrap_or_default();
        assert!(d.starts_with('M') && d.ends_with('Z'));
    }
}
