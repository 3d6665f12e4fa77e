//! Component tests: components rendered natively with Yew's server renderer, on the
//! bundled corpus and on small reports written here.
use std::rc::Rc;

use jiff::SignedDuration;
use vigia::report::{Report, Supplied};
use yew::{Callback, LocalServerRenderer};

use vigia::filter::Filter;

use crate::components::{App, EventList, MapView, Reader, SitePanel, TimeBar};
use crate::model::{Action, Corpus, State};

fn corpus_of(text: &str) -> Rc<Corpus> {
    let supplied = Supplied {
        tz: Some("Europe/Amsterdam"),
        ..Supplied::default()
    };
    let report = Report::from_text("t", "t.txt", text.to_string(), &supplied)
        .unwrap_or_else(|p| panic!("{p}"));
    Rc::new(Corpus::new(vec![report], vigia::bundle::gazetteer()))
}

fn bundled() -> Rc<Corpus> {
    Rc::new(Corpus::bundled().unwrap_or_else(|e| panic!("{e}")))
}

async fn render_panel(corpus: Rc<Corpus>, site: &str) -> String {
    render_filtered_panel(corpus, site, Filter::default()).await
}

async fn render_filtered_panel(corpus: Rc<Corpus>, site: &str, filter: Filter) -> String {
    let (_, last) = corpus.timeline.domain().unwrap_or_default();
    LocalServerRenderer::<SitePanel>::with_props(crate::components::PanelProps {
        corpus,
        site_id: site.into(),
        time: last,
        window: SignedDuration::from_hours(24),
        zone: crate::model::Zone::Utc,
        filter,
        dispatch: Callback::noop(),
    })
    .render()
    .await
}

async fn render_map(state: State) -> String {
    let in_window = Rc::new(state.corpus.sites_in_window(
        &state.shown,
        state.time,
        state.window.duration(),
    ));
    LocalServerRenderer::<MapView>::with_props(crate::components::MapProps {
        state,
        in_window,
        faded: Rc::default(),
        dispatch: Callback::noop(),
    })
    .render()
    .await
}

