//! Where each marker goes: the sites with events in the window, placed at the layout
//! zoom, clustered (`vigia::cluster`), with label room decided, and the buttons that
//! carry focus, clicks and names. Plain Rust; the browser parts only draw what this says.
use std::collections::{BTreeMap, HashSet};

use rustc_hash::FxHashMap;

use vigia::cluster::{Item, cluster, ring};
use vigia::projection::Viewport;
use vigia::{Category, SiteKind};

use crate::model::Corpus;

/// Sites closer than this (map units) are drawn as one cluster.
pub const CLUSTER_RADIUS: f64 = 22.0;
/// Clusters of at most this many sites lay their members out on a ring, each with its
/// own spot to click; larger ones are entered by clicking the cluster (it zooms in).
pub const RING_MAX: usize = 16;
/// Diameter of a ring spot's button, px.
pub const RING_SPOT: f64 = 12.0;

/// Radius of the ring of a cluster of `n` sites: clear of the bubble, spots not touching.
pub fn ring_radius(n: usize) -> f64 {
    (bubble_radius(n) + 9.0).max(n as f64 * (RING_SPOT + 1.0) / std::f64::consts::TAU)
}

/// A site with events in the window.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteMark {
    pub id: String,
    pub name: String,
    pub kind: SiteKind,
    pub lon: f64,
    pub lat: f64,
    /// Position at the layout viewport, map units.
    pub x: f64,
    pub y: f64,
    /// Radius of an area site's extent, map units.
    pub extent: f64,
    pub count: usize,
    pub reports: usize,
    pub category: Category,
    pub faded: bool,
    /// Events in the whole corpus: orders and centres clusters the same at every time.
    pub weight: u32,
}

/// What is drawn: one site, or a cluster of several.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    /// Indices into `Layout::sites`, heaviest first.
    pub members: Vec<usize>,
    pub events: usize,
    pub category: Category,
    pub faded: bool,
    pub labelled: bool,
}

impl Glyph {
    pub fn is_cluster(&self) -> bool {
        self.members.len() > 1
    }
}

/// Where a site's button sits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spot {
    /// On the site (a glyph of its own).
    Own,
    /// On its cluster's ring.
    Ring(f64, f64),
    /// Inside a large cluster: focusable, reached by zooming in for the pointer.
    Parked,
}

/// Everything about the markers that depends on the sites and the zoom, not on panning.
/// Positions are in map units; sizes (glyphs, rings, labels, hit areas) are CSS pixels
/// converted to map units with `unit`, so a small screen keeps glyphs and touch targets
/// at their size and clusters them sooner.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The viewport positions are measured in; panning moves the whole layout by an offset.
    pub view: Viewport,
    /// Map units per CSS pixel (1 when the map is drawn at its logical size).
    pub unit: f64,
    pub sites: Vec<SiteMark>,
    pub glyphs: Vec<Glyph>,
    /// Per site: its glyph and spot.
    pub spots: Vec<(usize, Spot)>,
}

/// Dot size in map units for a number of events.
pub fn dot_size(count: usize) -> f64 {
    (8.0 + 4.0 * (count as f64).sqrt()).min(26.0)
}

/// Radius of a cluster bubble.
pub fn bubble_radius(members: usize) -> f64 {
    (9.0 + 2.5 * (members as f64).sqrt()).min(22.0)
}

/// Radius of a glyph as drawn.
pub fn glyph_radius(g: &Glyph, sites: &[SiteMark]) -> f64 {
    if g.is_cluster() {
        bubble_radius(g.members.len())
    } else {
        dot_size(sites[g.members[0]].count) / 2.0
    }
}

/// Whether a kind is clustered with its neighbours (regions, countries and seas are
/// large areas and always drawn on their own).
fn clusters(kind: SiteKind) -> bool {
    matches!(kind, SiteKind::Point | SiteKind::District | SiteKind::City)
}

