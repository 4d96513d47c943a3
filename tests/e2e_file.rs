//! End to end from a file (`file://`), as a speaker with a USB stick or an e-mail attachment has
//! it: `talk.html` presents, syncs a speaker window, searches, shows the overview and prints, with
//! no console error, no CSP violation and no request but the file itself; `index.html` opened the
//! same way is the talk as a document, and points to `talk.html`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::key::Key;
use fantoccini::Locator;
use support::{Browser, TALK};

/// `file:///…/dist/`: the built bundle, opened from the disk.
fn file_base() -> &'static str {
    let dist = std::fs::canonicalize(support::dist()).expect("dist/ exists");
    Box::leak(format!("file://{}/", dist.display()).into_boxed_str())
}

/// Loads `page` (with its query and hash) from the disk, and waits for the app.
async fn open_file(b: &Browser, page: &str) {
    b.client.goto("about:blank").await.unwrap();
    b.client.goto(&format!("{}{page}", b.base)).await.unwrap();
    b.wait_for_app().await;
    // Heard from here on in every browser (Chromium hears from the start, see `Browser::start_at`).
    b.eval::<serde_json::Value>(
        "window.__violations = window.__violations || []; \
         document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective)); return null",
    )
    .await;
}

async fn no_violations(b: &Browser) {
    let seen: Vec<String> = b.eval("return window.__violations").await;
    assert!(seen.is_empty(), "CSP violations: {seen:?}");
}

#[tokio::test]
#[ignore = "needs dist/ and a WebDriver: run by `.ci/deck test`"]
async fn the_one_file_presents_syncs_searches_and_prints_from_the_disk() {
    let b = Browser::start_at(file_base(), 1280, 720).await;
    open_file(&b, "talk.html").await;
    assert_eq!(b.current().await, 1);
    let pictures: bool = b
        .eval("return [...document.querySelectorAll('#talk section.current img')].every(i => i.src.startsWith('data:image/svg+xml') && i.complete && i.naturalWidth > 0)")
        .await;
    assert!(pictures, "the title slide's pictures come from the file itself");

    // Keys, the address, fragments.
    b.press(Key::Right).await;
    assert_eq!(b.current().await, 2);
    b.wait_for_hash("#/2").await;
    let steps = TALK.slides.iter().position(|s| s.steps > 0).expect("a slide with fragments") + 1;
    for digit in steps.to_string().chars() {
        b.type_char(digit, false).await;
    }
    b.press(Key::Enter).await;
    b.press(Key::Right).await;
    b.wait_for_hash(&format!("#/{steps}/1")).await;

    // The overview and search.
    b.type_char('o', false).await;
    b.wait_until(
        "the overview",
        &format!("return document.querySelectorAll('.overview .thumb').length === {}", TALK.slides.len()),
    )
    .await;
    b.press(Key::Escape).await;
    b.wait_until("the overview to close", "return !document.querySelector('.overview')").await;
    b.type_char('/', false).await;
    let input = b.client.wait().for_element(Locator::Css("#search-input")).await.unwrap();
    input.send_keys("vaccines").await.unwrap();
    b.wait_until("search results", "return document.querySelectorAll('.search-results button').length > 0")
        .await;
    let found: String =
        b.eval("return document.querySelector('.search-results .search-number').textContent").await;
    b.press(Key::Enter).await;
    b.wait_until("the search box to close", "return !document.getElementById('search-input')").await;
    assert_eq!(b.current().await.to_string(), found, "Enter goes to the first result");
    // Back where the talk was, by the address (as a clicked link does).
    let back = format!("#/{steps}/1");
    b.eval::<serde_json::Value>(&format!("location.hash = {back:?}; return null")).await;
    b.wait_until("the slide the address names", &format!("return document.querySelectorAll('#talk section.current .fragment.shown').length === 1 && location.hash === {back:?}")).await;

    // A speaker window from the same file, in sync both ways.
    let audience = b.client.window().await.unwrap();
    b.type_char('s', false).await;
    let speaker = b.new_window(std::slice::from_ref(&audience)).await;
    b.client.switch_to_window(speaker).await.unwrap();
    b.wait_for_app().await;
    b.wait_until("the speaker view", "return !!document.querySelector('.speaker-current .preview .slide')")
        .await;
    b.wait_for_hash(&format!("#/{steps}/1")).await;
    b.press(Key::Right).await;
    let moved = b.hash().await;
    assert_ne!(moved, format!("#/{steps}/1"), "the speaker view moves");
    b.client.switch_to_window(audience).await.unwrap();
    b.wait_for_hash(&moved).await;
    no_violations(&b).await;

    // The reading view and print.
    open_file(&b, "talk.html?view=read#/5").await;
    let reading: bool = b
        .eval("return document.documentElement.classList.contains('reading') && document.getElementById('/5').checkVisibility()")
        .await;
    assert!(reading, "the reading view from the file");
    no_violations(&b).await;
    // Printed to PDF: a page a slide, each with its title.
    let pages = support::print_pages(&b, "talk.html?print").await;
    assert_eq!(pages.len(), TALK.slides.len(), "one page a slide");
    for (page, slide) in pages.iter().zip(&TALK.slides) {
        let title: String = slide.title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(page.contains(&title), "the page of {title:?}: {page}");
    }
    // No console error, and no request but for the file itself and its data.
    b.finish().await;
}

/// Chromium refuses a module script from a file: the page stays the document of the talk, with a
/// line that points to `talk.html`. Firefox runs it: the deck presents as from a server.
#[tokio::test]
#[ignore = "needs dist/ and a WebDriver: run by `.ci/deck test`"]
async fn the_page_opened_from_the_disk_is_the_talk_and_points_to_the_one_file() {
    let b = Browser::start_at(file_base(), 1280, 720).await;
    b.client.goto(&format!("{}index.html#/5", b.base)).await.unwrap();
    b.wait_until("the page", "return document.readyState === 'complete'").await;
    if !b.is_chromium() {
        b.wait_for_app().await;
        assert_eq!(b.current().await, 5);
        b.press(Key::Right).await;
        b.wait_for_hash("#/6").await;
        let note: bool = b.eval("return document.querySelector('.file-note').checkVisibility()").await;
        assert!(!note, "no note once the deck runs");
        return b.finish().await;
    }
    let (from_file, note, sections): (bool, String, usize) = b
        .eval("const n = document.querySelector('.file-note'); \
               return [document.documentElement.classList.contains('from-file') && document.getElementById('/5').checkVisibility(), \
                       n.checkVisibility() ? n.querySelector('a').getAttribute('href') : '', \
                       document.querySelectorAll('#talk > main.article > section').length]")
        .await;
    assert!(from_file, "the document, not a stage that cannot run");
    assert_eq!(note, "talk.html", "a visible line points to the one file");
    assert_eq!(sections, TALK.slides.len());
    // The refused module script is the only error there may be.
    for error in b.console_errors().await {
        let expected = ["module", "CORS", "boot-", "file:", "null", "origin"];
        assert!(expected.iter().any(|e| error.contains(e)), "unexpected error: {error}");
    }
    b.client.close().await.unwrap();
}
