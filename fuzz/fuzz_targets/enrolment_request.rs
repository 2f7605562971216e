//! Enrolment requests, as `poc custodian add` reads them: `custodian::read_request` on the
//! armoured text (mode 0: the input is the text), or on the input armoured here (mode 1: the
//! input is the binary `EnrolmentRequest`, so the decoder and the entry checks are reached
//! without the base64 layer).
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_client::armor::armor;
use poc_client::ops::custodian::read_request;
use poc_client::ops::enrol::REQUEST_LABEL;
use poc_proto::EnrolmentRequest;

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = poc_fuzz::mode(data) else {
        return;
    };
    if mode & 1 == 0 {
        if let Ok(text) = std::str::from_utf8(rest) {
            let _ = read_request(text);
        }
    } else {
        let _ = poc_fuzz::decode_checked::<EnrolmentRequest>(rest);
        let text = armor(REQUEST_LABEL, &["comment".into()], rest);
        let _ = read_request(&text);
    }
});
