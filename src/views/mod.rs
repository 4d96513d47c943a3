//! The Leptos views of the session: the audience's stage and its chrome (`app`), the speaker view,
//! the reading view's buttons, print, the overview, help and search, and the pointer and pen.

pub mod app;
pub mod copy;
pub mod help;
pub mod ink;
pub mod overview;
pub mod pace;
pub mod print;
pub mod reading;
pub mod rehearsal;
pub mod search_box;
pub mod speaker;
