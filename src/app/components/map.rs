//! The map: the embedded basemap drawn as one SVG layer, area sites as translucent
//! extents, and one HTML button per site with events in the window (so every marker is
//! keyboard-focusable and named by its site). Wheel, drag, +/−, arrows and 0 move the view.
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use vigia::basemap::{Basemap, REFERENCE_ZOOM, reference_path_data};
use vigia::projection::Viewport;
use vigia::{Category, SiteKind};
use yew::prelude::*;

use super::{Dispatch, category_colour};
use crate::model::{Action, MAP_H, MAP_W, State};

#[derive(Properties, Clone, PartialEq)]
pub struct MapProps {
    pub state: State,
    /// Event indices per site id in the current window.
    pub in_window: Rc<BTreeMap<String, Vec<usize>>>,
    /// Sites shown only because the view is cumulative: their events are older than the
    /// window. Drawn faded.
    pub faded: Rc<std::collections::HashSet<String>>,
    pub dispatch: Dispatch,
}

/// A marker ready to draw.
#[derive(Clone, PartialEq)]
struct Marker {
    id: String,
    name: String,
    x: f64,
    y: f64,
    kind: SiteKind,
    extent_px: f64,
    count: usize,
    reports: usize,
    category: Category,
    faded: bool,
    /// Whether its name fits beside it without covering another label or dot.
    labelled: bool,
}

/// Dot size in map units for a number of events.
fn dot_size(count: usize) -> f64 {
    (8.0 + 4.0 * (count as f64).sqrt()).min(26.0)
}

/// Marks which markers get a visible label: busiest first, a label is shown only where
/// its box touches no shown label and no other marker's dot. Boxes are kept in a grid of
/// cells, so each check looks at its neighbourhood only; markers off screen get none.
fn place_labels(markers: &mut [Marker]) {
    type Box4 = (f64, f64, f64, f64);
    const CELL: f64 = 40.0;
    let hits = |a: &Box4, b: &Box4| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    let cells = |b: &Box4| {
        let (x0, y0) = ((b.0 / CELL).floor() as i32, (b.1 / CELL).floor() as i32);
        let (x1, y1) = ((b.2 / CELL).floor() as i32, (b.3 / CELL).floor() as i32);
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    };
    let on_screen = |m: &Marker| (0.0..MAP_W).contains(&m.x) && (0.0..MAP_H).contains(&m.y);
    let mut dots: std::collections::HashMap<(i32, i32), Vec<(usize, Box4)>> =
        std::collections::HashMap::new();
    for (i, m) in markers.iter().enumerate().filter(|(_, m)| on_screen(m)) {
        let r = dot_size(m.count) / 2.0;
        let b = (m.x - r, m.y - r, m.x + r, m.y + r);
        for c in cells(&b) {
            dots.entry(c).or_default().push((i, b));
        }
    }
    let mut order: Vec<usize> = (0..markers.len())
        .filter(|i| on_screen(&markers[*i]))
        .collect();
    order.sort_by_key(|i| {
        (
            std::cmp::Reverse(markers[*i].count),
            markers[*i].kind.is_area(),
        )
    });
    let mut placed: std::collections::HashMap<(i32, i32), Vec<Box4>> =
        std::collections::HashMap::new();
    for m in markers.iter_mut() {
        m.labelled = false;
    }
    for i in order {
        let m = &markers[i];
        let x0 = m.x + dot_size(m.count) / 2.0 + 3.0;
        let label = (
            x0,
            m.y - 8.0,
            x0 + 7.0 * m.name.chars().count() as f64,
            m.y + 8.0,
        );
        let clear = cells(&label).all(|c| {
            placed
                .get(&c)
                .is_none_or(|v| v.iter().all(|p| !hits(p, &label)))
                && dots
                    .get(&c)
                    .is_none_or(|v| v.iter().all(|(k, d)| *k == i || !hits(d, &label)))
        });
        if clear {
            markers[i].labelled = true;
            for c in cells(&label) {
                placed.entry(c).or_default().push(label);
            }
        }
    }
}

