//! The embedded basemap: country outlines from Natural Earth (1:50m for the region, 1:10m
//! around Venezuela), Venezuela's state borders (Natural Earth 1:10m admin-1 lines) and
//! GeoNames places, derived by `scripts/basemap.mjs` into
//! `www/basemap/region.json`, parsed here and turned into rings in reference pixels,
//! simplified for the zoom they are shown at (`geo`'s Ramer–Douglas–Peucker) and clipped
//! to the view before drawing. Depends on `projection`.
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
    /// Venezuela's state borders: open lines of `[lon, lat]` points.
    #[serde(default)]
    pub states: Vec<Vec<[f64; 2]>>,
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
        if zoom >= COAST_FROM_ZOOM && !self.coast.is_empty() && holds(self.coast_bbox) {
            &self.coast
        } else if zoom >= DETAIL_FROM_ZOOM && !self.detail.is_empty() && holds(self.detail_bbox) {
            &self.detail
        } else {
            &self.countries
        }
    }
}

/// The zoom from which the close outlines around Venezuela are drawn (where the view
/// lies within their box).
pub const DETAIL_FROM_ZOOM: f64 = 6.5;
/// The zoom from which the Caracas–La Guaira coast outlines are drawn.
pub const COAST_FROM_ZOOM: f64 = 9.5;
/// The zoom from which Venezuela's state borders are drawn.
pub const STATES_FROM_ZOOM: f64 = 5.0;
/// The simplification levels: whole zoom levels.
pub const LEVELS: std::ops::RangeInclusive<i32> = 3..=12;

/// The simplification level for a zoom (see [`LEVELS`]).
pub fn zoom_level(zoom: f64) -> i32 {
    (zoom.floor() as i32).clamp(*LEVELS.start(), *LEVELS.end())
}

/// An axis-aligned box `[x0, y0, x1, y1]`.
pub type Bounds = [f64; 4];

/// A country's rings simplified for one zoom level, in reference pixels, each with its
/// bounding box.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelOutline {
    pub name: String,
    pub rings: Vec<(Bounds, Vec<(f64, f64)>)>,
}

/// A country's rings in reference pixels, simplified so that no point is off by more than
/// about half a screen pixel at zoom `level` (see [`zoom_level`]); rings smaller than that
/// are left out.
pub fn simplify_for_level(country: &Country, level: i32) -> LevelOutline {
    LevelOutline {
        name: country.name.clone(),
        rings: country
            .rings
            .iter()
            .filter_map(|ring| simplify_points(ring, level, 3))
            .collect(),
    }
}

/// Open lines (state borders) in reference pixels, simplified for zoom `level` like
/// [`simplify_for_level`]; a line keeps its two ends however short it is, so lines that
/// meet still meet.
pub fn simplify_lines_for_level(
    lines: &[Vec<[f64; 2]>],
    level: i32,
) -> Vec<(Bounds, Vec<(f64, f64)>)> {
    lines
        .iter()
        .filter_map(|line| simplify_points(line, level, 2))
        .collect()
}

/// `[lon, lat]` points in reference pixels, simplified for `level`, with their box; none
/// when fewer than `min_points` remain.
fn simplify_points(
    points: &[[f64; 2]],
    level: i32,
    min_points: usize,
) -> Option<(Bounds, Vec<(f64, f64)>)> {
    let tolerance = 0.5 * (REFERENCE_ZOOM - f64::from(level)).exp2();
    let line: LineString<f64> = points
        .iter()
        .map(|p| {
            let (x, y) = crate::projection::to_reference(p[0], p[1], REFERENCE_ZOOM);
            Coord { x, y }
        })
        .collect();
    let simple = line.simplify(tolerance);
    if simple.0.len() < min_points {
        return None;
    }
    let pts: Vec<(f64, f64)> = simple.0.iter().map(|c| (c.x, c.y)).collect();
    let b = pts.iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, (x, y)| [b[0].min(*x), b[1].min(*y), b[2].max(*x), b[3].max(*y)],
    );
    Some((b, pts))
}

