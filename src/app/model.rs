//! The app's state: the corpus (reports, gazetteer, events, timeline) built at start-up
//! by the core library, and the view state (time, selection, viewport) changed only by
//! [`Action`]s in [`State::reduce`].
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use jiff::{SignedDuration, Timestamp};
use vigia::axis::Axis;
use vigia::basemap::Basemap;
use vigia::filter::Filter;
use vigia::gazetteer::Gazetteer;
use vigia::projection::Viewport;
use vigia::timeline::Timeline;
use vigia::{Event, Report, extract};
use yew::Reducible;

pub use crate::url::{Mode, UrlState, WindowLen, Zone};

/// Everything read from the bundled data.
#[derive(Debug)]
pub struct Corpus {
    pub reports: Vec<Report>,
    pub gazetteer: Gazetteer,
    pub events: Vec<Event>,
    /// Every event: the slider's domain.
    pub timeline: Timeline,
    /// Report id → index in `reports`.
    by_id: HashMap<String, usize>,
    /// The ids of the sites with events, sorted: a site's number is its place here.
    site_ids: Vec<String>,
    /// Each site's number of events in the whole corpus (by number): a weight that does
    /// not change as the time window moves, so clusters keep their lead and place while
    /// scrubbing.
    site_events: Vec<u32>,
    /// Each event's site, by number: grouping a window's events by site sorts numbers
    /// rather than looking ids up in a map.
    event_site: Vec<u32>,
    /// Each site's place in the gazetteer's list (by number), if it is there.
    site_place: Vec<Option<usize>>,
    /// Each event's report as an index into `reports` (`usize::MAX` if unknown), so that
    /// counting a site's reports compares numbers, not ids.
    event_report: Vec<usize>,
}

/// A corpus is only ever compared by identity (actions carry the one in use).
impl PartialEq for Corpus {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
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
        let by_id = reports
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let mut ids: Vec<&str> = events.iter().map(|e| e.site_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let site_number: HashMap<&str, u32> = ids
            .iter()
            .enumerate()
            .map(|(n, id)| (*id, n as u32))
            .collect();
        let event_site: Vec<u32> = events
            .iter()
            .map(|e| {
                site_number
                    .get(e.site_id.as_str())
                    .copied()
                    .unwrap_or_default()
            })
            .collect();
        let site_ids: Vec<String> = ids.into_iter().map(str::to_string).collect();
        let site_place = site_ids.iter().map(|id| gazetteer.position(id)).collect();
        let mut site_events = vec![0u32; site_ids.len()];
        for n in &event_site {
            site_events[*n as usize] += 1;
        }
        let by_id: HashMap<String, usize> = by_id;
        let event_report = events
            .iter()
            .map(|e| by_id.get(&e.report_id).copied().unwrap_or(usize::MAX))
            .collect();
        Corpus {
            reports,
            gazetteer,
            events,
            timeline,
            by_id,
            site_ids,
            site_events,
            event_site,
            site_place,
            event_report,
        }
    }

    /// Event `i`'s report as an index into `reports` (`usize::MAX` if unknown).
    pub fn report_index(&self, i: usize) -> usize {
        self.event_report.get(i).copied().unwrap_or(usize::MAX)
    }

    /// The sites with events, busiest first (ties by id): the ones most often named on
    /// the map, whose labels are worth drawing ahead.
    pub fn busiest_sites(&self) -> Vec<&str> {
        let mut v: Vec<(&str, u32)> = self
            .site_ids
            .iter()
            .zip(&self.site_events)
            .map(|(k, n)| (k.as_str(), *n))
            .collect();
        v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.into_iter().map(|(k, _)| k).collect()
    }

    /// The site of event `i`: its gazetteer entry and its number of events in the whole
    /// corpus, found by number (see [`Corpus::sites_in_window`]).
    pub fn site_of_event(&self, i: usize) -> Option<(&vigia::gazetteer::Site, u32)> {
        let n = *self.event_site.get(i)? as usize;
        let place = self.gazetteer.sites.get((*self.site_place.get(n)?)?)?;
        Some((place, self.site_events.get(n).copied().unwrap_or(0)))
    }

    /// The index of the events `filter` keeps.
    pub fn filtered(&self, filter: &Filter) -> Timeline {
        if filter.is_empty() {
            return self.timeline.clone();
        }
        Timeline::of(&self.events, |e| self.passes(filter, e))
    }

