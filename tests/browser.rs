//! Browser unit tests: the app mounted in headless Chromium, driven by DOM events.
//! Run with `cargo test --target wasm32-unknown-unknown --test browser` (see .ci/deck).
#![cfg(target_arch = "wasm32")]

use cppg_deck::App;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use std::sync::LazyLock;
use talk_compiler::{Block, Item};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, KeyboardEvent, KeyboardEventInit, Touch, TouchEvent, TouchEventInit, TouchInit,
};

wasm_bindgen_test_configure!(run_in_browser);

/// The talk, compiled as the page's is (by `build.rs`, which also writes the page's HTML of it).
static TALK: LazyLock<talk_compiler::Deck> = LazyLock::new(|| {
    talk_compiler::compile(include_str!("../content/talk.md"), &|_| true).expect("the talk compiles")
});
/// The talk as `.ci/finish-page` puts it in `index.html`.
const PAGE_TALK: &str = include_str!(concat!(env!("OUT_DIR"), "/talk.html"));

/// The words that fragment step `step` of `slide` reveals.
fn fragment_text(slide: usize, step: u16) -> Option<String> {
    fn find(items: &[Item], step: u16) -> Option<&Item> {
        items.iter().find_map(|i| if i.fragment == step { Some(i) } else { find(&i.children, step) })
    }
    TALK.slides[slide].body.iter().find_map(|b| match b {
        Block::List { items, .. } => find(items, step).map(|i| talk_compiler::plain_text(&i.content)),
        _ => None,
    })
}

/// The stylesheets, in the order `index.html` links them and the page joins them (tests/contract.rs
/// checks that this list is that order).
const STYLESHEETS: [&str; 8] = [
    include_str!("../public/css/base.css"),
    include_str!("../public/css/stage.css"),
    include_str!("../public/css/chrome.css"),
    include_str!("../public/css/overlays.css"),
    include_str!("../public/css/speaker.css"),
    include_str!("../public/css/pace.css"),
    include_str!("../public/css/reading.css"),
    include_str!("../public/css/print.css"),
];

/// Mounts the app at `hash` into a fresh container holding the page's talk; dropping the guard
/// unmounts it.
struct Mounted {
    _handle: Box<dyn std::any::Any>,
    root: HtmlElement,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

async fn mount_at(hash: &str) -> Mounted {
    mount_with("", hash).await
}

/// Mounts at `?query#hash` (the query picks the view), with fresh settings.
async fn mount_with(query: &str, hash: &str) -> Mounted {
    window().local_storage().unwrap().unwrap().clear().unwrap();
    remount(query, hash).await
}

/// Mounts at `?query#hash` keeping what is in storage (a reload, a second visit).
async fn remount(query: &str, hash: &str) -> Mounted {
    let path = window().location().pathname().unwrap();
    let hash = if hash.is_empty() { "#" } else { hash };
    let url = format!("{path}{query}{hash}");
    window().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&url)).unwrap();
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    // The real stylesheets, so that visibility and sizes are the shipped ones.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(&STYLESHEETS.join("\n")));
    root.append_child(&style).unwrap();
    // The page's talk, as the build writes it (our own build output, not a visitor's input).
    let talk = document().create_element("div").unwrap();
    talk.set_inner_html(PAGE_TALK);
    root.append_child(&talk.first_element_child().unwrap()).unwrap();
    let handle = mount_to(root.clone(), App);
    tick().await;
    Mounted { _handle: Box::new(handle), root }
}

fn query(selector: &str) -> Element {
    document().query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn query_all(selector: &str) -> Vec<Element> {
    let list = document().query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
}

fn current_index() -> usize {
    let current = query_all("section.slide.current");
    assert_eq!(current.len(), 1, "exactly one slide is current");
    current[0].get_attribute("data-index").unwrap().parse().unwrap()
}

fn location_hash() -> String {
    window().location().hash().unwrap()
}

/// The address, once the app has written it: it waits for the frame a change paints.
async fn hash() -> String {
    after_paint().await;
    location_hash()
}

/// The document's title, once the app has written it (with the address).
async fn title() -> String {
    after_paint().await;
    document().title()
}

/// Resolves after the next frame is painted and the app has done what it left for the idle time
/// after it (idle callbacks run in the order they were asked for).
async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let after = Closure::once_into_js(move || {
            window().request_idle_callback(&resolve).unwrap();
        });
        window().request_animation_frame(after.unchecked_ref()).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

async fn press(key: &str) {
    press_with(key, false).await
}

async fn press_with(key: &str, shift: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().body().unwrap().dispatch_event(&event).unwrap();
    tick().await;
}

async fn click(selector: &str) {
    query(selector).unchecked_into::<HtmlElement>().click();
    tick().await;
}

/// Resolves when `window` next fires `name`: waits for the condition, not for a guessed time.
async fn next_window_event(name: &str) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let once = Closure::once_into_js(move || {
            resolve.call0(&JsValue::NULL).unwrap();
        });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        window()
            .add_event_listener_with_callback_and_add_event_listener_options(
                name,
                once.unchecked_ref(),
                &options,
            )
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    tick().await;
}

