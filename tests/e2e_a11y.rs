//! End to end: accessibility, audited. axe-core (the npm package; `.ci/deck test` installs it, or
//! set `AXE_CORE` to its axe.min.js) must report no violation in any view, in light and in dark;
//! a keyboard-only walk reaches every control with a visible focus ring, never hidden behind
//! something else, and focus is never lost on a slide change or behind an overlay (WCAG 2.4.11).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::key::Key;
use support::Browser;

fn axe_source() -> String {
    let path = std::env::var("AXE_CORE").unwrap_or_else(|_| {
        let home = std::env::var("HOME").unwrap_or_default();
        let cache = std::env::var("XDG_CACHE_HOME").unwrap_or_else(|_| format!("{home}/.cache"));
        format!("{cache}/cppg-deck/tools/node_modules/axe-core/axe.min.js")
    });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core at {path}: {e} (`.ci/deck test` installs it)"))
}

/// axe-core's violations on the page as it is now, one line each.
async fn violations(b: &Browser, axe: &str) -> Vec<String> {
    // WebDriver's script runs as the browser's own, outside the page's CSP.
    let loaded: bool = b.eval(&format!("{axe}\n;return typeof axe === 'object'")).await;
    assert!(loaded, "axe-core did not load");
    b.eval(
        "return axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => \
         `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | ')}`))",
    )
    .await
}

#[tokio::test]
#[ignore = "needs dist/, axe-core and chromedriver: run by `.ci/deck test`"]
async fn axe_finds_nothing_in_any_view_light_or_dark() {
    let axe = axe_source();
    let b = Browser::start().await;
    let grid = support::TALK.slides.iter().position(|s| s.id == "objectives").unwrap() + 1;
    let mut found = Vec::new();
    for scheme in ["light", "dark"] {
        b.emulate_media("prefers-color-scheme", scheme).await;
        let views: [(&str, &str, Option<char>); 8] = [
            ("presenting, title", "#/1", None),
            ("presenting, grid", &format!("#/{grid}") as &str, None),
            ("presenting, fragments", "#/3/2", None),
            ("overview", "#/4", Some('o')),
            ("help", "#/4", Some('?')),
            ("search", "#/4", Some('g')),
            ("speaker", "?view=speaker#/3", None),
            ("reading", "?view=read#/5", None),
        ];
        for (name, target, key) in views {
            b.open(target).await;
            if let Some(key) = key {
                b.type_char(key, key == '?').await;
                b.wait_until(&format!("{name} to open"), "return !!document.querySelector('dialog:modal')")
                    .await;
                if key == 'g' {
                    b.client.active_element().await.unwrap().send_keys("science").await.unwrap();
                    b.wait_until(
                        "search results",
                        "return document.querySelectorAll('.search-results li').length > 0",
                    )
                    .await;
                }
            }
            // Let fades finish: axe must judge the colours as they end up.
            b.wait_until(
                "fades to end",
                "return document.getAnimations().every(a => a.playState !== 'running')",
            )
            .await;
            for v in violations(&b, &axe).await {
                found.push(format!("{scheme} / {name}: {v}"));
            }
        }
        // The speaker view's pace and rehearsals: while one runs, and the last one's table with
        // its minutes: lines offered (a rehearsal kept as the app keeps it).
        let slides: Vec<serde_json::Value> = support::TALK
            .slides
            .iter()
            .enumerate()
            .map(|(i, s)| serde_json::json!({ "name": s.id, "seconds": 30 * i }))
            .collect();
        let record = serde_json::json!([{ "version": 1, "deck": support::TALK.title, "finished_at": 1,
            "jumps": 1, "slides": slides }]);
        b.open("?view=speaker#/3").await;
        let keep = format!(
            "localStorage.setItem('cppg-deck:rehearsals', {}); return true",
            serde_json::json!(record.to_string())
        );
        assert!(b.eval::<bool>(&keep).await);
        b.open("?view=speaker#/3").await;
        let steps = [
            ("speaker, rehearsing", "document.getElementById('rehearse-start').click()", "!document.getElementById('rehearsal-status').hidden"),
            // Stopped, its table opens if it timed a second; else the last one's is opened.
            ("speaker, a rehearsal's table", "document.getElementById('rehearse-stop').click(); \
              if (document.getElementById('rehearsal-report').hidden) document.getElementById('rehearsal-last').click()",
             "!document.getElementById('rehearsal-report').hidden"),
            ("speaker, its minutes: lines copied or shown", "document.getElementById('copy-minutes').click()",
             "document.getElementById('report-copied').textContent !== '' || !document.getElementById('minutes-fallback').hidden"),
        ];
        for (name, act, done) in steps {
            assert!(b.eval::<bool>(&format!("{act}; return true")).await);
            b.wait_until(&format!("{name} to show"), &format!("return {done}")).await;
            for v in violations(&b, &axe).await {
                found.push(format!("{scheme} / {name}: {v}"));
            }
        }
        b.eval::<bool>("localStorage.clear(); return true").await;
    }
    assert!(found.is_empty(), "axe-core violations:\n{}", found.join("\n"));
    b.finish().await;
}

