//! Bundles the reports in `reports/` (each `*.txt` with its `*.toml` sidecar) and the
//! gazetteer table into the library, so the CLI and the web app read the same corpus.
//!
//! `VIGIA_CORPUS_DIR=DIR` bundles another corpus instead (the benchmarks' synthetic ones
//! from `vigia synth`): `DIR/reports/*.txt` with sidecars and, if present,
//! `DIR/gazetteer/sites.csv` appended to the gazetteer.
use std::{env, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    println!("cargo:rerun-if-env-changed=VIGIA_CORPUS_DIR");
    let corpus = env::var("VIGIA_CORPUS_DIR").ok().filter(|d| !d.is_empty());
    let reports = match &corpus {
        Some(dir) => Path::new(dir).join("reports"),
        None => Path::new(&root).join("reports"),
    };
    let extension = corpus
        .as_ref()
        .map(|dir| Path::new(dir).join("gazetteer").join("sites.csv"))
        .filter(|p| p.exists());
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
    code.push_str(
        "/// Rows appended to the gazetteer: (path, CSV), when a corpus brings its own sites.\n",
    );
    match &extension {
        Some(p) => {
            println!("cargo:rerun-if-changed={}", p.display());
            code.push_str(&format!(
                "pub static GAZETTEER_EXTENSION: Option<(&str, &str)> = Some(({:?}, include_str!({:?})));\n",
                p.display().to_string(),
                p.display().to_string()
            ));
        }
        None => code.push_str("pub static GAZETTEER_EXTENSION: Option<(&str, &str)> = None;\n"),
    }
    let out =
        Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("bundled_reports.rs");
    if let Err(e) = fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
    languages(&root);
}

/// Every `src/lang/<code>.toml` is a language: adding one is adding its file.
fn languages(root: &str) {
    let dir = Path::new(root).join("src").join("lang");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    let mut code =
        String::from("/// The languages of `src/lang/`: (code, lexicon TOML), by code.\n");
    code.push_str(&format!(
        "pub(crate) static SOURCES: [(&str, &str); {}] = [\n",
        files.len()
    ));
    for p in &files {
        println!("cargo:rerun-if-changed={}", p.display());
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        code.push_str(&format!(
            "    ({stem:?}, include_str!({:?})),\n",
            p.display().to_string()
        ));
    }
    code.push_str("];\n");
    code.push_str(&format!(
        "impl Lang {{\n    /// Every language, in order of code.\n    pub const ALL: [Lang; {}] = [{}];\n}}\n",
        files.len(),
        (0..files.len())
            .map(|i| format!("Lang({i})"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("languages.rs");
    if let Err(e) = fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
