//! The pure core: plain Rust with no browser types, tested natively and by property tests.

pub mod contract;
pub mod deck;
pub mod ink;
pub mod keys;
pub mod kiosk;
pub mod nav;
pub mod plan;
pub mod rehearsal;
pub mod search;
pub mod sync;
pub mod text;
pub mod timer;
pub mod url;
