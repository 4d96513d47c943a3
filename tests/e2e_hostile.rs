//! End to end: hostile input. Everything a visitor or another window can send — links, storage,
//! missing files, window sizes, thousands of random keys, clicks and swipes — and each time: no
//! panic (no crash notice), no console error, and the deck still navigates.
//! (Garbage on the sync channel: `forged_and_garbage_messages_change_nothing_and_break_nothing` in
//! tests/e2e_presenter.rs.) Same setup as tests/e2e.rs.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::key::Key;
use serde_json::json;
use support::Browser;
use support::TALK;

/// Fails unless the app is alive: no crash notice, and real key presses still move the deck.
async fn still_navigates(b: &Browser, what: &str) {
    let crashed: bool = b.eval("return !!document.querySelector('.crash')").await;
    assert!(!crashed, "{what}: the app crashed");
    b.press(Key::Home).await;
    b.wait_until(&format!("{what}: Home to reach slide 1"), "return location.hash === '#/1'").await;
    b.press(Key::Right).await;
    b.wait_until(&format!("{what}: → to move on"), "return location.hash !== '#/1'").await;
}

fn no_console_errors(errors: Vec<String>, what: &str) {
    assert!(errors.is_empty(), "{what}: console errors:\n{}", errors.join("\n"));
}

