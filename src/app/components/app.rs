//! The root: builds the corpus, holds the one `State`, wires global keys and the
//! basemap download.
use std::rc::Rc;

use yew::prelude::*;

use super::{AddReports, EventList, Filters, MapView, Reader, SitePanel, TimeBar};
use crate::model::{Action, Corpus, Mode, State};

/// Where start-up stands.
#[derive(Clone)]
pub enum Loading {
    /// Reports read so far, of all.
    Reading {
        done: usize,
        total: usize,
    },
    Ready(Rc<Corpus>),
    Failed(String),
}

/// The app. Builds the corpus from the bundled reports with the core library; in the
/// browser report by report, yielding to the page between slices so progress shows.
#[function_component(App)]
pub fn app() -> Html {
    #[cfg(not(target_arch = "wasm32"))]
    let loading = use_state(|| match Corpus::bundled() {
        Ok(c) => Loading::Ready(Rc::new(c)),
        Err(e) => Loading::Failed(e),
    });
    #[cfg(target_arch = "wasm32")]
    let loading = {
        let loading = use_state(|| Loading::Reading { done: 0, total: 0 });
        let setter = loading.setter();
        use_effect_with((), move |_| web::build_corpus(setter));
        loading
    };
    match &*loading {
        Loading::Ready(c) => html! { <Main corpus={c.clone()} /> },
        Loading::Reading { done, total } => html! {
            <div class="loading" role="status">
                <p>{ format!("Reading reports… {done} of {total}") }</p>
                <progress max={total.max(&1).to_string()} value={done.to_string()} aria-label="Reading reports"></progress>
            </div>
        },
        Loading::Failed(e) => {
            html! { <p role="alert" class="fatal">{ format!("Vigía could not read its bundled data: {e}") }</p> }
        }
    }
}

#[derive(Properties, Clone)]
pub struct MainProps {
    pub corpus: Rc<Corpus>,
}

impl PartialEq for MainProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &other.corpus)
    }
}

