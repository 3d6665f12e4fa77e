//! Paints the markers on one canvas: extents of area sites, cluster bubbles with counts
//! and their members' spots, each site's glyph (shape and colour by category, hollow for
//! areas, size by events), labels with a white halo, and the selected, focused or hovered
//! site. Positions are layout units plus the pan offset, scaled to the canvas's CSS
//! pixels; the canvas matches the device's pixel ratio.
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use vigia::{Category, SiteKind};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::glyph_shape;
use super::labels::{LabelKind, PlaceLabel};
use super::layout::{Glyph, Layout, RING_MAX, Spot, bubble_radius, dot_size};
use crate::components::category_colour;
use crate::model::{MAP_H, MAP_W};

thread_local! {
    /// The canvas's CSS size, read again only after a resize: reading layout right after
    /// a render would force a synchronous layout on every scrub step.
    static SIZE: Cell<Option<(f64, f64)>> = const { Cell::new(None) };
}

/// Forget the canvas size (the panel opened or closed, the window resized).
pub fn invalidate_size() {
    SIZE.with(|s| s.set(None));
}

/// The canvas's CSS size, measured once and kept until [`invalidate_size`] (the map's
/// resize listener calls it).
pub fn size_of(el: &HtmlCanvasElement) -> (f64, f64) {
    match SIZE.with(|s| s.get()) {
        Some(size) => size,
        None => {
            let r = el.get_bounding_client_rect();
            let size = (r.width(), r.height());
            if size.0 > 0.0 && size.1 > 0.0 {
                SIZE.with(|s| s.set(Some(size)));
            }
            size
        }
    }
}

/// What to paint besides the layout.
pub struct Extra<'a> {
    pub offset: (f64, f64),
    pub selected: Option<&'a str>,
    /// Names of countries and towns, placed clear of the markers.
    pub places: &'a [PlaceLabel],
}

/// Sizes a full-map canvas to its CSS size at the device's pixel ratio; `None` before
/// it has a size. Returns (width, height, ratio).
pub fn fit_canvas(el: &HtmlCanvasElement) -> Option<(f64, f64, f64)> {
    let (w, h) = size_of(el);
    if w <= 0.0 || h <= 0.0 {
        return None;
    }
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let (cw, ch) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if el.width() != cw || el.height() != ch {
        el.set_width(cw);
        el.set_height(ch);
    }
    Some((w, h, dpr))
}

/// Makes the browser rasterise what was drawn on `el` now rather than when the frame
/// that shows it is committed: copying a canvas takes a snapshot of it, which draws its
/// recorded paths and copies. Used in idle time, so the frame only presents the pixels.
pub fn rasterise(el: &HtmlCanvasElement) {
    thread_local! {
        static SCRATCH: RefCell<Option<CanvasRenderingContext2d>> = const { RefCell::new(None) };
    }
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            *s = new_canvas().map(|(c, ctx)| {
                c.set_width(1);
                c.set_height(1);
                ctx
            });
        }
        if let Some(ctx) = s.as_ref() {
            // Cleared first: it is never shown, so nothing else drops what it records.
            ctx.clear_rect(0.0, 0.0, 1.0, 1.0);
            let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(el, 0.0, 0.0, 1.0, 1.0);
        }
    });
}

/// Makes the next marker sprite not yet made at this pixel ratio: the looks of single
/// sites, ring spots, cluster bubbles and counts a corpus can show; with the last, the
/// atlases are rasterised. Run in idle time after the map first shows, so that a scrub
/// step that brings a new look finds it ready. False once all are made.
pub fn warm_one() -> bool {
    thread_local! {
        static NEXT: Cell<usize> = const { Cell::new(0) };
    }
    /// Sizes of single sites: `dot_size` of 1 event up to its cap.
    const SIZES: std::ops::RangeInclusive<u32> = 12..=26;
    /// Clusters of up to this many sites (bubbles grow no larger beyond about 30).
    const BUBBLES_UP_TO: usize = 30;
    /// Counts shown on bubbles, up to.
    const COUNTS_UP_TO: usize = 300;
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let cats = Category::ALL;
    let singles = cats.len() * SIZES.clone().count() * 4;
    let spots = cats.len() * 2;
    let bubbles = cats.len() * (BUBBLES_UP_TO - 1);
    let counts = COUNTS_UP_TO - 1;
    let i = NEXT.with(Cell::get);
    NEXT.with(|n| n.set(i + 1));
    let _ = if i < singles {
        let (c, rest) = (cats[i % cats.len()], i / cats.len());
        let size = SIZES.start() + (rest / 4) as u32;
        sprite(c, f64::from(size), rest % 2 == 1, (rest / 2) % 2 == 1, dpr)
    } else if i < singles + spots {
        let k = i - singles;
        spot_sprite(cats[k % cats.len()], k / cats.len() == 1, dpr)
    } else if i < singles + spots + bubbles {
        let k = i - singles - spots;
        bubble_sprite(bubble_radius(2 + k / cats.len()), cats[k % cats.len()], dpr)
    } else if i < singles + spots + bubbles + counts {
        count_sprite(2 + i - singles - spots - bubbles, dpr)
    } else {
        return false;
    };
    if i + 1 == singles + spots + bubbles + counts {
        rasterise_sprites();
    }
    true
}

