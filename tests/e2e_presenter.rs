//! End to end, presenting with two windows: the audience deck and the speaker view in one browser,
//! kept together over BroadcastChannel (or the storage event), driven from either side.
//! Needs `dist/` and chromedriver, like `e2e.rs`; run by `.ci/deck test` with `--ignored`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::wd::WindowHandle;
use support::Browser;
use support::TALK;

struct Pair {
    b: Browser,
    audience: WindowHandle,
    speaker: WindowHandle,
}

impl Pair {
    /// The audience at `#/1` in one window, the speaker view in another.
    async fn open(inject: Option<&str>) -> Pair {
        let b = Browser::start().await;
        let audience = b.client.window().await.unwrap();
        if let Some(script) = inject {
            b.before_each_load(script).await;
        }
        b.open("#/1").await;
        let speaker = b.client.new_window(false).await.unwrap().handle;
        b.client.switch_to_window(speaker.clone()).await.unwrap();
        if let Some(script) = inject {
            b.before_each_load(script).await;
        }
        b.open("?view=speaker#/1").await;
        Pair { b, audience, speaker }
    }

    async fn to_audience(&self) {
        self.b.client.switch_to_window(self.audience.clone()).await.unwrap();
    }

    async fn to_speaker(&self) {
        self.b.client.switch_to_window(self.speaker.clone()).await.unwrap();
    }

    /// Both windows show `hash`.
    async fn both_at(&self, hash: &str) {
        self.to_audience().await;
        self.b.wait_for_hash(hash).await;
        self.to_speaker().await;
        self.b.wait_for_hash(hash).await;
    }

    async fn finish(self) {
        self.to_audience().await;
        let audience_errors = self.b.console_errors().await;
        assert!(audience_errors.is_empty(), "{audience_errors:?}");
        self.to_speaker().await;
        self.b.finish().await;
    }
}