/// Whether the page shows the talk as the document (the reading view's face).
fn reading() -> bool {
    document().document_element().unwrap().class_list().contains("reading") && exists("#talk > main.article")
}

fn first_slide_with_steps() -> usize {
    TALK.slides.iter().position(|s| s.steps > 0).expect("the talk has a slide with fragments")
}

#[wasm_bindgen_test]
async fn mounts_one_section_per_slide_with_only_the_first_shown() {
    let _app = mount_at("").await;
    let sections = query_all("#talk > main.stage > section.slide");
    assert_eq!(sections.len(), TALK.slides.len());
    assert_eq!(current_index(), 1);
    for (i, section) in sections.iter().enumerate() {
        assert!(section.query_selector("h1, h2").unwrap().is_some(), "slide {} has a heading", i + 1);
        let style = window().get_computed_style(section).unwrap().unwrap();
        let visibility = style.get_property_value("visibility").unwrap();
        let display = style.get_property_value("display").unwrap();
        let hidden = visibility == "hidden" || display == "none";
        assert_eq!(hidden, i != 0, "only the current slide shows (slide {i}: {visibility}, {display})");
        // Only the current slide is drawn at all until a move leaves one fading out.
        assert_eq!(display == "none", i != 0, "slide {} display {display}", i + 1);
    }
    assert_eq!(hash().await, "#/1", "the URL names the place from the start");
    assert_eq!(title().await, TALK.title);
    assert!(query_all("[role=application]").is_empty());
    // After a move, the slide it left is drawn too (it fades out), and nothing else.
    press("ArrowRight").await;
    press("ArrowRight").await;
    let drawn: Vec<usize> = sections
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            window().get_computed_style(s).unwrap().unwrap().get_property_value("display").unwrap() != "none"
        })
        .map(|(i, _)| i + 1)
        .collect();
    let current = current_index();
    let left = query_all("section.slide.near");
    assert_eq!(left.len(), 1, "one slide is leaving");
    let left: usize = left[0].get_attribute("data-index").unwrap().parse().unwrap();
    assert_ne!(left, current);
    let mut expected = vec![left, current];
    expected.sort();
    assert_eq!(drawn, expected, "the current slide and the one it replaced are drawn");
}

#[wasm_bindgen_test]
async fn keys_move_and_update_url_title_and_live_region() {
    let _app = mount_at("").await;
    press("ArrowRight").await;
    assert_eq!(current_index(), 2);
    assert_eq!(hash().await, "#/2");
    let slide_title = &TALK.slides[1].title;
    assert_eq!(title().await, format!("{slide_title} · {}", TALK.title));
    let live = query("[aria-live=polite]");
    assert_eq!(live.text_content().unwrap(), format!("Slide 2 of {}: {slide_title}", TALK.slides.len()));
    assert_eq!(query(".counter").text_content().unwrap(), format!("2 / {}", TALK.slides.len()));
    press("PageUp").await;
    assert_eq!(current_index(), 1);
    press("End").await;
    assert_eq!(current_index(), TALK.slides.len());
    press("Home").await;
    assert_eq!(current_index(), 1);
}

#[wasm_bindgen_test]
async fn digits_then_enter_jump_and_show_what_was_typed() {
    let _app = mount_at("").await;
    press("1").await;
    press("0").await;
    assert!(query(".jump-hint").text_content().unwrap().contains("10"));
    press("Enter").await;
    assert_eq!(current_index(), 10);
    assert!(query_all(".jump-hint").is_empty(), "the hint goes once the jump is made");
}

