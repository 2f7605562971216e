//! The relay's TLS certificate as the client pins it: `tls_pin::spki_pin` (X.509 DER).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = poc_keys::tls_pin::spki_pin(data);
});
