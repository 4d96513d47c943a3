//! The Leptos face: the session (this window's state) and the views that show it.

pub mod app;
pub mod copy;
pub mod focus;
pub mod help;
pub mod ink;
pub mod modal;
pub mod overview;
pub mod print;
pub mod reading;
pub mod search_box;
pub mod session;
pub mod speaker;
pub mod text_size;
pub mod theme;
