//! The map's drawing loop, outside the virtual DOM. Layers show the map: the basemap
//! canvas, the marker canvas (markers, their names, place names) with the pointed site's
//! canvas over it, and the marker buttons. Each remembers the view it was drawn for.
//!
//! A pan or zoom by wheel, drag, pinch or key changes the live view at once and only
//! moves and scales the layers with one CSS transform each (the compositor's work, no
//! drawing), so every frame of a gesture is cheap. When the gesture rests the layers are
//! drawn again for the new view, one per frame (basemap, then markers, then the buttons
//! begin), and only then is the app told the new view (the URL follows). New sites in the
//! window (a scrub, a filter) redraw the marker canvas in the same frame. The buttons
//! follow a slice at a time in the idle time after a frame, the layer `aria-busy` until
//! they are in line.
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use vigia::basemap::{Basemap, zoom_level};
use vigia::projection::Viewport;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

use super::labels::{self, PlaceLabel};
use super::layout::Layout;
use super::{base, buttons, paint, scale_bar};
use crate::components::Dispatch;
use crate::model::{Action, Corpus, MAP_W};

pub type Shared = Rc<RefCell<Engine>>;

/// How long a wheel or drag must rest before the map is drawn again, ms.
pub const REST_MS: i32 = 110;
/// A gesture that goes on longer than this still gets the map drawn again, ms.
const MAX_WAIT_MS: f64 = 300.0;

/// What the app's state says, handed over after each render.
pub struct Inputs {
    pub corpus: Rc<Corpus>,
    pub in_window: Rc<BTreeMap<String, Vec<usize>>>,
    pub faded: Rc<HashSet<String>>,
    pub basemap: Option<Rc<Basemap>>,
    pub selected: Option<String>,
    pub view: Viewport,
    pub dispatch: Dispatch,
}

/// The elements the engine draws into.
#[derive(Clone)]
pub struct Dom {
    pub base: HtmlCanvasElement,
    pub marks: HtmlCanvasElement,
    /// The pointed site alone, over the marker canvas and moved with it.
    pub hover: HtmlCanvasElement,
    pub layer: HtmlElement,
    pub scale: HtmlElement,
    pub surface: HtmlElement,
}

#[derive(Default)]
pub struct Engine {
    inputs: Option<Inputs>,
    dom: Option<Dom>,
    /// The view the app's state holds, as last rendered.
    state_view: Option<Viewport>,
    /// The last view the engine reported to the app.
    reported: Option<Viewport>,
    /// The view on screen; ahead of the state's during a gesture.
    pub view: Option<Viewport>,
    /// Map units per CSS pixel (0 until the map has a size).
    unit: f64,
    pub layout: Option<Rc<Layout>>,
    layout_key: Option<LayoutKey>,
    /// A layout made for the settling view, painted in the next frame.
    laid: Option<Laid>,
    places: Vec<PlaceLabel>,
    /// The view the marker canvas was drawn for.
    marks_view: Option<Viewport>,
    /// The layout and view the buttons were placed for.
    buttons: Option<(Rc<Layout>, Viewport)>,
    /// The view and basemap the basemap canvas was drawn for.
    base_drawn: Option<(Viewport, usize)>,
    pub pointed: Option<usize>,
    /// Pointers down on the surface (id → client position), for drag and pinch.
    pub pointers: Vec<(i32, f64, f64)>,
    registry: buttons::Registry,
    synced: Option<(usize, Option<String>)>,
    outlines: base::Outlines,
    panel_open: bool,
    /// Bumped by each request to draw again; a stale request gives way.
    generation: u64,
    timer: Option<i32>,
    /// Since when (ms) a redraw has been put off by a gesture that goes on.
    waiting_since: Option<f64>,
    /// A redraw is under way (it reads the live view in each frame); a request meanwhile
    /// asks for one more after it.
    running: bool,
    again: bool,
    preparing: bool,
    /// A slice of the buttons' sync is set for the idle time after the next frame.
    buttons_due: bool,
    /// The buttons' sync under way, done a slice at a time.
    pending: Option<buttons::Pending>,
    /// Labels still to draw ahead, last first (see [`Engine::warm_label`]); `None` until
    /// the corpus is known.
    labels_ahead: Option<Vec<String>>,
    /// Whether the pointed site's canvas has anything on it.
    hover_drawn: std::cell::Cell<bool>,
}

