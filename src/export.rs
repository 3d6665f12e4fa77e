//! Export of events as an RFC 7946 GeoJSON FeatureCollection or CSV, with the fields of
//! `interfaces.md` §2. Depends on `event`, `gazetteer`, `report`.
use serde::Serialize;

use crate::event::Event;
use crate::gazetteer::Gazetteer;
use crate::report::{DateSource, Report};

/// One exported event: the interface fields plus a few extensions.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub event_id: String,
    pub site_id: String,
    pub site_name: String,
    pub site_kind: &'static str,
    pub lon: f64,
    pub lat: f64,
    pub time_start: String,
    pub time_end: String,
    pub time_precision: &'static str,
    pub time_resolved: String,
    pub category: &'static str,
    pub certainty: &'static str,
    pub report_id: String,
    pub report_title: String,
    pub published: String,
    pub date_source: &'static str,
    pub language: &'static str,
    pub quote: String,
    pub quote_start: usize,
    pub quote_end: usize,
    pub place: String,
}

/// Joins events with their sites and reports. Events whose site or report is unknown are skipped.
pub fn rows(events: &[Event], gazetteer: &Gazetteer, reports: &[Report]) -> Vec<Row> {
    events
        .iter()
        .filter_map(|e| {
            let site = gazetteer.get(&e.site_id)?;
            let report = reports.iter().find(|r| r.id == e.report_id)?;
            Some(Row {
                event_id: e.event_id.clone(),
                site_id: site.id.clone(),
                site_name: site.name.clone(),
                site_kind: site.kind.as_str(),
                lon: site.lon,
                lat: site.lat,
                time_start: e.time.start.to_string(),
                time_end: e.time.end.to_string(),
                time_precision: e.time.precision.as_str(),
                time_resolved: e.time.resolved.clone(),
                category: e.category.as_str(),
                certainty: e.certainty.as_str(),
                report_id: report.id.clone(),
                report_title: report.meta.title.clone(),
                published: report.meta.published.to_string(),
                date_source: match report.meta.date_source {
                    DateSource::Text => "text",
                    DateSource::Editor => "editor",
                },
                language: report.meta.language.code(),
                quote: report
                    .text
                    .get(e.quote_start..e.quote_end)
                    .unwrap_or_default()
                    .to_string(),
                quote_start: e.quote_start,
                quote_end: e.quote_end,
                place: report
                    .text
                    .get(e.place_start..e.place_end)
                    .unwrap_or_default()
                    .to_string(),
            })
        })
        .collect()
}

#[derive(Serialize)]
struct Geometry {
    r#type: &'static str,
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct Feature<'a> {
    r#type: &'static str,
    id: &'a str,
    geometry: Geometry,
    properties: &'a Row,
}

#[derive(Serialize)]
struct FeatureCollection<'a> {
    r#type: &'static str,
    features: Vec<Feature<'a>>,
}

/// An RFC 7946 FeatureCollection with one Point feature per row.
pub fn geojson(rows: &[Row]) -> String {
    let fc = FeatureCollection {
        r#type: "FeatureCollection",
        features: rows
            .iter()
            .map(|r| Feature {
                r#type: "Feature",
                id: &r.event_id,
                geometry: Geometry {
                    r#type: "Point",
                    coordinates: [r.lon, r.lat],
                },
                properties: r,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&fc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// CSV with a header row; the same fields as the GeoJSON properties plus `lon`, `lat`.
pub fn csv(rows: &[Row]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
