//! `poc directory ...`: the directory in force, as this PoC holds it.

pub mod list;
pub mod relays;
pub mod show;
pub mod sync;
pub mod verify;
