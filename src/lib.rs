//! The CPPG seminar "The Role of Science in Pakistan's Diplomacy" as a slideshow.
//!
//! The pure core (`deck`, `nav`, `url`, `keys`) is plain Rust, tested natively; `render` and `app`
//! are the Leptos face; `browser` is the only glue to browser APIs.

pub mod deck;
pub mod keys;
pub mod nav;
pub mod url;

pub mod app;
pub mod browser;
pub mod render;

pub use app::App;
