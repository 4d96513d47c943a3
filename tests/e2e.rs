//! End to end: the release bundle in `dist/`, served from inside this test on a free loopback port,
//! driven in headless Chromium through chromedriver as a person would use it.
//!
//! Needs `trunk build --release` first and chromedriver (`CHROMEDRIVER`, default
//! /usr/bin/chromedriver); `.ci/deck test` does both. The tests are `#[ignore]`d so that a plain
//! `cargo test` stays a native-only tier; the test command runs them with `--ignored`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::actions::{InputSource, KeyAction, KeyActions, PointerAction, TouchActions};
use fantoccini::key::Key;
use fantoccini::Locator;
use support::Browser;
use support::TALK;

fn slides() -> usize {
    TALK.slides.len()
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn opens_on_the_title_slide() {
    let b = Browser::start().await;
    b.open("").await;
    assert_eq!(b.current().await, 1);
    let h1 = b.client.find(Locator::Css("section.current h1")).await.unwrap();
    assert!(h1.is_displayed().await.unwrap());
    assert_eq!(h1.text().await.unwrap(), TALK.slides[0].title);
    assert_eq!(b.hash().await, "#/1");
    assert_eq!(b.client.title().await.unwrap(), TALK.title);
    let images_ok: bool = b
        .eval("return [...document.querySelectorAll('section.current img')].every(i => i.complete && i.naturalWidth > 0)")
        .await;
    assert!(images_ok, "the title slide's images load");
    b.finish().await;
}

/// A slide (1-based) without fragments whose next slide exists: one "next" is one slide there.
fn plain_slide() -> usize {
    1 + (1..slides() - 1).find(|&i| TALK.slides[i].steps == 0).expect("a slide without fragments")
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn every_navigation_key_works() {
    let b = Browser::start().await;
    let s = plain_slide();
    let (here, there) = (format!("#/{s}"), format!("#/{}", s + 1));
    b.open(&here).await;
    for (next, prev) in [(Key::Right, Key::Left), (Key::Down, Key::Up), (Key::PageDown, Key::PageUp)] {
        b.press(next).await;
        assert_eq!(b.hash().await, there, "{next:?} moves forward");
        b.press(prev).await;
        assert_eq!(b.hash().await, here, "{prev:?} moves back");
    }
    for (next, prev, shift_back) in [('n', 'p', false), ('N', 'P', false), (' ', ' ', true)] {
        b.type_char(next, false).await;
        assert_eq!(b.hash().await, there, "{next:?} moves forward");
        b.type_char(prev, shift_back).await;
        assert_eq!(b.hash().await, here, "{prev:?} (shift: {shift_back}) moves back");
    }
    b.press(Key::End).await;
    assert_eq!(b.current().await, slides());
    b.press(Key::Home).await;
    assert_eq!(b.current().await, 1);
    let target = 12.min(slides());
    for digit in target.to_string().chars() {
        b.type_char(digit, false).await;
    }
    b.press(Key::Enter).await;
    assert_eq!(b.current().await, target);
    assert_eq!(b.hash().await, format!("#/{target}"));
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn buttons_and_swipes_navigate() {
    let b = Browser::start().await;
    let s = plain_slide();
    let (here, there) = (format!("#/{s}"), format!("#/{}", s + 1));
    b.open(&here).await;
    b.client.find(Locator::Css("button.next")).await.unwrap().click().await.unwrap();
    assert_eq!(b.hash().await, there);
    b.client.find(Locator::Css("button.prev")).await.unwrap().click().await.unwrap();
    assert_eq!(b.hash().await, here);

    let swipe = |dx: f64| {
        TouchActions::new("finger".into())
            .then(PointerAction::MoveTo { duration: None, x: 640.0, y: 360.0 })
            .then(PointerAction::Down { button: 0 })
            .then(PointerAction::MoveBy {
                duration: Some(std::time::Duration::from_millis(150)),
                x: dx,
                y: 0.0,
            })
            .then(PointerAction::Up { button: 0 })
    };
    b.client.perform_actions(swipe(-300.0)).await.unwrap();
    b.wait_for_hash(&there).await;
    b.client.perform_actions(swipe(300.0)).await.unwrap();
    b.wait_for_hash(&here).await;
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn deep_links_reload_and_history() {
    let b = Browser::start().await;
    b.open("#/7").await;
    assert_eq!(b.current().await, 7);
    b.press(Key::Home).await;
    b.press(Key::End).await;
    b.press(Key::Home).await;
    assert_eq!(b.current().await, 1);
    for _ in 0..3 {
        b.press(Key::PageDown).await;
    }
    let here = b.hash().await;
    b.client.refresh().await.unwrap();
    b.wait_for_app().await;
    assert_eq!(b.hash().await, here, "reload keeps the place");

    // Back and forward walk the slides visited. The address is written after each change is
    // painted (presses faster than that make one entry), so this presses at a person's pace.
    b.open("#/2").await;
    b.press(Key::End).await;
    b.wait_for_hash(&format!("#/{}", slides())).await;
    b.press(Key::Home).await;
    b.wait_for_hash("#/1").await;
    b.client.back().await.unwrap();
    b.wait_for_hash(&format!("#/{}", slides())).await;
    assert_eq!(b.current().await, slides());
    b.client.back().await.unwrap();
    b.wait_for_hash("#/2").await;
    assert_eq!(b.current().await, 2);
    b.client.forward().await.unwrap();
    b.wait_for_hash(&format!("#/{}", slides())).await;
    assert_eq!(b.current().await, slides());
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn bad_hashes_land_on_the_nearest_valid_place() {
    let b = Browser::start().await;
    let last = slides();
    let fragment_slide = TALK.slides.iter().position(|s| s.steps > 0).unwrap() + 1;
    let steps = usize::from(TALK.slides[fragment_slide - 1].steps);
    let junk = "%3Cscript%3E".repeat(900);
    let cases: Vec<(String, String)> = vec![
        ("#/0".into(), "#/1".into()),
        ("#/999".into(), format!("#/{last}")),
        ("#/abc".into(), "#/1".into()),
        ("#/-3".into(), "#/1".into()),
        (format!("#/{fragment_slide}/99"), format!("#/{fragment_slide}/{steps}")),
        ("#/99999999999999999999999999".into(), format!("#/{last}")),
        (format!("#/{junk}"), "#/1".into()),
    ];
    for (bad, expected) in cases {
        b.open(&bad).await;
        assert_eq!(b.hash().await, expected, "{}", &bad[..bad.len().min(40)]);
        assert!(b.current().await >= 1);
        b.press(Key::End).await;
        assert_eq!(b.current().await, last, "the deck still navigates after {}", &bad[..bad.len().min(40)]);
        b.press(Key::Home).await;
        assert_eq!(b.hash().await, "#/1");
    }
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn fragments_build_up_and_back_down() {
    let b = Browser::start().await;
    let slide = TALK.slides.iter().position(|s| s.steps > 0).unwrap() + 1;
    let steps = usize::from(TALK.slides[slide - 1].steps);
    b.open(&format!("#/{slide}")).await;
    let shown =
        || b.eval::<u64>("return document.querySelectorAll('section.current .fragment.shown').length");
    assert_eq!(shown().await, 0);
    for k in 1..=steps {
        b.press(Key::Right).await;
        assert_eq!(shown().await as usize, k);
        assert_eq!(b.hash().await, format!("#/{slide}/{k}"));
    }
    b.press(Key::Left).await;
    assert_eq!(shown().await as usize, steps - 1);
    b.finish().await;
}

// Keep the helpers honest: a key press reaches the page as a real key event.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn key_actions_are_real_key_events() {
    let b = Browser::start().await;
    b.open("#/1").await;
    let seen: String =
        b.eval("window.__keys = []; addEventListener('keydown', e => __keys.push(e.key)); return 'ok'").await;
    assert_eq!(seen, "ok");
    let actions = KeyActions::new("k".into())
        .then(KeyAction::Down { value: Key::PageDown.into() })
        .then(KeyAction::Up { value: Key::PageDown.into() });
    b.client.perform_actions(actions).await.unwrap();
    let keys: Vec<String> = b.eval("return window.__keys").await;
    assert_eq!(keys, ["PageDown"]);
    b.finish().await;
}

/// Walks every slide and fragment of the real talk at a projector's and a phone's size: each image
/// loads, nothing overflows its slide, no console error. With `SCREENSHOTS=dir`, saves each slide.
async fn walk_the_talk(width: u32, height: u32) {
    let b = Browser::start_sized(width, height).await;
    b.open("#/1").await;
    let shots = std::env::var_os("SCREENSHOTS").map(std::path::PathBuf::from);
    if let Some(dir) = &shots {
        std::fs::create_dir_all(dir).unwrap();
    }
    let total_steps: usize = TALK.slides.iter().map(|s| usize::from(s.steps) + 1).sum();
    let mut visited = 0;
    loop {
        visited += 1;
        let slide = b.current().await;
        b.wait_until(
            &format!("slide {slide}'s images to load"),
            "return [...document.querySelectorAll('section.current img')].every(i => i.complete)",
        )
        .await;
        // Let the fade finish: the other slides fully gone, the shown fragments fully in.
        b.wait_until(
            &format!("slide {slide}'s transition to end"),
            "const settled = e => getComputedStyle(e).opacity;
             return [...document.querySelectorAll('section.slide:not(.current)')].every(e => settled(e) === '0')
                 && settled(document.querySelector('section.current')) === '1'
                 && [...document.querySelectorAll('section.current .fragment.shown')].every(e => settled(e) === '1')",
        )
        .await;
        let broken: Vec<String> = b
            .eval("return [...document.querySelectorAll('section.current img')].filter(i => !(i.naturalWidth > 0)).map(i => i.src)")
            .await;
        assert!(broken.is_empty(), "slide {slide} at {width}x{height}: images failed: {broken:?}");
        let overflow: Vec<String> = b
            .eval(
                "const s = document.querySelector('section.current'); const box = s.getBoundingClientRect();
                 // A phone held upright reflows the slide to its width: it may scroll down, never across,
                 // and its text is at least 16 px.
                 const reflowed = matchMedia('(max-width: 600px) and (orientation: portrait)').matches;
                 const out = [];
                 if ((!reflowed && s.scrollHeight > s.clientHeight + 1) || s.scrollWidth > s.clientWidth + 1) out.push('the slide scrolls');
                 for (const e of s.querySelectorAll('h1,h2,h3,p,li,figure,img')) {
                   const r = e.getBoundingClientRect();
                   const below = !reflowed && (r.bottom > box.bottom + 1 || r.top < box.top - 1);
                   if (r.width && (below || r.right > box.right + 1 || r.left < box.left - 1))
                     out.push(e.tagName + ': ' + (e.textContent || e.getAttribute('alt') || '').slice(0, 40));
                   if (reflowed && r.width && /^(P|LI)$/.test(e.tagName) && parseFloat(getComputedStyle(e).fontSize) < 15.9)
                     out.push(e.tagName + ' text under 16 px: ' + getComputedStyle(e).fontSize);
                 }
                 return out;",
            )
            .await;
        assert!(overflow.is_empty(), "slide {slide} at {width}x{height} overflows: {overflow:?}");
        if let Some(dir) = &shots {
            let png = b.client.screenshot().await.unwrap();
            let name = format!("{width}x{height}-{slide:02}-{}.png", b.hash().await.replace(['#', '/'], "_"));
            std::fs::write(dir.join(name), png).unwrap();
        }
        let before = b.hash().await;
        b.press(Key::Right).await;
        if b.hash().await == before {
            break;
        }
    }
    assert_eq!(visited, total_steps, "every slide and fragment step was visited");
    assert_eq!(b.current().await, slides());
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn walks_every_slide_on_a_projector() {
    walk_the_talk(1920, 1080).await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn walks_every_slide_on_a_phone() {
    walk_the_talk(390, 844).await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn transitions_are_calm_and_off_under_reduced_motion() {
    let b = Browser::start().await;
    let durations = "return [...document.querySelectorAll('section.slide, .fragment')].map(e => parseFloat(getComputedStyle(e).transitionDuration))";
    b.open("#/1").await;
    let normal: Vec<f64> = b.eval(durations).await;
    assert!(normal.iter().all(|&d| d > 0.0 && d <= 0.5), "short fades: {normal:?}");
    b.emulate_media("prefers-reduced-motion", "reduce").await;
    let reduced: Vec<f64> = b.eval(durations).await;
    assert!(reduced.iter().all(|&d| d == 0.0), "no motion: {reduced:?}");
    // The slide changes at once: the old one is gone in the same frame.
    b.press(Key::End).await;
    let others_gone: bool = b
        .eval("return [...document.querySelectorAll('section.slide:not(.current)')].every(e => getComputedStyle(e).opacity === '0')")
        .await;
    assert!(others_gone);
    b.finish().await;
}
