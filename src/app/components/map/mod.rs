//! The map: the embedded basemap on one canvas, an optional OpenStreetMap tile layer
//! (off by default), markers and place names on a second canvas, and one button per site
//! with events in the window (plus one per cluster) for focus, clicks and names. Wheel,
//! pinch, drag, +/−, arrows and 0 move the view; "Fit" zooms to the events.
//!
//! The drawing lives outside the virtual DOM (`engine`): a gesture moves the drawn
//! layers by one transform each and draws them again when it rests; new sites in the
//! window redraw the markers, and the buttons are updated where they changed (`buttons`).
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use vigia::Category;
use vigia::projection::Viewport;
use yew::prelude::*;

use super::{Dispatch, category_colour};
use crate::model::{Action, MAP_H, MAP_W, State};

#[cfg(target_arch = "wasm32")]
mod base;
#[cfg(target_arch = "wasm32")]
mod buttons;
#[cfg(target_arch = "wasm32")]
mod engine;
pub mod labels;
pub mod layout;
#[cfg(target_arch = "wasm32")]
mod paint;

#[derive(Properties, Clone, PartialEq)]
pub struct MapProps {
    pub state: State,
    /// Event indices per site id in the current window.
    pub in_window: Rc<BTreeMap<String, Vec<usize>>>,
    /// Sites shown only because the view is cumulative: their events are older than the
    /// window. Drawn faded.
    pub faded: Rc<HashSet<String>>,
    pub dispatch: Dispatch,
}

/// Unit polygon of a category's glyph (vertices on a circle of radius 1), or `None` for a
/// circle. Shapes tell categories apart without colour.
pub fn glyph_polygon(c: Category) -> Option<&'static [(f64, f64)]> {
    const S: f64 = std::f64::consts::FRAC_1_SQRT_2;
    match c {
        Category::Strike | Category::Other => None,
        Category::Capture => Some(&[(-S, -S), (S, -S), (S, S), (-S, S)]),
        Category::Outage => Some(&[(0.0, -1.1), (1.0, 0.75), (-1.0, 0.75)]),
        Category::Unrest => Some(&[(0.0, -1.15), (1.15, 0.0), (0.0, 1.15), (-1.15, 0.0)]),
        Category::Deployment => Some(&[(-1.0, -0.75), (1.0, -0.75), (0.0, 1.1)]),
        Category::Statement => Some(&[
            (0.0, -1.0),
            (0.87, -0.5),
            (0.87, 0.5),
            (0.0, 1.0),
            (-0.87, 0.5),
            (-0.87, -0.5),
        ]),
    }
}

/// Adds a category's glyph at `(x, y)` with radius `r` as the canvas's current path.
#[cfg(target_arch = "wasm32")]
pub fn glyph_shape(ctx: &web_sys::CanvasRenderingContext2d, c: Category, x: f64, y: f64, r: f64) {
    ctx.begin_path();
    match glyph_polygon(c) {
        None => {
            let r = if c == Category::Other { r * 0.8 } else { r };
            let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        }
        Some(pts) => {
            for (k, (px, py)) in pts.iter().enumerate() {
                if k == 0 {
                    ctx.move_to(x + px * r, y + py * r);
                } else {
                    ctx.line_to(x + px * r, y + py * r);
                }
            }
            ctx.close_path();
        }
    }
}

/// A category's glyph as a small SVG, for the legend.
fn glyph_svg(c: Category, area: bool) -> Html {
    let fill = if area { "#fff" } else { category_colour(c) };
    let stroke = if area { category_colour(c) } else { "#fff" };
    let shape = match glyph_polygon(c) {
        None => {
            let r = if c == Category::Other { 4.8 } else { 6.0 };
            html! { <circle cx="8" cy="8" r={r.to_string()} fill={fill} stroke={stroke} stroke-width="1.6" /> }
        }
        Some(pts) => {
            let points = pts
                .iter()
                .map(|(x, y)| format!("{:.2},{:.2}", 8.0 + x * 6.0, 8.0 + y * 6.0))
                .collect::<Vec<_>>()
                .join(" ");
            html! { <polygon {points} fill={fill} stroke={stroke} stroke-width="1.6" stroke-linejoin="round" /> }
        }
    };
    html! { <svg class="legend-glyph" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{ shape }</svg> }
}

