//! The app's components. They render state and dispatch [`Action`]s; no business logic.
mod app;
mod filters;
mod import;
mod list;
mod map;
mod panel;
mod reader;
mod timebar;

pub use app::App;
pub use filters::Filters;
pub use import::AddReports;
#[cfg(test)]
pub use import::import;
pub use list::EventList;
#[cfg(test)]
pub use list::export_view;
pub use map::MapView;
pub use panel::SitePanel;
pub use reader::Reader;
pub use timebar::TimeBar;
#[cfg(test)]
pub use {
    list::ListProps, map::MapProps, panel::PanelProps, reader::ReaderProps, timebar::TimeBarProps,
};

use yew::Callback;

use crate::model::Action;

/// How components report what the user did.
pub type Dispatch = Callback<Action>;

/// Colour of a category (shared by markers, badges and the legend).
pub fn category_colour(c: vigia::Category) -> &'static str {
    use vigia::Category::*;
    match c {
        Strike => "#d7263d",
        Capture => "#7b2cbf",
        Outage => "#f4a261",
        Unrest => "#e9c46a",
        Deployment => "#2a9d8f",
        Statement => "#577590",
        Other => "#8d99ae",
    }
}

/// `text` (which starts at byte `offset` of its report) as text nodes, with each of
/// `marks` — `(start, end, class)` in report offsets, sorted, not overlapping — wrapped in
/// `<mark class=…>`. Marks outside the text or off character boundaries are left out.
/// Never HTML: every piece is a text node.
pub fn highlighted(text: &str, offset: usize, marks: &[(usize, usize, &'static str)]) -> yew::Html {
    use yew::html;
    let mut out: Vec<yew::Html> = Vec::new();
    let mut at = 0;
    for (s, e, class) in marks {
        let (Some(s), Some(e)) = (s.checked_sub(offset), e.checked_sub(offset)) else {
            continue;
        };
        if s < at || e <= s || !text.is_char_boundary(s) || text.get(..e).is_none() {
            continue;
        }
        out.push(html! { { &text[at..s] } });
        out.push(html! { <mark class={*class}>{ &text[s..e] }</mark> });
        at = e;
    }
    out.push(html! { { &text[at..] } });
    out.into_iter().collect()
}
