//! The site panel: the site, its sourced coordinates, and every citation — quote as
//! text with the place and time expression marked, report title, source and publication
//! date (flagging an editor's date), event time and how it was derived, category and
//! certainty — each with a control that opens the report in the reader.
use std::rc::Rc;

use jiff::{SignedDuration, Timestamp};
use vigia::DateSource;
use vigia::filter::Filter;
use yew::prelude::*;

use super::{Dispatch, category_colour, highlighted};
use crate::model::{Action, Corpus, Zone, format_in};

#[derive(Properties, Clone)]
pub struct PanelProps {
    pub corpus: Rc<Corpus>,
    pub site_id: String,
    pub time: Timestamp,
    pub window: SignedDuration,
    pub zone: Zone,
    pub filter: Filter,
    pub dispatch: Dispatch,
}

impl PartialEq for PanelProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &o.corpus)
            && self.site_id == o.site_id
            && self.time == o.time
            && self.window == o.window
            && self.zone == o.zone
            && self.filter == o.filter
            && self.dispatch == o.dispatch
    }
}

/// The marks of an event's quote: its place name and, when the text has one inside the
/// quote, its time expression.
pub fn quote_marks(e: &vigia::Event) -> Vec<(usize, usize, &'static str)> {
    let mut marks = vec![(e.place_start, e.place_end, "place")];
    if let Some((s, t)) = e.time_text
        && s >= e.quote_start
        && t <= e.quote_end
        && (t <= e.place_start || s >= e.place_end)
    {
        marks.push((s, t, "time"));
    }
    marks.sort_unstable();
    marks
}

/// An event's time: the minute it happened, or the span it is known to lie in.
fn when(t: &vigia::event::EventTime, zone: Zone) -> String {
    if t.end.duration_since(t.start) <= SignedDuration::from_mins(1) {
        format_in(t.start, zone)
    } else {
        format!("{} to {}", format_in(t.start, zone), format_in(t.end, zone))
    }
}

/// How precisely a time is known, in words.
fn known_to(p: vigia::Precision) -> String {
    match p {
        vigia::Precision::Range => "(known only as a range)".into(),
        p => format!("(known to the {p})"),
    }
}

#[function_component(SitePanel)]
pub fn site_panel(p: &PanelProps) -> Html {
    let corpus = &p.corpus;
    let Some(site) = corpus.gazetteer.get(&p.site_id) else {
        return html! {};
    };
    let close = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::Close))
    };
    let parents: Vec<String> = corpus
        .gazetteer
        .ancestors(site)
        .map(|a| a.name.clone())
        .collect();
    let mut aliases: Vec<&str> = site
        .aliases
        .iter()
        .map(|(_, a)| a.as_str())
        .filter(|a| *a != site.name)
        .collect();
    aliases.sort_unstable();
    aliases.dedup();
    let window_start = p.time.checked_sub(p.window).unwrap_or(p.time);
    let all = corpus.events_at(&site.id);
    let events: Vec<usize> = all
        .iter()
        .copied()
        .filter(|i| corpus.keeps(&p.filter, *i))
        .collect();
    let hidden = all.len() - events.len();
    let citations = events.iter().map(|i| {
        let i = *i;
        let e = &corpus.events[i];
        let report = corpus.report(&e.report_id);
        let in_window = e.time.start <= p.time && e.time.end > window_start;
        let (title, published, editor, source) = report.map_or((String::new(), String::new(), false, String::new()), |r| {
            (r.meta.title.clone(), r.meta.published.to_string(), r.meta.date_source == DateSource::Editor, r.meta.source.clone())
        });
        let read = {
            let d = p.dispatch.clone();
            Callback::from(move |_| d.emit(Action::Read(i)))
        };
        html! {
            <li class={classes!("citation", in_window.then_some("in-window"))}>
                <p class="meta">
                    <span class="badge" style={format!("--colour:{}", category_colour(e.category))}>{ e.category.as_str() }</span>
                    <span class={classes!("badge", "certainty", e.certainty.as_str())} title="How sure the report is">{ e.certainty.as_str() }</span>
                    <time datetime={e.time.start.to_string()}>{ when(&e.time, p.zone) }</time>
                    <span class="precision">{ known_to(e.time.precision) }</span>
                </p>
                <blockquote class="quote" lang={report.map(|r| r.meta.language.code()).unwrap_or("und")}>
                    { highlighted(corpus.quote(e), e.quote_start, &quote_marks(e)) }
                </blockquote>
                <p class="resolved">{ format!("Time: {}", e.time.resolved) }</p>
                <p class="source">
                    <cite>{ title.clone() }</cite>
                    if !source.is_empty() { { format!(" · {source}") } }
                    { format!(" · published {published}") }
                    if editor { <span class="editor-date" title="The report carries no date; an editor supplied it.">{ " (date supplied by an editor)" }</span> }
                </p>
                <button id={format!("read-{i}")} class="read" aria-label={format!("Read report: {title}")} onclick={read}>{ "Read report" }</button>
            </li>
        }
    });
    html! {
        <section id="site-panel" class="panel" role="region" aria-label={site.name.clone()}>
            <header>
                <h2>{ site.name.clone() }</h2>
                <button id="site-panel-close" class="close" aria-label="Close" title="Close (Escape)" onclick={close}>{ "×" }</button>
            </header>
            <p class="site-meta">
                { format!("{} · {:.4}, {:.4}", site.kind.as_str(), site.lat, site.lon) }
                if !parents.is_empty() { { format!(" · in {}", parents.join(", ")) } }
            </p>
            if !aliases.is_empty() { <p class="aliases">{ format!("Also: {}", aliases.join(" · ")) }</p> }
            <p class="site-source">{ format!("Coordinates: {} ({})", site.source, site.licence) }</p>
            if !site.note.is_empty() { <p class="site-note">{ site.note.clone() }</p> }
            <h3>{ format!("{} {} from the reports", events.len(), if events.len() == 1 { "citation" } else { "citations" }) }</h3>
            if hidden > 0 { <p class="hidden-note">{ format!("{hidden} more hidden by the filters.") }</p> }
            <ol class="citations">{ for citations }</ol>
        </section>
    }
}
