//! # poc-client: the PoC Relay client library and the `poc` command line
//!
//! - [`clock`]: the client's clock (Unix time, waits; a manual clock for tests);
//! - [`home`]: the home directory (identity, config, directory, inbox);
//! - [`profile`]: a PoC's contact details and their validation;
//! - [`invite`], [`armor`]: files exchanged out of band (invitations, enrolment requests);
//! - [`passphrase`]: reading passphrases;
//! - [`transport`]: QUIC connection to a relay with a pinned TLS key, login, requests;
//! - [`trust`]: the directory as root of trust (rollback, equivocation, chain checks);
//! - [`compose`]: building messages from fields;
//! - [`mailbox`]: the local inbox, sent records and message verification;
//! - [`ops`]: what each command does, shared by the CLI and the demo (crate `poc-demo`);
//! - [`i18n`]: labels and fixed values in the six UN languages;
//! - [`render`]: text output;
//! - [`terminal`]: text from others made safe to print (escapes, bidi controls);
//! - [`cli`]: the `poc` command line.
//!
//! Cryptography lives in `poc-keys`; this crate never handles raw secret key bytes. It contains
//! no relay: the demo with its embedded relay is the separate `poc-demo` crate and binary, so
//! that the `poc` binary PoCs install never links `poc-relay` (checked by `tests/no_relay.rs`).

#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]
// Text for people reaches the terminal only through the print functions of `cli`, which make
// it safe to show.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod armor;
pub mod cli;
pub mod clock;
pub mod compose;
pub mod error;
pub mod home;
pub mod i18n;
pub mod ids;
pub mod invite;
pub mod json;
pub mod mailbox;
pub mod ops;
pub mod passphrase;
pub mod passphrase_file;
pub mod profile;
pub mod render;
pub mod states;
pub mod terminal;
pub mod transport;
pub mod trust;
#[cfg(feature = "ui")]
pub mod ui;