#[wasm_bindgen_test]
async fn buttons_navigate_and_say_when_they_cannot() {
    let _app = mount_at("").await;
    let prev = query("button.prev");
    assert_eq!(prev.get_attribute("aria-disabled").as_deref(), Some("true"));
    click("button.next").await;
    assert_eq!(current_index(), 2, "the slide moves at once");
    // The chrome follows once the frame with the new slide is painted.
    after_paint().await;
    tick().await;
    assert_eq!(prev.get_attribute("aria-disabled").as_deref(), Some("false"));
    assert_eq!(
        query(".controls .counter").text_content().unwrap_or_default().split_whitespace().next(),
        Some("2")
    );
    click("button.prev").await;
    assert_eq!(current_index(), 1);
    for button in query_all(".controls button") {
        let rect = button.get_bounding_client_rect();
        assert!(
            rect.width() >= 24.0 && rect.height() >= 24.0,
            "target size {}x{}",
            rect.width(),
            rect.height()
        );
        assert!(button.get_attribute("aria-label").is_some_and(|l| !l.is_empty()));
    }
}

#[wasm_bindgen_test]
async fn fragments_appear_one_per_next_and_hide_on_previous() {
    let slide = first_slide_with_steps();
    let _app = mount_at(&format!("#/{}", slide + 1)).await;
    assert_eq!(current_index(), slide + 1);
    let steps = usize::from(TALK.slides[slide].steps);
    let selector = format!("section[data-index='{}'] .fragment", slide + 1);
    let shown = || query_all(&format!("{selector}.shown")).len();
    assert_eq!(query_all(&selector).len(), steps);
    assert_eq!(shown(), 0);
    press(" ").await;
    assert_eq!(shown(), 1);
    assert_eq!(hash().await, format!("#/{}/1", slide + 1));
    let live = query("[aria-live=polite]").text_content().unwrap();
    assert_eq!(Some(live), fragment_text(slide, 1), "the revealed item is announced");
    press_with(" ", true).await;
    assert_eq!(shown(), 0);
    for _ in 0..steps {
        press("n").await;
    }
    assert_eq!(shown(), steps);
    assert_eq!(current_index(), slide + 1, "still on the slide until every fragment is shown");
    press("n").await;
    assert_eq!(current_index(), slide + 2);
    press("p").await;
    assert_eq!(shown(), steps, "back onto a slide shows it fully built");
}

fn touch(target: &Element, x: i32, y: i32) -> Touch {
    let init = TouchInit::new(1, target);
    init.set_client_x(x);
    init.set_client_y(y);
    Touch::new(&init).unwrap()
}

async fn swipe(dx: i32, dy: i32) {
    let target = query("#talk > main.stage");
    let (x0, y0) = (200, 200);
    let send = |name: &str, t: &Touch, active: bool| {
        let init = TouchEventInit::new();
        init.set_bubbles(true);
        let list = js_sys::Array::of1(t);
        if active {
            init.set_touches(&list);
        }
        init.set_changed_touches(&list);
        let event = TouchEvent::new_with_event_init_dict(name, &init).unwrap();
        target.dispatch_event(&event).unwrap();
    };
    send("touchstart", &touch(&target, x0, y0), true);
    send("touchend", &touch(&target, x0 + dx, y0 + dy), false);
    tick().await;
}

#[wasm_bindgen_test]
async fn swipes_move_and_scrolls_do_not() {
    // A slide without fragments, so that one swipe is one slide.
    let s = 1 + (1..TALK.slides.len() - 1).find(|&i| TALK.slides[i].steps == 0).unwrap();
    let _app = mount_at(&format!("#/{s}")).await;
    swipe(-120, 10).await;
    assert_eq!(current_index(), s + 1);
    swipe(120, -5).await;
    assert_eq!(current_index(), s);
    swipe(-20, 0).await;
    assert_eq!(current_index(), s, "a short move is not a swipe");
    swipe(-80, 200).await;
    assert_eq!(current_index(), s, "a mostly vertical move is not a swipe");
}

#[wasm_bindgen_test]
async fn the_url_drives_the_deck_and_bad_hashes_are_corrected() {
    let _app = mount_at("#/4").await;
    assert_eq!(current_index(), 4);
    let last = TALK.slides.len();
    let cases =
        [("#/6", 6, "#/6"), ("#/0", 1, "#/1"), ("#/999", last, &*format!("#/{last}")), ("#/abc", 1, "#/1")];
    for (typed, index, canonical) in cases {
        window().location().set_hash(typed).unwrap();
        next_window_event("hashchange").await;
        assert_eq!(current_index(), index, "after {typed}");
        assert_eq!(hash().await, canonical, "after {typed}");
    }
}

