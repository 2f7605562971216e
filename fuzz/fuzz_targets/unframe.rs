//! `poc_proto::unframe`: the length prefix of every frame read from a QUIC stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_proto::limits::{MAX_FRAME_BYTES, MAX_PREAUTH_FRAME_BYTES};
use poc_proto::{frame, unframe};

fuzz_target!(|data: &[u8]| {
    for limit in [0, 16, MAX_PREAUTH_FRAME_BYTES, MAX_FRAME_BYTES] {
        if let Ok(body) = unframe(data, limit) {
            assert!(body.len() <= limit);
            assert_eq!(frame(body), data, "an accepted frame re-frames differently");
        }
    }
});
