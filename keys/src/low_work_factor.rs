//! Test support: a process-wide switch that makes new keystores use a low scrypt work factor.
//!
//! Compiled only with the cargo feature `test-low-work-factor`, which the end-to-end test
//! crate (`poc-tests`) enables so that the identities it creates open in milliseconds instead
//! of a quarter second for every command.
//!
//! Why a function and not an environment variable or a flag: cargo unifies features across
//! one build, so `cargo build --release` at the workspace root (or `cargo test --workspace`)
//! compiles this module into the real `poc` binary too. Nothing outside the process can turn
//! the switch on: there is no variable, file or argument it reads, only
//! [`use_for_new_keystores_in_this_process`], which the `poc` and `poc-relay` binaries never
//! call. Only the test crate's `poc-low-work-factor` binary calls it, as the first thing in its
//! `main`. A `poc` binary built with this feature therefore still writes [`SCRYPT_LOG_N`];
//! the end-to-end test `keystore_work_factor` checks this on the real binary.
//!
//! Reading is unaffected: [`load`](crate::keystore::load) accepts any work factor up to
//! [`MAX_SCRYPT_LOG_N`](crate::keystore::MAX_SCRYPT_LOG_N) whatever this switch says.
//!
//! [`SCRYPT_LOG_N`]: crate::keystore::SCRYPT_LOG_N

use std::sync::atomic::{AtomicBool, Ordering};

/// The work factor written while the switch is on: N = 2^10 (about a millisecond).
pub const LOW_SCRYPT_LOG_N: u8 = 10;

static LOW: AtomicBool = AtomicBool::new(false);

/// From now on, keystores written by this process use [`LOW_SCRYPT_LOG_N`]. For test
/// harnesses only: such a keystore protects its keys with almost no brute-force cost.
pub fn use_for_new_keystores_in_this_process() {
    LOW.store(true, Ordering::SeqCst);
}

/// The low work factor if the switch is on.
pub(crate) fn override_log_n() -> Option<u8> {
    LOW.load(Ordering::SeqCst).then_some(LOW_SCRYPT_LOG_N)
}