/// The site or cluster button an event happened on.
#[cfg(target_arch = "wasm32")]
fn target_button(e: &Event) -> Option<web_sys::Element> {
    let t: web_sys::Element = e.target_dyn_into()?;
    t.closest(".marker, .cluster").ok().flatten()
}

/// The map's event handlers.
#[derive(Default)]
struct Handlers {
    layer_click: Callback<MouseEvent>,
    focus_in: Callback<FocusEvent>,
    focus_out: Callback<FocusEvent>,
    pointer_over: Callback<PointerEvent>,
    pointer_out: Callback<PointerEvent>,
    pointer_down: Callback<PointerEvent>,
    pointer_move: Callback<PointerEvent>,
    pointer_up: Callback<PointerEvent>,
    key_down: Callback<KeyboardEvent>,
}

#[function_component(MapView)]
pub fn map_view(props: &MapProps) -> Html {
    let s = &props.state;
    let view = s.viewport;
    let corpus = &s.corpus;
    let surface = use_node_ref();
    let base = use_node_ref();
    let canvas = use_node_ref();
    let hover = use_node_ref();
    let layer = use_node_ref();
    let coords = use_node_ref();
    let scale = use_node_ref();

    #[cfg(target_arch = "wasm32")]
    let handlers = {
        let engine: engine::Shared = use_mut_ref(engine::Engine::default);
        let redraw = use_force_update();
        // A resized window resizes the map: measure and draw again.
        {
            let redraw = redraw.clone();
            use_effect_with((), move |_| {
                listen(
                    &web_sys::window().map(Into::into),
                    "resize",
                    move |_: web_sys::Event| {
                        paint::invalidate_size();
                        redraw.force_update();
                    },
                )
            });
        }
        {
            let engine = engine.clone();
            let refs = (
                base.clone(),
                canvas.clone(),
                layer.clone(),
                scale.clone(),
                surface.clone(),
                hover.clone(),
            );
            let inputs = engine::Inputs {
                corpus: corpus.clone(),
                in_window: props.in_window.clone(),
                faded: props.faded.clone(),
                basemap: s.basemap.clone(),
                selected: s.selected.clone(),
                view,
                dispatch: props.dispatch.clone(),
            };
            use_effect(move || {
                if let (
                    Some(base),
                    Some(marks),
                    Some(layer),
                    Some(scale),
                    Some(surface),
                    Some(hover),
                ) = (
                    refs.0.cast(),
                    refs.1.cast(),
                    refs.2.cast(),
                    refs.3.cast(),
                    refs.4.cast(),
                    refs.5.cast(),
                ) {
                    let dom = engine::Dom {
                        base,
                        marks,
                        hover,
                        layer,
                        scale,
                        surface,
                    };
                    engine::Engine::update(&engine, inputs, dom);
                }
            });
        }
        {
            let engine = engine.clone();
            use_effect_with(surface.clone(), move |surface| wheel_zoom(surface, engine));
        }
        handlers(&engine, &surface, &coords, &props.dispatch)
    };
    #[cfg(not(target_arch = "wasm32"))]
    let handlers = Handlers::default();

    // Without a browser (server rendering, tests) the buttons are plain markup.
    #[cfg(not(target_arch = "wasm32"))]
    let static_buttons: Html = {
        let layout = layout::Layout::new(corpus, &props.in_window, &props.faded, view, 1.0);
        layout
            .groups(s.selected.as_deref())
            .into_iter()
            .map(|g| {
                let buttons = g.buttons.iter().map(|b| html! {
                    <button id={b.key.clone()} type="button" class={b.class()} style={b.style()} aria-label={b.label.clone()}
                        data-site={b.site.clone()} data-name={b.site.as_ref().map(|_| b.name.clone())}
                        aria-expanded={b.site.as_ref().map(|_| if b.selected { "true" } else { "false" })}></button>
                });
                html! { <div class="glyph" style={g.style()}>{ for buttons }</div> }
            })
            .collect()
    };
    #[cfg(target_arch = "wasm32")]
    let static_buttons = Html::default();

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
    let (bar_width, bar_label) = scale_bar(&view);
    let tiles = s.tiles.then(|| tile_layer(&view));
    let (lon, lat) = vigia::projection::unproject(view.center.0, view.center.1);

    html! {
        <div class="map" role="group" aria-label="Map" aria-describedby="map-help">
            <p id="map-help" class="visually-hidden">{ "Map of the sites with events in the selected time window. Tab to a site and press Enter to read its reports; a cluster button zooms in on its sites. With the map focused: plus and minus zoom, arrow keys pan, F fits the events, 0 resets the view." }</p>
            <div class={classes!("surface", s.tiles.then_some("with-tiles"))} ref={surface} tabindex="0" aria-label="Map view"
                onpointerdown={handlers.pointer_down} onpointermove={handlers.pointer_move} onpointerup={handlers.pointer_up.clone()}
                onpointercancel={handlers.pointer_up.clone()} onpointerleave={handlers.pointer_up} onkeydown={handlers.key_down}>
                <canvas class="basemap" ref={base} aria-hidden="true"></canvas>
                { tiles.unwrap_or_default() }
                <div class="markers" ref={layer}
                    onclick={handlers.layer_click} onfocusin={handlers.focus_in} onfocusout={handlers.focus_out}
                    onpointerover={handlers.pointer_over} onpointerout={handlers.pointer_out}>
                    { static_buttons }
                </div>
                // Painted over the buttons, so the buttons need no compositing layers of
                // their own; it lets clicks through to them.
                <canvas class="marks" ref={canvas} aria-hidden="true"></canvas>
                // The hovered or focused site, over the markers: pointing repaints only it.
                <canvas class="marks" ref={hover} aria-hidden="true"></canvas>
                <div class="scale" ref={scale} aria-hidden="true" style={format!("width:{bar_width:.2}%")}>
                    <span class="scale-bar"></span>
                    <span class="scale-label">{ bar_label }</span>
                </div>
                <Legend />
                // Not a live region: it changes with every pointer move.
                <p class="coords" ref={coords} aria-hidden="true" title="Pointer position">{ format_lonlat(lon, lat) }</p>
                <p class="attribution">
                    if s.tiles {
                        { "Tiles: OpenStreetMap. " }
                    }
                    { "© " }<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener noreferrer">{ "OpenStreetMap contributors" }</a>{ ", Natural Earth, GeoNames; sites: GeoNames, airportsdata, Wikipedia" }
                </p>
            </div>
            <form class="site-search" role="search" onsubmit={search}>
                <input type="search" aria-label="Find a site" placeholder="Find a site…" ref={search_box} />
            </form>
            <MapControls tiles={s.tiles} dispatch={props.dispatch.clone()} />
        </div>
    }
}

