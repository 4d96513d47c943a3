//! The three tiers in a real browser: the address read the same way by the first frame and by the
//! Rust core (on a shared table of addresses and of queries), the stage presenting the talk on its
//! own while the app is unreachable, and a storm of presses across the handoff from the stage to
//! the app ending where `deck_core::nav` says the same presses must.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use deck_core::contract::{class, id, program, script};
use deck_core::deck::{Deck, Slide};
use deck_core::nav::{self, Command, Position};
use deck_core::url::{self, View};
use fantoccini::actions::{InputSource, PointerAction, TouchActions};
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;
use support::{Browser, TALK};

/// The talk's shape as the stage and the app read it from the page.
fn deck() -> Deck {
    Deck {
        title: TALK.title.clone(),
        duration_minutes: TALK.duration_minutes,
        slides: TALK
            .slides
            .iter()
            .map(|s| Slide {
                name: s.id.clone(),
                title: s.title.clone(),
                steps: usize::from(s.steps),
                ..Slide::default()
            })
            .collect(),
    }
}

/// The shared table: at least a hundred addresses, valid and not.
fn addresses() -> Vec<String> {
    let mut table: Vec<String> =
        ["", "#", "#/", "#//", "#///", "#/ ", "#/3 ", "# /3", "#/ 3"].iter().map(|s| s.to_string()).collect();
    for n in ["0", "1", "2", "5", "6", "9", "10", "17", "18", "19", "20", "99", "999", "007", "4294967296"] {
        table.push(format!("#/{n}"));
    }
    table.push(format!("#/{}", "9".repeat(30)));
    for (n, k) in [("6", "0"), ("6", "1"), ("6", "2"), ("6", "4"), ("6", "99"), ("6", "-1"), ("6", "abc")] {
        table.push(format!("#/{n}/{k}"));
    }
    for k in ["", "/", "/x", "//2", "/2/", "/2/x", "/2/3/4", "/1e1", "/0x1", "/+1", "/%31"] {
        table.push(format!("#/6{k}"));
    }
    table.push(format!("#/6/{}", "9".repeat(25)));
    for bad in [
        "-1",
        "-0",
        "--3",
        "-",
        "+3",
        "3abc",
        "3.5",
        "3,5",
        "1e1",
        "0x3",
        "abc",
        "%33",
        "%2F3",
        "٣",
        "３",
        "³",
        "¾",
        "3\u{a0}",
        "Three",
        "slide-3",
        "null",
        "undefined",
        "NaN",
        "Infinity",
        "&#51;",
        "<b>3</b>",
        "3#4",
    ] {
        table.push(format!("#/{bad}"));
    }
    for without_slash in ["3", "6/2", "-2", "x"] {
        table.push(format!("#{without_slash}"));
    }
    for slide in &TALK.slides {
        table.push(format!("#/{}", slide.id));
    }
    for slide in TALK.slides.iter().filter(|s| s.steps > 0) {
        table.push(format!("#/{}/1", slide.id));
        table.push(format!("#/{}/99", slide.id));
        table.push(format!("#{}", slide.id));
    }
    let first = &TALK.slides[1].id;
    for variant in [
        first.to_uppercase(),
        format!("{first}x"),
        format!(" {first}"),
        format!("{first}/"),
        format!("{first}//1"),
    ] {
        table.push(format!("#/{variant}"));
    }
    assert!(table.len() >= 100, "the table has {} addresses", table.len());
    table
}

/// Queries and the face each asks for, by `url::parse_query` (the query table).
fn queries() -> Vec<String> {
    [
        "",
        "?",
        "??",
        "?view=read",
        "?view=speaker",
        "?print",
        "?print&notes",
        "?print=1",
        "?view=read&print",
        "?print&view=read",
        "?view=read&view=speaker",
        "?view=speaker&view=read",
        "?view",
        "?view=",
        "?view=READ",
        "?view=read=1",
        "?view=reading",
        "?xview=read",
        "?views=read",
        "?auto=8",
        "?auto=8&view=read",
        "??view=read",
        "?&view=read&",
        "?view=read%20",
        "?view=%72ead",
        "?print&ink",
        "?notes",
        "?prints",
        "?x=print",
        "?view=speaker&auto=5",
    ]
    .iter()
    .map(|q| q.to_string())
    .collect()
}

