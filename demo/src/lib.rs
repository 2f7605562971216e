//! # poc-demo: the whole PoC Relay flow on one machine
//!
//! [`run`] plays every role in a temporary directory on loopback: an embedded relay on sled,
//! the custodian, three PoCs of two States. It checks each step (enrolment, directory
//! publication and verification, a signed and encrypted notification, its receipt, what the
//! relay cannot read, refusals, durability across a relay restart) and stops at the first
//! failure.
//!
//! - [`flow`]: the steps and their checks;
//! - [`progress`]: how the steps are reported while they run (the library prints nothing);
//! - [`outcome`]: the typed result of a run, serialisable as one JSON document;
//! - [`files`]: searching a directory's files for plaintext.
//!
//! The `poc-demo` binary (`src/main.rs`) prints the steps for people, or with `--json` only the
//! outcome.
//!
//! ## Why a crate of its own
//!
//! The demo needs the relay library (`poc-relay`, with sled, governor, prometheus-client and
//! rcgen). It lives here rather than behind a cargo feature of `poc-client` so that the `poc`
//! binary PoCs install never contains a relay, whatever features or workspace a build uses: no
//! flag for packagers to remember, and no feature unification in the workspace that could pull
//! the relay back into `poc`. `client/tests/no_relay.rs` checks that `poc-client` depends on
//! none of the relay's crates.
//!
//! This crate does not hold any client logic: every step goes through `poc_client::ops`, the
//! same functions the `poc` commands use.

#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod files;
pub mod flow;
pub mod outcome;
pub mod progress;

pub use files::find_in_files;
pub use flow::run;
pub use outcome::{Outcome, Step};
pub use progress::Progress;