/// What has focus now: a description, and whether its focus ring shows, whether it is on screen
/// and not covered by anything else.
const FOCUSED: &str = "const e = document.activeElement; \
    if (!e || e === document.body) return null; \
    const s = getComputedStyle(e); const r = e.getBoundingClientRect(); \
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; \
    const x = r.left + r.width / 2, y = r.top + r.height / 2; \
    const top = document.elementFromPoint(x, y); \
    const onScreen = r.width > 0 && r.height > 0 && x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight; \
    return { name: (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 40), \
             style: `${s.outlineStyle} ${s.outlineWidth} focus-visible=${e.matches(':focus-visible')}`, \
             ring, onScreen, uncovered: !!top && (top === e || e.contains(top)) };";

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn the_keyboard_reaches_every_control_with_a_visible_ring_and_never_loses_focus() {
    let b = Browser::start().await;
    b.open("#/3").await;
    let controls: Vec<String> = b
        .eval("return [...document.querySelectorAll('.controls button, .read-offer')].filter(e => e.getClientRects().length).map(e => (e.getAttribute('aria-label') || e.textContent).trim())")
        .await;
    let mut reached = Vec::new();
    // Until every control has had focus (leaving the page through the browser's own UI is not
    // part of the walk).
    for _ in 0..controls.len() + 4 {
        if controls.iter().all(|c| reached.contains(c)) {
            break;
        }
        b.press(Key::Tab).await;
        let focused: serde_json::Value = b.eval(FOCUSED).await;
        if focused.is_null() {
            continue;
        }
        let name = focused["name"].as_str().unwrap_or_default().to_string();
        assert_eq!(focused["ring"], true, "{name}: no visible focus ring ({})", focused["style"]);
        assert_eq!(focused["onScreen"], true, "{name}: focused off screen");
        assert_eq!(focused["uncovered"], true, "{name}: focused but covered");
        reached.push(name);
    }
    for control in &controls {
        assert!(reached.contains(control), "Tab never reached {control}; reached {reached:?}");
    }

    // A slide change from a focused button keeps focus on it.
    b.open("#/1").await;
    let next = b.client.find(fantoccini::Locator::Css(".controls .next")).await.unwrap();
    b.eval::<serde_json::Value>("document.querySelector('.controls .next').focus(); return null").await;
    for _ in 0..3 {
        next.send_keys("\u{E007}").await.unwrap(); // Enter
    }
    b.wait_until("three steps on", "return location.hash !== '#/1'").await;
    let still: bool =
        b.eval("return document.activeElement === document.querySelector('.controls .next')").await;
    assert!(still, "focus left the Next button on a slide change");

    // An overlay takes focus, never lets Tab reach what it covers, and gives the focus back. Past
    // its last control, Tab may leave the page for the browser's own controls (a native modal
    // dialog lets it: nothing in the page has the focus then), and comes back into the dialog.
    b.eval::<serde_json::Value>("document.querySelector('.controls .open-help').focus(); return null").await;
    b.press(Key::Enter).await;
    b.wait_until("the help", "return !!document.querySelector('dialog.help:modal')").await;
    b.wait_until("focus in the help", "return !!document.activeElement.closest('dialog')").await;
    let mut inside = 0;
    for _ in 0..6 {
        b.press(Key::Tab).await;
        let place: String = b
            .eval(
                "const e = document.activeElement; \
                 return e.closest('dialog') ? 'dialog' : e === document.body ? 'browser' : e.outerHTML.slice(0, 80)",
            )
            .await;
        assert!(
            place == "dialog" || place == "browser",
            "Tab left the open dialog for what it covers: {place}"
        );
        if place == "dialog" {
            inside += 1;
            let focused: serde_json::Value = b.eval(FOCUSED).await;
            assert_eq!(focused["uncovered"], true, "{focused}");
        }
    }
    assert!(inside >= 3, "Tab came back into the dialog only {inside} times in 6");
    b.press(Key::Escape).await;
    b.wait_until(
        "focus back on the help button",
        "return document.activeElement === document.querySelector('.controls .open-help')",
    )
    .await;
    b.finish().await;
}

