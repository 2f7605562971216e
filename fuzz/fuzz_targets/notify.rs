//! `decode::<Notify>`: the push frames of a subscription.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_proto::Notify;

fuzz_target!(|data: &[u8]| {
    let _ = poc_fuzz::decode_checked::<Notify>(data);
});
