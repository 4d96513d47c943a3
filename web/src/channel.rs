//! The line between windows of the talk: a `BroadcastChannel`, or where a browser has none, the
//! `storage` event (another window writing a localStorage key). Text in, text out; what the text
//! means is `sync.rs`'s business.

use crate::window;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent, StorageEvent};

use deck_core::contract::{key, CHANNEL};

pub struct Channel {
    broadcast: Option<BroadcastChannel>,
    /// Keeps the listener alive as long as the channel.
    _listener: Closure<dyn Fn(JsValue)>,
}

impl Channel {
    /// Listens for messages from other windows of this origin. `receive` gets each message's text
    /// and may answer: its reply is posted back to all windows.
    pub fn open(receive: impl Fn(String) -> Option<String> + 'static) -> Channel {
        let receive = Rc::new(receive);
        match BroadcastChannel::new(CHANNEL) {
            Ok(broadcast) => {
                let replies = broadcast.clone();
                let listener = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                    let Some(event) = event.dyn_ref::<MessageEvent>() else { return };
                    // Anything but a string (objects, blobs, …) is not one of ours.
                    if let Some(reply) = event.data().as_string().and_then(|text| receive(text)) {
                        let _ = replies.post_message(&JsValue::from_str(&reply));
                    }
                });
                broadcast.set_onmessage(Some(listener.as_ref().unchecked_ref()));
                Channel { broadcast: Some(broadcast), _listener: listener }
            }
            Err(_) => {
                let listener = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                    let Some(event) = event.dyn_ref::<StorageEvent>() else { return };
                    if event.key().as_deref() == Some(key::SYNC) {
                        if let Some(text) = event.new_value() {
                            // Drop the nonce line that `post` added.
                            let message = text.rsplit_once('\n').map_or(text.as_str(), |(m, _)| m);
                            if let Some(reply) = receive(message.to_string()) {
                                store_message(&reply);
                            }
                        }
                    }
                });
                let _ =
                    window().add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
                Channel { broadcast: None, _listener: listener }
            }
        }
    }

    pub fn post(&self, text: &str) {
        match &self.broadcast {
            Some(broadcast) => {
                let _ = broadcast.post_message(&JsValue::from_str(text));
            }
            None => store_message(text),
        }
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        match &self.broadcast {
            Some(broadcast) => {
                broadcast.set_onmessage(None);
                broadcast.close();
            }
            None => {
                let _ = window()
                    .remove_event_listener_with_callback("storage", self._listener.as_ref().unchecked_ref());
            }
        }
    }
}

/// The storage event fires only when the value changes, so each message carries a nonce line (a
/// whole number: printing a float would bring float formatting, 10 KB, into the wasm).
fn store_message(text: &str) {
    crate::store(key::SYNC, &format!("{text}\n{}", crate::random_u32()));
}