impl Layout {
    pub fn new(
        corpus: &Corpus,
        in_window: &BTreeMap<String, Vec<usize>>,
        faded: &HashSet<String>,
        view: Viewport,
        unit: f64,
    ) -> Layout {
        let unit = if unit.is_finite() && unit > 0.0 {
            unit
        } else {
            1.0
        };
        let km_px = view.km_per_pixel();
        // A site's distinct reports are counted in one buffer, reused.
        let mut reports: Vec<usize> = Vec::new();
        let sites: Vec<SiteMark> = in_window
            .iter()
            .filter_map(|(id, idx)| {
                let (site, weight) = corpus.site_of_event(*idx.first()?)?;
                let (x, y) = view.to_screen(site.lon, site.lat);
                reports.clear();
                reports.extend(idx.iter().map(|i| corpus.report_index(*i)));
                reports.sort_unstable();
                reports.dedup();
                Some(SiteMark {
                    id: id.clone(),
                    name: site.name.clone(),
                    kind: site.kind,
                    lon: site.lon,
                    lat: site.lat,
                    x,
                    y,
                    extent: site.radius_km / km_px,
                    count: idx.len(),
                    reports: reports.len(),
                    category: idx
                        .iter()
                        .map(|i| corpus.events[*i].category)
                        .min()
                        .unwrap_or(Category::Other),
                    faded: faded.contains(id),
                    weight: weight.max(1),
                })
            })
            .collect();
        let (near, alone): (Vec<usize>, Vec<usize>) =
            (0..sites.len()).partition(|i| clusters(sites[*i].kind));
        let items: Vec<Item> = near
            .iter()
            .map(|i| Item {
                x: sites[*i].x,
                y: sites[*i].y,
                weight: sites[*i].weight,
            })
            .collect();
        let mut groups: Vec<Vec<usize>> = cluster(&items, CLUSTER_RADIUS * unit)
            .into_iter()
            .map(|c| c.members.into_iter().map(|k| near[k]).collect())
            .collect();
        groups.extend(alone.into_iter().map(|i| vec![i]));
        let mut glyphs: Vec<Glyph> = groups
            .into_iter()
            .map(|members| {
                let lead = &sites[members[0]];
                let events = members.iter().map(|i| sites[*i].count).sum();
                let (x, y) = if members.len() == 1 {
                    (lead.x, lead.y)
                } else {
                    let w: f64 = members.iter().map(|i| f64::from(sites[*i].weight)).sum();
                    members.iter().fold((0.0, 0.0), |(x, y), i| {
                        let s = &sites[*i];
                        let k = f64::from(s.weight) / w.max(1.0);
                        (x + s.x * k, y + s.y * k)
                    })
                };
                Glyph {
                    x,
                    y,
                    category: members
                        .iter()
                        .map(|i| sites[*i].category)
                        .min()
                        .unwrap_or(Category::Other),
                    faded: members.iter().all(|i| sites[*i].faded),
                    members,
                    events,
                    labelled: false,
                }
            })
            .collect();
        // Map order: large areas first (they lie under the rest), then west to east.
        glyphs.sort_by(|a, b| {
            let big = |g: &Glyph| !clusters(sites[g.members[0]].kind);
            big(b)
                .cmp(&big(a))
                .then(a.x.total_cmp(&b.x))
                .then(a.y.total_cmp(&b.y))
        });
        let mut spots = vec![(0, Spot::Own); sites.len()];
        for (k, g) in glyphs.iter().enumerate() {
            if !g.is_cluster() {
                spots[g.members[0]] = (k, Spot::Own);
            } else if g.members.len() <= RING_MAX {
                let r = ring_radius(g.members.len()) * unit;
                for (m, (x, y)) in g.members.iter().zip(ring(g.x, g.y, g.members.len(), r)) {
                    spots[*m] = (k, Spot::Ring(x, y));
                }
            } else {
                for m in &g.members {
                    spots[*m] = (k, Spot::Parked);
                }
            }
        }
        let mut layout = Layout {
            view,
            unit,
            sites,
            glyphs,
            spots,
        };
        layout.place_labels();
        layout
    }

