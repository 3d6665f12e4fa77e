//! The timeline under the map: playback and view controls, a density histogram of events
//! by category on a zoomable time axis (ticks from years to minutes, in the chosen zone),
//! the window as a band, events known only to a day or a week as ranges, and the time
//! slider (`<input type="range">` named Time) with the current time as text.
//!
//! Slider keys follow the interface: Home/End first/last event, arrows previous/next
//! event, PageUp/PageDown one window. The histogram and the counts come from the core
//! timeline index (binary searches), never a scan of the events per frame.
use std::rc::Rc;

use jiff::{SignedDuration, Timestamp};
use vigia::Category;
use vigia::axis::{Axis, ticks};
use yew::prelude::*;

use super::{Dispatch, category_colour};
use crate::model::{Action, Corpus, Mode, SPEEDS, WindowLen, Zone, format_in, zone_tz};

/// Histogram size in SVG units.
const W: f64 = 1000.0;
const H: f64 = 56.0;
const BINS: usize = 200;

#[derive(Properties, Clone)]
pub struct TimeBarProps {
    pub corpus: Rc<Corpus>,
    /// The events the filters keep.
    pub shown: Rc<vigia::timeline::Timeline>,
    pub time: Timestamp,
    pub window: WindowLen,
    pub mode: Mode,
    pub zone: Zone,
    pub axis: Axis,
    pub playing: bool,
    pub speed: usize,
    pub events_in_window: usize,
    pub sites_in_window: usize,
    pub dispatch: Dispatch,
}

impl PartialEq for TimeBarProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &o.corpus)
            && Rc::ptr_eq(&self.shown, &o.shown)
            && self.time == o.time
            && self.window == o.window
            && self.mode == o.mode
            && self.zone == o.zone
            && self.axis == o.axis
            && self.playing == o.playing
            && self.speed == o.speed
            && self.events_in_window == o.events_in_window
            && self.sites_in_window == o.sites_in_window
            && self.dispatch == o.dispatch
    }
}

fn select<T: Copy + PartialEq + 'static>(
    label: &'static str,
    options: &[(T, &'static str)],
    current: T,
    to_action: fn(T) -> Action,
    d: &Dispatch,
) -> Html {
    let opts: Vec<(T, &'static str)> = options.to_vec();
    let onchange = {
        let d = d.clone();
        let opts = opts.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some((v, _)) = usize::try_from(el.selected_index())
                .ok()
                .and_then(|i| opts.get(i))
            {
                d.emit(to_action(*v));
            }
        })
    };
    html! {
        <label class="control">
            <span>{ label }</span>
            <select aria-label={label} {onchange}>
                { for opts.iter().map(|(v, text)| html! { <option selected={*v == current}>{ *text }</option> }) }
            </select>
        </label>
    }
}