    /// Whether `filter` keeps event `i`.
    pub fn keeps(&self, filter: &Filter, i: usize) -> bool {
        filter.is_empty() || self.passes(filter, &self.events[i])
    }

    /// Whether `filter` keeps `e`, given its report's language.
    fn passes(&self, filter: &Filter, e: &Event) -> bool {
        self.report(&e.report_id)
            .is_some_and(|r| filter.keeps(e, r.meta.language))
    }

    /// The bundled reports, parsed with the same code as the CLI.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled() -> Result<Corpus, String> {
        let reports = vigia::bundle::reports().map_err(|p| p.to_string())?;
        Ok(Corpus::new(reports, vigia::bundle::gazetteer()))
    }

    /// Reads files a user added: each becomes a report (id: the file name without its
    /// extension, made unique), or a problem naming the file and line. `date` is the
    /// publication date of files without a date line, like the CLI's `--date`.
    pub fn read_files(
        &self,
        files: &[(String, Vec<u8>)],
        date: Option<jiff::civil::Date>,
    ) -> (Vec<Report>, Vec<vigia::Problem>) {
        let supplied = vigia::report::Supplied {
            date,
            ..Default::default()
        };
        let mut taken: std::collections::HashSet<String> = self.by_id.keys().cloned().collect();
        let mut reports = Vec::new();
        let mut problems = Vec::new();
        for (name, bytes) in files {
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            let stem = if stem.is_empty() { "report" } else { stem };
            let mut id = stem.to_string();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{stem}-{n}");
                n += 1;
            }
            match Report::from_bytes(&id, name, bytes, &supplied) {
                Ok(r) => {
                    taken.insert(id);
                    reports.push(r);
                }
                Err(p) => problems.push(p),
            }
        }
        (reports, problems)
    }

    /// This corpus with `added` reports read and their events extracted.
    pub fn with_reports(&self, added: Vec<Report>) -> Corpus {
        let mut events = self.events.clone();
        events.extend(extract::extract_all(&added, &self.gazetteer));
        let mut reports = self.reports.clone();
        reports.extend(added);
        Corpus::from_events(reports, self.gazetteer.clone(), events)
    }

    pub fn report(&self, id: &str) -> Option<&Report> {
        self.by_id.get(id).and_then(|i| self.reports.get(*i))
    }

    pub fn quote<'a>(&'a self, e: &Event) -> &'a str {
        self.report(&e.report_id)
            .and_then(|r| r.text.get(e.quote_start..e.quote_end))
            .unwrap_or_default()
    }

    /// Events of `timeline` in the window ending at `t`, grouped by site id (in time
    /// order within each).
    pub fn sites_in_window(
        &self,
        timeline: &Timeline,
        t: Timestamp,
        window: SignedDuration,
    ) -> BTreeMap<String, Vec<usize>> {
        let site = |i: usize| self.event_site.get(i).copied().unwrap_or_default();
        let mut idx = timeline.window(t, window);
        // Events are kept in time order, so by site then index is by site then time; and
        // sites are numbered in the order of their ids, so the groups come out sorted and
        // the map is built from them in one pass.
        idx.sort_unstable_by_key(|i| (site(*i), *i));
        idx.chunk_by(|a, b| site(*a) == site(*b))
            .filter_map(|run| {
                let id = self.site_ids.get(site(*run.first()?) as usize)?;
                Some((id.clone(), run.to_vec()))
            })
            .collect()
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

/// Playback speeds: simulated time per second of play.
pub const SPEEDS: [(&str, i64); 5] = [
    ("1 hour/s", 3600),
    ("6 hours/s", 6 * 3600),
    ("1 day/s", 86_400),
    ("1 week/s", 7 * 86_400),
    ("1 month/s", 30 * 86_400),
];

/// How often playback advances, in milliseconds.
pub const PLAY_TICK_MS: i32 = 100;

/// The whole view state.
#[derive(Debug, Clone)]
pub struct State {
    pub corpus: Rc<Corpus>,
    pub basemap: Option<Rc<Basemap>>,
    pub time: Timestamp,
    pub window: WindowLen,
    pub mode: Mode,
    pub zone: Zone,
    /// The part of time the histogram shows.
    pub axis: Axis,
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    pub selected: Option<String>,
    pub viewport: Viewport,
    /// The OpenStreetMap tile layer (off by default: it is the page's only network use).
    pub tiles: bool,
    pub list_open: bool,
    pub filter: Filter,
    /// The events the filter keeps: what the map, histogram and list show.
    pub shown: Rc<Timeline>,
    /// The event whose report is open in the reader.
    pub reading: Option<usize>,
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &other.corpus)
            && self.basemap.as_ref().map(Rc::as_ptr) == other.basemap.as_ref().map(Rc::as_ptr)
            && self.time == other.time
            && self.window == other.window
            && self.mode == other.mode
            && self.zone == other.zone
            && self.axis == other.axis
            && self.playing == other.playing
            && self.speed == other.speed
            && self.selected == other.selected
            && self.viewport == other.viewport
            && self.list_open == other.list_open
            && self.tiles == other.tiles
            && self.filter == other.filter
            && Rc::ptr_eq(&self.shown, &other.shown)
            && self.reading == other.reading
    }
}