/// Draws a site's name label (or a cluster's "+N") into the atlas ahead of a paint that
/// shows it.
pub fn warm_label(text: &str) {
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let _ = label_sprite(text, LabelStyle::Site, dpr);
}

/// The atlas pages of labels and marker sprites drawn into since the last call,
/// rasterised now (see [`rasterise`]) so that copying from them in the next paint costs
/// no snapshot of what was drawn into them.
pub fn rasterise_sprites() {
    let mut pages = LABELS.with(|l| l.borrow_mut().atlases.take_drawn());
    pages.extend(MARKS.with(|m| m.borrow_mut().atlases.take_drawn()));
    for a in &pages {
        rasterise(a);
    }
}

/// A canvas's 2D context.
pub fn context(el: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    el.get_context("2d").ok()??.dyn_into().ok()
}

/// A full-map canvas sized, cleared and scaled to CSS pixels: its context, size and
/// pixel ratio. Sprites are copied onto it pixel for pixel (see [`snap`]), so without
/// smoothing: the browser rasterises a smoothed copy at a fractional position several
/// times slower, which at hundreds of markers made the marker frame miss its budget.
fn cleared(el: &HtmlCanvasElement) -> Option<(CanvasRenderingContext2d, f64, f64, f64)> {
    let (w, h, dpr) = fit_canvas(el)?;
    let ctx = context(el)?;
    ctx.set_image_smoothing_enabled(false);
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, w, h);
    Some((ctx, w, h, dpr))
}

/// Draws the labels a paint of `layout` at `offset` shows into the atlas, where new:
/// copying from the atlas makes the browser rasterise what was drawn into it, once for
/// all of them rather than once per new label.
pub fn prepare_labels(
    el: &HtmlCanvasElement,
    layout: &Layout,
    offset: (f64, f64),
    places: &[PlaceLabel],
) {
    let (w, h) = size_of(el);
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    // Emptied here, before a paint, never during one: a paint's copies name the pages
    // of the labels they copy until they are sent.
    LABELS.with(|l| {
        let mut l = l.borrow_mut();
        if l.count >= LABELS_MAX {
            *l = Labels::new(l.dpr);
        }
    });
    let (kx, ky) = (w / MAP_W, h / MAP_H);
    let on_screen = |x: f64, y: f64, r: f64| {
        let (sx, sy) = ((x + offset.0) * kx, (y + offset.1) * ky);
        sx > -r && sy > -r && sx < w + r && sy < h + r
    };
    for l in places {
        let _ = label_sprite(&l.text, LabelStyle::of(l.kind), dpr);
    }
    let sites = &layout.sites;
    for g in labelled(layout, kx, &on_screen) {
        let _ = label_sprite(&sites[g.members[0]].name, LabelStyle::Site, dpr);
        if g.is_cluster() {
            let _ = label_sprite(&cluster_more(g), LabelStyle::Site, dpr);
        }
    }
}

/// The glyphs that carry a label and are on screen, or near enough for their label to be.
fn labelled<'a>(
    layout: &'a Layout,
    kx: f64,
    on_screen: &'a impl Fn(f64, f64, f64) -> bool,
) -> impl Iterator<Item = &'a Glyph> {
    layout
        .glyphs
        .iter()
        .filter(move |g| g.labelled && on_screen(g.x, g.y, layout.drawn_radius(g) * kx + 200.0))
}