#[function_component(MapView)]
pub fn map_view(props: &MapProps) -> Html {
    let s = &props.state;
    let view = s.viewport;
    let corpus = &s.corpus;
    let surface = use_node_ref();
    let drag: Rc<RefCell<Option<(f64, f64)>>> = use_mut_ref(|| None);

    let mut markers: Vec<Marker> = props
        .in_window
        .iter()
        .filter_map(|(id, idx)| {
            let site = corpus.gazetteer.get(id)?;
            let (x, y) = view.to_screen(site.lon, site.lat);
            let mut reports: Vec<&str> = idx
                .iter()
                .map(|i| corpus.events[*i].report_id.as_str())
                .collect();
            reports.sort_unstable();
            reports.dedup();
            let category = idx
                .iter()
                .map(|i| corpus.events[*i].category)
                .min()
                .unwrap_or(Category::Other);
            Some(Marker {
                id: id.clone(),
                name: site.name.clone(),
                x,
                y,
                kind: site.kind,
                extent_px: site.radius_km / view.km_per_pixel(),
                count: idx.len(),
                reports: reports.len(),
                category,
                faded: props.faded.contains(id),
                labelled: false,
            })
        })
        .collect();
    place_labels(&mut markers);
    // Areas first (largest first), then points west to east: the DOM order is the map order.
    markers.sort_by(|a, b| {
        (a.kind == SiteKind::Point)
            .cmp(&(b.kind == SiteKind::Point))
            .then(b.extent_px.total_cmp(&a.extent_px))
            .then(a.x.total_cmp(&b.x))
    });

    // Countries with events in the window are tinted in their events' colour.
    let markers: Rc<Vec<Rc<Marker>>> = Rc::new(markers.into_iter().map(Rc::new).collect());
    let tints: Vec<(String, &'static str)> = markers
        .iter()
        .filter(|m| m.kind == SiteKind::Country)
        .map(|m| (m.name.clone(), category_colour(m.category)))
        .collect();
    let basemap = s.basemap.as_ref().map(|b| {
        html! { <BasemapLayer basemap={BasemapRef(b.clone())} viewport={view} tints={tints} /> }
    });
    let country_labels = s.basemap.as_ref().map(|b| {
        b.countries
            .iter()
            .filter(|c| ["Venezuela", "Colombia", "Guyana", "Brazil", "Cuba", "Trinidad and Tobago", "Puerto Rico", "Dominican Rep.", "Haiti", "Jamaica", "Panama", "Curaçao", "Aruba"].contains(&c.name.as_str()))
            .map(|c| {
                let (x, y) = view.to_screen(c.label[0], c.label[1]);
                html! { <text class="country-label" x={format!("{x:.0}")} y={format!("{y:.0}")}>{ c.name.clone() }</text> }
            })
            .collect::<Html>()
    });
    // Dots, extents and labels are painted on one canvas after each render; the buttons
    // below only carry focus, clicks and names.
    let canvas = use_node_ref();
    #[cfg(target_arch = "wasm32")]
    {
        let canvas = canvas.clone();
        let marks = markers.clone();
        let selected = s.selected.clone();
        use_effect(move || paint(&canvas, &marks, selected.as_deref()));
    }

    let scale_of = {
        let surface = surface.clone();
        move || -> f64 {
            #[cfg(target_arch = "wasm32")]
            if let Some(el) = surface.cast::<web_sys::Element>() {
                let w = el.get_bounding_client_rect().width();
                if w > 0.0 {
                    return MAP_W / w;
                }
            }
            let _ = &surface;
            1.0
        }
    };
    // Wheel zoom needs a non-passive listener to keep the page from scrolling.
    #[cfg(target_arch = "wasm32")]
    {
        let d = props.dispatch.clone();
        use_effect_with(surface.clone(), move |surface| wheel_zoom(surface, d));
    }
    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0 {
                *drag.borrow_mut() = Some((f64::from(e.client_x()), f64::from(e.client_y())));
            }
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let d = props.dispatch.clone();
        let scale_of = scale_of.clone();
        Callback::from(move |e: PointerEvent| {
            let mut g = drag.borrow_mut();
            if let Some((x0, y0)) = *g {
                let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
                if (x - x0).abs() + (y - y0).abs() >= 2.0 {
                    let k = scale_of();
                    d.emit(Action::Pan {
                        dx: (x - x0) * k,
                        dy: (y - y0) * k,
                    });
                    *g = Some((x, y));
                }
            }
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None)
    };
    let onkeydown = {
        let d = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let action = match e.key().as_str() {
                "+" | "=" => Action::Zoom {
                    delta: 1.0,
                    x: MAP_W / 2.0,
                    y: MAP_H / 2.0,
                },
                "-" | "_" => Action::Zoom {
                    delta: -1.0,
                    x: MAP_W / 2.0,
                    y: MAP_H / 2.0,
                },
                "ArrowLeft" => Action::Pan { dx: 80.0, dy: 0.0 },
                "ArrowRight" => Action::Pan { dx: -80.0, dy: 0.0 },
                "ArrowUp" => Action::Pan { dx: 0.0, dy: 80.0 },
                "ArrowDown" => Action::Pan { dx: 0.0, dy: -80.0 },
                "0" => Action::ResetView,
                _ => return,
            };
            e.prevent_default();
            d.emit(action);
        })
    };
    let zoom_button = |delta: f64, label: &'static str, text: &'static str| {
        let d = props.dispatch.clone();
        html! { <button class="zoom" aria-label={label} title={label} onclick={Callback::from(move |_| d.emit(Action::Zoom { delta, x: MAP_W / 2.0, y: MAP_H / 2.0 }))}>{ text }</button> }
    };
    let reset = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.emit(Action::ResetView))
    };

    // The site search: Enter centres the map on the best match and opens it.
    let search_box = use_node_ref();
    let search = {
        let d = props.dispatch.clone();
        let corpus = corpus.clone();
        let shown = props.in_window.clone();
        let search_box = search_box.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let query = search_box
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if let Some(id) = crate::model::find_site(&corpus, &query, &shown) {
                d.emit(Action::Find(id));
            }
        })
    };
    // Scale bar: a round number of km near 120 px.
    let km_px = view.km_per_pixel();
    let target = km_px * 120.0;
    let step = [
        1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0,
    ]
    .into_iter()
    .rfind(|k| *k <= target)
    .unwrap_or(1.0);
    let bar_px = step / km_px;

    html! {
        <div class="map" role="group" aria-label="Map" aria-describedby="map-help">
            <p id="map-help" class="visually-hidden">{ "Map of the sites with events in the selected time window. Tab to a site and press Enter to read its reports. With the map focused: plus and minus zoom, arrow keys pan, 0 resets the view." }</p>
            <div class="surface" ref={surface} tabindex="0" aria-label="Map view" {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointerleave={onpointerup} {onkeydown}>
                <svg class="layer" viewBox={format!("0 0 {MAP_W} {MAP_H}")} aria-hidden="true" focusable="false">
                    <rect class="sea" x="0" y="0" width={MAP_W.to_string()} height={MAP_H.to_string()} />
                    { basemap.unwrap_or_default() }
                    { country_labels.unwrap_or_default() }
                </svg>
                <div class="markers">
                    { for markers.iter().map(|m| marker(m, &props.dispatch, s.selected.as_deref() == Some(m.id.as_str()))) }
                </div>
                // Painted over the buttons, so the buttons need no compositing layers of
                // their own; it lets clicks through to them.
                <canvas class="marks" ref={canvas} aria-hidden="true"></canvas>
                <div class="scale" aria-hidden="true" style={format!("width:{:.2}%", bar_px / MAP_W * 100.0)}>
                    <span class="scale-bar"></span>
                    <span class="scale-label">{ format!("{step:.0} km") }</span>
                </div>
                <p class="attribution">
                    { "Basemap: Made with Natural Earth (public domain). Sites: GeoNames (CC BY 4.0), airportsdata (MIT), Wikipedia (CC BY-SA 4.0)." }
                </p>
            </div>
            <form class="site-search" role="search" onsubmit={search}>
                <input type="search" aria-label="Find a site" placeholder="Find a site…" ref={search_box} />
            </form>
            <div class="map-controls">
                { zoom_button(1.0, "Zoom in", "+") }
                { zoom_button(-1.0, "Zoom out", "−") }
                <button class="zoom" aria-label="Reset view" title="Reset view" onclick={reset}>{ "⌂" }</button>
            </div>
        </div>
    }
}

