//! JSON through the browser's own parser and writer (`JSON.parse`, `JSON.stringify`), and serde
//! between those values and Rust types: the wasm carries no JSON parser nor float formatting of
//! its own. Used for the messages between windows and for what the app keeps in storage. Anything
//! that is not JSON of the expected shape reads as `None`.
//!
//! Values are written by `serde-wasm-bindgen`'s serializer and read by the small deserializer
//! below. Its error says nothing but "not of the expected shape": serde's errors describe what
//! they found, and describing a number found where text was expected brings float printing
//! (about 10 KB of wasm) into the app for a message nobody reads.

use js_sys::{Array, Object};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// `value` as JSON text.
pub fn to_text<T: Serialize>(value: &T) -> Option<String> {
    let value = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

/// JSON text as a `T`, if it is one.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_value(js_sys::JSON::parse(text).ok()?)
}

/// The entries of a JSON list, each as a `T` where it is one (`None` where it is not): read
/// leniently, so that one forged or corrupted entry is dropped by the caller, not the whole list.
/// `None` when the text is not JSON or not a list.
pub fn list<T: DeserializeOwned>(text: &str) -> Option<Vec<Option<T>>> {
    let list = js_sys::JSON::parse(text).ok()?.dyn_into::<Array>().ok()?;
    Some(list.iter().map(from_value).collect())
}

fn from_value<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    T::deserialize(Value(value)).ok()
}

/// Not of the expected shape. It keeps no description (see the module's note).
#[derive(Debug)]
pub struct Invalid;

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not of the expected shape")
    }
}

impl std::error::Error for Invalid {}

impl de::Error for Invalid {
    fn custom<T: std::fmt::Display>(_: T) -> Invalid {
        Invalid
    }
}

/// A value `JSON.parse` gave: null, a boolean, a number, a string, an array or an object.
struct Value(JsValue);

/// The largest integer a JS number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

impl<'de> de::Deserializer<'de> for Value {
    type Error = Invalid;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        let v = self.0;
        if v.is_null() || v.is_undefined() {
            visitor.visit_unit()
        } else if let Some(b) = v.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = v.as_f64() {
            // Whole numbers as integers, so that integer fields accept them.
            if n.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&n) {
                visitor.visit_u64(n as u64)
            } else if n.fract() == 0.0 && (-MAX_SAFE..0.0).contains(&n) {
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_f64(n)
            }
        } else if let Some(s) = v.as_string() {
            visitor.visit_string(s)
        } else if Array::is_array(&v) {
            let mut items = Items { items: v.unchecked_into(), next: 0 };
            let value = visitor.visit_seq(&mut items)?;
            // Every item read: a list longer than the shape is not of it.
            if items.next == items.items.length() {
                Ok(value)
            } else {
                Err(Invalid)
            }
        } else if v.is_object() {
            let object = v.unchecked_into::<Object>();
            let keys = Object::keys(&object);
            visitor.visit_map(Fields { object, keys, next: 0, value: None })
        } else {
            Err(Invalid)
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_f64(self.0.as_f64().ok_or(Invalid)?)
    }

    /// A unit variant is its name; any other variant an object of one key, its name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(name.into_deserializer());
        }
        let object = self.0.dyn_into::<Object>().map_err(|_| Invalid)?;
        let keys = Object::keys(&object);
        if keys.length() != 1 {
            return Err(Invalid);
        }
        let name = keys.get(0);
        let value = js_sys::Reflect::get(&object, &name).map_err(|_| Invalid)?;
        visitor.visit_enum(Variant { name: name.as_string().ok_or(Invalid)?, value })
    }

    /// A newtype is written as what it wraps.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        visitor.visit_newtype_struct(self)
    }

    /// A field the shape does not know is skipped unread: a forged message nested thousands deep
    /// costs nothing.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// An array's items, in order.
struct Items {
    items: Array,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Invalid;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Invalid> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(Value(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.items.length() - self.next) as usize)
    }
}

/// An object's fields, in the order `Object.keys` gives them.
struct Fields {
    object: Object,
    keys: Array,
    next: u32,
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Fields {
    type Error = Invalid;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Invalid> {
        if self.next >= self.keys.length() {
            return Ok(None);
        }
        let key = self.keys.get(self.next);
        self.next += 1;
        self.value = Some(js_sys::Reflect::get(&self.object, &key).map_err(|_| Invalid)?);
        seed.deserialize(Value(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Invalid> {
        seed.deserialize(Value(self.value.take().ok_or(Invalid)?))
    }
}

/// A variant that carries a value: `{"Name": value}`.
struct Variant {
    name: String,
    value: JsValue,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Invalid;
    type Variant = Value;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Value), Invalid> {
        let name: de::value::StringDeserializer<Invalid> = self.name.into_deserializer();
        Ok((seed.deserialize(name)?, Value(self.value)))
    }
}

impl<'de> de::VariantAccess<'de> for Value {
    type Error = Invalid;

    fn unit_variant(self) -> Result<(), Invalid> {
        Err(Invalid)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Invalid> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Invalid> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
