//! The moment the app takes the talk over from the stage. The two are separate programs (two
//! wasm modules), so they meet in the page: the app fires [`HANDOFF_EVENT`] on the window with an
//! empty `detail`; the stage, if it runs, writes where the talk is into it and retires, all within
//! that one dispatch. No key press can fall between the stage's last move and the app's first:
//! each press is handled by exactly one of them.

use crate::window;
use deck_core::contract::HANDOFF_EVENT;
use deck_core::nav::Position;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// What the stage hands over: the place, and a slide number being typed ("1 2", then Enter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handed {
    pub at: Position,
    pub typed: Option<u32>,
}

fn set(object: &JsValue, key: &str, value: f64) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), &JsValue::from_f64(value));
}

fn get(object: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).ok()?.as_f64()
}

/// The stage's side: when the app asks, `give` says where the talk is (and retires the stage).
/// Heard once.
pub fn when_asked(give: impl FnOnce() -> Handed + 'static) {
    let answer = Closure::once_into_js(move |event: web_sys::CustomEvent| {
        let detail = event.detail();
        let handed = give();
        set(&detail, "slide", handed.at.slide as f64);
        set(&detail, "step", handed.at.step as f64);
        if let Some(typed) = handed.typed {
            set(&detail, "typed", f64::from(typed));
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
        HANDOFF_EVENT,
        answer.unchecked_ref(),
        &options,
    );
}

/// The app's side: takes the talk from the stage. `None` when no stage answered (it was blocked,
/// failed, or this face has none); the app then starts from the address.
pub fn take_over() -> Option<Handed> {
    let detail = js_sys::Object::new();
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    let event = web_sys::CustomEvent::new_with_event_init_dict(HANDOFF_EVENT, &init).ok()?;
    let _ = window().dispatch_event(&event);
    let detail: JsValue = detail.into();
    let whole = |v: f64| (v.is_finite() && v >= 0.0).then_some(v as usize);
    let slide = whole(get(&detail, "slide")?)?;
    let step = whole(get(&detail, "step")?)?;
    let typed = get(&detail, "typed").and_then(whole).and_then(|t| u32::try_from(t).ok());
    Some(Handed { at: Position::new(slide, step), typed })
}
