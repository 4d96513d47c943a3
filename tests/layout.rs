//! The layout's rules. Only deck-web (`web/`) touches the browser through the bindings: the app
//! (`src/`), the stage (`stage/src`) and the core (`core/src`) name none of `web_sys`, `js_sys` or
//! `wasm_bindgen` (Leptos hands the app its events; everything else goes through deck-web), and
//! neither the core nor the app and the stage depend on them. Tests may. And within each crate,
//! imports run one way: no cycle between its files, nor between its folders (Cargo already
//! forbids cycles between the crates).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
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

/// A module's path in its crate, from its file: `lib.rs` is `[]`, `views/mod.rs` and `views.rs`
/// are `["views"]`, `views/help.rs` is `["views", "help"]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut path: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(path.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        path.pop();
    }
    path
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The leading `a::b::c` of `text`, as segments.
fn leading_path(text: &str) -> Vec<String> {
    let end = text.find(|c: char| !is_ident(c) && c != ':').unwrap_or(text.len());
    text[..end].split("::").filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// The module paths a file at `module` refers to through `crate::` and `super::` (a group
/// `crate::{a, b::c}` gives each of its items). Comments are skipped.
fn references(source: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        for (prefix, base) in
            [("crate::", Vec::new()), ("super::", module[..module.len().saturating_sub(1)].to_vec())]
        {
            for (at, _) in code.match_indices(prefix) {
                if code[..at].ends_with(is_ident) {
                    continue;
                }
                let rest = &code[at + prefix.len()..];
                let items: Vec<&str> = match rest.strip_prefix('{') {
                    // One level of grouping is all the sources use; a nested group's prefix counts.
                    Some(group) => group.split('}').next().unwrap_or_default().split(',').collect(),
                    None => vec![rest],
                };
                for item in items {
                    let mut path = base.clone();
                    path.extend(leading_path(item.trim()));
                    found.push(path);
                }
            }
        }
    }
    found
}

/// The first cycle in a graph of named nodes, as the nodes along it (the first one repeated).
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        trail: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = trail.iter().position(|n| n == node) {
            let mut cycle = trail[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        trail.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, done, trail) {
                return Some(cycle);
            }
        }
        trail.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|node| visit(node, edges, &mut done, &mut Vec::new()))
}

/// A crate's imports between its files (modules) and between its folders (top-level modules).
fn import_graphs(src: &Path) -> (BTreeMap<String, BTreeSet<String>>, BTreeMap<String, BTreeSet<String>>) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeMap<Vec<String>, &PathBuf> = files.iter().map(|f| (module_path(src, f), f)).collect();
    let (mut by_file, mut by_folder) = (BTreeMap::new(), BTreeMap::new());
    for (module, file) in &modules {
        let name = module.join("::");
        by_file.entry(name.clone()).or_insert_with(BTreeSet::new);
        for path in references(&read(file), module) {
            // The longest prefix that is a module of the crate: `crate::views::help::help` is
            // `views::help`'s. The crate's root (what `lib.rs` re-exports) is not an import.
            let Some(target) = (1..=path.len()).rev().map(|n| &path[..n]).find(|p| modules.contains_key(*p))
            else {
                continue;
            };
            if target == module.as_slice() || target.starts_with(module) || module.starts_with(target) {
                continue;
            }
            by_file.get_mut(&name).unwrap().insert(target.join("::"));
            let (from, to) = (module[0].clone(), target[0].clone());
            if from != to {
                by_folder.entry(from).or_insert_with(BTreeSet::new).insert(to);
            }
        }
    }
    (by_file, by_folder)
}

#[test]
fn imports_run_one_way_within_each_crate() {
    let mut edges = 0;
    for dir in ["src", "web/src", "core/src", "stage/src", "compiler/src", "page/src"] {
        let (by_file, by_folder) = import_graphs(&root().join(dir));
        edges += by_file.values().map(BTreeSet::len).sum::<usize>();
        assert_eq!(find_cycle(&by_file), None, "a cycle between the files of {dir}");
        assert_eq!(find_cycle(&by_folder), None, "a cycle between the folders of {dir}");
    }
    assert!(edges > 30, "the walk found the imports ({edges})");
}

#[test]
fn the_checks_can_fail() {
    let module = vec!["views".to_string(), "speaker".to_string()];
    let found = references(
        "use crate::{session::Session, views::help};\nsuper::pace::panel(); // crate::gone\n",
        &module,
    );
    let found: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    assert_eq!(found, ["session::Session", "views::help", "views::pace::panel"]);
    let graph = |pairs: &[(&str, &str)]| {
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in pairs {
            edges.entry(from.to_string()).or_default().insert(to.to_string());
        }
        edges
    };
    assert_eq!(find_cycle(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])), None);
    assert_eq!(
        find_cycle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])),
        Some(vec!["a".to_string(), "b".to_string(), "c".to_string(), "a".to_string()])
    );

    let source = "use web_sys::Element;\nlet d = js_sys::Date::now();\n// my_web_sys_thing\nuse wasm_bindgen_futures::JsFuture;";
    assert_eq!(named_bindings(source), vec![(1, "web_sys"), (2, "js_sys"), (4, "wasm_bindgen")]);
    let manifest = "[dependencies]\nweb-sys = { version = \"0.3\" }\nserde = \"1\"\n\n[dev-dependencies]\njs-sys = \"0.3\"\n";
    assert_eq!(binding_dependencies(manifest, Some("[dependencies]")), vec!["web-sys"]);
    assert_eq!(binding_dependencies(manifest, None), vec!["web-sys", "js-sys"]);
}
