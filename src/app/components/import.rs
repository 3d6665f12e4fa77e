//! "Add reports": the user's own report files (UTF-8 text, optionally starting with
//! ` date YYYY-MM-DD <headline>`), read and extracted in the page with the same code as
//! the CLI. Files that cannot be read are listed as `file:line: message`; the rest are
//! added. Nothing leaves the page.
use std::rc::Rc;

use yew::prelude::*;

use super::Dispatch;
use crate::model::Corpus;

#[derive(Properties, Clone)]
pub struct ImportProps {
    pub corpus: Rc<Corpus>,
    pub dispatch: Dispatch,
}

impl PartialEq for ImportProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &o.corpus) && self.dispatch == o.dispatch
    }
}

/// What the last import did.
#[derive(Clone, PartialEq, Default)]
pub struct Outcome {
    pub message: String,
    pub problems: Vec<String>,
}

/// Adds `files` to `corpus`; returns the new corpus (if any report was read) and what to
/// tell the user.
pub fn import(
    corpus: &Corpus,
    files: &[(String, Vec<u8>)],
    date: Option<jiff::civil::Date>,
) -> (Option<Corpus>, Outcome) {
    let (reports, problems) = corpus.read_files(files, date);
    // The page's way to give a date is its date field, not the CLI's flag.
    let problems: Vec<String> = problems
        .iter()
        .map(|p| {
            p.to_string().replace(
                "pass --date YYYY-MM-DD",
                "choose a date under \"Undated files published on\"",
            )
        })
        .collect();
    if reports.is_empty() {
        let message = if files.is_empty() {
            "No file chosen.".to_string()
        } else {
            "No report added.".to_string()
        };
        return (None, Outcome { message, problems });
    }
    let n = reports.len();
    let ids: Vec<String> = reports.iter().map(|r| r.id.clone()).collect();
    let next = corpus.with_reports(reports);
    let events: Vec<&vigia::Event> = next
        .events
        .iter()
        .filter(|e| ids.contains(&e.report_id))
        .collect();
    let sites: std::collections::HashSet<&str> =
        events.iter().map(|e| e.site_id.as_str()).collect();
    let message = format!(
        "Added {n} {}: {} {} at {} {}. They stay until the page is closed.",
        if n == 1 { "report" } else { "reports" },
        events.len(),
        if events.len() == 1 { "event" } else { "events" },
        sites.len(),
        if sites.len() == 1 { "site" } else { "sites" },
    );
    (Some(next), Outcome { message, problems })
}

#[function_component(AddReports)]
pub fn add_reports(p: &ImportProps) -> Html {
    let outcome = use_state(Outcome::default);
    let date = use_state(String::new);
    let on_date = {
        let date = date.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            date.set(el.value());
        })
    };
    let on_files = {
        let corpus = p.corpus.clone();
        let dispatch = p.dispatch.clone();
        let outcome = outcome.clone();
        let date = date.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            let day: Option<jiff::civil::Date> = date.parse().ok();
            outcome.set(Outcome {
                message: "Reading…".into(),
                problems: Vec::new(),
            });
            #[cfg(target_arch = "wasm32")]
            web::read(el, corpus.clone(), day, dispatch.clone(), outcome.setter());
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (el, &corpus, day, &dispatch);
        })
    };
    html! {
        <section class="add-reports" aria-label="Add reports">
            <label class="file-button">
                { "Add reports…" }
                <input type="file" class="visually-hidden" multiple=true accept=".txt,text/plain" onchange={on_files} />
            </label>
            <label class="control undated">
                <span>{ "Undated files published on" }</span>
                <input type="date" value={(*date).clone()} onchange={on_date} />
            </label>
            // Present only once there is something to say, so the page has one status
            // region (the time) until the user adds reports.
            if !outcome.message.is_empty() {
                <div class="import-status" role="status" aria-live="polite">
                    { outcome.message.clone() }
                </div>
            }
            if !outcome.problems.is_empty() {
                <ul class="import-problems" role="alert">
                    { for outcome.problems.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                </ul>
            }
        </section>
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::rc::Rc;

    use wasm_bindgen_futures::JsFuture;
    use yew::Callback;

    use super::Outcome;
    use crate::model::{Action, Corpus};

    /// Reads every chosen file's bytes, then imports them in one go.
    pub fn read(
        input: web_sys::HtmlInputElement,
        corpus: Rc<Corpus>,
        date: Option<jiff::civil::Date>,
        dispatch: Callback<Action>,
        outcome: yew::UseStateSetter<Outcome>,
    ) {
        wasm_bindgen_futures::spawn_local(async move {
            let mut files = Vec::new();
            if let Some(list) = input.files() {
                for k in 0..list.length() {
                    let Some(f) = list.get(k) else { continue };
                    let bytes = match JsFuture::from(f.array_buffer()).await {
                        Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
                        Err(_) => {
                            outcome.set(Outcome {
                                message: "No report added.".into(),
                                problems: vec![format!(
                                    "{}:1: the browser could not read this file",
                                    f.name()
                                )],
                            });
                            return;
                        }
                    };
                    files.push((f.name(), bytes));
                }
            }
            // The same file can be chosen again after a fix.
            input.set_value("");
            let (next, result) = super::import(&corpus, &files, date);
            if let Some(c) = next {
                dispatch.emit(Action::AddReports(Rc::new(c)));
            }
            outcome.set(result);
        });
    }
}