/// Paints the markers: extents of area sites, dots sized by events and coloured by
/// category (rings for areas, faded when only the cumulative view shows them), and the
/// labels that found room, with a white halo. Positions are in map units, converted to
/// the canvas's CSS pixels; the canvas matches the device's pixel ratio.
#[cfg(target_arch = "wasm32")]
fn paint(canvas: &NodeRef, marks: &[Rc<Marker>], selected: Option<&str>) {
    use wasm_bindgen::JsCast;
    let Some(el) = canvas.cast::<web_sys::HtmlCanvasElement>() else {
        return;
    };
    // The canvas's CSS size, read again only after a window resize: reading layout right
    // after a render would force a synchronous layout on every scrub step.
    thread_local! {
        static SIZE: std::cell::Cell<Option<(f64, f64)>> = const { std::cell::Cell::new(None) };
        static LISTENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        static PANEL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    // Opening or closing the site panel resizes the map beside it.
    if PANEL.with(|p| p.replace(selected.is_some())) != selected.is_some() {
        SIZE.with(|s| s.set(None));
    }
    if !LISTENING.with(|l| l.replace(true))
        && let Some(w) = web_sys::window()
    {
        let forget = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| SIZE.with(|s| s.set(None)));
        let _ = w.add_event_listener_with_callback("resize", forget.as_ref().unchecked_ref());
        // Lives as long as the page.
        forget.forget();
    }
    let (w, h) = match SIZE.with(|s| s.get()) {
        Some(size) => size,
        None => {
            let r = el.get_bounding_client_rect();
            let size = (r.width(), r.height());
            if size.0 > 0.0 && size.1 > 0.0 {
                SIZE.with(|s| s.set(Some(size)));
            }
            size
        }
    };
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let (cw, ch) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if el.width() != cw || el.height() != ch {
        el.set_width(cw);
        el.set_height(ch);
    }
    let Some(ctx) = el
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, w, h);
    let (kx, ky) = (w / MAP_W, h / MAP_H);
    let tau = std::f64::consts::TAU;
    let visible: Vec<&Marker> = marks
        .iter()
        .map(|m| m.as_ref())
        .filter(|m| (-40.0..MAP_W + 40.0).contains(&m.x) && (-40.0..MAP_H + 40.0).contains(&m.y))
        .collect();
    // One path per colour and style: a few fills and strokes per frame, not a few per
    // marker.
    let groups = |pick: &dyn Fn(&Marker) -> bool| {
        let mut by: Vec<(Category, bool, Vec<&Marker>)> = Vec::new();
        for m in visible.iter().copied().filter(|m| pick(m)) {
            match by
                .iter_mut()
                .find(|(c, f, _)| *c == m.category && *f == m.faded)
            {
                Some((_, _, v)) => v.push(m),
                None => by.push((m.category, m.faded, vec![m])),
            }
        }
        by
    };
    let circles = |ms: &[&Marker], radius: &dyn Fn(&Marker) -> f64| {
        ctx.begin_path();
        for m in ms {
            let (x, y, r) = (m.x * kx, m.y * ky, radius(m));
            ctx.move_to(x + r, y);
            let _ = ctx.arc(x, y, r, 0.0, tau);
        }
    };
    // Extents first, under every dot.
    let extent = |m: &Marker| m.extent_px.clamp(8.0, 400.0) * kx;
    for (c, faded, ms) in groups(&|m| {
        matches!(
            m.kind,
            SiteKind::City | SiteKind::District | SiteKind::Region
        )
    }) {
        circles(&ms, &extent);
        ctx.set_fill_style_str(category_colour(c));
        ctx.set_stroke_style_str(category_colour(c));
        ctx.set_global_alpha(if faded { 0.05 } else { 0.10 });
        ctx.fill();
        ctx.set_global_alpha(if faded { 0.2 } else { 0.45 });
        ctx.set_line_width(1.0);
        ctx.stroke();
    }
    let dot = |m: &Marker| dot_size(m.count) / 2.0;
    ctx.set_global_alpha(1.0);
    // Dots are stamped from sprites drawn once per look: blitting a small bitmap costs far
    // less than rasterising an anti-aliased circle on every frame.
    for m in &visible {
        if let Some(sprite) = sprite(m, dpr) {
            let half = sprite.width() as f64 / dpr / 2.0;
            let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
                &sprite,
                m.x * kx - half,
                m.y * ky - half,
                2.0 * half,
                2.0 * half,
            );
        }
    }
    ctx.set_global_alpha(1.0);
    if let Some(m) = visible.iter().find(|m| selected == Some(m.id.as_str())) {
        ctx.begin_path();
        let _ = ctx.arc(m.x * kx, m.y * ky, dot(m) + 5.0, 0.0, tau);
        ctx.set_stroke_style_str("#005fcc");
        ctx.set_line_width(3.0);
        ctx.stroke();
    }
    ctx.set_font("600 12px system-ui, sans-serif");
    ctx.set_line_join("round");
    for m in visible
        .iter()
        .filter(|m| m.labelled || selected == Some(m.id.as_str()))
    {
        let (x, y) = (m.x * kx + dot_size(m.count) / 2.0 + 4.0, m.y * ky + 4.0);
        ctx.set_global_alpha(if m.faded { 0.6 } else { 1.0 });
        ctx.set_stroke_style_str("rgba(255,255,255,.92)");
        ctx.set_line_width(3.5);
        let _ = ctx.stroke_text(&m.name, x, y);
        ctx.set_fill_style_str("#1d232b");
        let _ = ctx.fill_text(&m.name, x, y);
    }
    ctx.set_global_alpha(1.0);
}

