//! The CPPG seminar "The Role of Science in Pakistan's Diplomacy" as a slideshow.
//!
//! The pure core (`deck`, `nav`, `url`, `keys`) is plain Rust, tested natively; `render` and `app`
//! are the Leptos face; `browser` is the only glue to browser APIs.

pub mod deck;
pub mod keys;
pub mod kiosk;
pub mod nav;
pub mod search;
pub mod sync;
pub mod timer;
pub mod url;

pub mod app;
pub mod browser;
pub mod channel;
pub mod focus;
pub mod help;
pub mod modal;
pub mod overview;
pub mod print;
pub mod reading;
pub mod render;
pub mod search_box;
pub mod session;
pub mod speaker;
pub mod text_size;
pub mod theme;
pub mod wiring;

pub use app::App;