/// A marker layout made for a view, with its place names, before it is painted.
struct Laid {
    layout: Rc<Layout>,
    places: Vec<PlaceLabel>,
    key: LayoutKey,
    view: Viewport,
}

/// What a layout was made from: corpus, sites, faded sites; zoom, size and unit.
type LayoutKey = (usize, usize, usize, [u64; 4]);

/// The most of an idle period the sprites, labels and outlines made ahead take, ms: they
/// take only what the period leaves before the next frame, and there are many of them.
const PREPARE_MS: f64 = 10.0;

/// How long one slice of the buttons' sync may take, ms.
const SLICE_MS: f64 = 3.0;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn after(ms: i32, f: impl FnOnce() + 'static) -> Option<i32> {
    let cb = Closure::once_into_js(f);
    window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms)
        .ok()
}

fn next_frame(f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    if let Some(w) = window() {
        let _ = w.request_animation_frame(cb.unchecked_ref());
    }
}

/// Sets an element's style attribute only if it differs (setting it, even to the same
/// text, makes the browser recompute the element's style).
fn set_style(el: &Element, style: &str) {
    if el.get_attribute("style").unwrap_or_default() != style {
        let _ = el.set_attribute("style", style);
    }
}

/// Moves and scales a layer by `(r, tx, ty)` (CSS pixels); `None` or the identity clear
/// it.
fn set_transform(el: &Element, m: Option<(f64, f64, f64)>) {
    match m {
        Some((r, tx, ty)) if (r, tx, ty) != (1.0, 0.0, 0.0) => set_style(
            el,
            &format!("transform:matrix({r:.6},0,0,{r:.6},{tx:.2},{ty:.2})"),
        ),
        _ => set_style(el, ""),
    }
}