/// A link followed while a press is settling: the address changes at once, its `hashchange`
/// comes later (Firefox may run the app's idle work in between), and the app must not write
/// over the new address meanwhile.
#[wasm_bindgen_test]
async fn an_address_that_changes_while_a_press_settles_is_followed_not_overwritten() {
    let _app = mount_at("#/1").await;
    assert_eq!(hash().await, "#/1");
    press("ArrowRight").await;
    // The address changes with no event yet, before the press has settled.
    window().history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some("#/5")).unwrap();
    after_paint().await;
    assert_eq!(location_hash(), "#/5", "the settling press left the new address alone");
    // Then the event arrives.
    window().dispatch_event(&web_sys::Event::new("hashchange").unwrap()).unwrap();
    tick().await;
    assert_eq!(current_index(), 5);
    assert_eq!(hash().await, "#/5");
    // And the next press writes the address as before.
    press("ArrowRight").await;
    assert_eq!(hash().await, "#/6");
}

#[wasm_bindgen_test]
async fn keys_typed_into_fields_and_browser_shortcuts_are_left_alone() {
    let _app = mount_at("").await;
    let input: HtmlElement = document().create_element("input").unwrap().unchecked_into();
    document().body().unwrap().append_child(&input).unwrap();
    let init = KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_bubbles(true);
    input
        .dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
    tick().await;
    input.remove();
    assert_eq!(current_index(), 1);
    init.set_ctrl_key(true);
    document()
        .body()
        .unwrap()
        .dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
    tick().await;
    assert_eq!(current_index(), 1);
}

fn exists(selector: &str) -> bool {
    document().query_selector(selector).unwrap().is_some()
}

fn active_id() -> String {
    document().active_element().map(|e| e.id()).unwrap_or_default()
}

/// Whether `element` can take the focus now (it keeps it if it can).
fn can_focus(element: &Element) -> bool {
    let _ = element.unchecked_ref::<HtmlElement>().focus();
    document().active_element().as_ref() == Some(element)
}

/// Whether what an open modal dialog covers is inert: neither the controls nor the current slide's
/// picture (a focusable one) can take the focus.
fn behind_is_inert() -> bool {
    let behind = [query(".controls .next"), query("#talk section.current img[tabindex]")];
    behind.iter().all(|element| !can_focus(element))
}

fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

