//! ASCII armour: `armor::dearmor` on arbitrary text, and dearmor(armor(bytes)) == bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use poc_client::armor::{armor, dearmor};

const LABEL: &str = "POC ENROLMENT REQUEST";

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = dearmor(LABEL, text);
    }
    let text = armor(LABEL, &["a comment".into()], data);
    match dearmor(LABEL, &text) {
        Ok(bytes) => assert_eq!(bytes, data, "armour does not round-trip"),
        Err(e) => panic!("armoured bytes do not dearmor: {e}"),
    }
});
