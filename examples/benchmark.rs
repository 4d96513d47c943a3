//! The deck's benchmark (not a test: it never fails on a timing). Run by `.ci/deck bench`, which
//! builds the release and its .gz/.br copies first. It measures two targets with the same probes,
//! in the same run, phase by phase, each in a Chromium of its own:
//!
//! - ours: `dist/`, served through real nginx with `deploy/nginx/cppg-deck.conf` (brotli, as a
//!   host would);
//! - Marp: the same talk (`content/talk.md` through the content compiler) written as Marp Markdown
//!   and converted by Marp CLI into one HTML file (see `benchmark/marp.rs`), served by a second
//!   nginx with the same server block; `BENCH_NO_MARP=1` leaves it out.
//!
//! For each, over CDP in headless Chromium:
//!
//! - bytes: raw, gzip and brotli of every file, engine against images, and what the first slide needs;
//! - a cold load on Slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up) with 4× CPU slowdown, 5 runs:
//!   first paint (the title slide), LCP, the app's start, interactive (a key press moves the
//!   slide), layout shift;
//! - key press → next painted frame over 200 presses, unthrottled and at 4× CPU, with the layouts
//!   each press costs;
//! - JS heap and wasm memory before and after 2,000 slide changes (after one warm-up pass);
//! - Lighthouse 12 (mobile) scores, and its simulated FCP and LCP, when `lighthouse` is on PATH
//!   (`BENCH_NO_LIGHTHOUSE=1` skips it);
//! - ours only: the pointer mirrored between windows, and what drawing leaves in memory.
//!
//! Prints a table (ours, Marp, and ours ÷ Marp for each timing) and writes
//! `target/benchmark.json` (or `BENCH_JSON`): ours at the top level, Marp's in `marp`, same shape.

#[path = "../tests/support/mod.rs"]
mod support;

#[path = "benchmark/marp.rs"]
mod marp;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::{Browser, Nginx};

const RUNS: usize = 5;
const PRESSES: usize = 200;
const CHANGES: usize = 2000;

/// What the benchmark needs to know of a deck to measure it; every probe reads the deck through
/// this alone, so both decks go through the same code.
struct Target {
    /// `ours` or `Marp`.
    name: &'static str,
    /// The page's URL.
    base: &'static str,
    /// The directory served there (for the bytes).
    dir: PathBuf,
    /// Which part of the deck each file is (`page`, `loader`, `stage`, `app`), or none.
    tier_of: fn(&str) -> Option<&'static str>,
    /// The pictures the first slide needs.
    first_pictures: Vec<String>,
    /// The address of the first slide, without a fragment shown.
    first: &'static str,
    /// JS: a function that returns the place on screen, `"slide/fragments shown"` (1-based slide),
    /// or `""` before the deck shows a slide. It is what "interactive" and "moved" compare.
    place: &'static str,
    /// JS: true once the deck is loaded and presenting (keys work).
    ready: &'static str,
    /// JS run before the page's own scripts: set `window.__bench.started` (ms) when the app
    /// starts, and `window.__bench.wasmMemory` to a function that returns its wasm memory's bytes.
    hooks: &'static str,
    /// Whether it runs WebAssembly (its memory is measured, and must be found).
    wasm: bool,
}

impl Target {
    fn ours(base: &'static str, dist: &Path) -> Target {
        let page = std::fs::read_to_string(dist.join("index.html")).unwrap();
        Target {
            name: "ours",
            base,
            dir: dist.to_path_buf(),
            tier_of: support::tier_of,
            first_pictures: support::first_slide_pictures(&page),
            first: "#/1",
            // The current slide and how many of its fragments show (the address follows a frame
            // later, in idle time, so it is not the signal).
            place: "() => { const slide = document.querySelector('#talk section.slide.current'); \
                    return slide ? slide.dataset.index + '/' + slide.querySelectorAll('.fragment.shown').length : ''; }",
            ready: "document.documentElement.classList.contains('live')",
            hooks: "addEventListener('TrunkApplicationStarted', e => { window.__bench.started = performance.now(); \
                    const wasm = e.detail.wasm; window.__bench.wasmMemory = () => wasm.memory.buffer.byteLength; });",
            wasm: true,
        }
    }