/// Whether two boxes overlap.
pub fn overlaps(a: &Bounds, b: &Bounds) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// The part of a closed ring inside `bounds` (Sutherland–Hodgman): a ring again, so an
/// even-odd fill of the clipped rings equals the original's inside the box. Edges may
/// run along the box's sides; draw with a box a little larger than the screen and they
/// stay out of sight.
pub fn clip_ring(ring: &[(f64, f64)], bounds: &Bounds) -> Vec<(f64, f64)> {
    // (axis, limit, keep the side below the limit)
    let sides = [
        (0, bounds[0], false),
        (0, bounds[2], true),
        (1, bounds[1], false),
        (1, bounds[3], true),
    ];
    let mut out: Vec<(f64, f64)> = ring.to_vec();
    for (axis, limit, below) in sides {
        if out.is_empty() {
            break;
        }
        let coord = |p: &(f64, f64)| if axis == 0 { p.0 } else { p.1 };
        let inside = |p: &(f64, f64)| {
            if below {
                coord(p) <= limit
            } else {
                coord(p) >= limit
            }
        };
        let cross = |a: &(f64, f64), b: &(f64, f64)| {
            let t = (limit - coord(a)) / (coord(b) - coord(a));
            (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
        };
        let input = std::mem::take(&mut out);
        let Some(mut prev) = input.last().copied() else {
            break;
        };
        for p in input {
            match (inside(&prev), inside(&p)) {
                (true, true) => out.push(p),
                (true, false) => out.push(cross(&prev, &p)),
                (false, true) => {
                    out.push(cross(&prev, &p));
                    out.push(p);
                }
                (false, false) => {}
            }
            prev = p;
        }
    }
    if out.len() < 3 { Vec::new() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The basemap the app ships.
    fn shipped() -> Basemap {
        Basemap::parse(include_str!("../www/basemap/region.json")).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn shipped_basemap_has_venezuela() {
        let b = shipped();
        let ve = b.countries.iter().find(|c| c.name == "Venezuela");
        assert!(ve.is_some_and(|c| c.rings.iter().map(Vec::len).sum::<usize>() > 100));
        let rings = ve
            .map(|c| simplify_for_level(c, 12).rings)
            .unwrap_or_default();
        assert!(!rings.is_empty() && rings.iter().all(|(_, r)| r.len() >= 3));
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
        let b = shipped();
        let Some(ve) = b.detail.iter().find(|c| c.name == "Venezuela") else {
            panic!("no Venezuela in detail");
        };
        let points = |level| -> usize {
            simplify_for_level(ve, level)
                .rings
                .iter()
                .map(|(_, r)| r.len())
                .sum()
        };
        let (far, near) = (points(4), points(12));
        assert!(far * 4 < near, "level 4: {far} points, level 12: {near}");
        assert!(far > 20, "the outline survives: {far} points");
        // Each ring's box holds its points.
        for (b, r) in simplify_for_level(ve, 9).rings {
            assert!(
                r.iter()
                    .all(|(x, y)| (b[0]..=b[2]).contains(x) && (b[1]..=b[3]).contains(y))
            );
        }
    }

    #[test]
    fn close_outlines_only_within_their_box_and_zoomed_in() {
        let b = shipped();
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

    #[test]
    fn state_borders_run_inside_venezuela_and_keep_their_ends_when_simplified() {
        let b = shipped();
        let Some(ve) = b.countries.iter().find(|c| c.name == "Venezuela") else {
            panic!("no Venezuela");
        };
        let rings: Vec<Vec<(f64, f64)>> = ve
            .rings
            .iter()
            .map(|r| r.iter().map(|p| (p[0], p[1])).collect())
            .collect();
        let points: Vec<[f64; 2]> = b.states.iter().flatten().copied().collect();
        let within = points
            .iter()
            .filter(|p| inside(&rings, (p[0], p[1])))
            .count();
        assert!(b.states.len() > 100, "{} lines", b.states.len());
        assert!(
            within * 10 > points.len() * 9,
            "{within} of {} inside",
            points.len()
        );
        // The Distrito Capital's border runs through Caracas.
        assert!(
            points
                .iter()
                .any(|p| (p[0] + 66.9).abs() < 0.1 && (p[1] - 10.5).abs() < 0.1)
        );
        let count = |level| -> usize {
            simplify_lines_for_level(&b.states, level)
                .iter()
                .map(|(_, l)| l.len())
                .sum()
        };
        assert!(
            count(5) < count(12),
            "level 5: {}, 12: {}",
            count(5),
            count(12)
        );
        let to_ref = |p: &[f64; 2]| crate::projection::to_reference(p[0], p[1], REFERENCE_ZOOM);
        for level in [5, 8, 12] {
            let simple = simplify_lines_for_level(&b.states, level);
            assert_eq!(
                simple.len(),
                b.states.len(),
                "level {level}: no line dropped"
            );
            for ((_, s), line) in simple.iter().zip(&b.states) {
                let ends = (line.first().map(to_ref), line.last().map(to_ref));
                assert_eq!(
                    (s.first().copied(), s.last().copied()),
                    ends,
                    "level {level}"
                );
            }
        }
    }

    /// Even-odd inside test, for checking clipped rings.
    fn inside(rings: &[Vec<(f64, f64)>], p: (f64, f64)) -> bool {
        let mut odd = false;
        for r in rings {
            for (i, a) in r.iter().enumerate() {
                let b = r[(i + 1) % r.len()];
                if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0)
                {
                    odd = !odd;
                }
            }
        }
        odd
    }

    #[test]
    fn clipped_rings_fill_the_same_inside_the_box() {
        let square = vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
        let hole = vec![(3.0, 3.0), (7.0, 3.0), (7.0, 7.0), (3.0, 7.0)];
        let notch = vec![
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (5.0, 2.0),
            (0.0, 10.0),
        ];
        // (label, rings, box, expected number of clipped rings)
        let rows: Vec<(&str, Vec<Vec<(f64, f64)>>, Bounds, usize)> = vec![
            ("inside", vec![square.clone()], [-1.0, -1.0, 11.0, 11.0], 1),
            ("outside", vec![square.clone()], [20.0, 20.0, 30.0, 30.0], 0),
            ("corner", vec![square.clone()], [5.0, 5.0, 15.0, 15.0], 1),
            (
                "with a hole",
                vec![square.clone(), hole],
                [4.0, -5.0, 20.0, 5.0],
                2,
            ),
            ("concave", vec![notch], [2.0, 1.0, 8.0, 9.0], 1),
        ];
        for (label, rings, b, n) in rows {
            let clipped: Vec<Vec<(f64, f64)>> = rings
                .iter()
                .map(|r| clip_ring(r, &b))
                .filter(|r| !r.is_empty())
                .collect();
            assert_eq!(clipped.len(), n, "{label}");
            for r in &clipped {
                for (x, y) in r {
                    assert!(
                        *x >= b[0] - 1e-9
                            && *x <= b[2] + 1e-9
                            && *y >= b[1] - 1e-9
                            && *y <= b[3] + 1e-9,
                        "{label}"
                    );
                }
            }
            // Same inside/outside on a grid of points strictly inside the box.
            for i in 0..40 {
                for j in 0..40 {
                    let p = (
                        b[0] + (b[2] - b[0]) * (f64::from(i) + 0.37) / 40.0,
                        b[1] + (b[3] - b[1]) * (f64::from(j) + 0.61) / 40.0,
                    );
                    assert_eq!(inside(&rings, p), inside(&clipped, p), "{label} at {p:?}");
                }
            }
        }
        assert!(overlaps(&[0.0, 0.0, 1.0, 1.0], &[1.0, 1.0, 2.0, 2.0]));
        assert!(!overlaps(&[0.0, 0.0, 1.0, 1.0], &[1.5, 0.0, 2.0, 1.0]));
    }
}
