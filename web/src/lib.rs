//! The browser glue: the places that touch `window`, `document`, `history`, storage, fullscreen
//! and the wake lock. Everything fails soft: a missing API leaves the deck working, never panics.
//! `page` is the talk in the page, `channel` the line between windows, `handoff` the moment the
//! app takes the talk over from the stage, `dialog` the native modal dialogs, `theme` light and
//! dark.

pub mod channel;
pub mod dialog;
pub mod handoff;
pub mod json;
pub mod page;
pub mod theme;

/// The page's window (there is always one where the deck runs: it is not a worker).
pub fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a document")
}

use deck_core::keys::KeyInput;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, KeyboardEvent};

pub use web_sys::Event;

/// The current `location.hash`, `""` when there is none.
pub fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current `location.search` (`?view=speaker&…`), `""` when there is none.
pub fn location_search() -> String {
    window().location().search().unwrap_or_default()
}

/// Puts `hash` in the address bar: a new history entry with `push`, else in place.
/// (pushState does not fire `hashchange`, so this never loops back into navigation.)
pub fn set_hash(hash: &str, push: bool) {
    let Ok(history) = window().history() else { return };
    let _ = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(hash))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(hash))
    };
}

/// Replaces the query string (which view is open), keeping the path and the hash.
pub fn set_query(query: &str) {
    let path = window().location().pathname().unwrap_or_default();
    let url = format!("{path}{query}{}", location_hash());
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Runs `f` in the idle time after the next frame is painted (within 200 ms): work that does not
/// change what is on screen (the address bar, the tab's title) then never delays the frame a key
/// press asked for. A hidden page paints no frames, so there it runs at once. Where there is no
/// `requestIdleCallback` (some Safari versions), it runs in the first task after the paint.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    if document().hidden() {
        return f();
    }
    // `once_into_js` frees each closure after its one call.
    let after_paint = Closure::once_into_js(move || {
        let task = Closure::once_into_js(f);
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(200);
        let idle = window().request_idle_callback_with_options(task.unchecked_ref(), &options);
        if idle.is_err() {
            let _ = window().set_timeout_with_callback(task.unchecked_ref());
        }
    });
    if window().request_animation_frame(after_paint.unchecked_ref()).is_err() {
        // Cannot happen with a window; the callback is then simply never run, so say so.
        web_sys::console::warn_1(&"requestAnimationFrame refused: the address is not updated".into());
    }
}

pub fn set_title(title: &str) {
    document().set_title(title);
}

/// In release a panic aborts the WebAssembly, and the page would freeze as it was. This hook
/// first logs the panic and puts a readable message with a reload link over the page.
pub fn report_panics() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("cppg-deck stopped: {info}").into());
        show_crash_notice();
    }));
}

/// The message a panic leaves: built with plain DOM calls, as the app itself can no longer run.
pub fn show_crash_notice() {
    let doc = document();
    let (Ok(notice), Ok(text), Ok(link), Some(body)) =
        (doc.create_element("div"), doc.create_element("p"), doc.create_element("a"), doc.body())
    else {
        return;
    };
    let _ = notice.set_attribute("class", "crash");
    let _ = notice.set_attribute("role", "alert");
    text.set_text_content(Some("Sorry: the slideshow stopped because of an error in it."));
    let _ = link.set_attribute("href", &window().location().href().unwrap_or_default());
    link.set_text_content(Some("Reload the slideshow"));
    let _ = notice.append_child(&text);
    let _ = notice.append_child(&link);
    let _ = body.append_child(&notice);
}

/// Sets or clears a class on the document's root (`<html>`).
pub fn set_root_class(name: &str, on: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force(name, on);
    }
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// The time of day where the browser is, as hours (0 to 23) and minutes.
pub fn local_time() -> (u32, u32) {
    let date = js_sys::Date::new_0();
    (date.get_hours(), date.get_minutes())
}

/// A random number (not for secrets): what tells this window's messages from the others'.
pub fn random_u32() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

/// `target[key]`, or `None` when it is missing (an API this browser does not have).
fn property(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// A value from localStorage; `None` when absent, unreadable, or storage is off (private mode).
pub fn load(key: &str) -> Option<String> {
    window().local_storage().ok().flatten()?.get_item(key).ok().flatten()
}

pub fn store(key: &str, value: &str) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(key, value);
    }
}

/// A value from this tab's sessionStorage (kept across reloads of the tab, not shared with others).
pub fn load_for_tab(key: &str) -> Option<String> {
    window().session_storage().ok().flatten()?.get_item(key).ok().flatten()
}

pub fn store_for_tab(key: &str, value: &str) {
    if let Some(storage) = window().session_storage().ok().flatten() {
        let _ = storage.set_item(key, value);
    }
}