pub fn paint(el: &HtmlCanvasElement, layout: &Layout, extra: &Extra) {
    let Some((ctx, w, h, dpr)) = cleared(el) else {
        return;
    };
    let (kx, ky) = (w / MAP_W, h / MAP_H);
    let (ox, oy) = extra.offset;
    let at = |x: f64, y: f64| ((x + ox) * kx, (y + oy) * ky);
    let on_screen = |x: f64, y: f64, r: f64| {
        let (sx, sy) = at(x, y);
        sx > -r && sy > -r && sx < w + r && sy < h + r
    };
    let tau = std::f64::consts::TAU;
    let sites = &layout.sites;
    prepare_labels(el, layout, extra.offset, extra.places);

    // Extents of area sites drawn on their own, under everything.
    for (c, faded) in [false, true]
        .into_iter()
        .flat_map(|f| Category::ALL.iter().map(move |c| (*c, f)))
    {
        let mut any = false;
        ctx.begin_path();
        for g in layout.glyphs.iter().filter(|g| !g.is_cluster()) {
            let s = &sites[g.members[0]];
            if s.category != c
                || s.faded != faded
                || !matches!(
                    s.kind,
                    SiteKind::City | SiteKind::District | SiteKind::Region
                )
            {
                continue;
            }
            let r = s.extent.clamp(8.0, 400.0) * kx;
            if !on_screen(s.x, s.y, r) {
                continue;
            }
            let (x, y) = at(s.x, s.y);
            ctx.move_to(x + r, y);
            let _ = ctx.arc(x, y, r, 0.0, tau);
            any = true;
        }
        if any {
            ctx.set_fill_style_str(category_colour(c));
            ctx.set_stroke_style_str(category_colour(c));
            ctx.set_global_alpha(if faded { 0.05 } else { 0.10 });
            ctx.fill();
            ctx.set_global_alpha(if faded { 0.2 } else { 0.45 });
            ctx.set_line_width(1.0);
            ctx.stroke();
        }
    }
    ctx.set_global_alpha(1.0);

    // Sprites are copied in batches (see `Batch`), sent before each path is drawn so
    // that what is drawn later stays on top.
    let mut batch = Batch::default();
    // Country and town names, under the markers (they keep clear of them anyway).
    for l in extra.places {
        let (x, y) = (l.x * kx, l.y * ky);
        let style = LabelStyle::of(l.kind);
        let Some(sprite) = label_sprite(&l.text, style, dpr) else {
            continue;
        };
        let sw = sprite.w;
        let (left, baseline) = if style == LabelStyle::Country {
            (x - sw / 2.0, y)
        } else {
            batch.send(&ctx);
            ctx.begin_path();
            let _ = ctx.arc(x, y, 2.0, 0.0, tau);
            ctx.set_fill_style_str("#6b6458");
            ctx.fill();
            (x + 4.0 - LABEL_PAD, y + 3.5)
        };
        batch.stamp(&sprite, (left, baseline - LABEL_ASCENT));
    }
    batch.send(&ctx);

    // Clusters: a dark bubble with the number of sites, ringed in the colour of the
    // highest-priority category among them; a small ring of its sites' spots. The lines
    // to the spots go in one path per fading; bubbles and spots are stamped from sprites
    // (hundreds of small paths cost far more to rasterise than to copy).
    let clusters = || {
        layout.glyphs.iter().filter(|g| {
            g.is_cluster() && on_screen(g.x, g.y, bubble_radius(g.members.len()) + 20.0)
        })
    };
    for faded in [false, true] {
        ctx.begin_path();
        let mut any = false;
        for g in clusters().filter(|g| g.faded == faded && g.members.len() <= RING_MAX) {
            let (x, y) = at(g.x, g.y);
            for m in &g.members {
                if let (_, Spot::Ring(sx, sy)) = layout.spots[*m] {
                    let (px, py) = at(sx, sy);
                    ctx.move_to(x, y);
                    ctx.line_to(px, py);
                    any = true;
                }
            }
        }
        if any {
            ctx.set_global_alpha(if faded { 0.5 } else { 1.0 });
            ctx.set_stroke_style_str("rgba(29,36,51,.35)");
            ctx.set_line_width(1.0);
            ctx.stroke();
        }
    }
    ctx.set_global_alpha(1.0);
    for g in clusters() {
        let (x, y) = at(g.x, g.y);
        batch.alpha = if g.faded { 0.5 } else { 1.0 };
        if g.members.len() <= RING_MAX {
            for m in &g.members {
                if let (_, Spot::Ring(sx, sy)) = layout.spots[*m] {
                    let s = &sites[*m];
                    if let Some(sprite) = spot_sprite(s.category, s.kind.is_area(), dpr) {
                        batch.stamp_centred(&sprite, at(sx, sy));
                    }
                }
            }
        }
        if let Some(sprite) = bubble_sprite(bubble_radius(g.members.len()), g.category, dpr) {
            batch.stamp_centred(&sprite, (x, y));
        }
        if let Some(sprite) = count_sprite(g.members.len(), dpr) {
            batch.stamp_centred(&sprite, (x, y));
        }
    }
    batch.alpha = 1.0;

    // Single sites, stamped from sprites drawn once per look.
    for g in layout.glyphs.iter().filter(|g| !g.is_cluster()) {
        let s = &sites[g.members[0]];
        if !on_screen(s.x, s.y, 20.0) {
            continue;
        }
        if let Some(sprite) = sprite(
            s.category,
            dot_size(s.count),
            s.kind.is_area(),
            s.faded,
            dpr,
        ) {
            batch.stamp_centred(&sprite, at(s.x, s.y));
        }
    }

    // Labels that found room; then the selected site, always named.
    // Labels are stamped from sprites too: text with a halo costs far more to rasterise
    // than to copy. Returns the text's width.
    let mut label = |text: &str, x: f64, y: f64, faded: bool| -> f64 {
        batch.alpha = if faded { 0.6 } else { 1.0 };
        let Some(sprite) = label_sprite(text, LabelStyle::Site, dpr) else {
            return 0.0;
        };
        batch.stamp(&sprite, (x - LABEL_PAD, y - LABEL_ASCENT));
        sprite.w - 2.0 * LABEL_PAD
    };
    for g in labelled(layout, kx, &on_screen) {
        let r = layout.drawn_radius(g) * kx;
        let (x, y) = at(g.x, g.y);
        // A cluster's label is its lead's name and "+N", stamped apart so both sprites
        // are reused as counts change.
        let name = &sites[g.members[0]].name;
        let width = label(name, x + r + 4.0, y + 4.0, g.faded);
        if g.is_cluster() {
            label(
                &cluster_more(g),
                x + r + 4.0 + width + 3.0,
                y + 4.0,
                g.faded,
            );
        }
    }
    batch.send(&ctx);
    if let Some(i) = extra
        .selected
        .and_then(|id| sites.iter().position(|s| s.id == id))
    {
        mark(&ctx, layout, (i, at), dpr, "#005fcc", false);
    }
}