fn face_of(view: View) -> &'static str {
    match view {
        View::Deck => class::PRESENTING,
        View::Read => class::READING,
        View::Speaker | View::Print => class::APP_ONLY,
    }
}

/// A script that gives the slide on screen (0-based) and its fragments shown, as `[slide, step]`,
/// or `[]` unless exactly one slide is current.
fn current_place() -> String {
    format!(
        "const c = [...document.querySelectorAll('#{talk} > main > section.{current}')]; \
         return c.length === 1 ? [+c[0].dataset.index - 1, c[0].querySelectorAll('.{fragment}.{shown}').length] : []",
        talk = id::TALK,
        current = class::CURRENT,
        fragment = class::FRAGMENT,
        shown = class::SHOWN,
    )
}

/// The app's files (wasm and JS), which a test can make unreachable.
fn app_files() -> Vec<String> {
    let names: Vec<String> = std::fs::read_dir(support::dist())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.starts_with(&format!("{}-", program::APP)) && (n.ends_with(".js") || n.ends_with(".wasm"))
        })
        .collect();
    assert_eq!(names.len(), 2, "the app's JS and wasm: {names:?}");
    names
}

/// Console errors, but for the failed loads of the files this test made unreachable.
async fn errors_but_blocked(b: &Browser, blocked: &[String]) -> Vec<String> {
    let errors = b.console_errors().await;
    errors.into_iter().filter(|e| !blocked.iter().any(|f| e.contains(f.as_str()))).collect()
}

