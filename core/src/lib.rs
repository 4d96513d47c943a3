//! The pure core: plain Rust with no browser types, tested natively and by property tests.

pub mod deck;
pub mod ink;
pub mod keys;
pub mod kiosk;
pub mod nav;
pub mod search;
pub mod sync;
pub mod timer;
pub mod url;
