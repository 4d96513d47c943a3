//! The deck's benchmark (not a test: it never fails on a timing). Run by `.ci/deck bench`, which
//! builds the release and its .gz/.br copies first. It serves `dist/` through real nginx with
//! `deploy/nginx/cppg-deck.conf` (brotli, as a host would) and drives headless Chromium over CDP:
//!
//! - bytes: raw, gzip and brotli of every file, engine against images, and what the first slide needs;
//! - a cold load on Slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up) with 4× CPU slowdown, 5 runs:
//!   first paint (the static title slide), LCP, the app's start, interactive (a key press moves the
//!   slide), layout shift;
//! - key press → next painted frame over 200 presses, unthrottled and at 4× CPU, with the layouts
//!   each press costs;
//! - JS heap and wasm memory before and after 2,000 slide changes (after one warm-up pass);
//! - Lighthouse 12 (mobile) scores, when `lighthouse` is on PATH.
//!
//! Prints a table and writes `target/benchmark.json` (or `BENCH_JSON`).

#[path = "../tests/support/mod.rs"]
mod support;

use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use support::{Browser, Nginx};

const RUNS: usize = 5;
const PRESSES: usize = 200;
const CHANGES: usize = 2000;

/// Injected before every page: timings the page cannot give afterwards, and the "interactive"
/// probe, which presses → from the first moment and notes when the slide moves.
const PROBE: &str = r#"
window.__bench = { started: 0, moved: 0, lcp: 0, shift: 0, wasm: null };
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__bench.lcp = e.startTime; })
  .observe({ type: 'largest-contentful-paint', buffered: true });
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__bench.shift += e.value; })
  .observe({ type: 'layout-shift', buffered: true });
addEventListener('TrunkApplicationStarted', e => { window.__bench.started = performance.now(); window.__bench.wasm = e.detail.wasm; });
// Where the deck stands on screen: the current slide and how many fragments show (the
// address follows a frame later, in idle time, so it is not the signal).
window.__benchPlace = () => {
  const slide = document.querySelector('#talk section.slide.current');
  return slide ? slide.dataset.index + '/' + slide.querySelectorAll('.fragment.shown').length : '';
};
if (sessionStorage.getItem('bench-probe') === 'on') {
  const poke = () => {
    const place = window.__benchPlace();
    if (place && place !== '1/0') { window.__bench.moved = performance.now(); return; }
    dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', code: 'ArrowRight', bubbles: true }));
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
    dispatchEvent(new KeyboardEvent('keydown', { key, code: key, bubbles: true }));
    const handled = await task();
    const [raf, painted] = await frame();
    if (window.__benchPlace() === before) { forward = !forward; continue; }
    wall.push(painted - t0);
    work.push((handled - t0) + (painted - raf));
  }
  return { wall, work };
})();
"#;

#[tokio::main]
async fn main() {
    let dist = support::dist();
    let bytes = measure_bytes(&dist);
    let nginx = Nginx::start();
    let b = Browser::start_at(nginx.base, 1280, 720).await;
    b.client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(Duration::from_secs(300)),
            Some(Duration::from_secs(120)),
            None,
        ))
        .await
        .unwrap();
    b.before_each_load(PROBE).await;

    let load = cold_loads(&b).await;
    let latency_fast = key_latency(&b, 1.0).await;
    let latency_slow = key_latency(&b, 4.0).await;
    let memory = memory_growth(&b).await;
    let ink = ink(&b).await;
    let lighthouse = if std::env::var_os("BENCH_NO_LIGHTHOUSE").is_some() {
        json!({ "error": "skipped (BENCH_NO_LIGHTHOUSE)" })
    } else {
        lighthouse(nginx.base)
    };
    let _ = b.console_errors().await;
    b.client.close().await.unwrap();

    let machine = machine();
    let report = json!({
        "date": command_output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        "machine": machine,
        "bytes": bytes,
        "cold_load_slow_4g_4x_cpu": load,
        "key_to_frame_unthrottled": latency_fast,
        "key_to_frame_4x_cpu": latency_slow,
        "memory": memory,
        "pointer_and_pen": ink,
        "lighthouse_mobile": lighthouse,
    });
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