/// Waits (an animation frame at a time) until `condition` holds, failing after `frames` frames.
async fn until(what: &str, frames: u32, condition: impl Fn() -> bool) {
    for _ in 0..frames {
        if condition() {
            return;
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window().request_animation_frame(&resolve).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
        tick().await;
    }
    panic!("timed out waiting for {what}");
}

fn type_into(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn help_lists_every_shortcut_from_the_key_map() {
    use deck_core::keys::BINDINGS;
    let _app = mount_at("").await;
    press("?").await;
    until("the help to open as a modal dialog", 10, || exists("dialog.help:modal")).await;
    assert!(behind_is_inert(), "the deck behind the dialog is out of reach");
    let keys: Vec<String> = query_all(".help kbd").iter().map(|k| k.text_content().unwrap()).collect();
    assert_eq!(keys.len(), BINDINGS.len() + 1, "every binding and the typed jump: {keys:?}");
    for binding in BINDINGS {
        assert!(keys.iter().any(|k| k == binding.label), "{} is in the help", binding.label);
    }
    until("focus in the dialog", 10, || active_id() == "help-close").await;
    press("ArrowRight").await;
    assert_eq!(current_index(), 1, "keys do not reach the deck behind the dialog");
    press("Escape").await;
    assert!(!exists(".help"));
}

#[wasm_bindgen_test]
async fn single_key_shortcuts_can_be_turned_off_and_it_is_remembered() {
    let app = mount_at("").await;
    press("?").await;
    click("#character-keys").await;
    assert_eq!(storage().get_item("cppg-deck:character-keys").unwrap().as_deref(), Some("off"));
    assert!(query_all(".help-row.off").len() >= 5, "the help shows which shortcuts are off");
    press("Escape").await;
    for key in ["n", "b", "5", "o"] {
        press(key).await;
    }
    assert_eq!(current_index(), 1);
    assert!(!exists(".cover") && !exists(".jump-hint") && !exists(".overview"));
    press("PageDown").await;
    assert_eq!(current_index(), 2, "keys that are not characters stay on");
    drop(app);
    // The next visit remembers.
    let _app = remount("", "#/1").await;
    press("n").await;
    assert_eq!(current_index(), 1);
}

#[wasm_bindgen_test]
async fn the_overview_shows_every_slide_and_goes_where_chosen() {
    let _app = mount_at("#/2").await;
    press("o").await;
    assert_eq!(query_all(".overview .thumb").len(), TALK.slides.len());
    assert_eq!(query_all(".thumb[aria-current=true]").len(), 1);
    assert_eq!(query(".thumb[aria-current=true]").id(), "overview-1");
    until("the overview to open as a modal dialog", 10, || exists("dialog.overview:modal")).await;
    assert!(behind_is_inert(), "the deck behind is out of reach");
    until("the current slide's miniature to take focus", 10, || active_id() == "overview-1").await;
    press("ArrowRight").await;
    press("ArrowRight").await;
    until("focus to follow the cursor", 10, || active_id() == "overview-3").await;
    press("Enter").await;
    until("the overview to close", 10, || !exists(".overview")).await;
    assert_eq!(current_index(), 4);
    // Esc opens it when nothing else is open, and closes it again without moving.
    press("Escape").await;
    assert!(exists(".overview"));
    press("ArrowDown").await;
    press("Escape").await;
    assert!(!exists(".overview"));
    assert_eq!(current_index(), 4);
    // A click on a miniature goes there.
    press("o").await;
    click("#overview-5").await;
    assert_eq!(current_index(), 6);
}

#[wasm_bindgen_test]
async fn blackout_and_whiteout_return_on_any_key() {
    let _app = mount_at("#/3").await;
    for (key, white) in [("b", false), (".", false), ("w", true)] {
        press(key).await;
        assert!(exists(".cover"), "{key} covers the screen");
        assert_eq!(exists(".cover.white"), white);
        press("ArrowRight").await;
        assert!(!exists(".cover"), "any key returns");
        assert_eq!(current_index(), 3, "and does nothing else");
    }
    press("b").await;
    click(".cover").await;
    assert!(!exists(".cover"), "a click returns too");
}

#[wasm_bindgen_test]
async fn the_search_box_finds_slides_by_number_title_text_and_notes() {
    let _app = mount_at("").await;
    press("g").await;
    until("the box to take focus", 10, || active_id() == "search-input").await;
    let input: web_sys::HtmlInputElement = query("#search-input").unchecked_into();
    let target = TALK.slides.iter().position(|s| s.title.to_lowercase().contains("facets")).unwrap();
    type_into(&input, "FACETS");
    tick().await;
    assert!(!query_all(".search-results button").is_empty());
    let init = KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    input
        .dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
    tick().await;
    assert!(!exists(".search"));
    assert_eq!(current_index(), target + 1);
    press("g").await;
    let input: web_sys::HtmlInputElement = query("#search-input").unchecked_into();
    type_into(&input, "5");
    tick().await;
    click(".search-results button").await;
    assert_eq!(current_index(), 5);
    // Words of the notes are found too, shown in context with the words marked.
    press("/").await;
    let input: web_sys::HtmlInputElement = query("#search-input").unchecked_into();
    type_into(&input, "insightful");
    tick().await;
    let place = query(".search-results .search-place").text_content().unwrap();
    assert_eq!(place, "in the notes");
    assert_eq!(query(".search-results mark").text_content().unwrap().to_lowercase(), "insightful");
    type_into(&input, "zebra crossing");
    tick().await;
    assert!(query_all(".search-results button").is_empty());
    assert_eq!(query("#search-count").text_content().unwrap(), "Nothing found");
}

#[wasm_bindgen_test]
async fn the_pointer_hides_when_idle_and_returns_on_movement() {
    let _app = mount_at("").await;
    let root = document().document_element().unwrap();
    window().dispatch_event(&web_sys::MouseEvent::new("mousemove").unwrap()).unwrap();
    tick().await;
    assert!(!root.class_list().contains("cursor-hidden"));
    until("the idle pointer to hide", 600, || root.class_list().contains("cursor-hidden")).await;
    window().dispatch_event(&web_sys::MouseEvent::new("mousemove").unwrap()).unwrap();
    tick().await;
    assert!(!root.class_list().contains("cursor-hidden"));
}

#[wasm_bindgen_test]
async fn the_speaker_view_shows_slide_next_and_notes() {
    let slide = TALK.slides.iter().position(|s| s.steps > 0).unwrap();
    let _app = mount_with("?view=speaker", &format!("#/{}", slide + 1)).await;
    assert!(exists(".speaker"));
    assert!(query(".speaker-current .speaker-label")
        .text_content()
        .unwrap()
        .contains(&TALK.slides[slide].title));
    assert!(query(".speaker-next .speaker-label").text_content().unwrap().contains("step 1"));
    let Block::Paragraph(first) = &TALK.slides[slide].notes[0] else {
        panic!("the notes start with a paragraph")
    };
    let first = talk_compiler::plain_text(first);
    let notes = query(".notes").text_content().unwrap();
    assert!(notes.contains(&first), "notes shown: {notes}");
    click(".notes-larger").await;
    assert_eq!(storage().get_item("cppg-deck:notes-size").unwrap().as_deref(), Some("26"));
    assert_eq!(
        query(".notes").unchecked_into::<HtmlElement>().style().get_property_value("font-size").unwrap(),
        "26px"
    );
    press("ArrowRight").await;
    assert_eq!(hash().await, format!("#/{}/1", slide + 1), "keys drive the speaker view too");
}

#[wasm_bindgen_test]
async fn the_speaker_timer_comes_from_the_clock_and_survives_a_reload() {
    let started = js_sys::Date::now() - 65_000.0;
    window().local_storage().unwrap().unwrap().clear().unwrap();
    storage()
        .set_item("cppg-deck:timer", &format!("{{\"running_since\":{started},\"banked\":0.0}}"))
        .unwrap();
    let app = remount("?view=speaker", "#/1").await;
    let shown = query(".speaker-timer").text_content().unwrap();
    assert!(shown == "1:05" || shown == "1:06", "a timer started 65 s ago shows {shown}");
    assert_eq!(query(".timer-toggle").text_content().unwrap(), "Pause");
    click(".timer-toggle").await;
    assert_eq!(query(".timer-toggle").text_content().unwrap(), "Start");
    let stored = storage().get_item("cppg-deck:timer").unwrap().unwrap();
    assert!(stored.contains("\"running_since\":null"), "paused and stored: {stored}");
    click(".timer-reset").await;
    assert_eq!(query(".speaker-timer").text_content().unwrap(), "0:00");
    drop(app);
    // Garbage in storage is a fresh timer, not a panic.
    storage().set_item("cppg-deck:timer", "{\"running_since\": \"soon\"").unwrap();
    let _app = remount("?view=speaker", "#/1").await;
    assert_eq!(query(".speaker-timer").text_content().unwrap(), "0:00");
}

#[wasm_bindgen_test]
async fn kiosk_mode_advances_by_itself_and_pauses_on_input() {
    let _app = mount_with("?auto=0.5", "#/1").await;
    assert_eq!(query(".viewport").get_attribute("data-kiosk").as_deref(), Some("running"));
    until("the kiosk to advance", 300, || location_hash() != "#/1").await;
    press("ArrowLeft").await;
    until("the kiosk to pause", 30, || {
        query(".viewport").get_attribute("data-kiosk").as_deref() == Some("paused")
    })
    .await;
}

#[wasm_bindgen_test]
async fn closing_an_overlay_gives_focus_back_to_where_it_was() {
    let _app = mount_at("").await;
    for (button, overlay_focus) in [(".open-help", "help-close"), (".open-overview", "overview-0")] {
        let opener: HtmlElement = query(button).unchecked_into();
        opener.focus().unwrap();
        opener.click();
        tick().await;
        until("focus to move into the overlay", 10, || active_id() == overlay_focus).await;
        press("Escape").await;
        until("focus to come back", 10, || {
            document().active_element().is_some_and(|e| e.matches(button).unwrap_or(false))
        })
        .await;
    }
}

#[wasm_bindgen_test]
async fn a_click_outside_a_dialog_closes_it_and_one_inside_does_not() {
    let _app = mount_at("#/2").await;
    for (key, dialog) in [("?", "dialog.help"), ("g", "dialog.search")] {
        press(key).await;
        until("the dialog to open", 10, || exists(&format!("{dialog}:modal"))).await;
        let click_at = |x: f64, y: f64, target: &Element| {
            let init = web_sys::MouseEventInit::new();
            init.set_bubbles(true);
            init.set_client_x(x as i32);
            init.set_client_y(y as i32);
            target
                .dispatch_event(&web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap())
                .unwrap();
        };
        // On its title, and on the dialog's own padding: it stays open.
        let title = query(&format!("{dialog} h2"));
        let r = title.get_bounding_client_rect();
        click_at(r.left() + 2.0, r.top() + 2.0, &title);
        let box_ = query(dialog).get_bounding_client_rect();
        click_at(box_.left() + 4.0, box_.top() + 4.0, &query(dialog));
        tick().await;
        assert!(exists(&format!("{dialog}:modal")), "{dialog}: a click inside leaves it open");
        // On the backdrop (the browser reports it as a click on the dialog, outside its box).
        click_at(box_.left() - 8.0, box_.top() - 8.0, &query(dialog));
        until("a click outside to close it", 10, || !exists(dialog)).await;
        assert_eq!(current_index(), 2, "and does nothing else");
    }
}

#[wasm_bindgen_test]
async fn a_dialog_the_browser_closes_is_closed_in_the_app_too() {
    // Esc in a dialog's text field is the browser's (the app leaves keys in fields alone): it
    // closes the dialog and fires `close`, which the app follows. `close()` does the same.
    let _app = mount_at("").await;
    press("g").await;
    until("the search box to take focus", 10, || active_id() == "search-input").await;
    query("dialog.search").unchecked_into::<web_sys::HtmlDialogElement>().close();
    until("the search box to go", 10, || !exists(".search")).await;
    // Closed in the session too: G opens it again, and the other keys reach the deck.
    press("ArrowRight").await;
    assert_eq!(current_index(), 2);
    press("g").await;
    until("the search box to open again", 10, || exists("dialog.search:modal")).await;
}

#[wasm_bindgen_test]
async fn the_reading_view_holds_the_whole_talk_and_keeps_the_place_both_ways() {
    let _app = mount_with("?view=read", "#/5").await;
    assert!(reading());
    assert!(!exists("main.stage"), "no slides stage in the reading view");
    assert_eq!(query_all("#talk > .article > section.read-slide").len(), TALK.slides.len());
    assert_eq!(query_all(".toc a").len(), TALK.slides.len(), "the contents link every slide");
    let with_notes = TALK.slides.iter().filter(|s| !s.notes.is_empty()).count();
    assert_eq!(query_all(".read-notes").len(), with_notes);
    assert!(
        query_all(".article .fragment").iter().all(|f| {
            window().get_computed_style(f).unwrap().unwrap().get_property_value("visibility").unwrap()
                == "visible"
        }),
        "every fragment shown"
    );
    for (i, slide) in TALK.slides.iter().enumerate() {
        let section = document().get_element_by_id(&format!("/{}", i + 1)).expect("an anchor a slide");
        assert!(section.text_content().unwrap().contains(&slide.title));
    }
    // Slide keys do not move a page that is being read.
    press("ArrowRight").await;
    press("End").await;
    assert_eq!(hash().await, "#/5");
    // R goes back to the slides, at the same place…
    press("r").await;
    until("the slides to come back", 10, || exists("main.stage")).await;
    assert_eq!(current_index(), 5);
    assert_eq!(window().location().search().unwrap(), "");
    // …and from the slides, R opens the page at the slide being shown.
    press("ArrowRight").await;
    let here = hash().await;
    press("r").await;
    until("the reading view", 10, reading).await;
    assert_eq!(window().location().search().unwrap(), "?view=read");
    assert_eq!(hash().await, here);
}

#[wasm_bindgen_test]
async fn copy_link_gives_the_address_of_this_slide() {
    let _app = mount_at("#/6").await;
    click(".copy-link").await;
    let notice = query(".notice-text").text_content().unwrap();
    let path = window().location().pathname().unwrap();
    let origin = window().location().origin().unwrap();
    assert!(notice.ends_with(&format!("{origin}{path}#/6")), "{notice}");
    assert!(!notice.contains("view="));
    click(".notice-close").await;
    assert!(!exists(".notice"));
}

#[wasm_bindgen_test]
async fn the_theme_toggle_switches_and_is_remembered() {
    let root = document().document_element().unwrap();
    root.remove_attribute("data-theme").unwrap();
    let _app = mount_at("").await;
    // The paper's colour as the stage is painted with it (the palette's `light-dark()` resolved).
    let paper = || {
        let stage = query("#talk > main.stage");
        window().get_computed_style(&stage).unwrap().unwrap().get_property_value("background-color").unwrap()
    };
    let before = paper();
    let was_dark = deck_web::theme::is_dark();
    click(".theme-toggle").await;
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some(if was_dark { "light" } else { "dark" }));
    assert_ne!(paper(), before, "the colours change");
    assert_eq!(storage().get_item("cppg-deck:theme").unwrap(), root.get_attribute("data-theme"));
    assert_eq!(
        query(".theme-toggle").get_attribute("aria-pressed").as_deref(),
        Some(if was_dark { "false" } else { "true" })
    );
    click(".theme-toggle").await;
    assert_eq!(paper(), before);
    root.remove_attribute("data-theme").unwrap();
}

#[wasm_bindgen_test]
async fn a_crash_leaves_a_readable_message_with_a_reload_link() {
    deck_web::show_crash_notice();
    let notice = query(".crash[role=alert]");
    assert!(notice.text_content().unwrap_or_default().contains("stopped because of an error"));
    let link = query(".crash a");
    assert_eq!(link.get_attribute("href"), window().location().href().ok());
    assert_eq!(link.text_content().as_deref(), Some("Reload the slideshow"));
    notice.remove();
}

/// What goes between windows and into storage comes back as it went (`deck_web::json`'s own
/// deserializer), and text of another shape reads as nothing, without a panic.
#[wasm_bindgen_test]
fn messages_and_stored_values_round_trip_and_other_shapes_read_as_nothing() {
    use deck_core::ink::{Change, Ink, Stroke, Tool};
    use deck_core::rehearsal::{Event, Rehearsal};
    use deck_core::sync::{self, Body, Message, Screen, Shared};
    use deck_core::timer::Timer;
    use deck_web::json;

    let mut rehearsal = Rehearsal::start(3, 0, 1_764_000_000_000);
    rehearsal.apply(Event::Show { slide: 2, at: 1_764_000_090_500 });
    let mut stroke = Stroke::new(Tool::Highlighter, 0.5, [10, 20]);
    stroke.points.push([1500, 800]);
    let kept_stroke = stroke.clone();
    let bodies = [
        Body::State {
            state: Shared { slide: 4, step: 2, overview: true, screen: Screen::White, zoom: Some(1) },
        },
        Body::State { state: Shared::default() },
        Body::Hello,
        Body::Pointer { at: Some([3, 4]) },
        Body::Pointer { at: None },
        Body::Ink { slide: 7, change: Change::Add(stroke.clone()) },
        Body::Ink { slide: 7, change: Change::Live(stroke) },
        Body::Ink { slide: 0, change: Change::Undo },
        Body::Rehearsal { running: Some(rehearsal.clone()) },
        Body::Rehearsal { running: None },
    ];
    for body in bodies {
        let message = sync::message("deck", 9, body);
        let text = json::to_text(&message).expect("a message writes");
        assert_eq!(json::from_text::<Message>(&text), Some(message), "{text}");
    }
    let mut ink = Ink::default();
    assert!(ink.apply(3, &Change::Add(kept_stroke)));
    assert_eq!(json::from_text::<Ink>(&json::to_text(&ink).unwrap()), Some(ink));
    let timer = Timer::default().start(1_764_000_000_123.5);
    assert_eq!(json::from_text::<Timer>(&json::to_text(&timer).unwrap()), Some(timer));
    let record = rehearsal.record("The talk", &["a", "b", "c"], 1_764_000_100_000);
    let kept = json::to_text(&vec![record.clone(), record.clone()]).unwrap();
    let forged = kept.replacen("\"jumps\":0", "\"jumps\":-1", 1);
    assert_ne!(forged, kept, "the record has the field the forgery changes");
    assert_eq!(json::list(&forged), Some(vec![None, Some(record)]), "one bad entry is dropped alone");

    let other_shapes = [
        "",
        "not json",
        "null",
        "[]",
        r#"{"v":3,"deck":"deck","from":9}"#,
        r#"{"v":3,"deck":"deck","from":9,"body":"Goodbye"}"#,
        r#"{"v":3,"deck":"deck","from":9,"body":{"Hello":null,"State":null}}"#,
        r#"{"v":3,"deck":"deck","from":9.5,"body":"Hello"}"#,
        r#"{"v":3,"deck":"deck","from":-1,"body":"Hello"}"#,
        r#"{"v":3,"deck":7,"from":9,"body":"Hello"}"#,
        r#"{"v":3,"deck":"deck","from":9,"body":{"Pointer":{"at":[1,2,3]}}}"#,
        r#"{"v":3,"deck":"deck","from":9,"body":{"Pointer":{"at":[1,70000]}}}"#,
        r#"{"v":3,"deck":"deck","from":9,"body":{"Pointer":{"at":["1","2"]}}}"#,
    ];
    for text in other_shapes {
        assert_eq!(json::from_text::<Message>(text), None, "{text}");
    }
    // Unknown fields are skipped unread, however deep they nest.
    let deep = format!(
        r#"{{"v":3,"deck":"deck","from":9,"body":"Hello","x":{}0{}}}"#,
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert_eq!(json::from_text::<Message>(&deep).map(|m| m.body), Some(Body::Hello));
}