    fn marp(base: &'static str, site: &Path) -> Target {
        let first = &support::TALK.slides[0];
        let mut first_pictures = Vec::new();
        for block in &first.body {
            match block {
                talk_compiler::Block::Figure { src, .. } => first_pictures.push(src.clone()),
                talk_compiler::Block::Paragraph(inlines) => {
                    first_pictures.extend(inlines.iter().filter_map(|i| match i {
                        talk_compiler::Inline::Image { src, .. } => Some(src.clone()),
                        _ => None,
                    }))
                }
                _ => {}
            }
        }
        Target {
            name: "Marp",
            base,
            dir: site.to_path_buf(),
            // One file: the page is all of Marp's engine.
            tier_of: |name| (name == "index.html").then_some("page"),
            first_pictures,
            first: "#1",
            // Marp's bespoke template marks the slide it shows with `bespoke-marp-active` (its CSS
            // shows that one and hides the others) and each fragment with
            // `data-bespoke-marp-fragment="active"` or `"inactive"` (hidden).
            place: "() => { const slides = [...document.querySelectorAll('svg.bespoke-marp-slide')]; \
                    const s = slides.find(s => s.classList.contains('bespoke-marp-active')); \
                    return s ? (slides.indexOf(s) + 1) + '/' + s.querySelectorAll('[data-bespoke-marp-fragment=active]').length : ''; }",
            ready: "!!document.querySelector('svg.bespoke-marp-slide.bespoke-marp-active')",
            // One inline script, no app start to mark.
            hooks: "",
            wasm: false,
        }
    }

    /// The probe every page of this target gets (see [`PROBE`]).
    fn probe(&self) -> String {
        PROBE.replace("/*PLACE*/", self.place).replace("/*HOOKS*/", self.hooks)
    }
}

/// Injected before every page: timings the page cannot give afterwards, and the "interactive"
/// probe, which presses → from the first moment and notes when the slide moves. A key press is
/// dispatched where a real one goes: at the focused element (the body, or the document before
/// there is one), bubbling to the document and the window (Marp listens on the document, we on
/// the window).
const PROBE: &str = r#"
window.__bench = { started: null, moved: 0, lcp: 0, shift: 0, wasmMemory: null };
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__bench.lcp = e.startTime; })
  .observe({ type: 'largest-contentful-paint', buffered: true });
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__bench.shift += e.value; })
  .observe({ type: 'layout-shift', buffered: true });
/*HOOKS*/
window.__benchPlace = /*PLACE*/;
window.__benchKey = key => (document.activeElement || document.body || document)
  .dispatchEvent(new KeyboardEvent('keydown', { key, code: key, bubbles: true }));
// (about:blank, between loads, has no storage.)
if (location.origin !== 'null' && sessionStorage.getItem('bench-probe') === 'on') {
  const poke = () => {
    const place = window.__benchPlace();
    if (place && place !== '1/0') { window.__bench.moved = performance.now(); return; }
    window.__benchKey('ArrowRight');
    setTimeout(poke, 4);
  };
  poke();
}
"#;

/// Presses → (or ← at the end) `n` times, each at a random moment of a frame, as a person's
/// presses fall. For each press that moved the deck it records, in milliseconds:
/// - `wall`: from the key event until the next frame is painted (rAF, then a task after it),
///   waiting for the display's next frame included;
/// - `work`: the same without that wait: the key's handling (until a task after its microtasks,
///   where Leptos updates the DOM) plus the frame's own rendering (rAF until after paint).
const PRESS_LOOP: &str = r#"
const n = arguments[0];
return (async () => {
  const task = () => new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(performance.now()); c.port2.postMessage(0); });
  const frame = () => new Promise(r => requestAnimationFrame(() => { const t = performance.now(); setTimeout(() => r([t, performance.now()]), 0); }));
  const wall = [], work = []; let forward = true; let guard = 0;
  while (wall.length < n && guard++ < n * 3) {
    await new Promise(r => setTimeout(r, Math.random() * 16));
    const before = window.__benchPlace();
    const key = forward ? 'ArrowRight' : 'ArrowLeft';
    const t0 = performance.now();
    window.__benchKey(key);
    const handled = await task();
    const [raf, painted] = await frame();
    if (window.__benchPlace() === before) { forward = !forward; continue; }
    wall.push(painted - t0);
    work.push((handled - t0) + (painted - raf));
  }
  return { wall, work };
})();
"#;

/// A target being measured: its browser, and its report so far.
struct Session {
    t: Target,
    b: Browser,
    report: serde_json::Map<String, Value>,
    _server: Nginx,
}

impl Session {
    async fn start(t: Target, server: Nginx) -> Session {
        let b = Browser::start_at(t.base, 1280, 720).await;
        b.client
            .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                Some(Duration::from_secs(300)),
                Some(Duration::from_secs(120)),
                None,
            ))
            .await
            .unwrap();
        b.before_each_load(&t.probe()).await;
        let report = serde_json::Map::new();
        Session { t, b, report, _server: server }
    }

    fn put(&mut self, key: &str, value: Value) {
        self.report.insert(key.into(), value);
    }

    /// Leaves the deck, so that an idle page does not run beside the other target's measurement.
    async fn park(&self) {
        self.b.client.goto("about:blank").await.unwrap();
    }
}

