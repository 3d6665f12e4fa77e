//! The map: the embedded basemap (one SVG layer placed by one transform), an optional
//! OpenStreetMap tile layer (off by default), markers painted on one canvas, and one
//! button per site with events in the window (plus one per cluster) for focus, clicks and
//! names. Wheel, pinch, drag, +/−, arrows and 0 move the view; "Fit" zooms to the events.
//!
//! Panning moves the marker layer by one transform; only a zoom or new sites lay the
//! markers out again (`layout`), and the buttons are then updated where they changed
//! (`buttons`).
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use vigia::Category;
use vigia::basemap::{Basemap, REFERENCE_ZOOM, simplified_path_data};
use vigia::projection::Viewport;
use yew::prelude::*;

use super::{Dispatch, category_colour};
use crate::model::{Action, MAP_H, MAP_W, State};

#[cfg(target_arch = "wasm32")]
mod buttons;
pub mod layout;
#[cfg(target_arch = "wasm32")]
mod paint;

use layout::Layout;

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

/// Everything the event handlers need between renders.
#[derive(Default)]
struct Live {
    layout: Option<Rc<Layout>>,
    view: Option<Viewport>,
    selected: Option<String>,
    pointed: Option<usize>,
    /// Pointers down on the surface (id → client position), for drag and pinch.
    pointers: Vec<(i32, f64, f64)>,
}

impl Live {
    #[cfg(target_arch = "wasm32")]
    fn repaint(&self, canvas: &NodeRef) {
        if let (Some(el), Some(layout), Some(view)) = (
            canvas.cast::<web_sys::HtmlCanvasElement>(),
            &self.layout,
            &self.view,
        ) {
            paint::paint(
                &el,
                layout,
                &paint::Extra {
                    offset: layout.offset(view),
                    selected: self.selected.as_deref(),
                    pointed: self.pointed,
                },
            );
        }
    }
}

/// The site or cluster button an event happened on.
fn target_button(e: &Event) -> Option<web_sys::Element> {
    let t: web_sys::Element = e.target_dyn_into()?;
    t.closest(".marker, .cluster").ok().flatten()
}