fn last() -> usize {
    TALK.slides.len()
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn either_window_drives_both() {
    let p = Pair::open(None).await;
    // Keys in the speaker view move the audience…
    p.to_speaker().await;
    p.b.press(Key::End).await;
    p.both_at(&format!("#/{}", last())).await;
    // …and keys in the audience move the speaker view.
    p.to_audience().await;
    p.b.press(Key::Home).await;
    p.b.press(Key::PageDown).await;
    p.both_at("#/2").await;

    // An overview jump from the speaker view: the overview shows in both, the jump lands in both.
    p.to_speaker().await;
    p.b.type_char('o', false).await;
    p.to_audience().await;
    p.b.wait_until("the audience to show the overview", "return !!document.querySelector('.overview')").await;
    p.to_speaker().await;
    p.b.wait_until("the speaker's overview", "return document.activeElement.id === 'overview-1'").await;
    p.b.press(Key::Right).await;
    p.b.press(Key::Right).await;
    p.b.press(Key::Enter).await;
    p.both_at("#/4").await;
    p.to_audience().await;
    p.b.wait_until("the overview to close for the room", "return !document.querySelector('.overview')").await;

    // Blackout from the audience window: the speaker view says so, and its notes stay visible.
    p.b.type_char('b', false).await;
    p.to_speaker().await;
    p.b.wait_until(
        "the speaker view to show the blackout",
        "return !!document.querySelector('.speaker-screen')",
    )
    .await;
    let notes_visible: bool =
        p.b.eval("return !document.querySelector('.cover') && !!document.querySelector('.notes')").await;
    assert!(notes_visible);
    // Any key in the speaker view brings the slide back for the room.
    p.b.type_char('x', false).await;
    p.to_audience().await;
    p.b.wait_until("the room's slide to return", "return !document.querySelector('.cover')").await;
    assert_eq!(p.b.hash().await, "#/4", "the key that lifted the blackout did nothing else");

    // The audience window minimised (hidden), as a projector window behind the laptop might be:
    // it still follows.
    p.to_audience().await;
    p.b.client.minimize_window().await.unwrap();
    let state: String = p.b.eval("return document.visibilityState").await;
    assert_eq!(state, "hidden");
    p.to_speaker().await;
    p.b.press(Key::End).await;
    p.both_at(&format!("#/{}", last())).await;
    p.to_audience().await;
    let state: String = p.b.eval("return document.visibilityState").await;
    assert_eq!(state, "hidden", "it followed while hidden");
    p.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn a_reloaded_window_rejoins_the_talk_where_it_is() {
    let p = Pair::open(None).await;
    p.to_speaker().await;
    for _ in 0..4 {
        p.b.press(Key::PageDown).await;
    }
    let here: String = p.b.hash().await;
    p.both_at(&here).await;
    // The audience window, which follows the talk, reloads on a stale address: it asks where the
    // talk is and goes there.
    p.to_audience().await;
    reload_at(&p.b, "#/1").await;
    p.b.wait_for_hash(&here).await;
    // So does the speaker view.
    p.to_speaker().await;
    reload_at(&p.b, "#/2").await;
    p.b.wait_for_hash(&here).await;
    p.b.press(Key::PageDown).await;
    let next: String = p.b.hash().await;
    p.both_at(&next).await;
    p.finish().await;
}

/// Reloads the page after putting `hash` in the address bar without moving the deck.
async fn reload_at(b: &Browser, hash: &str) {
    let stale = format!("history.replaceState(null, '', {hash:?}); return location.hash === {hash:?}");
    assert!(b.eval::<bool>(&stale).await);
    b.client.refresh().await.unwrap();
    b.wait_for_app().await;
}

/// A link to a slide opens that slide in a second tab of the same profile while the talk is open
/// in the first, and leaves the first alone; windows that join (S, a reload) still follow.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn a_link_opens_where_it_points_while_the_talk_is_open() {
    let b = Browser::start().await;
    let first = b.client.window().await.unwrap();
    b.open("").await;
    b.press(Key::PageDown).await;
    b.press(Key::PageDown).await;
    b.wait_for_hash("#/3").await;
    let second = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(second.clone()).await.unwrap();

    b.open("#/6/2").await;
    assert_eq!((b.current().await, b.hash().await.as_str()), (6, "#/6/2"));
    let shown: usize =
        b.eval("return document.querySelectorAll('section.slide.current .fragment.shown').length").await;
    assert_eq!(shown, 2, "slide 6 with two fragments shown");

    b.open("?view=read#/14").await;
    b.wait_until(
        "slide 14's section to be at the top",
        "const r = document.getElementById('/14').getBoundingClientRect(); return r.top >= -2 && r.top < 120",
    )
    .await;

    b.open("#/4").await;
    assert_eq!((b.current().await, b.hash().await.as_str()), (4, "#/4"));
    b.client.refresh().await.unwrap();
    b.wait_for_app().await;
    assert_eq!((b.current().await, b.hash().await.as_str()), (4, "#/4"), "a reload keeps the linked slide");

    // None of it moved the first tab.
    b.client.switch_to_window(first.clone()).await.unwrap();
    assert_eq!(b.hash().await, "#/3");
    // A speaker view opened with S joins the talk: it shows the first tab's slide, not the link's,
    // and follows it.
    b.type_char('s', false).await;
    let speaker = b.new_window(&[first.clone(), second.clone()]).await;
    b.client.switch_to_window(speaker.clone()).await.unwrap();
    b.wait_for_app().await;
    b.wait_for_hash("#/3").await;
    b.client.switch_to_window(first.clone()).await.unwrap();
    b.press(Key::PageDown).await;
    let moved = b.hash().await;
    assert_ne!(moved, "#/3");
    b.client.switch_to_window(speaker.clone()).await.unwrap();
    b.wait_for_hash(&moved).await;
    // A reload of that following window re-syncs, even from a stale address.
    reload_at(&b, "#/1").await;
    b.wait_for_hash(&moved).await;
    b.client.close_window().await.unwrap();

    // A link again in the second tab (which followed the talk since): a key there moves it (and,
    // from then on, the talk), and Back returns to the linked slide.
    b.client.switch_to_window(second).await.unwrap();
    b.open("#/4").await;
    assert_eq!((b.current().await, b.hash().await.as_str()), (4, "#/4"));
    b.press(Key::PageDown).await;
    b.wait_for_hash("#/5").await;
    b.client.back().await.unwrap();
    b.wait_for_hash("#/4").await;
    assert_eq!(b.current().await, 4, "Back shows the linked slide again");
    b.client.close_window().await.unwrap();
    b.client.switch_to_window(first).await.unwrap();
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn forged_and_garbage_messages_change_nothing_and_break_nothing() {
    let p = Pair::open(None).await;
    p.to_audience().await;
    p.b.press(Key::PageDown).await;
    p.both_at("#/2").await;
    let deck = format!("{}#{}", TALK.title, TALK.slides.len());
    let (v, slides) = (deck_core::sync::VERSION, TALK.slides.len());
    let (old, future) = (v - 1, v + 1);
    let forge = format!(
        r#"const c = new BroadcastChannel('cppg-deck');
        const state = {{ slide: 9, step: 0, overview: true, screen: 'Black' }};
        const running = {{ spent_ms: Array({slides}).fill(0), slide: 0, last: null, paused: false, jumps: 0 }};
        const messages = [
          'garbage', '', '{{', 'null', '[]', '{{"v":{v}}}', 'x'.repeat(100000),
          JSON.stringify({{ v: {old}, deck: {deck:?}, from: 1, body: {{ State: {{ state }} }} }}),
          JSON.stringify({{ v: {future}, deck: {deck:?}, from: 1, body: {{ State: {{ state }} }} }}),
          JSON.stringify({{ v: {v}, deck: 'Another deck#3', from: 1, body: {{ State: {{ state }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: 'Launch' }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ type: 'State', state }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ State: {{ state: {{ ...state, screen: 'Disco' }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ State: {{ state: {{ ...state, slide: -1 }} }} }} }}),
          {{ v: {v}, deck: {deck:?}, from: 1, body: {{ State: {{ state }} }} }},
          // The pointer off the slide or not a point; strokes too wide, off the slide, too long,
          // of no known tool, or for a slide the deck does not have.
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Pointer: {{ at: [1601, 10] }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Pointer: {{ at: 'here' }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Ink: {{ slide: 1, change: {{ Add: {{ tool: 'Red', width: 500, points: [[1, 1]] }} }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Ink: {{ slide: 1, change: {{ Add: {{ tool: 'Red', width: 5, points: [[1, 99999]] }} }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Ink: {{ slide: 1, change: {{ Add: {{ tool: 'Red', width: 5, points: Array(5000).fill([1, 1]) }} }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Ink: {{ slide: 1, change: {{ Add: {{ tool: 'Laser', width: 5, points: [[1, 1]] }} }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Ink: {{ slide: 999, change: {{ Add: {{ tool: 'Red', width: 5, points: [[1, 1]] }} }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Ink: {{ slide: 1, change: 'Explode' }} }} }}),
          // A rehearsal on a slide it does not have, of no slides, of a slide longer than a day,
          // with a negative time, of another shape of this deck, or not a rehearsal at all.
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Rehearsal: {{ running: {{ ...running, slide: 99 }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Rehearsal: {{ running: {{ ...running, spent_ms: [], slide: 0 }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Rehearsal: {{ running: {{ ...running, spent_ms: [86400001, ...running.spent_ms.slice(1)] }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Rehearsal: {{ running: {{ ...running, spent_ms: [-5, ...running.spent_ms.slice(1)] }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Rehearsal: {{ running: {{ ...running, spent_ms: [0, 0], slide: 0 }} }} }} }}),
          JSON.stringify({{ v: {v}, deck: {deck:?}, from: 1, body: {{ Rehearsal: {{ running: 'yes' }} }} }}),
          JSON.stringify({{ v: {old}, deck: {deck:?}, from: 1, body: {{ Rehearsal: {{ running }} }} }}),
          JSON.stringify({{ v: {v}, deck: 'Another deck#3', from: 1, body: {{ Rehearsal: {{ running }} }} }}),
          42, null, new Uint8Array(8),
        ];
        for (const m of messages) c.postMessage(m);
        c.close();
        return messages.length;"#
    );
    for window in ["audience", "speaker"] {
        if window == "audience" {
            p.to_audience().await
        } else {
            p.to_speaker().await
        }
        let sent: u64 = p.b.eval(&forge).await;
        assert!(sent >= 31);
    }
    // Nothing moved, nothing covered, nothing opened, in either window.
    for _ in 0..2 {
        p.to_audience().await;
        let calm: bool =
            p.b.eval("return location.hash === '#/2' && !document.querySelector('.cover, .overview, .ink .laser, .ink path, img.zoomed')").await;
        assert!(calm, "the audience window ignored the forgeries");
        p.to_speaker().await;
        let calm: bool = p
            .b
            .eval("return location.hash === '#/2' && !document.querySelector('.speaker-screen, .overview, .ink .laser, .ink path, .speaker-zoom') && document.getElementById('rehearsal-status').hidden && !localStorage.getItem('cppg-deck:rehearsal')")
            .await;
        assert!(calm, "the speaker view ignored the forgeries");
    }
    // And the real line still works: for the talk, and for a rehearsal, which a true message starts
    // and ends in the speaker view.
    p.b.press(Key::PageDown).await;
    p.both_at("#/3").await;
    let post = |running: &str| {
        format!(
            "const c = new BroadcastChannel('cppg-deck'); c.postMessage(JSON.stringify({{ v: {v}, deck: {deck:?}, \
             from: 1, body: {{ Rehearsal: {{ running: {running} }} }} }})); c.close(); return true"
        )
    };
    let running =
        format!("{{ spent_ms: Array({slides}).fill(0), slide: 2, last: null, paused: false, jumps: 0 }}");
    assert!(p.b.eval::<bool>(&post(&running)).await);
    p.b.wait_until(
        "a true rehearsal message to start one",
        "return !document.getElementById('rehearsal-status').hidden",
    )
    .await;
    assert!(p.b.eval::<bool>(&post("null")).await);
    p.b.wait_until("a true message to end it", "return document.getElementById('rehearsal-status').hidden")
        .await;
    p.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn without_broadcast_channel_the_storage_event_carries_the_talk() {
    let p = Pair::open(Some("delete window.BroadcastChannel;")).await;
    p.to_speaker().await;
    let missing: bool = p.b.eval("return typeof BroadcastChannel === 'undefined'").await;
    assert!(missing, "the page runs without BroadcastChannel");
    p.b.press(Key::PageDown).await;
    p.both_at("#/2").await;
    p.to_audience().await;
    p.b.press(Key::End).await;
    p.both_at(&format!("#/{}", last())).await;
    p.finish().await;
}

/// The WebDriver key for a binding's `KeyboardEvent.key`.
fn webdriver_key(key: &str) -> char {
    match key {
        "ArrowRight" => Key::Right.into(),
        "ArrowLeft" => Key::Left.into(),
        "ArrowUp" => Key::Up.into(),
        "ArrowDown" => Key::Down.into(),
        "PageUp" => Key::PageUp.into(),
        "PageDown" => Key::PageDown.into(),
        "Home" => Key::Home.into(),
        "End" => Key::End.into(),
        "Escape" => Key::Escape.into(),
        other => other.chars().next().expect("a key"),
    }
}

/// Every row of the help overlay, pressed for real, does what the help says.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn every_shortcut_in_the_help_does_what_it_says() {
    use deck_core::keys::{Action, BINDINGS};
    use deck_core::nav::Command;
    let b = Browser::start().await;
    // A slide without fragments, with one after it: one "next" is one slide from here.
    let s =
        1 + (1..last() - 1).find(|&i| TALK.slides[i].steps == 0 && TALK.slides[i + 1].steps == 0).unwrap();
    for binding in BINDINGS {
        let start = if binding.action == Action::Navigate(Command::Prev) { s + 1 } else { s };
        b.open(&format!("#/{start}")).await;
        let windows_before = b.client.windows().await.unwrap().len();
        if matches!(binding.action, Action::Undo | Action::ClearInk) {
            // A stroke on this slide to take back, kept by the tab as a drawn one is.
            let stroke = r#"{"tool":"Red","width":5,"points":[[100,100],[300,200]]}"#;
            let ink = format!("[{}[{stroke}]]", "[],".repeat(s - 1));
            b.eval::<serde_json::Value>(&format!(
                "sessionStorage.setItem('cppg-deck:ink', {ink:?}); return null"
            ))
            .await;
            b.client.refresh().await.unwrap();
            b.wait_for_app().await;
            b.wait_until("the kept stroke", "return document.querySelectorAll('.ink path').length === 1")
                .await;
        }
        if binding.action == Action::Pointer {
            // Held: on while the key is down, gone when it comes up.
            let key = webdriver_key(binding.key);
            let down = KeyActions::new("held".into()).then(KeyAction::Down { value: key });
            b.client.perform_actions(down).await.unwrap();
            b.wait_until("L, held, to show the pointer", "return !!document.querySelector('.ink.pointing')")
                .await;
            b.client
                .perform_actions(KeyActions::new("held".into()).then(KeyAction::Up { value: key }))
                .await
                .unwrap();
            b.wait_until("the pointer to go with the key", "return !document.querySelector('.ink.pointing')")
                .await;
            continue;
        }
        b.chord(webdriver_key(binding.key), binding.shift == Some(true), binding.ctrl).await;
        let check = match binding.action {
            Action::Navigate(Command::Next) => format!("location.hash === '#/{}'", s + 1),
            Action::Navigate(Command::Prev) => format!("location.hash === '#/{s}'"),
            Action::Navigate(Command::First) => "location.hash === '#/1'".into(),
            Action::Navigate(Command::Last) => format!("location.hash === '#/{}'", last()),
            Action::Navigate(other) => panic!("no key should be bound to {other:?}"),
            Action::Search => "document.activeElement.id === 'search-input'".into(),
            Action::Overview | Action::Escape => "!!document.querySelector('.overview')".into(),
            Action::Help => "!!document.querySelector('.help')".into(),
            Action::Blackout => "!!document.querySelector('.cover:not(.white)')".into(),
            Action::Whiteout => "!!document.querySelector('.cover.white')".into(),
            Action::Fullscreen => "!!document.fullscreenElement".into(),
            Action::SpeakerView => "true".into(),
            Action::Pen => "!!document.querySelector('.ink.drawing')".into(),
            Action::Undo | Action::ClearInk => "document.querySelectorAll('.ink path').length === 0".into(),
            Action::Pointer => unreachable!("held, above"),
            Action::Read => format!(
                "document.documentElement.classList.contains('reading') && location.search === '?view=read' && location.hash === '#/{s}'"
            ),
        };
        b.wait_until(
            &format!("{} to do: {}", binding.label, binding.action.describe()),
            &format!("return {check}"),
        )
        .await;
        if let Some(dir) = std::env::var_os("SCREENSHOTS") {
            let name = format!("shortcut-{}.png", binding.label.replace(['/', ' ', '.', '?'], "_"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(std::path::Path::new(&dir).join(name), b.client.screenshot().await.unwrap())
                .unwrap();
        }
        if binding.action == Action::SpeakerView {
            let windows = b.client.windows().await.unwrap();
            assert_eq!(windows.len(), windows_before + 1, "S opens the speaker view");
            let here = b.client.window().await.unwrap();
            let speaker = windows.into_iter().find(|w| *w != here).unwrap();
            b.client.switch_to_window(speaker).await.unwrap();
            let url = b.client.current_url().await.unwrap();
            assert_eq!(url.query(), Some("view=speaker"), "{url}");
            b.client.close_window().await.unwrap();
            b.client.switch_to_window(here).await.unwrap();
        }
        if binding.action == Action::Fullscreen {
            b.type_char('f', false).await;
            b.wait_until("F to leave fullscreen", "return !document.fullscreenElement").await;
        }
    }
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn dark_mode_follows_the_system_and_the_toggle() {
    let b = Browser::start().await;
    let slide_colours = "const s = getComputedStyle(document.querySelector('section.current')); return [s.backgroundColor, s.color]";
    b.open("#/2").await;
    let light: Vec<String> = b.eval(slide_colours).await;
    b.emulate_media("prefers-color-scheme", "dark").await;
    let dark: Vec<String> = b.eval(slide_colours).await;
    assert_ne!(light, dark, "the system's dark mode darkens the deck");
    // The toggle overrides the system, and is remembered across visits.
    b.client.find(fantoccini::Locator::Css(".theme-toggle")).await.unwrap().click().await.unwrap();
    let toggled: Vec<String> = b.eval(slide_colours).await;
    assert_eq!(toggled, light);
    b.open("#/2").await;
    let revisited: Vec<String> = b.eval(slide_colours).await;
    assert_eq!(revisited, light, "the choice outlives the visit");
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn the_reading_view_opens_at_its_anchor_and_reads_on_a_phone() {
    let b = Browser::start_sized(390, 844).await;
    b.open("?view=read#/14").await;
    b.wait_until(
        "slide 14's section to be at the top",
        "const r = document.getElementById('/14').getBoundingClientRect(); return r.top >= -2 && r.top < 120",
    )
    .await;
    let painted: Vec<String> = b
        .eval("const s = getComputedStyle(document.querySelector('.reader')); return [s.backgroundColor, s.display, String(document.querySelector('.reader').getBoundingClientRect().height)]")
        .await;
    eprintln!("reader: {painted:?}");
    let wide: bool = b.eval("return document.documentElement.scrollWidth <= window.innerWidth").await;
    assert!(wide, "nothing wider than the phone");
    if let Some(dir) = std::env::var_os("SCREENSHOTS") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join("read-390.png"), b.client.screenshot().await.unwrap())
            .unwrap();
    }
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn printing_gives_one_slide_per_page_with_every_fragment() {
    let b = Browser::start().await;
    let pages = support::print_pages(&b, "?print").await;
    assert_eq!(pages.len(), TALK.slides.len(), "one page a slide");
    for (i, (page, slide)) in pages.iter().zip(&TALK.slides).enumerate() {
        let title: String = slide.title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(page.contains(&title), "page {} is slide {}: {page}", i + 1, slide.title);
        // Every fragment is printed: the last line of the slide's text is on its page.
        let text = talk_compiler::blocks_text(&slide.body);
        let last_line = text.lines().last().unwrap_or_default();
        let start: String = last_line.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        assert!(page.contains(&start), "page {} shows {start:?}: {page}", i + 1);
    }
    let with_notes = support::print_pages(&b, "?print&notes").await;
    assert_eq!(with_notes.len(), TALK.slides.len());
    for (page, slide) in with_notes.iter().zip(&TALK.slides) {
        let words: String =
            talk_compiler::blocks_text(&slide.notes).split_whitespace().take(6).collect::<Vec<_>>().join(" ");
        assert!(page.contains(&words), "the notes of {} are under it: {page}", slide.title);
    }
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn after_one_visit_the_deck_and_the_reading_view_work_offline() {
    let b = Browser::start().await;
    b.open("#/3").await;
    b.wait_until(
        "the service worker to take control",
        "return !!navigator.serviceWorker && !!navigator.serviceWorker.controller",
    )
    .await;
    support::cut_network(true);
    let result = async {
        // The server answers nothing now: a request gets no byte back.
        let offline = {
            use std::io::{Read, Write};
            let host = support::host_of(b.base);
            let mut stream = std::net::TcpStream::connect(host).unwrap();
            let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            let mut reply = Vec::new();
            let _ = stream.read_to_end(&mut reply);
            reply.is_empty()
        };
        // Loaded again as a visitor would (Firefox's WebDriver refresh skips the service worker).
        let here = b.client.current_url().await.unwrap();
        b.client.goto("about:blank").await.unwrap();
        b.client.goto(here.as_str()).await.unwrap();
        b.wait_for_app().await;
        assert_eq!(b.hash().await, "#/3", "the deck reloads offline at its place");
        b.press(Key::End).await;
        b.wait_until(
            "the last slide's images, offline",
            "return [...document.querySelectorAll('section.current img')].every(i => i.complete && i.naturalWidth > 0)",
        )
        .await;
        b.client.goto(&format!("{}?view=read#/5", b.base)).await.unwrap();
        b.wait_for_app().await;
        let sections: u64 = b.eval("return document.querySelectorAll('.article section').length").await;
        assert_eq!(sections as usize, TALK.slides.len(), "the reading view works offline");
        let one_file: bool = b
            .eval("return fetch('talk.html').then(r => r.ok && r.text()).then(t => !!t && t.includes('data-one-file'))")
            .await;
        assert!(one_file, "the talk in one file can be downloaded offline");
        offline
    }
    .await;
    support::cut_network(false);
    assert!(result, "the network really was cut");
    let manifest: String = b.eval("return document.querySelector('link[rel=manifest]').href").await;
    assert!(manifest.ends_with("manifest.webmanifest"));
    // Installability is Chromium's notion (Firefox installs no web apps): asked where it exists.
    if b.is_chromium() {
        let installability = b.cdp("Page.getInstallabilityErrors", serde_json::json!({})).await;
        let errors = installability["installabilityErrors"].as_array().cloned().unwrap_or_default();
        assert!(errors.is_empty(), "the app can be installed: {errors:?}");
    }
    b.finish().await;
}

/// A touch tap at `x`, `y` (CSS pixels in the window).
async fn tap(b: &Browser, x: f64, y: f64) {
    use fantoccini::actions::{InputSource, PointerAction, TouchActions};
    let finger = TouchActions::new("finger".into())
        .then(PointerAction::MoveTo { duration: None, x, y })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::Up { button: 0 });
    b.client.perform_actions(finger).await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn on_a_phone_taps_on_the_sides_turn_the_slides_and_nothing_needs_hover() {
    let b = Browser::start_sized(390, 844).await;
    let s =
        1 + (1..last() - 1).find(|&i| TALK.slides[i].steps == 0 && TALK.slides[i + 1].steps == 0).unwrap();
    b.open(&format!("#/{s}")).await;
    tap(&b, 360.0, 400.0).await;
    b.wait_for_hash(&format!("#/{}", s + 1)).await;
    tap(&b, 30.0, 400.0).await;
    b.wait_for_hash(&format!("#/{s}")).await;
    tap(&b, 195.0, 400.0).await;
    assert_eq!(b.hash().await, format!("#/{s}"), "the middle does nothing");
    // The page is offered, and a tap takes it.
    let offer = b.client.find(fantoccini::Locator::Css(".read-offer")).await.unwrap();
    assert!(offer.is_displayed().await.unwrap(), "a phone held upright is offered the page");
    offer.click().await.unwrap();
    b.wait_until("the reading view", "return document.documentElement.classList.contains('reading')").await;
    b.finish().await;
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn search_copy_link_and_switching_views_from_the_keyboard() {
    let b = Browser::start().await;
    b.open("#/2").await;
    // Search from the keyboard to a result in the notes.
    b.type_char('/', false).await;
    b.wait_until("the search box", "return document.activeElement.id === 'search-input'").await;
    b.client.active_element().await.unwrap().send_keys("insightful").await.unwrap();
    b.wait_until("a result", "return !!document.querySelector('.search-results mark')").await;
    b.press(Key::Enter).await;
    b.wait_for_hash(&format!("#/{}", last())).await;
    // Reading and back, at the same place both ways.
    b.type_char('r', false).await;
    b.wait_until(
        "the reading view",
        "return location.search === '?view=read' && document.documentElement.classList.contains('reading')",
    )
    .await;
    b.wait_until(
        "the last slide's section in view",
        &format!("const r = document.getElementById('/{}').getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0", last()),
    )
    .await;
    b.client.execute("document.getElementById('/3').scrollIntoView()", vec![]).await.unwrap();
    b.wait_for_hash("#/3").await;
    b.type_char('r', false).await;
    b.wait_until(
        "the slides",
        "return location.search === '' && !!document.querySelector('section.current')",
    )
    .await;
    assert_eq!(b.current().await, 3, "scrolling the page moved the place the slides open at");
    // Copy link: the plain address of this slide.
    b.client.find(fantoccini::Locator::Css(".copy-link")).await.unwrap().click().await.unwrap();
    let notice: String = b.eval("return document.querySelector('.notice-text').textContent").await;
    assert!(notice.ends_with(&format!("{}#/3", b.base)), "{notice}");
    b.finish().await;
}

/// Where on the page `selector`'s box is, at fractions `fx`, `fy` of it.
async fn point_in(b: &Browser, selector: &str, fx: f64, fy: f64) -> (f64, f64) {
    let [x, y, w, h]: [f64; 4] = b
        .eval(&format!("const r = document.querySelector('{selector}').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]"))
        .await;
    (x + fx * w, y + fy * h)
}

/// A mouse path through `points` (page coordinates), the button held down if `press`.
async fn mouse(b: &Browser, points: &[(f64, f64)], press: bool) {
    use fantoccini::actions::{MouseActions, PointerAction};
    let mut actions = MouseActions::new("mouse".into());
    for (i, &(x, y)) in points.iter().enumerate() {
        let duration = Some(std::time::Duration::from_millis(40));
        actions = actions.then(PointerAction::MoveTo { duration, x: x.round(), y: y.round() });
        if press && i == 0 {
            actions = actions.then(PointerAction::Down { button: 0 });
        }
    }
    if press {
        actions = actions.then(PointerAction::Up { button: 0 });
    }
    b.client.perform_actions(actions).await.unwrap();
}

/// The pointer, the pen and an enlarged picture, between the speaker view and the audience.
#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `.ci/deck test`"]
async fn the_pointer_the_pen_and_a_zoomed_picture_show_in_every_window() {
    let p = Pair::open(None).await;
    // Pointing on the speaker view's picture of the slide: the dot shows on the room's stage, at
    // the same place of the slide (slide coordinates: 1600 × 900).
    p.to_speaker().await;
    p.b.client
        .find(fantoccini::Locator::Css(".speaker-controls .pointer-toggle"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let at = point_in(&p.b, ".speaker-current .ink", 0.25, 0.5).await;
    mouse(&p.b, &[(at.0 - 5.0, at.1), at], false).await;
    p.to_audience().await;
    p.b.wait_until(
        "the speaker's pointer on the room's stage",
        "const c = document.querySelector('.ink-frame .ink .laser'); return !!c && Math.abs(c.cx.baseVal.value - 400) < 16 && Math.abs(c.cy.baseVal.value - 450) < 16",
    )
    .await;
    p.to_speaker().await;
    p.b.press(Key::Escape).await;
    p.to_audience().await;
    p.b.wait_until("the pointer to go", "return !document.querySelector('.ink-frame .ink .laser')").await;

    // Drawing on the room's stage with the pen: the stroke shows in the speaker view; Ctrl+Z takes
    // it back there too; drawn again, it survives a reload of the speaker view.
    p.b.type_char('d', false).await;
    let stroke = [
        point_in(&p.b, ".ink-frame .ink", 0.1, 0.1).await,
        point_in(&p.b, ".ink-frame .ink", 0.3, 0.2).await,
        point_in(&p.b, ".ink-frame .ink", 0.5, 0.4).await,
    ];
    mouse(&p.b, &stroke, true).await;
    let one = "return document.querySelectorAll('.ink path').length === 1";
    let none = "return document.querySelectorAll('.ink path').length === 0";
    p.b.wait_until("the stroke on the stage", one).await;
    p.to_speaker().await;
    p.b.wait_until("the stroke in the speaker view", one).await;
    let start: String = p.b.eval("return document.querySelector('.ink path').getAttribute('d')").await;
    let first: Vec<f64> = start
        .trim_start_matches('M')
        .split('L')
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    assert!((first[0] - 160.0).abs() < 16.0 && (first[1] - 90.0).abs() < 16.0, "starts at {first:?}");
    p.to_audience().await;
    p.b.chord('z', false, true).await;
    p.b.wait_until("undo on the stage", none).await;
    p.to_speaker().await;
    p.b.wait_until("undo in the speaker view", none).await;
    p.to_audience().await;
    mouse(&p.b, &stroke, true).await;
    p.to_speaker().await;
    p.b.wait_until("the stroke drawn again", one).await;
    p.b.client.refresh().await.unwrap();
    p.b.wait_for_app().await;
    p.b.wait_until("the stroke after a reload", one).await;

    // A click on the slide's picture fills the stage with it; the speaker view says so; Esc puts
    // it back.
    p.to_audience().await;
    p.b.press(Key::Escape).await;
    p.b.wait_until("the pen put away", "return !document.querySelector('.ink.drawing')").await;
    p.b.client
        .find(fantoccini::Locator::Css("#talk section.current img"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    p.b.wait_until(
        "the picture to fill the stage",
        "const i = document.querySelector('#talk section.current img.zoomed'), s = document.querySelector('#talk > .stage'); \
         if (!i) return false; const a = i.getBoundingClientRect(), b = s.getBoundingClientRect(); \
         return Math.abs(a.width - b.width) < 2 && Math.abs(a.height - b.height) < 2",
    )
    .await;
    p.to_speaker().await;
    p.b.wait_until("the speaker view to say so", "return !!document.querySelector('.speaker-zoom')").await;
    p.to_audience().await;
    p.b.press(Key::Escape).await;
    p.b.wait_until("the picture back in place", "return !document.querySelector('img.zoomed')").await;
    p.to_speaker().await;
    p.b.wait_until("the speaker view to follow", "return !document.querySelector('.speaker-zoom')").await;
    // Print and the reading view leave the drawing out, unless `?print&ink` asks for it.
    for (page, strokes) in [("?print&ink", 1), ("?print", 0), ("?view=read#/1", 0)] {
        p.b.open(page).await;
        let seen: usize = p.b.eval("return document.querySelectorAll('.ink path').length").await;
        assert_eq!(seen, strokes, "{page}");
    }
    p.finish().await;
}