/// Whether this page was loaded by a reload (Navigation Timing's `type`), not by following a link
/// or typing an address. `false` where the browser does not say.
pub fn reloaded() -> bool {
    let entry = property(&window().into(), "performance")
        .and_then(|performance| {
            let get = property(&performance, "getEntriesByType")?;
            get.dyn_ref::<js_sys::Function>()?.call1(&performance, &JsValue::from_str("navigation")).ok()
        })
        .and_then(|entries| property(&entries, "0"));
    entry.and_then(|e| property(&e, "type")).and_then(|t| t.as_string()).as_deref() == Some("reload")
}

pub fn is_fullscreen() -> bool {
    document().fullscreen_element().is_some()
}

/// Enters or leaves fullscreen. Both return promises that reject when the browser refuses (no
/// user gesture, a policy): the refusal is swallowed, not left as an uncaught error.
pub fn toggle_fullscreen() {
    if is_fullscreen() {
        call_settling(&document().into(), "exitFullscreen", None);
    } else if let Some(root) = document().document_element() {
        call_settling(&root.into(), "requestFullscreen", None);
        keep_screen_awake();
    }
}

/// Asks for a screen wake lock where the browser has one (`navigator.wakeLock`), so that the
/// projector does not sleep mid-talk. The browser releases it when the page is hidden.
pub fn keep_screen_awake() {
    // A refusal (battery saver, hidden page) is not an error.
    call_navigator_api("wakeLock", "request", "screen");
}

/// Calls `navigator[api][method](arg)` where the browser has that API, leaving the promise it
/// returns to settle on its own (a rejection is swallowed). `false` where the API is missing.
fn call_navigator_api(api: &str, method: &str, arg: &str) -> bool {
    let navigator: JsValue = window().navigator().into();
    let Some(object) = property(&navigator, api) else { return false };
    call_settling(&object, method, Some(&JsValue::from_str(arg)))
}

/// Calls `object[method](arg?)` if it is a function; a promise it returns may reject unheard.
fn call_settling(object: &JsValue, method: &str, arg: Option<&JsValue>) -> bool {
    let Some(function) = property(object, method) else { return false };
    let Some(function) = function.dyn_ref::<js_sys::Function>() else { return false };
    let result = match arg {
        Some(arg) => function.call1(object, arg),
        None => function.call0(object),
    };
    match result {
        Ok(promise) => {
            swallow_rejection(&promise);
            true
        }
        Err(_) => false,
    }
}

fn swallow_rejection(promise: &JsValue) {
    if let Some(promise) = promise.dyn_ref::<js_sys::Promise>() {
        let ignore = Closure::once(|_: JsValue| {});
        let _ = promise.catch(&ignore);
        ignore.forget();
    }
}

/// Opens the speaker view in its own window (or focuses it when it is open already). Its address
/// names no slide, so it joins the talk: it asks where the talk is (see `core::sync::arrival`).
pub fn open_speaker_window() {
    let path = window().location().pathname().unwrap_or_default();
    let url = format!("{path}?view=speaker");
    let _ = window().open_with_url_and_target_and_features(
        &url,
        deck_core::contract::SPEAKER_WINDOW,
        "popup,width=1280,height=800",
    );
}

/// The width of the window in CSS pixels.
pub fn viewport_width() -> f64 {
    window().inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(1024.0)
}

fn target_element(event: &KeyboardEvent) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// The key press as the key map sees it, or `None` when it is not the deck's to hear: it belongs to
/// a text field or an IME, a handler already took it, it is a modifier alone, or Alt is held
/// (Alt+← and friends are the browser's).
pub fn key_input<'k>(event: &KeyboardEvent, key: &'k str) -> Option<KeyInput<'k>> {
    if event.is_composing() || event.default_prevented() || event.alt_key() {
        return None;
    }
    if matches!(key, "Shift" | "Control" | "Alt" | "Meta" | "AltGraph" | "CapsLock") {
        return None;
    }
    let target = target_element(event);
    let tag = target.as_ref().map(|t| t.tag_name()).unwrap_or_default();
    let editable =
        target.as_ref().and_then(|t| t.get_attribute("contenteditable")).is_some_and(|v| v != "false");
    if matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT") || editable {
        return None;
    }
    Some(KeyInput {
        key,
        shift: event.shift_key(),
        ctrl: event.ctrl_key(),
        alt: false,
        meta: event.meta_key(),
        on_control: matches!(tag.as_str(), "BUTTON" | "A" | "SUMMARY"),
    })
}