/// Paints the pointed site alone on `el` (cleared first): a dashed ring and its name.
pub fn paint_pointed(
    el: &HtmlCanvasElement,
    layout: &Layout,
    offset: (f64, f64),
    pointed: Option<usize>,
) {
    let Some((ctx, w, h, dpr)) = cleared(el) else {
        return;
    };
    let (kx, ky) = (w / MAP_W, h / MAP_H);
    let at = |x: f64, y: f64| ((x + offset.0) * kx, (y + offset.1) * ky);
    if let Some(i) = pointed.filter(|i| *i < layout.sites.len()) {
        mark(&ctx, layout, (i, at), dpr, "#1d2433", true);
    }
}

/// A ring around site `i` (placed by `at`) and its name where no label shows it.
fn mark(
    ctx: &CanvasRenderingContext2d,
    layout: &Layout,
    (i, at): (usize, impl Fn(f64, f64) -> (f64, f64)),
    dpr: f64,
    colour: &str,
    dashed: bool,
) {
    let (x, y) = layout.drawn_at(i);
    let (x, y) = at(x, y);
    let s = &layout.sites[i];
    let r = match layout.spots[i].1 {
        Spot::Own => dot_size(s.count) / 2.0,
        Spot::Ring(..) => 5.0,
        Spot::Parked => bubble_radius(layout.glyphs[layout.spots[i].0].members.len()),
    } + 5.0;
    ctx.begin_path();
    let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
    let dash = js_sys::Array::new();
    if dashed {
        dash.push(&4.0.into());
        dash.push(&3.0.into());
    }
    let _ = ctx.set_line_dash(&dash);
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(3.0);
    ctx.stroke();
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    // Named unless its own glyph's label already names it.
    let (g, spot) = layout.spots[i];
    let glyph = &layout.glyphs[g];
    if matches!(spot, Spot::Own) && glyph.labelled && glyph.members[0] == i {
        return;
    }
    if let Some(sprite) = label_sprite(&s.name, LabelStyle::Site, dpr) {
        let mut batch = Batch::default();
        batch.stamp(&sprite, (x + r + 3.0 - LABEL_PAD, y + 4.0 - LABEL_ASCENT));
        batch.send(ctx);
    }
}

/// A CSS coordinate moved to the nearest whole device pixel: a sprite (drawn at the
/// device's pixel ratio) copied there lands pixel for pixel.
fn snap(v: f64, dpr: f64) -> f64 {
    (v * dpr).round() / dpr
}

/// A small canvas for a sprite and its context.
fn new_canvas() -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let doc = web_sys::window()?.document()?;
    let c: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    let ctx = context(&c)?;
    Some((c, ctx))
}

/// Room around a label's text in its sprite, and the sprite's height above the baseline.
const LABEL_PAD: f64 = 3.0;
const LABEL_ASCENT: f64 = 14.0;

/// How a label's text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum LabelStyle {
    /// A marker's name: bold, dark, white halo.
    Site,
    /// A country: small grey capitals, spaced, no halo.
    Country,
    Capital,
    Town,
}

