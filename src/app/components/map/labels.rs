//! Place names on the map: the countries around Venezuela at their label points, and
//! towns and cities (GeoNames) that appear as the map zooms in, capitals first, then by
//! population, each only where it touches no marker, marker label or name already
//! placed. Plain Rust; the canvas only stamps what this places.
use std::collections::HashSet;

use vigia::basemap::{Basemap, min_population};
use vigia::projection::Viewport;

use super::layout::Layout;

/// How a name is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelKind {
    /// Centred on its point, in small capitals.
    Country,
    /// A national or state capital: a dot and its name in bold.
    Capital,
    City,
}

/// A name placed on the screen of a view (map units).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceLabel {
    pub text: String,
    pub kind: LabelKind,
    /// The country's label point, or the town's dot.
    pub x: f64,
    pub y: f64,
}

/// Countries that get a name.
const SHOWN: [&str; 13] = [
    "Venezuela",
    "Colombia",
    "Guyana",
    "Brazil",
    "Cuba",
    "Trinidad and Tobago",
    "Puerto Rico",
    "Dominican Rep.",
    "Haiti",
    "Jamaica",
    "Panama",
    "Curaçao",
    "Aruba",
];

/// At most this many towns are named at once.
const MAX_CITIES: usize = 60;

/// The names to draw on `view` over the markers of `layout` (laid out for the same
/// zoom). A country or town that is itself a site on the map is named by its marker.
pub fn place(basemap: &Basemap, view: &Viewport, layout: &Layout) -> Vec<PlaceLabel> {
    let names: HashSet<&str> = layout.sites.iter().map(|s| s.name.as_str()).collect();
    let mut out: Vec<PlaceLabel> = basemap
        .countries
        .iter()
        .filter(|c| SHOWN.contains(&c.name.as_str()) && !names.contains(c.name.as_str()))
        .map(|c| {
            let (x, y) = view.to_screen(c.label[0], c.label[1]);
            PlaceLabel {
                text: c.name.clone(),
                kind: LabelKind::Country,
                x,
                y,
            }
        })
        .filter(|l| (-200.0..view.width + 200.0).contains(&l.x))
        .collect();
    let Some(min) = min_population(view.zoom) else {
        return out;
    };
    let (ox, oy) = layout.offset(view);
    let u = layout.unit;
    let mut placed: Vec<(f64, f64, f64, f64)> = layout
        .glyphs
        .iter()
        .flat_map(|g| {
            let r = layout.drawn_radius(g);
            let (x, y) = (g.x + ox, g.y + oy);
            let label = g.labelled.then(|| {
                let b = layout.label_box(g);
                (b.0 + ox, b.1 + oy, b.2 + ox, b.3 + oy)
            });
            std::iter::once((x - r, y - r, x + r, y + r)).chain(label)
        })
        .collect();
    let mut cities = 0;
    for c in &basemap.cities {
        if (c.population < min && c.capital < 2) || names.contains(c.name.as_str()) {
            continue;
        }
        let (x, y) = view.to_screen(c.lon, c.lat);
        if !(0.0..view.width).contains(&x) || !(0.0..view.height).contains(&y) {
            continue;
        }
        let b = (
            x - 3.0 * u,
            y - 11.0 * u,
            x + (6.0 + 6.2 * c.name.chars().count() as f64) * u,
            y + 4.0 * u,
        );
        if placed
            .iter()
            .any(|q| b.0 < q.2 && q.0 < b.2 && b.1 < q.3 && q.1 < b.3)
        {
            continue;
        }
        placed.push(b);
        out.push(PlaceLabel {
            text: c.name.clone(),
            kind: if c.capital > 0 {
                LabelKind::Capital
            } else {
                LabelKind::City
            },
            x,
            y,
        });
        cities += 1;
        if cities >= MAX_CITIES {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};
    use std::rc::Rc;

    use super::*;
    use crate::model::{Corpus, MAP_H, MAP_W};

    fn basemap() -> Basemap {
        Basemap::parse(include_str!("../../../../www/basemap/region.json"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn caracas_view(zoom: f64) -> Viewport {
        let mut v = Viewport::fit(-67.2, 10.2, -66.5, 10.8, MAP_W, MAP_H);
        v.zoom = zoom;
        v
    }

    /// The bundled corpus's sites in a window around 3 January 2026, laid out for `view`.
    fn layout_at(view: Viewport, with_markers: bool) -> Layout {
        let corpus = Rc::new(Corpus::bundled().unwrap_or_else(|e| panic!("{e}")));
        let mut in_window: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        if with_markers {
            for (i, e) in corpus.events.iter().enumerate() {
                in_window.entry(e.site_id.clone()).or_default().push(i);
            }
        }
        Layout::new(&corpus, &in_window, &HashSet::new(), view, 1.0)
    }

    #[test]
    fn towns_appear_with_zoom_and_never_overlap() {
        let b = basemap();
        // (zoom, towns named at least, at most)
        let rows = [(5.0, 0, 0), (9.0, 3, MAX_CITIES), (11.0, 3, MAX_CITIES)];
        for (zoom, least, most) in rows {
            let v = caracas_view(zoom);
            let labels = place(&b, &v, &layout_at(v, false));
            let towns: Vec<&PlaceLabel> = labels
                .iter()
                .filter(|l| l.kind != LabelKind::Country)
                .collect();
            assert!(
                (least..=most).contains(&towns.len()),
                "zoom {zoom}: {} towns",
                towns.len()
            );
            for t in &towns {
                assert!((0.0..MAP_W).contains(&t.x) && (0.0..MAP_H).contains(&t.y));
            }
            let boxes: Vec<(f64, f64, f64, f64)> = towns
                .iter()
                .map(|t| {
                    (
                        t.x - 3.0,
                        t.y - 11.0,
                        t.x + 6.0 + 6.2 * t.text.chars().count() as f64,
                        t.y + 4.0,
                    )
                })
                .collect();
            for (i, a) in boxes.iter().enumerate() {
                for c in &boxes[i + 1..] {
                    assert!(
                        !(a.0 < c.2 && c.0 < a.2 && a.1 < c.3 && c.1 < a.3),
                        "zoom {zoom}: {a:?} overlaps {c:?}"
                    );
                }
            }
        }
        let v = caracas_view(9.0);
        let labels = place(&b, &v, &layout_at(v, false));
        assert!(
            labels
                .iter()
                .any(|l| l.text == "Caracas" && l.kind == LabelKind::Capital)
        );
    }

    #[test]
    fn a_place_that_is_a_site_is_named_by_its_marker_and_towns_keep_clear_of_markers() {
        let b = basemap();
        let v = caracas_view(9.0);
        let layout = layout_at(v, true);
        assert!(layout.sites.iter().any(|s| s.name == "Caracas"));
        let labels = place(&b, &v, &layout);
        assert!(!labels.iter().any(|l| l.text == "Caracas"));
        assert!(
            !labels.iter().any(|l| l.text == "Venezuela"),
            "Venezuela is a site"
        );
        let (ox, oy) = layout.offset(&v);
        for t in labels.iter().filter(|l| l.kind != LabelKind::Country) {
            for g in &layout.glyphs {
                let r = layout.drawn_radius(g);
                let (gx, gy) = (g.x + ox, g.y + oy);
                let inside =
                    t.x > gx - r - 3.0 && t.x < gx + r + 3.0 && t.y > gy - r && t.y < gy + r + 11.0;
                assert!(!inside, "{} sits on a marker", t.text);
            }
        }
    }
}