/// The first-frame script, run again on the live page at each address of the table (the same
/// code, allowed by the policy's hash), paints exactly where the core decodes the address, which
/// is where the stage and the app start. Then a few real loads with both programs running show
/// that no address paints one slide and then jumps to another.
#[tokio::test]
#[ignore = "needs dist/ and a WebDriver: run by `.ci/deck test`"]
async fn every_address_paints_where_the_programs_start() {
    let b = Browser::start().await;
    let deck = deck();
    let blocked: Vec<String> = vec![".wasm".into()];
    support::make_missing(&[".wasm"]);
    b.client.goto(b.base).await.unwrap();
    b.wait_until("the page", "return document.readyState === 'complete'").await;
    let mut checked = 0;
    for address in addresses() {
        let painted: Vec<serde_json::Value> = b
            .client
            .execute(
                &format!(
                    "history.replaceState(null, '', location.pathname + arguments[0]); \
                     const s = document.createElement('script'); s.textContent = arguments[1]; document.body.append(s); s.remove(); \
                     const c = [...document.querySelectorAll('#{talk} > main > section.{current}')]; \
                     return [location.hash, c.length === 1 ? +c[0].dataset.index - 1 : -1, c.length === 1 ? c[0].querySelectorAll('.{fragment}.{shown}').length : -1]",
                    talk = id::TALK,
                    current = class::CURRENT,
                    fragment = class::FRAGMENT,
                    shown = class::SHOWN,
                ),
                vec![json!(address), json!(script::first_frame())],
            )
            .await
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        // What the browser made of the address (it percent-encodes some characters) is what both
        // readers get.
        let hash = painted[0].as_str().unwrap().to_string();
        let at = url::decode(&hash, &deck);
        let seen = (painted[1].as_i64().unwrap(), painted[2].as_i64().unwrap());
        assert_eq!(
            seen,
            (at.slide as i64, at.step as i64),
            "{address:?} (as {hash:?}) paints {seen:?}, the core says {at:?}"
        );
        checked += 1;
    }
    assert!(checked >= 100);

    // The face, the same way: the head script against `url::parse_query`.
    for query in queries() {
        let face: String = b
            .client
            .execute(
                &format!(
                    "history.replaceState(null, '', location.pathname + arguments[0]); const h = document.documentElement; \
                     h.classList.remove('{presenting}', '{reading}', '{app_only}'); \
                     const s = document.createElement('script'); s.textContent = arguments[1]; document.head.append(s); s.remove(); \
                     return [location.search, ['{presenting}', '{reading}', '{app_only}'].filter(f => h.classList.contains(f)).join(' ')]",
                    presenting = class::PRESENTING,
                    reading = class::READING,
                    app_only = class::APP_ONLY,
                ),
                vec![json!(query), json!(script::head())],
            )
            .await
            .unwrap()
            .as_array()
            .map(|a| format!("{}|{}", a[0].as_str().unwrap(), a[1].as_str().unwrap()))
            .unwrap();
        let (search, painted) = face.split_once('|').unwrap();
        let wanted = face_of(url::parse_query(search).view);
        assert_eq!(painted, wanted, "{query:?} (as {search:?}) shows {painted:?}, the core says {wanted:?}");
    }
    let errors = errors_but_blocked(&b, &blocked).await;
    assert!(errors.is_empty(), "console errors: {errors:?}");

    // Real loads with the stage and the app: every slide marked current, from the first frame to
    // the app's start and a frame after, is the one the core decodes.
    support::make_missing(&[]);
    b.before_each_load(&format!(
        "window.__painted = []; const note = () => {{ const c = document.querySelector('#{talk} > main > section.{current}'); \
         if (c && window.__painted[window.__painted.length - 1] !== c.dataset.index) window.__painted.push(c.dataset.index); }}; \
         new MutationObserver(note).observe(document, {{ subtree: true, attributes: true, attributeFilter: ['class'] }}); \
         document.addEventListener('readystatechange', note);",
        talk = id::TALK,
        current = class::CURRENT,
    ))
    .await;
    for address in ["#/6/2", "#/3abc", "#/999", "#/-4", "#/vienna-1961", "#/great-powers/9", "#//2", "#/%36"]
    {
        b.open(address).await;
        b.after_paint().await;
        let painted: Vec<String> = b.eval("return window.__painted").await;
        let at = url::decode(address, &deck);
        assert_eq!(
            painted,
            vec![(at.slide + 1).to_string()],
            "{address}: slides painted from first frame to the app"
        );
    }
    b.finish().await;
}