fn measure_bytes(dist: &Path) -> Value {
    let mut files = Vec::new();
    collect(dist, dist, &mut files);
    files.sort();
    let mut groups: std::collections::BTreeMap<&str, [u64; 3]> = Default::default();
    let mut rows = Vec::new();
    for name in &files {
        let s = sizes(&dist.join(name));
        let group = if support::is_engine_file(name) {
            "engine"
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
    // Before the first slide shows: the page (its CSS inline) and slide 1's pictures.
    let page = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let mut first = sizes(&dist.join("index.html"));
    for src in support::first_slide_pictures(&page) {
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

async fn cold_loads(b: &Browser) -> Value {
    let mut runs = Vec::new();
    for _ in 0..RUNS {
        forget_everything(b).await;
        // The probe presses keys from the start: switched on through sessionStorage of the origin.
        b.client.goto(&format!("{}sw.js", b.base)).await.unwrap();
        b.eval::<Value>("sessionStorage.setItem('bench-probe', 'on'); return null").await;
        throttle(b, true, 4.0).await;
        b.client.goto(b.base).await.unwrap();
        b.wait_until("the probe to move the slide", "return window.__bench && window.__bench.moved > 0")
            .await;
        let run: Value = b
            .eval(
                "const p = performance.getEntriesByName('first-contentful-paint')[0]; \
                 const nav = performance.getEntriesByType('navigation')[0]; \
                 return { fcp: p ? p.startTime : null, lcp: window.__bench.lcp, started: window.__bench.started, \
                          interactive: window.__bench.moved, shift: window.__bench.shift, \
                          html_done: nav ? nav.responseEnd : null }",
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

async fn key_latency(b: &Browser, cpu: f64) -> Value {
    throttle(b, false, 1.0).await;
    b.open("#/1").await;
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

async fn memory_growth(b: &Browser) -> Value {
    throttle(b, false, 1.0).await;
    b.open("#/1").await;
    let measure = || async {
        b.cdp("HeapProfiler.collectGarbage", json!({})).await;
        let heap = b.cdp("Runtime.getHeapUsage", json!({})).await;
        let wasm: f64 = b.eval("return window.__bench.wasm.memory.buffer.byteLength").await;
        (heap["usedSize"].as_f64().unwrap_or(f64::NAN), wasm)
    };
    // One pass there and back first: what is allocated once (views, caches) is not growth.
    b.client.execute(PRESS_LOOP, vec![json!(2 * steps())]).await.unwrap();
    let (heap0, wasm0) = measure().await;
    b.client.execute(PRESS_LOOP, vec![json!(CHANGES)]).await.unwrap();
    let (heap1, wasm1) = measure().await;
    json!({
        "changes": CHANGES,
        "js_heap_before": heap0, "js_heap_after": heap1, "js_heap_growth": heap1 - heap0,
        "wasm_memory_before": wasm0, "wasm_memory_after": wasm1, "wasm_memory_growth": wasm1 - wasm0,
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
async fn ink(b: &Browser) -> Value {
    throttle(b, false, 1.0).await;
    b.open("#/2").await;
    let audience = b.client.window().await.unwrap();
    let speaker = b.client.new_window(false).await.unwrap().handle;
    b.client.switch_to_window(speaker.clone()).await.unwrap();
    b.open("?view=speaker#/2").await;
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

    let measure = || async {
        b.cdp("HeapProfiler.collectGarbage", json!({})).await;
        let heap = b.cdp("Runtime.getHeapUsage", json!({})).await;
        let wasm: f64 = b.eval("return window.__bench.wasm.memory.buffer.byteLength").await;
        (heap["usedSize"].as_f64().unwrap_or(f64::NAN), wasm)
    };
    b.open("#/2").await;
    // Once first: what is allocated once is not growth.
    b.client.execute_async(INK_LOOP, vec![json!(100), json!(1000)]).await.unwrap();
    let (heap0, wasm0) = measure().await;
    let left = b.client.execute_async(INK_LOOP, vec![json!(1000), json!(10_000)]).await.unwrap();
    let (heap1, wasm1) = measure().await;
    json!({
        "pointer_moves_mirrored": delays.len(),
        "pointer_mirror_median_ms": pick(0.5), "pointer_mirror_p95_ms": pick(0.95),
        "strokes": 1000, "pointer_moves": 10_000, "strokes_left": left,
        "js_heap_growth": heap1 - heap0, "wasm_memory_growth": wasm1 - wasm0,
    })
}

fn lighthouse(base: &str) -> Value {
    let out = std::env::temp_dir().join("cppg-deck-lighthouse.json");
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
            json!({
                "performance": score("performance"),
                "accessibility": score("accessibility"),
                "best-practices": score("best-practices"),
                "seo": score("seo"),
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

fn print_report(r: &Value) {
    let kb = |v: &Value| format!("{:.1}", v.as_f64().unwrap_or(0.0) / 1000.0);
    let ms = |v: &Value| v.as_f64().map_or("n/a".into(), |x| format!("{x:.0}"));
    let ms1 = |v: &Value| v.as_f64().map_or("n/a".into(), |x| format!("{x:.1}"));
    println!("\nBytes (kB = 1000 B)            raw     gzip   brotli");
    for g in r["bytes"]["groups"].as_array().unwrap() {
        println!(
            "  {:<26} {:>8} {:>8} {:>8}",
            g["group"].as_str().unwrap(),
            kb(&g["raw"]),
            kb(&g["gzip"]),
            kb(&g["brotli"])
        );
    }
    let f = &r["bytes"]["before_first_slide"];
    println!(
        "  {:<26} {:>8} {:>8} {:>8}",
        "before the first slide",
        kb(&f["raw"]),
        kb(&f["gzip"]),
        kb(&f["brotli"])
    );
    let l = &r["cold_load_slow_4g_4x_cpu"]["median_ms"];
    println!("\nCold load, Slow 4G + 4x CPU (median of {RUNS}, ms)");
    println!("  title visible (first paint) {:>6}", ms(&l["first_paint_title_visible"]));
    println!("  LCP                         {:>6}", ms(&l["lcp"]));
    println!("  app started                 {:>6}", ms(&l["app_started"]));
    println!("  interactive (key moves)     {:>6}", ms(&l["interactive"]));
    println!("  layout shift (max)          {:>6}", r["cold_load_slow_4g_4x_cpu"]["max_layout_shift"]);
    println!("\nKey press -> next frame ({PRESSES} presses, ms)   median    p95    max  layouts/press");
    for (name, k) in [("unthrottled", "key_to_frame_unthrottled"), ("4x CPU", "key_to_frame_4x_cpu")] {
        let x = &r[k];
        for (what, p) in [("work", "work_"), ("wall, vsync wait included", "wall_")] {
            println!(
                "  {:<38} {:>6} {:>6} {:>6} {:>8}",
                format!("{name}: {what}"),
                ms1(&x[format!("{p}median_ms")]),
                ms1(&x[format!("{p}p95_ms")]),
                ms1(&x[format!("{p}max_ms")]),
                ms1(&x["layouts_per_press"])
            );
        }
        println!(
            "  {:<38} script {} ms, style {} ms, layout {} ms",
            format!("{name}: main thread per press"),
            ms1(&x["script_ms_per_press"]),
            ms1(&x["style_ms_per_press"]),
            ms1(&x["layout_ms_per_press"])
        );
    }
    let m = &r["memory"];
    println!("\nMemory over {CHANGES} slide changes");
    println!("  JS heap growth      {:>10} B", m["js_heap_growth"]);
    println!("  wasm memory growth  {:>10} B", m["wasm_memory_growth"]);
    let i = &r["pointer_and_pen"];
    println!("\nPointer and pen");
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
    println!("\nLighthouse (mobile): {}", r["lighthouse_mobile"]);
}
