//! `decode::<Request>`: what the relay decodes from every client stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_proto::Request;

fuzz_target!(|data: &[u8]| {
    let _ = poc_fuzz::decode_checked::<Request>(data);
});