#[tokio::test(flavor = "current_thread")]
async fn app_renders_slider_named_time_and_starts_at_the_first_event() {
    let html = LocalServerRenderer::<App>::new().render().await;
    assert!(html.contains(r#"aria-label="Time""#), "{html}");
    assert!(html.contains(r#"type="range""#));
    assert!(html.contains(r#"aria-label="Map""#));
    // The view opens at the first event: its site is on the map, Fuerte Tiuna (3 January
    // 2026) is not.
    let g = vigia::bundle::gazetteer();
    let reports = vigia::bundle::reports().expect("bundled reports");
    let events = vigia::extract::extract_all(&reports, &g);
    let first = g.get(&events[0].site_id).expect("the first event's site");
    assert!(
        html.contains(&format!(r#"aria-label="{}, "#, first.name)),
        "{}: {html}",
        first.name
    );
    assert!(!html.contains(r#"aria-label="Fuerte Tiuna"#));
}

#[tokio::test(flavor = "current_thread")]
async fn map_at_the_last_event_has_a_named_button_per_site() {
    let corpus = bundled();
    let state = State::new(corpus.clone());
    let state = std::rc::Rc::new(state);
    let state = yew::Reducible::reduce(state, Action::Last);
    let html = render_map((*state).clone()).await;
    assert!(html.contains(r#"id="marker-fuerte-tiuna""#), "{html}");
    assert!(html.contains(r#"aria-label="Fuerte Tiuna, "#));
    let buttons = html.matches("<button id=\"marker-").count();
    assert_eq!(
        buttons,
        corpus
            .sites_in_window(&state.shown, state.time, state.window.duration())
            .len()
    );
}

#[tokio::test(flavor = "current_thread")]
async fn panel_lists_citations_with_exact_quotes() {
    let corpus = bundled();
    let html = render_panel(corpus.clone(), "fuerte-tiuna").await;
    assert!(
        html.contains(r#"role="region""#) && html.contains(r#"aria-label="Fuerte Tiuna""#),
        "{html}"
    );
    let n = corpus.events_at("fuerte-tiuna").len();
    assert!(n >= 2);
    assert_eq!(html.matches("<blockquote").count(), n);
    // The place name is marked inside the quote; each citation opens its report.
    assert!(
        html.contains(r#"<mark class="place">Fuerte Tiuna</mark> gebombardeerd"#),
        "{html}"
    );
    assert_eq!(html.matches(">Read report</button>").count(), n);
    assert!(html.contains(r#"aria-label="Read report: "#));
    assert!(html.contains(r#"id="site-panel-close""#));
}

#[tokio::test(flavor = "current_thread")]
async fn panel_marks_the_time_expression_and_says_how_the_time_was_resolved() {
    let corpus = corpus_of(
        " date 2026-01-05 Test\nOp zaterdag 3 januari om 02.00 uur werd Fuerte Tiuna gebombardeerd.\n",
    );
    let html = render_panel(corpus.clone(), "fuerte-tiuna").await;
    let e = &corpus.events[0];
    let (s, t) = e.time_text.unwrap_or_default();
    let expr = &corpus.reports[0].text[s..t];
    assert_eq!(expr, "zaterdag 3 januari om 02.00 uur");
    assert!(
        html.contains(&format!(r#"<mark class="time">{expr}</mark>"#)),
        "{html}"
    );
    assert!(
        html.contains(&format!("Time: {}", e.time.resolved)),
        "{html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn filters_hide_citations_and_say_so() {
    let corpus = bundled();
    let all = corpus.events_at("caracas").len();
    let unrest = corpus
        .events_at("caracas")
        .into_iter()
        .filter(|i| corpus.events[*i].category == vigia::Category::Unrest)
        .count();
    assert!(unrest > 0 && unrest < all, "{unrest} of {all}");
    let filter = Filter {
        categories: [vigia::Category::Unrest].into(),
        ..Filter::default()
    };
    let html = render_filtered_panel(corpus, "caracas", filter).await;
    assert_eq!(html.matches("<blockquote").count(), unrest);
    assert!(
        html.contains(&format!("{} more hidden by the filters", all - unrest)),
        "{html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn reader_shows_the_whole_report_as_text_with_the_passage_marked() {
    let corpus = corpus_of(
        " date 2026-01-03 Test\nIntro. <script>alert(1)</script> Fuerte Tiuna werd gebombardeerd. \
         Ook La Carlota werd gebombardeerd. <a href=\"javascript:alert(3)\">link</a>\n",
    );
    let i = corpus
        .events
        .iter()
        .position(|e| e.site_id == "la-carlota")
        .unwrap_or(usize::MAX);
    let html = LocalServerRenderer::<Reader>::with_props(crate::components::ReaderProps {
        corpus: corpus.clone(),
        event: i,
        link_base: String::new(),
        dispatch: Callback::noop(),
    })
    .render()
    .await;
    assert!(
        html.contains(r#"<mark id="cited" class="cited">Ook <mark class="place">La Carlota</mark> werd gebombardeerd."#),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !html.contains("<script") && !html.contains(r#"<a href="javascript"#),
        "{html}"
    );
    // Both sites of the report are one click away, the cited one marked current.
    assert!(
        html.contains(r#"aria-label="Fuerte Tiuna, 1 citation in this report""#),
        "{html}"
    );
    assert!(
        html.contains(
            r##"href="#&amp;s=la-carlota" aria-current="true" aria-label="La Carlota, 1 citation in this report""##
        ),
        "{html}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn panel_flags_an_editor_date() {
    let html = render_panel(bundled(), "la-carlota").await;
    assert!(html.contains("date supplied by an editor"), "{html}");
    assert!(html.contains("Base Aérea Generalísimo Francisco de Miranda"));
}

#[tokio::test(flavor = "current_thread")]
async fn report_text_renders_as_text_not_html() {
    let corpus = corpus_of(
        " date 2026-01-03 Test\n<script>alert(1)</script> Fuerte Tiuna <img src=x onerror=alert(2)> gebombardeerd.\n",
    );
    let html = render_panel(corpus.clone(), "fuerte-tiuna").await;
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        !html.contains("<script>") && !html.contains("<img"),
        "{html}"
    );
    let list = LocalServerRenderer::<EventList>::with_props(crate::components::ListProps {
        in_window: Rc::new(corpus.sites_in_window(
            &corpus.timeline,
            corpus.timeline.domain().unwrap_or_default().1,
            SignedDuration::from_hours(24),
        )),
        corpus,
        open: true,
        selected: Some("fuerte-tiuna".into()),
        link_base: "t=2026-01-03T07:21Z".into(),
        dispatch: Callback::noop(),
    })
    .render()
    .await;
    assert!(
        list.contains("<table") && list.contains("&lt;img src=x"),
        "{list}"
    );
    // A row's site links to the view with the site open; the open site's rows stand out.
    assert!(
        list.contains(r##"<a href="#t=2026-01-03T07:21Z&amp;s=fuerte-tiuna" aria-current="true">Fuerte Tiuna</a>"##),
        "{list}"
    );
    assert!(list.contains(r#"<tr class="selected">"#));
    assert!(!list.contains("<img"));
}

#[tokio::test(flavor = "current_thread")]
async fn timebar_spans_all_events() {
    let corpus = bundled();
    let (first, last) = corpus.timeline.domain().unwrap_or_default();
    let state = State::new(corpus.clone());
    let props = |zone, axis| crate::components::TimeBarProps {
        corpus: corpus.clone(),
        shown: state.shown.clone(),
        time: first,
        window: crate::model::WindowLen::Day,
        mode: crate::model::Mode::Window,
        zone,
        axis,
        playing: false,
        speed: 1,
        events_in_window: 3,
        sites_in_window: 2,
        dispatch: Callback::noop(),
    };
    let html =
        LocalServerRenderer::<TimeBar>::with_props(props(crate::model::Zone::Utc, state.axis))
            .render()
            .await;
    assert!(
        html.contains(&format!(r#"min="{}""#, first.as_second())),
        "{html}"
    );
    assert!(html.contains(&format!(r#"max="{}""#, last.as_second())));
    assert!(html.contains("3 events at 2 sites"));
    // The whole axis is labelled in years; the bars hold every event.
    assert!(html.contains(">2020<") && html.contains(">2026<"), "{html}");
    let counted: u32 = html
        .split(r#"data-count=""#)
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse::<u32>().ok())
        .sum();
    // Bars hold the events that fit a bin; the longer ones are drawn as ranges.
    let bin_len = jiff::SignedDuration::from_secs_f64(state.axis.span().as_secs_f64() / 200.0);
    let ranged: u32 = corpus
        .timeline
        .ranges_over(state.axis.from, state.axis.to, bin_len)
        .iter()
        .map(|r| r.2)
        .sum();
    assert!(html.contains(r#"class="range""#));
    assert_eq!((counted + ranged) as usize, corpus.events.len());

    // Caracas time is four hours behind UTC; zoomed to the night of 3 January the ticks
    // are clock times.
    let night = vigia::axis::Axis {
        from: "2026-01-03T06:00:00Z".parse().unwrap_or(first),
        to: "2026-01-03T08:00:00Z".parse().unwrap_or(last),
    };
    let html =
        LocalServerRenderer::<TimeBar>::with_props(props(crate::model::Zone::Caracas, night))
            .render()
            .await;
    assert!(html.contains("Caracas (UTC−04:00)"), "{html}");
    assert!(
        html.contains(">02:30<") || html.contains(">02:15<"),
        "{html}"
    );
}

#[test]
fn reducer_zooms_the_axis_plays_and_restores_urls() {
    use crate::model::{Mode, UrlState, WindowLen, Zone};
    use yew::Reducible;
    let corpus = bundled();
    let (first, last) = corpus.timeline.domain().unwrap_or_default();
    let s = Rc::new(State::new(corpus));
    let s = s.reduce(Action::Last).reduce(Action::ZoomAxis(1e6));
    assert_eq!(s.axis.span(), vigia::axis::MIN_SPAN);
    assert!(s.axis.from <= last && last < s.axis.to);
    // Stepping back off the zoomed axis slides it along.
    let s = s.reduce(Action::First);
    assert!(s.axis.from <= first && first < s.axis.to);
    // Playing advances by the speed per tick and stops at the end.
    let s = s.reduce(Action::SetSpeed(0)).reduce(Action::TogglePlay);
    assert!(s.playing);
    let t0 = s.time;
    let s = s.reduce(Action::Tick);
    assert_eq!(s.time.duration_since(t0).as_secs(), 360);
    let s = s.reduce(Action::SetSpeed(4));
    let s = (0..100_000).try_fold(s, |s, _| {
        let n = s.clone().reduce(Action::Tick);
        if n.playing { Ok(n) } else { Err(n) }
    });
    let s = match s {
        Ok(s) | Err(s) => s,
    };
    assert!(!s.playing && s.time == last);
    // A URL restores what it names and clears a selection it lacks.
    let u = UrlState {
        time: "2019-04-30T12:00:00Z".parse().ok(),
        window: Some(WindowLen::Week),
        mode: Some(Mode::Cumulative),
        zone: Some(Zone::Caracas),
        site: Some("la-carlota".into()),
        view: Some((-66.88, 10.48, 9.0)),
        filter: Filter {
            categories: [vigia::Category::Unrest].into(),
            ..Filter::default()
        },
    };
    let r = s.reduce(Action::Restore(u.clone()));
    // The filter narrows what the map and histogram show, not the slider's domain.
    assert_eq!(r.shown.len(), corpus_unrest(&r.corpus));
    assert_eq!(r.corpus.timeline.domain(), Some((first, last)));
    assert_eq!(r.url_state().encode(), u.encode());
    // Reading a citation opens its site; Escape closes the reader first, then the panel.
    let fuerte = r
        .corpus
        .events
        .iter()
        .position(|e| e.site_id == "fuerte-tiuna")
        .unwrap_or(usize::MAX);
    let reading = r.clone().reduce(Action::Read(fuerte));
    assert_eq!(reading.reading, Some(fuerte));
    assert_eq!(reading.selected.as_deref(), Some("fuerte-tiuna"));
    let esc = reading.reduce(Action::Escape);
    assert_eq!(
        (esc.reading, esc.selected.as_deref()),
        (None, Some("fuerte-tiuna"))
    );
    assert_eq!(esc.reduce(Action::Escape).selected, None);
    let closed = r.reduce(Action::Restore(UrlState { site: None, ..u }));
    assert_eq!(closed.selected, None);
    assert!(closed.filter.categories.is_empty() || closed.shown.len() < closed.corpus.events.len());
    // Unknown sites in a URL are ignored.
    let bad = closed.reduce(Action::Restore(UrlState {
        site: Some("nowhere".into()),
        ..UrlState::default()
    }));
    assert_eq!(bad.selected, None);
}

fn corpus_unrest(c: &Corpus) -> usize {
    c.events
        .iter()
        .filter(|e| e.category == vigia::Category::Unrest)
        .count()
}

#[test]
fn the_view_downloads_in_the_cli_formats() {
    let corpus = bundled();
    let (_, last) = corpus.timeline.domain().unwrap_or_default();
    let in_window =
        corpus.sites_in_window(&corpus.timeline, last, jiff::SignedDuration::from_hours(24));
    let shown: usize = in_window.values().map(Vec::len).sum();
    let (geojson, mime) = crate::components::export_view(&corpus, &in_window, "geojson");
    assert_eq!(mime, "application/geo+json");
    let v: serde_json::Value = serde_json::from_str(&geojson).unwrap_or_default();
    let features = v["features"].as_array().cloned().unwrap_or_default();
    assert_eq!(features.len(), shown);
    // Every quote is the exact span of its report, as in `vigia export`.
    for f in &features {
        let p = &f["properties"];
        let report = corpus.report(p["report_id"].as_str().unwrap_or_default());
        let (a, b) = (
            p["quote_start"].as_u64().unwrap_or(0) as usize,
            p["quote_end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            report.and_then(|r| r.text.get(a..b)),
            p["quote"].as_str(),
            "{p}"
        );
    }
    let (csv, _) = crate::components::export_view(&corpus, &in_window, "csv");
    assert_eq!(csv.lines().count(), shown + 1);
    assert!(csv.starts_with("event_id,"));
}

#[test]
fn site_search_by_alias_accents_optional() {
    use yew::Reducible;
    let corpus = bundled();
    let none = std::collections::BTreeMap::new();
    let rows: &[(&str, Option<&str>)] = &[
        ("Fuerte Tiuna", Some("fuerte-tiuna")),
        ("fuerte tiuna", Some("fuerte-tiuna")),
        (
            "Base Aérea Generalísimo Francisco de Miranda",
            Some("la-carlota"),
        ),
        ("base aerea generalisimo", Some("la-carlota")),
        ("CARACAS", Some("caracas")),
        ("", None),
        ("zzzz no such place", None),
    ];
    for (q, want) in rows {
        assert_eq!(
            crate::model::find_site(&corpus, q, &none).as_deref(),
            *want,
            "{q:?}"
        );
    }
    // Finding opens the site and brings the map to it.
    let s = Rc::new(State::new(corpus.clone())).reduce(Action::Find("fuerte-tiuna".into()));
    assert_eq!(s.selected.as_deref(), Some("fuerte-tiuna"));
    let (lon, lat, zoom) = s.url_state().view.unwrap_or_default();
    assert!((lon + 66.907).abs() < 0.01 && (lat - 10.467).abs() < 0.01 && zoom >= 10.0);
}

#[test]
fn added_reports_are_read_and_bad_files_named_by_line() {
    let corpus = bundled();
    let hostile = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile.txt"
    ))
    .unwrap_or_default();
    let files = vec![
        ("hostile.txt".to_string(), hostile),
        (
            "undated.txt".to_string(),
            b"Fuerte Tiuna werd gebombardeerd.\n".to_vec(),
        ),
        (
            "latin1.txt".to_string(),
            b" date 2026-01-03 T\nok\nCaf\xe9\n".to_vec(),
        ),
        // A second file of the same name gets its own id.
        (
            "hostile.txt".to_string(),
            b" date 2026-01-04 Again\nLa Carlota werd gebombardeerd.\n".to_vec(),
        ),
    ];
    let (next, outcome) = crate::components::import(&corpus, &files, None);
    let next = next.unwrap_or_else(|| panic!("{}", outcome.message));
    assert_eq!(next.reports.len(), corpus.reports.len() + 2);
    assert!(next.report("hostile").is_some() && next.report("hostile-2").is_some());
    assert_eq!(
        outcome.problems,
        [
            "undated.txt:1: no publication date: begin the file with ` date YYYY-MM-DD <headline>` or choose a date under \"Undated files published on\"",
            "latin1.txt:3: not UTF-8 text (invalid byte at offset 25); reports must be UTF-8",
        ]
    );
    let added: Vec<&vigia::Event> = next
        .events
        .iter()
        .filter(|e| e.report_id.starts_with("hostile"))
        .collect();
    assert!(
        added.iter().any(|e| e.site_id == "fuerte-tiuna"),
        "{added:?}"
    );
    assert!(
        outcome.message.starts_with("Added 2 reports: "),
        "{}",
        outcome.message
    );
    // With a date for undated files, the undated one is read too.
    let (with_date, outcome) =
        crate::components::import(&corpus, &files[1..2], Some(jiff::civil::date(2026, 1, 3)));
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    assert_eq!(
        with_date.map(|c| c.reports.len()),
        Some(corpus.reports.len() + 1)
    );
}

#[test]
fn sites_in_window_groups_each_sites_events_in_time_order() {
    let corpus = bundled();
    let mut times: Vec<jiff::Timestamp> = corpus.events.iter().map(|e| e.time.start).collect();
    times.dedup();
    assert!(times.len() > 10, "{}", times.len());
    for len in [1, 24, 24 * 7, 24 * 365 * 10].map(SignedDuration::from_hours) {
        for t in &times {
            // The same grouping by looking each event's site up by id.
            let mut expected: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
            let mut idx = corpus.timeline.window(*t, len);
            idx.sort_by_key(|i| (corpus.events[*i].time.start, *i));
            for i in idx {
                expected
                    .entry(corpus.events[i].site_id.clone())
                    .or_default()
                    .push(i);
            }
            assert_eq!(
                corpus.sites_in_window(&corpus.timeline, *t, len),
                expected,
                "{t} {len}"
            );
        }
    }
}
