//! The layout's one rule about the browser: only deck-web (`web/`) touches it through the
//! bindings. The app (`src/`), the stage (`stage/src`) and the core (`core/src`) name none of
//! `web_sys`, `js_sys` or `wasm_bindgen` (Leptos hands the app its events; everything else goes
//! through deck-web), and neither the core nor the app and the stage depend on them. Tests may.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

const BINDINGS: [&str; 3] = ["web_sys", "js_sys", "wasm_bindgen"];
const BINDING_CRATES: [&str; 3] = ["web-sys", "js-sys", "wasm-bindgen"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The bindings a Rust source names, with the line each is on (`wasm_bindgen_futures` counts).
fn named_bindings(source: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        for name in BINDINGS {
            let named = line
                .match_indices(name)
                .any(|(at, _)| !line[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
            if named {
                found.push((n + 1, name));
            }
        }
    }
    found
}

/// The binding crates a Cargo.toml's section (`[dependencies]`, or every section with `None`) names.
fn binding_dependencies(manifest: &str, section: Option<&str>) -> Vec<&'static str> {
    let mut current = String::new();
    let mut found = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            current = line.to_string();
            continue;
        }
        if section.is_some_and(|s| s != current) {
            continue;
        }
        let key = line.split(['=', '.', ' ']).next().unwrap_or_default().trim_matches('"');
        found.extend(BINDING_CRATES.iter().filter(|c| **c == key));
    }
    found
}

#[test]
fn only_the_web_crate_names_the_browsers_bindings() {
    let mut files = Vec::new();
    for dir in ["src", "stage/src", "core/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    assert!(files.len() > 10, "the walk found the sources: {files:?}");
    let offences: Vec<String> = files
        .iter()
        .flat_map(|file| {
            let shown = file.strip_prefix(root()).unwrap().display().to_string();
            named_bindings(&read(file)).into_iter().map(move |(line, name)| format!("{shown}:{line}: {name}"))
        })
        .collect();
    assert!(
        offences.is_empty(),
        "only web/ may name the browser's bindings; deck_web has a function for it:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_core_the_stage_and_the_app_do_not_depend_on_the_bindings() {
    let core = binding_dependencies(&read(&root().join("core/Cargo.toml")), None);
    assert!(core.is_empty(), "core/Cargo.toml depends on {core:?}");
    let stage = binding_dependencies(&read(&root().join("stage/Cargo.toml")), None);
    assert!(stage.is_empty(), "stage/Cargo.toml depends on {stage:?}");
    let app = binding_dependencies(&read(&root().join("Cargo.toml")), Some("[dependencies]"));
    assert!(
        app.is_empty(),
        "the app's [dependencies] name {app:?} (the browser tests' dev-dependencies may)"
    );
    // And they are where they belong: deck-web depends on all three.
    let mut web = binding_dependencies(&read(&root().join("web/Cargo.toml")), Some("[dependencies]"));
    web.sort_unstable();
    assert_eq!(web, ["js-sys", "wasm-bindgen", "web-sys"], "web/Cargo.toml's [dependencies]");
}

#[test]
fn the_checks_can_fail() {
    let source = "use web_sys::Element;\nlet d = js_sys::Date::now();\n// my_web_sys_thing\nuse wasm_bindgen_futures::JsFuture;";
    assert_eq!(named_bindings(source), vec![(1, "web_sys"), (2, "js_sys"), (4, "wasm_bindgen")]);
    let manifest = "[dependencies]\nweb-sys = { version = \"0.3\" }\nserde = \"1\"\n\n[dev-dependencies]\njs-sys = \"0.3\"\n";
    assert_eq!(binding_dependencies(manifest, Some("[dependencies]")), vec!["web-sys"]);
    assert_eq!(binding_dependencies(manifest, None), vec!["web-sys", "js-sys"]);
}
