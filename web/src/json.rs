//! JSON through the browser's own parser and writer (`JSON.parse`, `JSON.stringify`), and serde
//! between those values and Rust types (`serde-wasm-bindgen`): the wasm carries no JSON parser
//! nor float formatting of its own. Used for the messages between windows and for what the app
//! keeps in storage. Anything that is not JSON of the expected shape reads as `None`.

use serde::de::DeserializeOwned;
use serde::Serialize;

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
