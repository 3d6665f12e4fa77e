//! The embedded basemap: country outlines from Natural Earth (1:50m for the region, 1:10m
//! around Venezuela) and GeoNames places, derived by `scripts/basemap.mjs` into
//! `www/basemap/region.json`, parsed here and turned into SVG path data in reference
//! pixels, simplified for the zoom they are shown at (`geo`'s Ramer–Douglas–Peucker).
//! Depends on `projection`.
use geo::{Coord, LineString, Simplify};
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

/// A place to label.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct City {
    pub name: String,
    pub lon: f64,
    pub lat: f64,
    pub population: u64,
    /// 2 a national capital, 1 a state capital, 0 neither.
    pub capital: u8,
}

/// The basemap file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Basemap {
    pub attribution: String,
    /// `[west, south, east, north]`.
    pub bbox: [f64; 4],
    /// Region view outlines (1:50m).
    pub countries: Vec<Country>,
    /// Where `detail` covers, `[west, south, east, north]`.
    #[serde(default)]
    pub detail_bbox: Option<[f64; 4]>,
    /// Closer outlines clipped to `detail_bbox`.
    #[serde(default)]
    pub detail: Vec<Country>,
    /// Where `coast` covers, `[west, south, east, north]`.
    #[serde(default)]
    pub coast_bbox: Option<[f64; 4]>,
    /// The closest outlines, for the Caracas coast.
    #[serde(default)]
    pub coast: Vec<Country>,
    /// Places, capitals first, then by population.
    #[serde(default)]
    pub cities: Vec<City>,
}

/// The smallest place a label is given for at a zoom (national capitals always are).
pub fn min_population(zoom: f64) -> Option<u64> {
    match zoom {
        z if z < 6.0 => None,
        z if z < 7.0 => Some(500_000),
        z if z < 8.0 => Some(150_000),
        z if z < 9.0 => Some(50_000),
        _ => Some(20_000),
    }
}

impl Basemap {
    pub fn parse(json: &str) -> Result<Basemap, String> {
        serde_json::from_str(json).map_err(|e| format!("basemap: {e}"))
    }
}

/// The zoom at which [`simplified_path_data`] draws: about 0.6 km per unit at Caracas,
/// finer than the Natural Earth 1:50m data.
pub const REFERENCE_ZOOM: f64 = 8.0;

impl Basemap {
    /// Which outlines to draw for a view of `[west, south, east, north]` at `zoom`: the
    /// closest set whose box holds the whole view and whose zoom the view has reached.
    pub fn outlines_for(&self, view: [f64; 4], zoom: f64) -> &[Country] {
        let holds = |b: Option<[f64; 4]>| {
            b.is_some_and(|b| {
                view[0] >= b[0] && view[1] >= b[1] && view[2] <= b[2] && view[3] <= b[3]
            })
        };
        if zoom >= 9.5 && !self.coast.is_empty() && holds(self.coast_bbox) {
            &self.coast
        } else if zoom >= 6.5 && !self.detail.is_empty() && holds(self.detail_bbox) {
            &self.detail
        } else {
            &self.countries
        }
    }
}

/// The simplification level for a zoom: whole zoom levels from 3 to 12.
pub fn zoom_level(zoom: f64) -> i32 {
    (zoom.floor() as i32).clamp(3, 12)
}

/// SVG path data of a country's rings in reference pixels, simplified so that no point
/// is off by more than about half a screen pixel at zoom `level` (see [`zoom_level`]).
pub fn simplified_path_data(country: &Country, level: i32) -> String {
    use std::fmt::Write;
    let tolerance = 0.5 * (REFERENCE_ZOOM - f64::from(level)).exp2();
    let mut d = String::new();
    for ring in &country.rings {
        let line: LineString<f64> = ring
            .iter()
            .map(|p| {
                let (x, y) = crate::projection::to_reference(p[0], p[1], REFERENCE_ZOOM);
                Coord { x, y }
            })
            .collect();
        let simple = line.simplify(tolerance);
        if simple.0.len() < 3 {
            continue;
        }
        for (k, c) in simple.0.iter().enumerate() {
            let _ = write!(d, "{}{:.1},{:.1}", if k == 0 { 'M' } else { 'L' }, c.x, c.y);
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
        let d = ve.map(|c| simplified_path_data(c, 12)).unwrap_or_default();
        assert!(d.starts_with('M') && d.ends_with('Z'));
        // Close outlines and places around Venezuela, with their capital first.
        assert!(b.detail.iter().any(|c| c.name == "Venezuela"));
        assert!(
            b.cities
                .iter()
                .any(|c| c.name == "Caracas" && c.capital == 2)
        );
        assert!(b.cities.windows(2).all(|w| w[0].capital >= w[1].capital));
    }

    #[test]
    fn simplification_keeps_fewer_points_when_zoomed_out_and_the_shape() {
        let b = Basemap::parse(include_str!("../www/basemap/region.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        let Some(ve) = b.detail.iter().find(|c| c.name == "Venezuela") else {
            panic!("no Venezuela in detail");
        };
        let points = |level| simplified_path_data(ve, level).matches('L').count();
        let (far, near) = (points(4), points(12));
        assert!(far * 4 < near, "level 4: {far} points, level 12: {near}");
        assert!(far > 20, "the outline survives: {far} points");
        // Every level draws every ring that is not smaller than its tolerance.
        assert!(simplified_path_data(ve, 12).starts_with('M'));
    }

    #[test]
    fn close_outlines_only_within_their_box_and_zoomed_in() {
        let b = Basemap::parse(include_str!("../www/basemap/region.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        let caracas = [-67.2, 10.2, -66.5, 10.8];
        let maracaibo = [-72.0, 10.4, -71.4, 10.9];
        // (view, zoom, expected layer)
        let rows = [
            (caracas, 10.0, "coast"),
            (caracas, 8.0, "detail"),
            (caracas, 5.0, "countries"),
            (maracaibo, 11.0, "detail"),
            ([-100.0, 0.0, -50.0, 30.0], 8.0, "countries"),
        ];
        for (view, zoom, want) in rows {
            let drawn = b.outlines_for(view, zoom);
            let got = if std::ptr::eq(drawn, b.coast.as_slice()) {
                "coast"
            } else if std::ptr::eq(drawn, b.detail.as_slice()) {
                "detail"
            } else {
                "countries"
            };
            assert_eq!(got, want, "{view:?} at {zoom}");
        }
        assert_eq!(min_population(5.0), None);
        assert!(min_population(10.0) < min_population(7.0));
    }
}