/// The dot of a marker with this look, drawn once into a small canvas and kept.
#[cfg(target_arch = "wasm32")]
fn sprite(m: &Marker, dpr: f64) -> Option<web_sys::HtmlCanvasElement> {
    use std::collections::HashMap;
    use wasm_bindgen::JsCast;
    thread_local! {
        static SPRITES: std::cell::RefCell<HashMap<(Category, u32, bool, bool, u32), web_sys::HtmlCanvasElement>> =
            std::cell::RefCell::new(HashMap::new());
    }
    let size = dot_size(m.count);
    let key = (
        m.category,
        size as u32,
        m.kind.is_area(),
        m.faded,
        (dpr * 100.0) as u32,
    );
    if let Some(c) = SPRITES.with(|s| s.borrow().get(&key).cloned()) {
        return Some(c);
    }
    let doc = web_sys::window()?.document()?;
    let c: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    let side = size + 6.0;
    c.set_width((side * dpr).ceil() as u32);
    c.set_height((side * dpr).ceil() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = c.get_context("2d").ok()??.dyn_into().ok()?;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    let (x, y, r) = (side / 2.0, side / 2.0, size / 2.0);
    let tau = std::f64::consts::TAU;
    ctx.set_global_alpha(if m.faded { 0.45 } else { 1.0 });
    if m.kind.is_area() {
        ctx.begin_path();
        let _ = ctx.arc(x, y, r, 0.0, tau);
        ctx.set_stroke_style_str(category_colour(m.category));
        ctx.set_line_width(2.5);
        ctx.stroke();
    } else {
        ctx.begin_path();
        let _ = ctx.arc(x, y, r + 1.2, 0.0, tau);
        ctx.set_stroke_style_str("rgba(0,0,0,.35)");
        ctx.set_line_width(1.0);
        ctx.stroke();
        ctx.begin_path();
        let _ = ctx.arc(x, y, r, 0.0, tau);
        ctx.set_fill_style_str(category_colour(m.category));
        ctx.fill();
        ctx.set_stroke_style_str("#fff");
        ctx.set_line_width(2.0);
        ctx.stroke();
    }
    SPRITES.with(|s| s.borrow_mut().insert(key, c.clone()));
    Some(c)
}

/// The basemap by identity: comparing two loads' outlines point by point would cost more
/// than drawing them.
#[derive(Clone)]
pub struct BasemapRef(pub Rc<Basemap>);

impl PartialEq for BasemapRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, Clone, PartialEq)]
struct BasemapProps {
    basemap: BasemapRef,
    viewport: Viewport,
    /// Country name and fill colour of tinted countries.
    tints: Vec<(String, &'static str)>,
}

/// The countries, drawn once in reference pixels and placed by one transform, so
/// scrubbing leaves this layer alone and panning or zooming changes one attribute.
#[function_component(BasemapLayer)]
fn basemap_layer(p: &BasemapProps) -> Html {
    let b = p.basemap.0.clone();
    let paths = use_memo(Rc::as_ptr(&b) as usize, move |_| {
        b.countries
            .iter()
            .map(|c| (c.name.clone(), AttrValue::from(reference_path_data(c))))
            .collect::<Vec<_>>()
    });
    let (k, tx, ty) = p.viewport.reference_transform(REFERENCE_ZOOM);
    html! {
        <g class="countries" transform={format!("matrix({k} 0 0 {k} {tx:.2} {ty:.2})")}>
            { for paths.iter().map(|(name, d)| {
                let tint = p.tints.iter().find(|(n, _)| n == name).map(|(_, c)| *c);
                let ve = name == "Venezuela";
                html! { <path key={name.as_str()} class={classes!("land", ve.then_some("land-focus"), tint.is_some().then_some("land-active"))} style={tint.map(|c| format!("fill:{c}"))} d={d.clone()} /> }
            }) }
        </g>
    }
}

/// Registers the wheel listener on the map surface; returns its cleanup.
#[cfg(target_arch = "wasm32")]
fn wheel_zoom(surface: &NodeRef, dispatch: Dispatch) -> impl FnOnce() + use<> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let el = surface.cast::<web_sys::HtmlElement>();
    let target = el.clone();
    let cb = Closure::<dyn Fn(web_sys::WheelEvent)>::new(move |e: web_sys::WheelEvent| {
        e.prevent_default();
        let Some(el) = &target else { return };
        let r = el.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return;
        }
        let x = (f64::from(e.client_x()) - r.left()) / r.width() * MAP_W;
        let y = (f64::from(e.client_y()) - r.top()) / r.height() * MAP_H;
        dispatch.emit(Action::Zoom {
            delta: if e.delta_y() < 0.0 { 0.5 } else { -0.5 },
            x,
            y,
        });
    });
    let opts = web_sys::AddEventListenerOptions::new();
    opts.set_passive(false);
    if let Some(el) = &el {
        let _ = el.add_event_listener_with_callback_and_add_event_listener_options(
            "wheel",
            cb.as_ref().unchecked_ref(),
            &opts,
        );
    }
    move || {
        if let Some(el) = el {
            let _ = el.remove_event_listener_with_callback("wheel", cb.as_ref().unchecked_ref());
        }
        drop(cb);
    }
}

