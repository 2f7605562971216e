//! Regional imports (files from a regional organisation): `import::check_export` on CSV
//! (mode 0) and JSON (mode 1) exports, `import::check_consent` on consent files (mode 2).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use poc_client::ops::import::{check_consent, check_export};

fuzz_target!(|data: &[u8]| {
    let Some((mode, rest)) = poc_fuzz::mode(data) else {
        return;
    };
    let _ = match mode % 3 {
        0 => check_export(Path::new("export.csv"), rest),
        1 => check_export(Path::new("export.json"), rest),
        _ => check_consent(Path::new("consent.csv"), rest),
    };
});