    /// How many characters a glyph's label has: its site's name, or its busiest site's,
    /// " +" and how many more (counted, not written out).
    fn label_chars(&self, g: &Glyph) -> usize {
        let lead = self.sites[g.members[0]].name.chars().count();
        if g.is_cluster() {
            // " +" and the digits of how many more.
            let more = g.members.len() - 1;
            lead + 2 + more.checked_ilog10().map_or(1, |d| d as usize + 1)
        } else {
            lead
        }
    }

    /// Marks which glyphs get a visible label: busiest first, a label is shown only where
    /// its box touches no shown label and no other glyph. Boxes are kept in a grid of
    /// cells, so each check looks at its neighbourhood only.
    fn place_labels(&mut self) {
        type Box4 = (f64, f64, f64, f64);
        let u = self.unit;
        let cell = 40.0 * u;
        let hits = |a: &Box4, b: &Box4| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
        let cells = |b: &Box4| {
            let (x0, y0) = ((b.0 / cell).floor() as i64, (b.1 / cell).floor() as i64);
            let (x1, y1) = ((b.2 / cell).floor() as i64, (b.3 / cell).floor() as i64);
            (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
        };
        let mut dots: FxHashMap<(i64, i64), Vec<(usize, Box4)>> = FxHashMap::default();
        for (i, g) in self.glyphs.iter().enumerate() {
            let r = self.drawn_radius(g);
            let b = (g.x - r, g.y - r, g.x + r, g.y + r);
            for c in cells(&b) {
                dots.entry(c).or_default().push((i, b));
            }
        }
        let mut order: Vec<usize> = (0..self.glyphs.len()).collect();
        // Heaviest in the whole corpus first, so labels stay put while scrubbing.
        let weight = |g: &Glyph| -> u64 {
            g.members
                .iter()
                .map(|m| u64::from(self.sites[*m].weight))
                .sum()
        };
        order.sort_by_key(|i| std::cmp::Reverse(weight(&self.glyphs[*i])));
        let mut placed: FxHashMap<(i64, i64), Vec<Box4>> = FxHashMap::default();
        for i in order {
            let g = &self.glyphs[i];
            let label = self.label_box(g);
            let clear = cells(&label).all(|c| {
                placed
                    .get(&c)
                    .is_none_or(|v| v.iter().all(|p| !hits(p, &label)))
                    && dots
                        .get(&c)
                        .is_none_or(|v| v.iter().all(|(k, d)| *k == i || !hits(d, &label)))
            });
            if clear {
                self.glyphs[i].labelled = true;
                for c in cells(&label) {
                    placed.entry(c).or_default().push(label);
                }
            }
        }
    }

    /// The room a glyph's label takes `(x0, y0, x1, y1)`, in layout units: right of the
    /// glyph, about 7 px a character.
    pub fn label_box(&self, g: &Glyph) -> (f64, f64, f64, f64) {
        let u = self.unit;
        let x0 = g.x + self.drawn_radius(g) + 3.0 * u;
        (
            x0,
            g.y - 8.0 * u,
            x0 + 7.0 * u * self.label_chars(g) as f64,
            g.y + 8.0 * u,
        )
    }

    /// How far from its centre a glyph reaches, its ring included, in map units.
    pub fn drawn_radius(&self, g: &Glyph) -> f64 {
        self.unit
            * if g.is_cluster() && g.members.len() <= RING_MAX {
                ring_radius(g.members.len()) + RING_SPOT / 2.0
            } else {
                glyph_radius(g, &self.sites)
            }
    }

    /// Where site `i` is drawn (layout units): its own spot, its ring spot, or its cluster.
    pub fn drawn_at(&self, i: usize) -> (f64, f64) {
        let (g, spot) = self.spots[i];
        match spot {
            Spot::Own => (self.sites[i].x, self.sites[i].y),
            Spot::Ring(x, y) => (x, y),
            Spot::Parked => (self.glyphs[g].x, self.glyphs[g].y),
        }
    }

    /// The offset (map units) that takes layout positions to the screen of `view`
    /// (same zoom, panned).
    pub fn offset(&self, view: &Viewport) -> (f64, f64) {
        let (lon, lat) = vigia::projection::unproject(self.view.center.0, self.view.center.1);
        let (x, y) = view.to_screen(lon, lat);
        (x - self.view.width / 2.0, y - self.view.height / 2.0)
    }

    /// The buttons, in map order, in one group per glyph placed at the glyph: a
    /// cluster's own button, then its sites' (on the ring or parked at the centre); a
    /// single site's button. Each site with events in the window has one, with its
    /// accessible name. Positions in a group are relative to it, so a zoom moves the
    /// groups, not the buttons.
    pub fn groups(&self, selected: Option<&str>) -> Vec<Group> {
        self.glyphs
            .iter()
            .map(|g| {
                let lead = &self.sites[g.members[0]];
                let mut buttons = Vec::with_capacity(g.members.len() + 1);
                if g.is_cluster() {
                    // Named without its sites' names, so a site's name finds only its own
                    // button; the members follow it in the focus order.
                    buttons.push(Button {
                        key: format!("cluster-{}", lead.id),
                        site: None,
                        name: String::new(),
                        label: format!("Cluster of {} sites, {} events", g.members.len(), g.events),
                        at: (0.0, 0.0),
                        size: (2.0 * bubble_radius(g.members.len()) + 2.0) * self.unit,
                        area: false,
                        selected: false,
                        faded: g.faded,
                    });
                }
                for i in &g.members {
                    let s = &self.sites[*i];
                    let (at, size) = match self.spots[*i].1 {
                        Spot::Own => ((0.0, 0.0), (dot_size(s.count) + 6.0) * self.unit),
                        Spot::Ring(x, y) => ((x - g.x, y - g.y), RING_SPOT * self.unit),
                        Spot::Parked => ((0.0, 0.0), 0.0),
                    };
                    buttons.push(Button {
                        key: format!("marker-{}", s.id),
                        site: Some(s.id.clone()),
                        name: s.name.clone(),
                        label: format!(
                            "{}, {} {}, {} {}",
                            s.name,
                            s.count,
                            if s.count == 1 { "event" } else { "events" },
                            s.reports,
                            if s.reports == 1 { "report" } else { "reports" }
                        ),
                        at,
                        size,
                        area: s.kind.is_area(),
                        selected: selected == Some(s.id.as_str()),
                        faded: s.faded,
                    });
                }
                Group {
                    key: format!("glyph-{}", lead.id),
                    at: (g.x, g.y),
                    buttons,
                }
            })
            .collect()
    }
}

/// The buttons of one glyph, placed together.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub key: String,
    /// Position in layout units (px of the marker layer).
    pub at: (f64, f64),
    pub buttons: Vec<Button>,
}

