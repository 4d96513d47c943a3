//! Browser unit tests: the app mounted in headless Chromium, driven by DOM events.
//! Run with `cargo test --target wasm32-unknown-unknown --test browser` (see .ci/deck).
#![cfg(target_arch = "wasm32")]

use cppg_deck::deck::TALK;
use cppg_deck::App;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, KeyboardEvent, KeyboardEventInit, Touch, TouchEvent, TouchEventInit, TouchInit,
};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app at `hash` into a fresh container; dropping the guard unmounts it.
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
    let history = window().history().unwrap();
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(if hash.is_empty() { "#" } else { hash }))
        .unwrap();
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    // The real stylesheet, so that visibility and sizes are the shipped ones.
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../public/deck.css")));
    root.append_child(&style).unwrap();
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

fn hash() -> String {
    window().location().hash().unwrap()
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

fn first_slide_with_steps() -> usize {
    TALK.slides.iter().position(|s| s.steps > 0).expect("the talk has a slide with fragments")
}

#[wasm_bindgen_test]
async fn mounts_one_section_per_slide_with_only_the_first_shown() {
    let _app = mount_at("").await;
    let sections = query_all("main.stage > section.slide");
    assert_eq!(sections.len(), TALK.slides.len());
    assert_eq!(current_index(), 1);
    for (i, section) in sections.iter().enumerate() {
        assert!(section.query_selector("h1, h2").unwrap().is_some(), "slide {} has a heading", i + 1);
        let hidden = section.has_attribute("inert");
        assert_eq!(hidden, i != 0, "only the current slide is reachable (slide {})", i + 1);
        let style = window().get_computed_style(section).unwrap().unwrap();
        let visibility = style.get_property_value("visibility").unwrap();
        assert_eq!(visibility == "hidden", i != 0, "slide {} visibility {visibility}", i + 1);
    }
    assert_eq!(hash(), "#/1", "the URL names the place from the start");
    assert_eq!(document().title(), TALK.title);
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some(TALK.lang));
    assert!(query_all("[role=application]").is_empty());
}

#[wasm_bindgen_test]
async fn keys_move_and_update_url_title_and_live_region() {
    let _app = mount_at("").await;
    press("ArrowRight").await;
    assert_eq!(current_index(), 2);
    assert_eq!(hash(), "#/2");
    let title = TALK.slides[1].title;
    assert_eq!(document().title(), format!("{title} · {}", TALK.title));
    let live = query("[aria-live=polite]");
    assert_eq!(live.text_content().unwrap(), format!("Slide 2 of {}: {title}", TALK.slides.len()));
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
    assert_eq!(current_index(), 2);
    assert_eq!(prev.get_attribute("aria-disabled").as_deref(), Some("false"));
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
    assert_eq!(hash(), format!("#/{}/1", slide + 1));
    let live = query("[aria-live=polite]").text_content().unwrap();
    assert_eq!(Some(live), TALK.slides[slide].fragment_text(1), "the revealed item is announced");
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
    let target = query("main.stage");
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
        assert_eq!(hash(), canonical, "after {typed}");
    }
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