/// Milliseconds since the page started.
fn now() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl Engine {
    /// CSS pixels per map unit.
    fn css(&self) -> f64 {
        1.0 / self.unit
    }

    /// Takes the state after a render: draws what changed.
    pub fn update(me: &Shared, inputs: Inputs, dom: Dom) {
        let mut e = me.borrow_mut();
        let view = inputs.view;
        // Opening or closing the site panel resizes the map beside it.
        if e.panel_open != inputs.selected.is_some() {
            e.panel_open = inputs.selected.is_some();
            paint::invalidate_size();
        }
        let k = paint::size_of(&dom.marks).0 / MAP_W;
        let resized = k > 0.0 && e.unit != 1.0 / k;
        if resized {
            e.unit = 1.0 / k;
        }
        // Only the window moved (a scrub step, playback, a filter): the buttons follow
        // after the frame that shows the markers.
        let window_only = e.inputs.as_ref().is_some_and(|old| {
            Rc::ptr_eq(&old.corpus, &inputs.corpus)
                && old.selected == inputs.selected
                && old.basemap.as_ref().map(Rc::as_ptr) == inputs.basemap.as_ref().map(Rc::as_ptr)
        });
        let sites_changed = e.inputs.as_ref().is_none_or(|old| {
            !window_only
                || !Rc::ptr_eq(&old.in_window, &inputs.in_window)
                || !Rc::ptr_eq(&old.faded, &inputs.faded)
        });
        let basemap_came =
            inputs.basemap.is_some() && e.inputs.as_ref().is_none_or(|old| old.basemap.is_none());
        // A view set by the app (keys, buttons, search, a URL) rather than reported
        // back by the engine.
        let mut moved = false;
        if e.state_view != Some(view) {
            e.state_view = Some(view);
            if e.reported == Some(view) {
                // The engine's own report coming back: the map is there already.
                e.reported = None;
            } else {
                moved = e.view.is_some() && e.view != Some(view);
                e.view = Some(view);
            }
        }
        if e.view.is_none() {
            e.view = Some(view);
        }
        e.inputs = Some(inputs);
        e.dom = Some(dom);
        if k <= 0.0 {
            return;
        }
        let mut buttons_later = false;
        if sites_changed || resized || e.marks_view.is_none() {
            buttons_later = window_only && !resized && e.marks_view.is_some();
            e.draw_marks(!buttons_later);
        }
        // Drawn again here only when it first can be or the map changed size; a new
        // view is drawn by `settle`.
        if resized || basemap_came || (e.base_drawn.is_none() && e.base_stale()) {
            e.draw_base();
        }
        e.show_moved();
        let prepare = basemap_came && !e.preparing;
        drop(e);
        if buttons_later {
            sync_after_frame(me);
        }
        if moved {
            settle(me, 0);
        }
        if prepare {
            prepare_outlines(me);
        }
    }

    /// Whether the basemap canvas shows another view or basemap than it should.
    fn base_stale(&self) -> bool {
        let Some(b) = self.inputs.as_ref().and_then(|i| i.basemap.as_ref()) else {
            return false;
        };
        self.base_drawn
            .is_none_or(|(v, ptr)| ptr != Rc::as_ptr(b) as usize || Some(v) != self.view)
    }

    /// Draws the basemap canvas for the live view (the caller then moves the other layers
    /// with `show_moved`, as after every draw here).
    fn draw_base(&mut self) {
        let (Some(dom), Some(view)) = (self.dom.clone(), self.view) else {
            return;
        };
        let Some(b) = self.inputs.as_ref().and_then(|i| i.basemap.clone()) else {
            return;
        };
        let Some(size) = paint::fit_canvas(&dom.base) else {
            return;
        };
        let (n, states) = base::draw(&dom.base, size, &b, &view, &mut self.outlines);
        let _ = dom.base.set_attribute("data-outlines", &n.to_string());
        let _ = dom
            .base
            .set_attribute("data-state-lines", &states.to_string());
        self.base_drawn = Some((view, Rc::as_ptr(&b) as usize));
        set_transform(&dom.base, None);
    }

    /// Lays the markers out for the live view (again only if the zoom, the size or the
    /// sites changed), paints them with the place names and brings the buttons in line.
    fn draw_marks(&mut self, with_buttons: bool) {
        if let Some(laid) = self.lay_out() {
            self.show_laid(laid, with_buttons);
        }
    }

    /// The markers' layout and place names for the live view, not yet shown; the labels
    /// they need are drawn into their atlas meanwhile. Made a frame ahead of the one
    /// that paints it when the view settles, so neither frame does both.
    fn lay_out(&self) -> Option<Laid> {
        let (Some(dom), Some(view), Some(inputs)) = (&self.dom, self.view, &self.inputs) else {
            return None;
        };
        let key = (
            Rc::as_ptr(&inputs.corpus) as usize,
            Rc::as_ptr(&inputs.in_window) as usize,
            Rc::as_ptr(&inputs.faded) as usize,
            [view.zoom, view.width, view.height, self.unit].map(f64::to_bits),
        );
        let layout = match &self.layout {
            Some(l) if self.layout_key == Some(key) => l.clone(),
            _ => Rc::new(Layout::new(
                &inputs.corpus,
                &inputs.in_window,
                &inputs.faded,
                view,
                self.unit,
            )),
        };
        let places = inputs
            .basemap
            .as_ref()
            .map(|b| labels::place(b, &view, &layout))
            .unwrap_or_default();
        paint::prepare_labels(&dom.marks, &layout, layout.offset(&view), &places);
        Some(Laid {
            layout,
            places,
            key,
            view,
        })
    }

    /// Paints a layout made by [`Engine::lay_out`] and makes it the one shown.
    fn show_laid(&mut self, laid: Laid, with_buttons: bool) {
        let Some(dom) = self.dom.clone() else { return };
        let Laid {
            layout,
            places,
            key,
            view,
        } = laid;
        self.places = places;
        // The pointed site keeps being pointed at in the new layout if it is still there
        // (its index there may differ).
        let pointed = self
            .pointed
            .and_then(|i| self.layout.as_ref()?.sites.get(i).map(|s| s.id.clone()));
        self.pointed = pointed.and_then(|id| layout.sites.iter().position(|s| s.id == id));
        self.layout = Some(layout);
        self.layout_key = Some(key);
        self.marks_view = Some(view);
        self.repaint();
        self.repaint_pointed();
        set_transform(&dom.marks, None);
        set_transform(&dom.hover, None);
        if with_buttons {
            self.sync_buttons(None);
        }
    }

    /// Brings the buttons in line with the markers as last painted: all at once
    /// (`budget` `None`), or for about `budget` ms (true when done; [`sync_after_frame`]
    /// goes on with the rest). The layer is `aria-busy` while a sync is under way.
    fn sync_buttons(&mut self, budget: Option<f64>) -> bool {
        let (Some(dom), Some(layout), Some(view)) =
            (self.dom.clone(), self.layout.clone(), self.marks_view)
        else {
            return true;
        };
        let selected = self.inputs.as_ref().and_then(|i| i.selected.clone());
        let synced = (Rc::as_ptr(&layout) as usize, selected.clone());
        if self.synced.as_ref() != Some(&synced) {
            // An unfinished sync leaves the groups half placed: place them first, so the
            // next one starts from the order they are in.
            if let Some(p) = self.pending.as_mut() {
                buttons::place_groups(p, &mut self.registry);
            }
            self.pending = Some(buttons::begin(
                &dom.layer,
                layout.groups(selected.as_deref()),
                &mut self.registry,
            ));
            self.synced = Some(synced);
            let _ = dom.layer.set_attribute("aria-busy", "true");
        }
        self.buttons = Some((layout, view));
        let start = now();
        let done = self.pending.as_mut().is_none_or(|p| {
            buttons::step(p, &mut self.registry, || {
                budget.is_none_or(|ms| now() - start < ms)
            })
        });
        if done {
            self.pending = None;
            let _ = dom.layer.remove_attribute("aria-busy");
        }
        done
    }

    /// Draws one more label ahead of need, in idle time: the names of the corpus's
    /// busiest sites (those the layout names first) and clusters' "+N". A scrub step that
    /// brought a hundred new sites drew and rasterised their labels in its key handler.
    /// False once all are drawn (and the atlases rasterised).
    fn warm_label(&mut self) -> bool {
        /// How many sites' names are drawn ahead.
        const SITES: usize = 600;
        /// Clusters' "+N" up to.
        const MORE: usize = 100;
        if self.labels_ahead.is_none() {
            let Some(inputs) = &self.inputs else {
                return false;
            };
            let corpus = &inputs.corpus;
            let mut names: Vec<String> = (1..MORE).map(|n| format!("+{n}")).collect();
            let busiest: Vec<String> = corpus
                .busiest_sites()
                .into_iter()
                .filter_map(|id| corpus.gazetteer.get(id).map(|s| s.name.clone()))
                .take(SITES)
                .collect();
            // Taken from the end: the busiest first.
            names.extend(busiest.into_iter().rev());
            self.labels_ahead = Some(names);
        }
        let Some(ahead) = self.labels_ahead.as_mut() else {
            return false;
        };
        match ahead.pop() {
            Some(name) => {
                paint::warm_label(&name);
                // The last one: the atlases are rasterised once, with all of them.
                if ahead.is_empty() {
                    paint::rasterise_sprites();
                }
                true
            }
            None => false,
        }
    }

    /// Paints the marker canvas for the view it was last drawn for.
    pub fn repaint(&self) {
        let (Some(dom), Some(layout), Some(view)) = (&self.dom, &self.layout, &self.marks_view)
        else {
            return;
        };
        paint::paint(
            &dom.marks,
            layout,
            &paint::Extra {
                offset: layout.offset(view),
                selected: self.inputs.as_ref().and_then(|i| i.selected.as_deref()),
                places: &self.places,
            },
        );
    }

    /// Paints the pointed (hovered or focused) site on its own canvas, for the view the
    /// markers were last drawn for: a hover or focus changes only this.
    pub fn repaint_pointed(&self) {
        let (Some(dom), Some(layout), Some(view)) = (&self.dom, &self.layout, &self.marks_view)
        else {
            return;
        };
        // A blank canvas left blank is not touched: a canvas drawn into is copied to the
        // compositor in the next frame, all of it.
        if self.pointed.is_none() && !self.hover_drawn.get() {
            return;
        }
        paint::paint_pointed(&dom.hover, layout, layout.offset(view), self.pointed);
        self.hover_drawn.set(self.pointed.is_some());
    }

    /// Moves and scales each layer from the view it was drawn for to the live view, and
    /// sets the scale bar.
    fn show_moved(&self) {
        let (Some(dom), Some(view)) = (&self.dom, self.view) else {
            return;
        };
        let css = self.css();
        let to_css = |(r, tx, ty): (f64, f64, f64)| (r, tx * css, ty * css);
        if let Some((drawn, ..)) = &self.base_drawn {
            set_transform(&dom.base, Some(to_css(view.transform_from(drawn))));
        }
        if let Some(drawn) = &self.marks_view {
            let m = Some(to_css(view.transform_from(drawn)));
            set_transform(&dom.marks, m);
            set_transform(&dom.hover, m);
        }
        if let Some((layout, drawn)) = &self.buttons {
            let (r, tx, ty) = to_css(view.transform_from(drawn));
            // The buttons are laid out in map units at the layout's view.
            let (ox, oy) = layout.offset(drawn);
            let k = r * css;
            set_transform(&dom.layer, Some((k, tx + k * ox, ty + k * oy)));
        }
        if let (Some(state), Ok(Some(tiles))) =
            (self.state_view, dom.surface.query_selector(".tiles"))
        {
            set_transform(&tiles, Some(to_css(view.transform_from(&state))));
        }
        let (width, label) = scale_bar(&view);
        set_style(&dom.scale, &format!("width:{width:.2}%"));
        if let Ok(Some(l)) = dom.scale.query_selector(".scale-label")
            && l.text_content().as_deref() != Some(label.as_str())
        {
            l.set_text_content(Some(&label));
        }
    }

    /// Changes the live view by a gesture: shown at once by moving the layers, drawn
    /// again once the gesture rests for `rest` ms.
    pub fn move_view(me: &Shared, f: impl FnOnce(Viewport) -> Viewport, rest: i32) {
        {
            let mut e = me.borrow_mut();
            let Some(v) = e.view else { return };
            e.view = Some(f(v));
            e.show_moved();
        }
        settle(me, rest);
    }

    /// The app's dispatcher, once the map has rendered.
    pub fn dispatch(&self) -> Option<Dispatch> {
        self.inputs.as_ref().map(|i| i.dispatch.clone())
    }
}

