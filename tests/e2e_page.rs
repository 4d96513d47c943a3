//! End to end: the page itself, as `.ci/finish-page` leaves it — the whole talk as a page without
//! script, the addressed slide before the WebAssembly arrives, the same sections then driven by
//! the app without a shift, and a strict CSP with integrity on every script. Same setup as `tests/e2e.rs`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::Browser;
use support::TALK;

/// The stage's current slide as the page shows it: its number, its title, and its title's box.
const STAGE_SLIDE: &str =
    "const s = document.querySelectorAll('#talk > main.stage > section.slide.current'); \
    if (s.length !== 1 || !s[0].checkVisibility()) return null; \
    const r = s[0].querySelector('h1, h2').getBoundingClientRect(); \
    return [+s[0].dataset.index, s[0].querySelector('h1, h2').textContent, [r.x, r.y, r.width, r.height]]";

/// The test server answers 404 for the wasm (or serves it again).
fn block_wasm(block: bool) {
    support::make_missing(if block { &[".wasm"] } else { &[] });
}

/// The page is the talk: without the wasm it presents slide 1; the app then takes over the very
/// same elements (it renders no slide of its own), and nothing moves.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn the_title_slide_shows_before_the_wasm_and_the_app_adopts_it() {
    let b = Browser::start().await;
    block_wasm(true);
    b.client.goto(b.base).await.unwrap();
    b.wait_until("the static title slide", &format!("return !!(() => {{ {STAGE_SLIDE} }})()")).await;
    let (index, title, title_box): (usize, String, Vec<f64>) =
        b.eval(&format!("return (() => {{ {STAGE_SLIDE} }})()")).await;
    assert_eq!((index, title.as_str()), (1, TALK.slides[0].title.as_str()));
    // Without the wasm, nothing else may be wrong: the only errors are the failed download's.
    for error in b.console_errors().await {
        let expected = ["wasm", "Failed to fetch", "integrity", "404", "NetworkError"];
        assert!(expected.iter().any(|e| error.contains(e)), "unexpected error: {error}");
    }

    block_wasm(false);
    b.before_each_load(
        "addEventListener('DOMContentLoaded', () => { window.__first = document.querySelector('#talk section.current'); });",
    )
    .await;
    b.open("").await;
    let (app_index, _, app_box): (usize, String, Vec<f64>) =
        b.eval(&format!("return (() => {{ {STAGE_SLIDE} }})()")).await;
    assert_eq!(app_index, 1);
    assert_eq!(title_box, app_box, "the title moved when the app took over");
    let same: bool = b
        .eval("return window.__first === document.querySelector('#talk section.current') && document.querySelectorAll('section.slide:not(.preview-slide)').length === document.querySelectorAll('#talk > main > section').length")
        .await;
    assert!(same, "the app shows the page's own section, and no slide of its own");
    b.press(fantoccini::key::Key::Right).await;
    assert_eq!(b.current().await, 2);
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
    // The app navigates the page's own sections.
    b.press(fantoccini::key::Key::Right).await;
    assert_eq!(b.current().await, 2);
    let (fcp, started, shift): (f64, f64, f64) = b
        .eval("const p = performance.getEntriesByName('first-contentful-paint')[0]; return [p ? p.startTime : -1, window.__started, window.__shift]")
        .await;
    assert!(fcp > 0.0 && fcp < started, "first paint at {fcp} ms, app started at {started} ms");
    assert_eq!(shift, 0.0, "cumulative layout shift");
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn before_the_wasm_a_link_shows_its_slide_or_view() {
    let b = Browser::start().await;
    block_wasm(true);
    let load = |target: String| {
        let b = &b;
        async move {
            b.client.goto("about:blank").await.unwrap();
            b.client.goto(&format!("{}{target}", b.base)).await.unwrap();
            b.wait_until("the page", "return document.readyState === 'complete'").await;
        }
    };
    let last = TALK.slides.len();
    // The stage: the slide the address names (clamped as the app clamps it), at its fragment step.
    let fragments_of_6 = TALK.slides[5].steps;
    assert!(fragments_of_6 >= 2, "slide 6 has fragments");
    for (target, slide, shown) in
        [("", 1, 0), ("#/1", 1, 0), ("#/5", 5, 0), ("#/6/2", 6, 2), ("#/999", last, 0), ("#/abc", 1, 0)]
    {
        load(target.into()).await;
        let seen: Vec<usize> = b
            .eval("const s = document.querySelectorAll('#talk > .stage > section.slide.current'); \
                   return s.length === 1 && s[0].checkVisibility() ? [+s[0].dataset.index, s[0].querySelectorAll('.fragment.shown').length] : []")
            .await;
        assert_eq!(seen, vec![slide, shown], "{target:?} shows slide {slide} with {shown} fragments");
    }
    // The reading view is the static page itself, at the anchor.
    for target in ["?view=read#/14"] {
        load(target.into()).await;
        let reading: bool = b
            .eval("return document.documentElement.classList.contains('reading') && document.querySelector('#talk > main').className === 'article' && document.querySelector('#talk .toc').checkVisibility()")
            .await;
        assert!(reading, "{target} shows the talk as a page");
    }
    load("?view=read#/14".into()).await;
    b.wait_until(
        "slide 14's section at the top",
        "const r = document.getElementById('/14').getBoundingClientRect(); return r.top >= -2 && r.top < 120",
    )
    .await;
    // The speaker view and print show copies of the slides, which only the app makes: they have
    // no static face, so nothing flashes before them.
    for target in ["?view=speaker#/3", "?print"] {
        load(target.into()).await;
        let hidden: bool = b.eval("return !document.getElementById('talk').checkVisibility()").await;
        assert!(hidden, "{target} shows nothing static");
    }
    let _ = b.console_errors().await; // the blocked wasm's
    block_wasm(false);
    b.open("#/5").await;
    assert_eq!(b.current().await, 5);
    b.finish().await;
}

