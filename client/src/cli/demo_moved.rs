//! The answer to `poc demo`: the demo runs an embedded relay, so it is the separate program
//! `poc-demo` and `poc` carries no relay. Nothing here runs the demo.

/// `poc demo` was asked for; the demo is the `poc-demo` program.
#[derive(Debug, thiserror::Error)]
#[error(
    "the demo is not part of `poc`, which carries no relay: run `poc-demo` instead (from a source checkout: `cargo run --release --locked --bin poc-demo`)"
)]
pub struct DemoMoved;