/// `f` with the key press of `event`, if it is a key press the deck may hear (see [`key_input`]).
pub fn with_key_input<T>(event: &web_sys::Event, f: impl FnOnce(KeyInput<'_>) -> T) -> Option<T> {
    let event = event.dyn_ref::<KeyboardEvent>()?;
    let key = event.key();
    key_input(event, &key).map(f)
}

/// Keeps the browser from acting on an event (a key that moved the deck scrolls nothing).
pub fn prevent_default(event: &web_sys::Event) {
    event.prevent_default();
}

/// Whether the document's root (`<html>`) has a class.
pub fn has_root_class(name: &str) -> bool {
    document().document_element().is_some_and(|root| root.class_list().contains(name))
}

/// The text of the element with `id`, if there is one.
pub fn set_text(id: &str, text: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        element.set_text_content(Some(text));
    }
}

/// Sets attribute `name` of the element with `id`, if there is one.
pub fn set_attribute(id: &str, name: &str, value: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        let _ = element.set_attribute(name, value);
    }
}

/// Removes the element with `id`, if there is one.
pub fn remove(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        element.remove();
    }
}

pub fn focus_id(id: &str) {
    if let Some(element) =
        document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// The id of the focused element (`""` when none has one).
pub fn active_id() -> String {
    document().active_element().map(|e| e.id()).unwrap_or_default()
}

/// Scrolls the element with `id` to the top of the window.
pub fn scroll_to(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        element.scroll_into_view();
    }
}

/// The first of `count` sections (ids from `id_of`) whose bottom is below the top of the window.
pub fn first_visible(count: usize, id_of: impl Fn(usize) -> String) -> Option<usize> {
    (0..count).find(|&i| {
        document().get_element_by_id(&id_of(i)).is_some_and(|e| e.get_bounding_client_rect().bottom() > 80.0)
    })
}

/// The address of this deck at `hash`, without the view (`?view=…`): what a shared link should be.
pub fn link_to(hash: &str) -> String {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}{hash}")
}

/// Puts `text` on the clipboard where the browser allows it (secure contexts); `false` otherwise.
pub fn copy_to_clipboard(text: &str) -> bool {
    call_navigator_api("clipboard", "writeText", text)
}

/// Registers the service worker (`sw.js`, next to the page) where the browser has them; the deck
/// then works offline after one visit. Failure (plain http, private mode) changes nothing else.
pub fn register_service_worker() {
    // A page opened from a file (talk.html) cannot have one: asking would only log a refusal.
    if window().location().protocol().as_deref() != Ok("file:") {
        call_navigator_api("serviceWorker", "register", "sw.js");
    }
}

/// Whether an event landed on a link or a button (which handle a tap themselves).
pub fn on_control(event: &web_sys::Event) -> bool {
    target_within(event, "a, button, input, [role=button]")
}

/// An event listener on `target`, removed when dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    pub fn on(
        target: &web_sys::EventTarget,
        kind: &'static str,
        f: impl FnMut(web_sys::Event) + 'static,
    ) -> Self {
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
        Listener { target: target.clone(), kind, callback }
    }

    /// A listener on the window.
    pub fn on_window(kind: &'static str, f: impl FnMut(web_sys::Event) + 'static) -> Self {
        Listener::on(&window(), kind, f)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

/// Where a pointer event is on `element`, as fractions of its width and height (0 to 1 inside it).
pub fn pointer_on(element: &Element, event: &web_sys::PointerEvent) -> (f64, f64) {
    let r = element.get_bounding_client_rect();
    (
        (f64::from(event.client_x()) - r.left()) / r.width(),
        (f64::from(event.client_y()) - r.top()) / r.height(),
    )
}

/// How hard the pointer presses, from 0 to 1: a pen's pressure; a mouse says 0.5 while a button
/// is down.
pub fn pressure(event: &web_sys::PointerEvent) -> f64 {
    f64::from(event.pressure())
}

/// Sends this pointer's next events to `element` until it is lifted, even outside it (a stroke
/// that runs past the slide's edge goes on).
pub fn capture_pointer(element: &Element, event: &web_sys::PointerEvent) {
    let _ = element.set_pointer_capture(event.pointer_id());
}

/// Where a touch is (client pixels): the first of the event's touches, or of those that changed
/// (a touch that ended is no longer among `touches`).
pub fn touch_point(event: &web_sys::Event, changed: bool) -> Option<(f64, f64)> {
    let event = event.dyn_ref::<web_sys::TouchEvent>()?;
    let list = if changed { event.changed_touches() } else { event.touches() };
    let touch = list.get(0)?;
    Some((f64::from(touch.client_x()), f64::from(touch.client_y())))
}

/// Whether an event's target is the element with `id`, or inside it.
pub fn target_within_id(event: &web_sys::Event, id: &str) -> bool {
    let Some(element) = document().get_element_by_id(id) else { return false };
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|t| element.contains(Some(&t)))
}

/// Whether an event's target is within an element matching `selector`.
pub fn target_within(event: &web_sys::Event, selector: &str) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest(selector).ok().flatten())
        .is_some()
}