/// The scale bar for a view: its width in percent of the map and its text (a round
/// number of km near 120 px).
pub fn scale_bar(view: &Viewport) -> (f64, String) {
    let km_px = view.km_per_pixel();
    let target = km_px * 120.0;
    let step = [
        0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0,
    ]
    .into_iter()
    .rfind(|k| *k <= target)
    .unwrap_or(0.5);
    let label = if step < 1.0 {
        "500 m".to_string()
    } else {
        format!("{step:.0} km")
    };
    (step / km_px / MAP_W * 100.0, label)
}

/// The handlers: clicks, focus and hover on the buttons (one listener for the layer),
/// drag and pinch on the surface, keys. Gestures move the engine's live view directly.
#[cfg(target_arch = "wasm32")]
fn handlers(
    engine: &engine::Shared,
    surface: &NodeRef,
    coords: &NodeRef,
    dispatch: &Dispatch,
) -> Handlers {
    use engine::{Engine, REST_MS};
    let layer_click = {
        let d = dispatch.clone();
        let engine = engine.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(b) = target_button(&e) else { return };
            if let Some(site) = b.get_attribute("data-site") {
                d.emit(Action::Select(site));
            } else if let Some(layout) = engine.borrow().layout.clone() {
                let key = b.id();
                if let Some(g) = layout.glyphs.iter().find(|g| {
                    g.is_cluster() && format!("cluster-{}", layout.sites[g.members[0]].id) == key
                }) {
                    d.emit(Action::FitSites(
                        g.members
                            .iter()
                            .map(|i| (layout.sites[*i].lon, layout.sites[*i].lat))
                            .collect(),
                    ));
                }
            }
        })
    };
    let point = {
        let engine = engine.clone();
        move |e: &Event, on: bool| {
            let site = if on {
                target_button(e).and_then(|b| b.get_attribute("data-site"))
            } else {
                None
            };
            // Moving or removing a focused button while the engine draws blurs it; that
            // drawing paints the markers anyway.
            let Ok(mut en) = engine.try_borrow_mut() else {
                return;
            };
            let i = site.and_then(|id| en.layout.as_ref()?.sites.iter().position(|s| s.id == id));
            // While a drag or pinch goes on the pointer crosses sites without pointing.
            if en.pointed != i && (en.pointers.is_empty() || i.is_none()) {
                en.pointed = i;
                en.repaint_pointed();
            }
        }
    };
    let scale_of = {
        let surface = surface.clone();
        move || -> (f64, f64, f64) {
            if let Some(el) = surface.cast::<web_sys::Element>() {
                let r = el.get_bounding_client_rect();
                if r.width() > 0.0 {
                    return (MAP_W / r.width(), r.left(), r.top());
                }
            }
            (1.0, 0.0, 0.0)
        }
    };
    let pointer_down = {
        let engine = engine.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0 && target_button(&e).is_none() {
                let mut en = engine.borrow_mut();
                en.pointers.retain(|p| p.0 != e.pointer_id());
                en.pointers.push((
                    e.pointer_id(),
                    f64::from(e.client_x()),
                    f64::from(e.client_y()),
                ));
            }
        })
    };
    let pointer_move = {
        let engine = engine.clone();
        let coords = coords.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
            let (k, left, top) = scale_of();
            let mut en = engine.borrow_mut();
            // The pointer's coordinates, written straight into the readout.
            if let (Some(view), Some(out)) = (en.view, coords.cast::<web_sys::Element>()) {
                let (lon, lat) = view.to_lonlat((x - left) * k, (y - top) * k);
                out.set_text_content(Some(&format_lonlat(lon, lat)));
            }
            let Some(at) = en.pointers.iter().position(|p| p.0 == e.pointer_id()) else {
                return;
            };
            let (_, x0, y0) = en.pointers[at];
            match en.pointers.len() {
                1 if (x - x0).abs() + (y - y0).abs() >= 2.0 => {
                    en.pointers[at] = (e.pointer_id(), x, y);
                    drop(en);
                    Engine::move_view(&engine, |v| v.pan((x - x0) * k, (y - y0) * k), REST_MS);
                }
                2 => {
                    // Pinch: zoom by the change in distance, around the midpoint.
                    let (_, ox, oy) = en.pointers[1 - at];
                    let before = (x0 - ox).hypot(y0 - oy);
                    let after = (x - ox).hypot(y - oy);
                    if before > 10.0 && after > 10.0 && (after / before - 1.0).abs() > 0.02 {
                        en.pointers[at] = (e.pointer_id(), x, y);
                        drop(en);
                        let (mx, my) = (((x + ox) / 2.0 - left) * k, ((y + oy) / 2.0 - top) * k);
                        Engine::move_view(
                            &engine,
                            |v| v.zoom_around((after / before).log2(), mx, my),
                            REST_MS,
                        );
                    }
                }
                _ => {}
            }
        })
    };
    let pointer_up = {
        let engine = engine.clone();
        Callback::from(move |e: PointerEvent| {
            let mut en = engine.borrow_mut();
            let was = en.pointers.len();
            en.pointers.retain(|p| p.0 != e.pointer_id());
            let done = was > 0 && en.pointers.is_empty();
            drop(en);
            if done {
                engine::settle(&engine, 0);
            }
        })
    };
    let key_down = {
        let d = dispatch.clone();
        let engine = engine.clone();
        Callback::from(move |e: KeyboardEvent| {
            let (cx, cy) = (MAP_W / 2.0, MAP_H / 2.0);
            let step: Option<Box<dyn FnOnce(Viewport) -> Viewport>> = match e.key().as_str() {
                "+" | "=" => Some(Box::new(move |v| v.zoom_around(1.0, cx, cy))),
                "-" | "_" => Some(Box::new(move |v| v.zoom_around(-1.0, cx, cy))),
                "ArrowLeft" => Some(Box::new(|v| v.pan(80.0, 0.0))),
                "ArrowRight" => Some(Box::new(|v| v.pan(-80.0, 0.0))),
                "ArrowUp" => Some(Box::new(|v| v.pan(0.0, 80.0))),
                "ArrowDown" => Some(Box::new(|v| v.pan(0.0, -80.0))),
                _ => None,
            };
            let action = match e.key().as_str() {
                "0" => Some(Action::ResetView),
                "f" | "F" => Some(Action::FitEvents),
                _ => None,
            };
            if step.is_none() && action.is_none() {
                return;
            }
            e.prevent_default();
            if let Some(step) = step {
                Engine::move_view(&engine, step, REST_MS / 2);
            }
            if let Some(a) = action {
                d.emit(a);
            }
        })
    };
    Handlers {
        layer_click,
        focus_in: {
            let point = point.clone();
            Callback::from(move |e: FocusEvent| point(&e, true))
        },
        focus_out: {
            let point = point.clone();
            Callback::from(move |e: FocusEvent| point(&e, false))
        },
        pointer_over: {
            let point = point.clone();
            Callback::from(move |e: PointerEvent| point(&e, true))
        },
        pointer_out: Callback::from(move |e: PointerEvent| point(&e, false)),
        pointer_down,
        pointer_move,
        pointer_up,
        key_down,
    }
}

