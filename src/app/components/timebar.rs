//! The time slider (`<input type="range">` named Time) and the current time as text.
//! Home/End jump to the first/last event, arrows step to the previous/next event,
//! PageUp/PageDown move by one window.
use std::rc::Rc;

use jiff::{SignedDuration, Timestamp};
use yew::prelude::*;

use super::Dispatch;
use crate::model::{Action, Corpus, format_utc};

#[derive(Properties, Clone)]
pub struct TimeBarProps {
    pub corpus: Rc<Corpus>,
    pub time: Timestamp,
    pub window: SignedDuration,
    pub events_in_window: usize,
    pub sites_in_window: usize,
    pub dispatch: Dispatch,
}

impl PartialEq for TimeBarProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &o.corpus)
            && self.time == o.time
            && self.window == o.window
            && self.events_in_window == o.events_in_window
            && self.sites_in_window == o.sites_in_window
            && self.dispatch == o.dispatch
    }
}

#[function_component(TimeBar)]
pub fn time_bar(p: &TimeBarProps) -> Html {
    let Some((first, last)) = p.corpus.timeline.domain() else {
        return html! { <div class="timebar"><p>{ "No events in the bundled reports." }</p></div> };
    };
    let oninput = {
        let d = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(secs) = input.value().parse::<f64>()
                && let Ok(t) = Timestamp::from_second(secs as i64)
            {
                d.emit(Action::SetTime(t));
            }
        })
    };
    let onkeydown = {
        let d = p.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let action = match e.key().as_str() {
                "Home" => Action::First,
                "End" => Action::Last,
                "ArrowRight" | "ArrowUp" => Action::NextEvent,
                "ArrowLeft" | "ArrowDown" => Action::PreviousEvent,
                "PageUp" => Action::Shift(1),
                "PageDown" => Action::Shift(-1),
                _ => return,
            };
            e.prevent_default();
            d.emit(action);
        })
    };
    let step_button = |action: Action, label: &'static str, text: &'static str| {
        let d = p.dispatch.clone();
        html! { <button class="step" aria-label={label} title={label} onclick={Callback::from(move |_| d.emit(action.clone()))}>{ text }</button> }
    };
    let window_start = p.time.checked_sub(p.window).unwrap_or(p.time);
    let summary = format!(
        "{} · {} {} at {} {} in the day up to now",
        format_utc(p.time),
        p.events_in_window,
        if p.events_in_window == 1 {
            "event"
        } else {
            "events"
        },
        p.sites_in_window,
        if p.sites_in_window == 1 {
            "site"
        } else {
            "sites"
        },
    );
    html! {
        <div class="timebar">
            { step_button(Action::PreviousEvent, "Previous event", "◀") }
            <div class="slider">
                <input
                    type="range"
                    id="time"
                    aria-label="Time"
                    aria-valuetext={format_utc(p.time)}
                    aria-describedby="time-now"
                    min={first.as_second().to_string()}
                    max={last.as_second().to_string()}
                    step="60"
                    value={p.time.as_second().to_string()}
                    {oninput}
                    {onkeydown}
                />
                <div class="ends" aria-hidden="true">
                    <span>{ first.strftime("%Y-%m-%d").to_string() }</span>
                    <span>{ last.strftime("%Y-%m-%d").to_string() }</span>
                </div>
            </div>
            { step_button(Action::NextEvent, "Next event", "▶") }
            <output id="time-now" class="now" for="time" aria-live="polite" title={format!("Window: {} to {}", format_utc(window_start), format_utc(p.time))}>{ summary }</output>
        </div>
    }
}