/// Hostile links: (what follows the deck's address, what the page must show). A hash that names
/// no place must land on a canonical `#/N` or `#/N/K`.
fn hostile_urls() -> Vec<(String, &'static str)> {
    let last = TALK.slides.len();
    let mut urls: Vec<(String, &str)> = [
        "#/0",
        "#/-1",
        "#/-0",
        "#/999",
        "#/18446744073709551616",
        "#/99999999999999999999999999999",
        "#/1e3",
        "#/3.5",
        "#/+5",
        "#/05",
        "#/0x10",
        "#/NaN",
        "#/Infinity",
        "#/%34",
        "#/%2F5",
        "#%2F5",
        "#/４",
        "#/٣",
        "#/%F0%9F%98%80",
        "#/%E2%80%AE5",
        "#/%00",
        "#/%",
        "#/%zz",
        "#/2/-1",
        "#/2/999",
        "#/5/1/7/9",
        "#//",
        "#////5",
        "#/ 4",
        "#/5?x=1",
        "#<script>alert(1)</script>",
        "#/%3Cimg%20src=x%20onerror=alert(1)%3E",
        "#javascript:alert(1)",
        "#/1/1/../../3",
        "?view=SPEAKER",
        "?view=speaker%00",
        "?view=<script>",
        "?auto=-5",
        "?auto=1e308",
        "?auto=NaN",
        "?auto=0.0001",
        "?%zz",
        "?=&&&=",
        "?view",
        "?prints",
        "?view=print",
    ]
    .into_iter()
    .map(|u| (u.to_string(), "deck"))
    .collect();
    urls.push((format!("#/{}", "9".repeat(5000)), "deck"));
    urls.push((format!("#/{}", "%3Cscript%3E".repeat(600)), "deck"));
    urls.push((format!("?x={}#/{last}", "a".repeat(5000)), "deck"));
    urls.push(("?view=read#/999".into(), "read"));
    urls.push(("?view=read&view=speaker#/-1".into(), "speaker"));
    urls.push(("?view=speaker#/%00/%00".into(), "speaker"));
    urls.push(("?print&notes&auto=1#/abc".into(), "print"));
    urls.push(("?print=<b>".into(), "print"));
    urls
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn fifty_hostile_links_land_somewhere_sensible() {
    let b = Browser::start().await;
    let urls = hostile_urls();
    assert!(urls.len() >= 30);
    for (url, view) in &urls {
        let shown = &url[..url.len().min(48)];
        b.open(url).await;
        let selector = match *view {
            "deck" => "html.presenting #talk > main.stage > section.slide.current",
            "read" => "html.reading #talk > main.article",
            "speaker" => ".speaker-current .preview",
            _ => ".print .print-page",
        };
        let ok: bool = b.eval(&format!("return !!document.querySelector('{selector}')")).await;
        assert!(ok, "{shown}: expected the {view} view");
        if *view == "deck" {
            let hash = b.hash().await;
            let canonical = hash.strip_prefix("#/").is_some_and(|rest| {
                rest.split('/').count() <= 2 && rest.split('/').all(|n| n.parse::<usize>().is_ok())
            });
            assert!(canonical, "{shown}: landed on {hash}");
            no_console_errors(b.console_errors().await, shown);
            still_navigates(&b, shown).await;
        }
        no_console_errors(b.console_errors().await, shown);
    }
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn corrupted_or_foreign_stored_values_are_ignored() {
    let b = Browser::start().await;
    let keys =
        ["theme", "reading-size", "notes-size", "character-keys", "timer", "sync", "rehearsal", "rehearsals"];
    let huge = "x".repeat(100_000);
    let values = [
        "",
        "null",
        "undefined",
        "-1",
        "NaN",
        "1e309",
        "[]",
        "{}",
        "true",
        "\u{0}",
        "\u{202e}dark",
        r#"{"__proto__":{"polluted":1}}"#,
        r#"{"v":1,"deck":"other","from":"x","body":{"Go":{"slide":9}}}"#,
        "<img src=x onerror=alert(1)>",
        &huge,
    ];
    for value in values {
        let shown = &value[..value.len().min(30)];
        let mut set = String::new();
        for key in keys {
            set.push_str(&format!(
                "localStorage.setItem({}, {});",
                json!(format!("cppg-deck:{key}")),
                json!(value)
            ));
        }
        set.push_str(&format!("localStorage.setItem('someone-else', {});", json!(value)));
        b.client.goto(b.base).await.unwrap();
        b.eval::<serde_json::Value>(&format!("localStorage.clear(); {set} return null")).await;
        for target in ["#/3", "?view=speaker#/3", "?view=read#/3"] {
            b.client.goto("about:blank").await.unwrap();
            b.client.goto(&format!("{}{target}", b.base)).await.unwrap();
            b.wait_for_app().await;
            no_console_errors(b.console_errors().await, &format!("{shown:?} in storage, {target}"));
        }
        b.open("#/3").await;
        still_navigates(&b, &format!("{shown:?} in storage")).await;
        let polluted: bool = b.eval("return ({}).polluted === 1").await;
        assert!(!polluted);
    }
    b.eval::<serde_json::Value>("localStorage.clear(); return null").await;
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn a_missing_picture_shows_its_alt_text_and_the_layout_holds() {
    let b = Browser::start().await;
    let (slide, src) = TALK
        .slides
        .iter()
        .enumerate()
        .find_map(|(i, s)| {
            s.body.iter().find_map(|block| match block {
                talk_compiler::Block::Figure { src, .. } => Some((i + 1, src.as_str())),
                _ => None,
            })
        })
        .expect("a slide with a figure");
    let measure =
        "const s = document.querySelector('section.slide.current'); const img = s.querySelector('img'); \
         const r = img.getBoundingClientRect(); \
         return { overflow: s.scrollHeight > s.clientHeight + 1 || s.scrollWidth > s.clientWidth + 1, \
                  loaded: img.complete && img.naturalWidth > 0, alt: img.alt, w: r.width, h: r.height, \
                  stage: document.querySelector('#talk > .stage').getBoundingClientRect().width }";
    b.open(&format!("#/{slide}")).await;
    let good: serde_json::Value = b.eval(measure).await;
    assert_eq!(good["loaded"], true);

    // The server loses the picture; the offline copy the service worker made goes too.
    support::make_missing(&[src]);
    b.eval::<serde_json::Value>(
        "return Promise.all([navigator.serviceWorker.getRegistrations().then(rs => Promise.all(rs.map(r => r.unregister()))), \
         caches.keys().then(ks => Promise.all(ks.map(k => caches.delete(k))))]).then(() => null)",
    )
    .await;
    b.open(&format!("#/{slide}")).await;
    b.wait_until(
        "the picture to fail",
        "const i = document.querySelector('section.slide.current img'); return i.complete",
    )
    .await;
    let broken: serde_json::Value = b.eval(measure).await;
    assert_eq!(broken["loaded"], false, "{src} was blocked");
    assert!(!broken["alt"].as_str().unwrap_or_default().is_empty(), "alt text to show");
    assert!(
        broken["w"].as_f64().unwrap() > 0.0 && broken["h"].as_f64().unwrap() > 0.0,
        "the alt text takes room"
    );
    assert_eq!(broken["overflow"], false, "the slide still fits its box");
    assert_eq!(broken["stage"], good["stage"], "the stage keeps its size");
    // The one error allowed is the browser's own report of the missing file.
    for error in b.console_errors().await {
        assert!(error.contains(src) || error.contains("404"), "unexpected: {error}");
    }
    support::make_missing(&[]);
    still_navigates(&b, "after a missing picture").await;
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn a_resize_storm_leaves_a_sound_layout() {
    let b = Browser::start().await;
    b.open("#/5").await;
    let sizes = [
        (320, 568),
        (1920, 1080),
        (390, 844),
        (3840, 2160),
        (1024, 300),
        (300, 1024),
        (1366, 768),
        (800, 800),
    ];
    for i in 0..60 {
        let (w, h) = sizes[i % sizes.len()];
        b.client.set_window_size(w, h).await.unwrap();
        if i % 5 == 0 {
            b.press(if i % 10 == 0 { Key::Right } else { Key::Left }).await;
        }
    }
    b.set_inner_size(1280, 720).await;
    b.wait_until("the layout to settle", "return new Promise(r => requestAnimationFrame(() => r(true)))")
        .await;
    let layout: serde_json::Value = b
        .eval(
            "const st = document.querySelector('.stage').getBoundingClientRect(); \
             const s = document.querySelector('section.slide.current'); \
             return { w: st.width, h: st.height, overflow: s.scrollHeight > s.clientHeight + 1, \
                      viewport: [innerWidth, innerHeight] }",
        )
        .await;
    let (w, h) = (layout["w"].as_f64().unwrap(), layout["h"].as_f64().unwrap());
    let viewport = &layout["viewport"];
    assert!(
        (w - 1280.0).abs() < 1.0 && (h - 720.0).abs() < 1.0,
        "16:9 stage fills 1280×720: {w}×{h} in {viewport}"
    );
    assert_eq!(layout["overflow"], false);
    no_console_errors(b.console_errors().await, "resize storm");
    still_navigates(&b, "after a resize storm").await;
    b.finish().await;
}

/// 10,000 random inputs from a seeded generator (the seed is printed, so a failure replays):
/// key presses with random modifiers (every bound key, and others), clicks anywhere (not on
/// links that leave the deck) and swipes.
const STORM: &str = r#"
const [seed, count] = arguments;
let state = seed >>> 0;
const rand = () => { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state / 4294967296; };
const pick = list => list[Math.floor(rand() * list.length)];
const keys = ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', ' ', 'PageUp', 'PageDown', 'Home', 'End',
  'Enter', 'Escape', 'Tab', 'Backspace', 'Delete', 'F1', 'F5', 'F11', 'Dead', 'Unidentified', 'Process',
  'n', 'p', 'o', 'b', 'w', '.', 's', 'f', 'g', '/', 'k', 'r', 'h', '?', 't', 'a', 'z', 'é', 'ß', '٣',
  '0', '1', '2', '3', '5', '9', '99', '', '\u0000', '🙂'];
return (async () => {
  for (let i = 0; i < count; i++) {
    const r = rand();
    const w = innerWidth, h = innerHeight;
    if (r < 0.6) {
      const key = pick(keys);
      const init = { key, code: key, bubbles: true, cancelable: true, shiftKey: rand() < 0.2,
                     ctrlKey: rand() < 0.1, altKey: rand() < 0.05, metaKey: rand() < 0.05, repeat: rand() < 0.1 };
      const target = document.activeElement || document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', init));
      target.dispatchEvent(new KeyboardEvent('keyup', init));
    } else if (r < 0.85) {
      const el = document.elementFromPoint(rand() * w, rand() * h);
      if (el && !el.closest('a[href]')) el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, clientX: rand() * w, clientY: rand() * h }));
      if (el && rand() < 0.3) el.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    } else {
      const x0 = rand() * w, y0 = rand() * h, x1 = rand() * w, y1 = y0 + (rand() - 0.5) * 60;
      const target = document.elementFromPoint(x0, y0) || document.body;
      const touch = (x, y) => new Touch({ identifier: i, target, clientX: x, clientY: y });
      target.dispatchEvent(new TouchEvent('touchstart', { bubbles: true, cancelable: true, touches: [touch(x0, y0)], changedTouches: [touch(x0, y0)] }));
      target.dispatchEvent(new TouchEvent('touchend', { bubbles: true, cancelable: true, touches: [], changedTouches: [touch(x1, y1)] }));
    }
    // Let the app render now and then, as real input would.
    if (i % 25 === 0) await new Promise(r => setTimeout(r, 0));
  }
  return location.href;
})();
"#;

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn ten_thousand_random_keys_clicks_and_swipes_break_nothing() {
    let b = Browser::start().await;
    b.open("#/2").await;
    let handle = b.client.window().await.unwrap();
    let seed: u32 = std::env::var("STORM_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20230612);
    println!("random input seed {seed} (STORM_SEED replays it)");
    b.client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(std::time::Duration::from_secs(240)),
            None,
            None,
        ))
        .await
        .unwrap();
    b.client.execute(STORM, vec![json!(seed), json!(10_000)]).await.unwrap();
    // Popups a click may have opened (the speaker view): close them, come back.
    for window in b.client.windows().await.unwrap() {
        if window != handle {
            b.client.switch_to_window(window).await.unwrap();
            b.client.close_window().await.unwrap();
        }
    }
    b.client.switch_to_window(handle).await.unwrap();
    // Back to the slides: whatever view or overlay the storm left open.
    b.open("#/2").await;
    no_console_errors(b.console_errors().await, &format!("random input, seed {seed}"));
    still_navigates(&b, &format!("random input, seed {seed}")).await;
    b.finish().await;
}