#[tokio::main]
async fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dist = support::dist();
    let nginx = Nginx::start();
    let ours = Target::ours(nginx.base, &dist);
    let mut sessions = vec![Session::start(ours, nginx).await];
    let marp_skipped = std::env::var_os("BENCH_NO_MARP").is_some();
    let mut marp_version = Value::Null;
    if !marp_skipped {
        let site = marp::build(&support::TALK, &root.join("public"), &root.join("target/marp"));
        let page = std::fs::read_to_string(site.join("index.html")).unwrap();
        let hashes = marp::inline_script_hashes(&page);
        let server = Nginx::serve(&site, &|conf| marp::policy_for(conf, &hashes));
        let t = Target::marp(server.base, &site);
        marp_version = json!(marp::version());
        sessions.push(Session::start(t, server).await);
    }

    for s in &mut sessions {
        let bytes = measure_bytes(&s.t);
        s.put("bytes", bytes);
    }
    // `BENCH_ONLY=load,keys,memory,ink,lighthouse` runs only those phases (for a quick look at
    // one figure while working; a recorded run runs them all).
    let only = std::env::var("BENCH_ONLY").ok();
    let runs = |phase: &str| only.as_deref().is_none_or(|o| o.split(',').any(|p| p.trim() == phase));
    // Phase by phase, one target after the other, so that both meet the machine's same moods.
    for s in sessions.iter_mut().filter(|_| runs("load")) {
        let v = cold_loads(&s.b, &s.t).await;
        s.put("cold_load_slow_4g_4x_cpu", v);
        s.park().await;
    }
    for cpu in [1.0, 4.0].into_iter().filter(|_| runs("keys")) {
        for s in &mut sessions {
            let v = key_latency(&s.b, &s.t, cpu).await;
            s.put(if cpu == 1.0 { "key_to_frame_unthrottled" } else { "key_to_frame_4x_cpu" }, v);
            s.park().await;
        }
    }
    for s in sessions.iter_mut().filter(|_| runs("memory")) {
        let v = memory_growth(&s.b, &s.t).await;
        s.put("memory", v);
        s.park().await;
    }
    if runs("ink") {
        let ink = ink(&sessions[0].b, &sessions[0].t).await;
        sessions[0].put("pointer_and_pen", ink);
        sessions[0].park().await;
    }
    for s in sessions.iter_mut().skip(1) {
        s.put("pointer_and_pen", json!({ "error": "n/a: Marp has no pointer or pen" }));
    }
    for s in &mut sessions {
        let v = if std::env::var_os("BENCH_NO_LIGHTHOUSE").is_some() || !runs("lighthouse") {
            json!({ "error": "skipped (BENCH_NO_LIGHTHOUSE)" })
        } else {
            lighthouse(s.t.base, s.t.name)
        };
        s.put("lighthouse_mobile", v);
    }
    for s in sessions.iter_mut() {
        // A page that is not the deck's (the 404 the probe's switch is set on, Marp's missing
        // favicon) is not an error of the deck.
        let errors: Vec<String> =
            s.b.console_errors().await.into_iter().filter(|e| !e.contains("status of 404")).collect();
        if !errors.is_empty() {
            eprintln!("console errors ({}):\n  {}", s.t.name, errors.join("\n  "));
        }
    }

    let mut reports = Vec::new();
    for s in sessions {
        s.b.client.close().await.unwrap();
        reports.push(s.report);
    }
    let mut reports = reports.into_iter();
    let mut report = reports.next().unwrap();
    let marp = match reports.next() {
        Some(mut m) => {
            m.insert("marp_cli".into(), marp_version);
            Value::Object(m)
        }
        None => json!({ "error": "skipped (BENCH_NO_MARP)" }),
    };
    report.insert("date".into(), json!(command_output("date", &["-u", "+%Y-%m-%d %H:%M UTC"])));
    report.insert("machine".into(), machine());
    report.insert("marp".into(), marp);
    let report = Value::Object(report);
    print_report(&report);
    let out = std::env::var("BENCH_JSON").unwrap_or_else(|_| "target/benchmark.json".into());
    std::fs::write(&out, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    println!("\nJSON: {out}");
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Raw, gzip and brotli bytes (the .gz and .br copies `.ci/deck build` writes; raw when a file
/// has none, as PNGs do not compress).
fn sizes(path: &Path) -> [u64; 3] {
    let with = |ext: &str| {
        let p = path.with_file_name(format!("{}.{ext}", path.file_name().unwrap().to_string_lossy()));
        if p.is_file() {
            size(&p)
        } else {
            size(path)
        }
    };
    [size(path), with("gz"), with("br")]
}

fn measure_bytes(t: &Target) -> Value {
    let dist = &t.dir;
    let mut files = Vec::new();
    collect(dist, dist, &mut files);
    files.sort();
    let mut groups: std::collections::BTreeMap<&str, [u64; 3]> = Default::default();
    let mut rows = Vec::new();
    for name in &files {
        let s = sizes(&dist.join(name));
        let group = if let Some(tier) = (t.tier_of)(name) {
            tier
        } else if name.starts_with("images/") {
            "slide images"
        } else {
            "other (icons, manifest, service worker, preview)"
        };
        let g = groups.entry(group).or_default();
        for i in 0..3 {
            g[i] += s[i];
        }
        rows.push(json!({ "file": name, "group": group, "raw": s[0], "gzip": s[1], "brotli": s[2] }));
    }
    // The critical path (every byte before the first press moves the slide) and everything but
    // pictures, from the parts.
    let sum = |parts: &[&str]| {
        let mut total = [0u64; 3];
        for part in parts {
            for (t, g) in total.iter_mut().zip(groups.get(part).copied().unwrap_or_default()) {
                *t += g;
            }
        }
        total
    };
    let critical = sum(&["page", "loader", "stage"]);
    let everything = sum(&["page", "loader", "stage", "app"]);
    groups.insert("critical path (page, loader, stage)", critical);
    groups.insert("everything but images", everything);
    // Before the first slide shows: the page (its CSS inline) and slide 1's pictures.
    let mut first = sizes(&dist.join("index.html"));
    for src in &t.first_pictures {
        let s = sizes(&dist.join(src));
        for i in 0..3 {
            first[i] += s[i];
        }
    }
    json!({
        "files": rows,
        "groups": groups.iter().map(|(k, v)| json!({ "group": k, "raw": v[0], "gzip": v[1], "brotli": v[2] })).collect::<Vec<_>>(),
        "before_first_slide": { "raw": first[0], "gzip": first[1], "brotli": first[2] },
    })
}

fn collect(dir: &Path, root: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name.ends_with(".gz") || name.ends_with(".br") {
            continue;
        }
        if path.is_dir() {
            collect(&path, root, out);
        } else {
            out.push(path.strip_prefix(root).unwrap().to_string_lossy().to_string());
        }
    }
}

async fn throttle(b: &Browser, network: bool, cpu: f64) {
    b.cdp("Network.enable", json!({})).await;
    let conditions = if network {
        json!({ "offline": false, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 93_750 })
    } else {
        json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 })
    };
    b.cdp("Network.emulateNetworkConditions", conditions).await;
    b.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": cpu })).await;
}

