//! The app's state: the corpus (reports, gazetteer, events, timeline) built at start-up
//! by the core library, and the view state (time, selection, viewport) changed only by
//! [`Action`]s in [`State::reduce`].
use std::collections::BTreeMap;
use std::rc::Rc;

use jiff::{SignedDuration, Timestamp};
use vigia::basemap::Basemap;
use vigia::gazetteer::Gazetteer;
use vigia::projection::Viewport;
use vigia::timeline::Timeline;
use vigia::{Event, Report, extract};
use yew::Reducible;

/// Everything read from the bundled data.
#[derive(Debug)]
pub struct Corpus {
    pub reports: Vec<Report>,
    pub gazetteer: Gazetteer,
    pub events: Vec<Event>,
    pub timeline: Timeline,
}

impl Corpus {
    #[cfg(not(target_arch = "wasm32"))]
    pub fn new(reports: Vec<Report>, gazetteer: Gazetteer) -> Corpus {
        let events = extract::extract_all(&reports, &gazetteer);
        Corpus::from_events(reports, gazetteer, events)
    }

    /// A corpus from events already extracted (in any order) from `reports`.
    pub fn from_events(
        reports: Vec<Report>,
        gazetteer: Gazetteer,
        mut events: Vec<Event>,
    ) -> Corpus {
        extract::sort_events(&mut events);
        let timeline = Timeline::new(&events);
        Corpus {
            reports,
            gazetteer,
            events,
            timeline,
        }
    }

    /// The bundled reports, parsed with the same code as the CLI.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled() -> Result<Corpus, String> {
        let reports = vigia::bundle::reports().map_err(|p| p.to_string())?;
        Ok(Corpus::new(reports, vigia::bundle::gazetteer()))
    }

    pub fn report(&self, id: &str) -> Option<&Report> {
        self.reports.iter().find(|r| r.id == id)
    }

    pub fn quote<'a>(&'a self, e: &Event) -> &'a str {
        self.report(&e.report_id)
            .and_then(|r| r.text.get(e.quote_start..e.quote_end))
            .unwrap_or_default()
    }

    /// Events in the window ending at `t`, grouped by site id (in time order within each).
    pub fn sites_in_window(
        &self,
        t: Timestamp,
        window: SignedDuration,
    ) -> BTreeMap<String, Vec<usize>> {
        let mut by_site: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut idx = self.timeline.window(t, window);
        idx.sort_by_key(|i| (self.events[*i].time.start, *i));
        for i in idx {
            by_site
                .entry(self.events[i].site_id.clone())
                .or_default()
                .push(i);
        }
        by_site
    }

    /// All events at a site, in time order.
    pub fn events_at(&self, site_id: &str) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.events.len())
            .filter(|i| self.events[*i].site_id == site_id)
            .collect();
        v.sort_by_key(|i| (self.events[*i].time.start, *i));
        v
    }
}

/// The map's logical size in SVG units.
pub const MAP_W: f64 = 1000.0;
pub const MAP_H: f64 = 640.0;

/// The default view: Venezuela and the southern Caribbean.
pub fn default_viewport() -> Viewport {
    Viewport::fit(-74.5, 0.5, -59.5, 19.0, MAP_W, MAP_H)
}

/// The whole view state.
#[derive(Debug, Clone)]
pub struct State {
    pub corpus: Rc<Corpus>,
    pub basemap: Option<Rc<Basemap>>,
    pub time: Timestamp,
    pub window: SignedDuration,
    pub selected: Option<String>,
    pub viewport: Viewport,
    pub list_open: bool,
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &other.corpus)
            && self.basemap.as_ref().map(Rc::as_ptr) == other.basemap.as_ref().map(Rc::as_ptr)
            && self.time == other.time
            && self.window == other.window
            && self.selected == other.selected
            && self.viewport == other.viewport
            && self.list_open == other.list_open
    }
}

impl State {
    /// The default view: a one-day window ending at the first event.
    pub fn new(corpus: Rc<Corpus>) -> State {
        let time = corpus
            .timeline
            .domain()
            .map_or(Timestamp::UNIX_EPOCH, |(first, _)| first);
        State {
            corpus,
            basemap: None,
            time,
            window: SignedDuration::from_hours(24),
            selected: None,
            viewport: default_viewport(),
            list_open: false,
        }
    }
}

/// Everything the user can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetTime(Timestamp),
    First,
    Last,
    NextEvent,
    PreviousEvent,
    /// Move by a number of windows (PageUp/PageDown).
    Shift(i64),
    Select(String),
    Close,
    Zoom {
        delta: f64,
        x: f64,
        y: f64,
    },
    Pan {
        dx: f64,
        dy: f64,
    },
    ResetView,
    ToggleList,
    BasemapLoaded(Rc<Basemap>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let domain = s.corpus.timeline.domain();
        let clamp = |t: Timestamp| domain.map_or(t, |(a, b)| t.clamp(a, b));
        match action {
            Action::SetTime(t) => s.time = clamp(t),
            Action::First => s.time = domain.map_or(s.time, |(a, _)| a),
            Action::Last => s.time = domain.map_or(s.time, |(_, b)| b),
            Action::NextEvent => s.time = s.corpus.timeline.next_after(s.time).unwrap_or(s.time),
            Action::PreviousEvent => {
                s.time = s.corpus.timeline.previous_before(s.time).unwrap_or(s.time)
            }
            Action::Shift(n) => {
                let by = SignedDuration::from_secs(s.window.as_secs() * n);
                s.time = clamp(s.time.checked_add(by).unwrap_or(s.time));
            }
            Action::Select(id) => s.selected = Some(id),
            Action::Close => s.selected = None,
            Action::Zoom { delta, x, y } => s.viewport = s.viewport.zoom_around(delta, x, y),
            Action::Pan { dx, dy } => s.viewport = s.viewport.pan(dx, dy),
            Action::ResetView => s.viewport = default_viewport(),
            Action::ToggleList => s.list_open = !s.list_open,
            Action::BasemapLoaded(b) => s.basemap = Some(b),
        }
        Rc::new(s)
    }
}

/// "2026-01-03 07:21 UTC".
pub fn format_utc(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}