impl Group {
    pub fn style(&self) -> String {
        // Placed by margins in the layer's one grid cell (see style.css).
        format!("margin:{:.1}px 0 0 {:.1}px", self.at.1, self.at.0)
    }
}

/// One button of the marker layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    /// The element id: `marker-<site>` or `cluster-<busiest site>`.
    pub key: String,
    /// The site it opens; `None` for a cluster (which zooms in).
    pub site: Option<String>,
    pub name: String,
    pub label: String,
    /// Position relative to its group, px.
    pub at: (f64, f64),
    /// Hit area diameter, px; 0 when parked inside a large cluster (reached by zooming
    /// in; focusable all the same).
    pub size: f64,
    pub area: bool,
    pub selected: bool,
    pub faded: bool,
}

impl Button {
    pub fn class(&self) -> String {
        let mut c = String::from(if self.site.is_some() {
            "marker"
        } else {
            "cluster"
        });
        for (on, name) in [
            (self.area, " area"),
            (self.selected, " selected"),
            (self.size == 0.0, " parked"),
            (self.faded, " faded"),
        ] {
            if on {
                c.push_str(name);
            }
        }
        c
    }

    pub fn style(&self) -> String {
        if self.size == 0.0 {
            return String::new();
        }
        let r = self.size / 2.0;
        format!(
            "width:{s:.0}px;height:{s:.0}px;margin:{:.1}px 0 0 {:.1}px",
            self.at.1 - r,
            self.at.0 - r,
            s = self.size
        )
    }
}