#[function_component(TimeBar)]
pub fn time_bar(p: &TimeBarProps) -> Html {
    let Some((first, last)) = p.corpus.timeline.domain() else {
        return html! { <div class="timebar"><p>{ "No events in the bundled reports." }</p></div> };
    };
    let d = &p.dispatch;
    let oninput = {
        let d = d.clone();
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
        let d = d.clone();
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
    let button = |action: Action, label: &'static str, text: &'static str, class: &'static str| {
        let d = d.clone();
        html! { <button class={class} aria-label={label} title={label} onclick={Callback::from(move |_| d.emit(action.clone()))}>{ text }</button> }
    };
    let play = {
        let d = d.clone();
        let label = if p.playing { "Pause" } else { "Play" };
        html! {
            <button class="step play" aria-label={label} title={label} aria-pressed={if p.playing { "true" } else { "false" }}
                onclick={Callback::from(move |_| d.emit(Action::TogglePlay))}>{ if p.playing { "❚❚" } else { "►" } }</button>
        }
    };
    let speeds: Vec<(usize, &'static str)> = SPEEDS
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (i, *n))
        .collect();
    let windows: Vec<(WindowLen, &'static str)> = WindowLen::ALL
        .iter()
        .map(|w| {
            (
                *w,
                match w {
                    WindowLen::Hour => "1 hour",
                    WindowLen::Day => "1 day",
                    WindowLen::Week => "1 week",
                    WindowLen::Month => "30 days",
                    WindowLen::All => "all time",
                },
            )
        })
        .collect();
    let modes = [
        (Mode::Window, "window only"),
        (Mode::Cumulative, "cumulative"),
    ];
    let zones = [
        (Zone::Utc, "UTC"),
        (Zone::Caracas, "Venezuela (Caracas)"),
        (Zone::Viewer, "your zone"),
    ];

    // The histogram over the axis (drawn by `Bars`, which scrubbing leaves alone), with
    // the window band and the current time on an overlay.
    let (axis, n_bins) = display_axis(p.axis);
    let x_of = |t: Timestamp| (axis.fraction(t) * W).clamp(0.0, W);
    let tz = zone_tz(p.zone);
    let window_from = p.time.checked_sub(p.window.duration()).unwrap_or(first);
    let now_x = x_of(p.time);
    let overlay = html! {
        <svg class="overlay" viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" aria-hidden="true">
            <rect class="window-band" x={format!("{:.2}", x_of(window_from))} y="0" width={format!("{:.2}", (x_of(p.time) - x_of(window_from)).max(1.5))} height={H.to_string()} />
            <line class="now" x1={format!("{now_x:.1}")} x2={format!("{now_x:.1}")} y1="0" y2={H.to_string()} />
        </svg>
    };
    let on_hist_click = {
        let d = d.clone();
        Callback::from(move |e: MouseEvent| {
            let el: web_sys::Element = e.target_unchecked_into();
            let plot = el.closest(".plot").ok().flatten().unwrap_or(el);
            let r = plot.get_bounding_client_rect();
            if r.width() > 0.0 {
                let f = (f64::from(e.client_x()) - r.left()) / r.width();
                d.emit(Action::SetTime(axis.at(f.clamp(0.0, 1.0))));
            }
        })
    };
    let zoomed = axis != Axis::over(first, last);

    let summary = format!(
        "{} · {} {} at {} {} {}",
        format_in(p.time, p.zone),
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
        match (p.mode, p.window) {
            (Mode::Cumulative, _) | (_, WindowLen::All) => "so far".to_string(),
            (_, w) => format!(
                "in the {} up to now",
                match w {
                    WindowLen::Hour => "hour",
                    WindowLen::Day => "day",
                    WindowLen::Week => "week",
                    _ => "30 days",
                }
            ),
        }
    );
    // Read out when the time is set by hand; while playing only "playing", so a screen
    // reader is not flooded ten times a second.
    let announcement = if p.playing {
        "Playing".to_string()
    } else {
        summary.clone()
    };

    html! {
        <div class="timebar">
            <div class="controls" role="toolbar" aria-label="Timeline controls">
                { button(Action::PreviousEvent, "Previous event", "◀", "step") }
                { play }
                { button(Action::NextEvent, "Next event", "▶", "step") }
                { select("Speed", &speeds, p.speed, Action::SetSpeed, d) }
                { select("Window", &windows, p.window, Action::SetWindow, d) }
                { select("Mode", &modes, p.mode, Action::SetMode, d) }
                { select("Time zone", &zones, p.zone, Action::SetZone, d) }
                { button(Action::Densest, "Jump to the busiest window", "Busiest", "text") }
            </div>
            <div class="histogram">
                <div class="plot" onclick={on_hist_click}>
                    <Bars shown={p.shown.clone()} {axis} {n_bins} zone={p.zone} />
                    { overlay }
                </div>
                <div class="axis-zoom">
                    { button(Action::ZoomAxis(4.0), "Zoom timeline in", "+", "zoom") }
                    { button(Action::ZoomAxis(0.25), "Zoom timeline out", "−", "zoom") }
                    if zoomed {
                        { button(Action::WholeAxis, "Whole timeline", "⟷", "zoom") }
                    }
                </div>
            </div>
            <div class="slider">
                <input
                    type="range"
                    id="time"
                    aria-label="Time"
                    aria-valuetext={format_in(p.time, p.zone)}
                    aria-describedby="time-now"
                    min={first.as_second().to_string()}
                    max={last.as_second().to_string()}
                    step="60"
                    value={p.time.as_second().to_string()}
                    {oninput}
                    {onkeydown}
                />
                <div class="ends" aria-hidden="true">
                    <span>{ first.to_zoned(tz.clone()).strftime("%Y-%m-%d").to_string() }</span>
                    <span>{ last.to_zoned(tz).strftime("%Y-%m-%d").to_string() }</span>
                </div>
            </div>
            // Announced by the live region below (throttled while playing), not here too.
            <output id="time-now" class="now" for="time" aria-live="off">{ summary }</output>
            <p class="visually-hidden" aria-live="polite">{ announcement }</p>
        </div>
    }
}

/// The axis as drawn: never finer than a minute (the finest a report's time is known to),
/// and minute bins start on whole minutes. Returns the axis and its number of bins.
fn display_axis(axis: Axis) -> (Axis, usize) {
    let n_bins = BINS.min((axis.span().as_secs() / 60).max(1) as usize);
    if n_bins < BINS {
        let from = vigia::axis::floor_minute(axis.from);
        let to = from
            .checked_add(SignedDuration::from_mins(n_bins as i64 + 1))
            .unwrap_or(axis.to);
        (Axis { from, to }, n_bins + 1)
    } else {
        (axis, n_bins)
    }
}

#[derive(Properties, Clone)]
struct BarsProps {
    shown: Rc<vigia::timeline::Timeline>,
    axis: Axis,
    n_bins: usize,
    zone: Zone,
}

impl PartialEq for BarsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.shown, &o.shown)
            && self.axis == o.axis
            && self.n_bins == o.n_bins
            && self.zone == o.zone
    }
}

