//! Focus for overlays: when one opens, focus moves into it; when it closes, focus returns to where
//! it was (or to the page), so that keyboard users never lose their place (WCAG 2.4.3).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// While `open` holds, keeps focus on the element whose id `target` names (re-read as it changes);
/// on closing, gives focus back to the element that had it before.
pub fn follow_overlay(open: impl Fn() -> bool + 'static, target: impl Fn() -> String + 'static) {
    let before = StoredValue::new_local(None::<HtmlElement>);
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open();
        let id = target();
        if is_open {
            if was_open != Some(true) {
                before.set_value(active_element());
            }
            // After the overlay's DOM is drawn, whichever effect runs first.
            request_animation_frame(move || deck_web::focus_id(&id));
        } else if was_open == Some(true) {
            let back = before.get_value().filter(|e| e.is_connected()).or_else(|| document().body());
            if let Some(element) = back {
                let _ = element.focus();
            }
        }
        is_open
    });
}

/// Keeps Tab inside an open dialog (`on:keydown` on the dialog): past the last control it wraps
/// to the first, and Shift+Tab before the first wraps to the last, so focus never lands on what
/// the dialog covers (WCAG 2.4.11).
pub fn keep_tab_inside(event: web_sys::KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let Some(dialog) = event.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return;
    };
    let Ok(list) =
        dialog.query_selector_all("button:not([disabled]), [href], input:not([disabled]), [tabindex='0']")
    else {
        return;
    };
    let controls: Vec<HtmlElement> =
        (0..list.length()).filter_map(|i| list.get(i)?.dyn_into::<HtmlElement>().ok()).collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else { return };
    let active = active_element();
    let wrap_to = if event.shift_key() {
        (active.as_ref() == Some(first) || active.is_none()).then_some(last)
    } else {
        (active.as_ref() == Some(last)).then_some(first)
    };
    if let Some(target) = wrap_to {
        event.prevent_default();
        let _ = target.focus();
    }
}

fn active_element() -> Option<HtmlElement> {
    document().active_element()?.dyn_into::<HtmlElement>().ok()
}