/// Adds a listener to `target` and returns its removal, for an effect's cleanup.
#[cfg(target_arch = "wasm32")]
fn listen<F: Fn(web_sys::Event) + 'static>(
    target: &Option<web_sys::EventTarget>,
    kind: &'static str,
    f: F,
) -> impl FnOnce() + use<F> {
    use wasm_bindgen::JsCast;
    let cb = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(f);
    // Not passive, so a handler may cancel the event.
    let opts = web_sys::AddEventListenerOptions::new();
    opts.set_passive(false);
    if let Some(t) = target {
        let _ = t.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            cb.as_ref().unchecked_ref(),
            &opts,
        );
    }
    let target = target.clone();
    move || {
        if let Some(t) = target {
            let _ = t.remove_event_listener_with_callback(kind, cb.as_ref().unchecked_ref());
        }
        drop(cb);
    }
}

/// The legend: glyphs by category, areas, clusters. Static, so never re-rendered.
#[function_component(Legend)]
fn legend() -> Html {
    // Open where there is room for it; on a phone it starts folded over the map's corner.
    #[cfg(target_arch = "wasm32")]
    let open = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_none_or(|w| w > 700.0);
    #[cfg(not(target_arch = "wasm32"))]
    let open = true;
    let items = Category::ALL
        .iter()
        .filter(|c| **c != Category::Other)
        .map(|c| {
            html! { <li>{ glyph_svg(*c, false) }{ c.as_str() }</li> }
        });
    html! {
        <details class="legend" {open} onpointerdown={Callback::from(|e: PointerEvent| e.stop_propagation())}>
            <summary>{ "Legend" }</summary>
            <ul>
                { for items }
                <li class="wide">{ glyph_svg(Category::Strike, true) }{ "area (city, region): hollow, its extent shaded" }</li>
                <li class="wide"><span class="legend-bubble" aria-hidden="true">{ "3" }</span>{ "sites close together; click to zoom in" }</li>
                <li class="legend-note wide">{ "Size: number of events" }</li>
            </ul>
        </details>
    }
}