/// The dialogs are the browser's own modal dialogs, and close as those do, from real input: Esc
/// with the focus in the search box's field (a key the app leaves to fields), and a click on the
/// backdrop. Each gives the focus back, and the app knows it closed.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn dialogs_close_on_esc_in_their_field_and_on_a_click_outside() {
    use fantoccini::actions::{InputSource, MouseActions, PointerAction};
    let b = Browser::start().await;
    b.open("#/3").await;
    let opener = "return document.activeElement === document.querySelector('.controls .open-help')";
    b.eval::<serde_json::Value>("document.querySelector('.controls .open-help').focus(); return null").await;
    b.type_char('g', false).await;
    b.wait_until("the search box", "return document.activeElement.id === 'search-input'").await;
    b.client.active_element().await.unwrap().send_keys("science").await.unwrap();
    b.wait_until("results", "return document.querySelectorAll('.search-results li').length > 0").await;
    // A search field's first Esc may empty it (the browser's own behaviour); then Esc closes.
    b.press(Key::Escape).await;
    b.wait_until(
        "Esc to empty the field or close the box",
        "const i = document.getElementById('search-input'); return !i || i.value === ''",
    )
    .await;
    let open: bool = b.eval("return !!document.querySelector('.search')").await;
    if open {
        b.press(Key::Escape).await;
    }
    b.wait_until("Esc in the field to close the search box", "return !document.querySelector('.search')")
        .await;
    b.wait_until("the focus back where it was", opener).await;
    // The app knows: G opens it again.
    b.type_char('g', false).await;
    b.wait_until("the search box again", "return !!document.querySelector('dialog.search:modal')").await;
    b.press(Key::Escape).await;
    b.wait_until("the search box to close", "return !document.querySelector('.search')").await;

    // A click on the backdrop closes the help; one in the help does not.
    b.type_char('?', true).await;
    b.wait_until("the help", "return !!document.querySelector('dialog.help:modal')").await;
    let click = |x: f64, y: f64| {
        MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo { duration: None, x, y })
            .then(PointerAction::Down { button: 0 })
            .then(PointerAction::Up { button: 0 })
    };
    // In its box, on its padding (the help opens scrolled to its Close button): it stays open.
    let [x, y]: [f64; 2] = b
        .eval("const r = document.querySelector('.help').getBoundingClientRect(); return [r.x + 4, r.y + 4]")
        .await;
    b.client.perform_actions(click(x.round(), y.round())).await.unwrap();
    let still: bool = b.eval("return !!document.querySelector('dialog.help:modal')").await;
    assert!(still, "a click in the help closed it");
    b.client.perform_actions(click(4.0, 4.0)).await.unwrap();
    b.wait_until("a click outside to close the help", "return !document.querySelector('.help')").await;
    assert_eq!(b.hash().await, "#/3", "the click did nothing else");
    b.finish().await;
}