#[function_component(MapView)]
pub fn map_view(props: &MapProps) -> Html {
    let s = &props.state;
    let view = s.viewport;
    let corpus = &s.corpus;
    let surface = use_node_ref();
    let canvas = use_node_ref();
    let layer = use_node_ref();
    let coords = use_node_ref();
    let live: Rc<RefCell<Live>> = use_mut_ref(Live::default);

    // The layout viewport: kept while only the centre moves (a pan), so panning shifts
    // the laid-out markers instead of laying them out again.
    let layout_view: Rc<RefCell<Option<Viewport>>> = use_mut_ref(|| None);
    let lv = {
        let mut lv = layout_view.borrow_mut();
        match *lv {
            Some(v) if v.zoom == view.zoom && v.width == view.width && v.height == view.height => v,
            _ => {
                *lv = Some(view);
                view
            }
        }
    };
    // Map units per CSS pixel, known once the canvas has been measured.
    #[cfg(target_arch = "wasm32")]
    let unit = {
        let k = paint::scale();
        if k > 0.0 { 1.0 / k } else { 1.0 }
    };
    #[cfg(not(target_arch = "wasm32"))]
    let unit: f64 = 1.0;
    let layout: Rc<Layout> = use_memo(
        (
            Rc::as_ptr(corpus) as usize,
            props.in_window.clone(),
            props.faded.clone(),
            lv,
            (unit * 1e4).round() as i64,
        ),
        {
            let corpus = corpus.clone();
            move |(_, in_window, faded, lv, _)| Layout::new(&corpus, in_window, faded, *lv, unit)
        },
    );
    let offset = layout.offset(&view);
    {
        let mut l = live.borrow_mut();
        l.layout = Some(layout.clone());
        l.view = Some(view);
        l.selected = s.selected.clone();
        if l.pointed.is_some_and(|i| i >= layout.sites.len()) {
            l.pointed = None;
        }
    }

    // Buttons and canvas follow each render.
    #[cfg(target_arch = "wasm32")]
    {
        let registry: Rc<RefCell<buttons::Registry>> = use_mut_ref(buttons::Registry::default);
        let synced: Rc<RefCell<Option<(usize, Option<String>)>>> = use_mut_ref(|| None);
        let panel_open: Rc<RefCell<bool>> = use_mut_ref(|| false);
        let layer = layer.clone();
        let canvas = canvas.clone();
        let live = live.clone();
        let layout = layout.clone();
        let selected = s.selected.clone();
        let surface_el = surface.clone();
        let redraw = use_force_update();
        // A resized window resizes the map: measure and draw again.
        {
            let redraw = redraw.clone();
            use_effect_with((), move |_| {
                use wasm_bindgen::JsCast;
                let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                    paint::invalidate_size();
                    redraw.force_update();
                });
                let w = web_sys::window();
                if let Some(w) = &w {
                    let _ =
                        w.add_event_listener_with_callback("resize", cb.as_ref().unchecked_ref());
                }
                move || {
                    if let Some(w) = w {
                        let _ = w.remove_event_listener_with_callback(
                            "resize",
                            cb.as_ref().unchecked_ref(),
                        );
                    }
                    drop(cb);
                }
            });
        }
        use_effect(move || {
            // Opening or closing the site panel resizes the map beside it.
            if panel_open.replace(selected.is_some()) != selected.is_some() {
                paint::invalidate_size();
            }
            let key = (Rc::as_ptr(&layout) as usize, selected.clone());
            if synced.borrow().as_ref() != Some(&key) {
                if let Some(el) = layer.cast::<web_sys::HtmlElement>() {
                    buttons::sync(
                        &el,
                        &layout.groups(selected.as_deref()),
                        &mut registry.borrow_mut(),
                    );
                }
                *synced.borrow_mut() = Some(key);
            }
            live.borrow().repaint(&canvas);
            // The marker layer is laid out in map units; one scale fits it to the surface.
            if let (Some(c), Some(s)) = (
                canvas.cast::<web_sys::HtmlCanvasElement>(),
                surface_el.cast::<web_sys::HtmlElement>(),
            ) {
                let k = paint::size_of(&c).0 / MAP_W;
                if k > 0.0 && paint::set_scale(k) {
                    let _ = s.set_attribute("style", &format!("--k:{k:.5}"));
                    // Glyph sizes are laid out in pixels: lay out again at this scale.
                    redraw.force_update();
                }
            }
        });
        let d = props.dispatch.clone();
        use_effect_with(surface.clone(), move |surface| wheel_zoom(surface, d));
    }

    // Without a browser (server rendering, tests) the buttons are plain markup.
    #[cfg(not(target_arch = "wasm32"))]
    let static_buttons: Html = layout
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
        .collect();
    #[cfg(target_arch = "wasm32")]
    let static_buttons = Html::default();

    // Clicks, focus and hover on the buttons, handled once for the whole layer.
    let on_layer_click = {
        let d = props.dispatch.clone();
        let live = live.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(b) = target_button(&e) else { return };
            if let Some(site) = b.get_attribute("data-site") {
                d.emit(Action::Select(site));
            } else if let Some(layout) = live.borrow().layout.clone() {
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
        let live = live.clone();
        let canvas = canvas.clone();
        move |e: &Event, on: bool| {
            let site = if on {
                target_button(e).and_then(|b| b.get_attribute("data-site"))
            } else {
                None
            };
            let mut l = live.borrow_mut();
            let i = site.and_then(|id| l.layout.as_ref()?.sites.iter().position(|s| s.id == id));
            if l.pointed != i {
                l.pointed = i;
                #[cfg(target_arch = "wasm32")]
                l.repaint(&canvas);
                let _ = &canvas;
            }
        }
    };
    let onfocusin = {
        let point = point.clone();
        Callback::from(move |e: FocusEvent| point(&e, true))
    };
    let onfocusout = {
        let point = point.clone();
        Callback::from(move |e: FocusEvent| point(&e, false))
    };
    let onpointerover = {
        let point = point.clone();
        Callback::from(move |e: PointerEvent| point(&e, true))
    };
    let onpointerout = Callback::from(move |e: PointerEvent| point(&e, false));

    let scale_of = {
        let surface = surface.clone();
        move || -> (f64, f64, f64) {
            #[cfg(target_arch = "wasm32")]
            if let Some(el) = surface.cast::<web_sys::Element>() {
                let r = el.get_bounding_client_rect();
                if r.width() > 0.0 {
                    return (MAP_W / r.width(), r.left(), r.top());
                }
            }
            let _ = &surface;
            (1.0, 0.0, 0.0)
        }
    };
    let onpointerdown = {
        let live = live.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0 && target_button(&e).is_none() {
                let mut l = live.borrow_mut();
                l.pointers.retain(|p| p.0 != e.pointer_id());
                l.pointers.push((
                    e.pointer_id(),
                    f64::from(e.client_x()),
                    f64::from(e.client_y()),
                ));
            }
        })
    };
    let onpointermove = {
        let live = live.clone();
        let d = props.dispatch.clone();
        let scale_of = scale_of.clone();
        let coords = coords.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
            let (k, left, top) = scale_of();
            let mut l = live.borrow_mut();
            // The pointer's coordinates, written straight into the readout.
            if let (Some(view), Some(out)) = (l.view, coords.cast::<web_sys::Element>()) {
                let (lon, lat) = view.to_lonlat((x - left) * k, (y - top) * k);
                out.set_text_content(Some(&format_lonlat(lon, lat)));
            }
            let Some(at) = l.pointers.iter().position(|p| p.0 == e.pointer_id()) else {
                return;
            };
            let (_, x0, y0) = l.pointers[at];
            match l.pointers.len() {
                1 if (x - x0).abs() + (y - y0).abs() >= 2.0 => {
                    l.pointers[at] = (e.pointer_id(), x, y);
                    drop(l);
                    d.emit(Action::Pan {
                        dx: (x - x0) * k,
                        dy: (y - y0) * k,
                    });
                }
                2 => {
                    // Pinch: zoom by the change in distance, around the midpoint.
                    let (_, ox, oy) = l.pointers[1 - at];
                    let before = (x0 - ox).hypot(y0 - oy);
                    let after = (x - ox).hypot(y - oy);
                    if before > 10.0 && after > 10.0 && (after / before - 1.0).abs() > 0.02 {
                        l.pointers[at] = (e.pointer_id(), x, y);
                        drop(l);
                        d.emit(Action::Zoom {
                            delta: (after / before).log2(),
                            x: ((x + ox) / 2.0 - left) * k,
                            y: ((y + oy) / 2.0 - top) * k,
                        });
                    }
                }
                _ => {}
            }
        })
    };
    let onpointerup = {
        let live = live.clone();
        Callback::from(move |e: PointerEvent| {
            live.borrow_mut().pointers.retain(|p| p.0 != e.pointer_id());
        })
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
                "f" | "F" => Action::FitEvents,
                _ => return,
            };
            e.prevent_default();
            d.emit(action);
        })
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
        0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0,
    ]
    .into_iter()
    .rfind(|k| *k <= target)
    .unwrap_or(0.5);
    let bar_px = step / km_px;

    // Countries with events in the window are tinted in their events' colour.
    let tints: Vec<(String, &'static str)> = layout
        .sites
        .iter()
        .filter(|m| m.kind == vigia::SiteKind::Country)
        .map(|m| (m.name.clone(), category_colour(m.category)))
        .collect();
    let basemap = s.basemap.as_ref().map(|b| {
        html! { <BasemapLayer basemap={BasemapRef(b.clone())} viewport={view} tints={tints.clone()} /> }
    });
    let country_labels = s.basemap.as_ref().map(|b| {
        html! {
            <>
                <CityLabels basemap={BasemapRef(b.clone())} viewport={view} markers={LayoutRef(layout.clone())} />
                <CountryLabels basemap={BasemapRef(b.clone())} viewport={view} skip={tints.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()} />
            </>
        }
    });
    let tiles = s.tiles.then(|| tile_layer(&view));
    let (lon, lat) = vigia::projection::unproject(view.center.0, view.center.1);

    html! {
        <div class="map" role="group" aria-label="Map" aria-describedby="map-help">
            <p id="map-help" class="visually-hidden">{ "Map of the sites with events in the selected time window. Tab to a site and press Enter to read its reports; a cluster button zooms in on its sites. With the map focused: plus and minus zoom, arrow keys pan, F fits the events, 0 resets the view." }</p>
            <div class={classes!("surface", s.tiles.then_some("with-tiles"))} ref={surface} tabindex="0" aria-label="Map view" {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup.clone()} onpointerleave={onpointerup} {onkeydown}>
                <svg class="layer" viewBox={format!("0 0 {MAP_W} {MAP_H}")} aria-hidden="true" focusable="false">
                    <rect class="sea" x="0" y="0" width={MAP_W.to_string()} height={MAP_H.to_string()} />
                    { basemap.unwrap_or_default() }
                    { country_labels.unwrap_or_default() }
                </svg>
                { tiles.unwrap_or_default() }
                <div class="markers" ref={layer}
                    style={format!("transform:scale(var(--k,1)) translate({:.1}px,{:.1}px)", offset.0, offset.1)}
                    onclick={on_layer_click} {onfocusin} {onfocusout} {onpointerover} {onpointerout}>
                    { static_buttons }
                </div>
                // Painted over the buttons, so the buttons need no compositing layers of
                // their own; it lets clicks through to them.
                <canvas class="marks" ref={canvas} aria-hidden="true"></canvas>
                <div class="scale" aria-hidden="true" style={format!("width:{:.2}%", bar_px / MAP_W * 100.0)}>
                    <span class="scale-bar"></span>
                    <span class="scale-label">{ if step < 1.0 { "500 m".to_string() } else { format!("{step:.0} km") } }</span>
                </div>
                <Legend />
                <output class="coords" ref={coords} aria-label="Pointer position">{ format_lonlat(lon, lat) }</output>
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

#[derive(Properties, Clone, PartialEq)]
struct CountryLabelsProps {
    basemap: BasemapRef,
    viewport: Viewport,
    /// Countries that are sites on the map: their marker carries the name.
    skip: Vec<String>,
}

/// Names of the countries around Venezuela at their label points.
#[function_component(CountryLabels)]
fn country_labels(p: &CountryLabelsProps) -> Html {
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
    p.basemap
        .0
        .countries
        .iter()
        .filter(|c| SHOWN.contains(&c.name.as_str()) && !p.skip.contains(&c.name))
        .map(|c| {
            let (x, y) = p.viewport.to_screen(c.label[0], c.label[1]);
            html! { <text class="country-label" x={format!("{x:.0}")} y={format!("{y:.0}")}>{ c.name.clone() }</text> }
        })
        .collect()
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

/// The countries, drawn in reference pixels and placed by one transform, so scrubbing
/// leaves this layer alone and panning changes one attribute. Outlines come at the
/// detail the view needs (region or close-up, simplified per zoom level), each set
/// computed once and kept.
#[function_component(BasemapLayer)]
fn basemap_layer(p: &BasemapProps) -> Html {
    type Paths = Rc<Vec<(String, AttrValue)>>;
    let cache: Rc<RefCell<std::collections::HashMap<(usize, u8, i32), Paths>>> =
        use_mut_ref(Default::default);
    let b = &p.basemap.0;
    let v = &p.viewport;
    let (west, north) = v.to_lonlat(0.0, 0.0);
    let (east, south) = v.to_lonlat(v.width, v.height);
    let outlines = b.outlines_for([west, south, east, north], v.zoom);
    let set = if std::ptr::eq(outlines, b.coast.as_slice()) {
        2
    } else {
        u8::from(std::ptr::eq(outlines, b.detail.as_slice()))
    };
    let level = vigia::basemap::zoom_level(v.zoom);
    let key = (Rc::as_ptr(b) as usize, set, level);
    let paths = cache
        .borrow_mut()
        .entry(key)
        .or_insert_with(|| {
            Rc::new(
                outlines
                    .iter()
                    .map(|c| {
                        (
                            c.name.clone(),
                            AttrValue::from(simplified_path_data(c, level)),
                        )
                    })
                    .collect(),
            )
        })
        .clone();
    let (k, tx, ty) = v.reference_transform(REFERENCE_ZOOM);
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

/// The marker layout by identity (comparing it field by field would cost more than it
/// saves).
#[derive(Clone)]
struct LayoutRef(Rc<Layout>);

impl PartialEq for LayoutRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, Clone, PartialEq)]
struct CitiesProps {
    basemap: BasemapRef,
    viewport: Viewport,
    /// The markers, whose glyphs and labels city labels keep clear of.
    markers: LayoutRef,
}

/// Labels of towns and cities (GeoNames), more as the map zooms in: capitals first,
/// then by population, each only where it touches no label already placed.
#[function_component(CityLabels)]
fn city_labels(p: &CitiesProps) -> Html {
    let v = &p.viewport;
    let Some(min) = vigia::basemap::min_population(v.zoom) else {
        return html! {};
    };
    let layout = &p.markers.0;
    let (ox, oy) = layout.offset(v);
    let mut placed: Vec<(f64, f64, f64, f64)> = layout
        .glyphs
        .iter()
        .flat_map(|g| {
            let r = layout.drawn_radius(g);
            let (x, y) = (g.x + ox, g.y + oy);
            let u = layout.unit;
            let label = g.labelled.then(|| {
                let x0 = x + r + 3.0 * u;
                (
                    x0,
                    y - 8.0 * u,
                    x0 + 7.0 * u * layout.label(g).chars().count() as f64,
                    y + 8.0 * u,
                )
            });
            std::iter::once((x - r, y - r, x + r, y + r)).chain(label)
        })
        .collect();
    let names: HashSet<&str> = layout.sites.iter().map(|s| s.name.as_str()).collect();
    let mut out = Vec::new();
    for c in &p.basemap.0.cities {
        if (c.population < min && c.capital < 2) || names.contains(c.name.as_str()) {
            continue;
        }
        let (x, y) = v.to_screen(c.lon, c.lat);
        if !(0.0..v.width).contains(&x) || !(0.0..v.height).contains(&y) {
            continue;
        }
        let b = (
            x - 3.0,
            y - 11.0,
            x + 6.0 + 6.2 * c.name.chars().count() as f64,
            y + 4.0,
        );
        if placed
            .iter()
            .any(|q| b.0 < q.2 && q.0 < b.2 && b.1 < q.3 && q.1 < b.3)
        {
            continue;
        }
        placed.push(b);
        out.push(html! {
            <g class={classes!("city", (c.capital > 0).then_some("capital"))}>
                <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="2" />
                <text x={format!("{:.1}", x + 4.0)} y={format!("{:.1}", y + 3.5)}>{ c.name.clone() }</text>
            </g>
        });
        if out.len() >= 60 {
            break;
        }
    }
    html! { <g class="cities">{ for out }</g> }
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
