//! End to end: the page itself, as `.ci/finish-page` leaves it — the title slide before the
//! WebAssembly arrives, handed over to the app without a shift, and a strict CSP with integrity
//! on every script. Same setup as `tests/e2e.rs`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use cppg_deck::core::deck::TALK;
use support::Browser;

/// The static slide's markup, its title's box, and whether the title image loaded.
const STATIC_SLIDE: &str = "const s = document.querySelector('#first-paint section.slide.current'); \
    if (!s || getComputedStyle(document.getElementById('first-paint')).display === 'none') return null; \
    const r = s.querySelector('h1').getBoundingClientRect(); \
    return [s.outerHTML, [r.x, r.y, r.width, r.height], [...s.querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0)]";

/// The test server answers 404 for the wasm (or serves it again).
fn block_wasm(block: bool) {
    support::make_missing(if block { &[".wasm"] } else { &[] });
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn the_title_slide_shows_before_the_wasm_and_the_app_draws_the_same() {
    let b = Browser::start().await;
    block_wasm(true);
    b.client.goto(b.base).await.unwrap();
    b.wait_until(
        "the static title image",
        &format!("const v = (() => {{ {STATIC_SLIDE} }})(); return !!v && v[2]"),
    )
    .await;
    let (markup, title_box, _): (String, Vec<f64>, bool) =
        b.eval(&format!("return (() => {{ {STATIC_SLIDE} }})()")).await;
    let h1: String = b.eval("return document.querySelector('#first-paint h1').textContent").await;
    assert_eq!(h1, TALK.slides[0].title);
    // Without the wasm, nothing else may be wrong: the only errors are the failed download's.
    for error in b.console_errors().await {
        let expected = ["wasm", "Failed to fetch", "integrity", "404", "NetworkError"];
        assert!(expected.iter().any(|e| error.contains(e)), "unexpected error: {error}");
    }

    block_wasm(false);
    b.open("").await;
    let (app_markup, app_box): (String, Vec<f64>) = b
        .eval("const s = document.querySelector('section.slide.current'); const r = s.querySelector('h1').getBoundingClientRect(); return [s.outerHTML, [r.x, r.y, r.width, r.height]]")
        .await;
    // Leptos leaves empty comments as markers; they draw nothing.
    let app_markup = app_markup.replace("<!---->", "");
    assert_eq!(markup, app_markup, "the static slide and the app's slide 1 differ: see compiler/src/html.rs");
    assert_eq!(title_box, app_box, "the title moved when the app took over");
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn first_paint_comes_before_the_app_and_nothing_shifts() {
    let b = Browser::start().await;
    b.before_each_load(
        "window.__shift = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true }); \
         addEventListener('TrunkApplicationStarted', () => { window.__started = performance.now(); });",
    )
    .await;
    // A slow wasm, so that the order of events is the network's and not a race.
    support::make_slow(".wasm", std::time::Duration::from_millis(1500));
    b.open("").await;
    b.wait_until("the app to start", "return window.__started > 0").await;
    let (fcp, started, shift): (f64, f64, f64) = b
        .eval("const p = performance.getEntriesByName('first-contentful-paint')[0]; return [p ? p.startTime : -1, window.__started, window.__shift]")
        .await;
    assert!(fcp > 0.0 && fcp < started, "first paint at {fcp} ms, app started at {started} ms");
    assert_eq!(shift, 0.0, "cumulative layout shift");
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn a_link_to_another_slide_or_view_never_flashes_the_title() {
    let b = Browser::start().await;
    block_wasm(true);
    for target in ["#/5", "#/1/1", "?view=read", "?view=speaker#/3", "?print"] {
        b.client.goto("about:blank").await.unwrap();
        b.client.goto(&format!("{}{target}", b.base)).await.unwrap();
        b.wait_until("the page", "return document.readyState === 'complete'").await;
        let shown: serde_json::Value = b.eval(&format!("return (() => {{ {STATIC_SLIDE} }})()")).await;
        assert!(shown.is_null(), "{target} showed the static title slide");
    }
    for target in ["", "#/1", "#/1/0", "#"] {
        b.client.goto("about:blank").await.unwrap();
        b.client.goto(&format!("{}{target}", b.base)).await.unwrap();
        b.wait_until("the page", "return document.readyState === 'complete'").await;
        let shown: serde_json::Value = b.eval(&format!("return (() => {{ {STATIC_SLIDE} }})()")).await;
        assert!(!shown.is_null(), "{target:?} did not show the static title slide");
    }
    let _ = b.console_errors().await; // the blocked wasm's
    block_wasm(false);
    b.open("#/5").await;
    assert_eq!(b.current().await, 5);
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn the_policy_is_strict_and_every_script_has_integrity() {
    let b = Browser::start().await;
    b.open("").await;
    let policy: String =
        b.eval("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content").await;
    for needed in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' 'sha256-",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(policy.contains(needed), "{needed} missing from {policy}");
    }
    for source in policy.split([' ', ';']) {
        let banned = ["'unsafe-inline'", "'unsafe-eval'", "http:", "https:", "*", "data:", "blob:"];
        assert!(!banned.contains(&source), "{source} in {policy}");
    }
    let unprotected: Vec<String> = b
        .eval("return [...document.querySelectorAll('script[src]:not([src^=\"__test/\"]), link[rel=modulepreload], link[rel=preload], link[rel=stylesheet]')].filter(e => !/^sha384-/.test(e.integrity)).map(e => e.outerHTML)")
        .await;
    assert!(unprotected.is_empty(), "without integrity: {unprotected:?}");
    let inline: usize = b.eval("return [...document.scripts].filter(s => !s.src).length").await;
    assert_eq!(inline, 1, "one inline script (the theme and deep-link check), hashed in the policy");

    // The policy holds: injected inline code is refused, and the test hears of it.
    b.eval::<serde_json::Value>(
        "window.__violated = false; document.addEventListener('securitypolicyviolation', () => { window.__violated = true; }); \
         const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.head.append(s); return null",
    )
    .await;
    b.wait_until("the violation event", "return window.__violated === true").await;
    let ran: bool = b.eval("return window.__ran === true").await;
    assert!(!ran, "an injected inline script ran");
    let errors = b.console_errors().await;
    assert!(errors.iter().any(|e| e.contains("CSP violation")), "no violation reported: {errors:?}");
    b.finish().await;
}
