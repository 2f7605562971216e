//! Ping campaign bundles: `ping::verify_bundle` with the pinned custodian key, as
//! `poc ping verify` runs it on a file received from the custodian.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let pinned = poc_fuzz::custodian().signing_public();
    let _ = poc_client::ops::ping::verify_bundle(data, &pinned);
});