impl State {
    /// The default view: a one-day window ending at the first event, the whole timeline.
    pub fn new(corpus: Rc<Corpus>) -> State {
        let (first, last) = corpus
            .timeline
            .domain()
            .unwrap_or((Timestamp::UNIX_EPOCH, Timestamp::UNIX_EPOCH));
        let shown = Rc::new(corpus.timeline.clone());
        State {
            corpus,
            shown,
            filter: Filter::default(),
            reading: None,
            basemap: None,
            time: first,
            window: WindowLen::Day,
            mode: Mode::Window,
            zone: Zone::Utc,
            axis: Axis::over(first, last),
            playing: false,
            speed: 1,
            selected: None,
            viewport: default_viewport(),
            tiles: false,
            list_open: false,
        }
    }

    /// The whole axis: the data's domain, padded.
    pub fn full_axis(&self) -> Axis {
        let (first, last) = self
            .corpus
            .timeline
            .domain()
            .unwrap_or((Timestamp::UNIX_EPOCH, Timestamp::UNIX_EPOCH));
        Axis::over(first, last)
    }

    /// What the URL should say about this state.
    pub fn url_state(&self) -> UrlState {
        let (lon, lat) =
            vigia::projection::unproject(self.viewport.center.0, self.viewport.center.1);
        UrlState {
            time: Some(self.time),
            window: Some(self.window),
            mode: Some(self.mode),
            zone: Some(self.zone),
            site: self.selected.clone(),
            view: Some((lon, lat, self.viewport.zoom)),
            filter: self.filter.clone(),
        }
    }

    /// Applies what a URL says; fields it lacks keep their value, except the selection,
    /// which a URL without a site clears (Back from an opened site closes it).
    fn apply(&mut self, u: &UrlState) {
        if let Some(t) = u.time {
            self.time = self.clamp(t);
        }
        if let Some(w) = u.window {
            self.window = w;
        }
        if let Some(m) = u.mode {
            self.mode = m;
        }
        if let Some(z) = u.zone {
            self.zone = z;
        }
        self.selected = u
            .site
            .clone()
            .filter(|id| self.corpus.gazetteer.get(id).is_some());
        if self.selected.is_none() {
            self.reading = None;
        }
        self.set_filter(u.filter.clone());
        if let Some((lon, lat, zoom)) = u.view
            && (-180.0..=180.0).contains(&lon)
            && (-85.0..=85.0).contains(&lat)
        {
            self.viewport.center = vigia::projection::project(lon, lat);
            self.viewport.zoom = zoom.clamp(2.0, 16.0);
        }
        self.axis = self.axis.within(self.full_axis());
        if !(self.axis.from..self.axis.to).contains(&self.time) {
            self.axis = self.full_axis();
        }
    }

    /// Shows `points` with a margin, no closer than a city's streets.
    fn fit(&mut self, points: Vec<(f64, f64)>) {
        let Some(b) = vigia::cluster::bounds(points) else {
            return;
        };
        let (min, max) = (b.min(), b.max());
        let pad_x = ((max.x - min.x) * 0.15).max(0.02);
        let pad_y = ((max.y - min.y) * 0.15).max(0.02);
        let mut v = Viewport::fit(
            min.x - pad_x,
            min.y - pad_y,
            max.x + pad_x,
            max.y + pad_y,
            MAP_W,
            MAP_H,
        );
        v.zoom = v.zoom.clamp(2.0, 13.0);
        self.viewport = v;
    }

