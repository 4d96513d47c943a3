//! JSON through the browser's own parser and writer (`JSON.parse`, `JSON.stringify`), and serde
//! between those values and Rust types (`serde-wasm-bindgen`): the wasm carries no JSON parser
//! nor float formatting of its own. Used for the messages between windows and for what the app
//! keeps in storage. Anything that is not JSON of the expected shape reads as `None`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsCast;

/// `value` as JSON text.
pub fn to_text<T: Serialize>(value: &T) -> Option<String> {
    let value = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

/// JSON text as a `T`, if it is one.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// The entries of a JSON list, each as a `T` where it is one (`None` where it is not): read
/// leniently, so that one forged or corrupted entry is dropped by the caller, not the whole list.
/// `None` when the text is not JSON or not a list.
pub fn list<T: DeserializeOwned>(text: &str) -> Option<Vec<Option<T>>> {
    let value = js_sys::JSON::parse(text).ok()?;
    let list = value.dyn_into::<js_sys::Array>().ok()?;
    Some(list.iter().map(|entry| serde_wasm_bindgen::from_value(entry).ok()).collect())
}