#[derive(Properties, Clone, PartialEq)]
struct MarkerProps {
    m: Rc<Marker>,
    selected: bool,
    dispatch: Dispatch,
}

fn marker(m: &Rc<Marker>, dispatch: &Dispatch, selected: bool) -> Html {
    html! { <MarkerButton key={m.id.clone()} m={m.clone()} {selected} dispatch={dispatch.clone()} /> }
}

/// One site's button. A component, so scrubbing re-renders only the markers whose
/// counts, colour or place changed.
#[function_component(MarkerButton)]
fn marker_button(p: &MarkerProps) -> Html {
    let m = &p.m;
    let selected = p.selected;
    let open = {
        let d = p.dispatch.clone();
        let id = m.id.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::Select(id.clone())))
    };
    let label = format!(
        "{}, {} {}, {} {}",
        m.name,
        m.count,
        if m.count == 1 { "event" } else { "events" },
        m.reports,
        if m.reports == 1 { "report" } else { "reports" }
    );
    let inside = (-20.0..MAP_W + 20.0).contains(&m.x) && (-20.0..MAP_H + 20.0).contains(&m.y);
    let size = dot_size(m.count);
    html! {
        <button
            id={format!("marker-{}", m.id)}
            class={classes!("marker", m.kind.is_area().then_some("area"), selected.then_some("selected"), (!inside).then_some("offscreen"), (!m.labelled).then_some("unlabelled"), m.faded.then_some("faded"))}
            style={format!("left:{:.3}%;top:{:.3}%;--size:{size:.0}px;--colour:{}", m.x / MAP_W * 100.0, m.y / MAP_H * 100.0, category_colour(m.category))}
            aria-label={label.clone()}
            aria-expanded={if selected { "true" } else { "false" }}
            aria-controls="site-panel"
            title={label}
            data-name={m.name.clone()}
            onclick={open}
        ></button>
    }
}