impl LabelStyle {
    fn of(kind: LabelKind) -> Self {
        match kind {
            LabelKind::Country => Self::Country,
            LabelKind::Capital => Self::Capital,
            LabelKind::City => Self::Town,
        }
    }
}

/// The "+N" after a cluster's lead name (a sprite of its own, reused as counts change).
fn cluster_more(g: &Glyph) -> String {
    format!("+{}", g.members.len() - 1)
}

/// A label or marker drawn once into an atlas canvas shared with others, and kept.
#[derive(Clone, Copy)]
struct Sprite {
    /// Its atlas page (see [`Pages`]).
    page: u32,
    /// Where it lies in the page, device pixels.
    src: (f64, f64, f64, f64),
    /// Its size, CSS pixels.
    w: f64,
    h: f64,
}

#[wasm_bindgen(inline_js = r#"
export function copy_sprites(ctx, pages, copies) {
  const alpha = ctx.globalAlpha;
  let a = alpha;
  for (let i = 0; i + 9 < copies.length; i += 10) {
    if (copies[i + 9] !== a) {
      a = copies[i + 9];
      ctx.globalAlpha = a;
    }
    const page = pages[copies[i]];
    if (page) {
      ctx.drawImage(page, copies[i + 1], copies[i + 2], copies[i + 3], copies[i + 4],
        copies[i + 5], copies[i + 6], copies[i + 7], copies[i + 8]);
    }
  }
  ctx.globalAlpha = alpha;
}
"#)]
extern "C" {
    /// Copies sprites onto `ctx`: `copies` holds ten numbers per copy (page index in
    /// `pages`, source x, y, width, height in device pixels, target x, y, width, height
    /// in CSS pixels, opacity). One call for a paint's hundreds of copies, where each
    /// `drawImage` from WebAssembly was a call of its own through the bindings.
    fn copy_sprites(ctx: &CanvasRenderingContext2d, pages: &js_sys::Array, copies: &[f64]);
}

/// Sprite copies gathered for one call of `copy_sprites`, in order.
struct Batch {
    copies: Vec<f64>,
    /// The opacity copies are made at from now on.
    alpha: f64,
}

impl Default for Batch {
    fn default() -> Self {
        Batch {
            copies: Vec::new(),
            alpha: 1.0,
        }
    }
}

impl Batch {
    /// Copies `sprite` with its top left corner at `at` (CSS pixels), at a whole device
    /// pixel.
    fn stamp(&mut self, sprite: &Sprite, at: (f64, f64)) {
        let (sx, sy, sw, sh) = sprite.src;
        let dpr = if sprite.w > 0.0 { sw / sprite.w } else { 1.0 };
        self.copies.extend_from_slice(&[
            f64::from(sprite.page),
            sx,
            sy,
            sw,
            sh,
            snap(at.0, dpr),
            snap(at.1, dpr),
            sprite.w,
            sprite.h,
            self.alpha,
        ]);
    }

    /// Copies `sprite` centred on `at` (CSS pixels), at a whole device pixel.
    fn stamp_centred(&mut self, sprite: &Sprite, at: (f64, f64)) {
        self.stamp(sprite, (at.0 - sprite.w / 2.0, at.1 - sprite.h / 2.0));
    }

    /// Makes the copies gathered so far on `ctx`; its opacity is left as it was.
    fn send(&mut self, ctx: &CanvasRenderingContext2d) {
        if self.copies.is_empty() {
            return;
        }
        PAGES.with(|p| copy_sprites(ctx, &p.borrow().list, &self.copies));
        self.copies.clear();
    }
}

/// Every atlas page (and canvas of its own) sprites are drawn into, by index: the list
/// `copy_sprites` finds a copy's source in. A page no longer used is emptied from it.
#[derive(Default)]
struct Pages {
    list: js_sys::Array,
    /// Slots emptied, to reuse.
    free: Vec<u32>,
}

thread_local! {
    static PAGES: RefCell<Pages> = RefCell::new(Pages::default());
}

/// Adds a canvas to [`PAGES`]; its index.
fn add_page(c: &HtmlCanvasElement) -> u32 {
    PAGES.with(|p| {
        let mut p = p.borrow_mut();
        match p.free.pop() {
            Some(i) => {
                p.list.set(i, c.into());
                i
            }
            None => p.list.push(c) - 1,
        }
    })
}

/// Empties a page's slot in [`PAGES`] (its sprites are gone).
fn drop_page(i: u32) {
    let _ = PAGES.try_with(|p| {
        let mut p = p.borrow_mut();
        p.list.set(i, wasm_bindgen::JsValue::UNDEFINED);
        p.free.push(i);
    });
}

