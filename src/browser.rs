//! The browser glue: the few places that touch `window`, `document` and `history`.
//! Everything here fails soft: a missing API leaves the deck working, never panics.

use crate::keys::KeyInput;
use leptos::prelude::{document, window};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, KeyboardEvent};

/// The current `location.hash`, `""` when there is none.
pub fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Puts `hash` in the address bar: a new history entry with `push`, else in place.
/// (pushState does not fire `hashchange`, so this never loops back into navigation.)
pub fn set_hash(hash: &str, push: bool) {
    let Ok(history) = window().history() else {
        return;
    };
    let _ = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(hash))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(hash))
    };
}

pub fn set_title(title: &str) {
    document().set_title(title);
}

pub fn set_lang(lang: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang);
    }
}

fn target_element(event: &KeyboardEvent) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// The key press as the key map sees it, or `None` when it belongs to a text field or an IME.
pub fn key_input<'k>(event: &KeyboardEvent, key: &'k str) -> Option<KeyInput<'k>> {
    if event.is_composing() || event.default_prevented() {
        return None;
    }
    let target = target_element(event);
    let tag = target.as_ref().map(|t| t.tag_name()).unwrap_or_default();
    let editable = target
        .as_ref()
        .and_then(|t| t.get_attribute("contenteditable"))
        .is_some_and(|v| v != "false");
    if matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT") || editable {
        return None;
    }
    Some(KeyInput {
        key,
        shift: event.shift_key(),
        ctrl: event.ctrl_key(),
        alt: event.alt_key(),
        meta: event.meta_key(),
        on_control: matches!(tag.as_str(), "BUTTON" | "A" | "SUMMARY"),
    })
}
