//! The `vigia` command line, run as a real process on real files.
use std::path::PathBuf;
use std::process::{Command, Output};

fn vigia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigia"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run vigia: {e}"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigia-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn report_text(id: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("reports")
        .join(format!("{id}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn export_geojson_is_a_feature_collection_with_the_interface_properties() {
    let out = vigia(&["export", "--format", "geojson"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fc: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().cloned().unwrap_or_default();
    assert!(features.len() >= 20, "{} features", features.len());
    let keys = [
        "event_id",
        "site_id",
        "site_name",
        "site_kind",
        "time_start",
        "time_end",
        "time_precision",
        "category",
        "certainty",
        "report_id",
        "report_title",
        "published",
        "language",
        "quote",
        "quote_start",
        "quote_end",
    ];
    for f in &features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let (lon, lat) = (
            c[0].as_f64().unwrap_or(999.0),
            c[1].as_f64().unwrap_or(999.0),
        );
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        let p = &f["properties"];
        for k in keys {
            assert!(!p[k].is_null(), "property {k} missing in {p}");
        }
        // RFC 3339 UTC with Z, start before end.
        let (s, e) = (
            p["time_start"].as_str().unwrap_or_default(),
            p["time_end"].as_str().unwrap_or_default(),
        );
        assert!(s.ends_with('Z') && e.ends_with('Z') && s < e, "{s} {e}");
        // The quote is the exact byte span of the report file.
        let text = report_text(p["report_id"].as_str().unwrap_or_default());
        let (qs, qe) = (
            p["quote_start"].as_u64().unwrap_or(0) as usize,
            p["quote_end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            text.get(qs..qe),
            p["quote"].as_str(),
            "quote span of {}",
            p["event_id"]
        );
    }
    let at = |site: &str, year: &str| {
        features.iter().any(|f| {
            f["properties"]["site_name"] == site
                && f["properties"]["time_start"]
                    .as_str()
                    .is_some_and(|t| t.starts_with(year))
        })
    };
    assert!(at("Fuerte Tiuna", "2026"));
    assert!(at("La Carlota", "2026"));
    assert!(at("La Carlota", "2019"));
    assert!(at("Higuerote Airport", "2026"));
    // Liveblog entry UPDATE 08:55 (CET) is 07:55 UTC.
    assert!(
        features
            .iter()
            .any(|f| f["properties"]["site_id"] == "fuerte-tiuna"
                && f["properties"]["time_start"] == "2026-01-03T07:55:00Z")
    );
}

#[test]
fn export_csv_has_the_same_events() {
    let geo = vigia(&["export", "--format", "geojson"]);
    let csv = vigia(&["export", "--format", "csv"]);
    assert!(csv.status.success());
    let fc: serde_json::Value = serde_json::from_slice(&geo.stdout).unwrap_or_default();
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let headers = reader.headers().cloned().unwrap_or_default();
    for col in [
        "event_id",
        "lon",
        "lat",
        "time_start",
        "quote",
        "quote_start",
        "quote_end",
    ] {
        assert!(headers.iter().any(|h| h == col), "csv column {col}");
    }
    assert_eq!(
        reader.records().count(),
        fc["features"].as_array().map_or(0, Vec::len)
    );
}

#[test]
fn export_reads_files_with_date_and_tz() {
    let dir = scratch("files");
    let file = dir.join("blog.txt");
    std::fs::write(
        &file,
        "UPDATE 08:21 - Explosions reported at Fuerte Tiuna in Caracas.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let f = file.to_string_lossy().to_string();
    let out = vigia(&[
        "export",
        "--format",
        "geojson",
        "--date",
        "2026-01-03",
        "--tz",
        "Europe/Amsterdam",
        &f,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let p = &fc["features"][0]["properties"];
    assert_eq!(p["site_id"], "fuerte-tiuna");
    assert_eq!(p["time_start"], "2026-01-03T07:21:00Z");
    assert_eq!(p["report_id"], "blog");
    assert_eq!(p["language"], "en");
}

#[test]
fn bad_input_gives_one_line_naming_the_file_and_exit_1() {
    let dir = scratch("bad");
    let empty = dir.join("empty.txt");
    let binary = dir.join("binary.txt");
    std::fs::write(&empty, "").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&binary, [0x7f, b'E', b'L', b'F', 0, 0, 0xff, 0xfe, 0x00])
        .unwrap_or_else(|e| panic!("{e}"));
    let missing = dir.join("missing.txt");
    for (path, want) in [
        (&missing, "no such file"),
        (&empty, "empty report"),
        (&binary, "not UTF-8"),
    ] {
        let p = path.to_string_lossy().to_string();
        let out = vigia(&["export", "--format", "geojson", "--date", "2026-01-03", &p]);
        assert_eq!(out.status.code(), Some(1), "{p}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!("{p}:")) && err.contains(want),
            "{err}"
        );
        assert!(out.stdout.is_empty());
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["export"][..],
        &["export", "--format", "xml"],
        &["frobnicate"],
        &["export", "--format", "csv", "--date", "3 jan"],
    ] {
        assert_eq!(vigia(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn gazetteer_check_passes_and_reports_broken_copies() {
    let ok = vigia(&["gazetteer", "check"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let original = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("gazetteer/sites.csv"),
    )
    .unwrap_or_default();
    let lines: Vec<&str> = original.lines().collect();
    let ft = lines
        .iter()
        .position(|l| l.starts_with("fuerte-tiuna,"))
        .unwrap_or(0);
    let breakers: [(&str, fn(&str) -> String, &str); 3] = [
        (
            "lat",
            |l| l.replacen(",10.467206,", ",110.467206,", 1),
            "latitude 110.467206 is outside -90..90",
        ),
        (
            "dup",
            |l| l.replacen("fuerte-tiuna,Fuerte Tiuna", "caracas,Fuerte Tiuna", 1),
            "duplicate id \"caracas\"",
        ),
        (
            "parent",
            |l| l.replacen(",point,caracas,", ",point,libertador,", 1),
            "parent \"libertador\" of \"fuerte-tiuna\" does not exist",
        ),
    ];
    for (name, f, want) in breakers {
        let dir = scratch(&format!("gaz-{name}"));
        let mut broken = lines
            .clone()
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>();
        broken[ft] = f(lines[ft]);
        std::fs::write(dir.join("sites.csv"), broken.join("\n") + "\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let out = vigia(&["gazetteer", "check", &dir.to_string_lossy()]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        let at = format!("{}:{}: ", dir.join("sites.csv").display(), ft + 1);
        assert!(err.starts_with(&at) && err.contains(want), "{name}: {err}");
    }
}

#[test]
fn geocode_prints_places_with_byte_spans() {
    let text = "Nieuwe beelden van de aftermath in de haven van Caracas.";
    let out = vigia(&["gazetteer", "geocode", "--lang", "nl", text]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(v[0]["site_id"], "port-la-guaira");
    assert_eq!(v[0]["matched"], "haven van Caracas");
    let (s, e) = (
        v[0]["start"].as_u64().unwrap_or(0) as usize,
        v[0]["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&text[s..e], "haven van Caracas");
}