/// With the app unreachable, the stage alone presents the whole talk: keys and a clicker, its
/// buttons, swipes, fragments, the address (reload, links, back and forward), the tab's title and
/// the live region.
#[tokio::test]
#[ignore = "needs dist/ and a WebDriver: run by `.ci/deck test`"]
async fn the_stage_presents_the_talk_while_the_app_is_away() {
    let b = Browser::start().await;
    let blocked = app_files();
    let names: Vec<&str> = blocked.iter().map(String::as_str).collect();
    support::make_missing(&names);
    let deck = deck();
    let open = |hash: &'static str| {
        let b = &b;
        async move {
            b.client.goto("about:blank").await.unwrap();
            b.client.goto(&format!("{}{hash}", b.base)).await.unwrap();
            b.wait_until(
                "the stage",
                &format!("return document.documentElement.classList.contains('{}')", class::STAGED),
            )
            .await;
        }
    };
    let place = || async {
        let at: Vec<i64> = b.eval(&current_place()).await;
        Position::new(at[0] as usize, at[1] as usize)
    };
    let live = || async {
        b.eval::<String>(&format!("return document.getElementById('{}').textContent", id::LIVE)).await
    };

    open("#/1").await;
    assert_eq!(place().await, Position::START);
    assert!(
        !b.eval::<bool>(&format!("return document.documentElement.classList.contains('{}')", class::LIVE))
            .await
    );
    assert_eq!(live().await, deck.announcement(None, Position::START, None));
    // Keys and a clicker, every one of them, against the core.
    let mut at = Position::START;
    for (key, command) in [
        (Key::Right, Command::Next),
        (Key::PageDown, Command::Next),
        (Key::Down, Command::Next),
        (Key::Left, Command::Prev),
        (Key::PageUp, Command::Prev),
        (Key::End, Command::Last),
        (Key::Up, Command::Prev),
        (Key::Home, Command::First),
    ] {
        b.press(key).await;
        at = nav::apply(&deck, at, command);
        assert_eq!(place().await, at, "after {key:?}");
    }
    b.type_char(' ', false).await;
    b.type_char('n', false).await;
    at = nav::apply(&deck, nav::apply(&deck, at, Command::Next), Command::Next);
    assert_eq!(place().await, at, "Space and N");
    // A number, then Enter.
    b.type_char('1', false).await;
    b.type_char('2', false).await;
    b.press(Key::Enter).await;
    at = Position::new(11, 0);
    assert_eq!(place().await, at);
    assert_eq!(b.hash().await, "#/12");
    assert_eq!(b.eval::<String>("return document.title").await, deck.document_title(11));
    assert_eq!(live().await, deck.announcement(None, at, None));

    // Fragments, announced as they appear.
    let stepped = TALK.slides.iter().position(|s| s.steps >= 2).unwrap();
    open(Box::leak(format!("#/{}", stepped + 1).into_boxed_str())).await;
    b.press(Key::Right).await;
    assert_eq!(place().await, Position::new(stepped, 1));
    assert_eq!(b.hash().await, format!("#/{}/1", stepped + 1));
    let words: String = b
        .eval(&format!(
            "return document.querySelector('#{} .current .{}[data-step=\"1\"]').textContent",
            id::TALK,
            class::FRAGMENT
        ))
        .await;
    assert_eq!(
        live().await.split_whitespace().collect::<Vec<_>>(),
        words.split_whitespace().collect::<Vec<_>>()
    );
    b.press(Key::Left).await;
    assert_eq!(place().await, Position::new(stepped, 0));

    // Its buttons, and swipes (on slide 2, which has no fragments).
    open("#/3").await;
    let third = Position::new(2, 0);
    b.client.find(Locator::Id(id::STAGE_NEXT)).await.unwrap().click().await.unwrap();
    assert_eq!(place().await, nav::apply(&deck, third, Command::Next));
    b.client.find(Locator::Id(id::STAGE_PREV)).await.unwrap().click().await.unwrap();
    assert_eq!(place().await, third);
    let counter: String =
        b.eval(&format!("return document.getElementById('{}').textContent", id::STAGE_COUNTER)).await;
    assert_eq!(counter, format!("3 / {}", TALK.slides.len()));
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
    assert_eq!(TALK.slides[1].steps, 0);
    open("#/2").await;
    b.client.perform_actions(swipe(-300.0)).await.unwrap();
    b.wait_for_hash("#/3").await;
    b.client.perform_actions(swipe(300.0)).await.unwrap();
    b.wait_for_hash("#/2").await;

    // The address: reload keeps the place, a link moves the deck, back and forward walk it.
    open("#/4").await;
    assert_eq!(TALK.slides[3].steps, 0);
    b.client.refresh().await.unwrap();
    b.wait_until(
        "the stage",
        &format!("return document.documentElement.classList.contains('{}')", class::STAGED),
    )
    .await;
    assert_eq!(place().await, Position::new(3, 0), "reload keeps the place");
    b.eval::<serde_json::Value>("location.hash = '#/9'; return null").await;
    b.wait_until(
        "the link's slide",
        "return document.querySelector('section.slide.current').dataset.index === '9'",
    )
    .await;
    b.press(Key::Right).await;
    b.wait_for_hash("#/10").await;
    b.client.back().await.unwrap();
    b.wait_for_hash("#/9").await;
    assert_eq!(place().await, Position::new(8, 0));
    b.client.back().await.unwrap();
    b.wait_for_hash("#/4").await;
    assert_eq!(place().await, Position::new(3, 0));
    b.client.forward().await.unwrap();
    b.wait_for_hash("#/9").await;
    assert_eq!(place().await, Position::new(8, 0));
    // A bad address lands where the core says, and is replaced by where it landed.
    b.eval::<serde_json::Value>("location.hash = '#/3.5'; return null").await;
    b.wait_for_hash("#/1").await;
    assert_eq!(place().await, Position::START);

    let errors = errors_but_blocked(&b, &blocked).await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    support::make_missing(&[]);
    b.client.close().await.unwrap();
}

