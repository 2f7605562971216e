//! `decode::<Response>`: what the client decodes from the relay.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_proto::Response;

fuzz_target!(|data: &[u8]| {
    let _ = poc_fuzz::decode_checked::<Response>(data);
});