/// Bars of events per bin and category, ranges for events known only to a span longer
/// than a bin, and the ticks: everything that depends on the axis, not on the time.
#[function_component(Bars)]
fn bars(p: &BarsProps) -> Html {
    let axis = p.axis;
    let n_bins = p.n_bins;
    let tl = &p.shown;
    let bins = tl.histogram(axis.from, axis.to, n_bins);
    let peak = bins
        .iter()
        .map(|b| b.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1);
    let bin_w = W / n_bins as f64;
    let bin_len = SignedDuration::from_secs_f64(axis.span().as_secs_f64() / n_bins as f64);
    let x_of = |t: Timestamp| (axis.fraction(t) * W).clamp(0.0, W);
    let tz = zone_tz(p.zone);
    let bars = bins.iter().enumerate().filter(|(_, b)| b.iter().any(|n| *n > 0)).map(|(k, b)| {
        let mut y = H;
        let start = axis.at(k as f64 / n_bins as f64);
        let total: u32 = b.iter().sum();
        let parts = Category::ALL.iter().filter(|c| b[**c as usize] > 0).map(|c| {
            let h = f64::from(b[*c as usize]) / f64::from(peak) * (H - 8.0);
            y -= h;
            html! { <rect class="bar" x={format!("{:.2}", k as f64 * bin_w)} y={format!("{y:.2}")} width={format!("{:.2}", (bin_w - 0.6).max(0.6))} height={format!("{h:.2}")} fill={category_colour(*c)} /> }
        }).collect::<Html>();
        html! {
            <g class="bin" data-start={start.to_string()} data-count={total.to_string()}>
                <title>{ format!("{}: {total} {}", format_in(start, p.zone), if total == 1 { "event" } else { "events" }) }</title>
                { parts }
            </g>
        }
    }).collect::<Html>();
    let ranges = tl.ranges_over(axis.from, axis.to, bin_len);
    let range_peak = ranges.iter().map(|r| r.2).max().unwrap_or(1);
    let bands = ranges.iter().enumerate().map(|(i, (a, b, n))| {
        let (x0, x1) = (x_of(*a), x_of(*b));
        let lane = (i % 3) as f64;
        html! {
            <rect class="range" x={format!("{x0:.2}")} y={format!("{:.1}", H - 5.0 - lane * 3.0)} width={format!("{:.2}", (x1 - x0).max(1.0))} height="2.4"
                style={format!("opacity:{:.2}", 0.35 + 0.65 * f64::from(*n) / f64::from(range_peak))}>
                <title>{ format!("{n} {} known only between {} and {}", if *n == 1 { "event" } else { "events" }, format_in(*a, p.zone), format_in(*b, p.zone)) }</title>
            </rect>
        }
    }).collect::<Html>();
    let tick_list = ticks(&axis, &tz, 8);
    let tick_marks = tick_list.iter().map(|t| {
        let x = x_of(t.at);
        html! { <line class={classes!("tick", t.major.then_some("major"))} x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1="0" y2={H.to_string()} /> }
    }).collect::<Html>();
    // Labels as HTML, so the stretched SVG does not stretch the text.
    let tick_labels = tick_list.into_iter().map(|t| {
        html! { <span class={classes!("tick-label", t.major.then_some("major"))} style={format!("left:{:.2}%", x_of(t.at) / W * 100.0)}>{ t.label }</span> }
    }).collect::<Html>();
    html! {
        <>
            <svg class="bars" viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="none" role="img"
                aria-label={format!("Events over time, {} to {}", format_in(axis.from, p.zone), format_in(axis.to, p.zone))}>
                { tick_marks }
                { bars }
                { bands }
            </svg>
            <div class="tick-labels" aria-hidden="true">{ tick_labels }</div>
        </>
    }
}