    fn set_filter(&mut self, f: Filter) {
        if f != self.filter {
            self.shown = Rc::new(self.corpus.filtered(&f));
            self.filter = f;
        }
    }

    fn clamp(&self, t: Timestamp) -> Timestamp {
        self.corpus
            .timeline
            .domain()
            .map_or(t, |(a, b)| t.clamp(a, b))
    }

    /// Keeps the current time on the zoomed axis by sliding the axis.
    fn follow(&mut self) {
        if self.time < self.axis.from || self.time >= self.axis.to {
            let span = self.axis.span();
            let from = self.time.checked_sub(span / 2).unwrap_or(self.time);
            self.axis = Axis {
                from,
                to: from.checked_add(span).unwrap_or(self.time),
            }
            .within(self.full_axis());
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
    SetWindow(WindowLen),
    SetMode(Mode),
    SetZone(Zone),
    /// Zoom the time axis by a factor, centred on the current time (2 = twice as detailed).
    ZoomAxis(f64),
    WholeAxis,
    TogglePlay,
    SetSpeed(usize),
    /// One playback step.
    Tick,
    /// Jump to the end of the busiest window.
    Densest,
    Select(String),
    Close,
    /// Escape: closes the report reader if open, else the site panel.
    Escape,
    /// Open the report of event `i` in the reader, at its quote.
    Read(usize),
    CloseReader,
    SetFilter(Filter),
    Zoom {
        delta: f64,
        x: f64,
        y: f64,
    },
    /// The view the map shows after a gesture came to rest.
    SetView(Viewport),
    ResetView,
    /// Fit the map to these lon/lat points (a cluster's sites).
    FitSites(Vec<(f64, f64)>),
    /// Fit the map to the sites shown.
    FitEvents,
    ToggleTiles,
    ToggleList,
    /// The corpus with reports the user added.
    AddReports(Rc<Corpus>),
    BasemapLoaded(Rc<Basemap>),
    /// The URL changed (Back/Forward, or the page opened with one).
    Restore(UrlState),
    /// Centre the map on a site and open it (the site search).
    Find(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let domain = s.corpus.timeline.domain();
        match action {
            Action::SetTime(t) => s.time = s.clamp(t),
            Action::First => s.time = domain.map_or(s.time, |(a, _)| a),
            Action::Last => s.time = domain.map_or(s.time, |(_, b)| b),
            Action::NextEvent => s.time = s.shown.next_after(s.time).unwrap_or(s.time),
            Action::PreviousEvent => s.time = s.shown.previous_before(s.time).unwrap_or(s.time),
            Action::Shift(n) => {
                let by = SignedDuration::from_secs(s.window.duration().as_secs() * n);
                s.time = s.clamp(s.time.checked_add(by).unwrap_or(s.time));
            }
            Action::SetWindow(w) => s.window = w,
            Action::SetMode(m) => s.mode = m,
            Action::SetZone(z) => s.zone = z,
            Action::ZoomAxis(f) => {
                let full = s.full_axis();
                s.axis = s.axis.zoom(f, s.time, full).centered_on(s.time, full);
            }
            Action::WholeAxis => s.axis = s.full_axis(),
            Action::TogglePlay => {
                s.playing = !s.playing;
                // Playing from the end starts again from the beginning.
                if s.playing && domain.is_some_and(|(_, b)| s.time >= b) {
                    s.time = domain.map_or(s.time, |(a, _)| a);
                }
            }
            Action::SetSpeed(i) => s.speed = i.min(SPEEDS.len() - 1),
            Action::Tick => {
                if !s.playing {
                    return self;
                }
                let step = SPEEDS[s.speed].1 * i64::from(PLAY_TICK_MS) / 1000;
                let next = s
                    .time
                    .checked_add(SignedDuration::from_secs(step))
                    .unwrap_or(s.time);
                match domain {
                    Some((_, b)) if next >= b => {
                        s.time = b;
                        s.playing = false;
                    }
                    _ => s.time = next,
                }
            }
            Action::Densest => {
                if let Some((t, _)) = s.shown.densest(s.window.duration()) {
                    s.time = t;
                }
            }
            Action::Select(id) => {
                if s.selected.as_ref() != Some(&id) {
                    s.reading = None;
                }
                s.selected = Some(id);
            }
            Action::Close => {
                s.selected = None;
                s.reading = None;
            }
            Action::Escape => {
                if s.reading.is_some() {
                    s.reading = None;
                } else {
                    s.selected = None;
                }
            }
            Action::Read(i) => {
                if let Some(e) = s.corpus.events.get(i) {
                    s.selected = Some(e.site_id.clone());
                    s.reading = Some(i);
                }
            }
            Action::CloseReader => s.reading = None,
            Action::SetFilter(f) => s.set_filter(f),
            Action::Zoom { delta, x, y } => s.viewport = s.viewport.zoom_around(delta, x, y),
            Action::SetView(v) => s.viewport = v,
            Action::ResetView => s.viewport = default_viewport(),
            Action::FitSites(points) => s.fit(points),
            Action::FitEvents => {
                let window = match s.mode {
                    Mode::Window => s.window.duration(),
                    Mode::Cumulative => WindowLen::All.duration(),
                };
                let points = s
                    .corpus
                    .sites_in_window(&s.shown, s.time, window)
                    .keys()
                    .filter_map(|id| s.corpus.gazetteer.get(id))
                    .map(|site| (site.lon, site.lat))
                    .collect();
                s.fit(points);
            }
            Action::ToggleTiles => s.tiles = !s.tiles,
            Action::ToggleList => s.list_open = !s.list_open,
            Action::AddReports(c) => {
                s.shown = Rc::new(c.filtered(&s.filter));
                s.corpus = c;
                s.reading = None;
                s.axis = s.full_axis();
                s.time = s.clamp(s.time);
            }
            Action::BasemapLoaded(b) => s.basemap = Some(b),
            Action::Restore(u) => s.apply(&u),
            Action::Find(id) => {
                if let Some(site) = s.corpus.gazetteer.get(&id) {
                    s.viewport.center = vigia::projection::project(site.lon, site.lat);
                    // Close enough to see the site among its neighbours.
                    s.viewport.zoom = s.viewport.zoom.max(match site.kind {
                        vigia::SiteKind::Point | vigia::SiteKind::District => 10.0,
                        vigia::SiteKind::City => 8.0,
                        _ => s.viewport.zoom,
                    });
                    if s.selected.as_ref() != Some(&id) {
                        s.reading = None;
                    }
                    s.selected = Some(id);
                }
            }
        }
        s.follow();
        Rc::new(s)
    }
}

/// The site a search names: by any alias, accents and case optional; an exact name
/// first, then a name it begins, then one it appears in; among equals, a site with events
/// in `shown` first, then the shorter name.
pub fn find_site(
    corpus: &Corpus,
    query: &str,
    shown: &BTreeMap<String, Vec<usize>>,
) -> Option<String> {
    let q = vigia::text::fold(query.trim());
    if q.is_empty() {
        return None;
    }
    corpus
        .gazetteer
        .sites
        .iter()
        .filter_map(|site| {
            site.aliases
                .iter()
                .map(|(_, a)| vigia::text::fold(a))
                .chain(std::iter::once(vigia::text::fold(&site.name)))
                .filter_map(|a| {
                    let rank = if a == q {
                        0
                    } else if a.starts_with(&q) {
                        1
                    } else if a.contains(&q) {
                        2
                    } else {
                        return None;
                    };
                    Some((rank, !shown.contains_key(&site.id), a.len()))
                })
                .min()
                .map(|key| (key, site.id.clone()))
        })
        .min()
        .map(|(_, id)| id)
}

/// The time zone to show times in.
pub fn zone_tz(z: Zone) -> jiff::tz::TimeZone {
    match z {
        Zone::Utc => jiff::tz::TimeZone::UTC,
        Zone::Caracas => {
            jiff::tz::TimeZone::get("America/Caracas").unwrap_or(jiff::tz::TimeZone::UTC)
        }
        Zone::Viewer => jiff::tz::TimeZone::system(),
    }
}

/// "2026-01-03 03:21 Caracas (UTC−04:00)", "2026-01-03 07:21 UTC".
pub fn format_in(t: Timestamp, z: Zone) -> String {
    if z == Zone::Utc {
        return format_utc(t);
    }
    let zoned = t.to_zoned(zone_tz(z));
    let offset = zoned.strftime("%:z").to_string().replace('-', "−");
    let name = match z {
        Zone::Caracas => "Caracas",
        _ => "local",
    };
    format!("{} {name} (UTC{offset})", zoned.strftime("%Y-%m-%d %H:%M"))
}

/// "2026-01-03 07:21 UTC".
pub fn format_utc(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}