/// Draws the layers again for the live view after `rest` ms without another request
/// (or once a gesture has gone on for `MAX_WAIT_MS`): the basemap (rasterised there) and
/// the markers' layout in the idle time that follows (or, when none comes soon, in two
/// frames), the markers in the next frame; in the one after it reports the view to the
/// app and leaves the buttons to idle time (so no frame does more than one of these).
pub fn settle(me: &Shared, rest: i32) {
    let now = now();
    let generation = {
        let mut e = me.borrow_mut();
        if e.running {
            e.again = true;
            return;
        }
        // A long gesture: let the timer already set fire instead of putting it off.
        let since = *e.waiting_since.get_or_insert(now);
        if now - since > MAX_WAIT_MS && e.timer.is_some() {
            return;
        }
        e.generation += 1;
        if let (Some(t), Some(w)) = (e.timer.take(), window()) {
            w.clear_timeout_with_handle(t);
        }
        e.generation
    };
    let current = {
        let me = me.clone();
        move || me.borrow().generation == generation
    };
    let me2 = me.clone();
    let timer = after(rest, move || {
        when_idle_for(SETTLE_IDLE_MS, move |idle| {
            let base = move || {
                if !current() {
                    return;
                }
                {
                    let mut e = me2.borrow_mut();
                    e.timer = None;
                    e.running = true;
                    e.waiting_since = None;
                    if e.base_stale() {
                        e.draw_base();
                        if let Some(dom) = &e.dom {
                            paint::rasterise(&dom.base);
                        }
                        e.show_moved();
                    }
                }
                // In idle time the markers' layout follows at once; when no idle period came,
                // in the next frame, so that no frame does both.
                let me3 = me2.clone();
                let lay = move || {
                    {
                        let mut e = me3.borrow_mut();
                        e.laid = if e.marks_view != e.view {
                            e.lay_out()
                        } else {
                            None
                        };
                        paint::rasterise_sprites();
                    }
                    next_frame(move || {
                        {
                            let mut e = me3.borrow_mut();
                            if e.marks_view != e.view {
                                match e.laid.take() {
                                    Some(laid) if Some(laid.view) == e.view => {
                                        e.show_laid(laid, false)
                                    }
                                    _ => e.draw_marks(false),
                                }
                                e.show_moved();
                            }
                        }
                        next_frame(move || {
                            // The buttons follow in idle time, stale ones removed there
                            // too: hundreds of them change at a zoom.
                            me3.borrow().show_moved();
                            sync_after_frame(&me3);
                            let (view, dispatch, again) = {
                                let mut e = me3.borrow_mut();
                                let view = e.view;
                                if view.is_some() && view != e.state_view {
                                    e.reported = view;
                                }
                                e.running = false;
                                let again = std::mem::take(&mut e.again);
                                (
                                    view.filter(|v| Some(*v) != e.state_view),
                                    e.dispatch(),
                                    again,
                                )
                            };
                            if let (Some(v), Some(d)) = (view, dispatch) {
                                d.emit(Action::SetView(v));
                            }
                            if again {
                                settle(&me3, REST_MS);
                            }
                        });
                    });
                };
                if idle {
                    lay();
                } else {
                    next_frame(lay);
                }
            };
            // Without idle time the basemap has a frame of its own too.
            if idle {
                base();
            } else {
                next_frame(base);
            }
        });
    });
    me.borrow_mut().timer = timer;
}