#[derive(Properties, Clone, PartialEq)]
struct ControlsProps {
    tiles: bool,
    dispatch: Dispatch,
}

/// Zoom, fit, reset and the tile layer switch.
#[function_component(MapControls)]
fn map_controls(p: &ControlsProps) -> Html {
    let control = |action: Action, label: &'static str, text: &'static str, class: &'static str| {
        let d = p.dispatch.clone();
        html! { <button class={classes!("zoom", class)} aria-label={label} title={label} onclick={Callback::from(move |_| d.emit(action.clone()))}>{ text }</button> }
    };
    html! {
        <div class="map-controls">
                { control(Action::Zoom { delta: 1.0, x: MAP_W / 2.0, y: MAP_H / 2.0 }, "Zoom in", "+", "") }
                { control(Action::Zoom { delta: -1.0, x: MAP_W / 2.0, y: MAP_H / 2.0 }, "Zoom out", "−", "") }
                { control(Action::FitEvents, "Fit the map to the events shown", "⤢", "") }
                { control(Action::ResetView, "Reset view", "⌂", "") }
                <button class={classes!("zoom", "tiles-toggle")} aria-pressed={if p.tiles { "true" } else { "false" }}
                    title="OpenStreetMap tiles (loads images from tile.openstreetmap.org)"
                    onclick={let d = p.dispatch.clone(); Callback::from(move |_| d.emit(Action::ToggleTiles))}>{ "OSM" }</button>
        </div>
    }
}