/// The page once the corpus is ready.
#[function_component(Main)]
pub fn main_view(props: &MainProps) -> Html {
    let state = use_reducer({
        let corpus = props.corpus.clone();
        move || {
            let s = State::new(corpus);
            // A shared link: the view it names.
            #[cfg(target_arch = "wasm32")]
            let s = {
                use yew::Reducible;
                Rc::new(s)
                    .reduce(Action::Restore(crate::url::UrlState::decode(&web::hash())))
                    .as_ref()
                    .clone()
            };
            s
        }
    });
    // One callback for the page's whole life: components compare it by identity, so a new
    // one per render would re-render every marker on every step.
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a| d.dispatch(a)))).clone()
    };

    #[cfg(target_arch = "wasm32")]
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            web::load_basemap(d.clone());
            let escape = web::on_escape(d.clone());
            let popstate = web::on_popstate(d);
            move || {
                escape();
                popstate();
            }
        });
        let selected = state.selected.clone();
        use_effect_with(selected, |selected| {
            web::focus_after_selection(selected.as_deref());
        });
        // The URL follows the view: opening a site is a new history entry (so Back
        // closes it), anything else replaces the current one.
        let url = state.url_state();
        use_effect_with(url, web::write_url);
        let d = dispatch.clone();
        use_effect_with(state.playing, move |playing| web::play(*playing, d));
    }

    let window = state.window.duration();
    // The sites in the window change with the time, window, mode and filters only: a pan
    // or a zoom reuses them.
    let (in_window, faded) = (*use_memo(
        (
            Rc::as_ptr(&state.corpus) as usize,
            Rc::as_ptr(&state.shown) as usize,
            state.time,
            state.window,
            state.mode,
        ),
        {
            let corpus = state.corpus.clone();
            let shown = state.shown.clone();
            move |(_, _, time, window, mode)| {
                let len = window.duration();
                let (all, faded) = match mode {
                    Mode::Window => (
                        corpus.sites_in_window(&shown, *time, len),
                        Default::default(),
                    ),
                    Mode::Cumulative => {
                        let all = corpus.sites_in_window(
                            &shown,
                            *time,
                            crate::model::WindowLen::All.duration(),
                        );
                        let recent = corpus.sites_in_window(&shown, *time, len);
                        let faded: std::collections::HashSet<String> = all
                            .keys()
                            .filter(|k| !recent.contains_key(*k))
                            .cloned()
                            .collect();
                        (all, faded)
                    }
                };
                (Rc::new(all), Rc::new(faded))
            }
        },
    ))
    .clone();
    let link_base = crate::url::UrlState {
        site: None,
        ..state.url_state()
    }
    .encode();
    html! {
        <div class="app">
            <header class="top">
                <h1>{ "Vigía" }</h1>
                <p class="tagline">{ "News reports on the Venezuela crisis, mapped through time. Every marker cites its reports word for word." }</p>
                <Filters corpus={state.corpus.clone()} filter={state.filter.clone()} dispatch={dispatch.clone()} />
            </header>
            <main class="stage">
                <MapView state={(*state).clone()} in_window={in_window.clone()} {faded} dispatch={dispatch.clone()} />
                if let Some(event) = state.reading {
                    <Reader corpus={state.corpus.clone()} {event} link_base={link_base.clone()} dispatch={dispatch.clone()} />
                }
                if let Some(site) = state.selected.clone() {
                    <SitePanel corpus={state.corpus.clone()} site_id={site} time={state.time} window={window} zone={state.zone} filter={state.filter.clone()} dispatch={dispatch.clone()} />
                }
            </main>
            <TimeBar corpus={state.corpus.clone()} shown={state.shown.clone()} time={state.time} window={state.window} mode={state.mode} zone={state.zone}
                axis={state.axis} playing={state.playing} speed={state.speed}
                events_in_window={in_window.values().map(Vec::len).sum::<usize>()} sites_in_window={in_window.len()} dispatch={dispatch.clone()} />
            <EventList corpus={state.corpus.clone()} in_window={in_window} open={state.list_open} selected={state.selected.clone()}
                {link_base} dispatch={dispatch.clone()} />
            <AddReports corpus={state.corpus.clone()} {dispatch} />
        </div>
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    //! Browser glue: the basemap download, the document-wide Escape key, focus.
    use std::rc::Rc;

    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;
    use wasm_bindgen_futures::JsFuture;
    use yew::Callback;

    use crate::model::{Action, Corpus};

    use super::Loading;

    fn now() -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }

    /// Lets the page render and take input: resolves on the next macrotask.
    async fn yield_to_page() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
        let _ = JsFuture::from(promise).await;
    }

    /// Extracts the bundled reports in slices of about 30 ms, reporting progress, then
    /// hands over the corpus. Leaves the figures (gazetteer matcher build, extraction
    /// and indexing times, bytes, events) in
    /// `globalThis.vigiaStats`, which the browser benchmark reads.
    pub fn build_corpus(set: yew::UseStateSetter<Loading>) {
        wasm_bindgen_futures::spawn_local(async move {
            let reports = match vigia::bundle::reports() {
                Ok(r) => r,
                Err(p) => return set.set(Loading::Failed(p.to_string())),
            };
            let total = reports.len();
            set.set(Loading::Reading { done: 0, total });
            yield_to_page().await;
            let t0 = now();
            let gazetteer = vigia::bundle::gazetteer();
            let matcher = vigia::gazetteer::Matcher::new(&gazetteer);
            let t1 = now();
            let mut events = Vec::new();
            // Time spent extracting, without the pauses for the page.
            let mut busy = 0.0;
            let mut slice_start = now();
            for (k, r) in reports.iter().enumerate() {
                events.extend(vigia::extract::extract(r, &gazetteer, &matcher));
                if now() - slice_start > 30.0 && k + 1 < total {
                    busy += now() - slice_start;
                    set.set(Loading::Reading { done: k + 1, total });
                    yield_to_page().await;
                    slice_start = now();
                }
            }
            busy += now() - slice_start;
            let t2 = now();
            let bytes: usize = reports.iter().map(|r| r.text.len()).sum();
            let corpus = Corpus::from_events(reports, gazetteer, events);
            stats(&[
                ("matcher_ms", t1 - t0),
                ("extract_ms", busy),
                ("index_ms", now() - t2),
                ("bytes", bytes as f64),
                ("reports", total as f64),
                ("events", corpus.events.len() as f64),
                ("sites", corpus.gazetteer.sites.len() as f64),
                ("wasm_memory_bytes", wasm_memory_bytes()),
            ]);
            set.set(Loading::Ready(Rc::new(corpus)));
        });
    }

    fn wasm_memory_bytes() -> f64 {
        wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .ok()
            .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
            .map_or(0.0, |b| f64::from(b.byte_length()))
    }

    fn stats(pairs: &[(&str, f64)]) {
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            let _ = js_sys::Reflect::set(&o, &(*k).into(), &(*v).into());
        }
        let _ = js_sys::Reflect::set(&js_sys::global(), &"vigiaStats".into(), &o);
    }

    pub fn load_basemap(dispatch: Callback<Action>) {
        wasm_bindgen_futures::spawn_local(async move {
            let Some(window) = web_sys::window() else {
                return;
            };
            let text = async {
                let resp: web_sys::Response =
                    JsFuture::from(window.fetch_with_str("basemap/region.json"))
                        .await
                        .ok()?
                        .dyn_into()
                        .ok()?;
                if !resp.ok() {
                    return None;
                }
                JsFuture::from(resp.text().ok()?).await.ok()?.as_string()
            }
            .await;
            match text.map(|t| vigia::basemap::Basemap::parse(&t)) {
                Some(Ok(b)) => dispatch.emit(Action::BasemapLoaded(Rc::new(b))),
                Some(Err(e)) => web_sys::console::warn_1(&e.into()),
                None => web_sys::console::warn_1(&"basemap/region.json could not be loaded".into()),
            }
        });
    }

    /// Listens to `event` on `target` (the document, the window); returns the cleanup,
    /// which removes the listener and frees its closure.
    fn listen<E: wasm_bindgen::convert::FromWasmAbi + 'static>(
        target: Option<web_sys::EventTarget>,
        event: &'static str,
        handler: impl Fn(E) + 'static,
    ) -> impl FnOnce() {
        let cb = Closure::<dyn Fn(E)>::new(handler);
        if let Some(t) = &target {
            let _ = t.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
        }
        move || {
            if let Some(t) = target {
                let _ = t.remove_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
            }
            drop(cb);
        }
    }

    /// Escape anywhere closes the panel; returns the listener's cleanup.
    pub fn on_escape(dispatch: Callback<Action>) -> impl FnOnce() {
        let doc = web_sys::window().and_then(|w| w.document());
        listen(
            doc.map(Into::into),
            "keydown",
            move |e: web_sys::KeyboardEvent| {
                if e.key() == "Escape" {
                    dispatch.emit(Action::Escape);
                }
            },
        )
    }

    /// The location's fragment, `#` included.
    pub fn hash() -> String {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }

    thread_local! {
        /// The selection the URL was last written with.
        static WRITTEN_SITE: std::cell::RefCell<Option<Option<String>>> = const { std::cell::RefCell::new(None) };
        static PLAYER: std::cell::RefCell<Option<(i32, Closure<dyn Fn()>)>> = const { std::cell::RefCell::new(None) };
    }

    thread_local! {
        /// A replacement waiting for the view to settle: (timeout id, its closure).
        static PENDING: std::cell::RefCell<Option<(i32, Closure<dyn Fn()>)>> = const { std::cell::RefCell::new(None) };
    }

    thread_local! {
        /// Counts the writes asked for, so a replacement waiting for idle time is dropped
        /// when a newer write came first.
        static WRITES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }

    /// Writes the view into the URL fragment: a new history entry at once when the
    /// selected site changed; else a replacement once the view has been still for 250 ms
    /// (scrubbing and playing would otherwise rewrite the URL every frame), in idle time:
    /// `replaceState` costs a millisecond or two, which a frame after a zoom can't spare.
    pub fn write_url(u: &crate::url::UrlState) {
        let Some(w) = web_sys::window() else { return };
        let frag = format!("#{}", u.encode());
        let generation = WRITES.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        let push = WRITTEN_SITE.with(|s| {
            let mut s = s.borrow_mut();
            let changed = s.as_ref().is_some_and(|old| *old != u.site);
            *s = Some(u.site.clone());
            changed
        });
        PENDING.with(|p| {
            if let Some((id, _)) = p.borrow_mut().take() {
                w.clear_timeout_with_handle(id);
            }
        });
        let write = move |push: bool| {
            let Some(w) = web_sys::window() else { return };
            let Ok(history) = w.history() else { return };
            if w.location().hash().ok().as_deref() == Some(frag.as_str()) {
                return;
            }
            let _ = if push {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&frag))
            } else {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&frag))
            };
        };
        if push {
            write(true);
            return;
        }
        let write = std::rc::Rc::new(write);
        let cb = Closure::<dyn Fn()>::new(move || {
            let Some(w) = web_sys::window() else { return };
            let write = write.clone();
            let idle = Closure::once_into_js(move || {
                if WRITES.with(std::cell::Cell::get) == generation {
                    write(false);
                }
            });
            let opts = web_sys::IdleRequestOptions::new();
            opts.set_timeout(1000);
            let _ = w.request_idle_callback_with_options(idle.unchecked_ref(), &opts);
        });
        if let Ok(id) = w
            .set_timeout_with_callback_and_timeout_and_arguments_0(cb.as_ref().unchecked_ref(), 250)
        {
            PENDING.with(|p| *p.borrow_mut() = Some((id, cb)));
        }
    }

    /// Back and Forward restore the view the URL names; returns the listener's cleanup.
    pub fn on_popstate(dispatch: Callback<Action>) -> impl FnOnce() {
        listen(
            web_sys::window().map(Into::into),
            "popstate",
            move |_: web_sys::Event| {
                let u = crate::url::UrlState::decode(&hash());
                WRITTEN_SITE.with(|s| *s.borrow_mut() = Some(u.site.clone()));
                dispatch.emit(Action::Restore(u));
            },
        )
    }

    /// Starts or stops the playback clock.
    pub fn play(playing: bool, dispatch: Callback<Action>) {
        let Some(w) = web_sys::window() else { return };
        PLAYER.with(|p| {
            if let Some((id, _)) = p.borrow_mut().take() {
                w.clear_interval_with_handle(id);
            }
            if playing {
                let cb = Closure::<dyn Fn()>::new(move || dispatch.emit(Action::Tick));
                if let Ok(id) = w.set_interval_with_callback_and_timeout_and_arguments_0(
                    cb.as_ref().unchecked_ref(),
                    crate::model::PLAY_TICK_MS,
                ) {
                    *p.borrow_mut() = Some((id, cb));
                }
            }
        });
    }

    thread_local! {
        static LAST: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }

    /// Opening a panel focuses it; closing returns focus to the site's marker.
    pub fn focus_after_selection(selected: Option<&str>) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let focus = |id: &str| {
            if let Some(el) = doc
                .get_element_by_id(id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        };
        match selected {
            Some(site) => {
                focus("site-panel-close");
                LAST.with(|l| *l.borrow_mut() = Some(site.to_string()));
            }
            None => {
                if let Some(site) = LAST.with(|l| l.borrow_mut().take()) {
                    focus(&format!("marker-{site}"));
                }
            }
        }
    }
}
