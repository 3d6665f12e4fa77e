//! Filters: which categories, certainties, languages and report to show. They narrow the
//! map, the histogram, the list and the panel alike, and live in the URL. Chips are
//! toggle buttons: none pressed in a group means the whole group is shown.
use std::rc::Rc;

use vigia::filter::Filter;
use vigia::{Category, Certainty, Lang};
use yew::prelude::*;

use super::{Dispatch, category_colour};
use crate::model::{Action, Corpus};

#[derive(Properties, Clone)]
pub struct FiltersProps {
    pub corpus: Rc<Corpus>,
    pub filter: Filter,
    pub dispatch: Dispatch,
}

impl PartialEq for FiltersProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &o.corpus)
            && self.filter == o.filter
            && self.dispatch == o.dispatch
    }
}

/// Events per category, certainty and language across the whole corpus.
#[derive(Default)]
struct Counts {
    category: Vec<usize>,
    certainty: Vec<usize>,
    language: Vec<usize>,
}

fn counts(corpus: &Corpus) -> Counts {
    let mut c = Counts {
        category: vec![0; Category::ALL.len()],
        certainty: vec![0; Certainty::ALL.len()],
        language: vec![0; Lang::ALL.len()],
    };
    for e in &corpus.events {
        c.category[e.category as usize] += 1;
        c.certainty[e.certainty as usize] += 1;
        if let Some(r) = corpus.report(&e.report_id)
            && let Some(k) = Lang::ALL.iter().position(|l| *l == r.meta.language)
        {
            c.language[k] += 1;
        }
    }
    c
}

fn language_name(l: Lang) -> &'static str {
    l.name()
}

/// One toggle chip: its label, whether pressed, how many events, and the filter it makes.
fn chip(
    label: &str,
    pressed: bool,
    n: usize,
    swatch: Option<&str>,
    next: Filter,
    d: &Dispatch,
) -> Html {
    let d = d.clone();
    let onclick = Callback::from(move |_| d.emit(Action::SetFilter(next.clone())));
    html! {
        <button class="chip" aria-pressed={if pressed { "true" } else { "false" }} {onclick}
            aria-label={format!("{label}, {n} {}", if n == 1 { "event" } else { "events" })}>
            if let Some(c) = swatch { <span class="swatch" style={format!("background:{c}")} aria-hidden="true"></span> }
            { label.to_string() }
            <span class="count" aria-hidden="true">{ n }</span>
        </button>
    }
}

#[function_component(Filters)]
pub fn filters(p: &FiltersProps) -> Html {
    let open = use_state(|| !p.filter.is_empty());
    let c = {
        let corpus = p.corpus.clone();
        use_memo(Rc::as_ptr(&p.corpus) as usize, move |_| counts(&corpus))
    };
    let f = &p.filter;
    let d = &p.dispatch;
    let active = usize::from(!f.categories.is_empty())
        + usize::from(!f.certainties.is_empty())
        + usize::from(!f.languages.is_empty())
        + usize::from(!f.reports.is_empty());
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    // Escape closes the open filters (and only them) and returns to their toggle.
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                e.stop_propagation();
                open.set(false);
                #[cfg(target_arch = "wasm32")]
                focus_toggle();
            }
        })
    };
    let clear = {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::SetFilter(Filter::default())))
    };
    let categories = Category::ALL
        .iter()
        .filter(|k| c.category[**k as usize] > 0)
        .map(|k| {
            let mut next = f.clone();
            Filter::toggle(&mut next.categories, *k);
            chip(
                k.as_str(),
                f.categories.contains(k),
                c.category[*k as usize],
                Some(category_colour(*k)),
                next,
                d,
            )
        });
    let certainties = Certainty::ALL
        .iter()
        .filter(|k| c.certainty[**k as usize] > 0)
        .map(|k| {
            let mut next = f.clone();
            Filter::toggle(&mut next.certainties, *k);
            chip(
                k.as_str(),
                f.certainties.contains(k),
                c.certainty[*k as usize],
                None,
                next,
                d,
            )
        });
    let languages = Lang::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| c.language[*i] > 0)
        .map(|(i, l)| {
            let mut next = f.clone();
            Filter::toggle(&mut next.languages, *l);
            chip(
                language_name(*l),
                f.languages.contains(l),
                c.language[i],
                None,
                next,
                d,
            )
        });
    let mut reports: Vec<(String, String)> = p
        .corpus
        .reports
        .iter()
        .map(|r| {
            let source = if r.meta.source.is_empty() {
                String::new()
            } else {
                format!(" — {}", r.meta.source)
            };
            (
                r.id.clone(),
                format!("{} ({}){source}", r.meta.title, r.meta.published),
            )
        })
        .collect();
    reports.sort_by(|a, b| a.1.cmp(&b.1));
    let on_report = {
        let d = d.clone();
        let f = f.clone();
        let ids: Vec<String> = reports.iter().map(|(id, _)| id.clone()).collect();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut next = f.clone();
            next.reports.clear();
            // Option 0 is "All reports".
            if let Some(id) = usize::try_from(el.selected_index())
                .ok()
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| ids.get(i))
            {
                next.reports.insert(id.clone());
            }
            d.emit(Action::SetFilter(next));
        })
    };
    let chosen = (f.reports.len() == 1)
        .then(|| f.reports.iter().next().cloned())
        .flatten();
    html! {
        <section class="filters" aria-label="Filters" {onkeydown}>
            <div class="filters-bar">
                <button id="filters-toggle" class="filters-toggle" aria-expanded={if *open { "true" } else { "false" }} aria-controls="filter-groups" onclick={toggle}>
                    { if active == 0 { "Filters".to_string() } else { format!("Filters ({active} on)") } }
                </button>
                if active > 0 {
                    <button class="filters-clear" onclick={clear}>{ "Clear filters" }</button>
                }
            </div>
            if *open {
                <div id="filter-groups" class="filter-groups">
                    <div role="group" aria-label="Category" class="filter-group"><span class="group-name">{ "Category" }</span>{ for categories }</div>
                    <div role="group" aria-label="Certainty" class="filter-group"><span class="group-name">{ "Certainty" }</span>{ for certainties }</div>
                    <div role="group" aria-label="Language" class="filter-group"><span class="group-name">{ "Language" }</span>{ for languages }</div>
                    <label class="filter-group report-filter">
                        <span class="group-name">{ "Report" }</span>
                        <select aria-label="Report" onchange={on_report}>
                            <option selected={chosen.is_none()}>{ "All reports" }</option>
                            { for reports.iter().map(|(id, label)| html! { <option selected={chosen.as_ref() == Some(id)}>{ label.clone() }</option> }) }
                        </select>
                    </label>
                </div>
            }
        </section>
    }
}

#[cfg(target_arch = "wasm32")]
fn focus_toggle() {
    use wasm_bindgen::JsCast;
    if let Some(b) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("filters-toggle"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = b.focus();
    }
}
