//! Vigía's core: everything that turns report text into dated, cited events on a map,
//! with no dependency on the browser. The `vigia` CLI and the Yew app are thin shells
//! over these modules.
//!
//! Data flows one way:
//! `report` (text + metadata) ─► `extract` (segments ► place mentions ► time ► events),
//! with `gazetteer` supplying sites and the matcher; `timeline` indexes events by time
//! (window, cumulative, histogram, ranges); `axis` is the zoomable time axis with its
//! calendar ticks; `export` writes GeoJSON and CSV; `projection` maps coordinates to the
//! screen; `synth` (native only) writes synthetic corpora for the benchmarks.

pub mod axis;
pub mod basemap;
pub mod bundle;
pub mod cluster;
pub mod event;
pub mod export;
pub mod extract;
pub mod filter;
pub mod gazetteer;
pub mod lang;
pub mod projection;
pub mod report;
pub mod segment;
#[cfg(not(target_arch = "wasm32"))]
pub mod synth;
pub mod text;
pub mod time;
pub mod timeline;

pub use event::{Category, Certainty, Event, Precision};
pub use gazetteer::{Gazetteer, Site, SiteKind};
pub use lang::Lang;
pub use report::{DateSource, Report, ReportMeta};

/// A problem with an input file, located by path and 1-based line, printed as `path:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

impl std::error::Error for Problem {}
