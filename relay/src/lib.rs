//! # poc-relay: the PoC Relay server
//!
//! A QUIC (quinn + rustls, TLS 1.3, ALPN `poc/1`) relay that stores end-to-end encrypted
//! envelopes in per-recipient mailboxes and admits only keys in the custodian-signed access
//! list.
//!
//! - [`init`]: `poc-relay init` (TLS key, certificate, config);
//! - [`admin`]: the owner-only admin socket, `poc-relay backup` and `poc-relay restore`;
//! - [`config`]: the TOML configuration and its limits;
//! - [`tls`]: TLS material and the QUIC server configuration (no 0-RTT);
//! - [`server`]: accept loop (QUIC Retry before any slot is taken), connections, streams,
//!   shutdown;
//! - `refusals`: connections refused at the accept loop, as one log line per interval;
//! - `supervisor`: the relay's long-running tasks; the first that ends ends the relay;
//! - `session`, `handlers`: per-connection authentication and one handler per request kind;
//! - [`access`]: the access list in force;
//! - [`store`]: the [`store::Store`] trait and its implementation: envelope bodies in
//!   segment files, one sled record each, an in-memory index of the mailboxes;
//! - [`clock`]: the time the relay goes by (system clock, or a manual one in tests);
//! - [`commit`]: group commit (answers only after a shared flush);
//! - `admission`: connection caps, the bounds on connections not logged in (overall and per
//!   source address), token buckets per key and, before login, per source address;
//! - `budget`: byte budgets of requests and large answers in flight, relay-wide and per key,
//!   and the minimum rate of a request body;
//! - `push`: one bounded queue and one pusher task per subscribed connection;
//! - `stream`: one request stream, read within the budgets and answered;
//! - `metrics`: Prometheus counters and the loopback `/metrics` endpoint;
//! - `month`: the calendar month (UTC) that monthly arrival statistics are counted under.
//!
//! The relay never sees plaintext, names or contact details: it holds ciphertexts, mailbox ids
//! (hashes of public keys), public keys, and the directory encrypted to its members. It does
//! not depend on the client crate.

#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod access;
pub mod admin;
mod admission;
mod budget;
pub mod clock;
pub mod commit;
pub mod config;
mod handlers;
pub mod init;
mod metrics;
mod month;
mod push;
mod refusals;
pub mod server;
mod session;
mod state;
pub mod store;
mod stream;
mod supervisor;
pub mod tls;

pub use clock::{Clock, ManualClock};
pub use config::{Limits, RelayConfig};
pub use server::{start, start_with_clock, RunningRelay};
pub use supervisor::TaskEnded;
