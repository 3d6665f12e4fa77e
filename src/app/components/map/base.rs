//! The basemap drawn on its own canvas: sea, land (Venezuela picked out), coasts,
//! borders and, zoomed in from the region, Venezuela's state borders. Outlines come at
//! the detail the view needs (region or close-up, simplified per zoom level with geo)
//! and are kept; the levels not yet needed are prepared while the page is idle, so a
//! zoom finds them ready. Each draw
//! takes only the rings on screen, clipped to it, so zoomed in it rasterises little more
//! than what shows.
use std::collections::HashMap;
use std::rc::Rc;

use vigia::basemap::{
    Basemap, Bounds, COAST_FROM_ZOOM, Country, DETAIL_FROM_ZOOM, LEVELS, LevelOutline,
    REFERENCE_ZOOM, STATES_FROM_ZOOM, clip_ring, overlaps, simplify_for_level,
    simplify_lines_for_level, zoom_level,
};
use vigia::projection::Viewport;
use web_sys::{CanvasWindingRule, HtmlCanvasElement};

use crate::model::MAP_W;

const SEA: &str = "#dfe9f2";
const LAND: &str = "#f1ede4";
const LAND_LINE: &str = "#b9b3a6";
const FOCUS: &str = "#ece3cf";
const FOCUS_LINE: &str = "#8f8670";
const STATE_LINE: &str = "#bcae92";

/// Which outline set: the region, the close outlines around Venezuela, the coast.
type SetKey = (usize, u8, i32);

/// Simplified outlines per (basemap, set, level); filled on demand and in idle time.
#[derive(Default)]
pub struct Outlines {
    sets: HashMap<SetKey, Vec<Option<LevelOutline>>>,
    /// State borders per (basemap, level).
    states: HashMap<(usize, i32), Vec<(Bounds, Vec<(f64, f64)>)>>,
}

fn set_of(b: &Basemap, outlines: &[Country]) -> u8 {
    if std::ptr::eq(outlines, b.coast.as_slice()) {
        2
    } else {
        u8::from(std::ptr::eq(outlines, b.detail.as_slice()))
    }
}

fn set_slice(b: &Basemap, set: u8) -> &[Country] {
    match set {
        2 => &b.coast,
        1 => &b.detail,
        _ => &b.countries,
    }
}

impl Outlines {
    /// Simplifies one outline not yet done, nearest the given level first; false when
    /// every level of every set is ready.
    pub fn prepare_one(&mut self, b: &Rc<Basemap>, near: i32) -> bool {
        let id = Rc::as_ptr(b) as usize;
        let mut levels: Vec<i32> = LEVELS.collect();
        levels.sort_by_key(|l| (l - near).abs());
        for level in levels {
            for set in 0..3u8 {
                // The close sets are only drawn zoomed in (see `Basemap::outlines_for`).
                let from = match set {
                    2 => zoom_level(COAST_FROM_ZOOM),
                    1 => zoom_level(DETAIL_FROM_ZOOM),
                    _ => *LEVELS.start(),
                };
                if level < from {
                    continue;
                }
                let countries = set_slice(b, set);
                let entry = self
                    .sets
                    .entry((id, set, level))
                    .or_insert_with(|| vec![None; countries.len()]);
                if let Some(i) = entry.iter().position(Option::is_none) {
                    entry[i] = Some(simplify_for_level(&countries[i], level));
                    return true;
                }
            }
            if level >= zoom_level(STATES_FROM_ZOOM) && !self.states.contains_key(&(id, level)) {
                self.states
                    .insert((id, level), simplify_lines_for_level(&b.states, level));
                return true;
            }
        }
        false
    }

    fn states(&mut self, b: &Rc<Basemap>, level: i32) -> &[(Bounds, Vec<(f64, f64)>)] {
        self.states
            .entry((Rc::as_ptr(b) as usize, level))
            .or_insert_with(|| simplify_lines_for_level(&b.states, level))
    }

