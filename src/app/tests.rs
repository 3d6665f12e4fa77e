//! Component tests: components rendered natively with Yew's server renderer, on the
//! bundled corpus and on small reports written here.
use std::rc::Rc;

use jiff::SignedDuration;
use vigia::report::{Report, Supplied};
use yew::{Callback, LocalServerRenderer};

use crate::components::{App, EventList, MapView, SitePanel, TimeBar};
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
    let (_, last) = corpus.timeline.domain().unwrap_or_default();
    LocalServerRenderer::<SitePanel>::with_props(crate::components::PanelProps {
        corpus,
        site_id: site.into(),
        time: last,
        window: SignedDuration::from_hours(24),
        dispatch: Callback::noop(),
    })
    .render()
    .await
}

async fn render_map(state: State) -> String {
    let in_window = Rc::new(state.corpus.sites_in_window(state.time, state.window));
    LocalServerRenderer::<MapView>::with_props(crate::components::MapProps {
        state,
        in_window,
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
    // The first event is the 2019 uprising: La Carlota is on the map, Fuerte Tiuna is not.
    assert!(html.contains(r#"aria-label="La Carlota, "#), "{html}");
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
        corpus.sites_in_window(state.time, state.window).len()
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
    assert!(html.contains("Fuerte Tiuna gebombardeerd"));
    assert!(html.contains(r#"id="site-panel-close""#));
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
            corpus.timeline.domain().unwrap_or_default().1,
            SignedDuration::from_hours(24),
        )),
        corpus,
        open: true,
        dispatch: Callback::noop(),
    })
    .render()
    .await;
    assert!(
        list.contains("<table") && list.contains("&lt;img src=x"),
        "{list}"
    );
    assert!(!list.contains("<img"));
}

#[tokio::test(flavor = "current_thread")]
async fn timebar_spans_all_events() {
    let corpus = bundled();
    let (first, last) = corpus.timeline.domain().unwrap_or_default();
    let html = LocalServerRenderer::<TimeBar>::with_props(crate::components::TimeBarProps {
        corpus,
        time: first,
        window: SignedDuration::from_hours(24),
        events_in_window: 3,
        sites_in_window: 2,
        dispatch: Callback::noop(),
    })
    .render()
    .await;
    assert!(
        html.contains(&format!(r#"min="{}""#, first.as_second())),
        "{html}"
    );
    assert!(html.contains(&format!(r#"max="{}""#, last.as_second())));
    assert!(html.contains("3 events at 2 sites"));
}