/// "10.4672° N, 66.9073° W".
fn format_lonlat(lon: f64, lat: f64) -> String {
    format!(
        "{:.4}° {}, {:.4}° {}",
        lat.abs(),
        if lat >= 0.0 { "N" } else { "S" },
        lon.abs(),
        if lon >= 0.0 { "E" } else { "W" }
    )
}

/// OpenStreetMap's standard tiles covering the view, at the nearest whole zoom (at most
/// 19), placed in map units. Only drawn when the user turns the layer on.
fn tile_layer(view: &Viewport) -> Html {
    let z = view.zoom.round().clamp(0.0, 19.0);
    let n = z.exp2();
    let (west, north) = view.to_lonlat(0.0, 0.0);
    let (east, south) = view.to_lonlat(MAP_W, MAP_H);
    let tile = |lon: f64, lat: f64| {
        let (x, y) = vigia::projection::project(lon, lat);
        ((x * n).floor(), (y * n).floor())
    };
    let (x0, y0) = tile(west, north);
    let (x1, y1) = tile(east, south);
    let max = n - 1.0;
    let mut imgs = Vec::new();
    let mut y = y0.max(0.0);
    while y <= y1.min(max) {
        let mut x = x0;
        while x <= x1 {
            let wrapped = x.rem_euclid(n);
            let (lon_a, lat_a) = vigia::projection::unproject(x / n, y / n);
            let (lon_b, lat_b) = vigia::projection::unproject((x + 1.0) / n, (y + 1.0) / n);
            let (ax, ay) = view.to_screen(lon_a, lat_a);
            let (bx, by) = view.to_screen(lon_b, lat_b);
            let src = format!("https://tile.openstreetmap.org/{z}/{wrapped}/{y}.png");
            imgs.push(html! {
                <img key={src.clone()} {src} alt="" draggable="false" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"
                    style={format!("left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%", ax / MAP_W * 100.0, ay / MAP_H * 100.0, (bx - ax) / MAP_W * 100.0, (by - ay) / MAP_H * 100.0)} />
            });
            x += 1.0;
        }
        y += 1.0;
    }
    html! { <div class="tiles" aria-hidden="true">{ for imgs }</div> }
}

/// Registers the wheel listener on the map surface (it keeps the page from scrolling);
/// returns its cleanup.
#[cfg(target_arch = "wasm32")]
fn wheel_zoom(surface: &NodeRef, engine: engine::Shared) -> impl FnOnce() + use<> {
    use wasm_bindgen::JsCast;
    let el = surface.cast::<web_sys::HtmlElement>();
    let target = el.clone();
    listen(&el.map(Into::into), "wheel", move |e: web_sys::Event| {
        let (Some(e), Some(el)) = (e.dyn_ref::<web_sys::WheelEvent>(), &target) else {
            return;
        };
        e.prevent_default();
        let r = el.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return;
        }
        let x = (f64::from(e.client_x()) - r.left()) / r.width() * MAP_W;
        let y = (f64::from(e.client_y()) - r.top()) / r.height() * MAP_H;
        let delta = if e.delta_y() < 0.0 { 0.5 } else { -0.5 };
        engine::Engine::move_view(&engine, |v| v.zoom_around(delta, x, y), engine::REST_MS);
    })
}