    fn get(
        &mut self,
        b: &Rc<Basemap>,
        outlines: &[Country],
        level: i32,
    ) -> &[Option<LevelOutline>] {
        let key = (Rc::as_ptr(b) as usize, set_of(b, outlines), level);
        let entry = self
            .sets
            .entry(key)
            .or_insert_with(|| vec![None; outlines.len()]);
        for (slot, c) in entry.iter_mut().zip(outlines) {
            if slot.is_none() {
                *slot = Some(simplify_for_level(c, level));
            }
        }
        entry
    }
}

/// Draws the basemap for `view` on `el` (already sized by the caller to `w` × `h` CSS
/// pixels at `dpr`); returns how many outlines and state border lines it drew.
pub fn draw(
    el: &HtmlCanvasElement,
    (w, h, dpr): (f64, f64, f64),
    b: &Rc<Basemap>,
    view: &Viewport,
    outlines: &mut Outlines,
) -> (usize, usize) {
    let Some(ctx) = super::paint::context(el) else {
        return (0, 0);
    };
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_fill_style_str(SEA);
    ctx.fill_rect(0.0, 0.0, w, h);
    let (west, north) = view.to_lonlat(0.0, 0.0);
    let (east, south) = view.to_lonlat(view.width, view.height);
    let set = b.outlines_for([west, south, east, north], view.zoom);
    let level = zoom_level(view.zoom);
    // Reference pixels → map units → CSS pixels → device pixels.
    let (k, tx, ty) = view.reference_transform(REFERENCE_ZOOM);
    let css = w / MAP_W;
    let m = k * css * dpr;
    let _ = ctx.set_transform(m, 0.0, 0.0, m, tx * css * dpr, ty * css * dpr);
    let px = 1.0 / (k * css);
    // The screen in reference pixels, a few pixels larger so clipped edges stay unseen.
    let margin = 4.0 * px;
    let screen = [
        -tx / k - margin,
        -ty / k - margin,
        (view.width - tx) / k + margin,
        (view.height - ty) / k + margin,
    ];
    ctx.set_line_join("round");
    let mut drawn = 0;
    for outline in outlines.get(b, set, level).iter().flatten() {
        let shown: Vec<std::borrow::Cow<[(f64, f64)]>> = outline
            .rings
            .iter()
            .filter(|(bounds, _)| overlaps(bounds, &screen))
            .map(|(bounds, ring)| {
                let inside = bounds[0] >= screen[0]
                    && bounds[1] >= screen[1]
                    && bounds[2] <= screen[2]
                    && bounds[3] <= screen[3];
                if inside {
                    std::borrow::Cow::Borrowed(ring.as_slice())
                } else {
                    std::borrow::Cow::Owned(clip_ring(ring, &screen))
                }
            })
            .filter(|r| r.len() >= 3)
            .collect();
        if shown.is_empty() {
            continue;
        }
        ctx.begin_path();
        for ring in &shown {
            trace(&ctx, ring);
            ctx.close_path();
        }
        let ve = outline.name == "Venezuela";
        ctx.set_fill_style_str(if ve { FOCUS } else { LAND });
        ctx.fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
        ctx.set_stroke_style_str(if ve { FOCUS_LINE } else { LAND_LINE });
        ctx.set_line_width(if ve { px } else { 0.6 * px });
        ctx.stroke();
        drawn += 1;
    }
    let mut lines = 0;
    if view.zoom >= STATES_FROM_ZOOM {
        ctx.begin_path();
        for (bounds, line) in outlines.states(b, level) {
            if !overlaps(bounds, &screen) {
                continue;
            }
            lines += 1;
            trace(&ctx, line);
        }
        ctx.set_stroke_style_str(STATE_LINE);
        ctx.set_line_width(0.8 * px);
        ctx.stroke();
    }
    (drawn, lines)
}

/// Adds `points` to the current path as one open polyline.
fn trace(ctx: &web_sys::CanvasRenderingContext2d, points: &[(f64, f64)]) {
    for (i, (x, y)) in points.iter().enumerate() {
        if i == 0 {
            ctx.move_to(*x, *y);
        } else {
            ctx.line_to(*x, *y);
        }
    }
}
