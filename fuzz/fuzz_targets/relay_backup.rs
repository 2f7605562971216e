//! `poc_relay::store::backup::verify`: a relay backup file handed to `poc-relay restore`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = poc_relay::store::backup::verify(data);
});
