//! The size budget: bytes are deterministic, so unlike timings they may fail the test command.
//! Reads the release bundle's brotli copies (`.ci/deck build` writes them). The engine budget is a
//! ratchet: the size measured when it was last set plus a little room; lowering it is progress,
//! raising it is a decision to record in BENCHMARKS.md. Needs dist/: run by `.ci/deck test`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;

/// wasm + JS + HTML (the CSS is inside the HTML), brotli. BENCHMARKS.md: measured 201,393 on
/// 2026-12-01, once the page carried the whole talk (the wasm still does too, until it adopts the page).
const ENGINE_BROTLI_BUDGET: u64 = 201_500;
/// index.html (with the whole talk as text) and slide 1's pictures, brotli: what the first slide needs.
const FIRST_SLIDE_BROTLI_BUDGET: u64 = 10_800;

fn brotli_size(dist: &Path, name: &str) -> u64 {
    let br = dist.join(format!("{name}.br"));
    std::fs::metadata(&br)
        .unwrap_or_else(|e| {
            panic!("{}: {e} (build with `.ci/deck build`, which writes the .br copies)", br.display())
        })
        .len()
}

#[test]
#[ignore = "needs dist/ from `.ci/deck build`: run by `.ci/deck test`"]
fn the_engine_and_the_first_slide_fit_their_budgets() {
    let dist = support::dist();
    let names: Vec<String> = std::fs::read_dir(&dist)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| support::is_engine_file(n))
        .collect();
    assert!(names.iter().any(|n| n.ends_with(".wasm")), "no wasm in {}", dist.display());
    let engine: u64 = names.iter().map(|n| brotli_size(&dist, n)).sum();

    let page = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let pictures: u64 = support::first_slide_pictures(&page).iter().map(|src| brotli_size(&dist, src)).sum();
    let first = brotli_size(&dist, "index.html") + pictures;

    println!("engine {engine} B brotli ({names:?}); first slide {first} B brotli");
    assert!(engine <= ENGINE_BROTLI_BUDGET, "engine {engine} B brotli > budget {ENGINE_BROTLI_BUDGET} B");
    assert!(
        first <= FIRST_SLIDE_BROTLI_BUDGET,
        "first slide {first} B brotli > budget {FIRST_SLIDE_BROTLI_BUDGET} B"
    );
}
