//! # poc-keys: all cryptography of PoC Relay
//!
//! The only crate that touches secret keys. It provides:
//!
//! - [`identity`]: a PoC identity ([`PocKey`]: ed25519 signing key + age X25519 key) and its
//!   public half ([`PocPublic`]);
//! - [`fingerprint`]: fingerprints for reading over the phone, and mailbox ids;
//! - [`key_arg`]: a custodian public key given on a command line (`custodian.pub` or hex);
//! - [`keystore`]: identity files encrypted with age's scrypt passphrase format (mode 0600);
//! - `low_work_factor` (feature `test-low-work-factor`, test harnesses only): a switch a
//!   process sets on itself to write keystores with a low scrypt work factor;
//! - [`seal`]: sign-then-encrypt envelopes with padded plaintexts, and their opening;
//! - [`signing`]: domain-separated ed25519 signatures, always checked with `verify_strict`;
//! - [`directory`]: entry, directory and access-list signatures, and the directory encrypted
//!   to every member;
//! - [`team`]: directory format v2, where an entry is a team of members each with its own
//!   keys: member proofs, co-signatures, v2 directories, and v1 directories read as teams;
//! - [`relays`]: the relay list's bounds and directory format v3 (relays described, `k`);
//! - [`rotation`]: key rotation certificates and custodian key chains;
//! - [`auth`]: the relay login proof bound to the TLS session;
//! - [`tls_pin`]: the SHA-256 pin of a relay's TLS public key;
//! - [`verified`]: a verified directory of any format, every entry a team.
//!
//! It does no networking and keeps no state: storage of directories, inboxes and trust
//! decisions belong to the client.

#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod auth;
pub mod directory;
pub mod fingerprint;
pub mod identity;
pub mod key_arg;
pub mod keystore;
#[cfg(feature = "test-low-work-factor")]
pub mod low_work_factor;
pub mod relays;
pub mod rotation;
pub mod seal;
pub mod signing;
pub mod team;
pub mod tls_pin;
pub mod verified;

pub use fingerprint::{fingerprint, mailbox_id, FingerprintText};
pub use identity::{PocKey, PocPublic};
pub use keystore::KeystoreError;
pub use seal::{open, seal, OpenError, Opened, RoutingHeader, SealError};
pub use signing::{verifying_key, KeyError, SignatureError};

/// Fills a buffer from the operating system's random number generator.
///
/// # Panics
/// If the operating system cannot provide randomness, which leaves no safe way to continue.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut out).expect("the operating system random number generator failed");
    out
}