/// Brings the buttons in line with the marker canvas in the idle time after the frame
/// that shows it (so a scrub step's frame holds only the canvas), a slice at a time, each
/// within the time the browser has before its next frame; within `IDLE_WAIT_MS` at the
/// latest while frames leave no idle time (playback). Requests before then share one sync
/// of whatever is drawn last.
fn sync_after_frame(me: &Shared) {
    {
        let mut e = me.borrow_mut();
        if e.buttons_due {
            return;
        }
        e.buttons_due = true;
        if let Some(dom) = &e.dom {
            let _ = dom.layer.set_attribute("aria-busy", "true");
        }
    }
    let me = me.clone();
    next_frame(move || {
        when_idle(move |budget| {
            let more = {
                let mut e = me.borrow_mut();
                e.buttons_due = false;
                // A gesture's redraw brings them in line itself once it rests.
                if e.marks_view == e.view {
                    let done = e.sync_buttons(Some(budget * BUTTONS_SHARE));
                    e.show_moved();
                    // Style and layout for the buttons just changed, now, in idle time:
                    // else the next key press's handler or frame would pay for them.
                    if let Some(dom) = &e.dom {
                        let _ = dom.layer.offset_width();
                    }
                    !done
                } else {
                    false
                }
            };
            if more {
                sync_after_frame(&me);
            }
        });
    });
}

