//! Bundles the reports in `reports/` (each `*.txt` with its `*.toml` sidecar) and the
//! gazetteer table into the library, so the CLI and the web app read the same corpus.
use std::{env, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let reports = Path::new(&root).join("reports");
    println!("cargo:rerun-if-changed={}", reports.display());
    println!("cargo:rerun-if-changed=gazetteer/sites.csv");
    let mut entries: Vec<_> = fs::read_dir(&reports)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    entries.sort();
    let mut code = String::from(
        "/// Bundled reports: (id, text, sidecar TOML or empty).\npub static BUNDLED_REPORTS: &[(&str, &str, &str)] = &[\n",
    );
    for p in entries {
        println!("cargo:rerun-if-changed={}", p.display());
        let stem = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let sidecar = p.with_extension("toml");
        println!("cargo:rerun-if-changed={}", sidecar.display());
        let meta = if sidecar.exists() {
            format!("include_str!({:?})", sidecar.display().to_string())
        } else {
            "\"\"".to_string()
        };
        code.push_str(&format!(
            "    ({stem:?}, include_str!({:?}), {meta}),\n",
            p.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out =
        Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("bundled_reports.rs");
    if let Err(e) = fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
