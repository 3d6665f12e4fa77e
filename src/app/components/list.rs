//! The events of the current window as a table: the accessible alternative to the map.
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::Dispatch;
use crate::model::{Action, Corpus, format_utc};

#[derive(Properties, Clone)]
pub struct ListProps {
    pub corpus: Rc<Corpus>,
    pub in_window: Rc<BTreeMap<String, Vec<usize>>>,
    pub open: bool,
    pub selected: Option<String>,
    /// The URL fragment of the current view without a site: rows link to `…&s=site`.
    pub link_base: String,
    pub dispatch: Dispatch,
}

impl PartialEq for ListProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &o.corpus)
            && self.in_window == o.in_window
            && self.open == o.open
            && self.selected == o.selected
            && (!self.open || self.link_base == o.link_base)
            && self.dispatch == o.dispatch
    }
}

#[function_component(EventList)]
pub fn event_list(p: &ListProps) -> Html {
    let toggle = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::ToggleList))
    };
    let download = |format: &'static str, label: &'static str| {
        let corpus = p.corpus.clone();
        let in_window = p.in_window.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let (text, mime) = export_view(&corpus, &in_window, format);
            #[cfg(target_arch = "wasm32")]
            save(&text, mime, &format!("vigia-view.{format}"));
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (text, mime);
        });
        html! { <button class="list-toggle" {onclick}>{ label }</button> }
    };
    let table = p.open.then(|| {
        let idx = window_events(&p.corpus, &p.in_window);
        let rows = idx.iter().map(|i| {
            let e = &p.corpus.events[*i];
            let site = p.corpus.gazetteer.get(&e.site_id).map(|s| s.name.clone()).unwrap_or_default();
            let title = p.corpus.report(&e.report_id).map(|r| r.meta.title.clone()).unwrap_or_default();
            let selected = p.selected.as_deref() == Some(e.site_id.as_str());
            let open = {
                let d = p.dispatch.clone();
                let id = e.site_id.clone();
                Callback::from(move |ev: MouseEvent| {
                    ev.prevent_default();
                    d.emit(Action::Select(id.clone()));
                })
            };
            let href = format!("#{}&s={}", p.link_base, crate::url::escape(&e.site_id));
            html! {
                <tr class={classes!(selected.then_some("selected"))}>
                    <td><time datetime={e.time.start.to_string()}>{ format_utc(e.time.start) }</time></td>
                    <td><a {href} onclick={open} aria-current={selected.then_some("true")}>{ site }</a></td>
                    <td>{ e.category.as_str() }</td>
                    <td>{ e.certainty.as_str() }</td>
                    <td class="quote">{ p.corpus.quote(e) }</td>
                    <td>{ title }</td>
                </tr>
            }
        });
        html! {
            <table id="event-table">
                <caption>{ format!("{} {} in the current window", idx.len(), if idx.len() == 1 { "event" } else { "events" }) }</caption>
                <thead><tr><th scope="col">{ "Time" }</th><th scope="col">{ "Site" }</th><th scope="col">{ "Category" }</th><th scope="col">{ "Certainty" }</th><th scope="col">{ "Quote" }</th><th scope="col">{ "Report" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        }
    });
    html! {
        <section class="events">
            <div class="list-controls">
                <button class="list-toggle" aria-expanded={if p.open { "true" } else { "false" }} aria-controls="event-table" onclick={toggle}>{ "List" }</button>
                { download("geojson", "Download GeoJSON") }
                { download("csv", "Download CSV") }
            </div>
            { table.unwrap_or_default() }
        </section>
    }
}

/// The events on the map, in time order.
fn window_events(corpus: &Corpus, in_window: &BTreeMap<String, Vec<usize>>) -> Vec<usize> {
    let mut idx: Vec<usize> = in_window.values().flatten().copied().collect();
    idx.sort_by_key(|i| (corpus.events[*i].time.start, *i));
    idx
}

/// The events on the map in the CLI's formats: (text, MIME type).
pub fn export_view(
    corpus: &Corpus,
    in_window: &BTreeMap<String, Vec<usize>>,
    format: &str,
) -> (String, &'static str) {
    let events: Vec<vigia::Event> = window_events(corpus, in_window)
        .into_iter()
        .map(|i| corpus.events[i].clone())
        .collect();
    let rows = vigia::export::rows(&events, &corpus.gazetteer, &corpus.reports);
    match format {
        "csv" => (
            vigia::export::csv(&rows).unwrap_or_default(),
            "text/csv;charset=utf-8",
        ),
        _ => (vigia::export::geojson(&rows), "application/geo+json"),
    }
}

/// Hands `text` to the browser as a file download.
#[cfg(target_arch = "wasm32")]
fn save(text: &str, mime: &str, name: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