/// Room between sprites in an atlas, device pixels: a copy takes nothing of the
/// neighbours.
const GAP: f64 = 2.0;

/// Atlas canvases that sprites are packed into, in rows. Drawing a sprite into one costs
/// its paths or text, not a canvas and context of its own; and many sprites copied in a
/// paint come from a few sources.
struct Atlases {
    /// Each page's size, device pixels: small, since copying from a page just drawn into
    /// makes the browser take a snapshot of all of it.
    size: (u32, u32),
    pages: Vec<(HtmlCanvasElement, CanvasRenderingContext2d, u32)>,
    /// Where the next sprite goes in the last page, and the height of its row so far,
    /// device pixels.
    cursor: (f64, f64),
    row: f64,
    /// Pages of single sprites too large for a shared one.
    own: Vec<u32>,
    /// Pages drawn into since they were last rasterised (see [`rasterise_sprites`]).
    drawn: Vec<(u32, HtmlCanvasElement)>,
}

impl Drop for Atlases {
    fn drop(&mut self) {
        for i in self
            .pages
            .iter()
            .map(|(.., i)| *i)
            .chain(self.own.iter().copied())
        {
            drop_page(i);
        }
    }
}

impl Atlases {
    fn new(size: (u32, u32)) -> Self {
        Atlases {
            size,
            pages: Vec::new(),
            cursor: (0.0, 0.0),
            row: 0.0,
            own: Vec::new(),
            drawn: Vec::new(),
        }
    }

    fn new_page(&mut self) -> Option<()> {
        let (c, ctx) = new_canvas()?;
        c.set_width(self.size.0);
        c.set_height(self.size.1);
        let i = add_page(&c);
        self.pages.push((c, ctx, i));
        self.cursor = (0.0, 0.0);
        self.row = 0.0;
        Some(())
    }

    /// A context to measure text with.
    fn measuring(&mut self) -> Option<CanvasRenderingContext2d> {
        if self.pages.is_empty() {
            self.new_page()?;
        }
        self.pages.last().map(|(_, ctx, _)| ctx.clone())
    }

    /// Room for a sprite of `sw` × `sh` device pixels: the page (marked as drawn into
    /// since it was last rasterised), its index and context, and the sprite's top left
    /// corner there. One too large for a page gets a page of its own.
    fn place(&mut self, sw: f64, sh: f64) -> Option<(u32, CanvasRenderingContext2d, f64, f64)> {
        let (aw, ah) = (f64::from(self.size.0), f64::from(self.size.1));
        if sw + GAP > aw || sh + GAP > ah {
            let (c, ctx) = new_canvas()?;
            c.set_width(sw as u32);
            c.set_height(sh as u32);
            let i = add_page(&c);
            self.own.push(i);
            self.drawn.push((i, c));
            return Some((i, ctx, 0.0, 0.0));
        }
        if self.pages.is_empty() {
            self.new_page()?;
        }
        let (mut x, mut y) = self.cursor;
        if x + sw + GAP > aw {
            (x, y) = (0.0, y + self.row + GAP);
            self.row = 0.0;
        }
        if y + sh + GAP > ah {
            self.new_page()?;
            (x, y) = (0.0, 0.0);
        }
        self.cursor = (x + sw + GAP, y);
        self.row = self.row.max(sh);
        let (c, ctx, i) = self.pages.last()?;
        if !self.drawn.iter().any(|(d, _)| d == i) {
            self.drawn.push((*i, c.clone()));
        }
        Some((*i, ctx.clone(), x, y))
    }

    /// The pages drawn into since this was last asked, to rasterise.
    fn take_drawn(&mut self) -> Vec<HtmlCanvasElement> {
        self.drawn.drain(..).map(|(_, c)| c).collect()
    }

    /// Draws a sprite of `w` × `h` CSS pixels at `dpr`: `draw` gets a context scaled to
    /// CSS pixels with the sprite's top left corner at the origin. Other state is as the
    /// last sprite left it (labels set the same font one after another, and setting it
    /// again is free only while it is unchanged).
    fn draw(
        &mut self,
        (w, h): (f64, f64),
        dpr: f64,
        draw: impl FnOnce(&CanvasRenderingContext2d),
    ) -> Option<Sprite> {
        let (sw, sh) = ((w * dpr).ceil(), (h * dpr).ceil());
        let (page, ctx, x, y) = self.place(sw, sh)?;
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, x, y);
        draw(&ctx);
        Some(Sprite {
            page,
            src: (x, y, sw, sh),
            w: sw / dpr,
            h: sh / dpr,
        })
    }
}

