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
    pub dispatch: Dispatch,
}

impl PartialEq for ListProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &o.corpus)
            && self.in_window == o.in_window
            && self.open == o.open
            && self.dispatch == o.dispatch
    }
}

#[function_component(EventList)]
pub fn event_list(p: &ListProps) -> Html {
    let toggle = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::ToggleList))
    };
    let mut idx: Vec<usize> = p.in_window.values().flatten().copied().collect();
    idx.sort_by_key(|i| (p.corpus.events[*i].time.start, *i));
    let rows = idx.iter().map(|i| {
        let e = &p.corpus.events[*i];
        let site = p.corpus.gazetteer.get(&e.site_id).map(|s| s.name.clone()).unwrap_or_default();
        let title = p.corpus.report(&e.report_id).map(|r| r.meta.title.clone()).unwrap_or_default();
        html! {
            <tr>
                <td><time datetime={e.time.start.to_string()}>{ format_utc(e.time.start) }</time></td>
                <td>{ site }</td>
                <td>{ e.category.as_str() }</td>
                <td>{ e.certainty.as_str() }</td>
                <td class="quote">{ p.corpus.quote(e) }</td>
                <td>{ title }</td>
            </tr>
        }
    });
    html! {
        <section class="events">
            <button class="list-toggle" aria-expanded={if p.open { "true" } else { "false" }} aria-controls="event-table" onclick={toggle}>{ "List" }</button>
            if p.open {
                <table id="event-table">
                    <caption>{ format!("{} events in the current window", idx.len()) }</caption>
                    <thead><tr><th scope="col">{ "Time" }</th><th scope="col">{ "Site" }</th><th scope="col">{ "Category" }</th><th scope="col">{ "Certainty" }</th><th scope="col">{ "Quote" }</th><th scope="col">{ "Report" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        </section>
    }
}
