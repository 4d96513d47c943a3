//! The CPPG seminar "The Role of Science in Pakistan's Diplomacy" as a slideshow.
//!
//! The flow is content → compiler → page → app: `content/talk.md` is compiled at build time by
//! the `talk-compiler` crate (`compiler/`, run by `build.rs` and by `.ci/finish-page`), and the app
//! is three parts:
//! - `core`: the pure core (the deck's shape, navigation, keys, the URL codec, the sync messages,
//!   the timer, the kiosk, search ranking), plain Rust with no browser types, tested natively;
//! - `views`: the Leptos face (the session's state and every view of it);
//! - `browser`: the glue to browser APIs, and the wiring of their events to the session.

pub mod browser;
pub mod core;
pub mod views;

pub use views::app::App;