/// Indices (into `seq`) of a longest strictly increasing subsequence of the `Some`s.
pub fn longest_increasing(seq: &[Option<usize>]) -> HashSet<usize> {
    // Patience sorting: tails[k] = index in seq of the smallest tail of a run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, v) in seq.iter().enumerate() {
        let Some(v) = *v else { continue };
        let k = tails.partition_point(|&t| seq[t].is_some_and(|x| x < v));
        if k > 0 {
            prev[i] = Some(tails[k - 1]);
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = HashSet::new();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep.insert(i);
        at = prev[i];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_length_is_counted_as_written() {
        let site = |name: &str| SiteMark {
            id: name.to_lowercase(),
            name: name.into(),
            kind: SiteKind::Point,
            lon: -66.9,
            lat: 10.5,
            x: 0.0,
            y: 0.0,
            extent: 0.0,
            count: 1,
            reports: 1,
            category: Category::Other,
            faded: false,
            weight: 1,
        };
        let sites = vec![site("Fuerte Tiuna"), site("Maiquetía"), site("")];
        let glyphs: Vec<Glyph> = [
            (0, 1),
            (0, 2),
            (1, 10),
            (1, 11),
            (2, 100),
            (1, 101),
            (0, 1000),
        ]
        .into_iter()
        .map(|(lead, n)| Glyph {
            x: 0.0,
            y: 0.0,
            members: vec![lead; n],
            events: n,
            category: Category::Other,
            faded: false,
            labelled: false,
        })
        .collect();
        let layout = Layout {
            view: crate::model::default_viewport(),
            unit: 1.0,
            sites,
            glyphs: glyphs.clone(),
            spots: Vec::new(),
        };
        for g in &glyphs {
            let name = &layout.sites[g.members[0]].name;
            let label = if g.is_cluster() {
                format!("{name} +{}", g.members.len() - 1)
            } else {
                name.clone()
            };
            assert_eq!(layout.label_chars(g), label.chars().count(), "{label}");
        }
    }

    #[test]
    fn longest_run_in_order_table() {
        let rows: &[(&[Option<usize>], usize)] = &[
            (&[], 0),
            (&[None, None], 0),
            (&[Some(0), Some(1), Some(2)], 3),
            (&[Some(1), Some(2), Some(3), Some(0)], 3),
            (&[Some(3), Some(0), None, Some(1), Some(2)], 3),
            (&[Some(2), Some(1), Some(0)], 1),
        ];
        for (seq, len) in rows {
            let keep = longest_increasing(seq);
            assert_eq!(keep.len(), *len, "{seq:?}");
            let mut kept: Vec<usize> = keep.iter().map(|i| seq[*i].unwrap_or(usize::MAX)).collect();
            let mut sorted = kept.clone();
            sorted.sort_unstable();
            let mut idx: Vec<usize> = keep.into_iter().collect();
            idx.sort_unstable();
            kept = idx.iter().map(|i| seq[*i].unwrap_or(usize::MAX)).collect();
            assert_eq!(kept, sorted, "{seq:?}: kept in order");
        }
    }
}
