//! The CPPG seminar "The Role of Science in Pakistan's Diplomacy" as a slideshow: the app.
//!
//! The flow is content → compiler → page → app. `content/talk.md` is compiled at build time
//! (`compiler/`) into the page's HTML; the app adopts the page and never renders the talk again.
//! It is built from `deck-core` (the pure core) and `deck-web` (the only code that touches browser
//! APIs), and is four parts, whose imports run one way (views → widgets → wiring → session):
//! - `session`: this window's state and every action on it;
//! - `wiring`: browser events (the address, keys, other windows, the kiosk) tied to the session;
//! - `widgets`: what several views share (live region, notice, theme, modal dialogs, text size);
//! - `views`: the audience, speaker, reading and print views, and the overlays.

pub mod session;
pub mod views;
pub mod widgets;
pub mod wiring;

pub use views::app::App;
