//! The app's components. They render state and dispatch [`Action`]s; no business logic.
mod app;
mod list;
mod map;
mod panel;
mod timebar;

pub use app::App;
pub use list::EventList;
#[cfg(test)]
pub use list::export_view;
pub use map::MapView;
pub use panel::SitePanel;
pub use timebar::TimeBar;
#[cfg(test)]
pub use {list::ListProps, map::MapProps, panel::PanelProps, timebar::TimeBarProps};

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