/// With scripting off the page is the whole talk: contents, every slide with its pictures, the
/// notes beneath each slide, and a line that says the slides need JavaScript.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn without_script_the_page_is_the_whole_talk() {
    use fantoccini::Locator;
    use talk_compiler::{plain_text, Block};
    let b = Browser::start().await;
    b.disable_scripts().await;
    // Only WebDriver's own commands from here: the page runs no script, not even the test's.
    b.client.goto(&format!("{}#/7", b.base)).await.unwrap();
    let mut shown = 0;
    for section in b.client.find_all(Locator::Css(".read-slide")).await.unwrap() {
        shown += usize::from(section.is_displayed().await.unwrap());
    }
    assert_eq!(shown, TALK.slides.len(), "every slide is on the page");
    let links = b.client.find_all(Locator::Css(".toc a[href^='#/']")).await.unwrap().len();
    assert_eq!(links, TALK.slides.len(), "the contents link every slide");
    let text = b.client.find(Locator::Css("body")).await.unwrap().text().await.unwrap();
    for slide in &TALK.slides {
        assert!(text.contains(&slide.title), "{} is on the page", slide.title);
        let notes = slide.notes.iter().find_map(|b| match b {
            Block::Paragraph(content) => Some(plain_text(content)),
            _ => None,
        });
        let first_sentence = notes.as_deref().unwrap_or_default().split(". ").next().unwrap_or_default();
        assert!(text.contains(first_sentence), "the notes of {:?} are on the page", slide.title);
    }
    assert!(text.contains("The slides need JavaScript"), "the page says why there are no slides");
    b.client.close().await.unwrap();
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
    // Two inline scripts, the theme and face before the first paint and the stage at the address,
    // each hashed in the policy.
    let inline: usize =
        b.eval("return document.querySelectorAll('script:not([src]):not([type])').length").await;
    assert_eq!(inline, 2, "two inline scripts in the page as served");
    let script_src = policy.split(';').find(|d| d.trim_start().starts_with("script-src")).unwrap_or_default();
    assert_eq!(script_src.matches("'sha256-").count(), inline, "each inline script is hashed: {script_src}");
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

/// The deck offers the talk as one file, in its controls and in the reading view (even without
/// script), and serves it from the same bundle.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn the_talk_in_one_file_is_offered_and_served() {
    let b = Browser::start().await;
    b.open("").await;
    let control: Vec<String> = b
        .eval("const a = document.querySelector('.controls a.download'); return a && a.checkVisibility() ? [a.getAttribute('href'), String(a.hasAttribute('download')), a.getAttribute('aria-label')] : []")
        .await;
    assert_eq!(control, ["talk.html", "true", "Download this talk as one file"]);
    b.open("?view=read").await;
    let reading: String = b
        .eval("const a = document.querySelector('.reader-bar a.reader-download[download]'); return a && a.checkVisibility() ? a.getAttribute('href') : ''")
        .await;
    assert_eq!(reading, "talk.html");
    let one_file: Vec<bool> = b
        .eval("return fetch('talk.html').then(r => r.text()).then(t => [/<html[^>]* data-one-file/.test(t), t.includes('id=\"engine\"'), !t.includes('src=\"images/')])")
        .await;
    assert_eq!(one_file, [true, true, true], "talk.html holds the engine and the pictures");
    b.finish().await;
}