/// A first visit: no HTTP cache, no service worker, no storage.
async fn forget_everything(b: &Browser) {
    b.client.goto("about:blank").await.unwrap();
    let origin = b.base.trim_end_matches('/');
    b.cdp("Storage.clearDataForOrigin", json!({ "origin": origin, "storageTypes": "all" })).await;
    b.cdp("Network.clearBrowserCache", json!({})).await;
}

/// Loads the deck afresh at `hash` (a real page load, not a same-page hash change), and waits
/// until it presents.
async fn open(b: &Browser, t: &Target, hash: &str) {
    b.client.goto("about:blank").await.unwrap();
    b.client.goto(&format!("{}{}", t.base, hash)).await.unwrap();
    b.wait_until(&format!("{} to present", t.name), &format!("return {}", t.ready)).await;
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    v[v.len() / 2]
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    v[((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1]
}

async fn cold_loads(b: &Browser, t: &Target) -> Value {
    let mut runs = Vec::new();
    for _ in 0..RUNS {
        forget_everything(b).await;
        // The probe presses keys from the start: switched on through sessionStorage of the origin
        // (set on a page of the origin that is not the deck: the server's 404).
        b.client.goto(&format!("{}bench-origin", t.base)).await.unwrap();
        b.eval::<Value>("sessionStorage.setItem('bench-probe', 'on'); return null").await;
        throttle(b, true, 4.0).await;
        b.client.goto(t.base).await.unwrap();
        b.wait_until("the probe to move the slide", "return window.__bench && window.__bench.moved > 0")
            .await;
        let run: Value = b
            .eval(
                "const p = performance.getEntriesByName('first-contentful-paint')[0]; \
                 const nav = performance.getEntriesByType('navigation')[0]; \
                 return { fcp: p ? p.startTime : null, lcp: window.__bench.lcp, started: window.__bench.started, \
                          interactive: window.__bench.moved, shift: window.__bench.shift, \
                          html_done: nav ? nav.responseEnd : null, \
                          dom_interactive: nav ? nav.domInteractive : null, \
                          scripts: performance.getEntriesByType('resource').filter(e => /\\.(js|wasm)$/.test(e.name)) \
                            .map(e => [e.name.split('/').pop().replace(/-[0-9a-f]{16}/, ''), Math.round(e.startTime), Math.round(e.responseEnd)]), \
                          marks: performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)]) }",
            )
            .await;
        b.eval::<Value>("sessionStorage.removeItem('bench-probe'); return null").await;
        throttle(b, false, 1.0).await;
        runs.push(run);
    }
    let pick = |key: &str| -> f64 {
        let mut v: Vec<f64> = runs.iter().filter_map(|r| r[key].as_f64()).collect();
        median(&mut v)
    };
    json!({
        "runs": runs,
        "median_ms": {
            "first_paint_title_visible": pick("fcp"),
            "lcp": pick("lcp"),
            "app_started": pick("started"),
            "interactive": pick("interactive"),
        },
        "max_layout_shift": runs.iter().filter_map(|r| r["shift"].as_f64()).fold(0.0, f64::max),
    })
}

async fn key_latency(b: &Browser, t: &Target, cpu: f64) -> Value {
    throttle(b, false, 1.0).await;
    open(b, t, t.first).await;
    // One pass there and back first, as in a rehearsal: pictures fetched and decoded, views built.
    b.client.execute(PRESS_LOOP, vec![json!(2 * steps())]).await.unwrap();
    throttle(b, false, cpu).await;
    b.cdp("Performance.enable", json!({})).await;
    let before = b.cdp("Performance.getMetrics", json!({})).await;
    let value = b.client.execute(PRESS_LOOP, vec![json!(PRESSES)]).await.unwrap();
    let after = b.cdp("Performance.getMetrics", json!({})).await;
    throttle(b, false, 1.0).await;
    let series =
        |key: &str| -> Vec<f64> { value[key].as_array().unwrap().iter().filter_map(Value::as_f64).collect() };
    let (mut work, mut wall) = (series("work"), series("wall"));
    let metric = |m: &Value, name: &str| {
        m["metrics"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["name"] == name))
            .and_then(|x| x["value"].as_f64())
    };
    let per_press = |name: &str| {
        let d = metric(&after, name).unwrap_or(0.0) - metric(&before, name).unwrap_or(0.0);
        d / work.len().max(1) as f64
    };
    let (layouts, styles) = (per_press("LayoutCount"), per_press("RecalcStyleCount"));
    let ms_per_press = |name: &str| per_press(name) * 1000.0;
    let (script, style_ms, layout_ms) =
        (ms_per_press("ScriptDuration"), ms_per_press("RecalcStyleDuration"), ms_per_press("LayoutDuration"));
    json!({
        "cpu_slowdown": cpu,
        "presses": work.len(),
        "work_median_ms": median(&mut work),
        "work_p95_ms": percentile(&mut work, 0.95),
        "work_max_ms": work.iter().copied().fold(0.0, f64::max),
        "wall_median_ms": median(&mut wall),
        "wall_p95_ms": percentile(&mut wall, 0.95),
        "wall_max_ms": wall.iter().copied().fold(0.0, f64::max),
        "layouts_per_press": layouts,
        "style_recalcs_per_press": styles,
        "script_ms_per_press": script,
        "style_ms_per_press": style_ms,
        "layout_ms_per_press": layout_ms,
    })
}

/// Slide-and-fragment steps in the talk.
fn steps() -> usize {
    support::TALK.slides.iter().map(|s| usize::from(s.steps) + 1).sum()
}

/// The JS heap after a forced GC, and the wasm memory (`None` for a deck without wasm).
async fn heap_and_wasm(b: &Browser, t: &Target) -> (f64, Option<f64>) {
    b.cdp("HeapProfiler.collectGarbage", json!({})).await;
    let heap = b.cdp("Runtime.getHeapUsage", json!({})).await;
    let wasm: Option<f64> =
        b.eval("return window.__bench.wasmMemory ? window.__bench.wasmMemory() : null").await;
    assert!(
        wasm.is_some() || !t.wasm,
        "{}'s wasm memory is not reachable: the target's `hooks` must set window.__bench.wasmMemory",
        t.name
    );
    (heap["usedSize"].as_f64().unwrap_or(f64::NAN), wasm)
}

async fn memory_growth(b: &Browser, t: &Target) -> Value {
    throttle(b, false, 1.0).await;
    open(b, t, t.first).await;
    let measure = || heap_and_wasm(b, t);
    // One pass there and back first: what is allocated once (views, caches) is not growth.
    b.client.execute(PRESS_LOOP, vec![json!(2 * steps())]).await.unwrap();
    let (heap0, wasm0) = measure().await;
    b.client.execute(PRESS_LOOP, vec![json!(CHANGES)]).await.unwrap();
    let (heap1, wasm1) = measure().await;
    json!({
        "changes": CHANGES,
        "js_heap_before": heap0, "js_heap_after": heap1, "js_heap_growth": heap1 - heap0,
        "wasm_memory_before": wasm0, "wasm_memory_after": wasm1,
        "wasm_memory_growth": wasm0.zip(wasm1).map(|(a, b)| b - a),
    })
}

/// Moves the pointer `n` times over the speaker view's slide, one move a frame, and returns when
/// each was made (epoch ms) by the `cx` the other window will draw it at.
const POINTER_LOOP: &str = r#"
const [n, done] = arguments;
const layer = document.querySelector('.speaker-current .ink'), sent = {};
let i = 0;
const step = () => {
  if (i === n) return done(sent);
  const r = layer.getBoundingClientRect(), fx = (i + 1) / (n + 2);
  sent[String(Math.trunc(fx * 1600))] = performance.timeOrigin + performance.now();
  layer.dispatchEvent(new PointerEvent('pointermove', { clientX: r.x + fx * r.width, clientY: r.y + r.height / 2, bubbles: true }));
  i++;
  requestAnimationFrame(step);
};
requestAnimationFrame(step);
"#;

/// `strokes` strokes of six points each, cleared every 100 (a slide's most), then `moves` pointer
/// moves, on the audience's stage.
const INK_LOOP: &str = r#"
const [strokes, moves, done] = arguments;
const layer = document.querySelector('.ink-frame .ink');
const key = k => dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
const at = (type, fx, fy) => {
  const r = layer.getBoundingClientRect();
  layer.dispatchEvent(new PointerEvent(type, { clientX: r.x + fx * r.width, clientY: r.y + fy * r.height, bubbles: true, pressure: 0.5, pointerId: 1 }));
};
key('d');
for (let s = 0; s < strokes; s++) {
  const y = (s % 100) / 100;
  at('pointerdown', 0.1, y);
  for (let k = 1; k <= 5; k++) at('pointermove', 0.1 + k * 0.1, y);
  at('pointerup', 0.6, y);
  if (s % 100 === 99) key('c');
}
key('d');
document.querySelector('.controls .pointer-toggle').click();
for (let m = 0; m < moves; m++) at('pointermove', (m % 997) / 997, (m % 491) / 491);
key('Escape');
setTimeout(() => done(document.querySelectorAll('.ink path').length), 0);
"#;

/// The pointer mirrored from the speaker view to the audience (when the audience's page has
/// drawn it: a mutation, in the same browser), and what drawing and pointing leave in memory.
async fn ink(b: &Browser, t: &Target) -> Value {
    throttle(b, false, 1.0).await;
    open(b, t, "#/2").await;
    let audience = b.client.window().await.unwrap();
    let speaker = b.client.new_window(false).await.unwrap().handle;
    b.client.switch_to_window(speaker.clone()).await.unwrap();
    open(b, t, "?view=speaker#/2").await;
    b.client.switch_to_window(audience.clone()).await.unwrap();
    b.eval::<Value>(
        "window.__seen = {}; const svg = document.querySelector('.ink-frame svg'); \
         new MutationObserver(() => { const c = svg.querySelector('.laser'); if (c) { const x = c.getAttribute('cx'); if (!(x in window.__seen)) window.__seen[x] = performance.timeOrigin + performance.now(); } }) \
           .observe(svg, { subtree: true, childList: true, attributes: true }); return null",
    )
    .await;
    b.client.switch_to_window(speaker.clone()).await.unwrap();
    b.eval::<Value>("document.querySelector('.speaker-controls .pointer-toggle').click(); return null").await;
    let sent = b.client.execute_async(POINTER_LOOP, vec![json!(200)]).await.unwrap();
    b.client.switch_to_window(audience.clone()).await.unwrap();
    let seen: Value = b.eval("return window.__seen").await;
    let mut delays: Vec<f64> = sent
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(x, t)| Some(seen.get(x)?.as_f64()? - t.as_f64()?))
        .collect();
    delays.sort_by(f64::total_cmp);
    let pick = |q: f64| delays.get(((delays.len() as f64 - 1.0) * q).round() as usize).copied();
    b.client.switch_to_window(speaker).await.unwrap();
    b.client.close_window().await.unwrap();
    b.client.switch_to_window(audience).await.unwrap();

    let measure = || heap_and_wasm(b, t);
    open(b, t, "#/2").await;
    // Once first: what is allocated once is not growth.
    b.client.execute_async(INK_LOOP, vec![json!(100), json!(1000)]).await.unwrap();
    let (heap0, wasm0) = measure().await;
    let left = b.client.execute_async(INK_LOOP, vec![json!(1000), json!(10_000)]).await.unwrap();
    let (heap1, wasm1) = measure().await;
    json!({
        "pointer_moves_mirrored": delays.len(),
        "pointer_mirror_median_ms": pick(0.5), "pointer_mirror_p95_ms": pick(0.95),
        "strokes": 1000, "pointer_moves": 10_000, "strokes_left": left,
        "js_heap_growth": heap1 - heap0, "wasm_memory_growth": wasm0.zip(wasm1).map(|(a, b)| b - a),
    })
}