/// The part of an idle slice spent changing buttons; the rest is left for the style and
/// layout they need, done in the same slice.
const BUTTONS_SHARE: f64 = 0.6;

/// The idle time a settling view's basemap and marker layout are made in, ms: the
/// basemap's paths take several milliseconds to rasterise at 1:10m.
const SETTLE_IDLE_MS: f64 = 12.0;

/// How long a settling view waits for that idle time before drawing in frames, ms.
const SETTLE_WAIT_MS: f64 = 50.0;

/// The longest a slice of the buttons' sync waits for idle time, ms.
const IDLE_WAIT_MS: u32 = 200;

/// Runs `f` when the page is idle, with the time it may take (ms): what the browser has
/// before its next frame, at most [`SLICE_MS`].
fn when_idle(f: impl FnOnce(f64) + 'static) {
    request_idle(IDLE_WAIT_MS, move |d| {
        f(if d.did_timeout() {
            SLICE_MS
        } else {
            d.time_remaining().min(SLICE_MS)
        });
    });
}

/// Asks for `f` to run in the page's idle time, or once `timeout` ms have passed.
fn request_idle(timeout: u32, f: impl FnOnce(web_sys::IdleDeadline) + 'static) {
    let cb = Closure::once_into_js(move |d: wasm_bindgen::JsValue| f(d.unchecked_into()));
    let opts = web_sys::IdleRequestOptions::new();
    opts.set_timeout(timeout);
    if let Some(w) = window() {
        let _ = w.request_idle_callback_with_options(cb.unchecked_ref(), &opts);
    }
}