// The speaker view's pace and rehearsals (the app's `views::pace` and `views::rehearsal`). Each is
// `#[inline]`: built only into the program that uses it, so the stage is not touched by them.

/// Removes a value from localStorage.
#[inline]
pub fn forget(key: &str) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.remove_item(key);
    }
}

/// Sets a style property (`left`, `width`, …) of the element with `id`, if there is one: through
/// the CSS object model, which the page's policy allows (a `style` attribute it would refuse).
#[inline]
pub fn set_style(id: &str, property: &str, value: &str) {
    if let Some(element) =
        document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.style().set_property(property, value);
    }
}

/// Fills the element with `id` with a `<span class="…">` for each of `grows`, each taking that
/// share of a flex row (`flex-grow`, set through the CSS object model): a bar of parts.
#[inline]
pub fn set_parts(id: &str, class: &str, grows: &[u32]) {
    let doc = document();
    let Some(row) = doc.get_element_by_id(id) else { return };
    for grow in grows {
        let Ok(part) = doc.create_element("span") else { return };
        part.set_class_name(class);
        if let Some(part) = part.dyn_ref::<web_sys::HtmlElement>() {
            let _ = part.style().set_property("flex-grow", &grow.to_string());
        }
        let _ = row.append_child(&part);
    }
}

/// Shows or hides (the `hidden` attribute) the element with `id`, if there is one.
#[inline]
pub fn set_hidden(id: &str, hidden: bool) {
    if let Some(element) = document().get_element_by_id(id) {
        let _ = element.toggle_attribute_with_force("hidden", hidden);
    }
}

/// Fills the table body with `id` with `rows`, a `<tr>` each: its first cell a row header
/// (`<th scope="row">`), the others data cells; what was in it goes.
#[inline]
pub fn set_table_rows(id: &str, rows: &[Vec<String>]) {
    let doc = document();
    let Some(body) = doc.get_element_by_id(id) else { return };
    body.set_text_content(None);
    for cells in rows {
        let Ok(row) = doc.create_element("tr") else { return };
        for (i, text) in cells.iter().enumerate() {
            let Ok(cell) = doc.create_element(if i == 0 { "th" } else { "td" }) else { return };
            if i == 0 {
                let _ = cell.set_attribute("scope", "row");
            }
            cell.set_text_content(Some(text));
            let _ = row.append_child(&cell);
        }
        let _ = body.append_child(&row);
    }
}

/// Puts `text` on the clipboard, then tells `done` whether it is there: `false` where there is
/// no clipboard (an insecure context) or the browser refused (no permission, no focus), so that
/// the caller can show the text instead.
#[inline]
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let navigator: JsValue = window().navigator().into();
    let promise = property(&navigator, "clipboard").and_then(|clipboard| {
        let write = property(&clipboard, "writeText")?;
        write.dyn_ref::<js_sys::Function>()?.call1(&clipboard, &JsValue::from_str(text)).ok()
    });
    let then = promise.as_ref().and_then(|p| property(p, "then"));
    let (Some(promise), Some(then)) = (promise, then.and_then(|t| t.dyn_into::<js_sys::Function>().ok()))
    else {
        return done(false);
    };
    // One of the two runs: each is freed after its call, the other stays (a few bytes, once a copy).
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let answer = move |copied: bool| {
        let done = done.clone();
        Closure::once_into_js(move |_: JsValue| {
            if let Some(done) = done.take() {
                done(copied);
            }
        })
    };
    let _ = then.call2(&promise, &answer(true), &answer(false));
}

/// Offers `text` as a file named `name` to download: a `data:` address followed by a link with
/// `download`. The page's policy (`default-src 'self'`) needs no change for it: a download is not
/// a fetch the policy governs, in Chromium or in Firefox. (A `blob:` address would do as well,
/// but would bring new browser bindings into `deck-web`, and with them new names into the stage.)
#[inline]
pub fn download_text(name: &str, text: &str) {
    let mut href = String::from("data:text/plain;charset=utf-8,");
    href.push_str(&String::from(js_sys::encode_uri_component(text)));
    let doc = document();
    let (Ok(link), Some(body)) = (doc.create_element("a"), doc.body()) else { return };
    let _ = link.set_attribute("href", &href);
    let _ = link.set_attribute("download", name);
    let _ = link.set_attribute("hidden", "");
    let _ = body.append_child(&link);
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    link.remove();
}

/// Selects the text of the field with `id` (an `<input>` or `<textarea>`) and focuses it, so that
/// copying it is one key press away.
#[inline]
pub fn select_text(id: &str) {
    focus_id(id);
    if let Some(element) = document().get_element_by_id(id) {
        call_settling(&element.into(), "select", None);
    }
}
