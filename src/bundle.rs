//! The bundled corpus: the reports in `reports/` with their sidecars, compiled in by
//! `build.rs`, and the bundled gazetteer. The CLI (with no FILE) and the web app both
//! start from here.
use crate::report::{Report, Supplied};
use crate::{Problem, gazetteer::Gazetteer};

include!(concat!(env!("OUT_DIR"), "/bundled_reports.rs"));

/// Every bundled report, parsed. A broken sidecar is a build-time mistake; the tests
/// load every bundled report, so this returns problems rather than panicking.
pub fn reports() -> Result<Vec<Report>, Problem> {
    BUNDLED_REPORTS
        .iter()
        .map(|(id, text, sidecar)| {
            let path = format!("reports/{id}.txt");
            let sidecar_path = format!("reports/{id}.toml");
            let supplied = Supplied {
                sidecar: (!sidecar.is_empty()).then_some((sidecar_path.as_str(), *sidecar)),
                ..Supplied::default()
            };
            Report::from_text(id, &path, (*text).to_string(), &supplied)
        })
        .collect()
}

/// The bundled gazetteer, with the corpus's own sites when it brings some (a build with
/// `VIGIA_CORPUS_DIR`). Rows of the extension that do not fit are left out; `vigia synth`
/// writes none such.
pub fn gazetteer() -> Gazetteer {
    let g = Gazetteer::bundled();
    match GAZETTEER_EXTENSION {
        Some((path, csv)) => g.extended(path, csv).0,
        None => g,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DateSource;

    #[test]
    fn bundled_reports_load_with_honest_dates() {
        let reports = reports().unwrap_or_else(|p| panic!("{p}"));
        assert_eq!(reports.len(), 5);
        let editor: Vec<&str> = reports
            .iter()
            .filter(|r| r.meta.date_source == DateSource::Editor)
            .map(|r| &r.id[..3])
            .collect();
        assert_eq!(editor, ["003", "004"]);
    }
}
