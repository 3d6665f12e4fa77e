//! The report reader: the whole report as text with the cited passage marked and
//! scrolled into view (the place and time expression marked inside it), the report's
//! metadata, and every site the report cites, one click away.
use std::rc::Rc;

use vigia::DateSource;
use yew::prelude::*;

use super::panel::quote_marks;
use super::{Dispatch, highlighted};
use crate::model::{Action, Corpus};

#[derive(Properties, Clone)]
pub struct ReaderProps {
    pub corpus: Rc<Corpus>,
    /// The cited event.
    pub event: usize,
    /// The URL fragment of the current view without a site: site links go to `…&s=site`.
    pub link_base: String,
    pub dispatch: Dispatch,
}

impl PartialEq for ReaderProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &o.corpus)
            && self.event == o.event
            && self.link_base == o.link_base
            && self.dispatch == o.dispatch
    }
}

/// The sites a report cites, in the order the report first names them.
pub fn sites_of_report(corpus: &Corpus, report_id: &str) -> Vec<(String, usize)> {
    // (first mention, site, citations), gathered in one pass over the events.
    let mut sites: Vec<(usize, String, usize)> = Vec::new();
    for e in corpus.events.iter().filter(|e| e.report_id == report_id) {
        match sites.iter_mut().find(|(_, s, _)| *s == e.site_id) {
            Some(f) => {
                f.0 = f.0.min(e.place_start);
                f.2 += 1;
            }
            None => sites.push((e.place_start, e.site_id.clone(), 1)),
        }
    }
    sites.sort();
    sites.into_iter().map(|(_, site, n)| (site, n)).collect()
}

#[function_component(Reader)]
pub fn reader(p: &ReaderProps) -> Html {
    let event = p.event;
    use_effect_with(event, |event| {
        #[cfg(target_arch = "wasm32")]
        web::show_cited();
        let event = *event;
        move || {
            #[cfg(target_arch = "wasm32")]
            web::focus_citation(event);
            let _ = event;
        }
    });
    let corpus = &p.corpus;
    let Some(e) = corpus.events.get(event) else {
        return html! {};
    };
    let Some(report) = corpus.report(&e.report_id) else {
        return html! {};
    };
    let text = report.text.as_str();
    let (qs, qe) = (e.quote_start.min(text.len()), e.quote_end.min(text.len()));
    let (before, quote, after) = match (text.get(..qs), text.get(qs..qe), text.get(qe..)) {
        (Some(b), Some(q), Some(a)) => (b, q, a),
        _ => (text, "", ""),
    };
    let close = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::CloseReader))
    };
    let sites = sites_of_report(corpus, &report.id).into_iter().map(|(id, n)| {
        let name = corpus.gazetteer.get(&id).map(|s| s.name.clone()).unwrap_or_else(|| id.clone());
        let current = id == e.site_id;
        let d = p.dispatch.clone();
        let open = {
            let id = id.clone();
            Callback::from(move |ev: MouseEvent| {
                ev.prevent_default();
                d.emit(Action::Select(id.clone()));
            })
        };
        let href = format!("#{}&s={}", p.link_base, crate::url::escape(&id));
        html! {
            <li>
                <a class="site-link" {href} aria-current={current.then_some("true")} onclick={open}
                    aria-label={format!("{name}, {n} {} in this report", if n == 1 { "citation" } else { "citations" })}>
                    { name }<span class="count" aria-hidden="true">{ format!(" {n}") }</span>
                </a>
            </li>
        }
    });
    let meta = &report.meta;
    html! {
        <article id="reader" class="reader" aria-labelledby="reader-title">
            <header>
                <h2 id="reader-title" tabindex="-1">{ meta.title.clone() }</h2>
                <button id="reader-close" class="close" aria-label="Close report" title="Close report (Escape)" onclick={close}>{ "×" }</button>
            </header>
            <p class="reader-meta">
                if !meta.source.is_empty() { { format!("{} · ", meta.source) } }
                { format!("published {}", meta.published) }
                if meta.date_source == DateSource::Editor { <span class="editor-date">{ " (date supplied by an editor)" }</span> }
                { format!(" · {} · {}", meta.language.code(), report.id) }
            </p>
            <nav class="report-sites" aria-label="Sites in this report">
                <h3>{ "Sites in this report" }</h3>
                <ul>{ for sites }</ul>
            </nav>
            <div class="report-text" lang={meta.language.code()}>
                { before }
                <mark id="cited" class="cited">{ highlighted(quote, qs, &quote_marks(e)) }</mark>
                { after }
            </div>
        </article>
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::JsCast;

    fn doc() -> Option<web_sys::Document> {
        web_sys::window().and_then(|w| w.document())
    }

    /// Scrolls the cited passage into the middle of the reader and focuses the title,
    /// so a screen reader starts at the report.
    pub fn show_cited() {
        let Some(doc) = doc() else { return };
        if let Some(title) = doc
            .get_element_by_id("reader-title")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = title.focus_with_options(&opts);
        }
        if let Some(mark) = doc.get_element_by_id("cited") {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Center);
            mark.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    }

    /// Closing the reader returns focus to the citation's "Read report" button.
    pub fn focus_citation(event: usize) {
        if let Some(b) = doc()
            .and_then(|d| d.get_element_by_id(&format!("read-{event}")))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = b.focus();
        }
    }
}