/// Runs `f(true)` in an idle period with at least `need` ms before the next frame, or
/// `f(false)` once `SETTLE_WAIT_MS` have passed without one. An idle period too short is
/// let go and the next asked for after a frame: the browser begins one as a frame ends,
/// not within the one that was short. It may begin none for a while (it did not in
/// headless Chromium after a frame that expected no other): then the caller spreads its
/// work over frames instead.
fn when_idle_for(need: f64, f: impl FnOnce(bool) + 'static) {
    fn ask(need: f64, since: f64, f: Box<dyn FnOnce(bool)>) {
        let left = (SETTLE_WAIT_MS - (now() - since)).max(1.0);
        request_idle(left as u32, move |d| {
            if d.did_timeout() || now() - since > SETTLE_WAIT_MS {
                f(false);
            } else if d.time_remaining() >= need {
                f(true);
            } else {
                next_frame(move || ask(need, since, f));
            }
        });
    }
    ask(need, now(), Box::new(f));
}

/// Makes the marker sprites (see [`paint::warm_one`]) and the busiest sites' labels,
/// then simplifies the basemap's outlines for every zoom level (nearest the current zoom
/// first), while the page is idle, within each idle period.
fn prepare_outlines(me: &Shared) {
    me.borrow_mut().preparing = true;
    let me2 = me.clone();
    let cb = Closure::once_into_js(move |d: wasm_bindgen::JsValue| {
        let d: web_sys::IdleDeadline = d.unchecked_into();
        let budget = d.time_remaining().min(PREPARE_MS);
        let start = now();
        let more = {
            let mut e = me2.borrow_mut();
            let Some(b) = e.inputs.as_ref().and_then(|i| i.basemap.clone()) else {
                e.preparing = false;
                return;
            };
            let near = zoom_level(e.view.map_or(5.0, |v| v.zoom));
            let mut more = true;
            while more && now() - start < budget {
                more = paint::warm_one() || e.warm_label() || e.outlines.prepare_one(&b, near);
            }
            e.preparing = more;
            more
        };
        if more {
            prepare_outlines(&me2);
        }
    });
    if let Some(w) = window() {
        let _ = w.request_idle_callback(cb.unchecked_ref());
    }
}
