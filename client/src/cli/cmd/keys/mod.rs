//! `poc keys ...`: this PoC's own keys.

pub mod rotate;