/// Labels drawn so far, packed into atlases: a new label costs its text, not a canvas of
/// its own, and labels drawn in one paint are copied from one source.
struct Labels {
    /// Device pixel ratio (in hundredths) the atlases were drawn at.
    dpr: u32,
    atlases: Atlases,
    /// By style, then text (looked up by `&str`, with no key to build).
    index: HashMap<LabelStyle, HashMap<String, Sprite>>,
    /// Labels in `index`.
    count: usize,
}

impl Labels {
    fn new(dpr: u32) -> Self {
        Labels {
            dpr,
            atlases: Atlases::new(LABEL_ATLAS),
            index: HashMap::new(),
            count: 0,
        }
    }
}

/// A label atlas's size, device pixels.
const LABEL_ATLAS: (u32, u32) = (1024, 128);
/// Labels kept before the atlases are emptied (before the next paint) and drawn again as
/// needed.
const LABELS_MAX: usize = 4000;

thread_local! {
    /// The labels drawn so far.
    static LABELS: RefCell<Labels> = RefCell::new(Labels::new(0));
}

/// A label's sprite: drawn into an atlas the first time. The text's baseline is
/// `LABEL_ASCENT` below the sprite's top and it starts `LABEL_PAD` from its left.
fn label_sprite(text: &str, style: LabelStyle, dpr: f64) -> Option<Sprite> {
    LABELS.with(|l| {
        let mut l = l.borrow_mut();
        let key = (dpr * 100.0) as u32;
        if l.dpr != key {
            *l = Labels::new(key);
        }
        if let Some(s) = l.index.get(&style).and_then(|m| m.get(text)) {
            return Some(*s);
        }
        let s = draw_label(&mut l.atlases, text, style, dpr)?;
        l.index
            .entry(style)
            .or_default()
            .insert(text.to_string(), s);
        l.count += 1;
        Some(s)
    })
}

fn draw_label(atlases: &mut Atlases, text: &str, style: LabelStyle, dpr: f64) -> Option<Sprite> {
    let (font, fill, halo) = match style {
        LabelStyle::Site => (
            "600 12px system-ui, sans-serif",
            "#1d232b",
            Some(("rgba(255,255,255,.92)", 3.5)),
        ),
        LabelStyle::Country => ("13px system-ui, sans-serif", "#8a8372", None),
        LabelStyle::Capital => (
            "600 11px system-ui, sans-serif",
            "#35302a",
            Some(("rgba(251,250,247,.85)", 3.0)),
        ),
        LabelStyle::Town => (
            "11px system-ui, sans-serif",
            "#4d473d",
            Some(("rgba(251,250,247,.85)", 3.0)),
        ),
    };
    let shown = if style == LabelStyle::Country {
        text.to_uppercase()
    } else {
        text.to_string()
    };
    let set_font = |ctx: &CanvasRenderingContext2d| {
        ctx.set_font(font);
        let spacing = if style == LabelStyle::Country {
            "1px"
        } else {
            "0px"
        };
        let _ = js_sys::Reflect::set(ctx, &"letterSpacing".into(), &spacing.into());
    };
    let measuring = atlases.measuring()?;
    set_font(&measuring);
    let width = measuring.measure_text(&shown).ok()?.width() + 2.0 * LABEL_PAD;
    atlases.draw((width, LABEL_ASCENT + 6.0), dpr, |ctx| {
        set_font(ctx);
        if let Some((colour, width)) = halo {
            ctx.set_line_join("round");
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(width);
            let _ = ctx.stroke_text(&shown, LABEL_PAD, LABEL_ASCENT);
        }
        ctx.set_fill_style_str(fill);
        let _ = ctx.fill_text(&shown, LABEL_PAD, LABEL_ASCENT);
    })
}

/// The looks of marker sprites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Look {
    /// A single site: category, size (CSS pixels), area, faded.
    Site(Category, u32, bool, bool),
    /// A cluster member's spot on its ring: category, area.
    Spot(Category, bool),
    /// A cluster's bubble: radius in tenths of a CSS pixel, category.
    Bubble(u32, Category),
    /// A cluster's count.
    Count(usize),
}

/// Marker sprites drawn so far, packed into their own atlases (a label count's reset
/// leaves them be).
struct Marks {
    dpr: u32,
    atlases: Atlases,
    index: HashMap<Look, Sprite>,
}

impl Marks {
    fn new(dpr: u32) -> Self {
        Marks {
            dpr,
            atlases: Atlases::new(MARK_ATLAS),
            index: HashMap::new(),
        }
    }
}

/// A marker atlas's size, device pixels.
const MARK_ATLAS: (u32, u32) = (1024, 256);

thread_local! {
    static MARKS: RefCell<Marks> = RefCell::new(Marks::new(0));
}