/// Presses keep coming while the app arrives late and takes over from the stage: none is lost and
/// none applied twice. The deck ends where the same presses, applied to the core, say it must.
#[tokio::test]
#[ignore = "needs dist/ and a WebDriver: run by `.ci/deck test`"]
async fn a_storm_of_presses_across_the_handoff_ends_where_the_core_says() {
    let b = Browser::start().await;
    let deck = deck();
    let wasm = app_files().into_iter().find(|f| f.ends_with(".wasm")).unwrap();
    support::make_slow(&wasm, std::time::Duration::from_millis(1500));
    // From the moment the stage is live, a press every few milliseconds (a seeded mix of the keys
    // that move the deck), through the handoff, until 40 presses after the app has taken over.
    b.before_each_load(&format!(
        "window.__storm = {{ keys: [], before: 0, after: 0, done: false }}; \
         const keys = ['ArrowRight', 'ArrowRight', ' ', 'PageDown', 'ArrowLeft', 'PageUp', 'n', 'p', 'ArrowDown', 'ArrowUp']; \
         let seed = 20261202; const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648); \
         const press = () => {{ \
           const h = document.documentElement, s = window.__storm; \
           if (!s.started && !h.classList.contains('{staged}')) return setTimeout(press, 2); \
           s.started = true; \
           if (h.classList.contains('{live}')) {{ if (s.after >= 40) {{ s.done = true; return; }} s.after++; }} else s.before++; \
           const key = keys[next() % keys.length]; s.keys.push(key); \
           document.body.dispatchEvent(new KeyboardEvent('keydown', {{ key, bubbles: true, cancelable: true }})); \
           setTimeout(press, 3 + next() % 6); }}; \
         document.addEventListener('DOMContentLoaded', press);",
        staged = class::STAGED,
        live = class::LIVE,
    ))
    .await;
    b.client.goto(&format!("{}#/1", b.base)).await.unwrap();
    b.wait_for_app().await;
    b.wait_until("the storm to end", "return window.__storm.done").await;
    b.after_paint().await;
    let storm: serde_json::Value = b.eval("return window.__storm").await;
    let (before, after) = (storm["before"].as_u64().unwrap(), storm["after"].as_u64().unwrap());
    assert!(before >= 20, "the storm began well before the app arrived ({before} presses)");
    assert_eq!(after, 40);
    let mut at = Position::START;
    for key in storm["keys"].as_array().unwrap() {
        let command = match key.as_str().unwrap() {
            "ArrowRight" | " " | "PageDown" | "n" | "ArrowDown" => Command::Next,
            _ => Command::Prev,
        };
        at = nav::apply(&deck, at, command);
    }
    let seen: Vec<i64> = b.eval(&current_place()).await;
    assert_eq!(seen, vec![at.slide as i64, at.step as i64], "{before} presses before the app, {after} after");
    assert_eq!(b.hash().await, url::encode(at));
    support::make_slow("", std::time::Duration::ZERO);
    b.finish().await;
}