fn lighthouse(base: &str, name: &str) -> Value {
    let out = std::env::temp_dir().join(format!("cppg-deck-lighthouse-{}.json", name.to_lowercase()));
    let status = std::process::Command::new("lighthouse")
        .args([
            base,
            "--quiet",
            "--output=json",
            &format!("--output-path={}", out.display()),
            "--form-factor=mobile",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ])
        .env("CHROME_PATH", std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
        .stdout(std::process::Stdio::null())
        .status();
    match status {
        Ok(s) if s.success() => {
            let report: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap_or_default())
                .unwrap_or(Value::Null);
            let score = |c: &str| report["categories"][c]["score"].as_f64().map(|s| (s * 100.0).round());
            let failing: Vec<String> = report["audits"]
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(_, a)| {
                    a["score"].as_f64().is_some_and(|s| s < 0.9) && a["scoreDisplayMode"] == "binary"
                        || a["score"].as_f64().is_some_and(|s| s < 0.5)
                })
                .map(|(id, _)| id.clone())
                .collect();
            // Lighthouse's own simulation of a mid-range phone on slow 4G (not our throttling).
            let simulated = |a: &str| report["audits"][a]["numericValue"].as_f64();
            json!({
                "performance": score("performance"),
                "accessibility": score("accessibility"),
                "best-practices": score("best-practices"),
                "seo": score("seo"),
                "simulated_fcp_ms": simulated("first-contentful-paint"),
                "simulated_lcp_ms": simulated("largest-contentful-paint"),
                "failing_audits": failing,
            })
        }
        Ok(s) => json!({ "error": format!("lighthouse exited with {s}") }),
        Err(e) => json!({ "error": format!("lighthouse not run: {e} (.ci/deck bench installs it)") }),
    }
}