/// The sprite of `look` at `dpr`, drawn into a marker atlas the first time: `size` gives
/// its size in CSS pixels (measuring with the context it gets), and `draw` draws it (see
/// [`Atlases::draw`]) given that size, with the context's state restored after.
fn mark_sprite(
    look: Look,
    dpr: f64,
    size: impl FnOnce(&CanvasRenderingContext2d) -> Option<(f64, f64)>,
    draw: impl FnOnce(&CanvasRenderingContext2d, (f64, f64)),
) -> Option<Sprite> {
    MARKS.with(|m| {
        let mut m = m.borrow_mut();
        let key = (dpr * 100.0) as u32;
        if m.dpr != key {
            *m = Marks::new(key);
        }
        if let Some(s) = m.index.get(&look) {
            return Some(*s);
        }
        let wh = size(&m.atlases.measuring()?)?;
        let s = m.atlases.draw(wh, dpr, |ctx| {
            ctx.save();
            draw(ctx, wh);
            ctx.restore();
        })?;
        m.index.insert(look, s);
        Some(s)
    })
}

/// A square marker sprite `side` CSS pixels wide.
fn square(
    look: Look,
    side: f64,
    dpr: f64,
    draw: impl FnOnce(&CanvasRenderingContext2d),
) -> Option<Sprite> {
    mark_sprite(look, dpr, |_| Some((side, side)), |ctx, _| draw(ctx))
}

/// A cluster's count in white.
fn count_sprite(n: usize, dpr: f64) -> Option<Sprite> {
    let font = "700 12px system-ui, sans-serif";
    let text = n.to_string();
    mark_sprite(
        Look::Count(n),
        dpr,
        |ctx| {
            ctx.set_font(font);
            Some((ctx.measure_text(&text).ok()?.width().ceil() + 2.0, 16.0))
        },
        |ctx, (width, _)| {
            ctx.set_font(font);
            ctx.set_text_align("center");
            ctx.set_text_baseline("middle");
            ctx.set_fill_style_str("#fff");
            let _ = ctx.fill_text(&text, width / 2.0, 8.5);
        },
    )
}

/// A cluster member's spot on its ring: its category's glyph, hollow for an area.
fn spot_sprite(category: Category, area: bool, dpr: f64) -> Option<Sprite> {
    let side = 14.0;
    square(Look::Spot(category, area), side, dpr, |ctx| {
        glyph_shape(ctx, category, side / 2.0, side / 2.0, 4.5);
        let colour = category_colour(category);
        ctx.set_fill_style_str(if area { "#fff" } else { colour });
        ctx.fill();
        ctx.set_stroke_style_str(if area { colour } else { "#fff" });
        ctx.set_line_width(1.5);
        ctx.stroke();
    })
}

/// A cluster's bubble of radius `r`, ringed in its category's colour.
fn bubble_sprite(r: f64, category: Category, dpr: f64) -> Option<Sprite> {
    let side = 2.0 * r + 6.0;
    square(
        Look::Bubble((r * 10.0) as u32, category),
        side,
        dpr,
        |ctx| {
            ctx.begin_path();
            let _ = ctx.arc(side / 2.0, side / 2.0, r, 0.0, std::f64::consts::TAU);
            ctx.set_fill_style_str("rgba(29,36,51,.88)");
            ctx.fill();
            ctx.set_stroke_style_str(category_colour(category));
            ctx.set_line_width(3.0);
            ctx.stroke();
        },
    )
}

/// The glyph of a site with this look.
fn sprite(category: Category, size: f64, area: bool, faded: bool, dpr: f64) -> Option<Sprite> {
    let side = size + 6.0;
    let look = Look::Site(category, size as u32, area, faded);
    square(look, side, dpr, |ctx| {
        let (x, y, r) = (side / 2.0, side / 2.0, size / 2.0);
        ctx.set_global_alpha(if faded { 0.45 } else { 1.0 });
        ctx.set_line_join("round");
        if area {
            glyph_shape(ctx, category, x, y, r - 1.0);
            ctx.set_fill_style_str("rgba(255,255,255,.85)");
            ctx.fill();
            ctx.set_stroke_style_str(category_colour(category));
            ctx.set_line_width(2.5);
            ctx.stroke();
        } else {
            glyph_shape(ctx, category, x, y, r + 1.2);
            ctx.set_stroke_style_str("rgba(0,0,0,.35)");
            ctx.set_line_width(1.0);
            ctx.stroke();
            glyph_shape(ctx, category, x, y, r);
            ctx.set_fill_style_str(category_colour(category));
            ctx.fill();
            ctx.set_stroke_style_str("#fff");
            ctx.set_line_width(2.0);
            ctx.stroke();
        }
    })
}