fn command_output(cmd: &str, args: &[&str]) -> String {
    std::process::Command::new(cmd)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    json!({
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map_or(0, |n| n.get()),
        "chromium": command_output(&std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()), &["--version"]),
        "nginx": "deploy/nginx/cppg-deck.conf (Debian nginx, brotli_static)",
    })
}

/// One row of the table: ours, Marp's, and (for timings) ours ÷ Marp.
fn row(label: &str, ours: String, marp: String, ratio: Option<f64>) {
    let ratio = ratio.filter(|x| x.is_finite()).map_or(String::new(), |x| format!("{x:.2}"));
    println!("  {label:<42} {ours:>21} {marp:>21} {ratio:>9}");
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn print_report(r: &Value) {
    let m = &r["marp"];
    let skipped = m.get("error").is_some();
    let fmt = |v: &Value, digits: usize| number(v).map_or("n/a".into(), |x| format!("{x:.digits$}"));
    let marp_cell = |v: &Value, digits: usize| if skipped { "-".to_string() } else { fmt(v, digits) };
    let ratio = |a: &Value, b: &Value| match (number(a), number(b)) {
        (Some(a), Some(b)) if b > 0.0 && !skipped => Some(a / b),
        _ => None,
    };
    // A timing: both, and the ratio.
    let timing = |label: &str, a: &Value, b: &Value, digits: usize| {
        row(label, fmt(a, digits), marp_cell(b, digits), ratio(a, b));
    };
    // A count or score: both, no ratio.
    let plain = |label: &str, a: &Value, b: &Value, digits: usize| {
        row(label, fmt(a, digits), marp_cell(b, digits), None);
    };
    let marp_name = if skipped { "Marp (skipped)" } else { "Marp" };
    println!("\n  {:<42} {:>21} {:>21} {:>9}", "", "ours", marp_name, "ours÷Marp");
    if let Some(v) = m["marp_cli"].as_str() {
        println!("  (Marp CLI {v}, bespoke template, one HTML file)");
    }

    println!("\nBytes (kB = 1000 B): raw / gzip / brotli; the ratio is brotli's");
    let group = |report: &Value, name: &str| {
        report["bytes"]["groups"].as_array().and_then(|g| g.iter().find(|x| x["group"] == name)).cloned()
    };
    let kb = |v: &Value| format!("{:.1}", v.as_f64().unwrap_or(0.0) / 1000.0);
    let three = |g: &Option<Value>| match g {
        Some(g) => format!("{} / {} / {}", kb(&g["raw"]), kb(&g["gzip"]), kb(&g["brotli"])),
        None => "none".into(),
    };
    let mut names: Vec<String> = Vec::new();
    for report in [r, m] {
        for g in report["bytes"]["groups"].as_array().into_iter().flatten() {
            let name = g["group"].as_str().unwrap_or_default().to_string();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    for name in &names {
        let (a, b) = (group(r, name), group(m, name));
        let label = match name.as_str() {
            other if other.starts_with("other") => "other (icons, manifest, sw, preview)",
            other => other,
        };
        let brotli = |g: &Option<Value>| g.as_ref().map_or(Value::Null, |g| g["brotli"].clone());
        let marp = if skipped { "-".into() } else { three(&b) };
        row(label, three(&a), marp, ratio(&brotli(&a), &brotli(&b)));
    }
    let (f, g) = (&r["bytes"]["before_first_slide"], &m["bytes"]["before_first_slide"]);
    let marp = if skipped { "-".into() } else { three(&Some(g.clone())) };
    row("before the first slide", three(&Some(f.clone())), marp, ratio(&f["brotli"], &g["brotli"]));

    let (la, lb) = (&r["cold_load_slow_4g_4x_cpu"], &m["cold_load_slow_4g_4x_cpu"]);
    println!("\nCold load, Slow 4G + 4x CPU (median of {RUNS}, ms)");
    timing(
        "title visible (first paint)",
        &la["median_ms"]["first_paint_title_visible"],
        &lb["median_ms"]["first_paint_title_visible"],
        0,
    );
    timing("LCP", &la["median_ms"]["lcp"], &lb["median_ms"]["lcp"], 0);
    timing("app started", &la["median_ms"]["app_started"], &lb["median_ms"]["app_started"], 0);
    timing("interactive (key moves)", &la["median_ms"]["interactive"], &lb["median_ms"]["interactive"], 0);
    plain("layout shift (max)", &la["max_layout_shift"], &lb["max_layout_shift"], 4);

    println!("\nKey press -> next frame ({PRESSES} presses, ms; work: the key's handling and the frame's");
    println!("rendering; wall: until the frame is painted, the wait for the display's frame included)");
    for (name, k) in [("unthrottled", "key_to_frame_unthrottled"), ("4x CPU", "key_to_frame_4x_cpu")] {
        let (a, b) = (&r[k], &m[k]);
        for (what, p) in [("work", "work_"), ("wall", "wall_")] {
            for stat in ["median", "p95", "max"] {
                let key = format!("{p}{stat}_ms");
                timing(&format!("{name}: {what}, {stat}"), &a[&key], &b[&key], 1);
            }
        }
        plain(&format!("{name}: layouts per press"), &a["layouts_per_press"], &b["layouts_per_press"], 2);
        plain(
            &format!("{name}: style recalcs per press"),
            &a["style_recalcs_per_press"],
            &b["style_recalcs_per_press"],
            2,
        );
        for (what, key) in [
            ("script", "script_ms_per_press"),
            ("style", "style_ms_per_press"),
            ("layout", "layout_ms_per_press"),
        ] {
            timing(&format!("{name}: {what} ms per press"), &a[key], &b[key], 1);
        }
    }

    println!("\nMemory over {CHANGES} slide changes (bytes)");
    plain("JS heap growth", &r["memory"]["js_heap_growth"], &m["memory"]["js_heap_growth"], 0);
    plain("wasm memory growth", &r["memory"]["wasm_memory_growth"], &m["memory"]["wasm_memory_growth"], 0);

    let (ha, hb) = (&r["lighthouse_mobile"], &m["lighthouse_mobile"]);
    println!("\nLighthouse 12 (mobile)");
    for (label, key) in [
        ("performance", "performance"),
        ("accessibility", "accessibility"),
        ("best practices", "best-practices"),
        ("SEO", "seo"),
    ] {
        plain(label, &ha[key], &hb[key], 0);
    }
    timing("FCP, Lighthouse's simulation (ms)", &ha["simulated_fcp_ms"], &hb["simulated_fcp_ms"], 0);
    timing("LCP, Lighthouse's simulation (ms)", &ha["simulated_lcp_ms"], &hb["simulated_lcp_ms"], 0);
    for (name, h) in [("ours", ha), ("Marp", hb)] {
        if let Some(e) = h["error"].as_str() {
            println!("  {name}: {e}");
        } else if let Some(f) = h["failing_audits"].as_array().filter(|f| !f.is_empty()) {
            let f: Vec<&str> = f.iter().filter_map(Value::as_str).collect();
            println!("  {name}, failing audits: {}", f.join(", "));
        }
    }

    let i = &r["pointer_and_pen"];
    let ms1 = |v: &Value| fmt(v, 1);
    println!("\nPointer and pen (ours only)");
    println!(
        "  pointer mirrored to the audience: median {} ms, p95 {} ms ({} moves)",
        ms1(&i["pointer_mirror_median_ms"]),
        ms1(&i["pointer_mirror_p95_ms"]),
        i["pointer_moves_mirrored"]
    );
    println!(
        "  after {} strokes and {} moves, cleared: JS heap {} B, wasm memory {} B",
        i["strokes"], i["pointer_moves"], i["js_heap_growth"], i["wasm_memory_growth"]
    );
}
